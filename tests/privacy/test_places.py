"""A stopped export names each finding by the place in the case a person recognises."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import run_deepdive
from sqlalchemy import text

from deepdive.export import ExportOptions, assemble_case_study, write_case_study
from deepdive.export.gate import case_places_of, default_gate
from deepdive.privacy.case_text import Area, case_places
from deepdive.privacy.detector import Detector
from deepdive.privacy.leakcheck import ExportBlocked, LeakReport, PartFinding
from deepdive.privacy.places import locate
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.sessions import Participant
from deepdive.templates import builtin_template

JAY = VaultPerson("Jay", real_names=("Jayden Marsh",))
REGISTRY = IdentifierRegistry.from_cases([VaultCase("DD-1", 90, (JAY,))])


@pytest.fixture
def case_id(services: Services) -> int:
    case = services.cases.create("DD-1", "Jay", summary="Jay lives with Mum.")
    services.people.add(case.id, "Mum", "Parent")
    services.events.add(
        case.id,
        EventInput("2016-03-14", "family", "Jay moved.", significance="Jayden was upset."),
    )
    session = services.sessions.start(
        case.id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[Participant("Social worker", None)],
    )
    stage = builtin_template("deep-dive-case-study").stages[1]
    services.sessions.save_response(session.id, stage.id, {"text": "NHS 943 476 5919 noted."})
    return case.id


def _blocked(services: Services, case_id: int, tmp_path: Path, **options: object) -> str:
    chosen = ExportOptions(**options)  # type: ignore[arg-type]
    study = assemble_case_study(services, case_id, chosen)
    gate = default_gate(REGISTRY, places=case_places(services, case_id))
    with pytest.raises(ExportBlocked) as stopped:
        write_case_study(study, tmp_path / "out.docx", options=chosen, gate=gate)
    assert not (tmp_path / "out.docx").exists()
    return str(stopped.value)


def test_each_finding_is_named_by_its_place_in_the_case(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    stage = builtin_template("deep-dive-case-study").stages[1]
    message = _blocked(services, case_id, tmp_path)
    lines = [line.strip() for line in message.splitlines()[1:]]
    assert lines == [
        "case › chronology › 14 Mar 2016 › Significance and impact: registered name “Jayden”",
        f"session “Deep Dive” › {stage.title} › notes: NHS number “943 476 5919”",
    ]
    assert "body" not in message and "line" not in message


def test_what_only_the_document_holds_keeps_its_place_in_the_document(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    # A marking typed for this export is not in the case.
    message = _blocked(services, case_id, tmp_path, marking="Call 07911 123456")
    assert "header (word/header" in message and "phone number “07911 123456”" in message
    assert "case › chronology › 14 Mar 2016 › Significance and impact" in message


def test_a_text_in_two_places_is_named_at_both(services: Services, case_id: int) -> None:
    services.cases.update(case_id, summary="Jayden lives with Mum.")
    detector = Detector(REGISTRY)
    report = LeakReport(
        (PartFinding("body", detector.detect("Jayden")[0]),)  # once in the document
    )
    located = locate(report, case_places(services, case_id), detector)
    assert [(found.item.where, found.place.area if found.place else None) for found in located] == [
        ("case › summary", Area.CASE),
        ("case › chronology › 14 Mar 2016 › Significance and impact", Area.CHRONOLOGY),
    ]
    event = services.events.list_events(case_id)[0]
    place = located[1].place
    assert place is not None and (place.item_id, place.field) == (event.id, "significance")
    assert located[1].finding.start == 0  # offsets are into the field's own text


def test_the_place_never_softens_the_documents_verdict(services: Services, case_id: int) -> None:
    # "Will" (a registered name that is also a word) only asks where nothing around it
    # says it is the person, as in the summary; in the document, as "Will's", it blocks.
    detector = Detector(
        IdentifierRegistry.from_cases([VaultCase("DD-1", 0, (VaultPerson("Dad", ("Will",)),))])
    )
    services.cases.update(case_id, summary="Will rang.")
    assert not detector.detect("Will rang.")[0].blocking
    in_document = detector.detect("The summary: then Will's dad rang.")[0]
    assert in_document.blocking
    located = locate(
        LeakReport((PartFinding("body", in_document),)), case_places(services, case_id), detector
    )
    assert [(found.item.where, found.finding.blocking) for found in located] == [
        ("case › summary", True)
    ]


def test_every_kind_of_text_has_a_place(services: Services, case_id: int) -> None:
    with services.workspace.transaction() as orm:  # texts written before roles were checked
        orm.execute(text("UPDATE people SET notes = 'Sees Nan.' WHERE pseudonym = 'Mum'"))
    services.actions.add(case_id, "Ring the school", owner_role="Team manager")
    labels = [placed.place.label for placed in case_places(services, case_id)]
    assert labels[:6] == [
        "case › code",
        "case › pseudonym",
        "case › summary",
        "cast › Mum › pseudonym",
        "cast › Mum › role",
        "cast › Mum › notes",
    ]
    assert "case › chronology › 14 Mar 2016 › What happened" in labels
    assert "session “Deep Dive” › facilitator" in labels
    assert "session “Deep Dive” › participants" in labels
    assert "case › actions › Ring the school › owner role" in labels


def test_the_command_line_names_the_place_too(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    services.cases.update(case_id, summary="Jay lives at S1 2HH with Mum.")
    path = services.workspace.path
    services.close()
    out = tmp_path / "jay.docx"
    result = run_deepdive("export", "DD-1", "--workspace", path, "--out", out, data_dir=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "  case › summary: postcode “S1 2HH”" in result.stderr.splitlines()
    assert "body, line" not in result.stderr
    assert not out.exists()


def test_the_places_are_read_only_when_something_is_found(services: Services, case_id: int) -> None:
    read = case_places_of(services, "DD-1")
    assert [p.place.label for p in read()][:2] == ["case › code", "case › pseudonym"]


def test_a_stopped_bundle_and_report_name_the_case_and_the_place_on_the_command_line(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    episode = services.events.add(
        case_id,
        EventInput("2019-05-02", "family", "Jay stayed at S1 2HH.", key_episode=True),
    )
    services.themes.apply_to_event(episode.id, "Trusted adult")  # so the report shows it
    path = services.workspace.path
    services.close()

    bundle = tmp_path / "jay.ddcase"
    result = run_deepdive(
        "bundle", "export", "DD-1", "--workspace", path, "--out", bundle, data_dir=tmp_path
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert "  case › chronology › 2 May 2019 › What happened: postcode “S1 2HH”" in lines
    assert (
        "  session “Deep Dive” › Who is the young person? › notes: NHS number “943 476 5919”"
        in lines
    )
    assert not bundle.exists()

    report = tmp_path / "report.docx"
    result = run_deepdive("report", "--workspace", path, "--out", report, data_dir=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert found == [
        "  Key practice episodes › DD-1 › chronology › 2 May 2019 › What happened: "
        "postcode “S1 2HH”"
    ]
    assert not report.exists()
