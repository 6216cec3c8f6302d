"""Start-up time: DeepDive's main window on a 1,000-case workspace vs a bare PySide6 window.

Run: python benchmarks/startup.py [--cases 1000] [--runs 7]

Each run is a fresh Python process (imports included), timed from just before the
process starts until the window has been shown, the workspace opened and the case list
filled, and the event loop has painted once. Prints the median of each and the ratio.
Target (PRODUCT.md): under 1.5 s, and no more than 3x the bare window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

# The same steps as deepdive.ui.shell.app.run_app: the window paints; on the first turn of
# the event loop the case list appears from a quick look while the database layer and
# screens load in the background; then the workspace opens fully. Prints the
# wall-clock moments at which the window was painted, the case list was on screen,
# and the workspace was open (a case can be opened; each tab is built when first shown).
DEEPDIVE = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from deepdive.ui.shell.app import compose, create_application
app = create_application()
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = compose(app, settings)
window.show()
window.show_opening()
app.processEvents()
moments = [time.time()]
def listed():
    from deepdive.ui.cases.case_list_panel import CaseListPanel
    lists = window.findChildren(CaseListPanel)
    return bool(lists) and lists[0].model.rowCount() == int(sys.argv[3])
def watch():
    if len(moments) == 1 and listed():
        app.processEvents()
        moments.append(time.time())
    if window.view is not None:
        assert window.view.case_list.model.rowCount() == int(sys.argv[3])
        app.processEvents()
        if len(moments) == 1:
            moments.append(time.time())
        moments.append(time.time())
        print(*moments)
        app.quit()
        return
    QTimer.singleShot(1, watch)
QTimer.singleShot(0, lambda: (window.begin_opening(Path(sys.argv[1])), watch()))
app.exec()
"""


def build_workspace(path: Path, cases: int) -> None:
    """A workspace with ``cases`` cases, each with a little text, made through the services."""
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    services = Services.for_workspace(open_workspace(path))
    try:
        for n in range(cases):
            services.cases.create(
                f"DD-{2000 + n // 100}-{n % 100:03d}",
                f"Young person {n}",
                status=("draft", "in_review", "final")[n % 3],
                summary="A short summary of the case. " * 5,
                tags=["edge of care"] if n % 2 else ["missing episodes"],
            )
    finally:
        services.close()


def time_process(code: str, *args: str) -> tuple[float, ...]:
    """Seconds from launching a fresh interpreter running ``code`` to its end, and to
    each moment it prints (as ``time.time()`` values on its last line)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, env=env, capture_output=True, text=True
    )
    end = time.time() - start
    lines = done.stdout.strip().splitlines()
    moments = [float(m) - start for m in lines[-1].split()] if lines else []
    return (end, *moments)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "bench.deepdive"
        settings = Path(folder) / "settings.ini"
        started = time.perf_counter()
        build_workspace(workspace, options.cases)
        print(f"built a {options.cases}-case workspace in {time.perf_counter() - started:.1f} s")
        time_process(BARE)  # warm the file cache for both
        time_process(DEEPDIVE, str(workspace), str(settings), str(options.cases))
        bare, shown, listed, ready = [], [], [], []
        for _ in range(options.runs):
            bare.append(time_process(BARE)[0])
            _end, window_painted, list_shown, all_ready = time_process(
                DEEPDIVE, str(workspace), str(settings), str(options.cases)
            )
            shown.append(window_painted)
            listed.append(list_shown)
            ready.append(all_ready)
    b = statistics.median(bare)
    s, d, r = statistics.median(shown), statistics.median(listed), statistics.median(ready)
    n = options.runs
    print(f"bare PySide6 window, start to exit:            {b:.3f} s (median of {n})")
    print(f"DeepDive main window painted:                  {s:.3f} s (median of {n})")
    print(f"DeepDive, {options.cases} cases listed on screen:      {d:.3f} s (median of {n})")
    print(f"DeepDive, workspace open, cases can be opened: {r:.3f} s (median of {n})")
    print(f"ratio, cases listed / bare window:             {d / b:.2f}x (target: < 3x)")
    print(f"ratio, workspace open / bare window:           {r / b:.2f}x (target: < 1.5 s)")


if __name__ == "__main__":
    main()
