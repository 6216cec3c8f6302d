"""UK English spelling: misspelt words underlined, suggestions on right-click, the
user's own words kept, the workspace's words never marked, and no crash without a
dictionary."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory

from deepdive.ui.editors.app_services import AppServices
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.spelling.checker import SpellChecker, personal_dictionary_path
from deepdive.ui.spelling.fixes import fixes_for_field
from deepdive.ui.spelling.line_edits import LineSpelling
from deepdive.ui.widgets.preferences import Preferences

pytestmark = pytest.mark.skipif(
    bool(SpellChecker().why_unavailable()),
    reason="needs Enchant and the en_GB Hunspell dictionary (hunspell-en-gb)",
)

DOTTED = QTextCharFormat.UnderlineStyle.DotLine
WAVY = QTextCharFormat.UnderlineStyle.WaveUnderline
TEXT = "We recieved the refferal from school."


def underlines(editor: MarkdownEditor) -> dict[str, QTextCharFormat.UnderlineStyle]:
    """Each underlined stretch of the first paragraph, by its text."""
    block = editor.editor.document().firstBlock()
    text = block.text()
    return {
        text[r.start : r.start + r.length]: r.format.underlineStyle()
        for r in block.layout().formats()
        if r.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
    }


@pytest.fixture
def spelling(app_services: AppServices) -> SpellChecker:
    """The app's spell checker (the one the style gives every text field)."""
    return app_services.spelling


@pytest.fixture
def editor(qtbot: QtBot, app_services: AppServices) -> Iterator[MarkdownEditor]:
    shown = MarkdownEditor(
        "What happened", privacy=app_services.privacy, spelling=app_services.spelling
    )
    qtbot.addWidget(shown)
    shown.resize(500, 300)
    shown.show()
    app_services.spelling.set_enabled(True)
    yield shown
    app_services.spelling.set_known("test", [])


def test_misspelt_words_are_underlined_with_suggestions_on_right_click(
    qtbot: QtBot, editor: MarkdownEditor
) -> None:
    editor.set_markdown(TEXT)
    qtbot.waitUntil(lambda: len(underlines(editor)) == 2)
    assert underlines(editor) == {"recieved": DOTTED, "refferal": DOTTED}

    menu = editor.assist.menu_at(TEXT.index("recieved") + 2)
    offered = [a.text() for a in menu.actions()]
    menu.deleteLater()
    assert offered[0] == "received"
    assert "Add “recieved” to the dictionary" in offered
    menu = editor.assist.menu_at(TEXT.index("refferal") + 2)
    choice = next(a for a in menu.actions() if a.text() == "referral")
    choice.trigger()  # typed in as a person would: one undo step, an edit saved
    menu.deleteLater()
    assert editor.markdown() == "We recieved the referral from school."
    editor.editor.undo()
    assert editor.markdown() == TEXT


def test_identifiers_keep_their_own_underline_above_spelling(
    qtbot: QtBot, editor: MarkdownEditor
) -> None:
    # A phone number is an identifier (privacy, wavy) and "recieved" a misspelling (dotted).
    text = "Mum recieved a call on 07700 900123 today"
    editor.set_markdown(text)
    qtbot.waitUntil(lambda: "recieved" in underlines(editor))
    marks = underlines(editor)
    assert marks["recieved"] == DOTTED
    assert WAVY in marks.values()
    menu = editor.assist.menu_at(text.index("07700") + 1)
    first = menu.actions()[0].text()
    menu.deleteLater()
    assert first.startswith("Replace")  # the identifier's fix comes first


def test_the_word_being_typed_is_marked_only_once_the_cursor_leaves_it(
    qtbot: QtBot, editor: MarkdownEditor, spelling: SpellChecker
) -> None:
    field = editor.editor
    qtbot.waitUntil(lambda: field.isVisible())
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    field.setFocus()
    qtbot.keyClicks(field, "They recieved")
    qtbot.wait(50)
    spelling.check_now("recieved")
    assert "recieved" not in underlines(editor)  # still being typed
    qtbot.keyClicks(field, " it")
    qtbot.waitUntil(lambda: "recieved" in underlines(editor))


def test_add_to_dictionary_is_kept_for_the_user_in_a_private_file(
    qtbot: QtBot, editor: MarkdownEditor
) -> None:
    editor.set_markdown("The Brightwater keyworkr visited.")
    qtbot.waitUntil(lambda: "keyworkr" in underlines(editor))
    menu = editor.assist.menu_at(len("The Brightwater key"))
    add = next(a for a in menu.actions() if a.text().startswith("Add “keyworkr”"))
    add.trigger()
    menu.deleteLater()
    qtbot.waitUntil(lambda: "keyworkr" not in underlines(editor))
    path = personal_dictionary_path()
    assert "keyworkr" in path.read_text(encoding="utf-8").split()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    fresh = SpellChecker()  # the next run of the app
    fresh.check_now("placement")  # loads the user's words
    assert fresh.misspelt_in("keyworkr")[0] == []


