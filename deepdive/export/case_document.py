"""The case study as a Word document: cover, contents, summary, profile, chronology,
timeline, sessions, learning and actions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deepdive.domain.vocabulary import CaseStatus
from deepdive.export.chronology import chronology_table
from deepdive.export.date_wording import long_date
from deepdive.export.dates import DatePresenter
from deepdive.export.landscape import complete_breaks
from deepdive.export.learning_themes import learning_themes
from deepdive.export.model import CaseStudy
from deepdive.export.options import ExportOptions, Progress, Section
from deepdive.export.presented import present_study
from deepdive.export.session_writeup import actions_table, session_blocks
from deepdive.export.state import TocEntry
from deepdive.export.tables import bullet_items, details_table, grid_table
from deepdive.export.timeline_page import timeline_page
from deepdive.export.timeline_spec import TimelineDrawer, timeline_spec
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import (
    Format,
    ParaProps,
    TextReport,
    esc,
    field_runs,
    paragraph,
    run,
)
from deepdive.templates import ResponseKind

TimelinePicture = TimelineDrawer
STORY_HEADING = "The story of a life changed"  # under the summary: what changed, up front
_MUTED = Format(italic=True, color="5B6573")
_KICKER = Format(bold=True, small_caps=True, color="2F6B8A", size_half_points=26)
_NOTICE_FILL = "EEF2F6"
_PROFESSIONAL_ROLES_EXCLUDED = frozenset(
    {"young person", "parent", "step-parent", "grandparent", "sibling", "other family"}
)


@dataclass(frozen=True)
class _Steps:
    """Progress through the document: events count one each, every other part 100."""

    tell: Progress
    total: int

    def at(self, done: int, what: str) -> None:
        self.tell(done, self.total, what)


def write_case_study_docx(
    study: CaseStudy,
    options: ExportOptions,
    path: Path,
    *,
    timeline_png: TimelinePicture | None = None,
    progress: Progress | None = None,
) -> TextReport:
    """Write the case study to ``path`` as .docx; returns what had to be dropped.

    Every date in it comes from one :class:`DatePresenter` in the chosen date mode; the
    timeline picture is drawn by ``timeline_png`` from a spec whose strings are presented
    already (see :mod:`deepdive.export.timeline_spec`).
    """
    dates = DatePresenter.for_study(study, options)
    study = present_study(study, dates)
    steps = _Steps(
        progress or (lambda _done, _total, _what: None),
        len(study.events) + 100 * (len(study.sessions) + 3),
    )
    steps.at(0, "Preparing the document")
    doc = WordDocument(options.reference_doc)
    wanted = options.sections
    doc.add(_cover(doc, study, options, dates))
    toc_slot = len(doc.body)
    if Section.CONTENTS in wanted:
        doc.add("")  # filled in once every heading is known
    if Section.SUMMARY in wanted:
        doc.add(_summary(doc, study))
    if Section.PROFILE in wanted:
        doc.add(_profile(doc, study, dates))
    steps.at(100, "Writing the chronology")
    if Section.CHRONOLOGY in wanted:
        doc.add(_chronology(doc, study, dates, steps))
    if Section.TIMELINE in wanted:
        steps.at(100 + len(study.events), "Drawing the timeline")
        spec = timeline_spec(study.case, study.events, dates) if study.events else None
        doc.add(timeline_page(doc, study, spec, timeline_png))
    if Section.SESSIONS in wanted and study.sessions:
        later = Section.LEARNING in wanted
        doc.add(_sessions(doc, study, dates, steps, actions_listed_later=later))
    if Section.LEARNING in wanted:
        doc.add(_learning(doc, study, dates))
    if Section.CONTENTS in wanted:
        doc.body[toc_slot] = _contents(doc, doc.state.headings.entries)
    steps.at(steps.total - 50, "Finishing the document")
    doc.finish(
        title=study.title,
        marking=options.marking,
        label=f"{study.case.code} · Deep Dive case study",
    )
    complete_breaks(doc.document)  # the timeline's landscape page gets its page setup
    doc.save(path)
    steps.at(steps.total, "Done")
    return doc.state.report


def _summary(doc: WordDocument, study: CaseStudy) -> list[str]:
    """The summary, and the story of a life changed under it when there is one."""
    md = doc.markdown
    out = [md.heading("Summary", 1, page_break=True)]
    out += md.blocks(study.case.summary, base_level=1) or [_note("No summary has been written.")]
    if study.story.strip():
        out += [md.heading(STORY_HEADING, 2), *md.blocks(study.story, base_level=2)]
    return out


def _chronology(
    doc: WordDocument, study: CaseStudy, dates: DatePresenter, steps: _Steps
) -> list[str]:
    """The chronology's heading, what its dates mean, and its table."""
    md = doc.markdown
    out = [md.heading("Chronology", 1, page_break=True), _chronology_intro(study, dates)]
    if study.events:
        out.append(
            chronology_table(
                study.case,
                study.events,
                md,
                dates,
                progress=lambda n: steps.at(100 + n, "Writing the chronology"),
            )
        )
    return out


