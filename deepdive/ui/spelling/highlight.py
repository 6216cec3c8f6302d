"""Misspelt words underlined in multi-line editors, paragraph by paragraph.

Qt redraws a paragraph's formats when it changes; the words are then answered from the
spell checker's cache, and a paragraph whose words are still being looked up is
redrawn once they have been (see :mod:`.checker`). The word being typed is left alone
until the cursor leaves it, so nothing is marked halfway through a word.

Misspelt words get a dotted blue underline, so they never look like the privacy check's
wavy red and amber ones; where both apply, the privacy underline is the one shown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.highlighter import FindingHighlighter
from deepdive.ui.spelling.checker import SpellChecker

SPELLING_COLOUR = QColor("#3b7ddd")  # reads on the light and the dark background alike
Editor = QPlainTextEdit | QTextEdit


def spelling_format() -> QTextCharFormat:
    """How a misspelt word is marked: a dotted blue underline."""
    marked = QTextCharFormat()
    marked.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    marked.setUnderlineColor(SPELLING_COLOUR)
    return marked


class SpellingMarks(QObject):
    """The spelling part of a highlighter: marks words, redraws what waited.

    A child of the highlighter, so that the app's spell checker stops calling it when
    the highlighter goes.
    """

    def __init__(
        self, highlighter: QSyntaxHighlighter, editor: Editor | None, checker: SpellChecker
    ) -> None:
        super().__init__(highlighter)
        self._highlighter = highlighter
        self._editor = editor
        self._checker = checker
        self._format = spelling_format()
        self._waiting: list[QTextBlock] = []
        self._spared: tuple[QTextBlock, int, int] | None = None  # the word being typed
        checker.checked.connect(self._on_checked)
        checker.changed.connect(self._on_changed)
        if editor is not None:
            editor.cursorPositionChanged.connect(self._on_cursor_moved)

    def mark(self, text: str) -> None:
        """Underline the misspelt words of the paragraph being highlighted."""
        highlighter = self._highlighter
        block = highlighter.currentBlock()
        misspelt, waiting = self._checker.misspelt_in(text)
        if waiting:
            self._waiting.append(QTextBlock(block))
        if not misspelt:
            return
        typing = self._typing_at(block)
        for word in misspelt:
            if typing is not None and word.start < typing <= word.end:
                self._spared = (QTextBlock(block), word.start, word.end)
                continue
            if highlighter.format(word.start).underlineStyle() != _NO_UNDERLINE:
                continue  # a privacy finding: its underline says more
            highlighter.setFormat(word.start, word.end - word.start, self._format)

    def release(self) -> None:
        """Mark the word that was spared while it was typed (the cursor has left)."""
        if self._spared is not None:
            block = self._spared[0]
            self._spared = None
            if block.isValid():
                self._highlighter.rehighlightBlock(block)

    def _typing_at(self, block: QTextBlock) -> int | None:
        editor = self._editor
        if editor is None or not editor.hasFocus():
            return None
        cursor = editor.textCursor()
        if cursor.block() != block or cursor.hasSelection():
            return None
        return cursor.positionInBlock()

    def _on_cursor_moved(self) -> None:
        if self._spared is None or self._editor is None:
            return
        block, start, end = self._spared
        cursor = self._editor.textCursor()
        if cursor.block() != block or not start < cursor.positionInBlock() <= end:
            self.release()

    def _on_changed(self) -> None:
        self._waiting = []
        self._highlighter.rehighlight()

    def _on_checked(self) -> None:
        waiting, self._waiting = self._waiting, []
        done: set[int] = set()
        for block in waiting:
            if block.isValid() and block.blockNumber() not in done:
                done.add(block.blockNumber())
                self._highlighter.rehighlightBlock(block)


_NO_UNDERLINE = QTextCharFormat.UnderlineStyle.NoUnderline


class SpellingHighlighter(QSyntaxHighlighter):
    """Underlines misspelt words in a plain text editor that has no privacy check."""

    def __init__(self, editor: Editor, checker: SpellChecker) -> None:
        super().__init__(editor.document())
        self.marks = SpellingMarks(self, editor, checker)

    def highlightBlock(self, text: str) -> None:
        self.marks.mark(text)


class CheckedHighlighter(FindingHighlighter):
    """Identifiers (see :class:`FindingHighlighter`) and then misspelt words, in one pass:
    a document has room for one highlighter's formats."""

    def __init__(
        self,
        document: QTextDocument,
        context: PrivacyContext,
        editor: Editor | None,
        checker: SpellChecker,
    ) -> None:
        super().__init__(document, context)
        self.marks = SpellingMarks(self, editor, checker)

    def highlightBlock(self, text: str) -> None:
        super().highlightBlock(text)
        self.marks.mark(text)
