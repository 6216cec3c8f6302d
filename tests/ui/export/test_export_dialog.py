"""File ▸ Export case study…: the dialog writes on a worker thread and offers the file."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from deepdive.demo import add_demo_case
from deepdive.export import ExportResult
from deepdive.services import Services
from deepdive.ui.export.export_dialog import ExportDialog


@pytest.fixture
def dialog(services: Services, qtbot: QtBot, tmp_path: Path) -> ExportDialog:
    case = add_demo_case(services)
    made = ExportDialog(
        services, case, marking="OFFICIAL-SENSITIVE", reference_doc="", folder=tmp_path
    )
    qtbot.addWidget(made)
    return made


def test_export_runs_in_the_background_and_offers_to_open_the_file(
    dialog: ExportDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    assert dialog.path_edit.text() == str(tmp_path / "DEMO-001-case-study.docx")
    with qtbot.waitSignal(dialog.export_finished, timeout=30000) as finished:
        dialog.export_button.click()
        assert dialog.is_running()
        assert not dialog.export_button.isEnabled()
    result = finished.args[0]
    assert isinstance(result, ExportResult)
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.progress.value() == 100
    assert dialog.open_button.isVisible() or not dialog.isVisible()
    assert "Saved" in dialog.status.text()
    assert "Accessibility check passed" in dialog.status.text()
    # Without LibreOffice (as this test runs) the contents cannot be numbered: it says so.
    assert "without page numbers" in dialog.status.text()
    document = docx.Document(str(tmp_path / "DEMO-001-case-study.docx"))
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"


def test_choices_shape_the_document(dialog: ExportDialog, qtbot: QtBot, tmp_path: Path) -> None:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("md"))
    assert dialog.path_edit.text().endswith(".md")
    dialog.sessions_list.item(0).setCheckState(dialog.sessions_list.item(0).checkState().Unchecked)
    dialog.marking_combo.setCurrentText("None")
    dialog.dates_combo.setCurrentIndex(dialog.dates_combo.findData("relative"))
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running())
    text = (tmp_path / "DEMO-001-case-study.md").read_text(encoding="utf-8")
    assert "## Reflective sessions" not in text
    assert "OFFICIAL-SENSITIVE" not in text
    assert "| age 7y 9m |" in text


def test_a_failure_is_explained_and_nothing_is_written(
    dialog: ExportDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog.path_edit.setText(str(tmp_path / "missing-folder" / "case.docx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=30000) as finished:
        dialog.export_button.click()
    assert finished.args[0] is None
    assert "does not exist" in dialog.status.text()
    assert dialog.export_button.isEnabled()
    assert not (tmp_path / "missing-folder").exists()


def test_every_control_has_an_accessible_name(dialog: ExportDialog) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget

    for kind in (QAbstractButton, QComboBox, QLineEdit, QListWidget):
        for widget in dialog.findChildren(kind):
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
                continue
            name = widget.accessibleName() or (
                widget.text() if isinstance(widget, QAbstractButton) else ""
            )
            assert name, widget


def test_a_missing_folder_message_clears_when_another_file_is_chosen(
    dialog: ExportDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog.path_edit.setText(str(tmp_path / "missing-folder" / "case.docx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.export_button.click()
    assert "does not exist" in dialog.status.text()
    dialog.path_edit.setText(str(tmp_path / "case.docx"))
    assert "does not exist" not in dialog.status.text()
    assert dialog.status.text() == "Choose what to include, then export."


def test_the_dialog_starts_in_the_remembered_folder_and_remembers_the_next(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from deepdive.ui.widgets.window_settings import WindowSettings

    settings = WindowSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    workspace = services.workspace.path
    earlier = tmp_path / "exports"
    earlier.mkdir()
    settings.set_export_folder(workspace, earlier)
    case = add_demo_case(services)
    made = ExportDialog(
        services,
        case,
        marking="OFFICIAL",
        reference_doc="",
        folder=settings.export_folder(workspace),
        remember_folder=lambda folder: settings.set_export_folder(workspace, folder),
    )
    qtbot.addWidget(made)
    assert made.path_edit.text() == str(earlier / "DEMO-001-case-study.docx")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    made.path_edit.setText(str(elsewhere / "jay.docx"))
    with qtbot.waitSignal(made.export_finished, timeout=30000):
        made.export_button.click()
    qtbot.waitUntil(lambda: not made.is_running())
    assert settings.export_folder(workspace) == elsewhere
    elsewhere.joinpath("jay.docx").unlink()
    elsewhere.rmdir()  # a remembered folder that has gone is not offered
    assert settings.export_folder(workspace) is None


def test_without_a_remembered_folder_the_documents_folder_is_made_and_used(
    services: Services, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    case = add_demo_case(services)
    made = ExportDialog(
        services, case, marking="OFFICIAL", reference_doc="", folder=tmp_path / "gone"
    )
    qtbot.addWidget(made)
    proposed = Path(made.path_edit.text())
    assert proposed.parent.is_dir()
    assert proposed.parent == home / "Documents"
