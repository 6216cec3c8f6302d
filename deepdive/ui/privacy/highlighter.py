"""Underlining identifiers as the user types, with a tooltip and quick fixes.

:class:`FindingHighlighter` runs the detector over each paragraph as Qt asks for it
(only changed paragraphs are re-run) and draws a wavy underline: red for what
would block an export, amber for possible names and places. :class:`FindingAssist`
gives a plain-text editor the tooltip naming the kind, and the context menu's quick
fixes: replace with the pseudonym (or a placeholder, or a place's generic wording),
pseudonymise the whole text, add a new name or place to the vault, or ignore a word
that is not a name or a place that identifies nobody.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip

from deepdive.privacy.findings import Finding, FindingKind, pseudonymise
from deepdive.privacy.organisations import generic_wording
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.quick_fixes import (
    QuickFix,
    fixes_for,
    whole_text_fixes,
    with_all_fixes,
)

BLOCKING_COLOUR = QColor("#c62828")
POSSIBLE_COLOUR = QColor("#ef8f00")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingAssist", text)


def _format(colour: QColor) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    text_format.setUnderlineColor(colour)
    return text_format


class FindingHighlighter(QSyntaxHighlighter):
    """Underlines every finding in a document, paragraph by paragraph."""

    _busy = 0  # how many highlighters are asking the detector right now (any document)

    def __init__(self, document: QTextDocument, context: PrivacyContext) -> None:
        super().__init__(document)
        self._context = context
        self._blocking = _format(BLOCKING_COLOUR)
        self._possible = _format(POSSIBLE_COLOUR)
        context.detector_changed.connect(self._on_detector_changed)

    def _on_detector_changed(self) -> None:
        # Asking for the detector while highlighting may change it (the vault of
        # another workspace locks); redrawing a document from inside a redraw crashes
        # Qt, so the redraw waits for the event loop.
        if FindingHighlighter._busy:
            QTimer.singleShot(0, self, self.rehighlight)
        else:
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not text.strip():
            return
        FindingHighlighter._busy += 1
        try:
            findings = self._context.detector().detect(text)
        finally:
            FindingHighlighter._busy -= 1
        for finding in findings:
            style = self._blocking if finding.blocking else self._possible
            self.setFormat(finding.start, finding.end - finding.start, style)


def findings_at(
    editor: QPlainTextEdit | QTextEdit, context: PrivacyContext, position: int
) -> Finding | None:
    """The finding under document position ``position``, with document offsets."""
    block = editor.document().findBlock(position)
    if not block.isValid():
        return None
    offset = position - block.position()
    for finding in context.detector().detect(block.text()):
        if finding.start <= offset < finding.end:
            return finding.moved(block.position())
    return None


def describe(finding: Finding) -> str:
    """The tooltip: what was found and what can be done."""
    if finding.kind is FindingKind.POSSIBLE_NAME:
        return _tr(
            "Possible name, not in the key vault. Right-click to add it to the vault or to "
            "say it is not a name."
        )
    if finding.kind is FindingKind.POSSIBLE_ORGANISATION:
        return _tr(
            "Possible school or service name, not in the key vault: an export will ask "
            "about it, not refuse it. Right-click to replace it with “{generic}”, add it "
            "to the vault or say it identifies nobody."
        ).format(generic=generic_wording(finding.text))
    what = (
        _tr("Registered {label}").format(label=finding.kind.label)
        if finding.registered
        else (finding.kind.label[:1].upper() + finding.kind.label[1:])
    )
    if finding.pseudonym:
        return _tr("{what}: right-click to replace it with “{pseudonym}”.").format(
            what=what, pseudonym=finding.pseudonym
        )
    return _tr("{what}: an export will refuse it. Right-click to replace it.").format(what=what)


class FindingAssist(QObject):
    """Tooltips and quick fixes for the findings in one plain-text editor.

    The context menu is asked for on the editor's viewport by a mouse right-click and
    on the editor itself by the keyboard's Menu key; both get the quick fixes.
    """

    def __init__(self, editor: QPlainTextEdit | QTextEdit, context: PrivacyContext) -> None:
        super().__init__(editor)
        self._editor = editor
        self._context = context
        editor.viewport().installEventFilter(self)
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only these two kinds are looked at: any other event may come while the
        # editor is being destroyed, when it can no longer be asked for its viewport.
        if event.type() not in (QEvent.Type.ToolTip, QEvent.Type.ContextMenu):
            return False
        viewport = self._editor.viewport()
        if event.type() == QEvent.Type.ToolTip and watched is viewport:
            assert isinstance(event, QHelpEvent)
            return self._show_tooltip(event.pos(), event.globalPos())
        if event.type() == QEvent.Type.ContextMenu and watched in (self._editor, viewport):
            assert isinstance(event, QContextMenuEvent)
            if event.reason() == QContextMenuEvent.Reason.Keyboard:
                position = self._editor.textCursor().position()
            else:
                point = event.pos()
                if watched is self._editor:
                    point = viewport.mapFrom(self._editor, point)
                position = self._editor.cursorForPosition(point).position()
            menu = self.menu_at(position)
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        return False

    def _show_tooltip(self, point: QPoint, global_point: QPoint) -> bool:
        position = self._editor.cursorForPosition(point).position()
        finding = findings_at(self._editor, self._context, position)
        if finding is None:
            QToolTip.hideText()
            return False
        QToolTip.showText(global_point, describe(finding), self._editor)
        return True

    # ----------------------------------------------------------- quick fixes
    def menu_at(self, position: int) -> QMenu:
        """The editor's context menu with the quick fixes for ``position`` on top."""
        return with_all_fixes(
            self._editor.createStandardContextMenu(),
            self.quick_fixes(position),
            self._context.more_fixes(self._editor, position),
        )

    def quick_fixes(self, position: int) -> list[QuickFix]:
        """(label, action) pairs for the finding at ``position`` and the whole text."""
        finding = findings_at(self._editor, self._context, position)
        return [
            *fixes_for(self._context, finding, self.replace, self._editor),
            *whole_text_fixes(self.all_findings(), self.pseudonymise_all),
        ]

    def all_findings(self) -> list[Finding]:
        """Every finding in the editor's text."""
        return self._context.detector().detect(self._editor.toPlainText())

    def replace(self, start: int, end: int, text: str) -> None:
        """Replace document positions ``start:end`` with ``text`` (one undo step)."""
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)

    def pseudonymise_all(self) -> None:
        """Replace every identifier with its pseudonym or placeholder (one undo step)."""
        text = self._editor.toPlainText()
        new = pseudonymise(text, self._context.detector().detect(text))
        if new != text:
            cursor = QTextCursor(self._editor.document())
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(new)
