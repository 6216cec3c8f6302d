"""Word export speed: DeepDive's .docx export vs pandoc on the equivalent Markdown.

Run: python benchmarks/export.py [--events 2000] [--sessions 20] [--runs 3]
                                 [--dates real|shifted|relative]

Builds a workspace with one case of 2,000 chronology events and 20 sessions (each 8
stages of a few paragraphs, lists and quotes), then, side by side in one run:
- times ``export_case_study`` to .docx (reading the workspace included), with dates
  real, shifted (every date in every text moved) or relative (shown as ages),
- writes the same case study as Markdown (``--format md``) and times ``pandoc`` turning
  that Markdown into .docx.
Prints the median of each, the ratio (target: < 1) and the peak memory of a fresh
process doing the export (target: < 300 MB).

Then, as whole processes on the same file (start-up and imports included), best of
``--runs``: ``deepdive render`` and ``pandoc`` turning a 350 KB Markdown file with a
2,000-row table into .docx; the ratio's target is at most 0.5 (half of pandoc's time).
Wall time and CPU time are both printed: on a shared, busy machine CPU time is the
steadier measure. Needs pandoc on PATH (apt install pandoc).

The case export here lays nothing out with LibreOffice (the contents page's page
numbers): that is a separate step, timed on its own when LibreOffice is installed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deepdive.domain.vocabulary import CATEGORIES  # noqa: E402
from deepdive.services import Services  # noqa: E402
from deepdive.services.events import EventInput  # noqa: E402
from deepdive.services.sessions import Participant  # noqa: E402
from deepdive.storage.workspace import open_workspace  # noqa: E402
from deepdive.templates import ResponseKind, ResponseSpec, Stage, Template  # noqa: E402

CODE = "BENCH-001"
AGENCIES = ("Police", "Education", "Health/CAMHS", "Children's Social Care", "Voluntary sector")
WORDS = [
    "school",
    "visit",
    "plan",
    "review",
    "worker",
    "family",
    "support",
    "meeting",
    "placement",
    "referral",
    "assessment",
    "contact",
    "home",
    "missing",
    "return",
    "interview",
    "concern",
    "progress",
    "strength",
    "safety",
    "college",
    "mentor",
    "key",
    "worker",
    "life",
    "coach",
    "agreed",
    "outcome",
]

MEASURE = """
import resource, sys, time
from pathlib import Path
from deepdive.export import DateMode, ExportOptions, export_case_study
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace
workspace = open_workspace(Path(sys.argv[1]), backup_dir=Path(sys.argv[3]))
services = Services.for_workspace(workspace)
mode = DateMode(sys.argv[5])
options = ExportOptions(date_mode=mode, date_shift_days=100 if mode is DateMode.SHIFTED else None)
start = time.perf_counter()
export_case_study(services, sys.argv[4], Path(sys.argv[2]), options=options)
elapsed = time.perf_counter() - start
services.close()
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def sentence(rng: random.Random, n: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def stage_text(rng: random.Random) -> str:
    """A few paragraphs, a nested list, a numbered list and a quote."""
    return (
        f"{paragraph(rng)} The room said this was **important** and *should not be lost*.\n\n"
        f"{paragraph(rng, 2)}\n\n"
        f"- {sentence(rng, 6)}\n- {sentence(rng, 7)}\n  - {sentence(rng, 5)}\n"
        f"- {sentence(rng, 8)}\n\n"
        f"1. {sentence(rng, 6)}\n2. {sentence(rng, 6)}\n\n"
        f"> {sentence(rng, 12)}\n\n{paragraph(rng, 2)}"
    )


def build(path: Path, backups: Path, events: int, sessions: int) -> None:
    rng = random.Random(14)
    services = Services.for_workspace(open_workspace(path, backup_dir=backups))
    try:
        case = services.cases.create(CODE, "Sam", birth="2005-03", summary=paragraph(rng, 6))
        day = date(2008, 1, 1)
        items = []
        for i in range(events):
            day += timedelta(days=rng.randint(1, 6))
            description = paragraph(rng, rng.randint(1, 3))
            if i % 4 == 0:  # case notes write dates in their text too
                description += f" Seen again on {day:%d %B %Y} and reviewed in {day:%B %Y}."
            if i % 2:
                description += f" Notes say **{rng.choice(WORDS)}** mattered."
            items.append(
                EventInput(
                    date=day.isoformat(),
                    category=rng.choice(CATEGORIES),
                    agency=rng.choice(AGENCIES),
                    description=description,
                    significance=paragraph(rng, 2),
                    voice=sentence(rng, 10) if i % 5 == 0 else "",
                    outcome=sentence(rng, 8) if i % 3 == 0 else "",
                    key_episode=i % 40 == 0,
                )
            )
        services.events.add_many(case.id, items)
        template = Template(
            id="benchmark-eight-stages",
            name="Eight stages",
            version=1,
            description="Eight free-text stages.",
            stages=tuple(
                Stage(
                    id=f"stage-{n}",
                    title=f"Stage {n}",
                    purpose="What the room thought.",
                    guidance="Ask the room.",
                    prompts=("What happened?",),
                    minutes=10,
                    response=ResponseSpec(kind=ResponseKind.TEXT),
                )
                for n in range(1, 9)
            ),
        )
        for s in range(sessions):
            summary = services.sessions.start(
                case.id,
                template,
                title=f"Session {s + 1}",
                held_on=date(2022, 1, 1) + timedelta(days=7 * s),
                facilitator_role="Innovation coach",
                participants=[Participant("social worker", "Children's Social Care")],
            )
            for stage in template.stages:
                services.sessions.save_response(summary.id, stage.id, {"text": stage_text(rng)})
    finally:
        services.close()


def render_notes(path: Path, rows: int = 2000) -> None:
    """Notes of about 350 KB: twenty short parts, then a table of ``rows`` rows."""
    rng = random.Random(18)
    lines = ["# Notes for the review", ""]
    for part in range(20):
        lines += [
            f"## Part {part + 1}",
            "",
            f"{paragraph(rng, 4)} It was **important** and *not lost*.",
            "",
            f"- {sentence(rng, 6)}",
            f"- {sentence(rng, 7)}",
            "",
            f"> {sentence(rng, 10)}",
            "",
        ]
    lines += ["## Chronology", "", "| Date | Agency | What happened | Significance |"]
    lines.append("|---|---|---|---|")
    for i in range(rows):
        lines.append(
            f"| {1 + i % 28} May {2000 + i // 300} | {rng.choice(AGENCIES)} | "
            f"{sentence(rng, 14)} | {sentence(rng, 8)} **{rng.choice(WORDS)}** |"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compare_render(pandoc: str, folder: Path, runs: int) -> None:
    """``deepdive render`` against ``pandoc`` as whole processes, best of ``runs``."""
    notes = folder / "notes.md"
    render_notes(notes)
    env = {**os.environ, "DEEPDIVE_DATA_DIR": str(folder / "data")}
    # An installed DeepDive runs from compiled bytecode: allow it, and warm both up once.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    render = [sys.executable, "-m", "deepdive", "render", str(notes), "--out"]
    _timed([*render, str(folder / "warm.docx")], env)
    _timed([pandoc, str(notes), "-o", str(folder / "warm-pandoc.docx")], env)
    ours = [
        _timed(
            [
                sys.executable,
                "-m",
                "deepdive",
                "render",
                str(notes),
                "--out",
                str(folder / "r.docx"),
            ],
            env,
        )
        for _ in range(runs)
    ]
    theirs = [_timed([pandoc, str(notes), "-o", str(folder / "p.docx")], env) for _ in range(runs)]
    size = notes.stat().st_size // 1024
    for label, index in (("wall", 0), ("CPU", 1)):
        mine = min(t[index] for t in ours)
        other = min(t[index] for t in theirs)
        print(
            f"render {size} KB, {label} time (best of {runs}): deepdive {mine:.2f} s, "
            f"pandoc {other:.2f} s, ratio {mine / other:.2f} (target <= 0.5)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dates", choices=("real", "shifted", "relative"), default="real")
    parser.add_argument(
        "--render-only", action="store_true", help="only the whole-process render comparison"
    )
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc is not installed (apt install pandoc); it is the yardstick here.")
        return 2
    from deepdive.export import ExportFormat, export_case_study

    if args.render_only:
        with tempfile.TemporaryDirectory(prefix="deepdive-render-") as work:
            compare_render(pandoc, Path(work), args.runs)
        return 0
    with tempfile.TemporaryDirectory(prefix="deepdive-bench-") as work:
        folder = Path(work)
        workspace, backups = folder / "bench.deepdive", folder / "backups"
        print(f"Building a case with {args.events} events and {args.sessions} sessions…")
        build(workspace, backups, args.events, args.sessions)
        markdown = folder / "case.md"
        services = Services.for_workspace(open_workspace(workspace, backup_dir=backups))
        try:
            export_case_study(services, CODE, markdown, format=ExportFormat.MD)
        finally:
            services.close()
        ours, theirs, memory = [], [], []
        quiet = {**os.environ, "DEEPDIVE_LIBREOFFICE": "off"}
        for run in range(args.runs):
            result = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    MEASURE,
                    str(workspace),
                    str(folder / f"ours{run}.docx"),
                    str(backups),
                    CODE,
                    args.dates,
                ],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env=quiet,
            )
            seconds, peak_kb = result.stdout.split()
            ours.append(float(seconds))
            memory.append(int(peak_kb) / 1024)
            start = time.perf_counter()
            subprocess.run(
                [
                    pandoc,
                    str(markdown),
                    "-f",
                    "markdown",
                    "-t",
                    "docx",
                    "-o",
                    str(folder / f"pandoc{run}.docx"),
                ],
                check=True,
            )
            theirs.append(time.perf_counter() - start)
        deepdive_s, pandoc_s = statistics.median(ours), statistics.median(theirs)
        print(f"DeepDive export to .docx, {args.dates} dates: {deepdive_s:.2f} s (median)")
        print(f"pandoc Markdown to .docx: {pandoc_s:.2f} s (median of {args.runs})")
        print(f"ratio DeepDive / pandoc:  {deepdive_s / pandoc_s:.2f} (target < 1)")
        print(f"peak memory of the export process: {max(memory):.0f} MB (target < 300 MB)")
        compare_render(pandoc, folder, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
