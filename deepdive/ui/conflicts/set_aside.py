"""Typed versions not saved because a colleague's was kept: never lost.

When the user takes a colleague's version (or closes the comparison), what they had
typed is written to a Markdown file of their own — in DeepDive's data folder, under
``set-aside/``, readable by its owner only, as the unfinished new events are kept —
and put on the clipboard, so it can be pasted back at once or found later. The file
names hold the time and a short neutral name, never case text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from deepdive.files.atomic import write_atomically
from deepdive.files.kinds import FileKind
from deepdive.files.private import make_private_folder
from deepdive.paths import data_dir
from deepdive.ui.conflicts.dialog import ConflictField

_log = logging.getLogger(__name__)


def set_aside_folder() -> Path:
    """Where set-aside versions are kept."""
    return data_dir() / "set-aside"


KEPT_THEIRS = "a colleague's version was kept instead"


def set_aside_text(
    what: str, fields: Sequence[ConflictField], when: datetime, why: str = KEPT_THEIRS
) -> str:
    """Your version of every field that differed from theirs, as Markdown."""
    lines = [
        f"# Your version of {what}",
        "",
        f"Set aside {when:%d %b %Y %H:%M}: {why}.",
        "",
    ]
    for field in fields:
        if field.differs:
            lines += [f"## {field.label}", "", field.mine or "(empty)", ""]
    return "\n".join(lines)


def set_aside(
    what: str,
    fields: Sequence[ConflictField],
    folder: Path | None = None,
    why: str = KEPT_THEIRS,
) -> Path | None:
    """Keep your version of ``fields`` (file and clipboard), set aside because ``why``;
    returns the file, or None if it could not be written (the clipboard still has it;
    the failure is logged)."""
    now = datetime.now()
    text = set_aside_text(what, fields, now, why)
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)
    target = (folder or set_aside_folder()) / f"{now:%Y-%m-%d-%H%M%S-%f}-your-version.md"
    try:
        make_private_folder(target.parent)
        write_atomically(
            target, lambda part: part.write_text(text, encoding="utf-8"), FileKind.MARKDOWN
        )
    except Exception:  # setting aside must never stop the choice being made
        _log.exception("A set-aside version could not be written")
        return None
    return target
