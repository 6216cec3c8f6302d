"""The motivated intruder: someone who knows the real dates of a case reads its shifted or
relative export (Word, Markdown, PDF, and the timeline picture) or the programme report,
and finds none of them.

The demo case is exported by ``deepdive export`` in a separate process, as a user runs
it, with the case's secret shift in a key vault beside the workspace
(``DEEPDIVE_PASSPHRASE``). Every real date of the case is looked
for at its own precision, in every wording the exporter or the case's text uses: each
event's date and end, each session and due date, the birth month, and every date
written in the case's free text. They are looked for in every part of the .docx (all
XML parts, headers, properties), the .md, the PDF's text, the strings handed to the
timeline picture's drawer, and the picture itself, read back with OCR.

A year is looked for too when the shift moves the whole chronology clear of its real
years (:data:`FAR`): with a realistic shift of a year or two, "2016" is rightly in the
document as some other event's moved date, so :data:`NEAR` checks each event's own
shown date, and the full dates, instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
from cli_helpers import run_deepdive

from deepdive.demo import add_demo_case
from deepdive.domain.dates import MONTH_ABBR, MONTH_NAMES, DateSpan, FuzzyDate, Precision
from deepdive.export import (
    DateMode,
    ExportOptions,
    assemble_case_study,
    export_case_study,
    study_timeline_spec,
)
from deepdive.export.dates import export_offset
from deepdive.export.textdates import find_dates
from deepdive.privacy.datefinder import spellings
from deepdive.privacy.leakcheck import docx_text_parts
from deepdive.privacy.vault import Vault, default_vault_path
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.storage.workspace import open_workspace

PASSPHRASE = "motivated intruder passphrase"
FAR = -4100
"""A secret whose export offset (about 13 years back) moves every date clear of the
demo case's real years, so that no real year may appear at all."""
NEAR = 100
"""A new case's kind of secret (60–400 days), as in the issue: an offset of 830 days."""
OTHER_CASE = "DD-014"
OTHER_TEXT = (
    "Placed with foster carers on 14 March 2016 after the January 2016 review; "
    "home again in summer 2017."
)
CALENDAR_TEXT = (
    "Excluded late on a Friday. FY2015/16 plan agreed in Sept '15, reviewed on 14.3.16 and "
    "again 03.2016; he ran off on Christmas Day 2015 and at Christmas was quiet; summer "
    "term 2016 at home, 2016ish the booth, spring '16 calmer; calls stopped in lockdown."
)
"""Each wording here once left a real date, day of the year or weekday in a shifted
export; every one is a date the intruder knows (its year) or ties the note to one."""
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
HAS_TESSERACT = shutil.which("tesseract") is not None


@dataclass(frozen=True)
class Real:
    """The real dates an intruder knows, each at its own precision."""

    dates: frozenset[FuzzyDate]

    def texts(self, *, years: bool) -> set[str]:
        """Every wording of every real date, lower case (bare years only if asked)."""
        out: set[str] = set()
        for when in self.dates:
            out |= _wordings(when, years=years)
        return out

    @property
    def days(self) -> set[date]:
        return {d.earliest() for d in self.dates if d.precision is Precision.DAY}


@dataclass(frozen=True)
class Exports:
    folder: Path
    workspace: Path
    data: Path
    real: Real
    other_real: Real
    today: date

    def path(self, name: str) -> Path:
        return self.folder / name


def _wordings(when: FuzzyDate, *, years: bool) -> set[str]:
    day = when.earliest()
    match when.precision:
        case Precision.DAY:
            return set(spellings(day))
        case Precision.MONTH:
            names = (MONTH_ABBR[day.month - 1], MONTH_NAMES[day.month - 1])
            return {f"{n} {day.year}".lower() for n in names} | {
                f"{day.month:02d}/{day.year}",
                f"{day.year}-{day.month:02d}",
            }
        case Precision.SEASON:
            assert when.season is not None
            texts = {f"{when.season.value} {when.year}"}
            if when.season.value == "winter":
                texts.add(f"winter {when.year}/{(when.year + 1) % 100:02d}")
            return texts
        case Precision.THIRD:
            assert when.part is not None
            return {f"{when.part.value} {when.year}", f"{when.part.value}-{when.year}"}
        case Precision.YEAR:
            return {str(when.year)} if years else set()


