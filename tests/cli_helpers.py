"""Running the ``deepdive`` command line as a user does: in a separate process.

Import as ``from cli_helpers import run_deepdive, refusal`` (and ``start_deepdive`` for
several at once, ``run_deepdive_at_terminal`` for a person typing at a terminal,
``run_deepdive_into_closed_pipe`` for a reader that has gone, as ``| head -1`` does).
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
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


def start_deepdive(*args: str | Path, data_dir: Path) -> subprocess.Popen[str]:
    """``python -m deepdive ARGS`` started and left running (as :func:`run_deepdive` runs
    it), for a test that runs several at once; ``communicate()`` waits for it."""
    environment = {**os.environ, "DEEPDIVE_DATA_DIR": str(data_dir), "PYTHONUTF8": "1"}
    environment.pop("DEEPDIVE_PASSPHRASE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "deepdive", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=data_dir,
        stdin=subprocess.DEVNULL,
    )


def run_deepdive_into_closed_pipe(
    *args: str | Path, data_dir: Path
) -> subprocess.CompletedProcess[str]:
    """``python -m deepdive ARGS`` printing into a pipe whose reader has already closed
    it (``deepdive ARGS | head -0``, with no race); stderr is captured."""
    environment = {**os.environ, "DEEPDIVE_DATA_DIR": str(data_dir), "PYTHONUTF8": "1"}
    environment.pop("DEEPDIVE_PASSPHRASE", None)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "deepdive", *map(str, args)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=environment,
            cwd=data_dir,
            timeout=120,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    finally:
        os.close(write_end)


def refusal(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """The single stderr line of a refused command (never a traceback)."""
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == "", result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@dataclass(frozen=True)
class TerminalRun:
    """How a command run at a (pseudo-)terminal ended: its exit code and everything the
    terminal showed (prompts, what was echoed, stdout and stderr together)."""

    returncode: int
    screen: str


# Make the pseudo-terminal the command's controlling terminal (as a login shell's is),
# so getpass reads from it exactly as it would for a person.
_AT_TERMINAL = (
    "import os, sys; os.close(os.open(os.ttyname(0), os.O_RDWR)); "
    "from deepdive.cli import main; sys.exit(main(sys.argv[1:]))"
)


def run_deepdive_at_terminal(
    *args: str | Path,
    data_dir: Path,
    replies: Sequence[tuple[str, str]] = (),
    env: dict[str, str] | None = None,
) -> TerminalRun:
    """``deepdive ARGS`` with a pseudo-terminal for its input and output, typing each
    reply (then Enter) once its prompt text has appeared, as a person at a terminal.

    The command runs in its own session, so it can never read the terminal of whoever
    runs the tests. A command silent for two minutes fails the test (it is hung).
    """
    import pty  # POSIX only

    environment = {**os.environ, "DEEPDIVE_DATA_DIR": str(data_dir), "PYTHONUTF8": "1"}
    environment.pop("DEEPDIVE_PASSPHRASE", None)
    environment.update(env or {})
    main_side, command_side = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", _AT_TERMINAL, *map(str, args)],
        stdin=command_side,
        stdout=command_side,
        stderr=command_side,
        env=environment,
        cwd=data_dir,
        start_new_session=True,
    )
    os.close(command_side)
    shown = b""
    answered = 0  # how much of the screen earlier replies have used
    waiting = list(replies)
    try:
        while True:
            ready, _, _ = select.select([main_side], [], [], 120)
            if not ready:
                process.kill()
                raise AssertionError(f"the command hung; the terminal showed:\n{shown!r}")
            try:
                chunk = os.read(main_side, 4096)
            except OSError:  # the command closed the terminal (EIO): it has finished
                break
            if not chunk:
                break
            shown += chunk
            if waiting and waiting[0][0].encode() in shown[answered:]:
                answered = len(shown)
                os.write(main_side, waiting.pop(0)[1].encode() + b"\n")
        returncode = process.wait(timeout=120)
    finally:
        os.close(main_side)
    assert not waiting, f"never asked {waiting[0][0]!r}; the terminal showed:\n{shown!r}"
    screen = shown.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return TerminalRun(returncode, screen)
