"""The kill test: pull the plug at random moments; at most two seconds of typing are gone.

A child process types a case summary through the app's autosave and edits the case
through the services (``tests/kill_driver.py``); this test SIGKILLs it at a random
moment, 25 times over on one workspace, and after each kill checks that the workspace
passes the full integrity check, opens as the app opens it, and holds every keystroke
typed and every edit committed more than two seconds before the kill. Bounded to about
a minute (a busy machine runs fewer trials); ``benchmarks/kill_trials.py`` runs many
more.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from kill_harness import PROMISE_S, run_trials

TRIALS = 25
BUDGET_S = 60.0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killing_the_app_at_random_moments_loses_nothing_older_than_two_seconds(
    tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    results, totals = run_trials(tmp_path, TRIALS, seed=20240503, budget_s=BUDGET_S)
    print(totals.line())
    record_property("kill_trials", totals.trials)
    record_property("kill_losses", totals.losses)

    assert totals.trials >= 8, "too few trials ran to mean anything"
    assert all(r.integrity_ok and r.opened for r in results), [r.problems for r in results]
    assert totals.losses == 0, {r.trial: r.problems for r in results if r.problems}
    # Not a vacuous pass: some kills came late enough for the promise to bind.
    assert any(r.delay > PROMISE_S + 0.3 for r in results)
    assert totals.keystrokes_checked > 0
    assert totals.edits_checked > 0
