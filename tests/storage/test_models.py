"""Every model round-trips through a real SQLite file and a PostgreSQL database, field
for field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import inspect, select
from workspace_helpers import open_again

from deepdive.storage import models as m
from deepdive.storage.workspace import Workspace

WHEN = datetime(2021, 11, 18, 14, 30, tzinfo=UTC)


def _columns(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in inspect(type(obj)).column_attrs}


def _build() -> list[Any]:
    agency = m.Agency(name="No Wrong Door hub", kind="hub", sort_order=3, archived=False)
    tag = m.Tag(name="missing episodes")
    theme = m.Theme(name="Consistent worker", description="One trusted adult")
    case = m.Case(
        code="DD-2019-014",
        pseudonym="Jay",
        birth_year=2004,
        birth_month=5,
        status="in_review",
        archived=False,
        edge_of_care=True,
        stayed_with_family=True,
        summary="Jay — *résumé* 🌱 עברית",
        document_version=2,
        created_at=WHEN,
        updated_at=WHEN,
        tags=[tag],
    )
    person = m.Person(
        case=case,
        pseudonym="Nan",
        role="grandparent",
        agency=agency,
        notes="Lives nearby",
        sort_order=2,
    )
    event = m.ChronologyEvent(
        case=case,
        date_text="spring 2017",
        end_text="about 2018-03",
        first_day=date(2017, 3, 1),
        last_day=date(2018, 3, 31),
        sort_key="20170301-2",
        position=7,
        category="placement",
        source_agency=agency,
        description="Moved to Nan's",
        significance="Stability",
        voice="I felt safe",
        outcome="Stayed",
        key_episode=True,
        created_at=WHEN,
        updated_at=WHEN,
        people=[person],
        tags=[tag],
        themes=[theme],
    )
    version = m.TemplateVersion(
        template_key="deep-dive-case-study",
        version=3,
        name="Deep Dive",
        source="user",
        content="format: x",
        content_sha256="a" * 64,
        created_at=WHEN,
    )
    session = m.Session(
        case=case,
        template_version=version,
        title="Deep Dive — Jay",
        held_on=date(2022, 3, 17),
        status="complete",
        facilitator_role="Innovation coach",
        current_stage="risk",
        notes="Calm room",
        created_at=WHEN,
        updated_at=WHEN,
    )
    participant = m.SessionParticipant(role="Police officer", agency=agency)
    session.participants.append(participant)
    response = m.StageResponse(
        session=session,
        stage_id="risk",
        kind="scale",
        content_json='{"value": 3}',
        minutes_used=12,
        updated_at=WHEN,
        linked_events=[event],
        themes=[theme],
    )
    action = m.Action(
        case=case,
        stage_id="actions",
        description="Review plan",
        owner_role="Team manager",
        due_on=date(2022, 4, 1),
        done=True,
        position=1,
        created_at=WHEN,
        updated_at=WHEN,
    )
    outcome = m.CaseOutcome(
        case=case,
        domain="missing episodes",
        start_value="11",
        latest_value="0",
        start_measured_on=date(2019, 1, 1),
        latest_measured_on=date(2021, 1, 1),
        note="Hub support",
    )
    record = m.ExportRecord(
        case_code="DD-2019-014",
        exported_at=WHEN,
        kind="docx",
        file_name="jay.docx",
        sha256="b" * 64,
        check_result="clean",
    )
    story = m.CaseStory(text="Jay lives with his Nan.", updated_at=WHEN)
    case.story = story
    measure = m.ProgrammeMeasure(
        name="Residential placements commissioned", unit="placements", note="Demo", position=1
    )
    figure = m.MeasureValue(
        measure=measure,
        date_text="2017-07",
        first_day=date(2017, 7, 1),
        last_day=date(2017, 7, 31),
        sort_key="2017-07-01/2017-07-31",
        value=48.0,
        source="Commissioning returns",
        note="Demo figure",
    )
    meta = m.WorkspaceMeta(key="created_by", value="DeepDive 0.1")
    member = m.TeamMember(role_name="ana")
    team = m.Team(name="North hub", created_at=WHEN, members=[member])
    channel = m.TeamChannel(channel="deepdive_" + "5" * 32)  # on a server, made per team
    return [
        agency,
        tag,
        theme,
        case,
        person,
        event,
        version,
        session,
        participant,
        response,
        action,
        outcome,
        story,
        measure,
        figure,
        record,
        meta,
        team,
        member,
        channel,
    ]


def test_every_model_round_trips(new_workspace: Callable[[str], Workspace]) -> None:
    objects = _build()
    assert {type(o) for o in objects} == {mapper.class_ for mapper in m.Base.registry.mappers}, (
        "a model was added without a round-trip check"
    )
    workspace = new_workspace("models")
    with workspace.transaction() as session:
        session.add_all(objects)
        session.flush()
        expected = {(type(o), i): _columns(o) for i, o in enumerate(objects)}
        keys = {(type(o), i): inspect(o).identity for i, o in enumerate(objects)}
    # A case's event count is kept by the database as its events are added (one here).
    [case_key] = [key for key in expected if key[0] is m.Case]
    expected[case_key]["event_count"] = 1
    workspace.close()

    reopened = open_again(workspace)
    with reopened.reading() as session:
        for (model, i), columns in expected.items():
            loaded = session.get(model, keys[(model, i)])
            assert loaded is not None, model
            assert _columns(loaded) == columns, model.__name__
        event = session.scalars(select(m.ChronologyEvent)).one()
        assert [p.pseudonym for p in event.people] == ["Nan"]
        assert [t.name for t in event.tags] == ["missing episodes"]
        response = session.scalars(select(m.StageResponse)).one()
        assert [e.id for e in response.linked_events] == [event.id]
        assert response.session.participants[0].agency is not None
        assert event.created_at.tzinfo is not None
    reopened.close()


def test_deleting_a_case_removes_everything_in_it(
    new_workspace: Callable[[str], Workspace],
) -> None:
    workspace = new_workspace("cascade")
    with workspace.transaction() as session:
        session.add_all(_build())
    with workspace.transaction() as session:
        session.delete(session.scalars(select(m.Case)).one())
    with workspace.reading() as session:
        for model in (
            m.Person,
            m.ChronologyEvent,
            m.Session,
            m.StageResponse,
            m.Action,
            m.CaseOutcome,
            m.CaseStory,
            m.SessionParticipant,
        ):
            assert session.scalars(select(model)).all() == [], model.__name__
        # Shared vocabularies stay for the other cases.
        assert session.scalars(select(m.Agency)).all()
        assert session.scalars(select(m.Tag)).all()
    workspace.close()
