"""Refusing named pipes, devices and sockets before anything opens them.

Opening a named pipe (FIFO) for reading waits until something writes to it, which may
be never; a device can be endless. DeepDive reads and writes ordinary files only, so
a path that names anything else is refused from its ``stat`` alone, which never
blocks.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from deepdive.errors import DeepDiveError
from deepdive.files.errors import SpecialFileError


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it is neither an ordinary file nor a folder, or None.

    None too when nothing is there (the caller decides what a missing file means).
    Symbolic links are followed: a link to a pipe is a pipe.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def refuse_special_file(path: Path, error: type[DeepDiveError] = SpecialFileError) -> None:
    """Raise ``error`` when ``path`` names a pipe, device or socket (never opening it)."""
    kind = special_kind(path)
    if kind is not None:
        raise error(
            f"{path} is {kind}, not an ordinary file; DeepDive reads and writes ordinary "
            "files only. Choose a file."
        )
