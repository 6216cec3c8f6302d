"""What "Finish session" asks: every stage the room has not answered yet, by name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from deepdive.templates import Stage


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionRunner", text)


def finish_question(title: str, stages: Sequence[Stage], unanswered: list[int]) -> tuple[str, str]:
    """The question, naming the unanswered stages (by position), and their questions as
    the details (behind a button, so the question fits a laptop's screen)."""
    text = _tr("Mark '{title}' complete?").format(title=title)
    details = ""
    if unanswered:
        text += " " + _tr("The room has not answered {n} of {count} stages yet:").format(
            n=len(unanswered), count=len(stages)
        )
        text += "\n\n" + "\n".join(f"{n + 1}. {stages[n].title}" for n in unanswered)
        text += "\n\n" + _tr("Their questions are under Show Details.") + " "
        details = "\n\n".join(
            f"{n + 1}. {stages[n].title}\n" + "\n".join(f"– {q}" for q in stages[n].prompts)
            for n in unanswered
        )
    else:
        text += " " + _tr("Every stage has an answer.") + " "
    text += _tr(
        "Everything the room said is saved. You can read the summary, or reopen the "
        "session, from the case's Sessions tab."
    )
    return text, details
