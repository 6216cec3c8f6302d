"""Learning view speed: its data on 1,000 cases (target: opens in under 0.5 s).

Run: python benchmarks/learning.py [--cases 1000] [--events 40] [--themes 30]
Builds a workspace where every case has chronology events (a quarter of them tagged
with learning themes, some key practice episodes), outcomes in every domain and an
edge-of-care result, then times what the Learning view reads when it opens (the
summary with every figure and the items behind the top theme), and the same under a
time-window filter. Prints the median and worst of several runs; also the first
paint of the view offscreen when PySide6 is available.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET_S = 0.5
THEMES = [
    "Consistent worker",
    "CAMHS waiting times",
    "Missing episodes preceded placement moves",
    "Family network not explored",
    "School exclusion",
    "Out-of-area placement",
    "Voice of the young person",
    "Life coach relationship",
]


def build(services: object, cases: int, events: int, themes: int, rng: random.Random) -> None:
    """Cases and events through the services; themes and outcomes in one bulk write."""
    from sqlalchemy import insert

    from deepdive.services import Services
    from deepdive.services.events import EventInput
    from deepdive.services.outcomes import ACCOMMODATION_TYPES, RISK_LEVELS
    from deepdive.storage.models import Case, CaseOutcome, Theme, event_themes

    assert isinstance(services, Services)
    names = [*THEMES, *(f"Theme {n}" for n in range(max(0, themes - len(THEMES))))][:themes]
    theme_ids = [services.themes.create(name).id for name in names]
    links: list[dict[str, int]] = []
    outcomes: list[dict[str, object]] = []
    edge: list[tuple[int, bool, bool]] = []
    for n in range(cases):
        case = services.cases.create(
            f"DD-{n:05d}", f"YP{n}", status=rng.choice(["draft", "in_review", "final"])
        )
        added = services.events.add_many(
            case.id,
            [
                EventInput(
                    f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "placement",
                    f"Event {i} in case {n}.",
                    key_episode=i % 9 == 0,
                )
                for i in range(events)
            ],
        )
        for event in added[: max(1, events // 4)]:
            links.append({"event_id": event.id, "theme_id": rng.choice(theme_ids)})
        edge.append((case.id, rng.random() < 0.6, rng.random() < 0.85))
        measured = date(2024, rng.randint(1, 12), 1)
        for domain, start, latest in (
            ("accommodation", rng.choice(ACCOMMODATION_TYPES), rng.choice(ACCOMMODATION_TYPES)),
            ("missing", str(rng.randint(0, 20)), str(rng.randint(0, 6))),
            ("cse_risk", rng.choice(RISK_LEVELS), rng.choice(RISK_LEVELS)),
            ("wellbeing", str(rng.randint(0, 10)), "7"),
        ):
            outcomes.append(
                {
                    "case_id": case.id,
                    "domain": domain,
                    "start_value": start,
                    "latest_value": latest,
                    "latest_measured_on": measured,
                }
            )
    with services.workspace.transaction() as session:
        session.execute(insert(event_themes), links)
        session.execute(insert(CaseOutcome), outcomes)
        for case_id, on_edge, stayed in edge:
            row = session.get(Case, case_id)
            assert row is not None
            row.edge_of_care = on_edge
            row.stayed_with_family = stayed if on_edge else None
        assert session.query(Theme).count() == len(names)


def timed(action: object, runs: int = 7) -> tuple[float, float]:
    """Median and worst seconds of ``runs`` calls."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), max(seconds)


def main() -> None:
    """Build, time, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--events", type=int, default=40)
    parser.add_argument("--themes", type=int, default=30)
    options = parser.parse_args()
    from deepdive.services import Services
    from deepdive.services.learning import LearningFilter
    from deepdive.storage.workspace import open_workspace

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "learning.deepdive"
        services = Services.for_workspace(open_workspace(path))
        started = time.perf_counter()
        build(services, options.cases, options.events, options.themes, random.Random(9))
        print(
            f"built {options.cases} cases x {options.events} events "
            f"in {time.perf_counter() - started:.1f} s"
        )

        def open_data(wanted: LearningFilter | None = None) -> None:
            summary = services.learning.summary(wanted)
            if summary.themes:
                services.learning.occurrences(summary.themes[0].theme_id, wanted)

        window = LearningFilter(date(2018, 1, 1), date(2021, 12, 31))
        median, worst = timed(open_data)
        print(f"Learning view data: median {median * 1e3:.0f} ms, worst {worst * 1e3:.0f} ms")
        w_median, w_worst = timed(lambda: open_data(window))
        print(f"with a time window: median {w_median * 1e3:.0f} ms, worst {w_worst * 1e3:.0f} ms")
        summary = services.learning.summary()
        print(
            f"({summary.cases} cases, {len(summary.themes)} themes, "
            f"{sum(t.uses for t in summary.themes)} tagged events)"
        )
        verdict = "PASS" if worst < TARGET_S else "FAIL"
        print(f"{verdict}: target under {TARGET_S * 1000:.0f} ms")
        _paint(services)
        services.close()


def _paint(services: object) -> None:
    """The view built and painted offscreen, for comparison (needs PySide6)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return
    from deepdive.ui.learning.view import LearningView

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    view = LearningView(services)  # type: ignore[arg-type]
    view.show()
    view.grab()
    app.processEvents()
    print(
        f"Learning view opened and painted offscreen: {(time.perf_counter() - start) * 1000:.0f} ms"
    )
    view.close()


if __name__ == "__main__":
    main()
