"""The one Markdown parser configuration, shared by the in-app preview and the exports.

What the facilitator sees in the preview is what the document shows, because both
go through :func:`markdown_to_html` with the same extensions and settings.

People type nested lists with two spaces as often as with four, and start a list on
the line after a sentence without a blank line between. Python-Markdown wants four
spaces and a blank line, so a small preprocessor first rewrites list indentation to
what the parser expects (see :func:`normalise_lists`); everything else is standard
Python-Markdown with the "extra" and "sane_lists" extensions.

The parser recurses once per level of nesting, and so do the preview and the Word
writer after it, so nesting is limited: lists and block quotes deeper than
:data:`MAX_NESTING` levels are shown at that level, with a note saying so, and text
that would still nest too deeply is shown as plain paragraphs with the same note.
Never a crash, whatever a pasted or imported text holds.

Each thread has its own parser: the export worker and the editor's preview render
at the same time, and a Python-Markdown instance keeps state while it converts.
"""

from __future__ import annotations

import html
import re
import threading
from typing import TYPE_CHECKING, Any

from deepdive.text.clean import show_bidi
from deepdive.text.list_nesting import MAX_NESTING, TAB_LENGTH, ListNesting

if TYPE_CHECKING:
    from markdown import Markdown

EXTENSIONS: tuple[str, ...] = ("extra", "sane_lists")
# "extra" gives tables, footnotes, fenced code and abbreviations; "sane_lists" makes a
# numbered list restart where the text restarts.


NESTING_NOTE = (
    f"(Lists and quotes nested more than {MAX_NESTING} levels deep are shown at the "
    f"{MAX_NESTING}th level.)"
)
# Python-Markdown's HTML for text nested within the limits stays well inside this;
# deeper HTML (an odd mix of lists, quotes and definitions) is shown as plain text.
_MAX_HTML_DEPTH = 6 * MAX_NESTING
# A line that opens more containers at once than the limit allows twice over, such
# as "- > - > - > …": rendered as plain text without asking the parser to recurse.
_CROWDED_LINE = re.compile(
    r"^ *(?:(?:[*+-]|[0-9]{1,9}[.)]) +|> {0,3}){" + str(2 * MAX_NESTING + 1) + r",}(?=[^\s*+>-])",
    re.MULTILINE,
)
_ABBREVIATION = re.compile(r"^ {0,3}\*\[", re.MULTILINE)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "col", "wbr", "area", "base", "meta"})


def normalise_lists(text: str) -> str:
    """Rewrite list indentation so 2- or 4-space nesting both nest, in 4-space steps.

    A list item nests under the one above when it is indented at least two spaces
    past that item's marker; text lines inside an item keep their place. A bullet or
    a list starting at 1 directly after a paragraph line starts a list (as in
    CommonMark) rather than running into the paragraph. Fenced code is left alone.
    Lists and quotes deeper than :data:`MAX_NESTING` are kept at that depth.
    """
    return ListNesting.rewrite(text)[0]


_local = threading.local()


def _parser() -> Markdown:
    """This thread's parser (made on first use in each thread)."""
    parser: Markdown | None = getattr(_local, "parser", None)
    if parser is None:
        import markdown  # imported on first use: keeps start-up fast

        parser = markdown.Markdown(
            extensions=_extensions(), tab_length=TAB_LENGTH, output_format="html"
        )
        # Case text is never trusted HTML: without these two steps, tags typed in the
        # text stay visible as text instead of being passed through.
        parser.preprocessors.deregister("html_block")
        parser.inlinePatterns.deregister("html")
        from deepdive.text.table_cells import PRIORITY, SimpleCells

        parser.treeprocessors.register(SimpleCells(parser), "simple_cells", PRIORITY)
        _local.parser = parser
    return parser


def _extensions() -> list[Any]:
    """:data:`EXTENSIONS` as instances: named, Python-Markdown would look each one up
    among the installed packages' entry points, which costs a command such as
    ``deepdive render`` a tenth of a second in importlib.metadata."""
    from markdown.extensions.abbr import AbbrExtension
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.md_in_html import MarkdownInHtmlExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    # "extra" is exactly these seven, registered in this order.
    extra = [
        FencedCodeExtension(),
        FootnoteExtension(),
        AttrListExtension(),
        DefListExtension(),
        TableExtension(),
        AbbrExtension(),
        MarkdownInHtmlExtension(),
    ]
    return [*extra, SaneListExtension()]


def markdown_to_html(text: str) -> str:
    """Render Markdown as an HTML fragment (raw HTML in the text is escaped).

    Nesting past :data:`MAX_NESTING` is flattened, with a note at the end saying so.
    """
    text = show_bidi(text)  # the preview shows direction controls, never obeys them
    prepared, flattened = ListNesting.rewrite(text)
    if _CROWDED_LINE.search(prepared) is not None:
        return _plain_html(text)
    parser = _parser()
    parser.reset()
    # Abbreviations are matched inside cell text too, so the shortcut steps aside.
    cells = parser.treeprocessors["simple_cells"]
    cells.enabled = _ABBREVIATION.search(prepared) is None  # type: ignore[attr-defined]
    try:
        rendered = parser.convert(prepared)
    except RecursionError:
        parser.reset()
        return _plain_html(text)
    if _html_depth(rendered) > _MAX_HTML_DEPTH:
        return _plain_html(text)
    if flattened:
        rendered += f"\n<p><em>{NESTING_NOTE}</em></p>"
    return rendered


def _html_depth(rendered: str) -> int:
    """How deeply the elements of Python-Markdown's HTML nest."""
    if rendered.count("<") < _MAX_HTML_DEPTH:
        return 0
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(rendered):
        if closing:
            depth -= 1
        elif not self_closing and name.lower() not in _VOID_TAGS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _plain_html(text: str) -> str:
    """The text as plain paragraphs, with the nesting note: for text too deep to render."""
    paragraphs = [
        "<p>" + html.escape(" ".join(chunk.split())) + "</p>"
        for chunk in re.split(r"\n[ \t]*\n", text)
        if chunk.strip()
    ]
    return "\n".join([*paragraphs, f"<p><em>{NESTING_NOTE}</em></p>"])
