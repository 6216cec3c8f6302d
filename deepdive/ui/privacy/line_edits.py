"""Flagging identifiers in one-line text fields too (pseudonym, tags, titles…).

A one-line field cannot draw wavy underlines, so a field holding something an export
would refuse gets a red outline and a tooltip saying what it holds, and its context
menu (right-click, or the Menu key) offers the same quick fixes as the editors. The
watch is added to every QLineEdit of the app the first time it gets the keyboard focus
(a click of either mouse button gives it), so panels need no code for it. Password
fields, and the privacy dialogs where real identities are typed on purpose (marked
with :data:`EXEMPT`), are left alone.

Hidden direction controls (U+202E…) typed or pasted into a one-line field are taken
out as they arrive, as an edit: every one-line field (names, codes, roles, titles) is
stored without them, so the field shows what will be saved and is never reordered.

The same watcher gives any multi-line box that is not a Markdown editor (which has
its own) a :class:`~deepdive.ui.privacy.text_watch.TextWatch` when it first gets the
focus, so no place where text is typed lacks the underlines and quick fixes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from deepdive.privacy.findings import pseudonymise
from deepdive.text.clean import BIDI_CONTROLS
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.quick_fixes import (
    QuickFix,
    fixes_for,
    whole_text_fixes,
    with_all_fixes,
)
from deepdive.ui.privacy.text_watch import WATCHED, TextWatch, is_watched
from deepdive.ui.widgets.cell_editors import is_cell_editor

EXEMPT = "privacyExempt"  # dynamic property: True on a widget whose fields hold real names
_FLAG_STYLE = "QLineEdit { border: 1px solid #c62828; }"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LineEditWatch", text)


def exempt(widget: QWidget) -> None:
    """Never flag the fields inside ``widget`` (they hold real identities on purpose)."""
    widget.setProperty(EXEMPT, True)


def _is_exempt(field: QWidget) -> bool:
    if isinstance(field, QLineEdit) and field.echoMode() != QLineEdit.EchoMode.Normal:
        return True
    if is_cell_editor(field):
        return True  # the table checks its cells (and a cell editor is torn down mid-event)
    widget: QWidget | None = field
    while widget is not None:
        if widget.property(EXEMPT):
            return True
        widget = widget.parentWidget()
    return False


class LineEditWatch(QObject):
    """Checks one line edit as it is edited, and outlines it when it holds identifiers."""

    def __init__(self, field: QLineEdit, context: PrivacyContext) -> None:
        super().__init__(field)
        self._field = field
        self._context = context
        self._tooltip = field.toolTip()
        self._style = field.styleSheet()
        self.flagged = False
        self._cleaning = False
        field.textChanged.connect(self.check)
        field.textEdited.connect(self._drop_direction_controls)
        field.installEventFilter(self)
        self.check()

    def _drop_direction_controls(self, text: str) -> None:
        """Take out the direction controls just typed or pasted, as an edit (undoable)."""
        if self._cleaning:
            return
        found = [at for at, char in enumerate(text) if char in BIDI_CONTROLS]
        if not found:
            return
        cursor = self._field.cursorPosition()
        self._cleaning = True
        try:
            for at in reversed(found):
                self._field.setSelection(at, 1)
                self._field.del_()
        finally:
            self._cleaning = False
        self._field.setCursorPosition(cursor - sum(1 for at in found if at < cursor))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._field or event.type() != QEvent.Type.ContextMenu:
            return False
        assert isinstance(event, QContextMenuEvent)
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            position = self._field.cursorPosition()
        else:
            position = self._field.cursorPositionAt(event.pos())
        fixes = self.quick_fixes(position)
        more = self._context.more_fixes(self._field, position)
        if not fixes and not more:
            return False  # the field's own menu, as ever
        menu = with_all_fixes(self._field.createStandardContextMenu(), fixes, more)
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True

    def quick_fixes(self, position: int) -> list[QuickFix]:
        """(label, action) pairs for the identifier at ``position`` and the whole field."""
        findings = self._context.detector().detect(self._field.text())
        here = next((f for f in findings if f.start <= position <= f.end), None)
        return [
            *fixes_for(self._context, here, self.replace, self._field),
            *whole_text_fixes(findings, self.pseudonymise_all),
        ]

    def replace(self, start: int, end: int, text: str) -> None:
        """Replace characters ``start:end`` as typing would (undoable, saved as an edit)."""
        self._field.setSelection(start, end - start)
        self._field.insert(text)

    def pseudonymise_all(self) -> None:
        """Replace every identifier in the field with its pseudonym or placeholder."""
        text = self._field.text()
        new = pseudonymise(text, self._context.detector().detect(text))
        if new != text:
            self.replace(0, len(text), new)

    def check(self) -> bool:
        """Outline the field if it holds anything an export would refuse."""
        blocking = [f for f in self._context.detector().detect(self._field.text()) if f.blocking]
        if blocking and not self.flagged:
            self._tooltip = self._field.toolTip()
            self._style = self._field.styleSheet()
        if blocking:
            what = ", ".join(f"{f.label} “{f.text}”" for f in blocking)
            self._field.setToolTip(
                _tr(
                    "This field holds {what}; an export would refuse it. Right-click to replace it."
                ).format(what=what)
            )
            self._field.setStyleSheet(_FLAG_STYLE)
        elif self.flagged:
            self._field.setToolTip(self._tooltip)
            self._field.setStyleSheet(self._style)
        self.flagged = bool(blocking)
        return self.flagged


def watch_now(*fields: QLineEdit) -> None:
    """Watch these fields from the start (not only once they get the focus), so what
    they hold is outlined as soon as they are shown."""
    from deepdive.ui.editors.app_services import privacy_of

    for field in fields:
        if not is_watched(field) and not _is_exempt(field):
            field.setProperty(WATCHED, True)
            LineEditWatch(field, privacy_of(field))


class LineEditWatcher(QObject):
    """Adds a :class:`LineEditWatch` to each line edit when it first gets the focus."""

    def __init__(self, context: PrivacyContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit):
            self.watch(new)
        elif isinstance(new, QPlainTextEdit | QTextEdit) and not new.isReadOnly():
            self.watch_box(new)

    def watch(self, field: QLineEdit) -> LineEditWatch | None:
        """Watch ``field`` (once); None for password and exempt fields."""
        if is_watched(field) or _is_exempt(field):
            return None
        field.setProperty(WATCHED, True)
        return LineEditWatch(field, self._context)

    def watch_box(self, box: QPlainTextEdit | QTextEdit) -> TextWatch | None:
        """Give a multi-line box its privacy aids (once); None if it has them or is exempt."""
        if is_watched(box) or _is_exempt(box):
            return None
        return TextWatch(box, self._context)
