"""A key practice episode's label: its date and the first sentence of what happened.

The label is never cut inside a word or a name: it is the whole first sentence, and
where a chart has no room for it, the chart shows the episode's number and the label
goes in full into a numbered key beside it.
"""

from __future__ import annotations

import re

LABEL_JOIN = " · "
_MARKUP = re.compile(r"(\*\*|__|\*|_|`|^#+\s*|^>\s*|^[-+]\s+)", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)’'\"”][.!?])\s+(?=[A-Z0-9“\"‘'(])")


def first_sentence(description: str) -> str:
    """The first sentence of the first non-empty line, without Markdown markup."""
    line = next((part for part in description.splitlines() if part.strip()), "")
    plain = " ".join(_MARKUP.sub("", line).split())
    return _SENTENCE_END.split(plain, maxsplit=1)[0]


def episode_label(when: str, description: str) -> str:
    """ "14 Mar 2016 · Three-day fixed-term exclusion for fighting." — whole, never cut."""
    words = first_sentence(description)
    return f"{when}{LABEL_JOIN}{words}" if words else when
