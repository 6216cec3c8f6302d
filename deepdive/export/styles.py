"""The styles the exporter uses, by the names Word knows them by.

resources/reference.docx (built by scripts/build_reference_doc.py) defines every one
of them. A team's reference document may define some differently or not at all: each
name is looked up in the team's styles first, and a missing one is copied over from
the default reference document (see :mod:`deepdive.export.reference`).
"""

from __future__ import annotations

from dataclasses import dataclass

# Word's built-in names are lower case for some styles ("heading 1", "toc 1").
PARAGRAPH_STYLES: tuple[str, ...] = (
    "Normal",
    "Title",
    "Subtitle",
    "heading 1",
    "heading 2",
    "heading 3",
    "heading 4",
    "heading 5",
    "heading 6",
    "List Paragraph",
    "Quote",
    "caption",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "toc 3",
    "footnote text",
    "header",
    "footer",
    "Code Block",
    "Table Text",
    "Table Heading",
    "Protective Marking",
    "Cover Detail",
)
CHARACTER_STYLES: tuple[str, ...] = ("Hyperlink", "footnote reference", "Inline Code")
TABLE_STYLES: tuple[str, ...] = ("Case Study Table",)
ALL_STYLES: tuple[str, ...] = PARAGRAPH_STYLES + CHARACTER_STYLES + TABLE_STYLES
MAX_HEADING = 6


@dataclass(frozen=True)
class StyleIds:
    """The style id each name has in the document being written."""

    ids: dict[str, str]

    def __call__(self, name: str) -> str:
        """The style id for ``name`` (every name in ALL_STYLES is present)."""
        return self.ids[name.casefold()]

    def heading(self, level: int) -> str:
        """The id of Heading ``level`` (1–6)."""
        return self(f"heading {level}")
