"""A second DeepDive in another process, holding a workspace open until told to stop."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

# A second DeepDive: opens the workspace, says so, and holds it until told to stop.
HOLDER = r"""
import sys
from deepdive.storage.workspace import open_workspace
workspace = open_workspace(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
workspace.close()
print("closed", flush=True)
"""


# The app: holds the workspace open with a connection of its own (so SQLite's
# write-ahead log is there), and adds an event to the first case when told "add".
APP = r"""
import sys
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.storage.workspace import open_workspace
services = Services.for_workspace(open_workspace(sys.argv[1]))
connection = services.workspace.engine.connect()
connection.exec_driver_sql("SELECT count(*) FROM cases").fetchall()
print("open", flush=True)
for line in sys.stdin:
    if line.strip() != "add":
        break
    case = services.cases.list_cases()[0]
    services.events.add(case.id, EventInput("2020", "other", "Added while the app is open"))
    print("added", flush=True)
connection.close()
services.close()
print("closed", flush=True)
"""


class OtherProcess:
    """A separate Python process holding a workspace open (``like_the_app``: with a
    connection open, as the app has, and able to write while it holds it)."""

    def __init__(self, path: Path, *, like_the_app: bool = False) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", APP if like_the_app else HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line == "open", self.process.stderr.read() if self.process.stderr else line

    @property
    def pid(self) -> int:
        return self.process.pid

    def add_event(self) -> None:
        """Have the app add an event to the workspace's first case (``like_the_app`` only)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("add\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "added"

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "closed"
        self.process.wait(timeout=30)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        self.process.wait(timeout=30)

    def discard(self) -> None:
        """Close the pipes (after the process has ended)."""
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
