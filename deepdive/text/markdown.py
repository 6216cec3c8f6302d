"""The one Markdown parser configuration, shared by the in-app preview and the exports.

What the facilitator sees in the preview is what the document shows, because both
go through :func:`markdown_to_html` with the same extensions and settings.

People type nested lists with two spaces as often as with four, and start a list on
the line after a sentence without a blank line between. Python-Markdown wants four
spaces and a blank line, so a small preprocessor first rewrites list indentation to
what the parser expects (see :func:`normalise_lists`); everything else is standard
Python-Markdown with the "extra" and "sane_lists" extensions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown import Markdown

EXTENSIONS: tuple[str, ...] = ("extra", "sane_lists")
# "extra" gives tables, footnotes, fenced code and abbreviations; "sane_lists" makes a
# numbered list restart where the text restarts.
TAB_LENGTH = 4

_ITEM = re.compile(r"( *)([*+-]|[0-9]{1,9}\.)( +)(?=\S)")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *")
_FENCE = re.compile(r" *(`{3,}|~{3,})")


@dataclass
class _Item:
    """An open list item: where its marker was typed and where its text starts."""

    marker_col: int
    content_col: int
    loose: bool = False
    """A blank line came inside the item (Python-Markdown then needs one after it)."""

    @property
    def child_col(self) -> int:
        # Two spaces past the marker already make a nested list: that is how people type.
        return self.marker_col + 2


def normalise_lists(text: str) -> str:
    """Rewrite list indentation so 2- or 4-space nesting both nest, in 4-space steps.

    A list item nests under the one above when it is indented at least two spaces
    past that item's marker; text lines inside an item keep their place. A bullet or
    a list starting at 1 directly after a paragraph line starts a list (as in
    CommonMark) rather than running into the paragraph. Fenced code is left alone.
    """
    if "\n" not in text and not _ITEM.match(text):
        return text
    out: list[str] = []
    stack: list[_Item] = []
    fence: str | None = None
    fence_shift = 0
    previous_blank = True
    text_level = -1  # the nesting level of the text line just written, if it was text
    for raw in text.split("\n"):
        line = raw.expandtabs(TAB_LENGTH) if "\t" in raw else raw
        if fence is not None:
            out.append(_shift(line, fence_shift))
            if line.strip().startswith(fence):
                fence = None
            continue
        stripped = line.lstrip(" ")
        if not stripped:
            out.append(line)
            previous_blank = True
            for open_item in stack:
                open_item.loose = True
            continue
        indent = len(line) - len(stripped)
        item = None if _RULE.fullmatch(line) else _ITEM.match(line)
        new_line = line
        level = -1
        if item is not None and (stack or indent < TAB_LENGTH):
            in_list = bool(stack)
            closed_loose = False
            while stack and indent < stack[-1].child_col:
                closed_loose = stack.pop().loose
            level = len(stack)
            if not previous_blank and (
                (not in_list and _interrupts(item))
                or (level > 0 and text_level == level)
                or closed_loose
            ):
                # A list may interrupt a paragraph, at the top or inside an item.
                out.append("")
            new_line = " " * (TAB_LENGTH * level) + line[indent:]
            stack.append(_Item(indent, indent + len(item.group(2)) + len(item.group(3))))
            text_level = -1
        elif stack:
            if indent == 0:
                if previous_blank:
                    stack.clear()  # unindented text after a blank line ends the list
            else:
                while stack and indent < stack[-1].child_col:
                    stack.pop()
                if stack:
                    extra = max(0, indent - stack[-1].content_col)
                    new_line = " " * (TAB_LENGTH * len(stack) + extra) + stripped
                    level = len(stack)
            text_level = level
        else:
            text_level = -1
        fenced = _FENCE.match(new_line)
        if fenced is not None:
            fence = fenced.group(1)[:3]
            fence_shift = (len(new_line) - len(new_line.lstrip(" "))) - indent
        out.append(new_line)
        previous_blank = False
    return "\n".join(out)


def _interrupts(item: re.Match[str]) -> bool:
    marker = item.group(2)
    return not marker[0].isdigit() or marker == "1."


def _shift(line: str, shift: int) -> str:
    if shift >= 0:
        return " " * shift + line if line else line
    indent = len(line) - len(line.lstrip(" "))
    return line[min(indent, -shift) :]


@lru_cache(maxsize=1)
def _parser() -> Markdown:
    import markdown  # imported on first use: keeps start-up fast

    parser = markdown.Markdown(
        extensions=list(EXTENSIONS), tab_length=TAB_LENGTH, output_format="html"
    )
    # Case text is never trusted HTML: without these two steps, tags typed in the text
    # stay visible as text instead of being passed through.
    parser.preprocessors.deregister("html_block")
    parser.inlinePatterns.deregister("html")
    return parser


def markdown_to_html(text: str) -> str:
    """Render Markdown as an HTML fragment (raw HTML in the text is escaped)."""
    parser = _parser()
    parser.reset()
    return parser.convert(normalise_lists(text))
