"""Reading exported documents back: python-docx plus the raw package parts."""

from __future__ import annotations

import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import docx
from lxml import etree
from openxml_audit import OpenXmlValidator

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
EXPORT_DAY = date(2025, 11, 26)


def open_docx(path: Path) -> Any:
    """The document as python-docx reads it."""
    return docx.Document(str(path))


def part_xml(path: Path, name: str) -> etree._Element | None:
    """One part of the package parsed, or None if it is not there."""
    with zipfile.ZipFile(path) as package:
        if name not in package.namelist():
            return None
        return etree.fromstring(package.read(name))


def part_names(path: Path) -> list[str]:
    """Every part in the package."""
    with zipfile.ZipFile(path) as package:
        return package.namelist()


def headings(document: Any) -> list[tuple[int, str]]:
    """(level, text) of every heading paragraph, in order."""
    found = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.lower().startswith("heading "):
            found.append((int(name.split()[-1]), paragraph.text))
    return found


def text_of(element: etree._Element) -> str:
    """All w:t text inside an element."""
    return "".join(element.itertext())


def body(path: Path) -> etree._Element:
    """word/document.xml's body element."""
    document = part_xml(path, "word/document.xml")
    assert document is not None
    found = document.find(f"{{{W}}}body")
    assert found is not None
    return found


def _png(width: int, height: int) -> bytes:
    """A real (tiny, white) PNG image, as the timeline drawing code would give."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


PNG = _png(180, 60)


def schema_errors(path: Path) -> list[str]:
    """Every schema and semantic error the validator finds (Office 2019 rules)."""
    result = OpenXmlValidator(max_errors=50).validate(str(path))
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


FEATURES = """\
# Notes from the practice visit

A paragraph with *emphasis*, **strong words**, `inline code` and a
[real link](https://example.org/guidance "Guidance").
Emoji 🌱 and Hebrew שלום stay, and a footnote follows.[^visit]

### A level-three heading straight after level one

> A block quote from the young person.
>
> > And a quote inside it.

Things we saw:
- Bullet one
  - Nested with two spaces
    - And deeper
- Bullet two
    - Nested with four spaces

1. First
2. Second
   1. Nested numbered
3. Third

Some text between the lists.

1. A new list restarts at one

And another paragraph.

5. Or starts where the text says

| Agency | Contacts | Notes |
|:-------|:--------:|------:|
| Police | 12 | *few* |
| School | 3 | many |

```
code block line 1
    indented line 2
```

---

Term
: Definition of the term

## Closing

Last paragraph.

[^visit]: The visit was in **spring**, see [the plan](https://example.org/plan).
"""


def word_document(path: Path, text: str) -> bytes:
    """Write a real (small) Word document holding ``text`` at ``path``; returns its bytes."""
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path.read_bytes()
