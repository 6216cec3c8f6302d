"""Chronology speed: a case with 10,000 events, opened, filtered, drawn and imported.

Run: python benchmarks/chronology.py [--events 10000]

Builds a temporary workspace with one case of N events (through the services, as an
import would), then measures in a fresh process with the real main window
(offscreen):

- opening the Chronology tab and painting it (table, filters and editor), and the
  timeline being ready just after;
- one filter keystroke in the search box, answered in the table (median and worst
  of several keystrokes; the timeline follows a moment later and is timed too);
- a redraw of the timeline at the default zoom (from its cached drawing), and a full
  rebuild of that drawing (after a zoom or an edit);
- ticking choices in the domain, source and person filters;
- scrolling the table by a page (with the columns shown at first, then with all);
- typing a sentence into the event editor's "What happened" with the spelling check
  on and then off: each key press and redraw, and the longest idle spelling batch;
- the peak memory (RSS) of that process with the case open;
and, in this process, importing a 10,000-row CSV file into another case.

Targets (issue 3, PRODUCT.md): open and paint < 0.3 s, keystroke < 50 ms, no redraw
over 16 ms, 10,000-row import < 2 s, memory < 300 MB; a typed key < 16 ms (issue 15).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXT = (
    "Jay seen at home by the social worker; school reports poor attendance; police "
    "called to a disturbance; missing overnight and found in the city centre; CAMHS "
    "appointment not attended; Nan offers to have Jay to stay; strategy meeting held; "
    "key worker visits at the chicken shop; college place offered; return interview"
)
WORDS = TEXT.split()

CHILD = r"""
import json, os, resource, statistics, sys, time
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from deepdive.ui.shell.app import compose, create_application

workspace, settings_file, code = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
app = create_application()
window = compose(app, QSettings(settings_file, QSettings.Format.IniFormat))
window.resize(1400, 900)
window.show()
window.open_workspace(workspace)
view = window.view
case = window.services.cases.find(code)
view.select_case(case.id)
app.processEvents()
window.repaint()
panel = view.chronology

def ms(start):
    return (time.perf_counter() - start) * 1000

figures = {}
start = time.perf_counter()
view.case_tabs.setCurrentWidget(panel)   # the tab is given its case when shown
window.repaint()                          # synchronous paint of the whole window
figures["open_and_paint_ms"] = ms(start)
assert panel.model.rowCount() == panel.model.total() > 0
start = time.perf_counter()
deadline = time.perf_counter() + 5
while len(panel.timeline.view.events) < panel.model.total() and time.perf_counter() < deadline:
    app.processEvents()
panel.timeline.view.repaint()
figures["timeline_ready_after_ms"] = ms(start)

reopen = []
for _ in range(3):
    panel.show_case(None)
    window.repaint()
    start = time.perf_counter()
    panel.show_case(window.services.cases.get(case.id))
    window.repaint()
    reopen.append(ms(start))
figures["reopen_and_paint_median_ms"] = statistics.median(reopen)
for _ in range(20):
    app.processEvents()
time.sleep(0.2)
app.processEvents()  # the idle work: timeline and search text

keystrokes, follow = [], []
for text in ("s", "sc", "sch", "scho", "school", "school ", "school r", "school re"):
    start = time.perf_counter()
    panel.filters.search.setText(text)
    panel.table.repaint()
    keystrokes.append(ms(start))
    start = time.perf_counter()
    panel._update_timeline()              # what follows once typing pauses
    panel.timeline.view.repaint()
    follow.append(ms(start))
figures["filter_keystroke_median_ms"] = statistics.median(keystrokes)
figures["filter_keystroke_worst_ms"] = max(keystrokes)
figures["timeline_follows_filter_median_ms"] = statistics.median(follow)
figures["shown_after_filter"] = panel.model.rowCount()
panel.filters.clear()
app.processEvents()

# Ticking choices in the domain, source and person lists (several per list).
choice_ticks = []
for choices in panel.filters.choice_filters()[:3]:
    for _text, value in choices.choices()[:2]:
        start = time.perf_counter()
        choices.toggle_value(value, True)
        panel.table.repaint()
        choice_ticks.append(ms(start))
figures["choice_tick_median_ms"] = statistics.median(choice_ticks)
figures["choice_tick_worst_ms"] = max(choice_ticks)
figures["shown_after_choices"] = panel.model.rowCount()
panel.filters.clear()
app.processEvents()

timeline = panel.timeline.view
timeline.fit()
timeline.repaint()
redraws = []
for _ in range(20):
    start = time.perf_counter()
    timeline.repaint()
    redraws.append(ms(start))
