"""Underlining identifiers as the user types, with a tooltip and quick fixes.

:class:`FindingHighlighter` runs the detector over each paragraph as Qt asks for it
(only changed paragraphs are re-run) and draws a wavy underline: red for what
would block an export, amber for possible names. :class:`FindingAssist` gives a
plain-text editor the tooltip naming the kind, and the context menu's quick fixes:
replace with the pseudonym (or a placeholder), pseudonymise the whole text, add a
new name to the vault, or ignore a word that is not a name.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip

from deepdive.privacy.findings import Finding, FindingKind, pseudonymise
from deepdive.ui.privacy.context import PrivacyContext

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

    def __init__(self, document: QTextDocument, context: PrivacyContext) -> None:
        super().__init__(document)
        self._context = context
        self._blocking = _format(BLOCKING_COLOUR)
        self._possible = _format(POSSIBLE_COLOUR)
        self._highlighting = False
        context.detector_changed.connect(self._on_detector_changed)

    def _on_detector_changed(self) -> None:
        # Asking for the detector while highlighting may change it (the vault of
        # another workspace locks); redrawing the document from inside its own
        # redraw crashes Qt, so that redraw waits for the event loop.
        if self._highlighting:
            QTimer.singleShot(0, self, self.rehighlight)
        else:
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not text.strip():
            return
        self._highlighting = True
        try:
            findings = self._context.detector().detect(text)
        finally:
            self._highlighting = False
        for finding in findings:
            style = self._blocking if finding.blocking else self._possible
            self.setFormat(finding.start, finding.end - finding.start, style)


def findings_at(editor: QPlainTextEdit, context: PrivacyContext, position: int) -> Finding | None:
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
    """Tooltips and quick fixes for the findings in one plain-text editor."""

    def __init__(self, editor: QPlainTextEdit, context: PrivacyContext) -> None:
        super().__init__(editor)
        self._editor = editor
        self._context = context
        editor.viewport().installEventFilter(self)
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and watched is self._editor.viewport():
            assert isinstance(event, QHelpEvent)
            return self._show_tooltip(event.pos(), event.globalPos())
        if event.type() == QEvent.Type.ContextMenu and watched is self._editor:
            assert isinstance(event, QContextMenuEvent)
            menu = self.menu_at(
                self._editor.cursorForPosition(
                    self._editor.viewport().mapFrom(self._editor, event.pos())
                ).position()
            )
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
        menu = self._editor.createStandardContextMenu()
        fixes = self.quick_fixes(position)
        first = menu.actions()[0] if menu.actions() else None
        for text, fix in fixes:
            action = menu.addAction(text) if first is None else _insert(menu, first, text)
            action.triggered.connect(lambda _checked=False, f=fix: f())
        if fixes and first is not None:
            menu.insertSeparator(first)
        return menu

    def quick_fixes(self, position: int) -> list[tuple[str, Callable[[], object]]]:
        """(label, action) pairs for the finding at ``position`` and the whole text."""
        fixes: list[tuple[str, Callable[[], object]]] = []
        finding = findings_at(self._editor, self._context, position)
        if finding is not None:
            replacement = finding.replacement
            if replacement is not None:
                fixes.append(
                    (
                        _tr("Replace “{text}” with “{new}”").format(
                            text=_short(finding.text), new=replacement
                        ),
                        lambda: self.replace(finding.start, finding.end, replacement),
                    )
                )
            if finding.kind is FindingKind.POSSIBLE_NAME:
                name = " ".join(finding.text.split())
                add_to_vault = self._context.add_to_vault
                if add_to_vault is not None:
                    fixes.append(
                        (
                            _tr("Add “{name}” to the key vault…").format(name=name),
                            lambda: add_to_vault(name, self._editor),
                        )
                    )
                fixes.append(
                    (
                        _tr("“{name}” is not a name: stop underlining it").format(name=name),
                        lambda: self._context.ignore_word(name),
                    )
                )
        count = sum(1 for f in self.all_findings() if f.replacement is not None)
        if count:
            fixes.append(
                (
                    _tr("Pseudonymise the whole text ({count} to replace)").format(count=count),
                    self.pseudonymise_all,
                )
            )
        return fixes

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


def _insert(menu: QMenu, before: QAction, text: str) -> QAction:
    action = QAction(text, menu)
    menu.insertAction(before, action)
    return action


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 30 else flat[:29] + "…"
