"""File ▸ Export case study… with the key vault: registered names, shifted dates, and
possible names confirmed (or not) before anything is written."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from ui_helpers import answer_next_dialog

from deepdive.export import ExportResult
from deepdive.export.dates import export_offset
from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultPerson
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.export.export_dialog import ExportDialog
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.report_dialogs import FindingsDialog

PASSPHRASE = "correct horse battery"


@pytest.fixture
def privacy() -> Iterator[PrivacyContext]:
    context = PrivacyContext()
    yield context
    context.set_vault(None)


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    made = Vault.create(tmp_path / "cases.vault", PASSPHRASE)
    entries = made.ensure_case("DD-7")
    made.put_case(entries.with_person(VaultPerson("Jay", real_names=("Jayden Marsh",))))
    return made


def _case(services: Services, summary: str = "Jay moved to a new school.") -> int:
    case = services.cases.create("DD-7", "Jay", summary=summary)
    services.people.add(case.id, "Mum", "parent")
    services.events.add(case.id, EventInput("2016-03-14", "education", "Started at college"))
    return case.id


def _dialog(
    services: Services,
    qtbot: QtBot,
    folder: Path,
    privacy: PrivacyContext,
    unlock: object = None,
) -> ExportDialog:
    case_id = next(c.id for c in services.cases.list_cases() if c.code == "DD-7")
    dialog = ExportDialog(
        services,
        services.cases.get(case_id),
        marking="OFFICIAL-SENSITIVE",
        reference_doc="",
        folder=folder,
        privacy=privacy,
        unlock=unlock,  # type: ignore[arg-type]
    )
    qtbot.addWidget(dialog)
    return dialog


def _export(dialog: ExportDialog, qtbot: QtBot) -> ExportResult | None:
    with qtbot.waitSignal(dialog.export_finished, timeout=60000) as finished:
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running())
    result = finished.args[0]
    assert result is None or isinstance(result, ExportResult)
    return result


def _body(path: Path) -> str:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(texts)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "cases.vault")


def _shifted_item_enabled(dialog: ExportDialog) -> bool:
    index = dialog.dates_combo.findData("shifted")
    item = dialog.dates_combo.model().item(index)  # type: ignore[attr-defined]
    return bool(item.isEnabled())


def test_locked_vault_keeps_shifted_dates_off_and_says_what_is_checked(
    services: Services, qtbot: QtBot, tmp_path: Path, privacy: PrivacyContext
) -> None:
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    _case(services)
    dialog = _dialog(services, qtbot, out_folder, privacy)
    assert not _shifted_item_enabled(dialog)
    assert not dialog.dates_note.isHidden()
    assert dialog.dates_note.text() == "Unlock the key vault to export shifted dates"
    assert "locked" in dialog.privacy_note.text()
    assert "patterns" in dialog.privacy_note.text()
    # Chosen anyway (say by keyboard before the vault locked): refused, nothing written.
    dialog.dates_combo.setCurrentIndex(dialog.dates_combo.findData("shifted"))
    assert _export(dialog, qtbot) is None
    assert "Unlock the key vault" in dialog.status.text()
    assert _leftovers(out_folder) == []
    # Real dates go out with the patterns-only check.
    dialog.dates_combo.setCurrentIndex(dialog.dates_combo.findData("real"))
    result = _export(dialog, qtbot)
    assert result is not None
    assert "14 Mar 2016" in _body(result.path)
    assert services.audit.list_exports("DD-7")[0].check_result == "leak check passed"


def test_unlocked_vault_blocks_a_registered_name_and_writes_nothing(
    services: Services, qtbot: QtBot, tmp_path: Path, privacy: PrivacyContext, vault: Vault
) -> None:
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    case_id = _case(services, summary="Jay (Jayden to his friends) moved to a new school.")
    dialog = _dialog(services, qtbot, out_folder, privacy)
    assert _export(dialog, qtbot) is not None, "locked: 'Jayden' is not known to be a name"
    (out_folder / "DD-7-case-study.docx").unlink()

    privacy.set_vault(vault)
    assert "registered in the key vault" in dialog.privacy_note.text()
    assert _export(dialog, qtbot) is None
    assert "stopped" in dialog.status.text() and "Jayden" in dialog.status.text()
    assert _leftovers(out_folder) == []

    services.cases.update(case_id, summary="Jay moved to a new school.")
    dialog = _dialog(services, qtbot, out_folder, privacy)
    result = _export(dialog, qtbot)
    assert result is not None and "Jayden" not in _body(result.path)


def test_shifted_dates_use_the_cases_secret_shift_from_the_vault(
    services: Services, qtbot: QtBot, tmp_path: Path, privacy: PrivacyContext, vault: Vault
) -> None:
    _case(services)
    privacy.set_vault(vault)
    dialog = _dialog(services, qtbot, tmp_path, privacy)
    assert _shifted_item_enabled(dialog)
    assert dialog.dates_note.isHidden()
    dialog.dates_combo.setCurrentIndex(dialog.dates_combo.findData("shifted"))
    result = _export(dialog, qtbot)
    assert result is not None
    entry = vault.case("DD-7")
    assert entry is not None
    moved = date(2016, 3, 14) + timedelta(days=export_offset(entry.date_shift_days))
    body = _body(result.path)
    assert f"{moved.day} {moved:%b %Y}" in body
    assert "14 Mar 2016" not in body

    # The vault locks (idle) while the dialog is open: shifted dates go off again.
    privacy.set_vault(None)
    assert not _shifted_item_enabled(dialog)
    assert not dialog.dates_note.isHidden()


def test_unlocking_from_the_dialog_makes_shifted_dates_available(
    services: Services, qtbot: QtBot, tmp_path: Path, privacy: PrivacyContext, vault: Vault
) -> None:
    _case(services)
    asked: list[bool] = []

    def unlock() -> Vault:
        asked.append(True)
        privacy.set_vault(vault)
        return vault

    dialog = _dialog(services, qtbot, tmp_path, privacy, unlock)
    assert not dialog.unlock_button.isHidden()
    dialog.unlock_button.click()
    assert asked == [True]
    assert _shifted_item_enabled(dialog)
    assert dialog.unlock_button.isHidden()


def _answer_findings(go_ahead: bool, seen: list[str]) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, FindingsDialog)
        model = dialog.model
        seen.extend(str(model.data(model.index(row, 3))) for row in range(model.rowCount()))
        if go_ahead:
            dialog.accept()
        else:
            dialog.reject()

    answer_next_dialog(fill)


def test_possible_names_ask_first_and_cancel_writes_nothing(
    services: Services, qtbot: QtBot, tmp_path: Path, privacy: PrivacyContext
) -> None:
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    _case(services, summary="Jay and Mum met Mr Pemberton at the review.")
    dialog = _dialog(services, qtbot, out_folder, privacy)
    seen: list[str] = []
    _answer_findings(False, seen)
    assert _export(dialog, qtbot) is None
    assert seen == ["Pemberton"], "pseudonyms and the cast are never asked about"
    assert "cancelled" in dialog.status.text() and "nothing was written" in dialog.status.text()
    assert _leftovers(out_folder) == []
    assert services.audit.list_exports("DD-7") == []


def test_possible_names_confirmed_are_exported_and_recorded(
    services: Services, qtbot: QtBot, tmp_path: Path, privacy: PrivacyContext
) -> None:
    _case(services, summary="Jay and Mum met Mr Pemberton at the review.")
    dialog = _dialog(services, qtbot, tmp_path, privacy)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("md"))
    seen: list[str] = []
    _answer_findings(True, seen)
    result = _export(dialog, qtbot)
    assert seen == ["Pemberton"]
    assert result is not None
    assert "Mr Pemberton" in result.path.read_text(encoding="utf-8")
    record = services.audit.list_exports("DD-7")[0]
    assert record.check_result == "leak check passed; accepted in the app: 1 possible name"


def test_the_dialogs_timeline_picture_shows_shifted_dates_and_the_name_no_date(
    services: Services, qtbot: QtBot, tmp_path: Path, privacy: PrivacyContext, vault: Vault
) -> None:
    from deepdive.ui.export.export_worker import draw_timeline

    case_id = _case(services)
    services.events.add(
        case_id, EventInput("2017-06-22", "police/justice", "Stopped by police", key_episode=True)
    )
    privacy.set_vault(vault)
    dialog = ExportDialog(
        services,
        services.cases.get(case_id),
        marking="OFFICIAL-SENSITIVE",
        reference_doc="",
        folder=tmp_path,
        privacy=privacy,
        timeline=draw_timeline,
    )
    qtbot.addWidget(dialog)
    assert Path(dialog.path_edit.text()).name == "DD-7-case-study.docx"  # no date in it
    dialog.dates_combo.setCurrentIndex(dialog.dates_combo.findData("shifted"))
    result = _export(dialog, qtbot)
    assert result is not None
    entry = vault.case("DD-7")
    assert entry is not None
    moved = date(2017, 6, 22) + timedelta(days=export_offset(entry.date_shift_days))
    with zipfile.ZipFile(result.path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        assert any(n.startswith("word/media/") for n in archive.namelist())
    alt = xml.split('descr="', 1)[1].split('"', 1)[0]
    # The picture's label and axis are the export's: its strings are all in the alt text.
    assert f"{moved.day} {moved:%b %Y}: Stopped by police" in alt
    assert "2017" not in alt and "2016" not in alt


def test_a_date_a_shifted_export_cannot_move_stops_it_and_says_where(
    services: Services, qtbot: QtBot, tmp_path: Path, privacy: PrivacyContext, vault: Vault
) -> None:
    """The last check in the app: "ref/2016" would go out real beside the moved dates,
    so the export stops, names the event and the field, and writes nothing."""
    case_id = _case(services)
    services.events.add(case_id, EventInput("2017-05-02", "education", "Letter ref/2016 sent"))
    privacy.set_vault(vault)
    folder = tmp_path / "out"
    folder.mkdir()
    dialog = _dialog(services, qtbot, folder, privacy)
    dialog.dates_combo.setCurrentIndex(dialog.dates_combo.findData("shifted"))
    assert _export(dialog, qtbot) is None
    said = dialog.status.text()
    assert "could not be moved" in said and "nothing was written" in said
    assert "› What happened: “2016” in “Letter ref/2016 sent”" in said
    assert list(folder.iterdir()) == []
    assert services.audit.list_exports("DD-7") == []
