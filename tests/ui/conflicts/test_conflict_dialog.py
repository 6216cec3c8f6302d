"""The dialog showing both versions: what it shows, and what each way out gives back."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from deepdive.ui.conflicts.dialog import Choice, ConflictDialog, ConflictField

FIELDS = [
    ConflictField("date", "Date", "14 Mar 2016", "14 Mar 2016"),
    ConflictField("category", "Domain", "Police/justice", "Family", editable=False),
    ConflictField("description", "What happened", "Found at 6am.", "Found at 5.40am.", True),
    ConflictField("tags", "Tags", "missing", "missing, police", both_changed=True),
]


def make(qtbot: QtBot) -> ConflictDialog:
    dialog = ConflictDialog("the event of 14 Mar 2016", FIELDS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_only_the_fields_that_differ_show_until_asked_and_clashes_are_marked(
    qtbot: QtBot,
) -> None:
    dialog = make(qtbot)
    shown = [row.field.name for row in dialog.rows if row.theirs.isVisible()]
    assert shown == ["category", "description", "tags"]
    dialog.show_same.setChecked(True)
    assert all(row.theirs.isVisible() for row in dialog.rows)
    notes = {row.field.name: row.note.text() for row in dialog.rows}
    assert "both" in notes["tags"] and "both" not in notes["description"]
    width, height = dialog.width(), dialog.height()
    assert width <= 1366 and height <= 768  # a laptop screen holds it


def test_keep_mine_and_take_theirs_give_back_each_whole_version(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.keep_mine.click()
    assert dialog.resolution().choice is Choice.KEEP_MINE
    assert dialog.resolution().values["description"] == "Found at 5.40am."
    dialog = make(qtbot)
    dialog.take_theirs.click()
    assert dialog.resolution().values == {f.name: f.theirs for f in FIELDS}


def test_closing_overwrites_nobody(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.reject()
    assert dialog.resolution().choice is Choice.TAKE_THEIRS


def test_merging_takes_edits_and_theirs_field_by_field(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.merge.click()
    assert dialog.save_merged.isVisible() and not dialog.keep_mine.isVisible()
    rows = {row.field.name: row for row in dialog.rows}
    description = rows["description"].editor
    assert isinstance(description, QPlainTextEdit)
    description.setPlainText("Found at 5.40am (police log says 6am).")
    rows["category"].use_theirs.setChecked(True)
    tags = rows["tags"].editor
    assert isinstance(tags, QLineEdit)
    rows["tags"].use_theirs.setChecked(True)
    assert tags.text() == "missing"
    dialog.save_merged.click()
    answer = dialog.resolution()
    assert answer.choice is Choice.MERGED
    assert answer.values["description"] == "Found at 5.40am (police log says 6am)."
    assert (answer.values["category"], answer.values["tags"]) == ("Police/justice", "missing")
