"""A case's key vault entries (edit them, add a name from a quick fix, change the
passphrase) and checking a case for identifiers: the Privacy menu's case commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QWidget

from deepdive.errors import DeepDiveError
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.findings_window import FindingsWindow
from deepdive.ui.widgets.prompts import Prompter

if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault
    from deepdive.services import Services
    from deepdive.services.results import CaseDetail
    from deepdive.ui.privacy.report_dialogs import FindingsDialog
    from deepdive.ui.privacy.vault_editor import VaultEditorDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrivacyMenu", text)


class CaseVaultEntries(QObject):
    """The selected case's entries in the key vault, asked for and edited."""

    def __init__(
        self,
        context: PrivacyContext,
        prompter: Prompter,
        window: QWidget,
        case: Callable[[], CaseDetail | None],
        unlock: Callable[[], Vault | None],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._context = context
        self._prompter = prompter
        self._window = window
        self._case = case
        self._unlock = unlock
        self._status = status

    def unlocked_for_case(self) -> tuple[Vault, CaseDetail] | None:
        """The unlocked vault (asked for now) and the selected case; None (and why, to
        the user) when there is no case or the vault stays locked."""
        case = self._case()
        if case is None:
            self._prompter.warn(self._window, self.tr("Key vault"), self.tr("Choose a case first."))
            return None
        vault = self._context.vault or self._unlock()
        return (vault, case) if vault is not None else None

    def edit_case_entries(self) -> VaultEditorDialog | None:
        """Edit the real identities behind the selected case's pseudonyms."""
        found = self.unlocked_for_case()
        if found is None:
            return None
        vault, case = found
        from deepdive.privacy.vault_model import VaultPerson
        from deepdive.ui.privacy.vault_editor import VaultEditorDialog

        entries = vault.case(case.code)
        known = {p.pseudonym.casefold(): p for p in entries.people} if entries else {}
        pseudonyms = [case.pseudonym, *(p.pseudonym for p in case.people)]
        people = [known.pop(p.casefold(), VaultPerson(p)) for p in dict.fromkeys(pseudonyms)]
        people.extend(known.values())

        def save(person: VaultPerson) -> VaultPerson | None:
            current = vault.ensure_case(case.code)
            try:
                vault.put_case(current.with_person(person))
            finally:  # merged with another program's change, or kept unsaved: redraw
                self._context.vault_entries_changed()
            stored = vault.case(case.code)
            return stored.person(person.pseudonym) if stored is not None else None

        dialog = VaultEditorDialog(case.code, people, save, self._window)
        dialog.exec()
        dialog.deleteLater()
        return dialog

    def add_name_to_vault(self, name: str, parent: QWidget) -> bool:
        """The "add to vault" quick fix: make ``name`` a real name or alias of someone."""
        found = self.unlocked_for_case()
        if found is None:
            return False
        vault, case = found
        entries = vault.ensure_case(case.code)
        pseudonyms = list(
            dict.fromkeys(
                [
                    case.pseudonym,
                    *(p.pseudonym for p in case.people),
                    *(p.pseudonym for p in entries.people),
                ]
            )
        )
        from deepdive.ui.privacy.vault_editor import AddNameDialog

        dialog = AddNameDialog(name, case.code, pseudonyms, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return False
        person = dialog.updated(entries.person(dialog.chosen_pseudonym()))
        try:
            vault.put_case(entries.with_person(person))
        except DeepDiveError as exc:
            self._prompter.warn(self._window, self.tr("Key vault"), str(exc))
            return False
        self._context.vault_entries_changed()
        return True

    def change_passphrase(self) -> bool:
        """Re-encrypt the vault under a new passphrase."""
        vault = self._context.vault
        if vault is None:
            return False
        from deepdive.ui.privacy.passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(vault, self._window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self._status(self.tr("The key vault's passphrase was changed."))
        return accepted


def check_case(
    services: Services | None,
    case: CaseDetail | None,
    context: PrivacyContext,
    findings: FindingsWindow,
    prompter: Prompter,
    window: QWidget,
) -> FindingsDialog | None:
    """Look for identifiers in everything ``case`` holds, listed in ``findings`` beside
    the window (None: nothing to list, and the user is told why)."""
    if services is None or case is None:
        prompter.warn(window, _tr("Check this case"), _tr("Choose a case first."))
        return None
    from deepdive.ui.privacy.findings_window import case_findings

    found = case_findings(services, case.id, context.detector())
    locked_note = (
        ""
        if context.vault is not None
        else _tr(
            " The key vault is locked, so registered names were not looked for: unlock it "
            "to check them too."
        )
    )
    if not found:
        prompter.inform(
            window,
            _tr("Check this case"),
            _tr("No identifiers found in {code}.").format(code=case.code) + locked_note,
        )
        return None
    blocking = sum(1 for item in found if item.finding.blocking)
    intro = _tr(
        "{blocking} would stop an export (red); {possible} may be names (amber). Choose one "
        "and Go to it, or Replace it where it is."
    ).format(blocking=blocking, possible=len(found) - blocking)
    title = _tr("Identifiers in {code}").format(code=case.code)
    return findings.show(case.id, title, intro + locked_note, found)
