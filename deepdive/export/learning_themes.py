"""The learning themes tagged on a case, and where each was tagged.

Themes are tagged on chronology events (in the chronology, or while the room walks
it) and on a session's answers. The case study lists each theme once, with every
place it was tagged, so what the room named in the moment is in the document.
"""

from __future__ import annotations

from deepdive.domain.episode_labels import first_sentence
from deepdive.export.dates import DatePresenter
from deepdive.export.model import CaseStudy
from deepdive.export.tables import grid_table
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import Format, paragraph, run

_MUTED = Format(italic=True, color="5B6573")


def theme_places(study: CaseStudy, dates: DatePresenter) -> dict[str, list[str]]:
    """Each theme (by name, in alphabetical order) with the places it was tagged."""
    places: dict[str, list[str]] = {}
    for event in study.events:
        for name in study.event_themes.get(event.id, ()):
            what = first_sentence(event.description)
            places.setdefault(name, []).append(f"{dates.span(event.span)}: {what}")
    for write_up in study.sessions:
        titles = {stage.id: stage.title for stage in write_up.template.stages}
        for stage_id, names in write_up.themes.items():
            where = f"{write_up.summary.title} · {titles.get(stage_id, stage_id)}"
            for name in names:
                places.setdefault(name, []).append(where)
    return dict(sorted(places.items(), key=lambda item: item[0].casefold()))


def learning_themes(doc: WordDocument, study: CaseStudy, dates: DatePresenter) -> str:
    """A "Learning themes" part: a table of each theme and where it was tagged."""
    md = doc.markdown
    places = theme_places(study, dates)
    out = [md.heading("Learning themes", 2)]
    if not places:
        out.append(paragraph(run("No learning themes have been tagged.", _MUTED)))
        return "".join(out)
    rows = [
        [md_escape(name), "\n".join(f"- {md_escape(place)}" for place in where)]
        for name, where in places.items()
    ]
    out.append(
        grid_table(
            md,
            ["Learning theme", "Where it was tagged"],
            rows,
            (28, 72),
            caption="Learning themes tagged on this case",
        )
    )
    return "".join(out)


def md_escape(text: str) -> str:
    """Plain text kept plain inside a Markdown cell."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)
