"""The mouse wheel changes a drop-down or a spin box only while it has the keyboard focus.

Qt lets the wheel change whichever drop-down (or spin box) happens to be under the
pointer, so scrolling down a form silently changed and saved a field on the way past.
Here such a field only takes the wheel once it has been clicked or tabbed into; over
any other, the wheel is passed on to the panel behind it, which scrolls.

:func:`guard_wheel` is called for every widget from one place, the app's style (see
:meth:`deepdive.ui.shell.style.FieldEdgeStyle.polish`), with the style's one
:class:`WheelGuard`, so no panel needs code for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


class WheelGuard(QObject):
    """Passes the wheel on from a drop-down or spin box that does not have the focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            # Ignored, and not given to the field: Qt then offers it to the field's
            # parents, the nearest scrolling panel among them.
            event.ignore()
            return True
        return False


def guard_wheel(widget: QWidget, guard: WheelGuard) -> None:
    """Make ``widget`` take the wheel only while focused, if it is a drop-down or spin box."""
    if not isinstance(widget, QComboBox | QAbstractSpinBox):
        return
    # A wheel turn over a field with "wheel focus" focuses it first, and so changed it.
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(guard)  # installing it again is harmless: Qt keeps one
