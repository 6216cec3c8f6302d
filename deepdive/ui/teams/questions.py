"""The small questions the Teams window asks: a name, a role, a member, a case.

Each is a :class:`QInputDialog` made here rather than through its static helpers, so
its OK button can say what it does and names are not underlined by the spelling check.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QInputDialog, QLineEdit, QWidget

from deepdive.ui.spelling.fixes import no_spelling

FIELD_WIDTH = 380  # room for a long team name or role


def ask_text(parent: QWidget, title: str, label: str, ok: str, text: str = "") -> str | None:
    """A line typed in a small dialog, stripped (None: cancelled or left empty)."""
    dialog = _dialog(parent, title, label, ok)
    dialog.setTextValue(text)
    field = dialog.findChild(QLineEdit)
    if field is not None:
        field.setMinimumWidth(FIELD_WIDTH)
    return _answer(dialog)


def ask_choice(
    parent: QWidget,
    title: str,
    label: str,
    ok: str,
    items: Sequence[str],
    *,
    editable: bool = False,
    current: str = "",
) -> str | None:
    """One of ``items`` (or, ``editable``, anything typed), None when cancelled."""
    dialog = _dialog(parent, title, label, ok)
    dialog.setComboBoxItems(list(items))
    dialog.setComboBoxEditable(editable)
    if current:
        dialog.setTextValue(current)
    box = dialog.findChild(QComboBox)
    if box is not None:
        box.setMinimumWidth(FIELD_WIDTH)
        typed = box.lineEdit() if editable else None
        if typed is not None:
            typed.selectAll()
    return _answer(dialog)


def _dialog(parent: QWidget, title: str, label: str, ok: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    no_spelling(dialog)  # names and codes, not prose
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText(ok)
    return dialog


def _answer(dialog: QInputDialog) -> str | None:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        answer = dialog.textValue().strip()
        return answer or None
    finally:
        dialog.deleteLater()
