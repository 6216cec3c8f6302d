"""Search-everywhere speed on 1,000 cases with 100 chronology events each.

Run: python benchmarks/search.py [--cases 1000] [--events 100]
Prints the time to build the workspace and the median and worst time of a set of
typical searches (target: under 50 ms each).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

WORDS = [
    "placement",
    "school",
    "exclusion",
    "missing",
    "police",
    "CAMHS",
    "referral",
    "nan",
    "mum",
    "worker",
    "hub",
    "college",
    "boxing",
    "assessment",
    "strategy",
    "meeting",
    "review",
    "return",
    "interview",
    "foster",
    "residential",
    "bed",
    "family",
    "network",
    "youth",
    "offending",
    "court",
    "housing",
    "tenancy",
    "support",
    "plan",
    "stability",
]
QUERIES = ["missing", "nan", "camhs referral", "strategy meet", "boxing college", "zzz", "fost"]


def main() -> None:
    """Build, search, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100)
    options = parser.parse_args()
    from deepdive.services import Services
    from deepdive.services.events import EventInput
    from deepdive.storage.workspace import open_workspace

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        services = Services.for_workspace(open_workspace(Path(folder) / "search.deepdive"))
        started = time.perf_counter()
        for n in range(options.cases):
            case = services.cases.create(f"DD-{n:05d}", f"Young person {n}", summary="Summary")
            services.events.add_many(
                case.id,
                [
                    EventInput(
                        f"{2010 + rng.randrange(12)}-{rng.randrange(1, 13):02d}",
                        "other",
                        " ".join(rng.choices(WORDS, k=25)),
                        significance=" ".join(rng.choices(WORDS, k=10)),
                    )
                    for _ in range(options.events)
                ],
            )
        built = time.perf_counter() - started
        print(f"built {options.cases} cases x {options.events} events in {built:.1f} s")
        services.search.search("warm up")
        times = []
        for query in QUERIES * 5:
            start = time.perf_counter()
            hits = services.search.search(query)
            times.append((time.perf_counter() - start) * 1000)
        services.close()
    print(
        f"search, {len(times)} queries: median {statistics.median(times):.1f} ms, "
        f"worst {max(times):.1f} ms (target < 50 ms); last query gave {len(hits)} hits"
    )


if __name__ == "__main__":
    main()
