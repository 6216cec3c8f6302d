"""A big programme on PostgreSQL and SQLite side by side (issue 20's measures).

Run: python benchmarks/scale.py [--cases 10000] [--events 1000000] [--big 10000]
     [--engines postgresql,sqlite] [--runs 5] [--keep]
     python benchmarks/scale.py --url OWNER_URL [--member-url MEMBER_URL] [--runs 5]
     [--engines sqlite]

``--keep`` leaves the loaded PostgreSQL cluster running (and measures nothing) and
prints the addresses to give ``--url`` and ``--member-url`` later, so one load of about
five minutes serves many measurements; it prints the command that stops the cluster.
With ``--url``, ``--engines sqlite`` loads and measures a workspace file as well, for
the table's SQLite column.

Loads the programme (benchmarks/scale_data.py) into a new team workspace on a
throwaway PostgreSQL cluster (tests/pg_cluster.py: a Unix socket, fsync off) and into a
new workspace file, then times, through the services as the app asks for them:

- the case list (``cases.list_cases``)                           target < 100 ms
- a search for a common word, a rare name and a prefix           target < 100 ms
- opening the 10,000-event case (``events.list_rows``, what the
  chronology table reads)                                        target < 0.5 s
- the programme report (``export_programme_report`` to .docx)    target < 3 s

On PostgreSQL each figure is taken twice: as the superuser that loaded the programme,
and as a facilitator in one team of ten (row-level security applies to them only).

Each figure is the median of ``--runs`` runs after one warm-up. Prints a table with
both engines and the ratio PostgreSQL / SQLite.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import scale_data

TARGETS = {
    "case list": 0.100,
    "search 'police' (common word)": 0.100,
    "search a rare name": 0.100,
    "search 'miss plac' (prefix)": 0.100,
    "open the 10,000-event case": 0.5,
    "programme report (.docx)": 3.0,
}
# The target is the case list "for one team": a member's. The owner's lists
# every case of the programme (10,000), and is printed beside it without a verdict.
ONE_TEAM = {"case list"}


CPU_SPENT: dict[str, float] = {}
"""This process's own CPU seconds per figure (median): on a shared, busy machine the
wall time also holds the time spent waiting for a core."""


def timed(work: Callable[[], object], runs: int, name: str = "") -> float:
    """The median seconds of ``runs`` runs of ``work`` after one warm-up."""
    work()
    times, cpu = [], []
    for _ in range(runs):
        start, spent = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - spent)
    CPU_SPENT[name] = statistics.median(cpu)
    return statistics.median(times)


def measure(services: Any, folder: Path, runs: int) -> dict[str, float]:
    """Every figure, through the services."""
    from deepdive.export.gate import default_gate
    from deepdive.export.programme_report import export_programme_report

    big = services.cases.find(scale_data.BIG_CASE)
    rare = (services.search.search("Barbarbar", limit=1) and "Barbarbar") or "Delfenrosbar"
    out = folder / "report.docx"

    def report() -> None:
        out.unlink(missing_ok=True)
        export_programme_report(services, out, gate=default_gate(), chart_png=None)

    work: dict[str, Callable[[], object]] = {
        "case list": services.cases.list_cases,
        "search 'police' (common word)": lambda: services.search.search("police"),
        "search a rare name": lambda: services.search.search(rare),
        "search 'miss plac' (prefix)": lambda: services.search.search("miss plac"),
        "open the 10,000-event case": lambda: services.events.list_rows(big.id),
        "programme report (.docx)": report,
    }
    figures = {}
    for name, job in work.items():
        figures[name] = timed(job, runs if job is not report else max(1, runs // 2), name)
        print(
            f"  {name:<34}{figures[name] * 1000:10.1f} ms  (this process's CPU "
            f"{CPU_SPENT[name] * 1000:.1f} ms)",
            flush=True,
        )
    return figures


@contextmanager
def workspace_on(engine: str, folder: Path, keep: bool = False) -> Iterator[tuple[Any, Any]]:
    """Services on a new, empty workspace of ``engine``, and the cluster (None for a file);
    with ``keep`` the cluster is left running."""
    from deepdive.services import Services

    if engine == "sqlite":
        from deepdive.storage.workspace import open_workspace

        services = Services.for_workspace(open_workspace(folder / "scale.deepdive"))
        try:
            yield services, None
        finally:
            services.close()
        return
    from pg_cluster import PgCluster, postgres_bindir, running_cluster

    from deepdive.storage.address import parse_server_address
    from deepdive.storage.server import open_server_workspace

    bindir = postgres_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed (initdb, pg_ctl)")
    if keep:
        cluster = PgCluster(bindir)
        cluster.start()
        kept: Any = nullcontext(cluster)
    else:
        kept = running_cluster(bindir)
    with kept as cluster:
        cluster.sql("CREATE DATABASE scale")
        address = parse_server_address(cluster.url("scale"))
        services = Services.for_workspace(open_server_workspace(address, folder / "pg.deepdive"))
        try:
            yield services, cluster
        finally:
            services.close()


TEAMS = 10
MEMBER, MEMBER_PASSWORD = "facilitator_one", "benchmark-only-secret"


def make_member(owner: Any, cluster: Any) -> str:
    """A facilitator in one team of ``TEAMS`` (each holding a tenth of the cases, the big
    case among theirs); their workspace address."""
    from sqlalchemy import text

    from deepdive.services.teams import TeamService

    cluster.sql(f"CREATE ROLE {MEMBER} LOGIN PASSWORD '{MEMBER_PASSWORD}'")
    teams = TeamService(owner.workspace)
    for n in range(1, TEAMS + 1):
        teams.create(f"Team {n}")
    teams.add_member("Team 1", MEMBER)
    big = owner.cases.find(scale_data.BIG_CASE)
    with owner.workspace.transaction() as session:
        ids = {name: i for i, name in session.execute(text("SELECT id, name FROM teams"))}
        session.execute(
            text("UPDATE cases SET team_id = :first + (id % :teams)"),
            {"first": min(ids.values()), "teams": TEAMS},
        )
        session.execute(
            text("UPDATE cases SET team_id = :team WHERE id = :big"),
            {"team": ids["Team 1"], "big": big.id},
        )
    return str(cluster.url("scale", MEMBER, MEMBER_PASSWORD))


def measure_member(url: str, folder: Path, runs: int) -> dict[str, float]:
    """The same figures as the facilitator at ``url``, under row-level security: the
    superuser the programme was loaded as passes every policy, so its figures cannot
    show their cost."""
    from deepdive.services import Services
    from deepdive.storage.address import parse_server_address
    from deepdive.storage.server import open_server_workspace

    address = parse_server_address(url)
    member = Services.for_workspace(open_server_workspace(address, folder / "member.deepdive"))
    try:
        print(f"  as {MEMBER}, one team of {TEAMS}: {len(member.cases.list_cases())} cases")
        return measure(member, folder, runs)
    finally:
        member.close()


def measure_loaded(url: str, runs: int) -> dict[str, float]:
    """The figures of a team workspace loaded before (``--url``)."""
    from deepdive.services import Services
    from deepdive.storage.address import parse_server_address
    from deepdive.storage.server import open_server_workspace

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        address = parse_server_address(url)
        services = Services.for_workspace(open_server_workspace(address, folder / "pg.deepdive"))
        try:
            return measure(services, folder, runs)
        finally:
            services.close()


def measure_loaded_member(url: str, runs: int) -> dict[str, float]:
    """The member's figures on a team workspace loaded before (``--member-url``)."""
    with tempfile.TemporaryDirectory() as scratch:
        return measure_member(url, Path(scratch), runs)