figures["timeline_redraw_median_ms"] = statistics.median(redraws)
figures["timeline_redraw_worst_ms"] = max(redraws)
rebuilds = []
for _ in range(5):
    timeline._invalidate()
    start = time.perf_counter()
    timeline.repaint()
    rebuilds.append(ms(start))
figures["timeline_rebuild_median_ms"] = statistics.median(rebuilds)

bar = panel.table.verticalScrollBar()
scrolls = []
for step in range(1, 30):
    start = time.perf_counter()
    bar.setValue(step * bar.pageStep())
    panel.table.viewport().repaint()
    scrolls.append(ms(start))
figures["scroll_page_median_ms"] = statistics.median(scrolls)
figures["scroll_page_worst_ms"] = max(scrolls)
# Every column shown (twice the cells), on pages not yet drawn.
for column in range(panel.model.columnCount()):
    panel.table.setColumnHidden(column, False)
app.processEvents()
window.repaint()  # the new columns' layout (and the timeline below) settle first
scrolls = []
for step in range(30, 59):
    start = time.perf_counter()
    bar.setValue(step * bar.pageStep())
    panel.table.viewport().repaint()
    scrolls.append(ms(start))
figures["scroll_all_columns_median_ms"] = statistics.median(scrolls)
figures["scroll_all_columns_worst_ms"] = max(scrolls)

