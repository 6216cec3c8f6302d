"""How many identifiers each case holds, counted off the GUI thread.

The case list marks a case that holds something an export would refuse (a registered
identifier while the key vault is unlocked, a validated pattern such as an NHS number,
or a number in one of the workspace's own reference patterns), and the status bar
names it when the case is chosen. Counting reads every text of every case, so it never
runs on the GUI thread, nor while the window is appearing: a worker thread starts a
little after the workspace opens, reads the cases in a few queries
(:meth:`CaseService.texts`), and reports counts as it goes. After that only the cases
that change are counted again (a moment after the typing stops), and every case when
the vault is unlocked or locked or the reference patterns change.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from deepdive.services.changes import Change, Entity
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.widgets.change_relay import ChangeRelay

if TYPE_CHECKING:
    from deepdive.privacy.detector import Detector
    from deepdive.privacy.registry import IdentifierRegistry
    from deepdive.services import Services

START_AFTER_MS = 1500  # the window is up and the list painted before counting starts
RECOUNT_AFTER_MS = 800  # after the last change to a case
_BATCH = 50  # cases per report to the GUI thread
_COUNTED = (Entity.CASE, Entity.PERSON, Entity.EVENT, Entity.SESSION, Entity.ACTION)


@dataclass(frozen=True)
class _Job:
    generation: int
    registry: IdentifierRegistry | None
    reference_patterns: tuple[str, ...]
    case_ids: tuple[int, ...] | None  # None: every case


class IdentifierTally(QObject):
    """Counts, in the background, what each case holds that an export would refuse."""

    counted = Signal(int, int)  # case id, how many (on the GUI thread)
    _reported = Signal(int, object)  # generation, {case id: count} (from the worker)

    def __init__(
        self,
        services: Services,
        context: PrivacyContext,
        parent: QObject | None = None,
        *,
        start_after_ms: int = START_AFTER_MS,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._context = context
        self.counts: dict[int, int] = {}
        self._generation = 0
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._changed: set[int] = set()
        self._reported.connect(self._on_reported)
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_change)
        context.vault_changed.connect(self.count_all)
        context.reference_patterns_changed.connect(self.count_all)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._count_changed)
        self._starter = QTimer(self)
        self._starter.setSingleShot(True)
        self._starter.timeout.connect(self.count_all)
        self._starter.start(start_after_ms)

    def count_all(self) -> None:
        """Count every case again (the detector changed, or at the start)."""
        self._starter.stop()
        self._generation += 1
        self._post(None)

    def count(self, case_ids: list[int]) -> None:
        """Count these cases again."""
        if self._starter.isActive():
            return  # the first count, soon, includes them
        self._post(tuple(case_ids))

    def stop(self) -> None:
        """Stop counting (the workspace is closing); the worker ends after its case."""
        self._starter.stop()
        self._debounce.stop()
        self._relay.detach()
        self._generation += 1
        self._jobs.put(None)

    # ------------------------------------------------------------ GUI thread
    def _post(self, case_ids: tuple[int, ...] | None) -> None:
        vault = self._context.vault
        registry = self._context.registry() if vault is not None else None
        patterns = self._context.reference_patterns()
        self._jobs.put(_Job(self._generation, registry, patterns, case_ids))
        if self._worker is None:
            self._worker = threading.Thread(
                target=self._work, name="deepdive-identifier-tally", daemon=True
            )
            self._worker.start()

    def _on_change(self, change: Change) -> None:
        if change.case_id is not None and change.entity in _COUNTED:
            self._changed.add(change.case_id)
            self._debounce.start(RECOUNT_AFTER_MS)

    def _count_changed(self) -> None:
        changed, self._changed = sorted(self._changed), set()
        if changed:
            self.count(changed)

    def _on_reported(self, generation: int, counts: dict[int, int]) -> None:
        if generation != self._generation:
            return  # counted with a detector that has changed since
        for case_id, count in counts.items():
            if self.counts.get(case_id) != count:
                self.counts[case_id] = count
                self.counted.emit(case_id, count)

    # ---------------------------------------------------------- worker thread
    def _work(self) -> None:
        detector: Detector | None = None
        registry: object = ()
        patterns: tuple[str, ...] = ()
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                if detector is None or job.registry is not registry:
                    from deepdive.privacy.detector import Detector

                    registry = job.registry
                    detector = Detector(job.registry, guess_names=False)
                    patterns = ()
                if job.reference_patterns != patterns:
                    patterns = job.reference_patterns
                    detector = detector.with_reference_patterns(patterns)
                self._count_job(job, detector)
            except Exception:  # the workspace closed under it: nothing left to count
                return

    def _count_job(self, job: _Job, detector: Detector) -> None:
        texts = self._services.cases.texts(job.case_ids)
        wanted = job.case_ids if job.case_ids is not None else tuple(texts)
        batch: dict[int, int] = {}
        for case_id in wanted:
            if job.generation != self._generation:
                return  # superseded: a newer count is queued
            text = texts.get(case_id, "")
            batch[case_id] = sum(1 for f in detector.detect(text) if f.blocking)
            if len(batch) >= _BATCH:
                self._reported.emit(job.generation, batch)
                batch = {}
            time.sleep(0)  # let the GUI thread in between cases
        if batch:
            self._reported.emit(job.generation, batch)
