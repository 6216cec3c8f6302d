"""Small dialogs for creating, renaming and duplicating a case.

Each dialog hands what was typed to a service call; a refused value is explained
next to its field and the dialog stays open, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services.errors import ValidationError
from deepdive.services.results import CaseDetail
from deepdive.ui.cases.case_overview_panel import FieldMessage

Submit = Callable[[str, str], CaseDetail]


class CaseCodeDialog(QDialog):
    """Asks for a case code and (optionally) the young person's pseudonym."""

    def __init__(
        self,
        title: str,
        explanation: str,
        submit: Submit,
        *,
        code: str = "",
        pseudonym: str | None = "",
        ok_text: str = "OK",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._submit = submit
        self.result_case: CaseDetail | None = None
        intro = QLabel(explanation, self)
        intro.setWordWrap(True)
        self.code = QLineEdit(code, self)
        self.code.setAccessibleName(self.tr("Case code"))
        self.code.setPlaceholderText(self.tr("e.g. DD-2019-014"))
        self.pseudonym = QLineEdit(pseudonym or "", self)
        self.pseudonym.setAccessibleName(self.tr("Young person's pseudonym"))
        self.pseudonym.setPlaceholderText(self.tr("A pseudonym, never a real name"))
        self.messages = {"code": FieldMessage(self), "pseudonym": FieldMessage(self)}
        self.general_message = FieldMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("Case &code"), self.code)
        form.addRow("", self.messages["code"])
        if pseudonym is not None:
            form.addRow(self.tr("&Pseudonym"), self.pseudonym)
            form.addRow("", self.messages["pseudonym"])
        else:
            self.pseudonym.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.code.setFocus()

    def _on_ok(self) -> None:
        for message in (*self.messages.values(), self.general_message):
            message.show_message("")
        try:
            self.result_case = self._submit(self.code.text(), self.pseudonym.text())
        except ValidationError as exc:
            target = self.messages.get(exc.field or "", self.general_message)
            target.show_message(str(exc))
            self._fit(target)
            return
        except DeepDiveError as exc:
            self.general_message.show_message(str(exc))
            self._fit(self.general_message)
            return
        self.accept()

    def _fit(self, message: QLabel) -> None:
        """Grow to show the whole message (it may be several lines long)."""
        message.updateGeometry()
        self.adjustSize()