def _real_dates(services: Services, code: str) -> Real:
    """Every date of the case: events, sessions, actions, the birth month, and every date
    with a year written in its text."""
    study = assemble_case_study(services, code, ExportOptions())
    found: set[FuzzyDate] = set()
    texts = [study.case.summary, *(p.notes for p in study.case.people)]
    texts += [p.role for p in study.case.people] + [a.owner_role for a in study.actions]
    for event in study.events:
        found |= {event.span.start, *([event.span.end] if event.span.end else [])}
        texts += [event.description, event.significance, event.voice, event.outcome]
    for write_up in study.sessions:
        if write_up.summary.held_on:
            found.add(FuzzyDate.from_date(write_up.summary.held_on))
        texts += [write_up.summary.title, *_strings(write_up.responses)]
    for action in study.actions:
        texts.append(action.description)
        if action.due_on:
            found.add(FuzzyDate.from_date(action.due_on))
    if study.case.birth_year and study.case.birth_month:
        found.add(FuzzyDate(study.case.birth_year, study.case.birth_month))
    for text in texts:
        for item in find_dates(text):
            if item.year is None:
                continue  # "in December": no year, so no date an intruder could match
            if item.day is not None:
                found.add(FuzzyDate.from_date(item.full_date))
            elif item.season is not None:
                found.add(FuzzyDate(item.year, season=item.season))
            else:
                found.add(FuzzyDate(item.year, item.month))
                if item.year2 is not None:
                    found.add(FuzzyDate(item.year2))
    return Real(frozenset(found))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    """The demo case (and a second case for the report) exported every way, once: the
    .docx files and the report by the command line, two at a time; the PDFs from those
    .docx files by one LibreOffice run; the Markdown meanwhile, in this process."""
    folder = tmp_path_factory.mktemp("intruder")
    data, workspace = folder / "data", folder / "cases.deepdive"
    data.mkdir()
    services = Services.for_workspace(open_workspace(workspace))
    try:
        demo = add_demo_case(services)
        # Dates as records state them: a third of a year and an open-ended date.
        services.events.add_many(
            demo.id,
            [
                EventInput("early 2016", "education", "Isolation booth used most weeks."),
                EventInput("before 2014", "family", "Dad left the family home."),
                # The forms practitioners write that the attack review found left real.
                EventInput("2016-06-10", "education", CALENDAR_TEXT),
            ],
        )
        services.people.add(demo.id, "Coach", "Coach (from 2016)")
        services.actions.add(demo.id, "Review the plan by 20160901", owner_role="Coach (2016)")
        for event in services.events.list_events(demo.id):
            if event.key_episode:  # the report quotes key episodes tagged with a theme
                services.themes.apply_to_event(event.id, "Relationships that stay")
        other = services.cases.create(OTHER_CASE, "Sam", birth="2006-09")
        [episode] = services.events.add_many(
            other.id, [EventInput("2016-03-14", "placement", OTHER_TEXT, key_episode=True)]
        )
        services.themes.apply_to_event(episode.id, "Relationships that stay")
        real = _real_dates(services, "DEMO-001")
        other_real = _real_dates(services, OTHER_CASE)
    finally:
        services.close()
    vault = Vault.create(default_vault_path(workspace), PASSPHRASE)
    vault.put_case(replace(vault.ensure_case("DEMO-001"), date_shift_days=FAR))
    vault.put_case(replace(vault.ensure_case(OTHER_CASE), date_shift_days=-250))
    env = {"DEEPDIVE_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}

    def run(name: str, *args: str | Path) -> None:
        # Each run on its own copy: an export records itself in the workspace's log,
        # and only one process may write to a workspace at a time.
        copy = folder / f"copy-{name}"
        copy.mkdir()
        for path in (workspace, default_vault_path(workspace)):
            shutil.copy2(path, copy / path.name)
        where = ("--out", folder / name, "--workspace", copy / workspace.name)
        result = run_deepdive(*args, *where, data_dir=data, env=env)
        assert result.returncode == 0, result.stderr

    with ThreadPoolExecutor(max_workers=2) as pool:
        words = [
            pool.submit(run, f"{mode}.docx", "export", "DEMO-001", "--dates", mode)
            for mode in ("shifted", "relative")
        ]
        report = pool.submit(run, "report.docx", "report")
        # Markdown needs no drawing: written here, as the command writes it.
        services = Services.for_workspace(open_workspace(workspace))
        try:
            for mode, secret in ((DateMode.SHIFTED, FAR), (DateMode.RELATIVE, None)):
                options = ExportOptions(date_mode=mode, date_shift_days=secret)
                export_case_study(services, "DEMO-001", folder / f"{mode}.md", options=options)
        finally:
            services.close()
        for job in words:
            job.result()
        if HAS_SOFFICE:
            _to_pdf(folder, ["shifted.docx", "relative.docx"])
        report.result()
    return Exports(folder, workspace, data, real, other_real, date.today())


def _to_pdf(folder: Path, names: list[str]) -> None:
    """The PDFs of these .docx files, as LibreOffice makes them (``--format pdf`` is this
    conversion of the same .docx, checked in tests/export/test_schema_and_pdf.py)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program is not None
    profile = f"-env:UserInstallation={(folder / 'office-profile').as_uri()}"
    subprocess.run(
        [program, profile, "--headless", "--norestore", "--convert-to", "pdf", *names],
        cwd=folder,
        capture_output=True,
        check=True,
        timeout=180,
    )


# ------------------------------------------------------------------ reading
def _docx_raw(path: Path) -> str:
    """Every XML part of the .docx as it is stored (body, headers, footers, properties,
    relationships), lower case."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace").lower()
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def _docx_text(path: Path) -> str:
    """Every text a reader can see in the .docx, as the leak check reads it."""
    return "\n".join(part.text for part in docx_text_parts(path)).lower()


