"""A Markdown text editor with a live preview beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deepdive.text.markdown import markdown_to_html

PREVIEW_DELAY_MS = 250


class MarkdownEditor(QWidget):
    """Plain-text Markdown on the left, the rendered preview on the right."""

    text_edited = Signal(str)
    editing_finished = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = _FocusAwareEdit(self)
        self.editor.setAccessibleName(accessible_name)
        self.editor.setPlaceholderText(self.tr("Write in Markdown: **bold**, *italic*, - lists"))
        self.editor.setTabChangesFocus(True)
        body_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        self.editor.setFont(body_font)
        self.preview = QTextBrowser(self)
        self.preview.setOpenExternalLinks(False)
        self.preview.setAccessibleName(self.tr("%s preview") % accessible_name)
        # Tab moves between fields; the preview is reached with the mouse.
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.preview.setFont(QFont(body_font))
        splitter = QSplitter(self)
        splitter.addWidget(_labelled(self.tr("Write"), self.editor))
        splitter.addWidget(_labelled(self.tr("Preview"), self.preview))
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._render)
        self._loading = False
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.focus_left.connect(self.editing_finished)

    def set_markdown(self, text: str) -> None:
        """Show ``text`` without reporting it as an edit."""
        self._loading = True
        self.editor.setPlainText(text)
        self._loading = False
        self._render()

    def markdown(self) -> str:
        """The text as typed."""
        return self.editor.toPlainText()

    def _on_text_changed(self) -> None:
        self._render_timer.start(PREVIEW_DELAY_MS)
        if not self._loading:
            self.text_edited.emit(self.editor.toPlainText())

    def _render(self) -> None:
        self.preview.setHtml(markdown_to_html(self.editor.toPlainText()))


class _FocusAwareEdit(QPlainTextEdit):
    """A plain text editor that says when focus leaves it."""

    focus_left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


def _labelled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(title)
    label.setObjectName("paneCaption")
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget)
    return box
