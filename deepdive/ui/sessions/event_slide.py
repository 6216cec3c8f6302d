"""One chronology event as the room reads it: date and age large, then what happened.

The projector shows it across the wall while the room walks the chronology; the
facilitator's laptop shows the same event smaller. The young person's own words
have a place of their own (large, in quotation marks, set apart by a bar), so they
are never lost among the professionals' words. Type shrinks, step by step, only as
far as a long entry needs to fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from deepdive.domain.ages import BirthMonth, age_at
from deepdive.domain.dates import DateError
from deepdive.text.markdown import markdown_to_html

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

# Sizes relative to the slide's unit (which follows the slide's height); the unit
# shrinks by steps when a long entry would not fit.
_SIZES = {
    "position": 0.8,
    "key": 0.9,
    "date": 1.9,
    "age": 1.25,
    "where": 0.9,
    "body": 1.0,
    "voice": 1.15,
    "caption": 0.85,
}
_SHRINK = 0.88
_SHRINK_STEPS = 7


def age_line(birth: BirthMonth | None, event: EventInfo) -> str:
    """The young person's age at the event as the room reads it ("Age 11y 10m")."""
    if birth is None:
        return ""
    try:
        age = age_at(birth, event.span.start)
    except DateError:
        return ""
    text = age.display()
    return text[:1].upper() + text[1:] if age.before_birth else f"Age {text}"


def where_line(event: EventInfo, people: dict[int, str]) -> str:
    """Domain, source and who was involved: "Education · from Education · with SW1"."""
    parts = [event.category[:1].upper() + event.category[1:]]
    parts.append(f"from {event.agency}" if event.agency else "no source recorded")
    names = [people[p] for p in event.people if p in people]
    if names:
        parts.append("with " + ", ".join(names))
    return " · ".join(parts)


