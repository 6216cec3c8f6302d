"""Markdown to WordprocessingML, through the same parser the in-app preview uses.

Text goes through :func:`deepdive.text.markdown.markdown_to_html` (so the document
shows what the preview showed) and the resulting HTML is written as Word paragraphs,
lists with real numbering, tables with marked header rows, hyperlinks, code, rules
and real Word footnotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import html as lxml_html
from lxml.etree import _Element

from deepdive.export.markdown_parts import (
    cell_alignment,
    remove_keeping_tail,
    separate_tables,
    starts_right_to_left,
)
from deepdive.export.markdown_tables import table_xml
from deepdive.export.pipe_tables import PipeTable, TableCell, TableRow, split_pipe_tables
from deepdive.export.runs import Runs
from deepdive.export.state import DocumentState, TocEntry, list_indent
from deepdive.export.wordml import (
    PLAIN,
    Format,
    ParaProps,
    bookmark,
    esc,
    paragraph,
    run,
)
from deepdive.text.markdown import markdown_to_html

_SPACE = re.compile(r"[ \t\n\r\f]+")
# Text with none of Markdown's special characters, and no line that could start a
# block, renders as plain paragraphs; skipping the parser for it is what makes a
# 2,000-event chronology quick. tests/export check both paths give the same result.
_PLAIN = re.compile(r"[^\\`*_\[\]<>#|~&{}=+\t!^]*")
_BLOCK_START = re.compile(r"(?m)^(?:[ \-:>]|[0-9]+\.)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "br",
        "code",
        "del",
        "em",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "u",
    ]
)
_BOLD = Format(bold=True)
_QUOTE_STEP = 567


@dataclass(frozen=True)
class _Context:
    """Where a block is being written."""

    style: str | None
    list_style: str
    width: int
    base_level: int = 0
    headings: bool = True
    list_level: int = -1
    indent: int | None = None
    quote: int = 0


def is_plain(text: str) -> bool:
    """Whether ``text`` renders as plain paragraphs (no Markdown syntax in it)."""
    return (
        _PLAIN.fullmatch(text) is not None
        and _BLOCK_START.search(text) is None
        and "  \n" not in text
    )


class MarkdownToWord:
    """Writes Markdown text as WordprocessingML blocks for one document."""

    def __init__(self, state: DocumentState) -> None:
        self.state = state
        self._styles = state.styles
        self.code_style = state.styles("Inline Code")
        self._prefix: str = ""
        self._footnotes: dict[str, _Element] = {}

    # ------------------------------------------------------------------ public
    def blocks(
        self,
        text: str,
        *,
        base_level: int = 0,
        style: str | None = None,
        width: int | None = None,
        headings: bool = True,
        in_table: bool = False,
    ) -> str:
        """The Markdown ``text`` as Word blocks (paragraphs, lists, tables…)."""
        text = self.state.report.clean(text)
        if not text.strip():
            return ""
        context = _Context(
            style=style,
            list_style=style if in_table and style else self._styles("List Paragraph"),
            width=width or self.state.text_width,
            base_level=base_level,
            headings=headings and not in_table,
        )
        if is_plain(text):
            return self._plain(text, context)
        out: list[str] = []
        segments = split_pipe_tables(text)
        if segments is None:
            self._parsed(text, context, out)
        else:  # simple tables read directly (see pipe_tables), the rest parsed
            for segment in segments:
                if not isinstance(segment, str):
                    self._pipe_table(segment, context, out)
                elif is_plain(segment):
                    out.append(self._plain(segment, context))
                else:
                    self._parsed(segment, context, out)
        return separate_tables(out, in_table)

    def _parsed(self, text: str, context: _Context, out: list[str]) -> None:
        """Markdown text through the parser, its blocks added to ``out``."""
        root = lxml_html.fragment_fromstring(markdown_to_html(text), create_parent="div")
        saved = self._footnotes
        self._footnotes = self._take_footnotes(root)
        try:
            self._children(root, context, out)
        finally:
            self._footnotes = saved

    def inline(self, text: str, fmt: Format = PLAIN) -> str:
        """One line of Markdown as runs (for table cells and labels): no blocks."""
        text = self.state.report.clean(text)
        if is_plain(text):
            collapsed = _SPACE.sub(" ", text).strip()
            return run(collapsed, fmt) if collapsed else ""
        root = lxml_html.fragment_fromstring(markdown_to_html(text), create_parent="div")
        writer = Runs(self, fmt)
        for block in root:
            if isinstance(block.tag, str):
                if writer.parts:
                    writer.text(" ", fmt)
                writer.element_content(block, fmt)
        return writer.finish()

    def heading(self, text: str, level: int, *, page_break: bool = False) -> str:
        """A real heading (numbered in the table of contents when shallow enough)."""
        clean = _SPACE.sub(" ", self.state.report.clean(text)).strip()
        return self._heading_xml(run(clean), clean, level, page_break)

    # --------------------------------------------------------------- blocks
    def _plain(self, text: str, context: _Context) -> str:
        out = []
        for chunk in _PARAGRAPH_BREAK.split(text):
            collapsed = _SPACE.sub(" ", chunk).strip()
            if collapsed:
                out.append(self._paragraph(run(collapsed), context, collapsed))
        return "".join(out)

    def _children(self, parent: _Element, context: _Context, out: list[str]) -> None:
        loose = Runs(self, PLAIN)
        if parent.text and parent.text.strip():
            loose.text(parent.text, PLAIN)
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _INLINE_TAGS:
                loose.element(child, PLAIN)
            else:
                if loose.parts:
                    out.append(self._paragraph(loose.finish(), context, ""))
                    loose = Runs(self, PLAIN)
                self._block(child, context, out)
            if child.tail and child.tail.strip():
                loose.text(child.tail, PLAIN)
        if loose.parts:
            out.append(self._paragraph(loose.finish(), context, ""))

    def _block(self, el: _Element, context: _Context, out: list[str]) -> None:
        tag = el.tag
        if tag == "p":
            runs = Runs(self, PLAIN)
            runs.element_content(el, PLAIN)
            if runs.parts:
                out.append(self._paragraph(runs.finish(), context, el.text_content()))
        elif tag in _HEADINGS:
            self._markdown_heading(el, context, out)
        elif tag in ("ul", "ol"):
            self._list(el, context, out)
        elif tag == "blockquote":
            self._children(el, replace(context, quote=context.quote + 1), out)
        elif tag == "pre":
            code = el.text_content().rstrip("\n")
            out.append(
                paragraph(
                    run(self.state.report.clean(code)),
                    ParaProps(style=self._styles("Code Block"), indent_left=context.indent),
                )
            )
        elif tag == "hr":
            out.append(paragraph("", ParaProps(style=context.style, border_bottom=True)))
        elif tag == "table":
            self._table(el, context, out)
        elif tag == "dl":
            self._definitions(el, context, out)
        else:
            self._children(el, context, out)

    def _paragraph(self, runs: str, context: _Context, text: str) -> str:
        if self._prefix:
            runs, self._prefix = self._prefix + runs, ""
        style = context.style
        indent = context.indent
        if context.quote:
            style = self._styles("Quote")
            if context.quote > 1 or indent:
                indent = (indent or 0) + _QUOTE_STEP * context.quote
        bidi = bool(text) and starts_right_to_left(text)
        return paragraph(runs, ParaProps(style=style, indent_left=indent, bidi=bidi))

    def _markdown_heading(self, el: _Element, context: _Context, out: list[str]) -> None:
        runs = Runs(self, PLAIN)
        runs.element_content(el, PLAIN)
        text = _SPACE.sub(" ", el.text_content()).strip()
        if not context.headings:
            bold = Runs(self, _BOLD)
            bold.element_content(el, _BOLD)
            out.append(paragraph(bold.finish(), ParaProps(style=context.style, keep_next=True)))
            return
        out.append(
            self._heading_xml(runs.finish(), text, context.base_level + _HEADINGS[el.tag], False)
        )

    def _heading_xml(self, runs: str, text: str, wanted: int, page_break: bool) -> str:
        headings = self.state.headings
        level = headings.level_for(wanted)
        name, number = headings.new_bookmark()
        if level <= headings.toc_depth:
            headings.entries.append(TocEntry(level, self.state.report.clean(text), name))
        # Kept with what follows even when a team's reference document forgets to.
        props = ParaProps(
            style=self._styles.heading(level), keep_next=True, page_break_before=page_break
        )
        return paragraph(bookmark(name, number, runs), props)

    def _list(self, el: _Element, context: _Context, out: list[str]) -> None:
        level = min(context.list_level + 1, 8)
        if el.tag == "ol":
            start = el.get("start", "1")
            num_id = self.state.numbering.numbered_list(level, int(start) if start.isdigit() else 1)
        else:
            num_id = self.state.numbering.bullet_list()
        item_context = replace(context, list_level=level, indent=list_indent(level), quote=0)
        numbered = ParaProps(style=context.list_style, num_id=num_id, level=level)
        for item in el:
            if isinstance(item.tag, str) and item.tag == "li":
                self._list_item(item, item_context, numbered, out)

    def _list_item(
        self, item: _Element, context: _Context, numbered: ParaProps, out: list[str]
    ) -> None:
        runs = Runs(self, PLAIN)
        if item.text and item.text.strip():
            runs.text(item.text, PLAIN)
        blocks: list[_Element] = []
        for child in item:
            if not isinstance(child.tag, str):
                continue
            if blocks or child.tag not in _INLINE_TAGS:
                blocks.append(child)
            else:
                runs.element(child, PLAIN)
            if child.tail and child.tail.strip() and not blocks:
                runs.text(child.tail, PLAIN)
        if not runs.parts and blocks and blocks[0].tag == "p":
            runs.element_content(blocks.pop(0), PLAIN)
        prefix, self._prefix = self._prefix, ""
        out.append(paragraph(prefix + runs.finish(), numbered))
        for block in blocks:
            self._block(block, context, out)

    def _table(self, el: _Element, context: _Context, out: list[str]) -> None:
        """A table of the parser's HTML, written as :meth:`_pipe_table` writes."""
        rows: list[TableRow] = []
        for row in el.iter("tr"):
            header = row.getparent() is not None and row.getparent().tag == "thead"
            cells = [
                TableCell(header or cell.tag == "th", cell_alignment(cell.get("style", "")), cell)
                for cell in row
                if cell.tag in ("td", "th")
            ]
            rows.append(TableRow(header, cells))
        self._pipe_table(PipeTable(rows), context, out)

    def _pipe_table(self, table: PipeTable, context: _Context, out: list[str]) -> None:
        width = context.width - (context.indent or 0)
        if any(row.cells for row in table.rows):  # a table with no cells is left out
            out.append(table_xml(self, table, width))

    def _definitions(self, el: _Element, context: _Context, out: list[str]) -> None:
        for child in el:
            if child.tag == "dt":
                runs = Runs(self, _BOLD)
                runs.element_content(child, _BOLD)
                props = ParaProps(style=context.style, keep_next=True, space_after=0)
                out.append(paragraph(runs.finish(), props))
            elif child.tag == "dd":
                inner = replace(context, indent=(context.indent or 0) + _QUOTE_STEP)
                self._children(child, inner, out)

    # ------------------------------------------------------------ footnotes
    @staticmethod
    def _take_footnotes(root: _Element) -> dict[str, _Element]:
        notes: dict[str, _Element] = {}
        for div in root.findall(".//div[@class='footnote']"):
            for item in div.iter("li"):
                if item.get("id"):
                    notes[item.get("id", "")] = item
            parent = div.getparent()
            if parent is not None:
                parent.remove(div)
        return notes

    def footnote_reference(self, target: str) -> str:
        """A real Word footnote for the Markdown footnote ``target`` (``fn:1``)."""
        item = self._footnotes.pop(target, None)
        if item is None:
            return ""
        for back in item.findall(".//a[@class='footnote-backref']"):
            parent = back.getparent()
            if parent is not None:
                remove_keeping_tail(back)
        ref = f'<w:r><w:rPr><w:rStyle w:val="{esc(self._styles("footnote reference"))}"/></w:rPr>'
        saved_prefix = self._prefix
        self._prefix = ref + "<w:footnoteRef/></w:r>" + run(" ")
        out: list[str] = []
        note_context = _Context(
            style=self._styles("footnote text"),
            list_style=self._styles("footnote text"),
            width=self.state.text_width,
            headings=False,
        )
        self.state.in_footnote = True
        try:
            self._children(item, note_context, out)
        finally:
            self.state.in_footnote = False
        if self._prefix:  # an empty footnote still needs its mark
            out.append(paragraph(self._prefix, ParaProps(style=note_context.style)))
        self._prefix = saved_prefix
        number = self.state.add_footnote("".join(out))
        return f'{ref}<w:footnoteReference w:id="{number}"/></w:r>'
