"""Kill trials: start the typing child, SIGKILL it at a random moment, check what survived.

Shared by ``tests/test_kill.py`` (a bounded run) and ``benchmarks/kill_trials.py`` (a long
one). After every kill the workspace must pass the full integrity check, open as the
app opens it (taking over the dead child's lock), and hold every keystroke typed and
every edit committed more than ``PROMISE_S`` seconds before the kill, in every trial so
far. Anything else counts as a loss.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kill_driver import typed_text

from deepdive.storage.integrity import full_check
from deepdive.storage.workspace import open_workspace

PROMISE_S = 2.0
_BASE = 1_000_000  # sequence numbers restart in each trial's log; this keeps them apart
DRIVER = Path(__file__).with_name("kill_driver.py")


@dataclass
class TrialResult:
    """What one kill left behind."""

    trial: int
    delay: float
    integrity_ok: bool = False
    opened: bool = False
    keystrokes_checked: int = 0
    edits_checked: int = 0
    unsaved_recent: int = 0
    problems: dict[str, int] = field(default_factory=dict)  # what is missing: how much
    current_base: int = 0

    @property
    def lost(self) -> int:
        """Keystrokes and edits lost (a failed check or open counts one)."""
        return sum(self.problems.values())


@dataclass
class Totals:
    """Figures over all trials."""

    trials: int
    losses: int
    failed_trials: int
    keystrokes_checked: int
    edits_checked: int
    unsaved_recent: int
    seconds: float

    def line(self) -> str:
        return (
            f"kill trials: {self.trials}, losses: {self.losses} "
            f"(failed trials: {self.failed_trials}; checked {self.keystrokes_checked} "
            f"keystrokes and {self.edits_checked} edits older than {PROMISE_S:.0f} s; "
            f"{self.unsaved_recent} keystrokes from the last {PROMISE_S:.0f} s were not yet "
            f"saved, as allowed) in {self.seconds:.1f} s"
        )


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


class Child:
    """One kill-test child: started early, told to go, then killed."""

    def __init__(self, workspace: Path, log: Path, trial: int, seed: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(workspace), str(log), str(trial), str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_child_env(),
        )

    def go(self) -> None:
        """Let it open the workspace; returns once it is typing."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline().strip()
        if line != "ready":
            self.process.kill()
            _, errors = self.process.communicate(timeout=30)
            raise RuntimeError(f"the kill-test child did not start: {line!r} {errors}")

    def kill(self) -> float:
        """SIGKILL it; returns the moment of the kill."""
        killed_at = time.time()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        return killed_at

    def discard(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def read_log(log: Path) -> list[dict[str, Any]]:
    """The log lines the child wrote (a line cut off by the kill is ignored)."""
    records = []
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records


def stored_state(workspace: Path) -> dict[tuple[str, ...], Any]:
    """What the workspace holds, under the same keys the child logs."""
    state: dict[tuple[str, ...], Any] = {}
    opened = open_workspace(workspace)
    try:
        with opened.engine.connect() as db:
            for code, summary in db.exec_driver_sql("SELECT code, summary FROM cases"):
                state[("case", code)] = "present"
                state[("summary", code)] = summary
            for code, description in db.exec_driver_sql(
                "SELECT c.code, e.description FROM events e JOIN cases c ON c.id = e.case_id"
            ):
                state[("event", code, description)] = "present"
            for notes, pseudonym in db.exec_driver_sql("SELECT notes, pseudonym FROM people"):
                if notes:
                    state[("person", notes)] = pseudonym
            for code, stage, content in db.exec_driver_sql(
                "SELECT c.code, r.stage_id, r.content_json FROM stage_responses r "
                "JOIN sessions s ON s.id = r.session_id JOIN cases c ON c.id = s.case_id"
            ):
                state[("response", code, stage)] = json.loads(content).get("text")
    finally:
        opened.close()
    return state


def check_after_kill(
    workspace: Path,
    records: list[dict[str, Any]],
    killed: dict[int, float],
    result: TrialResult,
) -> None:
    """Count what is missing of everything typed or committed more than ``PROMISE_S``
    before the kill that ended its trial (``killed``: kill time by trial base)."""
    cutoff = {base: moment - PROMISE_S for base, moment in killed.items()}
    report = full_check(workspace)
    result.integrity_ok = report.ok
    if not report.ok:
        result.problems.update(
            {f"trial {result.trial}: integrity: {p}": 1 for p in report.problems}
        )
        return
    try:
        state = stored_state(workspace)
    except Exception as exc:  # any failure to open is a failed trial, reported
        result.problems[f"trial {result.trial}: the workspace did not open: {exc}"] = 1
        return
    result.opened = True
    _check_typing(records, cutoff, state, result)
    _check_edits(records, cutoff, state, result)


def _check_typing(
    records: list[dict[str, Any]],
    cutoff: dict[int, float],
    state: dict[tuple[str, ...], Any],
    result: TrialResult,
) -> None:
    needed: dict[str, int] = defaultdict(int)
    typed: dict[str, int] = defaultdict(int)
    current: set[str] = set()
    for record in records:
        if record.get("op") != "key":
            continue
        typed[record["code"]] = max(typed[record["code"]], record["n"])
        if record["base"] == result.current_base:
            current.add(record["code"])
        if record["t"] < cutoff[record["base"]]:
            needed[record["code"]] = max(needed[record["code"]], record["n"])
            if record["base"] == result.current_base:
                result.keystrokes_checked += 1
    for code, n in typed.items():
        text = typed_text(int(code[1:]))
        stored = state.get(("summary", code))
        if stored is None:
            stored = ""
        if not text.startswith(stored):
            result.problems[f"{code}: the summary is not what was typed"] = max(needed[code], 1)
            continue
        if len(stored) < needed[code]:
            missing = needed[code] - len(stored)
            result.problems[f"{code}: keystrokes older than {PROMISE_S} s missing"] = missing
        if code in current:
            result.unsaved_recent += max(0, n - max(len(stored), needed[code]))


def _check_edits(
    records: list[dict[str, Any]],
    cutoff: dict[int, float],
    state: dict[tuple[str, ...], Any],
    result: TrialResult,
) -> None:
    intents: dict[int, dict[str, Any]] = {}
    committed_in_time: set[int] = set()
    for record in records:
        seq = record.get("s", 0) + record["base"]
        if record.get("op") == "intent":
            intents[seq] = record
        elif record.get("op") == "done" and record["t"] < cutoff[record["base"]]:
            committed_in_time.add(seq)
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for seq in sorted(intents):
        by_key[tuple(intents[seq]["key"])].append(seq)
    for key, seqs in by_key.items():
        committed = [s for s in seqs if s in committed_in_time]
        if not committed:
            continue
        last = committed[-1]
        if intents[last]["base"] == result.current_base:
            result.edits_checked += 1
        allowed = [intents[last]["v"]] + [intents[s]["v"] for s in seqs if s > last]
        if state.get(key) not in allowed:
            result.problems[f"{key}: holds {state.get(key)!r}, expected one of {allowed}"] = 1


def run_trials(
    folder: Path, trials: int, seed: int = 1, max_delay: float = 3.2
) -> tuple[list[TrialResult], Totals]:
    """Run ``trials`` kills on one workspace in ``folder``, every one of them: the
    number run never depends on how busy the machine is.

    The next child is started while the current one types, so its start-up (imports)
    overlaps the current trial.
    """
    workspace = folder / "kill.deepdive"
    open_workspace(workspace).close()
    noise = random.Random(seed)
    # Every third kill comes late (after the two-second promise starts to bind); the
    # others anywhere from the first keystroke on, so short trials keep the run quick.
    plan = [
        (
            noise.uniform(PROMISE_S + 0.3, max_delay)
            if n % 3 == 2
            else noise.uniform(0.0, PROMISE_S),
            noise.randrange(1 << 30),
        )
        for n in range(trials)
    ]
    logs = [folder / f"trial-{n:03d}.log" for n in range(1, trials + 1)]
    results: list[TrialResult] = []
    killed: dict[int, float] = {}
    reported: set[str] = set()
    started = time.monotonic()
    upcoming: Child | None = Child(workspace, logs[0], 1, plan[0][1])
    try:
        for trial in range(1, trials + 1):
            child = upcoming
            assert child is not None
            upcoming = None
            child.go()
            if trial < trials:
                upcoming = Child(workspace, logs[trial], trial + 1, plan[trial][1])
            delay = plan[trial - 1][0]
            time.sleep(delay)
            killed[(trial - 1) * _BASE] = child.kill()
            child.discard()
            result = TrialResult(trial, delay, current_base=(trial - 1) * _BASE)
            check_after_kill(workspace, _records_of_all(logs[:trial]), killed, result)
            # A loss is counted in the trial that caused it, not again in every later one.
            result.problems = {k: v for k, v in result.problems.items() if k not in reported}
            reported.update(result.problems)
            results.append(result)
            if upcoming is None:
                break
    finally:
        if upcoming is not None:
            upcoming.discard()
    totals = Totals(
        trials=len(results),
        losses=sum(r.lost for r in results),
        failed_trials=sum(1 for r in results if r.problems),
        keystrokes_checked=sum(r.keystrokes_checked for r in results),
        edits_checked=sum(r.edits_checked for r in results),
        unsaved_recent=sum(r.unsaved_recent for r in results),
        seconds=time.monotonic() - started,
    )
    return results, totals


def _records_of_all(logs: list[Path]) -> list[dict[str, Any]]:
    """Every trial's log; sequence numbers restart per trial, so they are offset apart."""
    records: list[dict[str, Any]] = []
    for number, log in enumerate(logs):
        if not log.exists():
            continue
        for record in read_log(log):
            record["base"] = number * _BASE
            records.append(record)
    return records
