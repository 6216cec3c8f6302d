"""Spelling suggestions in a field's right-click menu, below the privacy quick fixes.

The privacy menus (:mod:`deepdive.ui.privacy.quick_fixes`) ask every source of
further fixes their privacy context was given; the entry point gives it the spelling
one (:class:`SpellingFixes`). For a
misspelt word under the pointer (or the cursor, with the Menu key) it offers the
likely corrections, then "Add … to the dictionary". A replacement is typed into the
field as the user would type it: one undo step, saved like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from deepdive.ui.privacy.quick_fixes import QuickFix, with_fixes_on_top
from deepdive.ui.spelling.checker import SpellChecker, Word, words_in

Replace = Callable[[int, int, str], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Spelling", text)


def spelling_fixes(
    text: str, offset: int, replace: Replace, checker: SpellChecker
) -> list[QuickFix]:
    """The spelling fixes for the word at ``offset`` of ``text`` (none if it is right).

    ``replace(start, end, new)`` changes characters ``start:end`` of ``text``.
    """
    if not checker.enabled:
        return []
    word = next((w for w in words_in(text) if w.start <= offset <= w.end), None)
    if word is None or not checker.check_now(word.text):
        return []
    fixes: list[QuickFix] = [
        (suggestion, _replacing(replace, word, suggestion))
        for suggestion in checker.suggestions(word.text)
    ]
    if not fixes:
        fixes.append((_tr("No spelling suggestions"), lambda: None))
    fixes.append(
        (
            _tr("Add “{word}” to the dictionary").format(word=word.text),
            lambda: checker.add_to_dictionary(word.text),
        )
    )
    return fixes


def _replacing(replace: Replace, word: Word, new: str) -> Callable[[], None]:
    return lambda: replace(word.start, word.end, new)


def fixes_for_field(field: QWidget, position: int, checker: SpellChecker) -> list[QuickFix]:
    """Spelling fixes at ``position`` of a text field (a document position in a
    multi-line editor, a cursor position in a one-line field)."""
    if not wants_spelling(field):
        return []
    if isinstance(field, QLineEdit):

        def replace_line(start: int, end: int, new: str) -> None:
            field.setSelection(start, end - start)
            field.insert(new)

        return spelling_fixes(field.text(), position, replace_line, checker)
    if isinstance(field, QPlainTextEdit | QTextEdit):
        block = field.document().findBlock(position)
        if not block.isValid():
            return []
        base = block.position()

        def replace_text(start: int, end: int, new: str) -> None:
            cursor = QTextCursor(field.document())
            cursor.setPosition(base + start)
            cursor.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(new)

        return spelling_fixes(block.text(), position - base, replace_text, checker)
    return []


NO_SPELLING = "spellingOff"  # dynamic property: True on a field that holds no prose


def no_spelling(widget: QWidget) -> None:
    """Never check spelling in ``widget`` (a date, a code, a search box)."""
    widget.setProperty(NO_SPELLING, True)


def wants_spelling(field: QWidget) -> bool:
    """Whether ``field`` holds prose worth checking: not a password, not read-only,
    not marked :data:`NO_SPELLING`, not inside a privacy dialog where real names are
    typed on purpose."""
    if isinstance(field, QLineEdit) and (
        field.echoMode() != QLineEdit.EchoMode.Normal or field.isReadOnly()
    ):
        return False
    if isinstance(field, QPlainTextEdit | QTextEdit) and field.isReadOnly():
        return False
    widget: QWidget | None = field
    while widget is not None:
        if widget.property(NO_SPELLING) or widget.property("privacyExempt"):
            return False
        widget = widget.parentWidget()
    return True


class SpellingMenu(QObject):
    """The right-click menu of a multi-line editor that has no privacy menu of its own."""

    def __init__(self, editor: QPlainTextEdit | QTextEdit, checker: SpellChecker) -> None:
        super().__init__(editor)
        self._editor = editor
        self._checker = checker
        editor.viewport().installEventFilter(self)
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu:
            return False
        viewport = self._editor.viewport()
        if watched not in (self._editor, viewport):
            return False
        assert isinstance(event, QContextMenuEvent)
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            position = self._editor.textCursor().position()
        else:
            point = event.pos()
            if watched is self._editor:
                point = viewport.mapFrom(self._editor, point)
            position = self._editor.cursorForPosition(point).position()
        fixes = fixes_for_field(self._editor, position, self._checker)
        if not fixes:
            return False
        menu = with_fixes_on_top(self._editor.createStandardContextMenu(), fixes)
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True


class SpellingFixes:
    """The spelling fixes of a field at a position, as a privacy context's further
    fixes (see :meth:`~deepdive.ui.privacy.context.PrivacyContext.offer_more_fixes`)."""

    def __init__(self, checker: SpellChecker) -> None:
        self._checker = checker

    def __call__(self, field: QWidget, position: int) -> list[QuickFix]:
        return fixes_for_field(field, position, self._checker)
