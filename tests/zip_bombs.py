"""Zip bombs made at test time, small on disk (import as ``from zip_bombs import ...``).

A bomb entry is a raw deflate stream of zeros built by repeating one compressed
megabyte (each copy is a complete, byte-aligned deflate block), so a 1 GB entry takes
about a megabyte and no time to make. The zip is written by hand, so an entry can
declare whatever sizes a test wants.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MB = 1024 * 1024

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


@dataclass(frozen=True)
class Entry:
    """One zip entry: its packed bytes and what its headers declare."""

    name: str
    packed: bytes
    method: int  # 0 stored, 8 deflated
    crc: int
    size: int


def stored(name: str, data: bytes) -> Entry:
    """An ordinary entry, stored as it is."""
    return Entry(name, data, 0, zlib.crc32(data), len(data))


@lru_cache(maxsize=1)
def _zero_megabyte() -> tuple[bytes, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(MB)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block, zlib.crc32(bytes(MB))


def zeros(name: str, megabytes: int, *, declared: int | None = None) -> Entry:
    """``megabytes`` MB of zeros, deflated; ``declared`` overrides the size the headers give."""
    block, _ = _zero_megabyte()
    packed = block * megabytes + b"\x03\x00"  # a final, empty fixed-Huffman block
    crc = 0
    if megabytes <= 64:  # the true checksum where it is cheap; bombs are refused before it
        for _ in range(megabytes):
            crc = zlib.crc32(bytes(MB), crc)
    return Entry(name, packed, 8, crc, declared if declared is not None else megabytes * MB)


def write_zip(path: Path, entries: list[Entry]) -> Path:
    """Write the entries as a zip (no zip64: keep declared sizes under 4 GB)."""
    out = bytearray()
    directory = bytearray()
    for entry in entries:
        name = entry.name.encode("utf-8")
        offset = len(out)
        fields = (20, 0, entry.method, 0, 0x21, entry.crc, len(entry.packed), entry.size)
        out += struct.pack("<IHHHHHIII", 0x04034B50, *fields) + struct.pack("<HH", len(name), 0)
        out += name + entry.packed
        directory += struct.pack("<IHHHHHHIII", 0x02014B50, 20, *fields)
        directory += struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset) + name
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(out), 0
    )
    path.write_bytes(bytes(out + directory + end))
    return path


def word_bomb(path: Path, document: Entry) -> Path:
    """A .docx whose ``word/document.xml`` is ``document``."""
    return write_zip(
        path,
        [
            stored("[Content_Types].xml", CONTENT_TYPES),
            stored("_rels/.rels", PACKAGE_RELS),
            document,
        ],
    )
