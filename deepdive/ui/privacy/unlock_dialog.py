"""Unlocking the key vault, or creating it the first time.

The dialog shows where the vault is (beside the workspace unless the user chooses
another file), asks for the passphrase (twice for a new vault), and how many idle
minutes before it locks again. A wrong passphrase or a damaged vault is explained
inside the dialog, which stays open so the user can try again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.privacy.vault import Vault

VAULT_FILTER = "DeepDive key vaults (*.vault);;All files (*)"
ChoosePath = Callable[[QWidget, Path], Path | None]


def _choose_with_dialog(parent: QWidget, start: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Key vault"),
        str(start),
        VAULT_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(name) if name else None


class UnlockDialog(QDialog):
    """Asks for the passphrase; on success ``vault`` is the unlocked vault."""

    def __init__(
        self,
        path: Path,
        idle_minutes: int,
        parent: QWidget | None = None,
        choose_path: ChoosePath = _choose_with_dialog,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock the key vault"))
        self.vault: Vault | None = None
        self.path = path
        self._choose_path = choose_path
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.path_label = QLabel(self)
        self.path_label.setWordWrap(True)
        self.path_label.setObjectName("quietHint")
        self.choose_button = QPushButton(self.tr("Use another file…"), self)
        self.choose_button.setAccessibleName(self.tr("Choose another key vault file"))
        self.choose_button.clicked.connect(self._on_choose)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Passphrase again"))
        self.idle = QSpinBox(self)
        self.idle.setRange(1, 240)
        self.idle.setValue(idle_minutes)
        self.idle.setSuffix(self.tr(" minutes idle"))
        self.idle.setAccessibleName(self.tr("Lock again after this many idle minutes"))
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.unlock)
        self.buttons.rejected.connect(self.reject)

        where = QHBoxLayout()
        where.addWidget(self.path_label, 1)
        where.addWidget(self.choose_button)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&Passphrase"), self.passphrase)
        self.form.addRow(self.tr("&Again"), self.confirm)
        self.form.addRow(self.tr("&Lock after"), self.idle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(where)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._show_mode()

    @property
    def creating(self) -> bool:
        """Whether there is no vault yet at the chosen place (so one is made)."""
        return not self.path.exists()

    def _show_mode(self) -> None:
        if self.creating:
            self.intro.setText(
                self.tr(
                    "There is no key vault yet. Choose a passphrase to create one: it "
                    "encrypts the real names and numbers behind your pseudonyms. If the "
                    "passphrase is lost, so is the vault."
                )
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create vault"))
        else:
            self.intro.setText(
                self.tr("Enter the passphrase of the key vault to see and check real identities.")
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        self.form.setRowVisible(self.confirm, self.creating)
        self.path_label.setText(self.tr("Vault: {path}").format(path=self.path))
        self.message.hide()

    def _on_choose(self) -> None:
        chosen = self._choose_path(self, self.path.parent)
        if chosen is not None:
            self.path = chosen if chosen.suffix else chosen.with_suffix(".vault")
            self._show_mode()

    def unlock(self) -> bool:
        """Open (or create) the vault; explain in the dialog and stay open if not."""
        passphrase = self.passphrase.text()
        try:
            if self.creating:
                if passphrase != self.confirm.text():
                    raise DeepDiveError(self.tr("The two passphrases are not the same."))
                self.vault = Vault.create(self.path, passphrase)
            else:
                self.vault = Vault.open(self.path, passphrase)
        except DeepDiveError as exc:
            self.message.setText(str(exc))
            self.message.show()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return False
        self.accept()
        return True
