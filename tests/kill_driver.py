"""The child of the kill test: types and edits a case through the services until killed.

Run as ``python kill_driver.py WORKSPACE LOG TRIAL SEED``. It loads its modules, waits
for a line on stdin (so the parent can start it while the previous child is still
typing), opens the workspace as the app does, creates case ``K<TRIAL>``, prints
``ready``, and then, under a Qt event loop like the app's:

* types the case summary one character at a time through the app's own autosave
  (:class:`deepdive.ui.editors.autosave.PendingSaves`), with pauses now and then;
* every few hundred milliseconds adds an event, adds, renames or removes a person,
  or saves a session response, straight through the services.

Every keystroke is logged (with the time it was typed), and every direct edit is
logged before it starts ("intent") and after its commit returned ("done"). Each
line is flushed and fsynced before going on, so what the log says survived the kill.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.sessions import Participant
from deepdive.storage.workspace import open_workspace
from deepdive.templates import ResponseKind, builtin_template
from deepdive.ui.editors.autosave import PendingSaves

TEMPLATE = "deep-dive-case-study"


def typed_text(trial: int) -> str:
    """The summary the child types in trial ``trial`` (the parent rebuilds it)."""
    words = [
        "Jay",
        "moved",
        "to",
        "Nan's",
        "in",
        "May;",
        "school",
        "said",
        "he",
        "was",
        "calmer",
        "—",
        "🌱",
        "עברית",
        "ok.",
        "",
    ]
    noise = random.Random(trial)
    return " ".join(noise.choice(words) for _ in range(2000))


class Log:
    """An append-only, fsynced JSON-lines log."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(self, **record: Any) -> None:
        os.write(self._fd, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        os.fsync(self._fd)


class Driver:
    """Types and edits until the process is killed."""

    def __init__(self, services: Services, log: Log, trial: int, seed: int) -> None:
        self.services = services
        self.log = log
        self.trial = trial
        self.random = random.Random(seed)
        self.code = f"K{trial:03d}"
        self.text = typed_text(trial)
        self.typed = 0
        self.seq = 0
        self.people: dict[str, int] = {}
        self.case_id = self.direct(
            ["case", self.code],
            "present",
            lambda: self.services.cases.create(self.code, f"Young person {trial}").id,
        )
        template = builtin_template(TEMPLATE)
        self.stages = [s.id for s in template.stages if s.response.kind is ResponseKind.TEXT]
        self.session_id = self.services.sessions.start(
            self.case_id,
            template,
            title=f"Deep dive {trial}",
            held_on=None,
            facilitator_role="facilitator",
            participants=[Participant("social worker")],
        ).id
        self.saves = PendingSaves(self.write_summary)

    def direct(self, key: list[str], value: Any, edit: Any) -> Any:
        """One edit straight through a service, logged before and after its commit."""
        self.seq += 1
        seq = self.seq
        self.log.write(s=seq, op="intent", key=key, v=value)
        result = edit()
        self.log.write(s=seq, op="done", t=time.time())
        return result

    def write_summary(self, batch: dict[str, object]) -> None:
        self.services.cases.update(self.case_id, summary=str(batch["summary"]))

    def type_one(self) -> None:
        self.typed += 1
        self.log.write(op="key", code=self.code, n=self.typed, t=time.time())
        self.saves.set("summary", self.text[: self.typed])
        pause = self.random.random() < 0.08
        delay = self.random.uniform(0.9, 1.6) if pause else self.random.uniform(0.01, 0.08)
        QTimer.singleShot(int(delay * 1000), self.type_one)

    def edit_one(self) -> None:
        choice = self.random.random()
        number = f"{self.trial}-{self.seq + 1}"
        if choice < 0.35:
            label = f"E{number}"
            self.direct(
                ["event", self.code, label],
                "present",
                lambda: self.services.events.add(
                    self.case_id, EventInput(date="2019-05", category="family", description=label)
                ),
            )
        elif choice < 0.55 or not self.people:
            label = f"P{number}"
            person = self.direct(
                ["person", label],
                label,
                lambda: self.services.people.add(self.case_id, label, "parent", notes=label),
            )
            self.people[label] = person.id
        elif choice < 0.7:
            label = self.random.choice(sorted(self.people))
            name = f"{label}-r{self.seq + 1}"
            person_id = self.people[label]
            self.direct(
                ["person", label],
                name,
                lambda: self.services.people.update(person_id, pseudonym=name),
            )
        elif choice < 0.8:
            label = self.random.choice(sorted(self.people))
            person_id = self.people.pop(label)
            self.direct(["person", label], None, lambda: self.services.people.remove(person_id))
        else:
            stage = self.random.choice(self.stages)
            text = f"Response {self.seq + 1}: what helped was Nan."
            self.direct(
                ["response", self.code, stage],
                text,
                lambda: self.services.sessions.save_response(
                    self.session_id, stage, {"text": text}
                ),
            )
        QTimer.singleShot(self.random.randint(60, 300), self.edit_one)


def main() -> None:
    workspace, log_path, trial, seed = (
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        int(sys.argv[3]),
        int(sys.argv[4]),
    )
    app = QCoreApplication([])
    builtin_template(TEMPLATE)  # load templates before the go, like the rest
    sys.stdin.readline()
    services = Services.for_workspace(open_workspace(workspace))
    driver = Driver(services, Log(log_path), trial, seed)
    print("ready", flush=True)
    QTimer.singleShot(0, driver.type_one)
    QTimer.singleShot(30, driver.edit_one)
    app.exec()


if __name__ == "__main__":
    main()
