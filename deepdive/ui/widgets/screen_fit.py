"""A window's size and place, fitted to the screen it is on.

A window opens at a size that fits its screen — a 1366×768 laptop included — and a
size remembered from a larger screen is brought within this one.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

PREFERRED_SIZE = QSize(1280, 800)
# What the window's title bar and frame take, which Qt can only tell once it is shown.
FRAME_ALLOWANCE = QSize(16, 40)


def fitted_geometry(available: QRect, current: QRect | None = None) -> QRect:
    """Where a window goes on a screen whose available area is ``available``.

    A new window (``current`` None) opens at the preferred size, or as much of it as
    the screen has room for, centred; a remembered one keeps its place and size when
    they fit, and is brought within the screen otherwise.
    """
    room = available.size() - FRAME_ALLOWANCE
    wanted = current.size() if current is not None else PREFERRED_SIZE
    size = wanted.boundedTo(room)
    rect = QRect(available.topLeft(), size)
    if current is None:
        rect.moveCenter(available.center())
    else:
        rect.moveTopLeft(current.topLeft())
    # Within the available area: the title bar never above or below it.
    left = min(max(rect.left(), available.left()), available.right() - rect.width())
    top = min(
        max(rect.top(), available.top() + FRAME_ALLOWANCE.height() - 8),
        available.bottom() - rect.height(),
    )
    rect.moveTopLeft(QPoint(left, top))
    return rect


def fit_to_screen(window: QWidget, remembered: bool) -> None:
    """Size and place ``window`` for its screen (``remembered``: it has a saved geometry)."""
    screen = window.screen()
    whole = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
    if screen is None or window.windowState() & whole:
        return
    available = screen.availableGeometry()
    room = available.size() - FRAME_ALLOWANCE
    window.setMinimumSize(window.minimumSize().boundedTo(room))
    window.setGeometry(fitted_geometry(available, window.geometry() if remembered else None))
