"""Decoding a chronology file's bytes: UTF-8, UTF-16, Windows-1252, or a mix of them.

Agencies' files are often pasted together from several sources, so one line written
in Windows-1252 inside an otherwise UTF-8 file is common. Decoding the whole file as
Windows-1252 because of that one line would silently turn every "Café" elsewhere
into "CafÃ©"; instead each line is decoded as what it is. A line holding both UTF-8
characters and bytes UTF-8 cannot read is ambiguous: it is reported, never guessed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# A well-formed UTF-8 sequence of two to four bytes (no overlongs, no surrogates).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# Lines as Python's text reader (and so the csv module) counts them.
_LINE_BREAK = re.compile(rb"(\r\n|\r|\n)")


@dataclass(frozen=True)
class DecodedText:
    """A file's text, how it was written, and which lines were not UTF-8."""

    text: str
    encoding: str
    legacy_lines: tuple[int, ...] = ()
    """1-based lines of a mostly UTF-8 file that were read as Windows-1252."""
    unclear_lines: tuple[int, ...] = ()
    """1-based lines mixing UTF-8 with bytes UTF-8 cannot read: not safely readable."""


def decode(data: bytes) -> DecodedText:
    """The text of ``data`` as the file declares or shows its encoding (see the module)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(data.decode("utf-16", errors="replace"), "UTF-16")
    with_bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if with_bom else data
    utf8 = "UTF-8 with BOM" if with_bom else "UTF-8"
    try:
        return DecodedText(body.decode("utf-8"), utf8)
    except UnicodeDecodeError:
        pass
    if with_bom or _UTF8_SEQUENCE.search(body):
        return _by_line(body, utf8)
    return DecodedText(_windows_1252(body), "Windows-1252")


def _by_line(body: bytes, utf8: str) -> DecodedText:
    pieces = _LINE_BREAK.split(body)  # line, break, line, break, …, line
    out: list[str] = []
    legacy: list[int] = []
    unclear: list[int] = []
    for index, piece in enumerate(pieces):
        if index % 2:  # a line break
            out.append(piece.decode("ascii"))
            continue
        try:
            out.append(piece.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        line = index // 2 + 1
        (unclear if _UTF8_SEQUENCE.search(piece) else legacy).append(line)
        out.append(_windows_1252(piece))
    return DecodedText("".join(out), utf8, tuple(legacy), tuple(unclear))


def _windows_1252(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes have no Windows-1252 character; Latin-1 keeps them as control
        # characters, which saving drops, instead of refusing the whole file.
        return data.decode("latin-1")
