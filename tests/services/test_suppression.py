"""Small-number suppression: a hidden small part of a total can never be worked out."""

from __future__ import annotations

from itertools import product

import pytest
from suppression_reader import pinned

from deepdive.services.suppression import hide_parts, suppress_parts


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ((10, 2, 1), ["10", "fewer than 5", "fewer than 5"]),  # two small: neither alone
        ((11, 2, 0), ["not shown", "fewer than 5", "0"]),  # 13 - 11 would give the 2
        # 1 + 5 = 6 would pin the 1 (the 5 is at least 5): the 10 goes too.
        ((1, 5, 10), ["fewer than 5", "not shown", "not shown"]),
        ((2, 6, 7), ["fewer than 5", "not shown", "7"]),
        ((8, 9, 12), ["8", "9", "12"]),
        ((0, 0, 7), ["0", "0", "7"]),
    ],
)
def test_parts_of_a_total_hide_what_would_give_a_small_one_away(
    counts: tuple[int, ...], shown: list[str]
) -> None:
    assert suppress_parts(counts, 5) == shown
    assert pinned(shown, sum(counts)) == []


def test_no_small_part_of_any_total_can_be_worked_out() -> None:
    """Every split of up to 12 young people into two or three parts, read by someone
    who knows the rule; where even hiding every part is not enough, the total goes."""
    for size in (2, 3):
        for counts in product(range(13), repeat=size):
            parts = hide_parts(counts, 5)
            if parts.total_hidden:
                assert all(parts.value(i) is None for i in range(size) if counts[i]), counts
                continue
            assert pinned(parts.texts, sum(counts)) == [], (counts, parts.texts)
            # A part is hidden only when a small one needs it.
            if not any(0 < n < 5 for n in counts):
                assert parts.texts == [str(n) for n in counts]


def test_the_total_itself_goes_when_hiding_every_part_is_not_enough() -> None:
    assert hide_parts((4, 4), 5).total_hidden  # "fewer than 5" twice, of 8: both 4
    assert hide_parts((5, 1), 5).total_hidden  # of 6, the hidden 5 and 1 are the only way
    assert not hide_parts((9, 1), 5).total_hidden


def test_without_a_threshold_every_part_shows() -> None:
    assert hide_parts((1, 2, 3), None).texts == ["1", "2", "3"]
