"""Screen-reader names and keyboard order on the main screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from ui_helpers import WindowFactory

from deepdive.demo import add_demo_case
from deepdive.ui.shell.main_window import MainWindow


def _open_demo(make_window: WindowFactory, workspace_path: Path) -> MainWindow:
    window = make_window()
    window.show()
    window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    demo = add_demo_case(window.services)
    window.view.select_case(demo.id)
    return window


def _name_of(widget: QWidget) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return ""


def test_every_visible_control_has_an_accessible_name(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window = _open_demo(make_window, workspace_path)
    kinds = (
        QLineEdit,
        QComboBox,
        QPlainTextEdit,
        QTextEdit,
        QAbstractItemView,
        QAbstractButton,
        QAbstractSpinBox,
    )
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisible()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)
        and not _name_of(w)
    ]
    assert unnamed == []


def test_tab_moves_through_the_case_in_reading_order(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window = _open_demo(make_window, workspace_path)
    assert window.view is not None
    overview = window.view.overview
    start = window.view.case_list.search
    order: list[QWidget] = [start]
    widget = start.nextInFocusChain()
    while widget is not start and len(order) < 200:
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
    expected = [
        window.view.case_list.search,
        window.view.case_list.status,
        window.view.case_list.table,
        overview.pseudonym,
        overview.birth,
        overview.status,
        overview.edge_of_care,
        overview.tags,
        overview.summary.editor,
        overview.cast.table,
        overview.cast.add_button,
        overview.cast.remove_button,
    ]
    positions = [order.index(w) for w in expected]
    assert positions == sorted(positions), [(type(w).__name__, w.accessibleName()) for w in order]
