"""What one document being written keeps track of: lists, footnotes, links, headings.

Everything here is collected while the body is written as XML and turned into parts
(numbering definitions, footnotes, relationships) when the package is finished.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from deepdive.export.styles import MAX_HEADING, StyleIds
from deepdive.export.wordml import TextReport, esc

# Indentation of list levels, in twentieths of a point: 0.75 cm per level.
LIST_STEP = 425
LIST_HANGING = 283
BULLETS = ("•", "◦", "▪")
NUMBER_FORMATS = (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}."))


def list_indent(level: int) -> int:
    """The left indent of list level ``level`` (0-based)."""
    return LIST_STEP * (level + 1)


@dataclass
class Numbering:
    """Bullet and numbered list definitions; each numbered list restarts at its start."""

    bullet_abstract_id: int
    number_abstract_id: int
    first_num_id: int
    nums: list[str] = field(default_factory=list)
    _bullet_num: int | None = None

    def bullet_list(self) -> int:
        """The numbering id for bullets (bullets never count, so one id serves all)."""
        if self._bullet_num is None:
            self._bullet_num = self._add(self.bullet_abstract_id, None)
        return self._bullet_num

    def numbered_list(self, level: int, start: int = 1) -> int:
        """A fresh numbering id for a numbered list at ``level`` starting at ``start``."""
        return self._add(self.number_abstract_id, (level, start))

    def _add(self, abstract_id: int, restart: tuple[int, int] | None) -> int:
        num_id = self.first_num_id + len(self.nums)
        override = ""
        if restart is not None:
            level, start = restart
            override = (
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/>'
                "</w:lvlOverride>"
            )
        self.nums.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        )
        return num_id

    def abstract_definitions(self) -> list[str]:
        """The two ``w:abstractNum`` elements, nine levels each."""
        bullet_levels = []
        number_levels = []
        for level in range(9):
            indent = (
                f'<w:pPr><w:ind w:left="{list_indent(level)}" w:hanging="{LIST_HANGING}"/></w:pPr>'
            )
            bullet = esc(BULLETS[level % len(BULLETS)])
            bullet_levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                f'<w:lvlText w:val="{bullet}"/><w:lvlJc w:val="left"/>{indent}</w:lvl>'
            )
            fmt, text = NUMBER_FORMATS[level % len(NUMBER_FORMATS)]
            number_levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text.format(n=level + 1)}"/><w:lvlJc w:val="left"/>'
                f"{indent}</w:lvl>"
            )
        return [
            f'<w:abstractNum w:abstractNumId="{self.bullet_abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(bullet_levels)}</w:abstractNum>',
            f'<w:abstractNum w:abstractNumId="{self.number_abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(number_levels)}</w:abstractNum>',
        ]


@dataclass(frozen=True)
class TocEntry:
    """A heading the table of contents lists."""

    level: int
    text: str
    bookmark: str


@dataclass
class Headings:
    """Heading levels without gaps, and bookmarks for the table of contents."""

    toc_depth: int = 2
    last_level: int = 0
    entries: list[TocEntry] = field(default_factory=list)
    next_bookmark: int = 1

    def level_for(self, wanted: int) -> int:
        """``wanted`` brought down so no level is skipped (a 1 after a 1 stays 1)."""
        level = max(1, min(wanted, self.last_level + 1, MAX_HEADING))
        self.last_level = level
        return level

    def new_bookmark(self) -> tuple[str, int]:
        """A fresh bookmark name and id."""
        number = self.next_bookmark
        self.next_bookmark += 1
        return f"_Toc{number:08d}", number


@dataclass
class DocumentState:
    """Shared state for one document being written."""

    styles: StyleIds
    numbering: Numbering
    link_id: Callable[[str], str]
    """Gives the relationship id for an external hyperlink target."""
    text_width: int
    """The width between the margins, in twentieths of a point."""
    report: TextReport = field(default_factory=TextReport)
    headings: Headings = field(default_factory=Headings)
    footnotes: list[str] = field(default_factory=list)
    first_footnote_id: int = 1
    in_footnote: bool = False
    footnote_links: dict[str, str] = field(default_factory=dict)
    """Hyperlinks inside footnotes belong to the footnotes part: relationship id → target."""

    def hyperlink_id(self, target: str) -> str:
        """The relationship id for a hyperlink written where the text is now going."""
        if not self.in_footnote:
            return self.link_id(target)
        for rel_id, known in self.footnote_links.items():
            if known == target:
                return rel_id
        rel_id = f"rIdLink{len(self.footnote_links) + 1}"
        self.footnote_links[rel_id] = target
        return rel_id

    def add_footnote(self, paragraphs_xml: str) -> int:
        """Store a footnote's paragraphs; returns its id for the reference in the text."""
        footnote_id = self.first_footnote_id + len(self.footnotes)
        self.footnotes.append(f'<w:footnote w:id="{footnote_id}">{paragraphs_xml}</w:footnote>')
        return footnote_id
