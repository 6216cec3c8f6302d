"""Pictures of DeepDive's screens, drawn offscreen from the fictional demo case.

    python scripts/screenshot.py [OUTPUT.png]
        docs/screenshot.png: the main window on DEMO-001's chronology (the README's picture)
    python scripts/screenshot.py --review FOLDER [--scale 2.0] [--themes light,dark]
        every main screen in each theme, for reviewing the look: the main window on
        Overview, Chronology (with the timeline), Sessions and Outcomes, the session
        runner, Search with results, Preferences, Export, Learning, About, the keyboard
        shortcuts and the guide; ``--scale`` multiplies the interface font size (2.0 is
        the 200% check).

The workspace and settings are temporary; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from deepdive.services import Services
    from deepdive.ui.shell.main_window import MainWindow

WINDOW_SIZE = (1360, 860)
DIALOG_SIZE = (900, 640)
SEARCH_TEXT = "school"


def main(argv: list[str] | None = None) -> int:
    """Draw the README picture, or every screen for review."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=Path("docs/screenshot.png"))
    parser.add_argument("--review", type=Path, metavar="FOLDER", help="every screen, here")
    parser.add_argument("--scale", type=float, default=1.0, help="font size multiplier")
    parser.add_argument("--themes", default="light,dark", help="comma-separated themes")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DEEPDIVE_DATA_DIR"] = folder
        if args.review is None:
            saved = [readme_picture(Path(folder), args.output)]
        else:
            themes = [t.strip() for t in args.themes.split(",") if t.strip()]
            saved = review_pictures(Path(folder), args.review, themes, args.scale)
    for path in saved:
        print(f"saved {path}")
    return 0


def settle(rounds: int = 8) -> None:
    """Let queued work (lazy tabs, the timeline after the table) and painting finish."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(15, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()


def open_demo_window(folder: Path) -> tuple[MainWindow, Services, int]:
    """The main window on a fresh workspace holding the demo case, DEMO-001 selected."""
    from PySide6.QtCore import QSettings

    from deepdive.demo import add_demo_case
    from deepdive.ui.shell.app import compose, create_application, open_services

    workspace = folder / "Team workspace.deepdive"
    services = open_services(workspace)
    demo = add_demo_case(services)
    services.close()
    app = create_application()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = compose(app, settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.open_workspace(workspace)
    assert window.view is not None and window.services is not None
    window.view.select_case(demo.id)
    settle()
    return window, window.services, demo.id


def readme_picture(folder: Path, output: Path) -> Path:
    """The main window on DEMO-001, for the README."""
    from PySide6.QtWidgets import QApplication

    window, _services, _case = open_demo_window(folder)
    view = window.view
    assert view is not None
    # The chronology with its timeline says at a glance what DeepDive is for.
    view.case_tabs.setCurrentWidget(view.chronology)
    settle()
    view.chronology.table.selectRow(14)
    settle()
    output.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(output))
    window.close()
    QApplication.processEvents()
    return output


def review_pictures(folder: Path, out: Path, themes: list[str], scale: float) -> list[Path]:
    """Every main screen in each of ``themes``, saved as PNGs in ``out``."""
    from PySide6.QtWidgets import QApplication

    from deepdive.ui.widgets.preferences import Theme

    window, services, case_id = open_demo_window(folder)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    base = app.font().pointSizeF()
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    suffix = "" if scale == 1.0 else f"-{round(scale * 100)}pct"
    for theme in themes:
        assert window.appearance is not None
        window.appearance.apply(Theme(theme), base * scale if scale != 1.0 else 0.0)
        settle()
        for name, draw in screens(window, services, case_id):
            path = out / f"{theme}{suffix}-{name}.png"
            picture = draw()
            picture.grab().save(str(path))
            if picture is not window:
                picture.close()
                picture.deleteLater()
            settle(2)
            saved.append(path)
    window.close()
    QApplication.processEvents()
    return saved


def screens(
    window: MainWindow, services: Services, case_id: int
) -> list[tuple[str, Callable[[], QWidget]]]:
    """(name, a function that shows the screen and returns the widget to grab)."""
    assert window.view is not None
    view = window.view

    def tab(index: int) -> Callable[[], QWidget]:
        def show() -> QWidget:
            view.case_tabs.setCurrentIndex(index)
            settle()
            return window

        return show

    def shown(widget: QWidget, size: tuple[int, int] = DIALOG_SIZE) -> QWidget:
        widget.resize(max(widget.sizeHint().width(), size[0]), size[1])
        widget.show()
        settle()
        return widget

    def runner() -> QWidget:
        panel = view.sessions
        session = services.sessions.list_sessions(case_id)[0]
        opened = panel.open_runner(session.id)
        assert opened is not None
        opened.showNormal()
        return shown(opened, WINDOW_SIZE)

    def search() -> QWidget:
        from deepdive.ui.search.search_dialog import SearchDialog

        dialog = SearchDialog(services.search, window)
        dialog.query.setText(SEARCH_TEXT)
        return shown(dialog, (760, 560))

    def preferences() -> QWidget:
        from deepdive.ui.shell.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(window.preferences, window)
        dialog.adjustSize()
        return shown(dialog, (dialog.sizeHint().width(), dialog.sizeHint().height()))

    def export() -> QWidget:
        from deepdive.ui.export.export_dialog import ExportDialog

        dialog = ExportDialog(
            services,
            services.cases.get(case_id),
            marking=window.preferences.marking,
            reference_doc=window.preferences.reference_doc,
            parent=window,
        )
        dialog.adjustSize()
        return shown(dialog, (dialog.sizeHint().width(), dialog.sizeHint().height()))

    def learning() -> QWidget:
        from deepdive.ui.learning.view import LearningView

        return shown(LearningView(services, window), WINDOW_SIZE)

    def sheet(make: Callable[[QWidget], QWidget]) -> Callable[[], QWidget]:
        return lambda: shown(make(window))

    from deepdive.ui.shell.help_dialogs import about_dialog, guide_dialog, shortcuts_dialog

    names = ["overview", "chronology", "sessions", "outcomes"]
    return [
        *(
            (names[i] if i < len(names) else f"tab{i}", tab(i))
            for i in range(view.case_tabs.count())
        ),
        ("runner", runner),
        ("search", search),
        ("preferences", preferences),
        ("export", export),
        ("learning", learning),
        ("about", sheet(about_dialog)),
        ("shortcuts", sheet(lambda parent: shortcuts_dialog(window.menuBar(), parent))),
        ("guide", sheet(guide_dialog)),
    ]


if __name__ == "__main__":
    sys.exit(main())
