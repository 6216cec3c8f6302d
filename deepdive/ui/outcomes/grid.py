"""The outcome rows, laid out to fit the width the tab has.

Wide enough (a laptop at the usual font size), each domain is one line: its name,
the value at the start and when, the latest value and when, under column headings.
Narrower (a large interface font, a small window), each domain takes three lines:
its name, then "At the start" with its value and date, then "Latest" with its value
and date. The tab then scrolls up and down, never sideways.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QStyle, QWidget

from deepdive.services.outcomes import OutcomeDomain
from deepdive.ui.cases.case_overview_panel import FieldMessage
from deepdive.ui.outcomes.fields import TypedOutcome, ValueBox, date_box

SPACING = 10
LABEL_CHARACTERS = 18  # the domain names wrap onto two or three lines of about this


class OutcomeRow:
    """The widgets of one domain: two values, two dates, and a message under them."""

    def __init__(self, domain: OutcomeDomain, parent: QWidget) -> None:
        self.domain = domain
        start, latest = parent.tr("at the start"), parent.tr("latest")
        self.label = QLabel(parent.tr(domain.label), parent)
        self.label.setWordWrap(True)
        self.start = ValueBox(domain, start, parent)
        self.start_on = date_box(domain, start, parent)
        self.latest = ValueBox(domain, latest, parent)
        self.latest_on = date_box(domain, latest, parent)
        self.message = FieldMessage(parent)
        self.label.setBuddy(self.start)
        # Captions of the narrow arrangement (the wide one has column headings).
        self.start_caption = QLabel(parent.tr("At the start"), parent)
        self.latest_caption = QLabel(parent.tr("Latest"), parent)

    def typed(self) -> TypedOutcome:
        """What the row shows now."""
        return TypedOutcome(
            self.start.text(), self.start_on.text(), self.latest.text(), self.latest_on.text()
        )

    def show(self, typed: TypedOutcome, *, force: bool) -> None:
        """Show stored values; unless ``force``, a box the keyboard is in is spared."""
        self.start.set_text(typed.start, force=force)
        self.latest.set_text(typed.latest, force=force)
        for box, text in ((self.start_on, typed.start_on), (self.latest_on, typed.latest_on)):
            if (force or not box.hasFocus()) and box.text() != text:
                box.setText(text)

    def focus_chain(self) -> list[QWidget]:
        """The row's fields in reading order."""
        return [self.start, self.start_on, self.latest, self.latest_on]


class OutcomeGrid(QWidget):
    """Every domain's row, one line each when there is room, three lines when not.

    ``watch`` is the widget whose width decides (the scroll area the grid is in).
    """

    def __init__(self, watch: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._watch = watch
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(SPACING)
        self._grid.setVerticalSpacing(4)
        self.headings = [
            QLabel(f"<b>{title}</b>", self)
            for title in (
                self.tr("At the start"),
                self.tr("Measured on"),
                self.tr("Latest"),
                self.tr("Measured on"),
            )
        ]
        self.rows: dict[OutcomeDomain, OutcomeRow] = {
            domain: OutcomeRow(domain, self) for domain in OutcomeDomain
        }
        self.wide: bool | None = None
        self.side_margins = 0  # the margins of the page the grid is on, left and right
        watch.installEventFilter(self)
        self.arrange(wide=True)

    # ------------------------------------------------------------------ width
    def wide_width(self) -> int:
        """The width the one-line-per-domain arrangement needs, in the current font."""
        label = self.fontMetrics().averageCharWidth() * LABEL_CHARACTERS
        columns = zip(*(row.focus_chain() for row in self.rows.values()), strict=True)
        widest = [max(int(w.sizeHint().width()) for w in column) for column in columns]
        return int(label) + sum(widest) + 4 * SPACING

    def available_width(self) -> int:
        """The width the grid can have without the tab scrolling sideways."""
        # Taken as if the vertical scroll bar were showing, so that it appearing or
        # going away never flips the arrangement back and forth.
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return self._watch.width() - scroll_bar - self.side_margins - 4

    def fit(self) -> None:
        """Choose the arrangement for the width there is."""
        wanted = self.available_width() >= self.wide_width()
        if wanted != self.wide:
            self.arrange(wide=wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watch and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()

    # ----------------------------------------------------------------- layout
    def arrange(self, *, wide: bool) -> None:
        """Lay the rows out on one line each (``wide``) or on three lines each."""
        grid = self._grid
        while grid.count():
            grid.takeAt(0)
        for column in range(5):
            grid.setColumnStretch(column, 0)
            grid.setColumnMinimumWidth(column, 0)
        for heading in self.headings:
            heading.setVisible(wide)
        for row in self.rows.values():
            row.start_caption.setVisible(not wide)
            row.latest_caption.setVisible(not wide)
            # Narrow, the name heads its two lines: bold, with a little room above it.
            name = html.escape(self.tr(row.domain.label))
            row.label.setText(name if wide else f"<b>{name}</b>")
            row.label.setContentsMargins(0, 0 if wide else 6, 0, 0)
        if wide:
            self._arrange_wide()
        else:
            self._arrange_narrow()
        self.wide = wide
        grid.invalidate()

    def _arrange_wide(self) -> None:
        grid = self._grid
        for column, heading in enumerate(self.headings, start=1):
            grid.addWidget(heading, 0, column)
        for number, row in enumerate(self.rows.values()):
            line = 1 + 2 * number
            grid.addWidget(row.label, line, 0)
            for column, widget in enumerate(row.focus_chain(), start=1):
                grid.addWidget(widget, line, column, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(row.message, line + 1, 1, 1, 4)
        # The names take what is left and wrap; the boxes keep their own widths.
        grid.setColumnMinimumWidth(0, self.fontMetrics().averageCharWidth() * LABEL_CHARACTERS)
        grid.setColumnStretch(0, 1)

    def _arrange_narrow(self) -> None:
        grid = self._grid
        for number, row in enumerate(self.rows.values()):
            line = 4 * number
            grid.addWidget(row.label, line, 0, 1, 3)
            grid.addWidget(row.start_caption, line + 1, 0)
            grid.addWidget(row.start, line + 1, 1, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(row.start_on, line + 1, 2, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(row.latest_caption, line + 2, 0)
            grid.addWidget(row.latest, line + 2, 1, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(row.latest_on, line + 2, 2, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(row.message, line + 3, 0, 1, 3)
        grid.setColumnStretch(2, 1)
