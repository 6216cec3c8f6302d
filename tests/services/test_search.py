"""Search everywhere finds what was written, wherever it was written, as soon as it is saved."""

from __future__ import annotations

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.search import MATCH_END, MATCH_START, SearchKind, fts_query
from deepdive.templates import builtin_template


def _kinds(hits: list) -> list[tuple[SearchKind, str]]:  # type: ignore[type-arg]
    return [(h.kind, h.case_code) for h in hits]


def test_finds_summaries_events_responses_and_actions(services: Services) -> None:
    jay = services.cases.create("DD-1", "Jay", summary="Placement with Nan stabilised")
    sam = services.cases.create("DD-2", "Sam", summary="Boxing gym kept him busy")
    services.events.add(
        jay.id, EventInput("2017-03", "placement", "Moved to Nan's after the residential home")
    )
    session = services.sessions.start(
        sam.id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=None,
        facilitator_role="Coach",
        participants=[],
    )
    services.sessions.save_response(session.id, "good-enough", {"text": "Nan would say no"})
    services.sessions.add_action(jay.id, "Ask Nan about respite", owner_role="Hub worker")

    hits = services.search.search("nan")
    assert set(_kinds(hits)) == {
        (SearchKind.CASE, "DD-1"),
        (SearchKind.EVENT, "DD-1"),
        (SearchKind.ACTION, "DD-1"),
        (SearchKind.RESPONSE, "DD-2"),
    }
    # Grouped by case: all of one case's hits come together.
    codes = [h.case_code for h in hits]
    assert codes == sorted(codes, key=codes.index)
    event = next(h for h in hits if h.kind is SearchKind.EVENT)
    assert f"{MATCH_START}Nan{MATCH_END}" in event.snippet


def test_every_word_must_match_the_last_as_a_prefix_and_accents_are_ignored(
    services: Services,
) -> None:
    services.cases.create("DD-1", "Zoë", summary="Consistent worker made the difference")
    services.cases.create("DD-2", "Kai", summary="Consistent school attendance")
    assert [h.case_code for h in services.search.search("consistent work")] == ["DD-1"]
    assert [h.case_code for h in services.search.search("zoe")] == ["DD-1"]


def test_changes_and_deletions_are_reflected_at_once(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay", summary="Missing episodes stopped")
    assert services.search.search("missing")
    services.cases.update(case.id, summary="Settled at college")
    assert services.search.search("missing") == []
    assert services.search.search("college")
    services.events.add(case.id, EventInput("2018", "education", "Enrolled on a motor course"))
    services.cases.delete(case.id)
    assert services.search.search("college") == []
    assert services.search.search("motor") == []


def test_typing_punctuation_or_operators_never_breaks_the_search(services: Services) -> None:
    services.cases.create("DD-1", "Jay", summary='O\'Neill said "no" (again) AND left')
    for typed in ['"', "AND", "O'Neill", "(again", "NEAR(", "*", "-", ""]:
        services.search.search(typed)  # must not raise
    assert fts_query("  ") is None
    assert [h.case_code for h in services.search.search("o'neill")] == ["DD-1"]


def test_event_titles_show_dates_as_the_rest_of_the_app_does(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    services.events.add(case.id, EventInput("2018-01-15", "education", "Fixed-term exclusion"))
    services.events.add(case.id, EventInput("about spring 2016", "family", "Fixed moves"))
    titles = sorted(
        h.title.replace(MATCH_START, "").replace(MATCH_END, "")
        for h in services.search.search("fixed")
    )
    assert titles == ["15 Jan 2018 education", "about spring 2016 family"]
    [hit] = services.search.search("2018")
    assert f"{MATCH_START}2018{MATCH_END}" in hit.title


def test_a_session_answer_is_found_under_its_stage_title_never_its_id(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    event = services.events.add(case.id, EventInput("2017-03", "placement", "Moved"))
    session = services.sessions.start(
        case.id,
        builtin_template("deep-dive-case-study"),
        title="Second look",
        held_on=None,
        facilitator_role="Coach",
        participants=[],
    )
    services.sessions.save_response(session.id, "good-enough", {"text": "Nan would say no"})
    services.sessions.save_response(
        session.id,
        "walk-the-chronology",
        {"event_ids": [], "notes": "", "reflections": {str(event.id): "Nan knew first"}},
    )
    titles = sorted(h.title for h in services.search.search("nan"))
    assert titles == [
        "Second look · Walk the chronology",
        "Second look · Would this be good enough for my child?",
    ]


def test_postgresql_finds_other_forms_of_an_english_word(services: Services, engine: str) -> None:
    """PostgreSQL's English configuration stems words; FTS5 matches them as typed."""
    services.cases.create("DD-1", "Jay", summary="Two meetings were missed")
    found = [h.case_code for h in services.search.search("meeting miss")]
    assert found == (["DD-1"] if engine == "postgresql" else [])
