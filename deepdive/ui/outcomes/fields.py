"""The input widgets of one outcome domain's row, and reading them as values to save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from deepdive.domain.dates import DateError, FuzzyDate
from deepdive.domain.uk_dates import parse_uk_date
from deepdive.services.errors import ValidationError
from deepdive.services.outcomes import (
    ACCOMMODATION_TYPES,
    ETE_STATES,
    RISK_LEVELS,
    SCORE_MAX,
    OutcomeDomain,
    OutcomeInfo,
    ValueKind,
)

CHOICES = {
    ValueKind.PLACE: ACCOMMODATION_TYPES,
    ValueKind.LEVEL: RISK_LEVELS,
    ValueKind.ETE: ETE_STATES,
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutcomeFields", text)


class FittedLineEdit(QLineEdit):
    """A text box as wide as a sample of what it holds, in the current font.

    A date or a count needs no more room than its longest likely text; sized from
    the font, the box stays right at any interface font size (200% and all).
    """

    def __init__(self, sample: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sample = sample
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        text = max(self.sample, self.placeholderText(), key=metrics.horizontalAdvance)
        # Room for the frame and the text margins either side of the text.
        width = metrics.horizontalAdvance(text) + metrics.averageCharWidth() * 2 + 8
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


@dataclass(frozen=True)
class TypedOutcome:
    """One row as typed: the texts of its four boxes (taken when typed, saved later)."""

    start: str = ""
    start_on: str = ""
    latest: str = ""
    latest_on: str = ""

    @property
    def empty(self) -> bool:
        """Whether nothing is filled in (the domain is then not recorded)."""
        return not any(t.strip() for t in (self.start, self.start_on, self.latest, self.latest_on))


def measured_day(domain: OutcomeDomain, text: str, which: str) -> date | None:
    """A typed measurement date (14/03/2022, 2022-03-14, Mar 2022) as a day; None if empty.

    Raises ValidationError naming the domain and what is wrong.
    """
    typed = " ".join(text.split())
    if not typed:
        return None
    try:
        try:
            when = FuzzyDate.parse(typed)
        except DateError:
            when = parse_uk_date(typed)
    except DateError as exc:
        raise ValidationError(f"{domain.label}, {which}: {exc}", which) from None
    return when.earliest()


def shown_day(day: date | None) -> str:
    """A stored measurement date as the box shows it."""
    return f"{day:%d/%m/%Y}" if day else ""


class ValueBox(QWidget):
    """A value in one domain: a list to choose from, or a number to type."""

    edited = Signal()  # typed into (save after a pause)
    chosen = Signal()  # picked from the list (save at once)

    def __init__(self, domain: OutcomeDomain, when: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.domain = domain
        name = _tr("{domain}, {when}").format(domain=domain.label, when=when)
        options = CHOICES.get(domain.kind)
        self.combo: QComboBox | None = None
        self.line: QLineEdit | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if options is not None:
            combo = self.combo = QComboBox(self)
            combo.addItem(_tr("— not recorded —"), "")
            for option in options:
                combo.addItem(option[:1].upper() + option[1:], option)
            combo.setAccessibleName(name)
            # Long choices ("not in education, employment or training") must not
            # widen the tab beyond a laptop screen; the open list shows them whole.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            # As wide as that, not as wide as the column: the page must fit a laptop.
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            # A long choice is cut short in the box; its tooltip says it whole.
            combo.currentIndexChanged.connect(lambda _i: combo.setToolTip(combo.currentText()))
            combo.activated.connect(lambda _i: self.chosen.emit())
            layout.addWidget(combo)
            self.setFocusProxy(combo)
        else:
            line = self.line = FittedLineEdit("00000", self)
            line.setAccessibleName(name)
            line.setPlaceholderText(
                _tr("0–{top}").format(top=SCORE_MAX)
                if domain.kind is ValueKind.SCORE
                else _tr("number")
            )
            line.setToolTip(domain.hint[:1].upper() + domain.hint[1:])
            line.textEdited.connect(lambda _t: self.edited.emit())
            layout.addWidget(line)
            layout.addStretch(1)
            self.setFocusProxy(line)

    def text(self) -> str:
        """The value as typed or chosen ("" for not recorded)."""
        if self.combo is not None:
            return str(self.combo.currentData() or "")
        assert self.line is not None
        return self.line.text()

    def set_text(self, value: str, *, force: bool = True) -> None:
        """Show a stored value (unless ``force`` is off and the keyboard is in the box)."""
        if self.combo is not None:
            index = self.combo.findData(value)
            if index < 0 and value:  # a value from an older list: keep it visible
                self.combo.addItem(value, value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(max(0, index))
        elif (
            self.line is not None
            and self.line.text() != value
            and (force or not self.line.hasFocus())
        ):
            self.line.setText(value)


def date_box(domain: OutcomeDomain, when: str, parent: QWidget) -> QLineEdit:
    """A box for the date a value was measured."""
    box = FittedLineEdit("00/00/0000", parent)
    box.setAccessibleName(
        _tr("{domain}, {when}, date measured").format(domain=domain.label, when=when)
    )
    box.setPlaceholderText(_tr("dd/mm/yyyy"))
    return box


def typed_from(info: OutcomeInfo | None) -> TypedOutcome:
    """A stored outcome as the row shows it."""
    if info is None:
        return TypedOutcome()
    return TypedOutcome(
        info.start_value,
        shown_day(info.start_measured_on),
        info.latest_value,
        shown_day(info.latest_measured_on),
    )
