"""The tabs that show one case: Overview, and the panels later capabilities add.

Each tab is a :class:`CasePanel`. Only the visible tab is given the case at once;
the others catch up when they are shown, so a 10,000-event chronology is not read
while the user is looking at the overview. A tab added with a factory is not even
built until it is first needed, so opening a workspace builds one screen, not all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from deepdive.services.results import CaseDetail


class CasePanel(Protocol):
    """What a tab in the case area must offer."""

    def show_case(self, case: CaseDetail | None) -> None:
        """Show this case (None: nothing selected). Save pending edits first."""

    def flush(self) -> bool:
        """Save pending edits now; False if they could not be saved."""


class CaseTabs(QTabWidget):
    """A tab widget whose pages follow the selected case."""

    panel_built = Signal(object)  # a panel added with a factory has just been built

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self._panels: list[CasePanel | None] = []  # None: not built yet
        self._factories: dict[int, Callable[[], CasePanel]] = {}
        self._shown: dict[int, int | None] = {}
        self._case: CaseDetail | None = None
        self.currentChanged.connect(self._on_current_changed)

    def add_panel(self, panel: CasePanel, title: str) -> None:
        """Add a page for ``panel`` (a QWidget that is a CasePanel)."""
        assert isinstance(panel, QWidget)
        self._panels.append(panel)
        self.addTab(panel, title)

    def add_lazy_panel(self, factory: Callable[[], CasePanel], title: str) -> int:
        """Add a page whose panel ``factory`` builds when it is first needed; its index."""
        index = self.addTab(QWidget(self), title)
        self._panels.append(None)
        self._factories[index] = factory
        return index

    def panel(self, index: int) -> CasePanel:
        """The panel of page ``index``, built now if it has not been yet."""
        built = self._panels[index]
        if built is not None:
            return built
        panel = self._factories.pop(index)()
        assert isinstance(panel, QWidget)
        self._panels[index] = panel
        placeholder = self.widget(index)
        title, current = self.tabText(index), self.currentIndex()
        blocked = self.blockSignals(True)  # the same page stays current: no change to report
        try:
            self.removeTab(index)
            self.insertTab(index, panel, title)
            self.setCurrentIndex(current)
        finally:
            self.blockSignals(blocked)
        if placeholder is not None:
            placeholder.deleteLater()
        self.panel_built.emit(panel)
        return panel

    def built_panels(self) -> list[CasePanel]:
        """The panels built so far."""
        return [panel for panel in self._panels if panel is not None]

    def show_case(self, case: CaseDetail | None) -> None:
        """Show ``case`` in the visible tab now and in the others when they are opened."""
        self.flush()
        self._case = case
        self._shown.clear()
        self._bring_current_up_to_date()

    def flush(self) -> bool:
        """Save pending edits in every tab; False if any could not be saved."""
        return all([panel.flush() for panel in self.built_panels()])

    def reveal(self, kind: object, item_id: int) -> bool:
        """Switch to the first tab that can show this item, and show it there.

        A panel takes part by having ``reveal_item(kind, item_id) -> bool`` (kind is a
        :class:`deepdive.services.search.SearchKind`).
        """
        for index in range(len(self._panels)):
            reveal = getattr(self.panel(index), "reveal_item", None)
            if reveal is None:
                continue
            self.setCurrentIndex(index)
            if reveal(kind, item_id):
                return True
        return False

    def _on_current_changed(self, _index: int) -> None:
        self._bring_current_up_to_date()

    def _bring_current_up_to_date(self) -> None:
        index = self.currentIndex()
        if index < 0:
            return
        wanted = self._case.id if self._case else None
        if index in self._shown and self._shown[index] == wanted:
            return
        self.panel(index).show_case(self._case)
        self._shown[index] = wanted