# Typing in "What happened" with the spelling check on (its dictionary loaded), then
# off: each key press and the redraw of the field. Between keys the app's idle work
# runs (spelling look-ups in small batches, and the autosave of the event with the
# table and timeline following it); the longest of those is measured too.
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
checker = window.app_services.spelling
checker.why_unavailable()  # loaded before the measure, as it is a moment after opening
panel.select_event(panel.model.event_at(0).id)
edit = panel.editor.texts["description"].editor
edit.setFocus()
SENTENCE = " Nan said she recieved the refferal letter on Tuesday and rang the school."
WARM_UP = " The hub worker visited on Monday."
def type_sentence(sentence=SENTENCE):
    keys, idle = [], []
    edit.moveCursor(QTextCursor.MoveOperation.End)
    for ch in sentence:
        start = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.sendEvent(edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        edit.viewport().repaint()
        keys.append(ms(start))
        start = time.perf_counter()
        app.processEvents()
        idle.append(ms(start))
    return keys, idle
# Whatever runs first pays for the editor's first redraws and, often, a full pass of
# Python's garbage collector over the 10,000 events: a few keys first, unmeasured.
type_sentence(WARM_UP)
keys, idle = type_sentence()
figures["typing_key_median_ms"] = statistics.median(keys)
figures["typing_key_worst_ms"] = max(keys)
figures["typing_idle_worst_ms"] = max(idle)
figures["spelling_on"] = checker.enabled
checker.set_enabled(False)
keys, idle = type_sentence()
figures["typing_off_key_median_ms"] = statistics.median(keys)
figures["typing_off_key_worst_ms"] = max(keys)
figures["typing_off_idle_worst_ms"] = max(idle)
figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
figures["events"] = panel.model.total()
window.close()
print(json.dumps(figures))
"""


def build_case(services: object, code: str, events: int) -> None:
    """A case of ``events`` varied events over 18 years, added in one go."""
    from deepdive.domain.vocabulary import CATEGORIES
    from deepdive.services import Services
    from deepdive.services.events import EventInput

    assert isinstance(services, Services)
    case = services.cases.create(code, "Jay", birth="2004-05")
    cast = [services.people.add(case.id, name, "other").id for name in ("Jay", "Mum", "Nan")]
    agencies = services.agencies.names()
    rnd = random.Random(14)
    items = []
    for _ in range(events):
        year, month, day = rnd.randint(2004, 2022), rnd.randint(1, 12), rnd.randint(1, 28)
        kind = rnd.random()
        date = (
            f"{year}-{month:02d}-{day:02d}"
            if kind < 0.7
            else f"{year}-{month:02d}"
            if kind < 0.9
            else f"about {year}"
        )
        end = f"{year + 1}-{month:02d}" if rnd.random() < 0.05 else None
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(15, 60)))
        items.append(
            EventInput(
                date=date,
                end=end,
                category=rnd.choice(CATEGORIES),
                description=text.capitalize() + ".",
                agency=rnd.choice(agencies),
                people=tuple(rnd.sample(cast, rnd.randint(0, 2))),
                significance=" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 20))),
                key_episode=rnd.random() < 0.02,
                tags=("missing",) if rnd.random() < 0.1 else (),
            )
        )
    services.events.add_many(case.id, items)


def write_csv(path: Path, rows: int) -> None:
    """An agency chronology with ``rows`` rows, UK dates, Windows line ends."""
    rnd = random.Random(7)
    lines = ["Date,Event,Source,Significance,Outcome"]
    for _ in range(rows):
        date = f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{rnd.randint(2004, 2022)}"
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(10, 40))).replace(",", "")
        lines.append(f'{date},"{text}",Police,"{text[:60]}",Recorded')
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def main() -> None:
    """Build, measure and print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DEEPDIVE_DATA_DIR"] = folder
        from deepdive.importing import import_chronology
        from deepdive.services import Services
        from deepdive.storage.workspace import open_workspace

        workspace = Path(folder) / "bench.deepdive"
        services = Services.for_workspace(open_workspace(workspace))
        start = time.perf_counter()
        build_case(services, "BIG-1", args.events)
        built = time.perf_counter() - start
        csv = Path(folder) / "police.csv"
        write_csv(csv, 10_000)
        target = services.cases.create("IMPORT-1", "Sam")
        imports = []
        for _ in range(3):
            start = time.perf_counter()
            result = import_chronology(services, target.id, csv)
            imports.append(time.perf_counter() - start)
            assert len(result.events) == 10_000
            services.events.delete_many(target.id, [e.id for e in result.events])
        services.cases.delete(target.id)
        services.close()

        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(workspace), str(Path(folder) / "s.ini"), "BIG-1"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if child.returncode != 0:
            sys.exit(f"the measuring process failed:\n{child.stderr}")
        figures = json.loads(child.stdout.strip().splitlines()[-1])

    print(f"Chronology benchmark: one case of {figures['events']:,} events (offscreen Qt)")
    print(f"  building the case through the services        {built:8.2f} s")
    rows = [
        ("open the Chronology tab and paint it", figures["open_and_paint_ms"], "< 300 ms"),
        ("  timeline ready just after", figures["timeline_ready_after_ms"], ""),
        ("  show the case again and paint (median)", figures["reopen_and_paint_median_ms"], ""),
        (
            "filter keystroke, table answers (median)",
            figures["filter_keystroke_median_ms"],
            "< 50 ms",
        ),
        (
            "filter keystroke, table answers (worst)",
            figures["filter_keystroke_worst_ms"],
            "< 50 ms",
        ),
        (
            "  timeline follows once typing pauses (median)",
            figures["timeline_follows_filter_median_ms"],
            "",
        ),
        ("timeline redraw, default zoom (median)", figures["timeline_redraw_median_ms"], "< 16 ms"),
        ("timeline redraw, default zoom (worst)", figures["timeline_redraw_worst_ms"], "< 16 ms"),
        ("timeline drawing rebuilt (zoom/edit, median)", figures["timeline_rebuild_median_ms"], ""),
        (
            "tick a domain/source/person choice (median)",
            figures["choice_tick_median_ms"],
            "< 50 ms",
        ),
        ("tick a domain/source/person choice (worst)", figures["choice_tick_worst_ms"], "< 50 ms"),
        ("scroll the table a page (median)", figures["scroll_page_median_ms"], "< 16 ms"),
        ("scroll the table a page (worst)", figures["scroll_page_worst_ms"], "< 16 ms"),
        (
            "  every column shown: scroll a page (median)",
            figures["scroll_all_columns_median_ms"],
            "< 16 ms",
        ),
        (
            "  every column shown: scroll a page (worst)",
            figures["scroll_all_columns_worst_ms"],
            "< 16 ms",
        ),
    ]
    if "typing_key_median_ms" in figures:  # not measured by versions before spelling
        spelling = "on" if figures["spelling_on"] else "off (no dictionary)"
        rows += [
            (
                f"type in What happened, spelling {spelling} (median)",
                figures["typing_key_median_ms"],
                "< 16 ms",
            ),
            ("  the same (worst)", figures["typing_key_worst_ms"], "< 16 ms"),
            (
                "  idle work between keys (worst)",
                figures["typing_idle_worst_ms"],
                "with search warming, autosave",
            ),
            (
                "type in What happened, spelling off (median)",
                figures["typing_off_key_median_ms"],
                "",
            ),
            ("  the same (worst)", figures["typing_off_key_worst_ms"], ""),
            ("  idle work between keys (worst)", figures["typing_off_idle_worst_ms"], ""),
        ]
    for label, value, target in rows:
        print(f"  {label:<46}{value:8.1f} ms  {target}")
    label = "import a 10,000-row CSV (median of 3)"
    print(f"  {label:<46}{statistics.median(imports):8.2f} s   < 2 s")
    print(f"  {'peak memory with the case open':<46}{figures['peak_rss_mb']:8.0f} MB  < 300 MB")


if __name__ == "__main__":
    main()
