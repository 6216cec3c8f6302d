"""A Markdown text editor with a live preview beside it.

Every Markdown editor in the app underlines identifiers as they are typed (see
:mod:`deepdive.ui.privacy.highlighter`) and misspelt words (:mod:`deepdive.ui.spelling`),
offers quick fixes and spelling suggestions on right-click, and checks pasted text at
once, offering its pseudonymised version. It uses the privacy context and spell
checker it is given, or those of the window it is built in. Hidden direction controls
typed or pasted (U+202E…) are shown as visible marks such as ``‹U+202E›``, as the
workspace keeps them, so they never reorder the text around them.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deepdive.text.markdown import markdown_to_html
from deepdive.ui.editors.app_services import privacy_of, spelling_of
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.highlighter import FindingAssist
from deepdive.ui.privacy.paste_offer import PasteOffer
from deepdive.ui.privacy.text_watch import WATCHED, show_direction_controls
from deepdive.ui.spelling.checker import SpellChecker
from deepdive.ui.spelling.highlight import CheckedHighlighter

PREVIEW_DELAY_MS = 250


class MarkdownEditor(QWidget):
    """Plain-text Markdown on the left, the rendered preview on the right."""

    text_edited = Signal(str)
    editing_finished = Signal()

    def __init__(
        self,
        accessible_name: str,
        parent: QWidget | None = None,
        privacy: PrivacyContext | None = None,
        spelling: SpellChecker | None = None,
    ) -> None:
        """``privacy``: the detector and vault to use, ``spelling`` the spell checker
        (default: those of the window ``parent`` is in)."""
        super().__init__(parent)
        self.editor = _FocusAwareEdit(self)
        self.editor.setAccessibleName(accessible_name)
        self.editor.setPlaceholderText(self.tr("Write in Markdown: **bold**, *italic*, - lists"))
        self.editor.setTabChangesFocus(True)
        self.preview = QTextBrowser(self)
        self.preview.setOpenExternalLinks(False)
        self.preview.setAccessibleName(self.tr("%s preview") % accessible_name)
        # Tab moves between fields; the preview is reached with the mouse.
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        splitter = QSplitter(self)
        splitter.addWidget(_labelled(self.tr("Write"), self.editor))
        splitter.addWidget(_labelled(self.tr("Preview"), self.preview))
        splitter.setChildrenCollapsible(False)
        self.privacy = privacy if privacy is not None else privacy_of(parent)
        spelling = spelling if spelling is not None else spelling_of(parent)
        # Identifiers and misspelt words, underlined differently, in one highlighter.
        self.highlighter = CheckedHighlighter(
            self.editor.document(), self.privacy, self.editor, spelling
        )
        self.assist = FindingAssist(self.editor, self.privacy)
        self.editor.setProperty(WATCHED, True)
        self.paste_offer = PasteOffer(self.editor, self.privacy, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.paste_offer)
        layout.addWidget(splitter)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._render)
        self._loading = False
        self._text = ""
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.focus_left.connect(self.editing_finished)
        self.editor.focus_left.connect(self.highlighter.marks.release)
        self.editor.pasted.connect(self.paste_offer.check)

    def set_markdown(self, text: str) -> None:
        """Show ``text`` without reporting it as an edit."""
        self._loading = True
        self.editor.setPlainText(text)
        self._text = self.editor.toPlainText()
        self._loading = False
        self._render()

    def markdown(self) -> str:
        """The text as typed."""
        return self.editor.toPlainText()

    def _on_text_changed(self) -> None:
        if self._show_direction_controls():
            return  # the change it made has been handled like any other edit
        text = self.editor.toPlainText()
        # Qt also says "changed" when only the underlines are redrawn (the vault
        # unlocking): that is no edit, and must not be saved or reported as one.
        if text == self._text:
            return
        self._text = text
        self._render_timer.start(PREVIEW_DELAY_MS)
        if not self._loading:
            self.text_edited.emit(text)

    def _show_direction_controls(self) -> bool:
        """Write hidden direction controls (U+202E…) as visible marks, as the workspace
        stores them, so they never reorder what is typed; whether any were found."""
        return show_direction_controls(self.editor.document())

    def _render(self) -> None:
        self.preview.setHtml(markdown_to_html(self.editor.toPlainText()))


class _FocusAwareEdit(QPlainTextEdit):
    """A plain text editor that says when focus leaves it and what was pasted where."""

    focus_left = Signal()
    pasted = Signal(int, int)  # document positions of the pasted text

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()

    def insertFromMimeData(self, source: QMimeData) -> None:
        start = self.textCursor().selectionStart()
        super().insertFromMimeData(source)
        end = self.textCursor().position()
        if end > start:
            self.pasted.emit(start, end)


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
