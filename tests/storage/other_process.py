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


class OtherProcess:
    """A separate Python process holding a workspace open."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
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
