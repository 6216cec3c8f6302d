"""Misspelt words underlined in one-line fields, and spelling in every text field.

A QLineEdit draws no formats of its own; it does draw those an input method gives it
for the text it shows, so the underlines are handed to it that way (no text changes,
nothing is added to its undo history). :func:`attach_spelling` is called for every
widget from one place, the app's style (see :meth:`deepdive.ui.shell.style.FieldEdgeStyle.polish`):
one-line fields get a :class:`LineSpelling`, and multi-line editors that have no
highlighter yet (the Markdown editors have theirs) get a
:class:`~deepdive.ui.spelling.highlight.SpellingHighlighter` and its menu.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent, QSyntaxHighlighter
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from deepdive.ui.privacy.quick_fixes import with_fixes_on_top
from deepdive.ui.spelling import fixes
from deepdive.ui.spelling.checker import SpellChecker, Word
from deepdive.ui.spelling.highlight import SpellingHighlighter, spelling_format
from deepdive.ui.widgets.cell_editors import is_cell_editor

_ATTACHED = "spellingAttached"
_TEXT_FORMAT = QInputMethodEvent.AttributeType.TextFormat


class LineSpelling(QObject):
    """Underlines the misspelt words of one line edit; offers fixes when no privacy
    menu does (see :mod:`.fixes`)."""

    def __init__(self, field: QLineEdit, checker: SpellChecker) -> None:
        super().__init__(field)
        self._field = field
        self._checker = checker
        self._format = spelling_format()
        self.marked: list[Word] = []
        self._spared: Word | None = None
        self._waiting = False
        field.textChanged.connect(self.refresh)
        field.cursorPositionChanged.connect(self._on_cursor_moved)
        self._checker.checked.connect(self._on_checked)
        self._checker.changed.connect(self.refresh)
        field.installEventFilter(self)
        self.refresh()

    # Declared slots: connected to the app-wide checker, they are found by name while a
    # field (a prompt's, say) is being deleted, where a plain method was not
    # ("Slot 'LineSpelling::' not found").
    @Slot()
    def refresh(self) -> None:
        """Work out and draw the underlines for the field's text as it is now."""
        field = self._live_field()
        if field is None:
            return
        words: list[Word] = []
        self._spared = None
        self._waiting = False
        if fixes.wants_spelling(field):
            found, self._waiting = self._checker.misspelt_in(field.text())
            typing = field.cursorPosition() if field.hasFocus() else None
            for word in found:
                if typing is not None and word.start < typing <= word.end:
                    self._spared = word  # being typed: marked once the cursor leaves
                else:
                    words.append(word)
        self.marked = words
        cursor = field.cursorPosition()
        attributes = [
            QInputMethodEvent.Attribute(
                _TEXT_FORMAT, word.start - cursor, word.end - word.start, self._format
            )
            for word in words
        ]
        QApplication.sendEvent(field, QInputMethodEvent("", attributes))

    def _live_field(self) -> QLineEdit | None:
        # The app-wide checker can signal while the field is being torn down (a view
        # rebuilt as a theme is renamed): by then the field, or even this watcher's own
        # Python side (recreated bare, without its attributes), is gone.
        field: QLineEdit | None = getattr(self, "_field", None)
        if field is None or not shiboken6.isValid(field):
            return None
        return field

    @Slot(int, int)
    def _on_cursor_moved(self, _old: int, new: int) -> None:
        spared = getattr(self, "_spared", None)
        if spared is not None and not spared.start < new <= spared.end:
            self.refresh()

    @Slot()
    def _on_checked(self) -> None:
        if getattr(self, "_waiting", False):
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is not self._live_field():
            return False
        if kind == QEvent.Type.FocusOut and self._spared is not None:
            self.refresh()
        elif kind == QEvent.Type.ContextMenu and not _has_privacy_menu(self._field):
            return self._show_menu(event)
        return False

    def _show_menu(self, event: QEvent) -> bool:
        assert isinstance(event, QContextMenuEvent)
        field = self._field
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            position = field.cursorPosition()
        else:
            position = field.cursorPositionAt(event.pos())
        offered = fixes.fixes_for_field(field, position, self._checker)
        if not offered:
            return False
        menu = with_fixes_on_top(field.createStandardContextMenu(), offered)
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True


def _has_privacy_menu(field: QLineEdit) -> bool:
    # The privacy watch, when the main window has one, shows the fixes of both kinds.
    from deepdive.ui.privacy.line_edits import LineEditWatch

    return field.findChild(LineEditWatch) is not None


def attach_spelling(widget: QWidget, checker: SpellChecker) -> None:
    """Check the spelling of ``widget`` if it is a text field that holds prose (once)."""
    if not isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return
    if widget.property(_ATTACHED):
        return
    if isinstance(widget, QLineEdit):
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            return
        if is_cell_editor(widget):
            # A table's cell editor lives for one edit and is torn down under its
            # watcher (which then gets events and signals it can no longer take).
            return
        if not fixes.wants_spelling(widget):
            return
        widget.setProperty(_ATTACHED, True)
        LineSpelling(widget, checker)
        return
    if not fixes.wants_spelling(widget):
        return
    widget.setProperty(_ATTACHED, True)
    if widget.document().findChild(QSyntaxHighlighter) is not None:
        return  # it has its own (a Markdown editor's checks identifiers and spelling)
    SpellingHighlighter(widget, checker)
    fixes.SpellingMenu(widget, checker)
