"""Kill trials: pull the plug on DeepDive many times and count what was lost.

Run: python benchmarks/kill_trials.py [--trials 200] [--seed 1] [--max-delay 3.2]

A child process types a case summary through the app's autosave and edits the case
through the services; it is SIGKILLed at a random moment, over and over on one
workspace. After every kill the workspace must pass the full integrity check, open
as the app opens it, and hold every keystroke typed and every edit committed more
than two seconds before the kill (PRODUCT.md: at most two seconds of typing lost).
Prints the trials and losses (the figures for the issue note). POSIX only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from kill_harness import PROMISE_S, run_trials


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=3.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deepdive-kill-") as folder:
        results, totals = run_trials(Path(folder), args.trials, args.seed, args.max_delay)
    late = sum(1 for r in results if r.delay > PROMISE_S)
    for result in results:
        if result.problems:
            print(f"trial {result.trial} (killed after {result.delay:.2f} s): {result.problems}")
    print(totals.line())
    print(f"{late} of the kills came more than {PROMISE_S:.0f} s after the child began typing.")
    print(f"TRIALS {totals.trials} LOSSES {totals.losses}")
    return 0 if totals.losses == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
