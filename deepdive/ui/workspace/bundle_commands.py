"""File ▸ Export case bundle… and File ▸ Import case bundle…, in the app.

Export saves what is pending, asks to unlock the workspace's key vault when it has
one (and writes nothing while it stays locked), runs the leak check on every piece of
the case's text and writes the ``.ddcase`` file; a blocked export writes nothing and
lists what stopped it beside the window, each finding named by its place in the case
with Go to and Replace (as a stopped case study export does). Possible names are asked
about as every export asks
(:class:`~deepdive.ui.privacy.possible_names.PossibleNamesQuestion`): Cancel writes
nothing, and an acceptance is recorded in the export audit log. Import checks the
whole bundle first; if its case code is already used, it asks whether to import a
copy under a new code or cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from deepdive.bundles import (
    BUNDLE_SUFFIX,
    BundleCodeConflict,
    ImportedCase,
    export_case_bundle,
    import_case_bundle,
)
from deepdive.errors import DeepDiveError
from deepdive.files.special import refuse_special_file
from deepdive.services import Services
from deepdive.ui.cases.team_choice import choose_team
from deepdive.ui.editors.app_services import privacy_of
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.possible_names import PossibleNamesQuestion
from deepdive.ui.widgets.prompts import Prompter

if TYPE_CHECKING:
    from deepdive.bundles.leak import BundleLeakGate
    from deepdive.export.gate import Confirm

BUNDLE_FILTER = "DeepDive case bundles (*.ddcase);;All files (*)"

GateFor = Callable[[Services, str, "Confirm"], "BundleLeakGate"]
UnlockForWriting = Callable[[Services], bool]
AskCopy = Callable[[BundleCodeConflict], bool]
"""Whether to add a bundle whose code is taken as a copy under the suggested code."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("BundleCommands", text)


class BundleFiles:
    """Asks where a bundle goes or comes from, with Qt's file dialogs."""

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        """Where to write a bundle."""
        name, _ = QFileDialog.getSaveFileName(
            parent, _tr("Export case bundle"), str(suggested), BUNDLE_FILTER
        )
        return Path(name) if name else None

    def open_path(self, parent: QWidget, start: Path) -> Path | None:
        """Which bundle to import."""
        name, _ = QFileDialog.getOpenFileName(
            parent, _tr("Import case bundle"), str(start), BUNDLE_FILTER
        )
        return Path(name) if name else None


@dataclass(frozen=True)
class TeamChosen:
    """The team cases are added to (None: the workspace has no teams to choose from)."""

    team: str | None


