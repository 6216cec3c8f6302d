"""The mouse wheel changes a drop-down or spin box only once it has the focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot


def turn_wheel(widget: QWidget, notches: int = -1) -> bool:
    """One wheel turn over ``widget`` (down by default); whether the widget took it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def make_form(qtbot: QtBot) -> tuple[QScrollArea, QComboBox, QSpinBox, QLineEdit]:
    area = QScrollArea()
    qtbot.addWidget(area)
    form = QWidget()
    layout = QVBoxLayout(form)
    other = QLineEdit(form)
    combo = QComboBox(form)
    combo.addItems(["Placement", "Education", "Health"])
    spin = QSpinBox(form)
    spin.setRange(0, 10)
    spin.setValue(5)
    for widget in (other, combo, spin):
        layout.addWidget(widget)
    layout.addSpacing(2000)  # a long form that scrolls
    area.setWidget(form)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    other.setFocus()
    return area, combo, spin, other


def test_the_wheel_over_an_unfocused_drop_down_or_spin_box_changes_nothing(
    qtbot: QtBot,
) -> None:
    _area, combo, spin, _other = make_form(qtbot)
    changed: list[int] = []
    combo.currentIndexChanged.connect(changed.append)
    # Passed on (not taken), so Qt offers it to the scrolling panel behind.
    assert not turn_wheel(combo)
    assert not turn_wheel(spin)
    assert combo.currentIndex() == 0 and not changed
    assert spin.value() == 5
    # Nor does the wheel give them the focus (which would let the next turn change them).
    assert not combo.hasFocus() and not spin.hasFocus()


def test_a_focused_drop_down_or_spin_box_still_follows_the_wheel(qtbot: QtBot) -> None:
    _area, combo, spin, _other = make_form(qtbot)
    combo.setFocus()
    assert turn_wheel(combo)
    assert combo.currentIndex() == 1
    spin.setFocus()
    assert turn_wheel(spin, notches=1)
    assert spin.value() == 6


def test_the_event_editors_domain_is_not_changed_by_the_wheel(qtbot: QtBot) -> None:
    from deepdive.ui.chronology.detail_editor import EventEditor

    editor = EventEditor(lambda _data: None, lambda _id, _changes: None)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(editor)
    editor.start_new()
    editor.show()
    qtbot.waitExposed(editor)
    before = editor.category.currentIndex()
    assert not turn_wheel(editor.category)
    assert editor.category.currentIndex() == before
