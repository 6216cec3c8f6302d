"""The chronology's "Save picture…" asks how to show dates, as an export does, and draws
the export's own picture: shifted dates need the unlocked key vault and move every date
on it, in its labels' words too."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, answer_next_dialog, unlock_vault

from deepdive.export.dates import export_offset, short_date
from deepdive.export.options import DateMode
from deepdive.privacy.vault import Vault
from deepdive.services.events import EventInput
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.timeline.pane import TimelinePane
from deepdive.ui.timeline.save_dialog import SavePictureDialog

PASSPHRASE = "correct horse battery"


def _pane(window: MainWindow, qtbot: QtBot) -> TimelinePane:
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay", birth="2004-05")
    window.services.events.add_many(
        case.id,
        [
            EventInput("2016-03-14", "education", "Started at college", key_episode=True),
            EventInput("2019-09-16", "health", "Nurse, 14 Sep 2019", key_episode=True),
        ],
    )
    window.view.select_case(case.id)
    window.view.case_tabs.setCurrentWidget(window.view.chronology)
    pane = window.view.chronology.timeline
    qtbot.waitUntil(lambda: len(pane.view.events) == 2)
    return pane


def _save(pane: TimelinePane, mode: DateMode, out: Path) -> list[bool]:
    """Save picture…, choosing ``mode`` and ``out``; whether shifted dates were offered."""
    offered: list[bool] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SavePictureDialog)
        offered.append(dialog.dates_note.isHidden())
        dialog.choose(mode)
        dialog.path_edit.setText(str(out))
        dialog.accept()

    answer_next_dialog(fill)
    pane.choose_picture_file()
    return offered


def _words(path: Path) -> list[str]:
    return [t.strip() for t in ElementTree.parse(path).getroot().itertext() if t.strip()]


def test_the_picture_is_saved_with_shifted_dates_once_the_vault_is_unlocked(
    make_window: WindowFactory, workspace_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    Vault.create(workspace_path.with_suffix(".vault"), PASSPHRASE).lock()
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    pane = _pane(window, qtbot)
    said: list[str] = []
    pane.status.connect(said.append)
    unlock_vault(window, PASSPHRASE)

    out = tmp_path / "shifted.svg"
    assert _save(pane, DateMode.SHIFTED, out) == [True]
    assert said == [f"Saved the timeline as {out}"]
    vault = window.privacy_menu.context.vault
    assert vault is not None
    entry = vault.case("DD-1")  # the case's secret shift was made for it, as an export's is
    assert entry is not None
    offset = export_offset(entry.date_shift_days)
    nurse, seen = (date(2019, 9, day) + timedelta(days=offset) for day in (16, 14))
    words = _words(out)
    assert _labelled(words, f"{short_date(nurse)} · Nurse, {short_date(seen)}")
    assert not [w for w in words if "16 Sep 2019 ·" in w or "14 Mar 2016 ·" in w]
    # Every year on the axis is one of the moved span's (the secret shift is random, so
    # a real year can be a moved one too; none from outside the moved span is shown).
    college = date(2016, 3, 14) + timedelta(days=offset)
    shown = {int(y) for w in words for y in re.findall(r"\b(?:19|20)[0-9]{2}\b", w)}
    assert shown and shown <= set(range(college.year - 1, nurse.year + 2))


def test_without_an_unlocked_vault_shifted_dates_are_not_offered(
    make_window: WindowFactory, workspace_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)  # a workspace with no key vault
    pane = _pane(window, qtbot)
    out = tmp_path / "ages.svg"
    assert _save(pane, DateMode.SHIFTED, out) == [False]  # left as it was: real dates
    assert _labelled(_words(out), "16 Sep 2019 · Nurse, 14 Sep 2019")

    assert _save(pane, DateMode.RELATIVE, out) == [False]
    words = _words(out)
    assert _labelled(words, "age 15y 4m · Nurse, age 15y 4m")
    assert not [w for w in words if re.search(r"\b(19|20)[0-9]{2}\b", w)]


def _labelled(words: list[str], label: str) -> bool:
    """Whether the picture shows ``label`` whole, after its key episode's number."""
    return any(re.fullmatch(rf"[0-9]+ · {re.escape(label)}", word) for word in words)
