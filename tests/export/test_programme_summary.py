"""The report's headline figures in words, and each programme measure in a sentence."""

from __future__ import annotations

import re

import pytest

from deepdive.domain.dates import FuzzyDate
from deepdive.export.programme_summary import edge_of_care_sentence, missing_sentence
from deepdive.services.learning import LearningFilter, LearningSummary
from deepdive.services.measure_charts import measure_sentence
from deepdive.services.measures import MeasureInfo, MeasureValueInfo


def _summary(known: int, stayed: int, missing: tuple[int, int, int] = (0, 0, 0)) -> LearningSummary:
    return LearningSummary(
        LearningFilter(), 20, [], [], 0, known, stayed, missing[0], missing[1], missing[2]
    )


@pytest.mark.parametrize(
    ("known", "stayed", "said"),
    [
        (
            12,
            6,
            "Of the 12 young people on the edge of care, 6 (50%) stayed at home or with "
            "family and 6 came into care.",
        ),
        (
            9,
            8,
            "Of the 9 young people on the edge of care, all but fewer than 5 stayed at home "
            "or with family rather than coming into care.",
        ),
        (
            9,
            2,
            "Of the 9 young people on the edge of care, fewer than 5 stayed at home or "
            "with family.",
        ),
        (
            6,
            3,
            "Of the 6 young people on the edge of care, the numbers who stayed at home and "
            "who came into care are each fewer than 5, so neither is shown.",
        ),
        (
            3,
            3,
            "Fewer than 5 of these young people were on the edge of care with a known "
            "result: too few to say how many stayed at home.",
        ),
    ],
)
def test_edge_of_care_in_words_never_gives_a_small_number(
    known: int, stayed: int, said: str
) -> None:
    assert edge_of_care_sentence(_summary(known, stayed), 5) == said


def test_missing_episodes_in_words() -> None:
    assert missing_sentence(_summary(0, 0, (10, 107, 14)), 5) == (
        "Missing episodes fell from 107 before hub support to 14 since, across the 10 "
        "young people whose missing episodes were measured."
    )
    assert "too few to report" in missing_sentence(_summary(0, 0, (3, 40, 2)), 5)
    assert missing_sentence(_summary(0, 0), 5) == ""


def _measure(*values: tuple[str, float, str]) -> MeasureInfo:
    return MeasureInfo(
        1,
        "Residential placements commissioned",
        "placements",
        "",
        tuple(
            MeasureValueInfo(n, 1, FuzzyDate.parse(when), value, source, "")
            for n, (when, value, source) in enumerate(values)
        ),
    )


def test_a_measure_in_a_sentence_with_its_sources() -> None:
    fell = _measure(("2017-07", 48, "Monthly return"), ("2019-09", 24, "Monthly return"))
    assert measure_sentence(fell) == (
        "Residential placements commissioned fell from 48 in July 2017 to 24 placements in "
        "September 2019, down 50%. Source: Monthly return."
    )
    rose = _measure(("2018-01", 34, ""), ("2019-09", 152.5, "Hub records"))
    assert measure_sentence(rose).startswith(
        "Residential placements commissioned rose from 34 in January 2018 to 152.5 placements"
    )
    one = _measure(("2019-09", 24, ""))
    assert measure_sentence(one) == (
        "Residential placements commissioned: 24 placements in September 2019."
    )
    assert measure_sentence(_measure()).startswith("No figures have been recorded yet")


def test_edge_of_care_never_says_a_group_size_that_gives_the_few_away() -> None:
    # 6 young people, "all but fewer than 5" stayed, and the one hidden figure is at
    # least 5: it could only be 5 and 1, so the group's size is left out.
    assert edge_of_care_sentence(_summary(6, 5), 5) == (
        "Of the young people on the edge of care, all but fewer than 5 stayed at home or "
        "with family rather than coming into care."
    )


def test_every_small_count_reads_as_a_sentence_without_a_small_number() -> None:
    small = re.compile(r"(?<!\d)[1-4](?!\d)")
    for known in range(1, 13):
        for stayed in range(known + 1):
            said = edge_of_care_sentence(_summary(known, stayed), 5)
            assert small.findall(said) == [], said
            assert "fewer than 5 of" not in said and "of fewer" not in said, said
            assert said.endswith(".") and said[0].isupper(), said
