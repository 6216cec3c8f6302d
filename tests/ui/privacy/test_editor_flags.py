"""Identifiers underlined as you type, with tooltips, quick fixes and a paste check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor
from ui_helpers import underlines

from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultPerson
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR, POSSIBLE_COLOUR, describe, findings_at

PASSPHRASE = "correct horse battery"


@pytest.fixture
def context(tmp_path: Path) -> Iterator[PrivacyContext]:
    vault = Vault.create(tmp_path / "cases.vault", PASSPHRASE)
    vault.put_case(
        vault.ensure_case("DD-1").with_person(
            VaultPerson("Jay", real_names=("Jayden Marsh",), nhs_numbers=("943 476 5919",))
        )
    )
    privacy = PrivacyContext()
    privacy.set_vault(vault)
    yield privacy
    privacy.set_vault(None)
    privacy.deleteLater()


@pytest.fixture
def editor(qtbot, context: PrivacyContext) -> MarkdownEditor:  # type: ignore[no-untyped-def]
    widget = MarkdownEditor("Summary", privacy=context)
    qtbot.addWidget(widget)
    widget.resize(800, 300)
    widget.show()
    return widget


def position_of(editor: MarkdownEditor, text: str) -> int:
    return editor.markdown().index(text) + 1


def test_identifiers_are_underlined_red_and_possible_names_amber(editor: MarkdownEditor) -> None:
    editor.set_markdown(
        "Jay met Kayleigh.\n\nJayden's NHS number is 943 476 5919; ring 07911 123456."
    )
    assert underlines(editor) == [
        ("Kayleigh", POSSIBLE_COLOUR.name()),
        ("Jayden", BLOCKING_COLOUR.name()),
        ("943 476 5919", BLOCKING_COLOUR.name()),
        ("07911 123456", BLOCKING_COLOUR.name()),
    ]


def test_underlines_follow_typing(qtbot, editor: MarkdownEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_markdown("The hub worker met ")
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(editor.text_edited):
        qtbot.keyClicks(editor.editor, "Jayden today")
    assert underlines(editor) == [("Jayden", BLOCKING_COLOUR.name())]


def test_the_tooltip_names_the_kind_and_the_fix(
    editor: MarkdownEditor, context: PrivacyContext
) -> None:
    editor.set_markdown("Jayden rang 07911 123456 and Kayleigh came.")
    name = findings_at(editor.editor, context, position_of(editor, "Jayden"))
    phone = findings_at(editor.editor, context, position_of(editor, "07911"))
    guess = findings_at(editor.editor, context, position_of(editor, "Kayleigh"))
    assert name is not None and phone is not None and guess is not None
    assert describe(name) == "Registered name: right-click to replace it with “Jay”."
    assert describe(phone) == "Phone number: an export will refuse it. Right-click to replace it."
    assert describe(guess).startswith("Possible name, not in the key vault.")
    assert findings_at(editor.editor, context, position_of(editor, "rang")) is None


def test_replace_with_pseudonym_is_one_click_and_saves_like_typing(
    qtbot,
    editor: MarkdownEditor,  # type: ignore[no-untyped-def]
) -> None:
    editor.set_markdown("Jayden's mum rang.")
    fixes = editor.assist.quick_fixes(position_of(editor, "Jayden"))
    labels = [label for label, _ in fixes]
    assert labels[0] == "Replace “Jayden” with “Jay”"
    with qtbot.waitSignal(editor.text_edited) as edited:
        fixes[0][1]()
    assert editor.markdown() == "Jay's mum rang."
    assert edited.args == ["Jay's mum rang."]
    editor.editor.undo()
    assert editor.markdown() == "Jayden's mum rang."


def test_the_whole_text_can_be_pseudonymised_at_once(editor: MarkdownEditor) -> None:
    editor.set_markdown("Jayden Marsh rang from 07911 123456 about Kayleigh.")
    fixes = dict(editor.assist.quick_fixes(0))
    pseudonymise = fixes["Pseudonymise the whole text (2 to replace)"]
    pseudonymise()
    # The possible name is never changed automatically.
    assert editor.markdown() == "Jay rang from [phone number] about Kayleigh."


def test_a_possible_name_can_be_dismissed(editor: MarkdownEditor, context: PrivacyContext) -> None:
    editor.set_markdown("We met Brightwater at the hub.")
    fixes = dict(editor.assist.quick_fixes(position_of(editor, "Brightwater")))
    fixes["“Brightwater” is not a name: stop underlining it"]()
    assert underlines(editor) == []
    assert context.add_to_vault is None  # no window: nowhere to add names to


def test_a_possible_school_says_it_will_be_asked_about_and_offers_its_fixes(
    editor: MarkdownEditor, context: PrivacyContext
) -> None:
    editor.set_markdown("Jay moved to Newfield Secondary School in May.")
    assert underlines(editor) == [("Newfield Secondary School", POSSIBLE_COLOUR.name())]
    position = position_of(editor, "Newfield")
    school = findings_at(editor.editor, context, position)
    assert school is not None
    assert describe(school) == (
        "Possible school or service name, not in the key vault: an export will ask about "
        "it, not refuse it. Right-click to replace it with “the secondary school”, add it "
        "to the vault or say it identifies nobody."
    )
    fixes = dict(editor.assist.quick_fixes(position))
    assert list(fixes) == [
        "Replace “Newfield Secondary School” with “the secondary school”",
        "“Newfield Secondary School” identifies nobody: stop underlining it",
    ]  # (no window here, so nowhere to add it to the vault)
    fixes["“Newfield Secondary School” identifies nobody: stop underlining it"]()
    assert underlines(editor) == []
    editor.set_markdown("Seen at Darnall Health Centre today.")
    fixes = dict(editor.assist.quick_fixes(position_of(editor, "Darnall")))
    fixes["Replace “Darnall Health Centre” with “the health centre”"]()
    assert editor.markdown() == "Seen at the health centre today."


def test_the_context_menu_puts_the_quick_fixes_first(editor: MarkdownEditor) -> None:
    editor.set_markdown("Jayden rang.")
    menu = editor.assist.menu_at(position_of(editor, "Jayden"))
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Replace “Jayden” with “Jay”"
    assert any("Copy" in t for t in texts)  # the editor's own actions are still there
    menu.deleteLater()


def paste(editor: MarkdownEditor, text: str) -> None:
    data = QMimeData()
    data.setText(text)
    editor.editor.insertFromMimeData(data)


def test_pasted_text_is_checked_at_once_and_a_pseudonymised_version_offered(
    qtbot,
    editor: MarkdownEditor,  # type: ignore[no-untyped-def]
) -> None:
    editor.set_markdown("Notes: ")
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    paste(editor, "Jayden Marsh (NHS 943 476 5919) told Kayleigh.")
    offer = editor.paste_offer
    assert offer.isVisible()
    assert offer.message.text() == (
        "The pasted text contains 1 name, 1 NHS number and 1 possible name."
    )
    assert offer.preview.text() == "Pseudonymised: Jay (NHS [NHS number]) told Kayleigh."
    with qtbot.waitSignal(editor.text_edited):
        qtbot.mouseClick(offer.use_button, qtbot_left())
    assert editor.markdown() == "Notes: Jay (NHS [NHS number]) told Kayleigh."
    assert not offer.isVisible()


def test_keeping_the_paste_leaves_it_flagged(qtbot, editor: MarkdownEditor) -> None:  # type: ignore[no-untyped-def]
    editor.set_markdown("")
    paste(editor, "Ring 07911 123456.")
    assert editor.paste_offer.isVisible()
    qtbot.mouseClick(editor.paste_offer.keep_button, qtbot_left())
    assert not editor.paste_offer.isVisible()
    assert editor.markdown() == "Ring 07911 123456."
    assert underlines(editor) == [("07911 123456", BLOCKING_COLOUR.name())]


def test_a_clean_paste_asks_nothing(editor: MarkdownEditor) -> None:
    editor.set_markdown("")
    paste(editor, "The review went well and the plan was agreed.")
    assert not editor.paste_offer.isVisible()


def test_a_paste_edited_since_is_not_overwritten(editor: MarkdownEditor) -> None:
    editor.set_markdown("")
    paste(editor, "Jayden rang.")
    cursor = QTextCursor(editor.editor.document())
    cursor.setPosition(0)
    cursor.insertText("Today ")
    assert not editor.paste_offer.use_pseudonymised()
    assert editor.markdown() == "Today Jayden rang."
    assert "edited since" in editor.paste_offer.message.text()


def test_locking_the_vault_leaves_only_the_patterns(
    editor: MarkdownEditor, context: PrivacyContext
) -> None:
    editor.set_markdown("Jayden rang 07911 123456.")
    context.set_vault(None)
    assert underlines(editor) == [("07911 123456", BLOCKING_COLOUR.name())]


def qtbot_left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_one_line_fields_are_outlined_when_they_hold_identifiers(
    qtbot,
    context: PrivacyContext,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QLineEdit, QWidget

    from deepdive.ui.privacy.line_edits import LineEditWatcher, exempt

    form = QWidget()
    qtbot.addWidget(form)
    field = QLineEdit(form)
    field.setToolTip("The young person's pseudonym")
    password = QLineEdit(form)
    password.setEchoMode(QLineEdit.EchoMode.Password)
    private = QWidget(form)
    exempt(private)
    real_name = QLineEdit(private)
    watcher = LineEditWatcher(context, form)
    watch = watcher.watch(field)
    assert watch is not None
    assert watcher.watch(field) is None  # watched once
    assert watcher.watch(password) is None and watcher.watch(real_name) is None
    field.setText("Jayden")
    assert watch.flagged
    assert (
        field.toolTip()
        == "This field holds registered name “Jayden”; an export would refuse it. Right-click "
        "to replace it."
    )
    field.setText("Jay")
    assert not watch.flagged
    assert field.toolTip() == "The young person's pseudonym" and field.styleSheet() == ""
