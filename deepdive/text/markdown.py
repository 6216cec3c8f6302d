"""The one Markdown parser configuration, shared by the in-app preview and the exports.

What the facilitator sees in the preview is what the document shows, because both
go through :func:`markdown_to_html` with the same extensions and settings.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown import Markdown

EXTENSIONS: tuple[str, ...] = ("extra", "sane_lists")
# "extra" gives tables, footnotes, fenced code and abbreviations; "sane_lists" makes a
# numbered list restart where the text restarts.
TAB_LENGTH = 4


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
    return parser.convert(text)
