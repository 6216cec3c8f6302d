"""Running the ``deepdive`` command line as a user does: in a separate process.

Import as ``from cli_helpers import run_deepdive, refusal``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_deepdive(
    *args: str | Path,
    data_dir: Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``python -m deepdive ARGS`` with its data folder in ``data_dir``.

    No passphrase is inherited from the environment unless ``env`` gives one, and
    nothing can be read from the terminal. A command still running after ``timeout``
    seconds is killed (``subprocess.TimeoutExpired``), so a hang fails the test.
    """
    environment = {**os.environ, "DEEPDIVE_DATA_DIR": str(data_dir), "PYTHONUTF8": "1"}
    environment.pop("DEEPDIVE_PASSPHRASE", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "deepdive", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=data_dir,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def refusal(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The single stderr line of a refused command (never a traceback)."""
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == "", result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
