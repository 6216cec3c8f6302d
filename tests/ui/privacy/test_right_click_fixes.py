"""A mouse right-click on an identifier offers its quick fixes, in editors and fields.

The click is a real one (QTest presses the right button on the editor's viewport, as
a mouse does); the menu that opens is read, and choosing a fix changes the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import right_click_and_choose

from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultPerson
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.line_edits import LineEditWatcher

PASSPHRASE = "correct horse battery"


@pytest.fixture
def context(tmp_path: Path) -> Iterator[PrivacyContext]:
    vault = Vault.create(tmp_path / "cases.vault", PASSPHRASE)
    vault.put_case(
        vault.ensure_case("DD-1").with_person(VaultPerson("Jay", real_names=("Jayden Marsh",)))
    )
    privacy = PrivacyContext()
    privacy.set_vault(vault)
    yield privacy
    privacy.set_vault(None)
    privacy.deleteLater()


def point_of(editor: MarkdownEditor, text: str) -> QPoint:
    """Where ``text`` is drawn in the editor's viewport."""
    cursor = QTextCursor(editor.editor.document())
    cursor.setPosition(editor.markdown().index(text) + 1)
    return editor.editor.cursorRect(cursor).center()


def test_a_right_click_on_the_viewport_offers_the_fix_and_the_fix_replaces_the_name(
    qtbot: QtBot, context: PrivacyContext
) -> None:
    editor = MarkdownEditor("Summary", privacy=context)
    qtbot.addWidget(editor)
    editor.resize(800, 300)
    editor.show()
    qtbot.waitExposed(editor)
    editor.set_markdown("The hub worker met Jayden's mum.")
    with qtbot.waitSignal(editor.text_edited) as edited:
        entries = right_click_and_choose(
            qtbot,
            editor.editor.viewport(),
            point_of(editor, "Jayden"),
            "Replace “Jayden” with “Jay”",
        )
    assert entries[:2] == [
        "Replace “Jayden” with “Jay”",
        "Pseudonymise the whole text (1 to replace)",
    ]
    assert any("Copy" in entry for entry in entries)  # the editor's own menu is kept
    assert editor.markdown() == "The hub worker met Jay's mum."
    assert edited.args == ["The hub worker met Jay's mum."]  # saved like typing


def test_a_right_click_on_plain_words_shows_only_the_editors_own_menu(
    qtbot: QtBot, context: PrivacyContext
) -> None:
    editor = MarkdownEditor("Summary", privacy=context)
    qtbot.addWidget(editor)
    editor.resize(800, 300)
    editor.show()
    qtbot.waitExposed(editor)
    editor.set_markdown("The hub worker met the family.")
    entries = right_click_and_choose(
        qtbot, editor.editor.viewport(), point_of(editor, "worker"), None
    )
    assert not any(entry.startswith(("Replace", "Pseudonymise")) for entry in entries)
    assert any("Copy" in entry for entry in entries)


@pytest.fixture
def watched_field(qtbot: QtBot, context: PrivacyContext) -> Callable[[str], QLineEdit]:
    form = QWidget()
    qtbot.addWidget(form)
    form.resize(400, 60)
    watcher = LineEditWatcher(context, form)

    def make(text: str) -> QLineEdit:
        field = QLineEdit(text, form)
        field.resize(380, 30)
        form.show()
        qtbot.waitExposed(form)
        assert watcher.watch(field) is not None
        return field

    return make


def test_a_right_click_on_a_one_line_field_offers_the_fix(
    qtbot: QtBot, watched_field: Callable[[str], QLineEdit]
) -> None:
    field = watched_field("Jayden Marsh, S1 2HH")
    edits: list[str] = []
    field.textEdited.connect(edits.append)  # what autosaving fields listen to
    at = QPoint(field.fontMetrics().horizontalAdvance("Jay") + 4, field.height() // 2)
    entries = right_click_and_choose(qtbot, field, at, "Replace “Jayden Marsh” with “Jay”")
    assert entries[:2] == [
        "Replace “Jayden Marsh” with “Jay”",
        "Pseudonymise the whole text (2 to replace)",
    ]
    assert field.text() == "Jay, S1 2HH"
    assert edits == ["Jay, S1 2HH"]
    entries = right_click_and_choose(
        qtbot, field, QPoint(4, field.height() // 2), "Pseudonymise the whole text (1 to replace)"
    )
    assert field.text() == "Jay, [postcode]"
    field.undo()
    assert field.text() == "Jay, S1 2HH"


def test_any_other_multi_line_box_gets_the_fixes_once_it_has_the_keyboard(
    qtbot: QtBot, context: PrivacyContext
) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    form = QWidget()
    qtbot.addWidget(form)
    form.resize(500, 200)
    LineEditWatcher(context, form)
    box = QPlainTextEdit("Jayden rang.", form)
    box.resize(480, 180)
    form.show()
    qtbot.waitExposed(form)
    box.setFocus()
    qtbot.waitUntil(lambda: bool(box.property("privacyWatched")))
    cursor = QTextCursor(box.document())
    cursor.setPosition(2)
    entries = right_click_and_choose(
        qtbot, box.viewport(), box.cursorRect(cursor).center(), "Replace “Jayden” with “Jay”"
    )
    assert entries[0] == "Replace “Jayden” with “Jay”"
    assert box.toPlainText() == "Jay rang."
