"""The programme report on the demo programme: it reads like a report worth sending."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from demo_programme import copy_of, programme_workspace_file
from docx_reading import PNG, body, headings, open_docx, text_of
from suppression_reader import pinned

from deepdive.cli import main
from deepdive.export.gate import default_gate
from deepdive.export.programme_report import export_programme_report
from deepdive.privacy.leakcheck import ExportBlocked
from deepdive.privacy.report_text import report_places
from deepdive.services import Services
from deepdive.services.learning import LearningFilter
from deepdive.services.learning_charts import BarChart

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(autouse=True)
def no_charts_drawn_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line would start Qt to draw charts; export tests stay Qt-free."""
    monkeypatch.setattr("deepdive.commands.report._chart_picture", lambda: None)


@pytest.fixture(scope="module")
def programme_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return programme_workspace_file(tmp_path_factory.mktemp("programme"))


@pytest.fixture
def programme(programme_file: Path, tmp_path: Path) -> Iterator[Services]:
    services = copy_of(programme_file, tmp_path)
    yield services
    services.close()


def _draw(chart: BarChart) -> bytes:
    return PNG


def _glance(document: Any) -> list[str]:
    """The paragraphs of the "At a glance" section."""
    texts = [p.text for p in document.paragraphs]
    return texts[texts.index("At a glance") + 1 : texts.index("Programme measures")]


