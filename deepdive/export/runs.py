"""The runs of one paragraph: inline Markdown (emphasis, code, links, footnote marks).

Only http, https and mailto links become live hyperlinks; any other link is written
as its plain text, and the export result notes it (see :mod:`deepdive.text.links`).

Whitespace is collapsed as HTML does, so the document spaces words exactly as the
in-app preview does.
"""

from __future__ import annotations

import re
from typing import Protocol

from lxml.etree import _Element

from deepdive.export.state import DocumentState
from deepdive.export.wordml import Format, run
from deepdive.text.links import UNSAFE_LINK_NOTE, is_safe_link

_SPACE = re.compile(r"[ \t\n\r\f]+")


class RunWriter(Protocol):
    """What the runs need of the document being written (``MarkdownToWord`` is one)."""

    state: DocumentState
    code_style: str

    def footnote_reference(self, target: str) -> str:
        """The footnote mark for the Markdown footnote ``target``, as run XML."""
        ...


class Runs:
    """Collects the runs of one paragraph, collapsing whitespace as HTML does."""

    def __init__(self, writer: RunWriter, fmt: Format) -> None:
        self.writer = writer
        self.parts: list[tuple[str, Format | None]] = []
        """Text with its format, or raw XML (format None), in order."""
        self._space = True  # at the start, or after a space or a line break
        self._base = fmt

    def text(self, text: str, fmt: Format) -> None:
        text = _SPACE.sub(" ", text)
        if self._space and text.startswith(" "):
            text = text[1:]
        if text:
            self.parts.append((self.writer.state.report.clean(text), fmt))
            self._space = text.endswith(" ")

    def raw(self, xml: str, *, is_break: bool = False) -> None:
        if is_break:
            self._trim_end()
        self.parts.append((xml, None))
        self._space = is_break

    def _trim_end(self) -> None:
        if self.parts and self.parts[-1][1] is not None:
            text, fmt = self.parts[-1]
            self.parts[-1] = (text.rstrip(" "), fmt)

    def element_content(self, el: _Element, fmt: Format) -> None:
        if el.text:
            self.text(el.text, fmt)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child, fmt)
            if child.tail:
                self.text(child.tail, fmt)

    def element(self, el: _Element, fmt: Format) -> None:
        tag = el.tag
        if tag in ("em", "i"):
            self.element_content(el, fmt.plus(italic=True))
        elif tag in ("strong", "b"):
            self.element_content(el, fmt.plus(bold=True))
        elif tag in ("code", "kbd", "samp"):
            self.text(el.text_content(), fmt.plus(code=True))
        elif tag in ("del", "s", "strike"):
            self.element_content(el, fmt.plus(strike=True))
        elif tag == "br":
            self.raw("<w:r><w:br/></w:r>", is_break=True)
        elif tag == "sup":
            link = el.find("a")
            if link is not None and link.get("class") == "footnote-ref":
                self.raw(self.writer.footnote_reference(link.get("href", "").lstrip("#")))
            else:
                self.element_content(el, fmt.plus(superscript=True))
        elif tag == "sub":
            self.element_content(el, fmt.plus(subscript=True))
        elif tag == "a":
            self._link(el, fmt)
        elif tag == "img":
            alt = el.get("alt", "").strip() or el.get("src", "")
            self.text(f"[Image: {alt}]", fmt.plus(italic=True))
        else:
            self.element_content(el, fmt)

    def _link(self, el: _Element, fmt: Format) -> None:
        href = (el.get("href") or "").strip()
        if not href or href.startswith("#"):
            self.element_content(el, fmt)
            return
        if not is_safe_link(href):  # javascript:, file:, relative paths: plain text
            self.writer.state.report.note_once(UNSAFE_LINK_NOTE)
            self.element_content(el, fmt)
            return
        rel_id = self.writer.state.hyperlink_id(self.writer.state.report.clean(href))
        self.parts.append((f'<w:hyperlink r:id="{rel_id}" w:history="1">', None))
        self.element_content(el, fmt.plus(style=self.writer.state.styles("Hyperlink")))
        self.parts.append(("</w:hyperlink>", None))

    def finish(self) -> str:
        self._trim_end()
        code_style = self.writer.code_style
        return "".join(
            xml_or_text if fmt is None else run(xml_or_text, fmt, code_style)
            for xml_or_text, fmt in self.parts
            if fmt is None or xml_or_text
        )
