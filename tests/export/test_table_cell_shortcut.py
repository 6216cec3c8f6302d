"""The shortcut for simple table cells gives exactly the full parser's HTML."""

from __future__ import annotations

import random

import pytest

from deepdive.text.markdown import _parser, markdown_to_html

CELLS = [
    "plain words",
    "x **bold** y",
    "**bold** at the start",
    "at the end *em*",
    "*em* and **strong** and *more em*",
    "a**b**c",
    "a*b*c",
    "** not bold **",
    "* not em *",
    "**unclosed",
    "*unclosed",
    "***both***",
    "**bold *nested em* still**",
    "a * b * c",
    "2 * 3 = 6",
    "snake_case and __dunder__",
    "AT&T and &amp; and &copy;",
    "a `code` span",
    "a [link](http://example.org) here",
    "an email <someone@example.org>",
    "escaped \\*stars\\*",
    "quote \"marks\" and 'apostrophes'",
    "ends with two spaces  ",
    "curly {braces}",
    "émoji 😀 and café",
    "**",
    "*",
    "****",
    "**a** **b**",
    "*a**b*",
]


def _full(text: str) -> str:
    """The HTML of ``text`` with the shortcut switched off."""
    shortcut = _parser().treeprocessors["simple_cells"]
    original = shortcut.run
    shortcut.run = lambda root: None  # type: ignore[method-assign]
    try:
        return markdown_to_html(text)
    finally:
        shortcut.run = original  # type: ignore[method-assign]


def _table(cells: list[str]) -> str:
    rows = ["| A | B |", "|---|---|"]
    rows += [f"| {cell} | {cell} |" for cell in cells]
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("cell", CELLS)
def test_each_kind_of_cell_renders_as_the_full_parser_renders_it(cell: str) -> None:
    text = _table([cell])
    assert markdown_to_html(text) == _full(text)


def test_random_cells_render_as_the_full_parser_renders_them() -> None:
    rng = random.Random(18)
    alphabet = ["word", " ", "*", "**", "x", "_", "&", "é", "1", ".", "-", "'"]
    cells = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(400)]
    cells = [cell.replace("|", "") for cell in cells if cell.strip()]
    text = _table(cells)
    assert markdown_to_html(text) == _full(text)


def test_abbreviations_still_apply_inside_cells() -> None:
    text = _table(["the LAC review"]) + "\n*[LAC]: Looked after child\n"
    assert '<abbr title="Looked after child">LAC</abbr>' in markdown_to_html(text)
