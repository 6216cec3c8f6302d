"""The template editor's text boxes are checked like every other field: identifiers are
underlined, a mouse right-click offers the quick fixes, and hidden direction controls
are shown as marks (multi-line boxes) or taken out (one-line fields)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot
from ui_helpers import right_click_and_choose

from deepdive.services import Services
from deepdive.ui.sessions.template_editor import TemplateEditor

NHS = "943 476 5919"


def _editor(qtbot: QtBot, services: Services) -> TemplateEditor:
    editor = TemplateEditor(services, services.templates.get("deep-dive-case-study"))
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _underlined(box: QPlainTextEdit, text: str) -> bool:
    """Whether ``text`` in the box is drawn with the wavy underline."""
    at = box.toPlainText().index(text)
    block = box.document().findBlock(at)
    offset = at - block.position()
    return any(
        r.start <= offset
        and offset + len(text) <= r.start + r.length
        and r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
        for r in block.layout().formats()
    )


def _point_of(box: QPlainTextEdit, text: str) -> QPoint:
    cursor = QTextCursor(box.document())
    cursor.setPosition(box.toPlainText().index(text) + 2)
    return box.cursorRect(cursor).center()


def test_a_stage_purpose_is_underlined_and_fixed_with_a_mouse_right_click(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    editor = _editor(qtbot, services)
    editor.stage_list.setCurrentRow(1)
    purpose = editor.form.purpose
    purpose.setFocus()
    purpose.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(purpose, f" Ask for NHS number {NHS}.")
    assert _underlined(purpose, NHS)
    editor.grab().save(str(tmp_path / "template-purpose.png"))

    entries = right_click_and_choose(
        qtbot, purpose.viewport(), _point_of(purpose, NHS), f"Replace “{NHS}” with “[NHS number]”"
    )
    assert entries[0] == f"Replace “{NHS}” with “[NHS number]”"
    assert purpose.toPlainText().endswith("Ask for NHS number [NHS number].")
    # The stage itself holds the fixed text (what Save would store).
    assert editor.template().stages[1].purpose.endswith("Ask for NHS number [NHS number].")


def test_questions_and_the_description_show_direction_controls_as_marks(
    qtbot: QtBot, services: Services
) -> None:
    editor = _editor(qtbot, services)
    editor.stage_list.setCurrentRow(1)
    prompts = editor.form.prompts
    prompts.setFocus()
    prompts.moveCursor(QTextCursor.MoveOperation.End)
    prompts.insertPlainText("\nWho is \u202eJay\u202c to you?")
    assert prompts.toPlainText().endswith("Who is ‹U+202E›Jay‹U+202C› to you?")
    assert editor.template().stages[1].prompts[-1] == "Who is ‹U+202E›Jay‹U+202C› to you?"
    editor.description.setFocus()
    editor.description.insertPlainText("\u2067")
    assert "‹U+2067›" in editor.description.toPlainText()
    assert "\u2067" not in editor.template().description


def test_the_template_name_drops_direction_controls_and_offers_the_fix(
    qtbot: QtBot, services: Services
) -> None:
    editor = _editor(qtbot, services)
    name = editor.name
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Deep Dive ")
    QApplication.clipboard().setText("\u202eS1 2HH")
    qtbot.keyClick(name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # pasted
    assert name.text() == "Deep Dive S1 2HH"  # as every one-line field is stored
    assert editor.template().name == "Deep Dive S1 2HH"
    assert "postcode" in name.toolTip()  # outlined, with what it holds
    entries = right_click_and_choose(
        qtbot,
        name,
        QPoint(name.fontMetrics().horizontalAdvance("Deep Dive S1") + 4, name.height() // 2),
        "Replace “S1 2HH” with “[postcode]”",
    )
    assert entries[0] == "Replace “S1 2HH” with “[postcode]”"
    assert editor.template().name == "Deep Dive [postcode]"
