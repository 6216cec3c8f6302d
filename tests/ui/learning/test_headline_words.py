"""The Learning view's headline line reads properly for every small count."""

from __future__ import annotations

import re

from deepdive.services.learning import LearningFilter, LearningSummary
from deepdive.ui.learning.headline import summary_text

SMALL = re.compile(r"(?<!\d)[1-4](?!\d)")


def _summary(known: int, stayed: int, missing: int = 0) -> LearningSummary:
    return LearningSummary(
        LearningFilter(), 20, [], [], 0, known, stayed, missing, 9 * missing, 2 * missing
    )


def test_no_small_group_is_said_as_fewer_than_five_of_one() -> None:
    for known in range(1, 13):
        for stayed in range(known + 1):
            line = summary_text(_summary(known, stayed), 5)
            edge = next(part for part in line.split(" · ") if part.startswith("edge of care"))
            assert SMALL.findall(edge) == [], edge
            assert not re.search(r"fewer than 5 of [0-4]\b", edge), edge
            if known < 5:
                assert edge == "edge of care: fewer than 5 young people, too few to report"


def test_the_headline_in_words_for_the_usual_shapes() -> None:
    said = {
        (12, 6): "edge of care: 50% stayed at home or with family (6 of 12)",
        (10, 8): "edge of care: all but fewer than 5 of 10 stayed at home or with family",
        (9, 8): "edge of care: all but fewer than 5 of 9 stayed at home or with family",
        (9, 2): "edge of care: fewer than 5 of 9 stayed at home or with family",
        (6, 5): "edge of care: all but fewer than 5 stayed at home or with family",
        (5, 3): "edge of care: 5 young people, too few either way to say how many stayed at home",
    }
    for (known, stayed), words in said.items():
        assert words in summary_text(_summary(known, stayed), 5)
    assert "80% stayed at home or with family (8 of 10)" in summary_text(_summary(10, 8), None)
    assert "measured for fewer than 5 young people, too few to report" in summary_text(
        _summary(0, 0, missing=3), 5
    )
    assert "27 before hub support, 6 since (3 young people)" in summary_text(
        _summary(0, 0, missing=3), None
    )
