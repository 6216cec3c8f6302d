"""Demo programme speed: adding its 13 cases and measures (target: under 2 s).

Run: python benchmarks/demo_programme.py [--runs 3]
Each run adds the demo programme through the services to a new workspace, as
``deepdive demo --programme`` and the app's button do, and times it. Prints the
median and worst run and whether the target is met.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

TARGET_S = 2.0


def one_run(folder: Path, n: int) -> float:
    """Seconds to add the demo programme to a new workspace."""
    from deepdive.demo import add_demo_programme
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    services = Services.for_workspace(open_workspace(folder / f"run{n}.deepdive"))
    try:
        start = time.perf_counter()
        added = add_demo_programme(services)
        took = time.perf_counter() - start
    finally:
        services.close()
    assert len(added.added) == 13
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        times = [one_run(Path(folder), n) for n in range(args.runs)]
    median, worst = statistics.median(times), max(times)
    verdict = "within" if worst < TARGET_S else "OVER"
    print(
        f"demo programme: median {median:.2f} s, worst {worst:.2f} s over {args.runs} runs "
        f"({verdict} the {TARGET_S:.0f} s target)"
    )


if __name__ == "__main__":
    main()
