"""The app's privacy state: the detector every editor uses, and the unlocked vault.

There is one :class:`PrivacyContext` for the application, made by the entry point
(part of :class:`~deepdive.ui.editors.app_services.AppServices`) and alive as long as the app.
A main window attaches to it (:meth:`PrivacyContext.attach`) to supply the workspace's
pseudonyms and agencies, which are never guessed as names, the workspace's own
case-record reference patterns, and the "add to vault" quick fix; when that window is
gone the context forgets it and locks the vault. Editors ask the context for the
current detector (patterns only while the vault is locked; with the vault's registered
identifiers while it is unlocked; the workspace's reference patterns always) and
redraw when ``detector_changed`` fires. Tests may give an editor a context of their own.

The open workspace's services keep real identities out of pseudonyms and roles with a
:class:`~deepdive.privacy.guard.VaultGuard`; the main window hands it to the context
(:meth:`PrivacyContext.use_guard`), which sets the vault's registry into it while the
vault is unlocked and clears it when the vault locks.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

# The detector (and its automaton) is built on first use, not when the main window
# imports this module while it is appearing.
if TYPE_CHECKING:
    from deepdive.privacy.detector import Detector
    from deepdive.privacy.guard import VaultGuard
    from deepdive.privacy.places import Located
    from deepdive.privacy.registry import IdentifierRegistry
    from deepdive.privacy.vault import Vault
    from deepdive.services import Services


class CaseFollower(Protocol):
    """Moves a case's vault entries when the case is renamed or deleted
    (:class:`~deepdive.ui.privacy.case_follower.VaultCaseFollower` is the one)."""

    def case_renamed(self, services: Services, old_code: str, new_code: str) -> None:
        """The case ``old_code`` is now ``new_code``."""
        ...

    def case_deleted(self, services: Services, code: str) -> None:
        """The case ``code`` was deleted."""
        ...


SafeWords = Callable[[], Iterable[str]]
# A quick fix in a field's right-click menu: its label, and what it does.
QuickFix = tuple[str, Callable[[], object]]
# Fixes of other kinds (spelling) for a field at a position, shown below the privacy ones.
MoreFixes = Callable[[QWidget, int], list[QuickFix]]
# The open workspace's reference patterns (``services.reference_patterns.patterns``).
ReferencePatterns = Callable[[], Iterable[str]]
# Offers to add a name to the vault for the case being edited (set by the main window).
AddToVault = Callable[[str, QWidget], object]


class Unlocker(Protocol):
    """Who asks for the passphrase before case content is written out (the Privacy menu)."""

    def unlock_for_writing(self, services: Services | None = None) -> bool:
        """True when the workspace has no key vault or it is unlocked now."""
        ...


class FindingsList(Protocol):
    """Where a window lists what stopped an export, to go to and fix (the Privacy menu's)."""

    def show(self, case_id: int | None, title: str, intro: str, found: list[Located]) -> object:
        """List ``found`` (in case ``case_id``, or each at its place's own case)."""
        ...


class PrivacyContext(QObject):
    """The detector editors use and the key vault, while unlocked."""

    detector_changed = Signal()
    vault_changed = Signal()  # unlocked, locked, or its entries changed
    reference_patterns_changed = Signal()  # the workspace's own ones, added or removed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._owner: weakref.ref[QObject] | None = None
        self._safe_words_source: Callable[[], Iterable[str] | None] = _nothing
        self._safe_words_key: Callable[[], object] = _none
        self._built_for: object = None
        self._patterns_source: Callable[[], Iterable[str] | None] = _nothing
        self._patterns: tuple[str, ...] = ()
        self._vault: Vault | None = None
        self._registry_detector: Detector | None = None
        self._detector: Detector | None = None
        self._ignored: set[str] = set()
        self.add_to_vault: AddToVault | None = None
        self._follower: weakref.ref[CaseFollower] | None = None
        self._unlocker: Callable[[], Unlocker | None] = _none
        self._findings_list: Callable[[], FindingsList | None] = _none
        self._guard: weakref.ref[VaultGuard] | None = None
        self._more_fixes: list[MoreFixes] = []

    def attach(
        self,
        owner: QObject,
        safe_words: SafeWords,
        safe_words_key: Callable[[], object],
        add_to_vault: AddToVault | None = None,
        reference_patterns: ReferencePatterns | None = None,
    ) -> None:
        """Serve ``owner`` (a main window's menu) until it is destroyed.

        ``safe_words_key`` changes whenever ``safe_words`` would give other words
        (another workspace, another case, a renamed pseudonym); it is checked on use,
        and ``reference_patterns`` are read again when it changes (and when
        :meth:`reference_patterns_may_have_changed` is called).
        Nothing here keeps ``owner`` alive: this context outlives every window, and a
        long-lived reference to a window Qt has deleted crashes PySide at exit.
        """
        self.set_vault(None)
        self._forget_owner()
        self._owner = weakref.ref(owner)
        self._safe_words_source = _weak(safe_words)
        self._safe_words_key = _weak(safe_words_key)
        self.add_to_vault = _weak(add_to_vault) if add_to_vault is not None else None
        self._patterns_source = _weak(reference_patterns) if reference_patterns else _nothing
        owner.destroyed.connect(self._forget_owner)
        self.safe_words_changed()

    def _forget_owner(self) -> None:
        """Let go of a window that is gone (and lock its vault)."""
        self._owner = None
        self._safe_words_source = _nothing
        self._safe_words_key = _none
        self.add_to_vault = None
        self._patterns_source = _nothing
        self._patterns = ()
        self._follower = None
        self._unlocker = _none
        self._findings_list = _none
        self._ignored.clear()
        if self._vault is not None:
            self._vault.lock()
            self._vault = None
            self._registry_detector = None
            self._update_guard()
        self._detector = None

    def _check_owner(self) -> None:
        if self._owner is not None:
            owner = self._owner()
            if owner is None or not shiboken6.isValid(owner):
                self._forget_owner()

    # --------------------------------------------------------------- detector
    def detector(self) -> Detector:
        """The detector for editors now (built on first use, then kept)."""
        self._check_owner()
        key = self._safe_words_key()
        if key != self._built_for:
            self._built_for = key
            self._detector = None
            self._read_patterns()
        if self._detector is None:
            words = [*(self._safe_words_source() or ()), *self._ignored]
            self._detector = (
                self._registry_detector_now()
                .with_safe_words(words)
                .with_reference_patterns(self._patterns)
            )
        return self._detector

    def reference_patterns(self) -> tuple[str, ...]:
        """The workspace's own case-record reference patterns the detector looks for."""
        self.detector()  # reads them again if the workspace changed
        return self._patterns

    def reference_patterns_may_have_changed(self) -> None:
        """Read the workspace's reference patterns again (one was added or removed);
        redraw if they changed. (No other program can change them meanwhile: the
        workspace is locked to the app while it is open.)"""
        self._check_owner()
        if self._read_patterns():
            self._detector = None
            self.reference_patterns_changed.emit()
            self.detector_changed.emit()

    def _read_patterns(self) -> bool:
        """Take the source's patterns, leaving out any that cannot be used (the export
        refuses those with the reason); True when they changed."""
        from deepdive.errors import DeepDiveError
        from deepdive.privacy.references import ReferencePatternError, compile_pattern

        try:
            wanted = tuple(self._patterns_source() or ())
        except DeepDiveError:  # unreadable: every export says so
            wanted = ()
        usable: list[str] = []
        for pattern in wanted:
            try:
                compile_pattern(pattern)
            except ReferencePatternError:
                continue
            usable.append(pattern)
        if tuple(usable) == self._patterns:
            return False
        self._patterns = tuple(usable)
        return True

    def registry(self) -> IdentifierRegistry:
        """The registered identifiers editors look for now (empty while locked)."""
        return self._registry_detector_now().registry

    def _registry_detector_now(self) -> Detector:
        if self._registry_detector is None:
            from deepdive.privacy.detector import Detector
            from deepdive.privacy.registry import IdentifierRegistry

            registry = self._vault.registry() if self._vault else IdentifierRegistry()
            self._registry_detector = Detector(registry)
        return self._registry_detector

    def safe_words_changed(self) -> None:
        """Pseudonyms or agencies changed: rebuild the name guess (not the registry)."""
        self._detector = None
        self.detector_changed.emit()

    def ignore_word(self, word: str) -> None:
        """Never guess ``word`` as a name again in this session."""
        self._ignored.add(word)
        self.safe_words_changed()

    # ------------------------------------------------------------ further fixes
    def offer_more_fixes(self, source: MoreFixes) -> None:
        """Add a source of further fixes (spelling suggestions) to every field's menu."""
        self._more_fixes.append(source)

    def more_fixes(self, field: QWidget, position: int) -> list[QuickFix]:
        """The further fixes for ``field`` at ``position`` (a document position in a
        multi-line editor, a cursor position in a one-line field)."""
        return [fix for source in self._more_fixes for fix in source(field, position)]

    # ------------------------------------------------------------------ vault
    @property
    def vault(self) -> Vault | None:
        """The unlocked vault, or None while it is locked."""
        self._check_owner()
        return self._vault

    def set_vault(self, vault: Vault | None) -> None:
        """Use ``vault`` (None: locked); editors redraw with its identifiers."""
        if self._vault is not None and self._vault is not vault:
            self._vault.lock()
        self._vault = vault
        self.vault_entries_changed()

    def vault_entries_changed(self) -> None:
        """The vault's entries changed: rebuild the registry and redraw."""
        self._registry_detector = None
        self._detector = None
        self._update_guard()
        self.vault_changed.emit()
        self.detector_changed.emit()

    # ------------------------------------------------------------ writing out
    def set_unlocker(self, unlocker: Unlocker) -> None:
        """Who asks for the passphrase before anything is written out (kept weakly)."""
        self._unlocker = weakref.ref(unlocker)

    def unlock_for_writing(self, services: Services | None = None) -> bool:
        """Before case content leaves the app (export, bundle, report, picture): True
        when the workspace has no key vault or it is unlocked, asking for the
        passphrase now if needed; False when it stays locked (write nothing then)."""
        unlocker = self._unlocker()
        if isinstance(unlocker, QObject) and not shiboken6.isValid(unlocker):
            unlocker = None  # its window is gone
        if unlocker is not None:
            return unlocker.unlock_for_writing(services)
        if self.vault is not None or services is None:
            return True
        from deepdive.privacy.vault import default_vault_path

        # Nobody here can ask for the passphrase: a vault that exists stays locked.
        return not default_vault_path(services.workspace.path).exists()

    def set_findings_list(self, findings: FindingsList) -> None:
        """Where stopped exports list their findings (kept weakly, like the window)."""
        self._findings_list = weakref.ref(findings)

    def show_findings(
        self, case_id: int | None, title: str, intro: str, found: list[Located]
    ) -> bool:
        """List what stopped an export beside the window, with Go to and Replace; False
        when no window can list them (say it some other way then)."""
        findings = self._findings_list()
        if findings is None or not found:
            return False
        findings.show(case_id, title, intro, found)
        return True

    # ------------------------------------------------------------------ guard
    def use_guard(self, guard: VaultGuard) -> None:
        """Keep ``guard`` (the open workspace's services') in step with the vault: its
        registered identifiers while unlocked, validated patterns only while locked."""
        self._guard = weakref.ref(guard)
        self._update_guard()

    def _update_guard(self) -> None:
        guard = self._guard() if self._guard is not None else None
        if guard is None:
            return
        if self._vault is None:
            guard.set_registry(None)
        else:  # the editors' detector is shared, so the vault is read once
            detector = self._registry_detector_now()
            guard.set_registry(detector.registry, detector)

    # ------------------------------------------------------------ cases moving
    def set_follower(self, follower: CaseFollower | None) -> None:
        """Who moves vault entries when a case is renamed or deleted (the main window's
        Privacy menu owns it; kept weakly, like the window)."""
        self._follower = weakref.ref(follower) if follower is not None else None

    def case_renamed(self, services: Services, old_code: str, new_code: str) -> None:
        """A case's code changed: its vault entries follow (now, or at the next unlock)."""
        follower = self._follower() if self._follower is not None else None
        if follower is not None:
            follower.case_renamed(services, old_code, new_code)

    def case_deleted(self, services: Services, code: str) -> None:
        """A case was deleted: its vault entries go (now, or at the next unlock)."""
        follower = self._follower() if self._follower is not None else None
        if follower is not None:
            follower.case_deleted(services, code)


def _nothing() -> tuple[str, ...]:
    return ()


def _none() -> None:
    return None


T = TypeVar("T")


def _weak(function: Callable[..., T]) -> Callable[..., T | None]:
    """``function`` without a strong reference to the object of a bound method."""
    if not inspect.ismethod(function):
        return function
    method = weakref.WeakMethod(function)

    def call(*args: object) -> T | None:
        target = method()
        return None if target is None else target(*args)

    return call
