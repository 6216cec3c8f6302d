"""The main window's chronology menu items, kept out of the window itself.

File ▸ Import chronology… and the Chronology menu work on the open workspace's
chronology tab, bringing it to the front first. Ctrl+E (new event) and F11 (present
the timeline) work from anywhere in the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QTabWidget, QWidget

from deepdive.ui.timeline.layout import LANES_BY_AGENCY, LANES_BY_CATEGORY
from deepdive.ui.widgets.menus import MenuSlots

if TYPE_CHECKING:
    # The tab (and the database layer behind it) loads with the first workspace, not
    # with the menu bar: the window paints sooner.
    from deepdive.ui.chronology.panel import ChronologyPanel

PanelGetter = Callable[[], "ChronologyPanel | None"]


class ChronologyActions:
    """Builds the actions; each finds the current chronology panel when triggered."""

    def __init__(self, window: QWidget, panel: PanelGetter) -> None:
        self._panel = panel
        self._window = window

        def action(text: str, slot: Callable[[ChronologyPanel], object], keys: str = "") -> QAction:
            item = QAction(text, window)
            if keys:
                item.setShortcut(QKeySequence(keys))
            item.triggered.connect(lambda _checked=False: self._run(slot))
            return item

        self.import_action = action(window.tr("Import c&hronology…"), lambda p: p.import_file())
        self.new_event_action = action(window.tr("&New event"), lambda p: p.new_event(), "Ctrl+E")
        self.duplicates_action = action(
            window.tr("Find &duplicates…"), lambda p: p.find_duplicates()
        )
        self.find_action = action(window.tr("&Find in chronology"), lambda p: p.focus_search())
        self.present_action = action(
            window.tr("&Present timeline"), lambda p: p.timeline.present(), "F11"
        )
        self.save_picture_action = action(
            window.tr("&Save timeline picture…"), lambda p: p.timeline.choose_picture_file()
        )
        lanes = QActionGroup(window)
        self.lanes_by_domain = QAction(window.tr("Timeline lanes by &domain"), lanes)
        self.lanes_by_agency = QAction(window.tr("Timeline lanes by &source agency"), lanes)
        for item, mode in (
            (self.lanes_by_domain, LANES_BY_CATEGORY),
            (self.lanes_by_agency, LANES_BY_AGENCY),
        ):
            item.setCheckable(True)
            item.triggered.connect(
                lambda _c=False, m=mode: self._run(lambda p: p.timeline.set_mode(m))
            )
        self.lanes_by_domain.setChecked(True)
        self.menu = QMenu(window.tr("C&hronology"), window)
        for item in (
            self.new_event_action,
            self.find_action,
            self.import_action,
            self.duplicates_action,
        ):
            self.menu.addAction(item)
        self.menu.addSeparator()
        self.menu.addAction(self.lanes_by_domain)
        self.menu.addAction(self.lanes_by_agency)
        self.menu.addAction(self.present_action)
        self.menu.addAction(self.save_picture_action)
        self.menu.aboutToShow.connect(self.update_enabled)

    def install(self, menus: MenuSlots) -> None:
        """File ▸ Import chronology…, and the Chronology menu on the bar."""
        menus.add_file_group([self.import_action], before_show=self.update_enabled)
        menus.add_menu(self.menu)

    def actions(self) -> list[QAction]:
        """The actions a menu enables only while a case is shown.

        New event (Ctrl+E) and Present (F11) stay enabled so their keys always work;
        without a case they do nothing.
        """
        return [
            self.import_action,
            self.duplicates_action,
            self.find_action,
            self.save_picture_action,
            self.lanes_by_domain,
            self.lanes_by_agency,
        ]

    def update_enabled(self) -> None:
        """Enable the actions while a case is shown."""
        panel = self._panel()
        has_case = panel is not None and _case_chosen(panel)
        for item in self.actions():
            item.setEnabled(has_case)
        if panel is not None:
            by_agency = panel.timeline.view.mode == LANES_BY_AGENCY
            (self.lanes_by_agency if by_agency else self.lanes_by_domain).setChecked(True)

    def _run(self, work: Callable[[ChronologyPanel], object]) -> None:
        panel = self._panel()
        if panel is None:
            return
        # The tab is brought forward first: tabs are given their case when shown.
        tabs = panel.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if isinstance(tabs, QTabWidget):
            tabs.setCurrentWidget(panel)
        if panel.case is not None:
            work(panel)


def _case_chosen(panel: ChronologyPanel) -> bool:
    """Whether a case is shown, or chosen and waiting for its tab to be opened."""
    if panel.case is not None:
        return True
    owner = panel.parentWidget()
    while owner is not None:
        selected = getattr(owner, "selected_case_id", None)
        if callable(selected):
            return selected() is not None
        owner = owner.parentWidget()
    return False
