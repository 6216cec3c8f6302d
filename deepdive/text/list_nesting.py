"""Rewriting typed list indentation into what Python-Markdown reads (see
:func:`deepdive.text.markdown.normalise_lists`), one line at a time.

People nest lists with two spaces as often as with four and start a list straight
after a sentence; Python-Markdown wants four spaces and a blank line. Lists and block
quotes deeper than :data:`MAX_NESTING` are kept at that depth, and fenced code is
left as typed (shifted with its list item).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TAB_LENGTH = 4
MAX_NESTING = 8
"""Lists and block quotes deeper than this are shown at this depth."""

_ITEM = re.compile(r"( *)([*+-]|[0-9]{1,9}\.)( +)(?=\S)")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *")
_FENCE = re.compile(r" *(`{3,}|~{3,})")
_QUOTES = re.compile(
    r"( *(?:(?:[*+-]|[0-9]{1,9}[.)]) +)?)((?:> {0,3}){" + str(MAX_NESTING + 1) + ",})"
)


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


@dataclass
class ListNesting:
    """The rewriter's state as it walks the text: open items, an open code fence."""

    out: list[str] = field(default_factory=list)
    flattened: bool = False  # some nesting was deeper than the limit
    stack: list[_Item] = field(default_factory=list)
    fence: str | None = None
    fence_shift: int = 0
    previous_blank: bool = True
    text_level: int = -1  # the nesting level of the text line just written, if text

    @classmethod
    def rewrite(cls, text: str) -> tuple[str, bool]:
        """``text`` with its lists re-indented, and whether any nesting was flattened."""
        if "\n" not in text and not _ITEM.match(text) and ">" not in text:
            return text, False
        state = cls()
        for raw in text.split("\n"):
            state.add(raw.expandtabs(TAB_LENGTH) if "\t" in raw else raw)
        return "\n".join(state.out), state.flattened

    def add(self, line: str) -> None:
        """Write one line of the text, re-indented."""
        if self.fence is not None:
            self.out.append(_shift(line, self.fence_shift))
            if line.strip().startswith(self.fence):
                self.fence = None
            return
        stripped = line.lstrip(" ")
        if not stripped:
            self.out.append(line)
            self.previous_blank = True
            for open_item in self.stack:
                open_item.loose = True
            return
        indent = len(line) - len(stripped)
        item = None if _RULE.fullmatch(line) else _ITEM.match(line)
        if item is not None and (self.stack or indent < TAB_LENGTH):
            new_line = self._item(line, indent, item)
        elif self.stack:
            new_line = self._text_in_list(line, indent, stripped)
        else:
            new_line = line
            self.text_level = -1
        self.out.append(self._fence_or_quotes(new_line, indent))
        self.previous_blank = False

    def _item(self, line: str, indent: int, item: re.Match[str]) -> str:
        """A list item: nested under the open item it is indented past, if any."""
        in_list = bool(self.stack)
        closed_loose = False
        while self.stack and indent < self.stack[-1].child_col:
            closed_loose = self.stack.pop().loose
        if len(self.stack) >= MAX_NESTING:
            # Too deep: the item joins the deepest allowed list instead.
            self.flattened = True
            self.stack.pop()
        level = len(self.stack)
        if not self.previous_blank and (
            (not in_list and _interrupts(item))
            or (level > 0 and self.text_level == level)
            or closed_loose
        ):
            # A list may interrupt a paragraph, at the top or inside an item.
            self.out.append("")
        self.stack.append(_Item(indent, indent + len(item.group(2)) + len(item.group(3))))
        self.text_level = -1
        return " " * (TAB_LENGTH * level) + line[indent:]

    def _text_in_list(self, line: str, indent: int, stripped: str) -> str:
        """A text line while a list is open: it stays in its item, or ends the list."""
        new_line = line
        level = -1
        if indent == 0:
            if self.previous_blank:
                self.stack.clear()  # unindented text after a blank line ends the list
        else:
            while self.stack and indent < self.stack[-1].child_col:
                self.stack.pop()
            if self.stack:
                extra = max(0, indent - self.stack[-1].content_col)
                new_line = " " * (TAB_LENGTH * len(self.stack) + extra) + stripped
                level = len(self.stack)
        self.text_level = level
        return new_line

    def _fence_or_quotes(self, new_line: str, indent: int) -> str:
        """Open a code fence, or keep block quotes within the nesting limit."""
        fenced = _FENCE.match(new_line)
        if fenced is not None:
            self.fence = fenced.group(1)[:3]
            self.fence_shift = (len(new_line) - len(new_line.lstrip(" "))) - indent
        elif ">" in new_line:
            quotes = _QUOTES.match(new_line)
            if quotes is not None:
                self.flattened = True
                return quotes.group(1) + "> " * MAX_NESTING + new_line[quotes.end() :]
        return new_line


def _interrupts(item: re.Match[str]) -> bool:
    marker = item.group(2)
    return not marker[0].isdigit() or marker == "1."


def _shift(line: str, shift: int) -> str:
    if shift >= 0:
        return " " * shift + line if line else line
    indent = len(line) - len(line.lstrip(" "))
    return line[min(indent, -shift) :]
