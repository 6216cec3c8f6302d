"""Every app path that writes case content out asks about possible names in the same
way (the findings dialog, default Cancel): a case bundle and the programme report as
well as the case study export. Cancel writes nothing and records nothing; "Export
anyway" writes the file and the export audit log says what was accepted and how, as
the command line records it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.services.events import EventInput
from deepdive.ui.privacy.report_dialogs import FindingsDialog
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.workspace.bundle_commands import BundleCommands

ACCEPTED = "leak check passed; accepted in the app: 1 possible name"


@dataclass
class ScriptedFiles:
    paths: list[Path | None] = field(default_factory=list)

    def save_path(self, parent: Any, suggested: Path) -> Path | None:
        return self.paths.pop(0)

    def open_path(self, parent: Any, start: Path) -> Path | None:
        return self.paths.pop(0)


@pytest.fixture
def window(make_window: WindowFactory, workspace_path: Path) -> MainWindow:
    """A workspace (no key vault) whose key episode names someone nobody registered."""
    made = make_window()
    made.show()
    assert made.open_workspace(workspace_path)
    assert made.services is not None and made.view is not None
    case = made.services.cases.create("DD-1", "Jay", summary="Jay moved to a new school.")
    event = made.services.events.add(
        case.id,
        EventInput("2020-01-01", "family", "Mr Pemberton took Jay fishing", key_episode=True),
    )
    made.services.themes.apply_to_event(event.id, "Trusted adult")
    made.view.select_case(case.id)
    return made


def _answer_findings(go_ahead: bool, seen: list[tuple[str, str]]) -> None:
    """When the findings dialog opens: note its title and findings, then answer."""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, FindingsDialog)
        model = dialog.model
        words = ", ".join(str(model.data(model.index(r, 3))) for r in range(model.rowCount()))
        seen.append((dialog.windowTitle(), words))
        if go_ahead:
            dialog.accept()
        else:
            dialog.reject()

    answer_next_dialog(fill)


def test_a_bundle_asks_about_possible_names_and_cancel_writes_nothing(
    window: MainWindow, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    services = window.services
    assert services is not None
    files = ScriptedFiles()
    window.nothing_lost.set_bundle_commands(BundleCommands(window, prompter, files))  # type: ignore[arg-type]
    folder = tmp_path / "out"
    folder.mkdir()
    bundle = folder / "DD-1.ddcase"

    seen: list[tuple[str, str]] = []
    _answer_findings(False, seen)
    files.paths = [bundle]
    window.nothing_lost.export_bundle_action.trigger()
    assert seen == [("Possible names in the export", "Pemberton")]
    assert "cancelled because of possible names; nothing was written" in prompter.warnings[-1]
    assert list(folder.iterdir()) == []
    assert services.audit.list_exports("DD-1") == []

    _answer_findings(True, seen)
    files.paths = [bundle]
    window.nothing_lost.export_bundle_action.trigger()
    assert len(seen) == 2
    assert bundle.is_file()
    assert [r.check_result for r in services.audit.list_exports("DD-1")] == [ACCEPTED]


def test_the_programme_report_asks_about_possible_names_and_cancel_writes_nothing(
    window: MainWindow, prompter: ScriptedPrompter, tmp_path: Path, qtbot: QtBot
) -> None:
    services = window.services
    assert services is not None
    folder = tmp_path / "out"
    folder.mkdir()
    report = folder / "report.docx"
    window.learning.choose_path = lambda parent, start: report

    seen: list[tuple[str, str]] = []
    _answer_findings(False, seen)
    assert window.learning.export_report() is None
    assert seen == [("Possible names in the export", "Pemberton")]
    assert "cancelled because of possible names; nothing was written" in prompter.warnings[-1]
    assert list(folder.iterdir()) == []
    assert services.audit.list_exports() == []

    _answer_findings(True, seen)
    assert window.learning.export_report() == report
    assert len(seen) == 2
    assert report.is_file()
    records = services.audit.list_exports()
    assert [(r.kind, r.check_result) for r in records] == [("report", ACCEPTED)]


def test_the_timeline_picture_asks_about_possible_names_in_its_labels(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """A picture cannot be read back, so the words drawn into it are asked about as an
    export's are: Cancel saves nothing; going ahead saves it."""
    from deepdive.export.options import DateMode

    assert window.view is not None
    window.view.case_tabs.setCurrentWidget(window.view.chronology)
    pane = window.view.chronology.timeline
    qtbot.waitUntil(lambda: len(pane.view.events) == 1)
    out = tmp_path / "timeline.png"
    seen: list[tuple[str, str]] = []
    said: list[str] = []
    pane.status.connect(said.append)

    _answer_findings(False, seen)
    pane.save_chosen(DateMode.REAL, out)
    assert seen == [("Possible names in the export", "Pemberton")]
    assert not out.exists() and said[-1] == "The timeline picture was not saved."

    services = window.services
    assert services is not None
    assert services.audit.list_exports() == []  # nothing saved, nothing logged

    _answer_findings(True, seen)
    pane.save_chosen(DateMode.REAL, out)
    assert out.is_file() and said[-1] == f"Saved the timeline as {out}"
    # The picture carries case content out of the app: the export log says so.
    [record] = services.audit.list_exports()
    assert (record.case_code, record.kind, record.file_name) == ("DD-1", "png", out.name)
    assert record.check_result == ACCEPTED


def test_a_learning_chart_asks_about_possible_names_in_its_words(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """A chart is a picture: the words drawn into it (a theme named before anyone
    thought of the name in it) are asked about, and a saved chart is in the export log."""
    services = window.services
    assert services is not None
    from deepdive.ui.learning.chart_saving import ChartNotSaved, chart_words
    from deepdive.ui.learning.view import LearningView

    [event] = services.events.list_events(services.cases.find("DD-1").id)
    services.themes.apply_to_event(event.id, "Time with Pemberton")
    view = window.learning.show_learning()
    assert isinstance(view, LearningView)
    qtbot.waitUntil(lambda: view.summary is not None)
    view.chart_tabs.setCurrentIndex(0)
    chart = view.current_chart()
    assert chart is not None and "Time with Pemberton" in " ".join(chart_words(chart))
    out = tmp_path / "themes.png"
    seen: list[tuple[str, str]] = []

    _answer_findings(False, seen)
    with pytest.raises(ChartNotSaved):
        view.export_chart(out)
    [(title, words)] = seen  # found in the bar's label and in the alt text
    assert title == "Possible names in the export" and set(words.split(", ")) == {"Pemberton"}
    assert not out.exists() and services.audit.list_exports() == []

    _answer_findings(True, seen)
    assert view.export_chart(out) == out and out.is_file()
    [record] = services.audit.list_exports()
    accepted = "leak check passed; accepted in the app: 2 possible names"  # label, alt text
    assert (record.case_code, record.kind, record.check_result) == (None, "png", accepted)
