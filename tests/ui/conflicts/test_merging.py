"""Who changed what since an editor read a row, and the words that differ, marked."""

from __future__ import annotations

from deepdive.ui.conflicts.marking import marked_pair
from deepdive.ui.conflicts.merging import compare, merged

BASE = {"summary": "Lives with Nan.", "status": "draft", "tags": ["missing"]}


def test_a_field_only_one_side_changed_needs_no_choice() -> None:
    mine = {**BASE, "summary": "Lives with Nan. Sees Dad."}
    theirs = {**BASE, "status": "in_review"}
    diff = compare(BASE, mine, theirs)
    assert (diff.mine, diff.theirs, diff.needs_choice) == ({"summary"}, {"status"}, False)
    assert merged(theirs, mine, diff.mine) == {
        "summary": "Lives with Nan. Sees Dad.",
        "status": "in_review",
        "tags": ["missing"],
    }


def test_the_same_field_changed_differently_is_a_clash_and_the_same_change_is_not() -> None:
    mine = {**BASE, "summary": "Mine."}
    assert compare(BASE, mine, {**BASE, "summary": "Theirs."}).clashes == {"summary"}
    assert not compare(BASE, mine, {**BASE, "summary": "Mine."}).needs_choice


def test_only_the_fields_typed_count_as_mine() -> None:
    shown = {**BASE, "status": "final"}  # shown, but not typed in: a stale display
    diff = compare(BASE, shown, {**BASE, "status": "in_review"}, typed=["summary"])
    assert not diff.mine and not diff.needs_choice


def test_the_words_that_differ_are_marked_in_both_and_the_text_is_escaped() -> None:
    theirs, mine = marked_pair("Found at 6am <b>late</b>", "Found at 5.40am <b>late</b>")
    assert "6am" in theirs and "5.40am" in mine
    assert theirs.count("<span") == 1 and mine.count("<span") == 1
    assert "&lt;b&gt;late&lt;/b&gt;" in theirs  # typed text is never read as markup
    assert "Found at" in theirs.split("<span")[0]
    assert marked_pair("", "New", empty="(nothing)")[0] == "<i>(nothing)</i>"
