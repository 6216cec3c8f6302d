"""After unlocking: key vault entries whose case code the workspace does not have.

They may belong to a case renamed or deleted while the vault's changes could not be
followed, or to another workspace that shares this vault. Each can be attached to a
case of this workspace (its entries then follow that case's code), removed (its real
identities are forgotten), or kept as it is. Nothing happens without a click.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault
    from deepdive.privacy.vault_model import VaultCase
    from deepdive.services.results import CaseSummary

Confirm = Callable[[str], bool]


class OrphanEntriesDialog(QDialog):
    """Attach, remove or keep vault entries for case codes not in the workspace."""

    def __init__(
        self,
        vault: Vault,
        orphans: list[VaultCase],
        cases: list[CaseSummary],
        confirm_removal: Confirm,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._cases = cases
        self._confirm_removal = confirm_removal
        self.changed = False
        self.setWindowTitle(self.tr("Key vault entries without a case"))
        intro = QLabel(
            self.tr(
                "The key vault holds real identities for case codes this workspace does "
                "not have. A case may have been renamed or deleted while the vault could "
                "not follow, or the vault may also serve another workspace. Attach each "
                "entry to its case, remove it, or keep it as it is."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.entries = QListWidget(self)
        self.entries.setAccessibleName(self.tr("Vault entries without a case"))
        for case in orphans:
            self._add_entry(case)
        self.entries.setCurrentRow(0)
        self.target = QComboBox(self)
        self.target.setAccessibleName(self.tr("Case to attach the entry to"))
        self.attach_button = QPushButton(self.tr("&Attach"), self)
        self.attach_button.setAccessibleName(self.tr("Attach the entry to the chosen case"))
        self.attach_button.clicked.connect(self.attach_selected)
        self.remove_button = QPushButton(self.tr("&Remove entry…"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the entry from the key vault"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("What happened"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Attach to"), self))
        row.addWidget(self.target, 1)
        row.addWidget(self.attach_button)
        row.addSpacing(12)
        row.addWidget(self.remove_button)
        buttons = QDialogButtonBox(self)
        keep = buttons.addButton(self.tr("Keep the rest"), QDialogButtonBox.ButtonRole.AcceptRole)
        keep.setAccessibleName(self.tr("Keep the remaining entries and close"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.entries, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._fill_targets()
        self.resize(620, 360)

    def _add_entry(self, case: VaultCase) -> None:
        people = ", ".join(p.pseudonym for p in case.people) or self.tr("no people yet")
        item = QListWidgetItem(
            self.tr("{code} — {people}").format(code=case.code, people=people), self.entries
        )
        item.setData(Qt.ItemDataRole.UserRole, case.code)

    def _fill_targets(self) -> None:
        """Cases the vault has no entries for (an entry attaches to one of those)."""
        self.target.clear()
        taken = {c.code for c in self._vault.cases()}
        for case in self._cases:
            if case.code.strip().upper() not in taken:
                self.target.addItem(f"{case.code} — {case.pseudonym}", case.code)
        has_entries = self.entries.count() > 0
        self.attach_button.setEnabled(has_entries and self.target.count() > 0)
        self.remove_button.setEnabled(has_entries)

    def selected_code(self) -> str | None:
        """The code of the entry chosen in the list."""
        item = self.entries.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def attach_selected(self) -> bool:
        """Move the chosen entry to the case chosen in "Attach to"."""
        code, target = self.selected_code(), self.target.currentData()
        if code is None or target is None:
            return False
        try:
            self._vault.rename_case(code, str(target))
        except DeepDiveError as exc:
            self.message.setText(str(exc))
            return False
        self._done(
            self.tr("The entry {old} now belongs to case {new}.").format(old=code, new=target)
        )
        return True

    def remove_selected(self) -> bool:
        """Forget the chosen entry's real identities, after a confirmation."""
        code = self.selected_code()
        if code is None or not self._confirm_removal(code):
            return False
        try:
            self._vault.remove_case(code)
        except DeepDiveError as exc:
            self.message.setText(str(exc))
            return False
        self._done(self.tr("The entry {code} was removed from the key vault.").format(code=code))
        return True

    def _done(self, message: str) -> None:
        self.changed = True
        self.entries.takeItem(self.entries.currentRow())
        self.message.setText(message)
        self._fill_targets()
        if self.entries.count() == 0:
            self.message.setText(message + " " + self.tr("Every entry now has its case."))
