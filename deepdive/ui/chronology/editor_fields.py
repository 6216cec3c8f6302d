"""The event editor's fields as values: shown from an event, read back for saving
(with the reason a value cannot be read), the date read as the records give it, and
the cast suggested as names are typed."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import QCompleter, QWidget

from deepdive.domain.ages import BirthMonth
from deepdive.domain.dates import DateError, DateSpan, FuzzyDate
from deepdive.services.errors import ValidationError
from deepdive.services.events import EventRow
from deepdive.services.results import CaseDetail
from deepdive.ui.chronology.display import age_text, canonical_date, shown_date, stored_end
from deepdive.ui.chronology.editor_form import EventForm

SPLIT = re.compile(r"\s*[,;]\s*")  # between names, and between tags


class EventFields(EventForm):
    """The form's fields, read and written as an event's values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case: CaseDetail | None = None
        self._birth: BirthMonth | None = None

    def _field_values(self, row: EventRow) -> dict[str, Any]:
        names = {p.id: p.pseudonym for p in self._case.people} if self._case else {}
        return {
            "date": shown_date(row.date_text),
            "end": shown_date(row.end_text) if row.end_text else "",
            "category": row.category,
            "agency": row.agency,
            "people": ", ".join(names.get(p, "?") for p in row.people),
            "tags": ", ".join(row.tags),
            "key_episode": row.key_episode,
            "description": row.description,
            "significance": row.significance,
            "voice": row.voice,
            "outcome": row.outcome,
        }

    def _widget(self, name: str) -> QWidget:
        if name in self.texts:
            return self.texts[name].editor
        widget = getattr(self, name)
        assert isinstance(widget, QWidget)
        return widget

    def _set_value(self, name: str, value: Any) -> None:
        if name in self.texts:
            if self.texts[name].markdown() != value:
                self.texts[name].set_markdown(value)
        elif name in ("category", "agency"):
            combo = self.category if name == "category" else self.agency
            combo.setCurrentIndex(max(0, combo.findData(value)))
        elif name == "key_episode":
            self.key_episode.setChecked(bool(value))
        else:
            edit = getattr(self, name)
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)  # show the start of a long list, not its end

    def _show_heading(self, row: EventRow) -> None:
        try:
            when = DateSpan.parse(row.date_text, row.end_text).display()
        except DateError:
            when = row.date_text
        age = age_text(self._birth, row.date_text)
        key = self.tr(" · key practice episode") if row.key_episode else ""
        self.heading.setText(f"{when}{' · ' + self.tr('age') + ' ' + age if age else ''}{key}")

    def _show_read_as(self) -> None:
        text = self.date.text().strip()
        if not text:
            self.read_as.setText(self.tr("Type it as the records give it."))
            return
        try:
            start = FuzzyDate.parse(canonical_date(text))
            end_value = self._end_value()
            span = DateSpan(start, None if end_value is None else FuzzyDate.parse(end_value))
        except DateError as exc:
            self.read_as.setText(self.tr("Not readable yet: {reason}").format(reason=exc))
            return
        age = age_text(self._birth, str(start))
        shown = span.display() + (f" · {self.tr('age')} {age}" if age else "")
        self.read_as.setText(self.tr("Read as {date}").format(date=shown))

    def _value(self, name: str) -> Any:
        """The field's value for saving; ValidationError names a field that cannot be read."""
        if name == "date":
            text = self.date.text().strip()
            if not text:
                raise ValidationError(self.tr("Give the date, even roughly (e.g. 2015)."), name)
            try:
                return canonical_date(text)
            except DateError as exc:
                raise ValidationError(str(exc), name) from None
        if name == "end":
            try:
                return self._end_value()
            except DateError as exc:
                raise ValidationError(str(exc), name) from None
        if name == "category":
            return self.category.currentData()
        if name == "agency":
            return self.agency.currentData()
        if name == "key_episode":
            return self.key_episode.isChecked()
        if name == "tags":
            return tuple(t for t in SPLIT.split(self.tags.text()) if t)
        if name == "people":
            return self._people_ids()
        return self.texts[name].markdown()

    def _end_value(self) -> str | None:
        """The end as stored (a period typed as the date gives it); raises DateError."""
        return stored_end(self.date.text(), self.end.text())

    def _people_ids(self) -> tuple[int, ...]:
        cast = {p.pseudonym.casefold(): p.id for p in self._case.people} if self._case else {}
        ids = []
        for name in SPLIT.split(self.people.text()):
            if not name:
                continue
            person = cast.get(name.casefold())
            if person is None:
                raise ValidationError(
                    self.tr("No one called '{name}' is in the cast; add them there first.").format(
                        name=name
                    ),
                    "people",
                )
            ids.append(person)
        return tuple(ids)

    def _suggest_people(self, text: str) -> None:
        typed = SPLIT.split(text)[-1].strip()
        if not typed:
            _hide_popup(self.people_completer)
            return
        self.people_completer.setCompletionPrefix(typed)
        if self.people_completer.completionCount() > 0:
            self.people_completer.complete()
        else:
            _hide_popup(self.people_completer)


def _hide_popup(completer: QCompleter) -> None:
    popup = completer.popup()
    if popup is not None:
        popup.hide()
