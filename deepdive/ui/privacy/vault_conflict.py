"""The question the app asks when the key vault was changed elsewhere in a way that
cannot be merged with its own change.

While the app holds the vault unlocked, ``deepdive vault`` or another DeepDive window
may change the same file. Saving merges every change that can be merged
(:mod:`deepdive.privacy.vault_merge`); for an entry removed in one place and changed in
the other, this asks which version to keep. "Decide later" saves nothing: the app's
change stays in memory (and in the leak check) until the vault is locked, and the
next change asks again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from deepdive.privacy.vault_merge import VaultConflict

KEEP_MINE = "Keep this window's version"
KEEP_THEIRS = "Keep the other version"
LATER = "Decide later"


def _tr(text: str) -> str:
    return QCoreApplication.translate("VaultConflict", text)


def ask_which_to_keep(
    parent: QWidget | None, vault_name: str, conflicts: list[VaultConflict]
) -> bool | None:
    """True: keep this window's entries; False: the file's; None: decide later."""
    listed = "\n".join(f"• {conflict.describe()}" for conflict in conflicts)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _tr("Key vault changed elsewhere"),
        _tr(
            "The key vault {name} was changed by another program (deepdive vault, or "
            "DeepDive in another window) since you unlocked it here. Every change that "
            "can be kept from both places is kept, but these entries were changed in both:"
            "\n\n{listed}\n\n"
            "Keep this window's version (the other one is replaced), or the other version "
            "(this window's change to them is dropped)? “Decide later” saves nothing now: "
            "your change stays here until the vault is locked, and you are asked again at "
            "the next change."
        ).format(name=vault_name, listed=listed),
        parent=parent,
    )
    mine = box.addButton(_tr(KEEP_MINE), QMessageBox.ButtonRole.AcceptRole)
    theirs = box.addButton(_tr(KEEP_THEIRS), QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton(_tr(LATER), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(later)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is mine:
        return True
    if clicked is theirs:
        return False
    return None