class BundleCommands:
    """Exports the selected case and imports bundles into the open workspace."""

    def __init__(
        self,
        parent: QWidget,
        prompter: Prompter,
        files: BundleFiles | None = None,
        gate_for: GateFor | None = None,
        unlock: UnlockForWriting | None = None,
        privacy: PrivacyContext | None = None,
    ) -> None:
        """``privacy``: the key vault and findings list (default: ``parent``'s window's);
        ``gate_for`` and ``unlock`` default to its leak check and its passphrase."""
        self._parent = parent
        self._prompter = prompter
        self._files = files or BundleFiles()
        self._privacy = privacy if privacy is not None else privacy_of(parent)
        self._gate_for = gate_for or self._vault_gate
        # The app's rule: a key vault that exists is unlocked before anything is written.
        self._unlock = unlock or self._privacy.unlock_for_writing

    def _vault_gate(self, services: Services, code: str, confirm: Confirm) -> BundleLeakGate:
        """The leak check: validated patterns always, and while the key vault is unlocked
        every case's registered names and identifiers; ``confirm`` is asked about
        possible names."""
        from deepdive.bundles.leak import bundle_leak_gate

        return bundle_leak_gate(services, code, self._privacy.vault, confirm=confirm)

    def export_case(self, services: Services, case_id: int) -> Path | None:
        """Ask where, check for leaks, and write the case's bundle."""
        try:
            case = services.cases.get(case_id)
        except DeepDiveError as exc:
            self._prompter.warn(self._parent, _tr("Export case bundle"), str(exc))
            return None
        if not self._unlock(services):
            self._prompter.warn(
                self._parent,
                _tr("Export case bundle"),
                _tr(
                    "This workspace has a key vault: unlock it to export a bundle, so the "
                    "leak check looks for its registered names. Nothing was written."
                ),
            )
            return None
        suggested = services.workspace.path.parent / f"{case.code}{BUNDLE_SUFFIX}"
        out = self._files.save_path(self._parent, suggested)
        if out is None:
            return None
        question = PossibleNamesQuestion(self._parent)
        gate: BundleLeakGate | None = None
        try:
            checker = gate = self._gate_for(services, case.code, question)
            written = export_case_bundle(
                services, case.code, out, checker, verdict=lambda: checker.verdict(question.how)
            )
        except DeepDiveError as exc:
            if not self._list_findings(case.id, case.code, gate, exc):
                self._prompter.warn(self._parent, _tr("Export case bundle"), str(exc))
            return None
        self._prompter.inform(
            self._parent,
            _tr("Export case bundle"),
            _tr(
                "Case {code} is in {path}. The leak check found nothing to stop it; the key "
                "vault is never included."
            ).format(code=case.code, path=written),
        )
        return written

    def _list_findings(
        self, case_id: int, code: str, gate: BundleLeakGate | None, problem: DeepDiveError
    ) -> bool:
        """A bundle the leak check stopped: list its findings by place, to fix one by
        one (False: it was stopped for another reason, or nothing can list them)."""
        from deepdive.privacy.leakcheck import ExportBlocked

        located = getattr(gate, "located", None)
        if not isinstance(problem, ExportBlocked) or not located:
            return False
        return self._privacy.show_findings(
            case_id,
            _tr("What stopped the bundle of {code}").format(code=code),
            _tr("Nothing was written. Go to each, or Replace it where it is, then export again."),
            [found for found in located if found.finding.blocking],
        )

    def import_bundle(self, services: Services) -> ImportedCase | None:
        """Ask for a bundle and add its case; a code in use can become a copy.

        A workspace with a key vault has it unlocked first, so a pseudonym or role in
        the bundle that is a registered real name is refused, as on the command line.
        """
        title = _tr("Import case bundle")
        if not self.unlocked_for_import(services, title):
            return None
        path = self._files.open_path(self._parent, services.workspace.path.parent)
        if path is None:
            return None
        return self.import_file(services, path, title)

    def unlocked_for_import(self, services: Services, title: str) -> bool:
        """The app's rule before an import: a key vault that exists is unlocked first
        (said, and False, when it stays locked)."""
        if self._unlock(services):
            return True
        self._prompter.warn(
            self._parent,
            title,
            _tr(
                "This workspace has a key vault: unlock it to import a bundle, so that "
                "its registered names are kept out of pseudonyms and roles. Nothing "
                "was imported."
            ),
        )
        return False

    def team_for(self, services: Services, what: str, title: str) -> TeamChosen | None:
        """The team ``what`` (the bundle's case, the restored cases) goes into: asked
        only of a person in several teams. None: they cancelled (or it could not be
        asked: said), so nothing is added."""
        try:
            teams = services.cases.team_choices()
        except DeepDiveError as exc:
            self._prompter.warn(self._parent, title, str(exc))
            return None
        if not teams:
            return TeamChosen(None)
        team = choose_team(self._parent, teams, what)
        return None if team is None else TeamChosen(team)

    def import_file(
        self,
        services: Services,
        path: Path,
        title: str,
        ask_copy: AskCopy | None = None,
        chosen: TeamChosen | None = None,
    ) -> ImportedCase | None:
        """Add the case in the bundle at ``path``, in one transaction; a code already
        used is never overwritten: ``ask_copy`` (default: the Import question) says
        whether to add it as a copy under a free code. ``chosen`` is its team if already
        asked (see :meth:`team_for`). None: not added (said)."""
        chosen = chosen or self.team_for(services, _tr("the bundle's case"), title)
        if chosen is None:
            return None
        team = chosen.team
        try:
            refuse_special_file(path)  # a typed name can be a pipe: reading it would wait
            return import_case_bundle(services, path, team=team)
        except BundleCodeConflict as conflict:
            if not (ask_copy or self._ask_copy)(conflict):
                return None
            try:
                return import_case_bundle(services, path, conflict.suggested, team)
            except DeepDiveError as exc:
                self._prompter.warn(self._parent, title, str(exc))
                return None
        except DeepDiveError as exc:
            self._prompter.warn(self._parent, title, str(exc))
            return None

    def _ask_copy(self, conflict: BundleCodeConflict) -> bool:
        return self._prompter.ask(
            self._parent,
            _tr("Import case bundle"),
            _tr(
                "This workspace already has a case {code}. Import the bundle as a copy "
                "with the code {suggested}? Cancel leaves the workspace as it is."
            ).format(code=conflict.code, suggested=conflict.suggested),
            _tr("Import as a copy"),
        )
