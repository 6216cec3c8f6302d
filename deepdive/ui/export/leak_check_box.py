"""The export dialog's leak check box: what the check looks for, and Unlock key vault…

Exports fail closed: when the workspace has a key vault, nothing is written until it
is unlocked (:meth:`LeakCheckBox.vault_ready` asks for it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from deepdive.export import ExportGate
from deepdive.export.gate import LeakCheckGate

if TYPE_CHECKING:
    from deepdive.privacy.places import Located
    from deepdive.privacy.vault import Vault
    from deepdive.ui.privacy.context import PrivacyContext


class LeakCheckBox(QGroupBox):
    """What the leak check looks for, and the way to unlock the key vault."""

    state_changed = Signal()  # unlocked, locked, or asked for

    def __init__(
        self,
        privacy: PrivacyContext | None,
        unlock: Callable[[], object] | None,
        vault_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        """``privacy`` holds the key vault while it is unlocked; ``unlock`` asks for it
        (the Privacy menu's unlock); the vault is at ``vault_path`` when it exists."""
        super().__init__(parent)
        self.setTitle(self.tr("Leak check"))
        self._privacy = privacy
        self._unlock = unlock
        self._vault_path = vault_path
        box = self
        row = QHBoxLayout(box)
        self.privacy_note = QLabel(box)
        self.privacy_note.setWordWrap(True)
        self.privacy_note.setAccessibleName(self.tr("What the leak check looks for"))
        self.unlock_button = QPushButton(self.tr("&Unlock key vault…"), box)
        self.unlock_button.setAccessibleName(self.tr("Unlock the key vault"))
        self.unlock_button.clicked.connect(self.unlock_vault)
        row.addWidget(self.privacy_note, 1)
        row.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignTop)
        if privacy is not None:
            privacy.vault_changed.connect(self.state_changed)

    def vault(self) -> Vault | None:
        """The key vault, while it is unlocked."""
        return self._privacy.vault if self._privacy is not None else None

    def unlock_vault(self) -> None:
        """Ask for the passphrase (through the Privacy menu) and use the vault."""
        if self._unlock is not None and self.vault() is None:
            self._unlock()
        self.state_changed.emit()

    def vault_ready(self) -> bool:
        """Fail closed: a key vault that exists is unlocked (asked for now) first."""
        if self.vault() is not None or not self._vault_path.exists():
            return True
        self.unlock_vault()
        return self.vault() is not None

    def show_state(self) -> None:
        """Say what the check looks for, locked or unlocked; offer to unlock."""
        unlocked = self.vault() is not None
        self.unlock_button.setVisible(not unlocked and self._unlock is not None)
        if unlocked:
            self.privacy_note.setText(
                self.tr(
                    "Before the file is saved, it is checked for the real names and "
                    "identifiers registered in the key vault, and for NHS and NI numbers, "
                    "postcodes, phone numbers, emails, addresses and dates of birth. "
                    "Anything found stops the export; possible names are shown to you first."
                )
            )
        elif self._vault_path.exists():
            self.privacy_note.setText(
                self.tr(
                    "The key vault is locked. It is needed to export, so that the check "
                    "looks for its registered names: Export asks for its passphrase first."
                )
            )
        else:
            self.privacy_note.setText(
                self.tr(
                    "The key vault is locked, so registered names are not looked for: the "
                    "check finds patterns (NHS and NI numbers, postcodes, phone numbers, "
                    "emails, addresses, dates of birth) and likely names only."
                )
            )


def blocking_found(gate: ExportGate | None) -> list[Located]:
    """What stopped the last export, each at its place in the case (if the check did)."""
    if not isinstance(gate, LeakCheckGate) or gate.report is None:
        return []
    if not gate.report.blocking:
        return []
    return [found for found in gate.located if found.finding.blocking]