def _sessions(
    doc: WordDocument,
    study: CaseStudy,
    dates: DatePresenter,
    steps: _Steps,
    *,
    actions_listed_later: bool,
) -> list[str]:
    """Every reflective session written up, in order."""
    out = [doc.markdown.heading("Reflective sessions", 1, page_break=True)]
    events = {e.id: e for e in study.events}
    done = 200 + len(study.events)
    for write_up in study.sessions:
        steps.at(done, f"Writing up {write_up.summary.title}")
        out += session_blocks(
            doc, write_up, dates, events, actions_listed_later=actions_listed_later
        )
        done += 100
    return out


def _note(text: str) -> str:
    return paragraph(run(text, _MUTED))


def authors_of(study: CaseStudy, options: ExportOptions) -> str:
    """The authors by role: as given, else who ran and sat in the sessions, else the
    professionals in the case's cast."""
    if options.authors:
        return "; ".join(options.authors)
    roles: list[str] = []
    for write_up in study.sessions:
        detail = write_up.detail
        if detail.facilitator_role:
            text = (
                f"{detail.facilitator_role[:1].upper()}{detail.facilitator_role[1:]} (facilitator)"
            )
            if text not in roles:
                roles.append(text)
        for participant in detail.participants:
            role = participant.role[:1].upper() + participant.role[1:]
            text = f"{role} ({participant.agency})" if participant.agency else role
            if text not in roles:
                roles.append(text)
    if roles:
        return "; ".join(roles)
    for person in study.case.people:
        if person.role.casefold() in _PROFESSIONAL_ROLES_EXCLUDED:
            continue
        role = person.role[:1].upper() + person.role[1:]
        text = f"{role} ({person.agency})" if person.agency else role
        if text not in roles:
            roles.append(text)
    return "; ".join(roles) or "Not recorded"


def _cover(
    doc: WordDocument, study: CaseStudy, options: ExportOptions, dates: DatePresenter
) -> str:
    md = doc.markdown
    case = study.case
    styles = doc.styles
    try:
        status = CaseStatus(case.status).label
    except ValueError:
        status = case.status
    rows = [
        ("Case code", case.code),
        ("Young person", f"{case.pseudonym} (a pseudonym)"),
        ("Protective marking", options.marking or "None"),
        ("Date", long_date(study.exported_on)),
        ("Version", options.version),
        ("Status", status),
        ("Authors (by role)", authors_of(study, options)),
    ]
    notice = (
        "This case study is pseudonymised. Every person in it is named by a pseudonym or by "
        "role; real identities are kept apart and are not part of this document. Do not add "
        f"names, addresses, dates of birth or other identifying details. {dates.explanation()}"
    )
    return "".join(
        [
            paragraph("", ParaProps(space_before=2400, space_after=0)),
            paragraph(run("Deep Dive case study", _KICKER), ParaProps(space_after=120)),
            paragraph(run(md.state.report.clean(case.pseudonym)), ParaProps(style=styles("Title"))),
            paragraph(
                run("Learning from one young person's journey through our services"),
                ParaProps(style=styles("Subtitle")),
            ),
            details_table(md, rows, caption="About this document"),
            paragraph("", ParaProps(space_before=600, space_after=0)),
            paragraph(run(notice, Format(size_half_points=19)), ParaProps(shading=_NOTICE_FILL)),
        ]
    )