def _pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split()).lower()


def _ocr(exports: Exports, mode: str) -> str:
    """The timeline picture in the mode's .docx, read back by tesseract."""
    with zipfile.ZipFile(exports.path(f"{mode}.docx")) as archive:
        [name] = [n for n in archive.namelist() if n.startswith("word/media/")]
        image = exports.folder / f"{mode}-timeline.png"
        image.write_bytes(archive.read(name))
    # Sparse text (--psm 11) suits a picture of scattered labels: it reads more of them,
    # in half the time; one thread each, as two pictures are read at once.
    done = subprocess.run(
        ["tesseract", str(image), "-", "--psm", "11"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    return " ".join(done.stdout.split()).lower()


def _alt_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    found = re.search(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    assert found is not None, "the timeline picture is in the document"
    return found.group(1).replace("&amp;", "&").replace("&quot;", '"')


def _leaks(text: str, wordings: Iterable[str]) -> list[str]:
    """The real wordings found in ``text`` (bare years only as whole numbers)."""
    leaked = []
    for wording in wordings:
        if wording.isdigit():
            if re.search(rf"(?<![0-9]){wording}(?![0-9])", text):
                leaked.append(wording)
        elif wording in text:
            leaked.append(wording)
    return sorted(leaked)


def _drawer_strings(exports: Exports, mode: DateMode, secret: int | None) -> list[str]:
    """The strings the export hands the timeline drawer, worked out as it does."""
    services = Services.for_workspace(open_workspace(exports.workspace))
    try:
        options = ExportOptions(date_mode=mode, date_shift_days=secret)
        study = assemble_case_study(services, "DEMO-001", options)
    finally:
        services.close()
    spec = study_timeline_spec(study, options)
    assert spec is not None
    return spec.strings()


# -------------------------------------------------------------------- tests
def test_the_intruder_knows_many_real_dates_at_every_precision(exports: Exports) -> None:
    precisions = {d.precision for d in exports.real.dates}
    assert precisions == set(Precision)
    assert len(exports.real.dates) > 80
    assert FuzzyDate.from_date(date(2018, 2, 26)) in exports.real.dates  # from the text


@pytest.mark.parametrize("mode", ["shifted", "relative"])
def test_no_real_date_in_any_part_of_the_word_document(exports: Exports, mode: str) -> None:
    path = exports.path(f"{mode}.docx")
    assert _leaks(_docx_raw(path), exports.real.texts(years=False)) == []
    visible = _docx_text(path)
    assert str(exports.today.year) in visible and "chronology" in visible  # read, really
    assert _leaks(visible, exports.real.texts(years=True)) == []


@pytest.mark.parametrize("mode", ["shifted", "relative"])
def test_no_real_date_in_the_markdown(exports: Exports, mode: str) -> None:
    text = exports.path(f"{mode}.md").read_text(encoding="utf-8").lower()
    assert "| date |" in text
    assert _leaks(text, exports.real.texts(years=True)) == []


@pytest.mark.skipif(not HAS_SOFFICE, reason="PDF export needs LibreOffice")
@pytest.mark.parametrize("mode", ["shifted", "relative"])
def test_no_real_date_in_the_pdf(exports: Exports, mode: str) -> None:
    text = _pdf_text(exports.path(f"{mode}.pdf"))
    assert "chronology" in text and "timeline" in text
    assert _leaks(text, exports.real.texts(years=True)) == []


@pytest.mark.parametrize(("mode", "secret"), [("shifted", FAR), ("relative", None)])
def test_the_picture_drawer_gets_no_real_date_and_the_leak_check_reads_its_strings(
    exports: Exports, mode: str, secret: int | None
) -> None:
    strings = _drawer_strings(exports, DateMode(mode), secret)
    assert len(strings) > 10
    assert _leaks("\n".join(strings).lower(), exports.real.texts(years=True)) == []
    alt = _alt_text(exports.path(f"{mode}.docx"))
    # All in the alt text, which the leak check reads (a label's " · " as ": ").
    assert [s for s in strings if s.replace(" · ", ": ") not in alt] == []


@pytest.mark.skipif(not HAS_TESSERACT, reason="reading the picture back needs tesseract")
def test_the_timeline_pictures_read_back_show_no_real_date(exports: Exports) -> None:
    expected = {"shifted": f"{2016 + round(export_offset(FAR) / 365.2425)}", "relative": "age 14"}
    with ThreadPoolExecutor(max_workers=2) as pool:
        seen = dict(
            zip(expected, pool.map(lambda mode: _ocr(exports, mode), expected), strict=True)
        )
    for mode, text in seen.items():
        assert expected[mode] in text, text  # the axis was read
        assert _leaks(text, exports.real.texts(years=True)) == []


@pytest.mark.parametrize("mode", ["shifted", "relative"])
def test_calendar_words_and_fields_never_moved_before_are_moved(
    exports: Exports, mode: str
) -> None:
    """The attack review's forms: named days, two-figure years, figures with dots,
    glued years, Covid words, and dates in a role or an action's owner."""
    visible = _docx_text(exports.path(f"{mode}.docx"))
    assert "excluded late on a" in visible  # the event is in the document
    for kept in ("christmas day", "lockdown", "sept '15", "14.3.16", "03.2016", "fy2015/16"):
        assert kept not in visible, kept
    assert "[national event]" in visible
    assert "coach (from 2016)" not in visible and "coach (2016)" not in visible
    if mode == "shifted":
        assert "at [holiday] was quiet" in visible and "[school term]" in visible
        # The weekday moves with the days: a Friday plus the offset's odd days.
        weekday = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        moved = weekday[(4 + export_offset(FAR)) % 7]
        assert f"excluded late on a {moved}." in visible
    else:
        assert "at christmas was quiet" in visible  # a holiday is no calendar date


def test_relative_exports_hold_no_calendar_date_but_the_export_day(exports: Exports) -> None:
    texts = [
        _docx_text(exports.path("relative.docx")),
        exports.path("relative.md").read_text(encoding="utf-8"),
    ]
    if HAS_SOFFICE:
        texts.append(_pdf_text(exports.path("relative.pdf")))
    for text in texts:
        years = {int(y) for y in re.findall(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", text)}
        assert years <= {exports.today.year}, years
        for item in find_dates(text):
            assert item.year in (None, exports.today.year), text[item.start - 40 : item.end]


def test_the_programme_report_shows_ages_never_a_cases_dates(exports: Exports) -> None:
    path = exports.path("report.docx")
    visible = _docx_text(path)
    assert "jay (demo-001), age 14y" in visible and "sam (dd-014), age 9y 6m" in visible
    assert "placed with foster carers at age 9y 6m" in visible
    assert _leaks(_docx_raw(path), exports.real.texts(years=False)) == []
    assert _leaks(_docx_raw(path), exports.other_real.texts(years=False)) == []
    real = exports.real.texts(years=True) | exports.other_real.texts(years=True)
    assert _leaks(visible, real) == []
    years = {int(y) for y in re.findall(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", visible)}
    assert years <= {exports.today.year}


def test_with_a_realistic_shift_no_event_shows_its_real_date(
    exports: Exports, tmp_path: Path
) -> None:
    """A vault secret of 100 days (an offset of 830): each event's own date, every full
    date, and every picture label are moved; intervals stay true."""
    offset = export_offset(NEAR)
    # No real day is another's shifted day, so every full date's wordings must be gone.
    assert not {d + timedelta(days=offset) for d in exports.real.days} & exports.real.days
    services = Services.for_workspace(open_workspace(exports.workspace))
    try:
        options = ExportOptions(date_mode=DateMode.SHIFTED, date_shift_days=NEAR)
        out, md = tmp_path / "near.docx", tmp_path / "near.md"
        export_case_study(services, "DEMO-001", out, options=options)
        export_case_study(services, "DEMO-001", md, options=options)
        study = assemble_case_study(services, "DEMO-001", options)
    finally:
        services.close()
    full_dates = {
        t
        for d in exports.real.dates
        if d.precision is Precision.DAY
        for t in _wordings(d, years=False)
    }
    for text in (_docx_raw(out), _docx_text(out), md.read_text(encoding="utf-8").lower()):
        assert _leaks(text, full_dates) == []
    table = next(t for t in docx.Document(str(out)).tables if t.rows[0].cells[0].text == "Date")
    shown = [row.cells[0].text for row in table.rows[1:]]
    for event, cell in zip(study.events, shown, strict=True):
        assert not _same_at_precision(event.span, cell), (event.span, cell)
    spec = study_timeline_spec(study, options)
    assert spec is not None
    for event, label in ((e, s.label) for e, s in zip(study.events, spec.events, strict=True)):
        if label:
            assert event.span.start.display() not in label, label


def _same_at_precision(span: DateSpan, shown: str) -> bool:
    """Whether a shown date or period repeats the real start or end at its precision."""
    parts = [p.strip() for p in shown.split("–")]
    real = [span.start.display(), *([span.end.display()] if span.end else [])]
    return any(r == p for r in real for p in parts)
