"""Many writers at once on a team workspace: nothing lost, nothing doubled, no error shown.

Run: python benchmarks/scale_writers.py [--writers 20] [--seconds 60] [--cases 5]

Starts a throwaway PostgreSQL cluster (tests/pg_cluster.py), makes a team workspace with
a few shared cases, then starts ``--writers`` separate processes. Each opens the
workspace once, as the app does, and for ``--seconds`` keeps adding events to the
shared cases, editing its own earlier events (with the row version it read, as the
event editor saves), and now and then editing one event every writer edits (where a
stale save is refused by design: the app shows both versions; counted apart). Each
writer notes what it saved. Afterwards every saved write is looked for in the database:
lost, doubled and out-of-order (two events of a case at one position) writes are
counted, and every exception a user would have seen.

A workspace file has one writer at a time (the app holds its lock), so there is no
SQLite run: twenty windows on one file are refused at once by design.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def open_services(url: str, folder: Path) -> Any:
    from deepdive.services import Services
    from deepdive.storage.address import parse_server_address
    from deepdive.storage.server import open_server_workspace

    address = parse_server_address(url)
    return Services.for_workspace(open_server_workspace(address, folder / "team.deepdive"))


def writer(number: int, url: str, seconds: float, report: Path) -> None:
    """One person's DeepDive: adds and edits until the time is up; writes what it saved."""
    from deepdive.errors import DeepDiveError
    from deepdive.services.events import EventInput
    from deepdive.storage.errors import ChangedElsewhereError

    services = open_services(url, report.parent)
    cases = [c.id for c in services.cases.list_cases() if c.code.startswith("W-")]
    shared = {c: services.events.list_events(c)[0].id for c in cases}
    saved: dict[int, str] = {}
    latencies: list[float] = []
    refused = errors = 0
    messages: list[str] = []
    deadline = time.monotonic() + seconds
    step = 0
    while time.monotonic() < deadline:
        step += 1
        case = cases[(number + step) % len(cases)]
        start = time.perf_counter()
        try:
            if step % 3 == 0 and saved:
                event_id = list(saved)[-1 - step % min(len(saved), 10)]
                text = f"w{number}-edit{step}"
                version = services.events.version(event_id)
                services.events.update(event_id, expected_version=version, description=text)
                saved[event_id] = text
            elif step % 7 == 0:
                event_id = shared[case]
                version = services.events.version(event_id)
                try:
                    services.events.update(
                        event_id, expected_version=version, significance=f"w{number} {step}"
                    )
                except ChangedElsewhereError:
                    refused += 1  # the app would show both versions: by design
            else:
                text = f"w{number}-add{step}"
                added = services.events.add(case, EventInput("2020", "other", text))
                saved[added.id] = text
        except DeepDiveError as exc:
            errors += 1
            messages.append(str(exc))
        except Exception as exc:  # what the app would show as an unexpected error
            errors += 1
            messages.append(f"{type(exc).__name__}: {exc}")
        latencies.append(time.perf_counter() - start)
    services.close()
    report.write_text(
        json.dumps(
            {
                "saved": saved,
                "latencies": latencies,
                "refused": refused,
                "errors": errors,
                "messages": messages[:5],
            }
        )
    )


def check(url: str, folder: Path, reports: list[dict[str, Any]]) -> dict[str, int]:
    """Look for every saved write in the database."""
    services = open_services(url, folder)
    try:
        with services.workspace.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT id, description, case_id, position FROM events WHERE description LIKE 'w%%'"
            ).all()
    finally:
        services.close()
    stored = {row[0]: row[1] for row in rows}
    texts = Counter(row[1] for row in rows)
    places = Counter((row[2], row[3]) for row in rows)
    expected = {int(k): v for r in reports for k, v in r["saved"].items()}
    return {
        "saved writes": len(expected),
        "lost": sum(1 for k, v in expected.items() if stored.get(k) != v),
        "doubled": sum(n - 1 for n in texts.values() if n > 1),
        "not saved yet stored": len(set(stored) - set(expected)),
        "two events at one position": sum(n - 1 for n in places.values() if n > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cases", type=int, default=5)
    parser.add_argument("--writer", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Stopped with kill: the throwaway cluster is still stopped and removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if args.writer is not None:
        writer(args.writer, args.url, args.seconds, args.report)
        return
    from pg_cluster import postgres_bindir, running_cluster

    from deepdive.services.events import EventInput

    bindir = postgres_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed (initdb, pg_ctl)")
    with tempfile.TemporaryDirectory() as scratch, running_cluster(bindir) as cluster:
        folder = Path(scratch)
        cluster.sql("CREATE DATABASE writers")
        url = cluster.url("writers")
        services = open_services(url, folder)
        for n in range(1, args.cases + 1):
            case = services.cases.create(f"W-{n}", "Sam")
            services.events.add(case.id, EventInput("2019", "other", "Shared: everyone edits it"))
        services.close()
        print(f"{args.writers} writers for {args.seconds:.0f} s on {args.cases} shared cases…")
        reports = [folder / f"writer-{n}.json" for n in range(args.writers)]
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--writer",
                    str(n),
                    "--url",
                    url,
                    "--seconds",
                    str(args.seconds),
                    "--report",
                    str(report),
                ]
            )
            for n, report in enumerate(reports)
        ]
        failed = sum(p.wait() != 0 for p in processes)
        done = [json.loads(r.read_text()) for r in reports if r.exists()]
        figures = check(url, folder, done)
    latencies = sorted(t for r in done for t in r["latencies"])
    print(f"  writer processes that crashed        {failed}")
    print(f"  writes a second (all writers)        {len(latencies) / args.seconds:8.1f}")
    print(f"  save time, median / 95th percentile  {statistics.median(latencies) * 1000:6.1f} ms"
          f" / {latencies[int(len(latencies) * 0.95)] * 1000:6.1f} ms")  # fmt: skip
    for name, value in figures.items():
        print(f"  {name:<37}{value:8d}")
    print(f"  stale saves refused (shown both)     {sum(r['refused'] for r in done):8d}")
    print(f"  errors a user would see              {sum(r['errors'] for r in done):8d}")
    for message in {m for r in done for m in r["messages"]}:
        print(f"    {message}")


if __name__ == "__main__":
    main()
