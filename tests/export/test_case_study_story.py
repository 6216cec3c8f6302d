"""The story of a life changed in the single-case study: under the summary, its dates
shown as every date in the export is, and leak-checked with the rest."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from docx_reading import EXPORT_DAY, headings, open_docx

from deepdive.cli import main
from deepdive.export import DateMode, ExportOptions, Section, export_case_study
from deepdive.export.dates import export_offset
from deepdive.services import Services
from deepdive.services.results import CaseDetail

STORY = (
    "On 14 September 2019 Jay moved to live with **Nan**. His last missing episode was in "
    "May 2020, and he is now at college three days a week."
)


def _story_paragraphs(path: Path) -> list[str]:
    """The paragraphs under "The story of a life changed", up to the next heading."""
    document = open_docx(path)
    texts = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    start = next(
        i for i, (_style, text) in enumerate(texts) if text == "The story of a life changed"
    )
    out = []
    for style, text in texts[start + 1 :]:
        if style.lower().startswith("heading"):
            break
        out.append(text)
    return [t for t in out if t]


@pytest.fixture
def storied(services: Services, demo: CaseDetail) -> Services:
    services.stories.set(demo.id, STORY)
    return services


def test_the_story_follows_the_summary(storied: Services, tmp_path: Path) -> None:
    out = tmp_path / "jay.docx"
    export_case_study(storied, "DEMO-001", out, today=EXPORT_DAY)
    found = headings(open_docx(out))
    summary = found.index((1, "Summary"))
    story = found.index((2, "The story of a life changed"))
    assert summary < story < found.index((1, "Profile and cast"))
    assert _story_paragraphs(out) == [STORY.replace("**", "")]
    # Left out with the summary, and absent (no empty heading) when none is written.
    only = tmp_path / "no-summary.docx"
    options = ExportOptions(sections=frozenset({Section.PROFILE}))
    export_case_study(storied, "DEMO-001", only, options=options, today=EXPORT_DAY)
    assert (2, "The story of a life changed") not in headings(open_docx(only))


def test_no_story_no_heading(services: Services, demo: CaseDetail, tmp_path: Path) -> None:
    services.stories.set(demo.id, "")  # the demo case has one
    out = tmp_path / "jay.docx"
    export_case_study(services, "DEMO-001", out, today=EXPORT_DAY)
    assert (2, "The story of a life changed") not in headings(open_docx(out))


def test_shifted_and_relative_exports_move_the_storys_dates(
    storied: Services, tmp_path: Path
) -> None:
    shifted = tmp_path / "shifted.docx"
    options = ExportOptions(date_mode=DateMode.SHIFTED, date_shift_days=10)
    export_case_study(storied, "DEMO-001", shifted, options=options, today=EXPORT_DAY)
    text = " ".join(_story_paragraphs(shifted))
    moved = date(2019, 9, 14) + timedelta(days=export_offset(10))
    assert f"On {moved.day} {moved:%B %Y} Jay moved to live with Nan" in text
    assert "2019" not in text and "2020" not in text.replace(f"{moved:%Y}", "")
    assert "14 September" not in text

    relative = tmp_path / "relative.docx"
    options = ExportOptions(date_mode=DateMode.RELATIVE)
    export_case_study(storied, "DEMO-001", relative, options=options, today=EXPORT_DAY)
    text = " ".join(_story_paragraphs(relative))
    assert "2019" not in text and "2020" not in text and "September" not in text
    assert "age" in text and "Jay moved to live with Nan" in text

    markdown = tmp_path / "shifted.md"
    options = ExportOptions(date_mode=DateMode.SHIFTED, date_shift_days=10)
    export_case_study(storied, "DEMO-001", markdown, options=options, today=EXPORT_DAY)
    written = markdown.read_text(encoding="utf-8")
    assert "### The story of a life changed" in written
    assert f"On {moved.day} {moved:%B %Y} Jay moved to live with **Nan**" in written
    assert "14 September 2019" not in written


def test_a_leak_in_the_story_stops_the_export_and_is_named(
    storied: Services, demo: CaseDetail, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    storied.reference_patterns.add("Our Mosaic numbers", r"MOS-\d{6}")
    storied.stories.set(demo.id, STORY + " His record is MOS-123456.")
    path = storied.workspace.path
    storied.close()
    out = tmp_path / "jay.docx"
    assert main(["export", "DEMO-001", "--workspace", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "MOS-123456" in err and "story of a life changed" in err
    assert not out.exists()
