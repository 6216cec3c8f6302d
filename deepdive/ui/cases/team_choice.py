"""Asking a person in several teams which team a case they add goes into (the demo
case, a bundle's case): only that team's members will see it. The New case dialog asks
in its own Team field instead (:mod:`deepdive.ui.cases.case_dialogs`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("TeamChoice", text)


def choose_team(parent: QWidget | None, teams: Sequence[str], what: str) -> str | None:
    """The team ``what`` (e.g. "the demo case") goes into, chosen from ``teams``; None
    when the person cancels (then nothing is added)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(_tr("Choose the team"))
    dialog.setLabelText(
        _tr(
            "You are in more than one team. Which team should {what} go into? Only its "
            "members will see it."
        ).format(what=what)
    )
    dialog.setComboBoxItems(list(teams))
    dialog.setComboBoxEditable(False)
    dialog.setOkButtonText(_tr("Add to this team"))
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()
    finally:
        dialog.deleteLater()
