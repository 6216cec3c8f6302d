"""Importing a 100,000-event case bundle, side by side with importing the same CSV.

Run: python benchmarks/bundle_import.py [--events 100000] [--profile]
Builds a case with that many chronology events (and a cast, tags and themes), exports
it as a bundle and as a CSV, then imports each into a fresh workspace in a child
process, printing the wall time, the CPU time and the child's peak memory (VmHWM on
Linux). Targets: the bundle under 10 s and 500 MB, and no slower than the CSV import.
``--profile`` prints the bundle import's top functions by own and by cumulative time.
The load average is printed last: on a busy machine every figure is slower (the CPU
time less so than the wall time).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
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
    "family",
]
CATEGORIES = ("placement", "education", "health", "police/justice", "family", "social care")

_CHILD = r"""
import sys, time, resource
from pathlib import Path
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace
kind, source, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
services = Services.for_workspace(open_workspace(target))
if kind == "csv":
    from deepdive.importing import import_chronology
    case = services.cases.create("DD-CSV", "Jay")
    started, cpu = time.perf_counter(), time.process_time()
    count = len(import_chronology(services, case.id, source).events)
else:
    from deepdive.bundles import import_case_bundle
    started, cpu = time.perf_counter(), time.process_time()
    if kind == "profile":
        import cProfile, pstats
        profile = cProfile.Profile()
        profile.enable()
    count = import_case_bundle(services, source).events
    if kind == "profile":
        profile.disable()
        stats = pstats.Stats(profile, stream=sys.stderr)
        stats.sort_stats("tottime").print_stats(20)
        stats.sort_stats("cumulative").print_stats(30)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
services.close()
# VmHWM is this process's own peak; ru_maxrss would keep the parent's across exec.
try:
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{count} {seconds:.2f} {cpu:.2f} {peak:.0f}")
"""


def _build(folder: Path, events: int) -> tuple[Path, Path]:
    from deepdive.bundles import export_case_bundle
    from deepdive.services import Services
    from deepdive.services.events import EventInput
    from deepdive.storage.workspace import open_workspace

    rng = random.Random(14)
    services = Services.for_workspace(open_workspace(folder / "source.deepdive"))
    case = services.cases.create("DD-BIG", "Jay", summary="A long chronology.")
    people = [services.people.add(case.id, f"Worker {n}", "social worker").id for n in range(12)]
    agencies = services.agencies.names()[:6]
    rows = []
    for n in range(events):
        when = f"{2005 + rng.randrange(15)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        what = " ".join(rng.choices(WORDS, k=20))
        why = " ".join(rng.choices(WORDS, k=8))
        rows.append(
            EventInput(
                when,
                rng.choice(CATEGORIES),
                what,
                agency=rng.choice(agencies),
                significance=why,
                people=tuple(rng.sample(people, 2)),
                tags=(rng.choice(WORDS),),
                key_episode=n % 50 == 0,
            )
        )
    services.events.add_many(case.id, rows)
    bundle = export_case_bundle(services, case.code, folder / "big.ddcase", None)
    services.close()
    table = folder / "big.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Event", "Source", "Significance"])
        writer.writerows(
            ["/".join(reversed(r.date.split("-"))), r.description, r.agency, r.significance]
            for r in rows
        )
    return bundle, table


def _child(kind: str, source: Path, target: Path) -> tuple[int, float, float, float, str]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(source), str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    count, seconds, cpu, peak = result.stdout.split()
    return int(count), float(seconds), float(cpu), float(peak), result.stderr


def main() -> None:
    """Build, import both ways, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        started = time.perf_counter()
        bundle, table = _build(folder, options.events)
        built = time.perf_counter() - started
        size = bundle.stat().st_size / 1024 / 1024
        print(f"built {options.events} events in {built:.1f} s; bundle {size:.1f} MB")
        count, csv_s, csv_cpu, csv_mb, _ = _child("csv", table, folder / "csv.deepdive")
        print(
            f"CSV import:    {count} events in {csv_s:.2f} s ({csv_cpu:.2f} s of CPU), "
            f"peak memory {csv_mb:.0f} MB"
        )
        count, b_s, b_cpu, b_mb, _ = _child("bundle", bundle, folder / "bundle.deepdive")
        print(
            f"bundle import: {count} events in {b_s:.2f} s ({b_cpu:.2f} s of CPU), "
            f"peak memory {b_mb:.0f} MB"
        )
        print(
            f"bundle/CSV time ratio {b_s / csv_s:.2f} (target <= 1); targets: under 10 s and 500 MB"
        )
        # Other work on the machine slows every figure above; say how busy it was.
        print("load average (1, 5, 15 min): " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
        if options.profile:
            *_, report = _child("profile", bundle, folder / "profile.deepdive")
            print(report)


if __name__ == "__main__":
    main()
