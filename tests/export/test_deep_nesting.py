"""Lists and quotes nested a thousand deep: every export succeeds, flattened with a note.

A CSV or a bundle can bring such text into an event; it used to crash every Word
export of the case with a RecursionError.
"""

from __future__ import annotations

import threading
from pathlib import Path

from docx_reading import EXPORT_DAY, NS, W, body, text_of

from deepdive.export import ExportFormat, export_case_study
from deepdive.services import Services
from deepdive.services.results import CaseDetail
from deepdive.text.markdown import MAX_NESTING, NESTING_NOTE, markdown_to_html

DEEP_LIST = "\n".join("  " * n + f"- level {n}" for n in range(1000))
DEEP_QUOTE = "\n".join(">" * n + f" said {n}" for n in range(1, 500))


def _deepen_first_event(services: Services, case: CaseDetail) -> None:
    event = services.events.list_events(case.id)[0]
    services.events.update(event.id, description=f"{DEEP_LIST}\n\nThen:\n\n{DEEP_QUOTE}")


def test_a_thousand_deep_list_exports_to_word_flattened_with_a_note(
    services: Services, demo: CaseDetail, tmp_path: Path
) -> None:
    _deepen_first_event(services, demo)
    out = tmp_path / "case.docx"
    export_case_study(services, demo.code, out, today=EXPORT_DAY)
    paragraphs = list(body(out).iter(f"{{{W}}}p"))
    texts = [text_of(p) for p in paragraphs]
    assert "level 0" in texts and "level 999" in texts  # nothing typed is lost
    assert any("said 499" in text for text in texts)
    assert NESTING_NOTE in texts
    levels = [
        int(level.get(f"{{{W}}}val")) for level in body(out).iterfind(".//w:numPr/w:ilvl", NS)
    ]
    assert max(levels) == MAX_NESTING - 1


def test_a_thousand_deep_list_exports_to_markdown(
    services: Services, demo: CaseDetail, tmp_path: Path
) -> None:
    _deepen_first_event(services, demo)
    out = tmp_path / "case.md"
    export_case_study(services, demo.code, out, format=ExportFormat.MD, today=EXPORT_DAY)
    text = out.read_text(encoding="utf-8")
    assert "level 999" in text and "said 499" in text


def test_the_preview_shows_the_same_flattened_list() -> None:
    html = markdown_to_html(DEEP_LIST)
    assert html.count("<ul>") == MAX_NESTING
    assert "level 999" in html and NESTING_NOTE in html


def test_text_that_opens_too_many_levels_on_one_line_is_shown_as_plain_text() -> None:
    html = markdown_to_html("- > " * 600 + "the end")
    assert "<ul>" not in html
    assert "the end" in html and NESTING_NOTE in html


def test_nesting_within_the_limit_is_untouched() -> None:
    text = "\n".join("  " * n + f"- level {n}" for n in range(MAX_NESTING))
    html = markdown_to_html(text)
    assert html.count("<ul>") == MAX_NESTING
    assert NESTING_NOTE not in html


def test_each_thread_renders_with_its_own_converter() -> None:
    """The export worker and the editor's preview render at the same time."""
    texts = [f"# Heading {n}\n\n- *item* {n}\n  - nested [^1]\n\n[^1]: Note {n}." for n in range(4)]
    expected = [markdown_to_html(text) for text in texts]
    start = threading.Barrier(len(texts))
    results: dict[int, list[str]] = {}

    def render(n: int) -> None:
        start.wait(timeout=30)
        results[n] = [markdown_to_html(texts[n]) for _ in range(200)]

    threads = [threading.Thread(target=render, args=(n,)) for n in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(results[n] == [expected[n]] * 200 for n in range(len(texts)))
