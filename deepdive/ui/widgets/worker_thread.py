"""A worker object on a thread of its own, wired the one way every background job is
(backups, exports): it reports through its ``progressed``, ``succeeded`` and ``failed``
signals, and its thread ends as soon as it has succeeded or failed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread


def worker_thread(
    parent: QObject,
    worker: Any,
    *,
    progressed: Any,  # a callable, or a signal to pass the progress on
    succeeded: Callable[[Any], None],
    failed: Callable[[str], None],
    finished: Callable[[], None],
) -> QThread:
    """A thread (not started yet: connect anything else first) that will call
    ``worker.run`` and hand its signals to the callbacks on the GUI thread."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.progressed.connect(progressed)
    worker.succeeded.connect(succeeded)
    worker.failed.connect(failed)
    # Direct: the thread ends itself, even while the GUI thread waits for it (closing).
    worker.succeeded.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(finished)
    return thread
