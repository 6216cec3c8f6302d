"""Every Markdown feature, rendered to Word and read back (``deepdive render``'s pipeline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_reading import FEATURES, NS, W, body, headings, open_docx, part_xml, text_of

from deepdive.export import markdown_word, render_markdown_file
from deepdive.export.word_document import WordDocument


@pytest.fixture(scope="module")
def features_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("features")
    source = folder / "features.md"
    source.write_text(FEATURES, encoding="utf-8")
    out = folder / "features.docx"
    render_markdown_file(source, out)
    return out


def _numbering(paragraph_element) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    num = paragraph_element.find("w:pPr/w:numPr", NS)
    if num is None:
        return None
    return (
        int(num.find("w:ilvl", NS).get(f"{{{W}}}val")),
        int(num.find("w:numId", NS).get(f"{{{W}}}val")),
    )


def _paragraph(document_path: Path, text: str):  # type: ignore[no-untyped-def]
    for p in body(document_path).iter(f"{{{W}}}p"):
        if text_of(p).startswith(text):
            return p
    raise AssertionError(f"no paragraph starting {text!r}")


def test_headings_never_skip_a_level(features_docx: Path) -> None:
    assert headings(open_docx(features_docx)) == [
        (1, "Notes from the practice visit"),
        (2, "A level-three heading straight after level one"),
        (2, "Closing"),
    ]


def test_emphasis_code_and_a_real_hyperlink(features_docx: Path) -> None:
    document = open_docx(features_docx)
    first = document.paragraphs[1]
    runs = {r.text: r for r in first.runs}
    assert runs["emphasis"].italic
    assert runs["strong words"].bold
    assert runs["inline code"].style.name == "Inline Code"
    link = _paragraph(features_docx, "A paragraph").find("w:hyperlink", NS)
    assert link is not None and text_of(link) == "real link"
    rel_id = link.get(f"{{{NS['r']}}}id")
    relation = document.part.rels[rel_id]
    assert relation.is_external and relation.target_ref == "https://example.org/guidance"


def test_unicode_survives(features_docx: Path) -> None:
    assert "Emoji 🌱 and Hebrew שלום stay" in open_docx(features_docx).paragraphs[1].text


def test_footnote_is_a_real_word_footnote(features_docx: Path) -> None:
    reference = _paragraph(features_docx, "A paragraph").find(".//w:footnoteReference", NS)
    assert reference is not None
    footnotes = part_xml(features_docx, "word/footnotes.xml")
    assert footnotes is not None
    note = footnotes.find(f"w:footnote[@w:id='{reference.get(f'{{{W}}}id')}']", NS)
    assert note is not None
    assert text_of(note).strip() == "The visit was in spring, see the plan."
    assert note.find(".//w:hyperlink", NS) is not None
    assert "↩" not in text_of(footnotes)


def test_block_quotes_use_the_quote_style(features_docx: Path) -> None:
    document = open_docx(features_docx)
    quoted = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert [p.text for p in quoted] == [
        "A block quote from the young person.",
        "And a quote inside it.",
    ]


def test_nested_lists_with_two_or_four_spaces(features_docx: Path) -> None:
    def level(text: str) -> int:
        found = _numbering(_paragraph(features_docx, text))
        assert found is not None, text
        return found[0]

    assert level("Bullet one") == 0
    assert level("Nested with two spaces") == 1
    assert level("And deeper") == 2
    assert level("Nested with four spaces") == 1
    assert level("Nested numbered") == 1
    assert _paragraph(features_docx, "Things we saw:") is not None


def test_numbered_lists_restart_where_the_markdown_restarts(features_docx: Path) -> None:
    first = _numbering(_paragraph(features_docx, "First"))
    third = _numbering(_paragraph(features_docx, "Third"))
    restarted = _numbering(_paragraph(features_docx, "A new list restarts"))
    five = _numbering(_paragraph(features_docx, "Or starts where"))
    assert first is not None and third is not None and restarted is not None and five
    assert first[1] == third[1]
    assert len({first[1], restarted[1], five[1]}) == 3
    numbering = part_xml(features_docx, "word/numbering.xml")
    assert numbering is not None

    def start_of(num_id: int) -> int:
        num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        return int(num.find("w:lvlOverride/w:startOverride", NS).get(f"{{{W}}}val"))

    assert start_of(restarted[1]) == 1
    assert start_of(five[1]) == 5


def test_tables_mark_their_header_row(features_docx: Path) -> None:
    table = open_docx(features_docx).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Agency", "Contacts", "Notes"]
    assert table.rows[0]._tr.find("w:trPr/w:tblHeader", NS) is not None
    assert table.rows[1]._tr.find("w:trPr/w:tblHeader", NS) is None
    assert [c.text for c in table.rows[1].cells] == ["Police", "12", "few"]
    centred = table.rows[1].cells[1].paragraphs[0]._p.find("w:pPr/w:jc", NS)
    assert centred is not None and centred.get(f"{{{W}}}val") == "center"


def test_code_blocks_keep_their_lines_and_rules_are_drawn(features_docx: Path) -> None:
    code = next(p for p in open_docx(features_docx).paragraphs if p.style.name == "Code Block")
    assert code.text == "code block line 1\n    indented line 2"
    rules = [
        p
        for p in body(features_docx).iter(f"{{{W}}}p")
        if p.find("w:pPr/w:pBdr", NS) is not None and not text_of(p)
    ]
    assert rules


def test_fast_path_for_plain_text_gives_the_same_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    samples = [
        "Jay (13) was seen at school: he said home was OK.",
        "Two paragraphs.\n\nThe second one, with a line\nbreak inside it.",
        "Trailing spaces at the very end  ",
        "Quotes “like this” and 'these', numbers 12, 3.5 and a hyphen-ated word.",
    ]
    fast = WordDocument()
    assert all(markdown_word.is_plain(s) for s in samples)
    quick = [fast.markdown.blocks(s) for s in samples]
    monkeypatch.setattr(markdown_word, "is_plain", lambda _text: False)
    slow = WordDocument()
    assert quick == [slow.markdown.blocks(s) for s in samples]


def test_markdown_syntax_is_never_taken_for_plain_text() -> None:
    for text in (
        "*a*",
        "1. item",
        "- item",
        "> quote",
        "a | b",
        "line  \nbreak",
        "x\n===",
        "[link](u)",
        "a & b",
        "# heading",
        "    code",
        "Term\n: def",
    ):
        assert not markdown_word.is_plain(text), text
