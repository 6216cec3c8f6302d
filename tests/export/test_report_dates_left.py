"""The programme report shows a case's dates only as ages: a date in a story it cannot
make an age stops the report, named by its place, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from learning_workspace import build

from deepdive.cli import main
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace


@pytest.fixture(autouse=True)
def no_charts_drawn_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line would start Qt to draw charts; export tests stay Qt-free."""
    monkeypatch.setattr("deepdive.commands.report._chart_picture", lambda: None)


def test_a_date_in_a_story_the_report_cannot_make_an_age_stops_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "w.deepdive"
    services = Services.for_workspace(open_workspace(workspace))
    build(services)
    case = services.cases.list_cases()[0]
    services.stories.set(case.id, "Since the letter ref/2016 he has stayed at home.")
    services.close()
    out = tmp_path / "report.docx"
    assert main(["report", "--out", str(out), "--workspace", str(workspace)]) == 1
    err = capsys.readouterr().err
    place = f"story of a life changed › {case.pseudonym} ({case.code})"
    assert f"{place}: “2016” in “Since the letter ref/2016 he has stayed at home.”" in err
    assert "or take it out" in err and "real dates:" not in err  # the report has no such mode
    assert not out.exists()