def _contents(doc: WordDocument, entries: list[TocEntry]) -> str:
    """A real TOC field; its shown result already lists the headings with page links."""
    styles = doc.styles
    heading = paragraph(
        run("Contents"), ParaProps(style=styles("TOC Heading"), page_break_before=True)
    )
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    if not entries:
        return heading + paragraph(begin + run("Update this field to list the contents.") + end)
    out = [heading]
    for index, entry in enumerate(entries):
        page = field_runs(f"PAGEREF {entry.bookmark} \\h", "")
        link = (
            f'<w:hyperlink w:anchor="{esc(entry.bookmark)}" w:history="1">'
            f"{run(entry.text)}<w:r><w:tab/></w:r>{page}</w:hyperlink>"
        )
        content = (begin if index == 0 else "") + link + (end if index == len(entries) - 1 else "")
        out.append(paragraph(content, ParaProps(style=styles(f"toc {entry.level}"))))
    return "".join(out)


def _profile(doc: WordDocument, study: CaseStudy, dates: DatePresenter) -> str:
    md = doc.markdown
    case = study.case
    out = [md.heading("Profile and cast", 1, page_break=True), md.heading("Profile", 2)]
    rows = [("Pseudonym", case.pseudonym)]
    born = dates.birth_text()
    if born:
        rows.append(("Born (approximately)", born))
    if case.edge_of_care:
        rows.append(("Edge of care", "Yes"))
    if case.tags:
        rows.append(("Themes", ", ".join(case.tags)))
    if study.events:
        first, last = study.events[0].span, study.events[-1].span
        rows.append(
            (
                "Chronology",
                f"{len(study.events)} events, {dates.span(first)} to {dates.span(last)}; "
                f"{study.key_episodes} key practice episodes",
            )
        )
    rows.append(("Reflective sessions", str(len(study.sessions))))
    out.append(details_table(md, rows, caption=f"Profile of {case.pseudonym}"))
    out.append(md.heading("Cast", 2))
    if not case.people:
        out.append(_note("No one has been added to the cast."))
        return "".join(out)
    out.append(
        paragraph(run("Everyone is named by pseudonym or role. Agencies are named as recorded."))
    )
    with_notes = any(p.notes.strip() for p in case.people)
    rows_cast = [
        [p.pseudonym, p.role[:1].upper() + p.role[1:], p.agency or "—"]
        + ([p.notes] if with_notes else [])
        for p in case.people
    ]
    headings = ["Pseudonym", "Role", "Agency"] + (["Notes"] if with_notes else [])
    shares = (20, 22, 26, 32) if with_notes else (28, 32, 40)
    out.append(
        grid_table(
            md, headings, rows_cast, shares, caption=f"The people in {case.pseudonym}'s life"
        )
    )
    return "".join(out)


def _chronology_intro(study: CaseStudy, dates: DatePresenter) -> str:
    case = study.case
    if not study.events:
        return _note("The chronology has no events yet.")
    text = (
        f"The chronology lists {len(study.events)} significant events in {case.pseudonym}'s "
        f"life in date order, each with its source. The {study.key_episodes} key practice "
        f"episodes are marked “★ Key practice episode” and shaded. "
    )
    if dates.age_column:
        text += f"Ages are {case.pseudonym}'s age when the event began. "
    text += dates.explanation()
    return paragraph(run(text))


def _learning(doc: WordDocument, study: CaseStudy, dates: DatePresenter) -> str:
    md = doc.markdown
    out = [md.heading("Learning and actions", 1, page_break=True)]
    learned: list[str] = []
    for write_up in study.sessions:
        for stage in write_up.template.stages:
            about_learning = "learning" in stage.id or "learning" in stage.title.casefold()
            if stage.response.kind is ResponseKind.LIST and about_learning:
                items = write_up.responses.get(stage.id, {}).get("items", [])
                learned += [str(i) for i in items if str(i) not in learned]
    out.append(md.heading("What we learned", 2))
    out.append(bullet_items(md, learned) if learned else _note("No learning has been recorded."))
    out.append(learning_themes(doc, study, dates))
    out.append(md.heading("Actions agreed", 2))
    if study.actions:
        out.append(actions_table(doc, list(study.actions), dates))
    else:
        out.append(_note("No actions have been recorded."))
    return "".join(out)