def test_the_report_opens_with_headline_figures_in_words(
    programme: Services, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    export_programme_report(programme, out, chart_png=_draw, gate=default_gate())
    document = open_docx(out)
    level_one = [text for level, text in headings(document) if level == 1]
    assert level_one[:3] == ["At a glance", "Programme measures", "Stories of lives changed"]
    glance = _glance(document)
    assert glance[0] == "This report draws on the case studies of 13 young people."
    assert glance[1].startswith(
        "Residential placements commissioned fell from 46 in July 2017 to 25 placements "
        "in September 2019, down 46%."
    )
    # 8 of 10 stayed: the 2 who did not are too few to give, so neither is given exactly.
    assert (
        "Of the 10 young people on the edge of care, all but fewer than 5 stayed at home "
        "or with family rather than coming into care."
    ) in glance
    assert any(s.startswith("Missing episodes fell from ") for s in glance)


def test_measures_are_charted_with_alt_text_and_sourced_in_a_table(
    programme: Services, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    result = export_programme_report(programme, out, chart_png=_draw)
    # Checked for accessibility like the case study (headings, alt text, contrast): clean.
    assert result.accessibility is not None and result.accessibility.passed
    alts = [p.get("descr") for p in body(out).findall(f".//{{{WP}}}docPr")]
    residential = next(a for a in alts if "residential placements commissioned" in a)
    assert "July 2017: 46" in residential and "September 2019: 25" in residential
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in open_docx(out).tables]
    measure = next(t for t in tables if t[0][:3] == ["Date", "Placements", "Source"])
    assert measure[1][:3] == ["July 2017", "46", "Commissioning team's monthly return"]
    # Short sections flow: only the first section after the cover starts a new page.
    breaks = body(out).findall(f".//{{{W}}}pageBreakBefore")
    assert len(breaks) == 1


def test_stories_of_lives_changed_are_gathered_by_pseudonym(
    programme: Services, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    export_programme_report(programme, out)
    document = open_docx(out)
    level_two = [text for level, text in headings(document) if level == 2]
    assert "Mia (DEMO-002)" in level_two and "Jay (DEMO-001)" in level_two
    text = text_of(body(out))
    assert "I know how to be her mum again." in text
    # The key practice episodes come from many young people, not the latest two or three.
    texts = [p.text for p in document.paragraphs]
    excerpts = texts[texts.index("Key practice episodes") :]
    episode_cases = {h.split(" (")[1][:8] for h in level_two if h in excerpts and ", age" in h}
    assert len(episode_cases) >= 6


def test_a_story_is_leak_checked_like_everything_else(programme: Services, tmp_path: Path) -> None:
    mia = programme.cases.find("DEMO-002")
    story = programme.stories.get(mia.id).text
    programme.stories.set(mia.id, story + "\n\nHer NHS number is 943 476 5919.")
    out = tmp_path / "report.docx"
    gate = default_gate(places=lambda: report_places(programme))
    with pytest.raises(ExportBlocked) as stopped:
        export_programme_report(programme, out, gate=gate)
    assert not out.exists()
    # Named by the report's part and the case, so the app can go to the story.
    assert "Stories of lives changed › DEMO-002 › story" in str(stopped.value)


def test_a_narrowed_filter_hides_small_numbers_throughout(
    programme: Services, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    narrowed = LearningFilter(tags=frozenset({"child sexual exploitation"}))
    drawn: list[BarChart] = []

    def draw(chart: BarChart) -> bytes:
        drawn.append(chart)
        return PNG

    export_programme_report(programme, out, wanted=narrowed, chart_png=draw)
    document = open_docx(out)
    glance = _glance(document)
    assert glance[0] == "This report draws on the case studies of fewer than 5 young people."
    theme_rows = next(
        [[c.text for c in row.cells] for row in t.rows]
        for t in document.tables
        if t.rows[0].cells[0].text == "Theme"
    )
    assert all(row[1:] == ["fewer than 5"] * 3 for row in theme_rows[1:])
    # A chart of nothing but "fewer than 5" bars is left out, and the report says so.
    assert "themes" not in {c.key for c in drawn}
    assert (
        "The chart “Learning themes: cases each appears in” is left out: every figure in it "
        "is drawn from fewer than 5 cases."
    ) in [p.text for p in document.paragraphs]
    assert not any(f" {n} " in sentence for sentence in glance[1:] for n in range(1, 5))


def test_command_line_narrows_the_report_to_tagged_cases(
    programme_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    programme = copy_of(programme_file, tmp_path)
    workspace = programme.workspace.path
    programme.close()
    out = tmp_path / "cse.docx"
    args = ["report", "--out", str(out), "--workspace", str(workspace)]
    assert main([*args, "--tag", "child sexual exploitation"]) == 0
    assert "Wrote" in capsys.readouterr().out
    document = open_docx(out)
    assert _glance(document)[0] == (
        "This report draws on the case studies of fewer than 5 young people."
    )
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert ["Cases included", "fewer than 5"] in rows
    assert "tagged child sexual exploitation" in " ".join(" ".join(r) for r in rows)


def test_a_hidden_small_number_cannot_be_worked_out_from_its_row(
    programme: Services, tmp_path: Path
) -> None:
    """Better + the same + worse = the young people shown: with one of them hidden as
    "fewer than 5", a second is hidden too, so subtraction gives nothing away."""
    out = tmp_path / "report.docx"
    export_programme_report(programme, out, chart_png=_draw, gate=default_gate())
    document = open_docx(out)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Outcome")
    for row in table.rows[1:]:
        total, *parts = (cell.text for cell in row.cells[1:])
        hidden = [p for p in parts if not p.isdigit()]
        if total.isdigit() and hidden:
            assert len(hidden) >= 2, [cell.text for cell in row.cells]
            shown = sum(int(p) for p in parts if p.isdigit())
            assert shown < int(total)  # what is shown never adds up to the whole
    assert any("not shown" in cell.text for row in table.rows for cell in row.cells)


def _rows(document: Any, first: str) -> list[list[str]]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == first)
    return [[c.text for c in row.cells] for row in table.rows]


def test_no_hidden_figure_can_be_worked_out_from_the_report_tables(
    programme: Services, tmp_path: Path
) -> None:
    """The accommodation columns add up to the young people whose places are recorded,
    and each outcome row to its young people: a reader who knows the rule and the totals
    still cannot pin down any "fewer than 5"."""
    out = tmp_path / "report.docx"
    export_programme_report(programme, out, chart_png=_draw, gate=default_gate())
    document = open_docx(out)
    summary = programme.learning.summary()
    places = _rows(document, "Kind of place")[1:]
    for column, name in ((1, "at_start"), (2, "now")):
        texts = [row[column] for row in places]
        assert "fewer than 5" in texts
        total = sum(getattr(p, name) for p in summary.placements)
        assert pinned(texts, total) == [], texts
    for row in _rows(document, "Outcome")[1:]:
        if row[1].isdigit():
            assert pinned(row[2:], int(row[1])) == [], row
    paragraphs = [p.text for p in document.paragraphs]
    about = paragraphs.index("About these figures")
    assert paragraphs[about + 3].startswith("When all but a few young people in a group did")
    assert "all but fewer than 5" in paragraphs[about + 3]


def test_a_narrowed_report_shows_no_small_number_in_any_table(
    programme: Services, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    narrowed = LearningFilter(tags=frozenset({"child sexual exploitation"}))
    export_programme_report(programme, out, wanted=narrowed, chart_png=_draw)
    document = open_docx(out)
    for first in ("Kind of place", "Outcome", "Figure", "Theme"):
        for row in _rows(document, first)[1:]:
            assert not any(cell in {"1", "2", "3", "4"} for cell in row[1:]), row
    edge = next(r for r in _rows(document, "Figure") if r[0].startswith("Edge-of-care"))
    assert edge[1:] == ["not shown (a group of fewer than 5)", "fewer than 5"]
    glance = _glance(document)
    # Both young people have a story: "2 stories" would count the cases.
    assert "Stories of lives changed are told below." in glance
    assert not any(re.search(r"(?<![\d<])[1-4](?!\d)", sentence) for sentence in glance)
