"""Changing the key vault's passphrase (the vault is re-encrypted under the new one)."""

from __future__ import annotations

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
from deepdive.privacy.vault import Vault


class ChangePassphraseDialog(QDialog):
    """Current passphrase, new one twice; explains any problem and stays open."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the vault passphrase"))
        self._vault = vault
        self.current = self._password_field(self.tr("Current passphrase"))
        self.new = self._password_field(self.tr("New passphrase"))
        self.again = self._password_field(self.tr("New passphrase again"))
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Current"), self.current)
        form.addRow(self.tr("&New"), self.new)
        form.addRow(self.tr("&Again"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change passphrase"))
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _password_field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def change(self) -> bool:
        """Re-encrypt under the new passphrase; explain and stay open if it cannot."""
        try:
            if self.new.text() != self.again.text():
                raise DeepDiveError(self.tr("The two new passphrases are not the same."))
            self._vault.change_passphrase(self.current.text(), self.new.text())
        except DeepDiveError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return False
        self.accept()
        return True
