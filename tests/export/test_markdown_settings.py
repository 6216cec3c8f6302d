"""The preview and the export share one Markdown configuration; lists nest as people type."""

from __future__ import annotations

from deepdive.text.markdown import markdown_to_html, normalise_lists


def test_two_and_four_space_nesting_both_nest_in_the_preview() -> None:
    two = markdown_to_html("- a\n  - b\n    - c\n- d")
    four = markdown_to_html("- a\n    - b\n        - c\n- d")
    expected = (
        "<ul>\n<li>a<ul>\n<li>b<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ul>"
    )
    assert two == four == expected


def test_a_list_straight_after_a_sentence_is_a_list() -> None:
    html = markdown_to_html("What helped:\n- a key worker\n- Nan")
    assert html == "<p>What helped:</p>\n<ul>\n<li>a key worker</li>\n<li>Nan</li>\n</ul>"


def test_numbered_lists_restart_and_keep_their_start() -> None:
    html = markdown_to_html("1. one\n2. two\n\nText\n\n4. four\n5. five")
    assert "<ol>\n<li>one</li>" in html
    assert '<ol start="4">' in html


def test_code_and_a_year_starting_a_sentence_are_left_alone() -> None:
    assert normalise_lists("```\n- x\n  - y\n```") == "```\n- x\n  - y\n```"
    text = "Things went wrong in\n2018. That year he moved."
    assert normalise_lists(text) == text
    assert "<ol" not in markdown_to_html(text)


def test_raw_html_is_still_shown_as_text() -> None:
    assert "&lt;b&gt;" in markdown_to_html("<b>not bold</b>")
