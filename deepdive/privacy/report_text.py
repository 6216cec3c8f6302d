"""The texts the programme report takes from cases, each named by case and report part.

The report's leak check reads the finished document ("body, line 212"). When it finds
something, :func:`report_places` gives what the report drew on — each key practice
episode's description (``Key practice episodes › DEMO-001 › chronology › 2 May 2019 ›
What happened``), the pseudonym and code in its heading, the learning themes' names
and each story of a life changed — so that :func:`~deepdive.privacy.places.locate`
names each finding by the case and the part of the report it came from, and the app
can go there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deepdive.privacy.case_text import SEP, Area, Place, PlacedText, case_places

if TYPE_CHECKING:
    from deepdive.services import Services
    from deepdive.services.learning import LearningFilter

EPISODES = "Key practice episodes"
THEMES = "Learning themes"
STORIES = "Stories of lives changed"


def report_places(services: Services, wanted: LearningFilter | None = None) -> list[PlacedText]:
    """The case texts in the programme report for ``wanted``, each at its place."""
    found: list[PlacedText] = []
    summary = services.learning.summary(wanted)
    for theme in summary.themes:
        found.append(
            PlacedText(Place(f"{THEMES}{SEP}{theme.name}", Area.THEME, "name"), theme.name)
        )
    by_case: dict[str, list[int]] = {}
    for episode in services.learning.key_episodes(wanted):
        by_case.setdefault(episode.case_code, []).append(episode.event_id)
    for code, event_ids in by_case.items():
        case = services.cases.find(code)
        where = f"{EPISODES}{SEP}{code}{SEP}"
        for field, text in (("pseudonym", case.pseudonym), ("code", case.code)):
            place = Place(f"{where}{field}", Area.CASE, field, case_id=case.id)
            found.append(PlacedText(place, text))
        for placed in case_places(services, case.id):
            place = placed.place
            excerpted = place.area is Area.CHRONOLOGY and place.item_id in event_ids
            if excerpted and place.field == "description":
                label = where + place.label.removeprefix(f"case{SEP}")
                moved = Place(label, place.area, place.field, place.item_id, case_id=case.id)
                found.append(PlacedText(moved, placed.text))
    for story in services.stories.for_cases(services.learning.case_ids(wanted)):
        where = f"{STORIES}{SEP}{story.code}{SEP}"
        for field, text in (("pseudonym", story.pseudonym), ("code", story.code)):
            place = Place(f"{where}{field}", Area.CASE, field, case_id=story.case_id)
            found.append(PlacedText(place, text))
        place = Place(f"{where}story", Area.CASE, "story", case_id=story.case_id)
        found.append(PlacedText(place, story.text))
    return found