class EventSlide(QWidget):
    """Shows one event; ``fit`` shrinks its type to fit the slide (on the projector)."""

    def __init__(self, parent: QWidget | None = None, *, fit: bool = True) -> None:
        super().__init__(parent)
        self._fit = fit
        if fit:
            # The slide takes the room it is given and fits its type to it; its text
            # never asks the window for more (which would squeeze the timeline).
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self._base_unit = max(9.0, self.font().pointSizeF())
        self.position = self._label("slidePosition")
        self.key = self._label("slideKey")
        self.date = self._label("slideDate")
        self.age = self._label("slideAge")
        self.where = self._label("slideWhere")
        self.what = self._label("slideWhat", markdown=True)
        self.voice_caption = self._label("slideCaption")
        self.voice = self._label("slideVoice")
        self.significance_caption = self._label("slideCaption")
        self.significance = self._label("slideText", markdown=True)
        self.outcome_caption = self._label("slideCaption")
        self.outcome = self._label("slideText", markdown=True)
        self.empty = self._label("slideWhere")
        for one_line in (self.position, self.key, self.date, self.age):
            one_line.setWordWrap(False)
        self.voice_box = QFrame(self)
        self.voice_box.setObjectName("slideVoiceBox")
        bar = QFrame(self.voice_box)
        bar.setObjectName("slideVoiceBar")
        bar.setFixedWidth(6)
        bar.setStyleSheet("background: #4f8a8b; border-radius: 3px;")  # the projector's teal
        voice_text = QVBoxLayout()
        voice_text.setSpacing(2)
        voice_text.addWidget(self.voice_caption)
        voice_text.addWidget(self.voice)
        voice_row = QHBoxLayout(self.voice_box)
        voice_row.setContentsMargins(0, 4, 0, 4)
        voice_row.setSpacing(16)
        voice_row.addWidget(bar)
        voice_row.addLayout(voice_text, 1)

        head = QHBoxLayout()
        head.addWidget(self.position, 1)
        head.addWidget(self.key, 0, Qt.AlignmentFlag.AlignRight)
        when = QHBoxLayout()
        when.setSpacing(28)
        when.addWidget(self.date, 0, Qt.AlignmentFlag.AlignBottom)
        when.addWidget(self.age, 1, Qt.AlignmentFlag.AlignBottom)
        layout = self._column = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addLayout(when)
        layout.addWidget(self.where)
        layout.addSpacing(6)
        layout.addWidget(self.what)
        layout.addWidget(self.voice_box)
        layout.addWidget(self.significance_caption)
        layout.addWidget(self.significance)
        layout.addWidget(self.outcome_caption)
        layout.addWidget(self.outcome)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.show_event(None, "", {}, "")

    def _label(self, name: str, markdown: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        # Markdown goes through the app's own renderer (raw HTML escaped, nesting bounded),
        # as in every preview; plain text stays plain.
        label.setTextFormat(Qt.TextFormat.RichText if markdown else Qt.TextFormat.PlainText)
        label.setProperty("markdown", markdown)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        return label

    def show_event(
        self,
        event: EventInfo | None,
        position: str,
        people: dict[int, str],
        pseudonym: str,
        birth: BirthMonth | None = None,
    ) -> None:
        """Show ``event`` ("Event 3 of 41" as ``position``); None shows that there is none."""
        self.position.setText(position)
        self.empty.setVisible(event is None)
        if event is None:
            self._show_none()
            return
        who = pseudonym or self.tr("the young person")
        self.key.setText(self.tr("★ Key practice episode"))
        self.key.setVisible(event.key_episode)
        self.date.setText(event.span.display())
        self.age.setText(age_line(birth, event))
        self.where.setText(where_line(event, people))
        self.what.setText(
            markdown_to_html(event.description.strip() or self.tr("(nothing written yet)"))
        )
        self._show_captioned(event, who)
        for part in (self.date, self.age, self.where, self.what):
            part.show()
        self.setAccessibleDescription(
            " — ".join(
                t
                for t in (self.date.text(), self.age.text(), self.where.text(), event.description)
                if t
            )
        )
        self._apply_fonts()

    def _show_none(self) -> None:
        for part in (
            self.key,
            self.date,
            self.age,
            self.where,
            self.what,
            self.voice_box,
            self.significance_caption,
            self.significance,
            self.outcome_caption,
            self.outcome,
        ):
            part.hide()
        self.empty.setText(self.tr("No events to walk: the chronology (or this filter) is empty."))

    def _show_captioned(self, event: EventInfo, who: str) -> None:
        """The young person's words, what it meant and what happened next, each under
        its caption, and hidden when nothing was written."""
        for label, caption, text, title in (
            (self.voice, self.voice_caption, event.voice, self.tr("In {who}'s words")),
            (
                self.significance,
                self.significance_caption,
                event.significance,
                self.tr("What it meant for {who}"),
            ),
            (self.outcome, self.outcome_caption, event.outcome, self.tr("What happened next")),
        ):
            caption.setText(title.format(who=who))
            if label is self.voice:
                label.setText(f"“{text.strip()}”")
            else:
                label.setText(markdown_to_html(text.strip()) if text.strip() else "")
            shown = bool(text.strip())
            caption.setVisible(shown)
            label.setVisible(shown)
        self.voice_box.setVisible(bool(event.voice.strip()))

    # ----------------------------------------------------------------- sizing
    def set_unit(self, unit: float) -> None:
        """The body text's size in points; with ``fit`` the slide shrinks it if needed."""
        self._base_unit = unit
        self._apply_fonts()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        unit = self._base_unit
        for _ in range(_SHRINK_STEPS):
            self._set_fonts(unit)
            if not self._fit or self._needed_height() <= self.height():
                return
            unit *= _SHRINK

    def _needed_height(self) -> int:
        """The height the event needs at the current type size, worked out label by
        label (a layout's own answer lags behind while fonts and visibility change)."""
        width = max(1, self.width())

        def tall(label: QLabel, room: int = width) -> int:
            if label.isHidden():
                return 0
            height = label.heightForWidth(room)
            return height if height > 0 else label.sizeHint().height()

        rows = [
            max(tall(self.position), tall(self.key)),
            max(self.date.sizeHint().height(), self.age.sizeHint().height()),
            tall(self.where),
            tall(self.what),
        ]
        if not self.voice_box.isHidden():
            room = width - 6 - 16  # the bar and the space beside it
            rows.append(tall(self.voice_caption, room) + 2 + tall(self.voice, room) + 8)
        rows += [
            tall(self.significance_caption),
            tall(self.significance),
            tall(self.outcome_caption),
            tall(self.outcome),
            tall(self.empty),
        ]
        shown = [r for r in rows if r > 0]
        needed = sum(shown) + self._column.spacing() * (len(shown) - 1) + 6
        # The date and age stay on one line: too wide counts as too tall.
        line = self.date.sizeHint().width() + 28 + self.age.sizeHint().width()
        return needed if line <= width else max(needed, self.height() + 1)

    def _set_fonts(self, unit: float) -> None:
        for label, role, bold, italic in (
            (self.position, "position", False, False),
            (self.key, "key", True, False),
            (self.date, "date", True, False),
            (self.age, "age", False, False),
            (self.where, "where", False, False),
            (self.what, "body", False, False),
            (self.voice, "voice", False, True),
            (self.voice_caption, "caption", True, False),
            (self.significance_caption, "caption", True, False),
            (self.significance, "body", False, False),
            (self.outcome_caption, "caption", True, False),
            (self.outcome, "body", False, False),
            (self.empty, "where", False, False),
        ):
            font = QFont(label.font())
            font.setPointSizeF(unit * _SIZES[role])
            font.setBold(bold)
            font.setItalic(italic)
            label.setFont(font)
        self._column.invalidate()
