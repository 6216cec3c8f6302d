"""Which column of an agency's file holds which part of an event.

The command line guesses from the header names agencies commonly use (Date, Event,
Source, Agency, Significance, Outcome, …); the import dialog starts from the same
guess and lets the user change it. A column may be ignored. The text fields
(description, significance, voice, outcome), people and tags may take several
columns, joined in column order; the others take one column each.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum


class Field(StrEnum):
    """The parts of an event a column can fill."""

    DATE = "date"
    END = "end"
    CATEGORY = "category"
    AGENCY = "agency"
    PEOPLE = "people"
    DESCRIPTION = "description"
    SIGNIFICANCE = "significance"
    VOICE = "voice"
    OUTCOME = "outcome"
    KEY_EPISODE = "key_episode"
    TAGS = "tags"

    @property
    def label(self) -> str:
        """The field's name as the user reads it."""
        return FIELD_LABELS[self]

    @property
    def takes_many_columns(self) -> bool:
        """Whether several columns may be joined into this field."""
        return self in _MULTI


FIELD_LABELS = {
    Field.DATE: "Date",
    Field.END: "End date",
    Field.CATEGORY: "Domain",
    Field.AGENCY: "Source agency",
    Field.PEOPLE: "People involved",
    Field.DESCRIPTION: "What happened",
    Field.SIGNIFICANCE: "Significance / impact",
    Field.VOICE: "Young person's voice",
    Field.OUTCOME: "Outcome / action",
    Field.KEY_EPISODE: "Key practice episode",
    Field.TAGS: "Tags",
}
_MULTI = {
    Field.PEOPLE,
    Field.DESCRIPTION,
    Field.SIGNIFICANCE,
    Field.VOICE,
    Field.OUTCOME,
    Field.TAGS,
}

# Column index → field. Columns not in the mapping are ignored.
ColumnMapping = Mapping[int, Field]

# Whole header names, normalised (see _normal), in the words agencies use.
_EXACT: dict[str, Field] = {}
for _field, _names in {
    Field.DATE: "date, dates, event date, date of event, when, start date, date from, from, "
    "start, date started, date time, datetime, date of incident, incident date, "
    "date of contact, contact date, date recorded, date of entry",
    Field.END: "end date, date to, to, until, end, date ended, finish date, end of period, to date",
    Field.CATEGORY: "category, categories, domain, type, event type, type of event, theme, area",
    Field.AGENCY: "source, agency, source agency, recorded by, organisation, organization, "
    "service, source of information, information source, agency source, source agency, "
    "who recorded, author agency",
    Field.PEOPLE: "people, people involved, who, involved, persons involved, individuals, "
    "people present, who was involved, family members involved",
    Field.DESCRIPTION: "event, events, description, details, detail, event details, "
    "what happened, summary, narrative, entry, event description, incident, "
    "significant event, description of event, notes, note, information, content, "
    "chronology entry, event summary",
    Field.SIGNIFICANCE: "significance, impact, significance impact, impact on child, "
    "impact on young person, impact on the young person, impact on the child, analysis, "
    "why significant, significance and impact, impact significance, risk, risk analysis",
    Field.VOICE: "voice, young persons voice, childs voice, voice of the child, "
    "voice of the young person, views, childs views, young persons views, quote, "
    "what they said, yp voice, lived experience, child voice",
    Field.OUTCOME: "outcome, outcomes, action, actions, outcome action, action taken, "
    "actions taken, next steps, what happened next, response, outcome and action, "
    "outcome actions, result, action outcome",
    Field.KEY_EPISODE: "key, key episode, key practice episode, kpe, key event, "
    "key practice episodes",
    Field.TAGS: "tags, tag, keywords, labels",
}.items():
    for _name in _names.split(","):
        _EXACT.setdefault(_name.strip(), _field)

# Otherwise the first rule whose word starts a word of the header decides.
_WORDS: tuple[tuple[tuple[str, ...], Field], ...] = (
    (("voice", "views", "quote"), Field.VOICE),
    (("impact", "significan", "analysis"), Field.SIGNIFICANCE),
    (("outcome", "action", "next"), Field.OUTCOME),
    (("agency", "source", "organi"), Field.AGENCY),
    (("categor", "domain", "type"), Field.CATEGORY),
    (("people", "involved", "persons"), Field.PEOPLE),
    (("kpe",), Field.KEY_EPISODE),
    (("tag", "keyword"), Field.TAGS),
    (("event", "descri", "detail", "narrative", "summary", "happened", "note"), Field.DESCRIPTION),
)


def _normal(header: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", header.casefold().replace("'", "")).split())


def guess_field(header: str) -> Field | None:
    """The field a column with this header most likely holds, if any."""
    name = _normal(header)
    if name in _EXACT:
        return _EXACT[name]
    words = name.split()
    if "date" in words or "dates" in words or "when" in words:
        ending = {"end", "to", "until", "ended", "finish", "finished"}
        return Field.END if ending & set(words) else Field.DATE
    for starts, field in _WORDS:
        if any(word.startswith(start) for word in words for start in starts):
            return field
    return None


def guess_mapping(headers: tuple[str, ...]) -> dict[int, Field]:
    """A field for each column whose header is recognised (single fields once only)."""
    mapping: dict[int, Field] = {}
    for column, header in enumerate(headers):
        field = guess_field(header)
        if field is None:
            continue
        if not field.takes_many_columns and field in mapping.values():
            continue
        mapping[column] = field
    return mapping


def describe_mapping(headers: tuple[str, ...], mapping: ColumnMapping) -> str:
    """One line naming what each column became: "Date → Date, Event → What happened"."""
    used = [f"{headers[c]} → {mapping[c].label}" for c in sorted(mapping)]
    ignored = [headers[c] for c in range(len(headers)) if c not in mapping]
    text = ", ".join(used) if used else "no columns used"
    if ignored:
        text += f"; ignored: {', '.join(ignored)}"
    return text
