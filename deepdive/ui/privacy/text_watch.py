"""The privacy aids of a multi-line text box, for boxes that are not Markdown editors.

:class:`TextWatch` gives a plain-text box (a template's description, a stage's
purpose and questions) what every Markdown editor has: identifiers underlined as
they are typed, the tooltip naming them, the quick fixes on a mouse right-click or
the Menu key, and hidden direction controls (U+202E…) written as visible marks such
as ``‹U+202E›``, so they never reorder the text around them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRegularExpression
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from deepdive.text.clean import BIDI_CONTROLS, show_bidi
from deepdive.ui.editors.app_services import privacy_of
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.highlighter import FindingAssist, FindingHighlighter

WATCHED = "privacyWatched"  # dynamic property: the field already has its privacy aids
_DIRECTION_CONTROL = QRegularExpression(f"[{BIDI_CONTROLS}]")


def show_direction_controls(document: QTextDocument) -> bool:
    """Write every hidden direction control in ``document`` as a visible mark (one undo
    step, as the workspace stores multi-line text); whether there were any."""
    found = document.find(_DIRECTION_CONTROL)
    if found.isNull():
        return False
    edit = QTextCursor(document)
    edit.beginEditBlock()
    while not found.isNull():
        found.insertText(show_bidi(found.selectedText()))
        found = document.find(_DIRECTION_CONTROL, found)
    edit.endEditBlock()
    return True


class TextWatch(QObject):
    """Underlines, quick fixes and visible direction marks for one plain-text box."""

    def __init__(
        self, editor: QPlainTextEdit | QTextEdit, context: PrivacyContext | None = None
    ) -> None:
        super().__init__(editor)
        """``context``: default, the one of ``editor``'s window."""
        context = context if context is not None else privacy_of(editor)
        editor.setProperty(WATCHED, True)
        self.highlighter = FindingHighlighter(editor.document(), context)
        self.assist = FindingAssist(editor, context)
        editor.textChanged.connect(lambda: show_direction_controls(editor.document()))
        show_direction_controls(editor.document())


def is_watched(widget: QWidget) -> bool:
    """Whether ``widget`` already has its privacy aids."""
    return bool(widget.property(WATCHED))
