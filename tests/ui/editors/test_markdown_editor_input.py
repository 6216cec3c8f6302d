"""The Markdown editor meets hostile text calmly: direction controls and deep nesting."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from deepdive.text.markdown import MAX_NESTING, NESTING_NOTE
from deepdive.ui.editors.markdown_editor import MarkdownEditor

RLO = "\u202e"


def _editor(qtbot) -> MarkdownEditor:  # type: ignore[no-untyped-def]
    editor = MarkdownEditor("What happened")
    qtbot.addWidget(editor)
    editor.resize(800, 300)
    return editor


def test_a_pasted_direction_control_is_shown_as_a_mark_and_saved_as_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    edits: list[str] = []
    editor.text_edited.connect(edits.append)
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.editor.insertPlainText(f"Jay sent {RLO}cod.exe")
    shown = "Jay sent ‹U+202E›cod.exe"
    assert editor.markdown() == shown
    assert edits == [shown]  # one edit, already with the mark: nothing hidden is saved
    editor.editor.insertPlainText(" today")  # typing goes on at the end
    assert editor.markdown() == shown + " today"


def test_a_direction_control_already_in_the_text_is_shown_without_an_edit(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    edits: list[str] = []
    editor.text_edited.connect(edits.append)
    editor.set_markdown(f"Older text with {RLO}a hidden control")
    assert editor.markdown() == "Older text with ‹U+202E›a hidden control"
    assert "‹U+202E›" in editor.preview.toPlainText()
    assert edits == []


def test_the_preview_of_a_thousand_deep_list_is_flattened_with_a_note(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    editor.set_markdown("\n".join("  " * n + f"- level {n}" for n in range(1000)))
    shown = editor.preview.toPlainText()
    assert "level 999" in shown and NESTING_NOTE in shown
    assert editor.preview.toHtml().count("<ul") == MAX_NESTING