def test_one_line_fields_are_underlined_and_offer_suggestions(
    qtbot: QtBot, spelling: SpellChecker
) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.setText("recieved at the hub")
    field.show()
    watch = field.findChild(LineSpelling)
    assert watch is not None  # every text field, from the app's style
    qtbot.waitUntil(lambda: [w.text for w in watch.marked] == ["recieved"])
    offered = [text for text, _fix in fixes_for_field(field, 3, spelling)]
    assert "received" in offered
    password = QLineEdit()
    qtbot.addWidget(password)
    password.setEchoMode(QLineEdit.EchoMode.Password)
    password.show()
    assert password.findChild(LineSpelling) is None


def test_a_field_torn_down_as_the_workspaces_words_change_shows_no_error(
    qtbot: QtBot, spelling: SpellChecker
) -> None:
    # A view rebuilt while a theme is renamed deletes its fields as the new words
    # reach the app-wide checker: the dying fields' watchers are told too.
    for round_number in range(3):
        panel = QWidget()
        field = QLineEdit("recieved at the hub", panel)
        panel.show()
        assert field.findChild(LineSpelling) is not None
        words = [f"Theme{round_number}"]
        field.destroyed.connect(lambda *_args, words=words: spelling.set_known("test", words))
        del field
        with qtbot.waitSignal(panel.destroyed):
            panel.deleteLater()
        del panel
        assert spelling.misspelt_in(words[0])[0] == []
    survivor = QLineEdit("recieved at the hub")
    qtbot.addWidget(survivor)
    survivor.show()
    spelling.set_known("test", [])
    watch = survivor.findChild(LineSpelling)
    assert watch is not None
    qtbot.waitUntil(lambda: [w.text for w in watch.marked] == ["recieved"])


def test_the_workspaces_own_words_are_never_marked(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    assert window.open_workspace(tmp_path / "words.deepdive")
    services = window.services
    services.agencies.add("Brightlings Trust")
    case = services.cases.create("DD-2020-001", "Kaycee")
    services.people.add(case.id, "Shaz", "parent")
    assert window.view is not None
    window.view.reload()
    window.view.select_case(case.id)
    checker = window.app_services.spelling
    words = "Kaycee and Shaz met the Brightlings worker"
    checker.check_now("Brightlings")
    assert checker.misspelt_in(words)[0] == []
    assert [w.text for w in checker.misspelt_in("Shaz recieved it")[0]] == ["recieved"]


def test_learning_theme_names_are_never_marked_even_when_added_later(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    assert window.open_workspace(tmp_path / "themes.deepdive")
    services = window.services
    services.themes.create("Adultification")
    case = services.cases.create("DD-2020-002", "Rhys")
    assert window.view is not None
    window.view.reload()
    window.view.select_case(case.id)
    checker = window.app_services.spelling
    checker.check_now("Adultification")
    checker.check_now("Neurodivergance")
    assert checker.misspelt_in("Adultification was named")[0] == []
    assert [w.text for w in checker.misspelt_in("Neurodivergance")[0]] == ["Neurodivergance"]

    services.themes.create("Neurodivergance")  # the team's own word, as they spell it
    qtbot.waitUntil(lambda: checker.misspelt_in("Neurodivergance")[0] == [])


def test_without_a_dictionary_spelling_is_off_with_a_note_and_nothing_breaks(
    qtbot: QtBot,
) -> None:
    from deepdive.ui.shell.preferences_dialog import PreferencesDialog

    missing = SpellChecker(language="zz_ZZ")
    assert "no UK English dictionary" in missing.why_unavailable()
    assert not missing.enabled
    assert missing.misspelt_in(TEXT) == ([], False)
    editor = MarkdownEditor("Notes", spelling=missing)
    qtbot.addWidget(editor)
    editor.set_markdown(TEXT)
    assert underlines(editor) == {}
    assert editor.assist.menu_at(4).actions()  # the standard menu, no error
    dialog = PreferencesDialog(Preferences(), spelling=missing)
    qtbot.addWidget(dialog)
    assert not dialog.spelling.isEnabled()
    assert "hunspell-en-gb" in dialog.spelling_note.text()
