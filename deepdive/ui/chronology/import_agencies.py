"""The import dialog's agency step: what to do with each agency name the workspace lacks.

Each name the file uses that the workspace does not know gets a row: add it to the
workspace's agency list as it is, or take it as one of the workspace's own agencies.
A close match (initials such as "NWD", the usual abbreviations, a near spelling) is
chosen to begin with and marked, so the user only checks; nothing is written until
the whole import is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from deepdive.importing.agencies import name_key

_NEW = ""  # the item data of "add as a new agency"


class AgencyMappingBox(QGroupBox):
    """One row per unknown agency name: add it as new, or map it (see the module)."""

    changed = Signal()

    def __init__(
        self,
        agencies: Sequence[str],
        suggest: Callable[[str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Agencies this workspace does not have yet"), parent)
        self._agencies = tuple(agencies)
        self._suggest = suggest
        self._names: list[str] = []
        self._choices: dict[str, QComboBox] = {}
        self._remembered: dict[str, str] = {}
        inner = QWidget(self)
        self._grid = QGridLayout(inner)
        self._grid.setColumnStretch(2, 1)
        # A file may name many agencies: they scroll, and the preview keeps its room.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setMaximumHeight(170)
        outer = QVBoxLayout(self)
        self._lead = QLabel(
            self.tr(
                "Choose an agency of yours for each name, or add the name to your agency "
                "list as it is. Nothing is saved until you import."
            ),
            self,
        )
        self._lead.setWordWrap(True)
        outer.addWidget(self._lead)
        outer.addWidget(scroll)
        self.setAccessibleName(self.title())
        self.hide()

    def sync(self, unknown: Sequence[str]) -> bool:
        """Show a row for each of these names (keeping choices already made); True if the
        rows changed, so the caller checks the rows again with the new choices."""
        names = list(dict.fromkeys(unknown))
        if [name_key(n) for n in names] == [name_key(n) for n in self._names]:
            return False
        for key, choice in self._choices.items():
            self._remembered[key] = str(choice.currentData())
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._names = names
        self._choices = {}
        for row, name in enumerate(names):
            self._add_row(row, name)
        self.setVisible(bool(names))
        return True

    def _add_row(self, row: int, name: str) -> None:
        parent = self._grid.parentWidget()
        theirs = QLabel(name, parent)
        choice = QComboBox(parent)
        choice.setAccessibleName(self.tr("Agency for {name}").format(name=name))
        choice.addItem(self.tr("Add “{name}” as a new agency").format(name=name), _NEW)
        choice.insertSeparator(1)
        for agency in self._agencies:
            choice.addItem(agency, agency)
        suggested = self._suggest(name)
        hint = QLabel(parent)
        hint.setObjectName("quietHint")
        if suggested is not None:
            hint.setText(self.tr("close match: {agency}").format(agency=suggested))
        wanted = self._remembered.get(name_key(name), suggested or _NEW)
        choice.setCurrentIndex(max(0, choice.findData(wanted)))
        choice.currentIndexChanged.connect(self.changed)
        theirs.setBuddy(choice)
        self._grid.addWidget(theirs, row, 0)
        self._grid.addWidget(choice, row, 1)
        self._grid.addWidget(hint, row, 2)
        self._choices[name_key(name)] = choice

    def names(self) -> list[str]:
        """The unknown names shown, in the order the file first uses them."""
        return list(self._names)

    def choice(self, name: str) -> str | None:
        """The workspace's agency chosen for ``name``; None: it is added as new."""
        data = self._choices[name_key(name)].currentData()
        return str(data) if data else None

    def choose(self, name: str, agency: str | None) -> None:
        """Take ``name`` as the workspace's ``agency`` (None: add it as new)."""
        choice = self._choices[name_key(name)]
        choice.setCurrentIndex(choice.findData(agency or _NEW))

    def mapping(self) -> dict[str, str]:
        """{the file's name: the workspace's agency} for every name not added as new."""
        return {name: agency for name in self._names if (agency := self.choice(name))}
