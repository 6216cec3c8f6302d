"""How long the room has spent on each stage of a session, and the minutes added to
one, kept by the runner and saved with the session (whole minutes, when they change)."""

from __future__ import annotations

from collections.abc import Callable

from deepdive.errors import DeepDiveError
from deepdive.services import Services


class StageMinutes:
    """Seconds spent on each stage (by stage id), saved as whole minutes; ``say`` is
    told why a save failed."""

    def __init__(
        self,
        services: Services,
        session_id: int,
        minutes_used: dict[str, int],
        say: Callable[[str], None],
    ) -> None:
        self._services = services
        self._session_id = session_id
        self._say = say
        self.elapsed = {stage: minutes * 60.0 for stage, minutes in minutes_used.items()}
        self._saved = dict(minutes_used)
        self._extra: dict[str, int] = {}

    def planned(self, stage_id: str, minutes: int) -> int:
        """The stage's planned minutes with any the room has added."""
        return minutes + self._extra.get(stage_id, 0)

    def extend(self, stage_id: str, minutes: int = 5) -> None:
        """Give the stage ``minutes`` more."""
        self._extra[stage_id] = self._extra.get(stage_id, 0) + minutes

    def spent(self, stage_id: str, seconds: float, *, save_now: bool = False) -> None:
        """The room has spent ``seconds`` on the stage: saved when the whole minutes
        change (``save_now``: also a first part-minute, as when leaving the stage)."""
        self.elapsed[stage_id] = seconds
        minutes = round(seconds / 60)
        if self._saved.get(stage_id) == minutes or (minutes == 0 and not save_now):
            return
        try:
            self._services.sessions.record_minutes(self._session_id, stage_id, minutes)
            self._saved[stage_id] = minutes
        except DeepDiveError as exc:
            self._say(str(exc))
