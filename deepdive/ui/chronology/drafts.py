"""New events not finished yet, kept on disk so that nothing typed is ever lost.

A new event becomes part of the chronology once it has a date and says what happened.
Until then what has been typed (a quote, half a description) is written here, a
moment after each pause in typing, one small file per case, readable by its owner
only (0600, in DeepDive's data folder). When the case is shown again — after choosing
another case, closing the workspace, or a crash — the editor picks the draft up where
it was. The file goes as soon as the event is added or the draft is discarded.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from deepdive.files.atomic import write_atomically
from deepdive.files.kinds import FileKind
from deepdive.files.private import make_private_folder
from deepdive.paths import data_dir

if TYPE_CHECKING:
    from deepdive.ui.chronology.editor_form import EventForm

DraftValues = dict[str, str | bool | None]

_log = logging.getLogger(__name__)
_VERSION = 1


class DraftStore:
    """The unfinished new events of one workspace, one per case."""

    def __init__(self, workspace: Path | str, folder: Path | None = None) -> None:
        self._folder = folder or data_dir() / "drafts"
        # The workspace's location names its drafts; the file names hold no case text.
        self._prefix = hashlib.sha256(str(workspace).encode()).hexdigest()[:16]

    def _path(self, case_id: int) -> Path:
        return self._folder / f"{self._prefix}-case-{case_id}.json"

    def save(self, case_id: int, values: DraftValues) -> bool:
        """Keep the draft of ``case_id``; False (and logged) if it could not be written."""
        try:
            make_private_folder(self._folder)
            payload = json.dumps({"version": _VERSION, "fields": values}, ensure_ascii=False)
            # A draft is a small text file, replaced only by another draft.
            write_atomically(
                self._path(case_id),
                lambda part: part.write_text(payload, encoding="utf-8"),
                FileKind.MARKDOWN,
            )
        except Exception:  # a draft that cannot be kept must never stop the typing
            _log.exception("A draft event could not be kept")
            return False
        return True

    def load(self, case_id: int) -> DraftValues | None:
        """The draft kept for ``case_id``, if any (an unreadable one is left for a person
        to look at, and not offered)."""
        path = self._path(case_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            _log.warning("A kept draft event could not be read: %s", path.name)
            return None
        fields = data.get("fields") if isinstance(data, dict) else None
        if not isinstance(fields, dict):
            return None
        return {
            str(name): value
            for name, value in fields.items()
            if value is None or isinstance(value, str | bool)
        }

    def discard(self, case_id: int) -> None:
        """Forget the draft of ``case_id`` (it was added, or discarded)."""
        with contextlib.suppress(FileNotFoundError):
            self._path(case_id).unlink()


def draft_values(form: EventForm) -> DraftValues:
    """What is typed in the editor's fields, as it stands."""
    values: DraftValues = {
        "date": form.date.text(),
        "end": form.end.text(),
        "category": form.category.currentData(),
        "agency": form.agency.currentData(),
        "people": form.people.text(),
        "tags": form.tags.text(),
        "key_episode": form.key_episode.isChecked(),
    }
    values.update({name: editor.markdown() for name, editor in form.texts.items()})
    return values


def fill_form(form: EventForm, values: DraftValues) -> None:
    """Put a kept draft back into the editor's fields (unknown names are left out)."""
    for name in ("date", "end", "people", "tags"):
        value = values.get(name)
        if isinstance(value, str):
            getattr(form, name).setText(value)
    for name in ("category", "agency"):
        combo = getattr(form, name)
        found = combo.findData(values.get(name))
        if found >= 0:
            combo.setCurrentIndex(found)
    form.key_episode.setChecked(values.get("key_episode") is True)
    for name, editor in form.texts.items():
        value = values.get(name)
        if isinstance(value, str):
            editor.set_markdown(value)