def keep_loaded(cases: int, events: int, big: int) -> None:
    """Load PostgreSQL (owner and member ready) and leave the cluster running."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with workspace_on("postgresql", folder, keep=True) as (services, cluster):
            start = time.perf_counter()
            scale_data.load(services, cases, events, big)
            print(f"  loaded in {time.perf_counter() - start:.0f} s", flush=True)
            member = make_member(services, cluster)
    print(f"  --url '{cluster.url('scale')}' --member-url '{member}'")
    stop = f"{cluster.bindir / 'pg_ctl'} --pgdata {cluster.data} stop"
    if cluster.user is not None:
        stop = f"runuser -u {cluster.user} -- {stop}"
    print(f"  stop it with: {stop} && rm -r {cluster.folder}")


def print_table(results: dict[str, dict[str, float]], scale: str) -> None:
    """PostgreSQL as the owner and as one team's member, SQLite, the ratio PG/SQLite."""
    pg, lite = results.get("postgresql", {}), results.get("sqlite", {})
    member = results.get("member", {})
    print(f"\n{scale}")
    print(
        f"  {'measure':<34}{'PG owner':>12}{'PG member':>12}{'SQLite':>12}{'PG/SQLite':>11}"
        f"{'target':>10}"
    )
    for name, target in TARGETS.items():
        a, m, b = pg.get(name), member.get(name), lite.get(name)
        cells = [f"{x * 1000:10.1f}ms" if x is not None else f"{'-':>12}" for x in (a, m, b)]
        ratio = f"{a / b:10.2f}x" if a is not None and b else f"{'-':>11}"
        judged = (m,) if name in ONE_TEAM and m is not None else (a, m)
        worst = max((x for x in judged if x is not None), default=None)
        verdict = "" if worst is None else (" ok" if worst < target else " MISSED (PG)")
        print(f"  {name:<34}{''.join(cells)}{ratio}{target * 1000:>8.0f}ms{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--big", type=int, default=10_000)
    parser.add_argument(
        "--engines", help="postgresql,sqlite by default; with --url, none unless named"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--url", help="measure this team workspace, already loaded (nothing is loaded or changed)"
    )
    parser.add_argument("--member-url", help="with --url: measure as this member too")
    parser.add_argument(
        "--keep", action="store_true", help="load PostgreSQL, leave it running, measure nothing"
    )
    args = parser.parse_args()
    # Stopped with kill: the throwaway cluster is still stopped and removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    scale = f"{args.cases:,} cases, {args.events:,} events (one case of {args.big:,})"
    results: dict[str, dict[str, float]] = {}
    engines = (args.engines or ("" if args.url else "postgresql,sqlite")).split(",")
    if args.url:
        results["postgresql"] = measure_loaded(args.url, args.runs)
        if args.member_url:
            results["member"] = measure_loaded_member(args.member_url, args.runs)
        engines = [e for e in engines if e == "sqlite"]
    title = scale
    if args.url:
        title = f"the team workspace at {args.url}" + (f"; a file of {scale}" if engines else "")
    if args.keep:
        keep_loaded(args.cases, args.events, args.big)
        return
    with tempfile.TemporaryDirectory() as scratch:
        for engine in engines:
            print(f"{engine}: loading {scale}", flush=True)
            folder = Path(scratch) / engine
            folder.mkdir()
            with workspace_on(engine, folder) as (services, cluster):
                start = time.perf_counter()
                scale_data.load(services, args.cases, args.events, args.big)
                print(f"  loaded in {time.perf_counter() - start:.0f} s", flush=True)
                results[engine] = measure(services, folder, args.runs)
                if cluster is not None:
                    member = make_member(services, cluster)
                    results["member"] = measure_member(member, folder, args.runs)
    print_table(results, title)


if __name__ == "__main__":
    main()
