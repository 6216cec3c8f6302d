"""The Privacy menu: unlock and lock the key vault, edit a case's entries, check a case
for identifiers, change the passphrase, and see the export history.

It attaches the window to the app's :class:`PrivacyContext` (which every Markdown
editor uses) and owns the idle lock. The workspace is fully usable while the vault is locked; only
registered identifiers need it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from deepdive.errors import DeepDiveError
from deepdive.ui.privacy.case_follower import VaultCaseFollower
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.findings_window import FindingsWindow
from deepdive.ui.privacy.idle_lock import IdleLock, idle_minutes, set_idle_minutes
from deepdive.ui.privacy.line_edits import LineEditWatcher
from deepdive.ui.privacy.vault_entries import CaseVaultEntries, check_case
from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.prompts import Prompter

# This menu is built while the main window first appears: the vault, the detector,
# the dialogs and the database layer load when a command first needs them.
if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault
    from deepdive.services import Services
    from deepdive.services.changes import Change
    from deepdive.services.results import CaseDetail
    from deepdive.ui.privacy.report_dialogs import FindingsDialog
    from deepdive.ui.privacy.vault_editor import VaultEditorDialog
    from deepdive.ui.workspace.workspace_view import WorkspaceView

WindowState = Callable[[], "tuple[Services | None, WorkspaceView | None]"]
_VAULT_PATHS = "privacy/vault_for"


class PrivacyMenu(QMenu):
    """The Privacy menu and the privacy state of one main window."""

    def __init__(
        self,
        parent: QWidget,
        state: WindowState,
        prompter: Prompter,
        settings: QSettings,
        context: PrivacyContext,
    ) -> None:
        """``context``: the app's privacy context, which this menu serves while the
        window lives."""
        super().__init__(parent.tr("&Privacy"), parent)
        self._last_safe_words: tuple[str, ...] = ()
        self._window = parent
        self._state = state
        self._prompter = prompter
        self._settings = settings
        self._vault_services: Services | None = None
        self._watched: Services | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._changes = 0
        self.context = context
        self.findings = FindingsWindow(parent, lambda: self._state()[1])
        self.context.attach(
            self,
            self._safe_words,
            self._safe_words_key,
            self.add_name_to_vault,
            self._reference_patterns,
        )
        self.line_edits = LineEditWatcher(self.context, self)
        self.idle_lock = IdleLock(self.context, idle_minutes(settings), parent=self)
        self.idle_lock.locked.connect(self._on_idle_locked)
        self.follower = VaultCaseFollower(
            self.context,
            settings,
            self.vault_path,
            lambda text: self._prompter.warn(self._window, self.tr("Key vault"), text),
        )
        self.context.set_follower(self.follower)
        self.entries = CaseVaultEntries(
            self.context, prompter, parent, self._case, self.unlock, self._status
        )
        self.context.set_unlocker(self)
        self.context.set_findings_list(self.findings)
        # Back from a terminal where `deepdive vault add` ran: take in what it saved, so
        # the editors underline the new names at once (exports refresh anyway).
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)

        self.unlock_action = self.addAction(self.tr("&Unlock key vault…"))
        self.unlock_action.setShortcut(QKeySequence("Ctrl+Alt+U"))
        self.unlock_action.triggered.connect(lambda _checked=False: self.unlock())
        self.lock_action = self.addAction(self.tr("&Lock key vault"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+Alt+L"))
        self.lock_action.triggered.connect(lambda _checked=False: self.lock())
        self.addSeparator()
        self.edit_action = self.addAction(self.tr("&Edit this case's vault entries…"))
        self.edit_action.triggered.connect(lambda _checked=False: self.edit_case_entries())
        self.check_action = self.addAction(self.tr("&Check this case for identifiers…"))
        self.check_action.triggered.connect(lambda _checked=False: self.check_case())
        self.addSeparator()
        self.history_action = self.addAction(self.tr("Export &history…"))
        self.history_action.triggered.connect(lambda _checked=False: self.show_export_history())
        self.passphrase_action = self.addAction(self.tr("Change vault &passphrase…"))
        self.passphrase_action.triggered.connect(lambda _checked=False: self.change_passphrase())
        # Greyed out while the menu is open; enabled again when it closes, so the
        # shortcuts always work (each command says why when it cannot run).
        self.aboutToShow.connect(self.update_enabled)
        self.aboutToHide.connect(self._enable_all)

    def install(self, menus: MenuSlots) -> None:
        """The Privacy menu on the bar."""
        menus.add_menu(self)

    def _enable_all(self) -> None:
        for item in self.actions():
            item.setEnabled(True)

    # --------------------------------------------------------------- state
    def _services(self) -> Services | None:
        services = self._state()[0]
        if self.context.vault is not None and services is not self._vault_services:
            self.context.set_vault(None)  # another workspace: its vault is another one
        return services

    def _case(self) -> CaseDetail | None:
        services, view = self._state()
        if services is None or view is None:
            return None
        case_id = view.selected_case_id()
        if case_id is None:
            return None
        try:
            return services.cases.get(case_id)
        except DeepDiveError:
            return None

    def update_enabled(self) -> None:
        """Enable what makes sense for the open workspace, selected case and vault."""
        services = self._services()
        unlocked = self.context.vault is not None
        has_case = self._case() is not None
        self.unlock_action.setEnabled(services is not None and not unlocked)
        self.lock_action.setEnabled(unlocked)
        self.edit_action.setEnabled(has_case)
        self.check_action.setEnabled(has_case)
        self.history_action.setEnabled(services is not None)
        self.passphrase_action.setEnabled(unlocked)

    def _safe_words(self) -> list[str]:
        """Words never guessed as names: pseudonyms, the case's cast, agencies."""
        services = self._services()
        if services is None:
            return []
        try:
            words = [c.pseudonym for c in services.cases.list_cases()]
            words.extend(services.agencies.names())
        except DeepDiveError:  # a team workspace's server away: the words read last
            return list(self._last_safe_words)
        case = self._case()
        if case is not None:
            words.extend(p.pseudonym for p in case.people)
        self._last_safe_words = tuple(words)
        return words

    def _reference_patterns(self) -> list[str]:
        """The workspace's own case-record reference patterns."""
        services = self._services()
        return services.reference_patterns.patterns() if services is not None else []

    def _safe_words_key(self) -> object:
        services, view = self._state()
        if services is not self._watched:
            if self._unsubscribe is not None:
                self._unsubscribe()
            self._unsubscribe = services.changes.subscribe(self._on_change) if services else None
            self._watched = services
        case_id = view.selected_case_id() if view is not None else None
        return (id(services), case_id, self._changes)

    def _on_change(self, change: Change) -> None:
        from deepdive.services.changes import Entity

        if change.entity in (Entity.CASE, Entity.PERSON, Entity.AGENCY):
            self._changes += 1
        elif change.entity is Entity.REFERENCE_PATTERN:
            self.context.reference_patterns_may_have_changed()

    # --------------------------------------------------------------- vault
    def vault_path(self, services: Services) -> Path:
        """Where this workspace's vault is: the user's choice, else beside it."""
        from deepdive.privacy.vault import default_vault_path

        chosen = self._settings.value(f"{_VAULT_PATHS}/{_key(services.workspace.path)}")
        return Path(str(chosen)) if chosen else default_vault_path(services.workspace.path)

    def unlock(self) -> Vault | None:
        """Ask for the passphrase (or create the vault) and unlock it."""
        services = self._services()
        if services is None:
            self._prompter.warn(
                self._window, self.tr("Key vault"), self.tr("Open a workspace first.")
            )
            return None
        if self.context.vault is not None:
            return self.context.vault
        from deepdive.privacy.vault import default_vault_path
        from deepdive.ui.privacy.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(self.vault_path(services), idle_minutes(self._settings), self._window)
        dialog.exec()
        dialog.deleteLater()
        if dialog.vault is None:
            return None
        set_idle_minutes(self._settings, dialog.idle.value())
        self.idle_lock.minutes = dialog.idle.value()
        if dialog.path != default_vault_path(services.workspace.path):
            self._settings.setValue(
                f"{_VAULT_PATHS}/{_key(services.workspace.path)}", str(dialog.path)
            )
        self._vault_services = services
        self._ask_on_conflict(dialog.vault)
        self.context.set_vault(dialog.vault)
        self._status(self.tr("Key vault unlocked: registered names are now underlined."))
        self._follow_cases(services, dialog.vault)
        return dialog.vault

    def _ask_on_conflict(self, vault: Vault) -> None:
        """When another program changed an entry this window changed too, ask which to
        keep (every other change from both is merged without asking)."""
        from deepdive.ui.privacy.vault_conflict import ask_which_to_keep

        name = vault.path.name
        window = self._window
        vault.on_conflict = lambda conflicts: ask_which_to_keep(window, name, conflicts)

    def unlock_for_writing(self, services: Services | None = None) -> bool:
        """Before case content is written out: True when the workspace has no key vault
        or it is unlocked (the passphrase is asked for now if it is locked)."""
        current = self._services()
        services = services or current
        if services is None:
            return False
        if self.context.vault is not None and services is current:
            return True
        if not self.vault_path(services).exists():
            return True
        return services is current and self.unlock() is not None

    def _follow_cases(self, services: Services, vault: Vault) -> None:
        """Apply the renames and deletions made while the vault was locked, then offer
        to sort out entries whose case code the workspace does not have."""
        applied = self.follower.apply_pending(services, vault)
        if applied:
            self._status(
                self.tr(
                    "The key vault followed {n} case change(s) made while it was locked."
                ).format(n=len(applied))
            )
        orphans = self.follower.orphans(services, vault)
        if not orphans:
            return
        from deepdive.ui.privacy.orphan_dialog import OrphanEntriesDialog

        dialog = OrphanEntriesDialog(
            vault,
            orphans,
            services.cases.list_cases(),
            lambda code: self._prompter.confirm(
                self._window,
                self.tr("Remove vault entry"),
                self.tr(
                    "Remove the key vault's entry {code}? The real identities it holds are "
                    "forgotten for good, and exports no longer look for them."
                ).format(code=code),
                self.tr("Remove entry"),
            ),
            self._window,
        )
        dialog.exec()
        dialog.deleteLater()
        if dialog.changed:
            self.context.vault_entries_changed()

    def lock(self) -> bool:
        """Lock the vault now (its key and contents leave memory); True if it locked.

        A change this window could not save (another program changed the same entries
        and the user chose "Decide later") is saved now, asking again which version to
        keep; if it still is not saved, the user chooses between dropping it and
        keeping the vault unlocked."""
        vault = self.context.vault
        if vault is None:
            return False
        if vault.has_unsaved_changes() and not self._settle_before_locking(vault):
            self._status(self.tr("The key vault stays unlocked: your change is kept."))
            return False
        self.context.set_vault(None)
        self._status(self.tr("Key vault locked."))
        return True

    def _settle_before_locking(self, vault: Vault) -> bool:
        """Save the vault's unsaved change, or have the user drop it; True to lock."""
        try:
            vault.save()
            return True
        except DeepDiveError as exc:
            problem = str(exc)
        return self._prompter.confirm(
            self._window,
            self.tr("Lock the key vault?"),
            self.tr(
                "A change you made to the key vault is not saved:\n\n{problem}\n\n"
                "Locking now drops it. Cancel keeps the vault unlocked and your change "
                "with it."
            ).format(problem=problem),
            self.tr("Lock and drop the change"),
        )

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.take_in_changes_made_elsewhere()

    def take_in_changes_made_elsewhere(self) -> bool:
        """Read what another program saved in the unlocked vault; True if anything
        came in (the editors then redraw with its names)."""
        vault = self.context.vault
        if vault is None:
            return False
        try:
            changed = vault.refresh()
        except DeepDiveError:  # say, a new passphrase set elsewhere: the next save says
            return False
        if changed:
            self.context.vault_entries_changed()
            self._status(self.tr("The key vault was changed elsewhere; its names are in use."))
        return changed

    def _on_idle_locked(self, dropped: bool) -> None:
        text = self.tr("Key vault locked after {n} idle minutes.").format(n=self.idle_lock.minutes)
        if dropped:
            self._prompter.warn(
                self._window,
                self.tr("Key vault locked"),
                self.tr(
                    "{locked} A change you made to it could not be saved, because another "
                    "program changed the same entries, and was dropped. Unlock the vault "
                    "and make that change again."
                ).format(locked=text),
            )
        self._status(text)

    def edit_case_entries(self) -> VaultEditorDialog | None:
        """Edit the real identities behind the selected case's pseudonyms."""
        return self.entries.edit_case_entries()

    def add_name_to_vault(self, name: str, parent: QWidget) -> bool:
        """The "add to vault" quick fix: make ``name`` a real name or alias of someone."""
        return self.entries.add_name_to_vault(name, parent)

    def change_passphrase(self) -> bool:
        """Re-encrypt the vault under a new passphrase."""
        return self.entries.change_passphrase()

    # -------------------------------------------------------------- checks
    def check_case(self) -> FindingsDialog | None:
        """Look for identifiers in everything the selected case holds; the list stays
        open beside the window ("Go to" shows each place, "Replace" fixes it there)."""
        view = self._state()[1]
        if view is not None:
            view.case_tabs.flush()  # what was typed a moment ago is checked too
        return check_case(
            self._services(),
            self._case(),
            self.context,
            self.findings,
            self._prompter,
            self._window,
        )

    def show_export_history(self) -> None:
        """The export audit log of the open workspace."""
        services = self._services()
        if services is None:
            return
        from deepdive.ui.privacy.report_dialogs import ExportHistoryDialog

        dialog = ExportHistoryDialog(services.audit.list_exports(), self._window)
        dialog.exec()
        dialog.deleteLater()

    def _status(self, message: str) -> None:
        status_bar = getattr(self._window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(message, 4000)


def _key(path: Path) -> str:
    """A settings key for a workspace path (slashes would nest groups)."""
    return str(path.resolve()).replace("/", "|").replace("\\", "|")
