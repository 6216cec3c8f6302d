"""Reading the files ``deepdive scan`` checks: plain text, Markdown and Word documents."""

from __future__ import annotations

import codecs
from pathlib import Path

from deepdive.archives import WORD_LIMITS
from deepdive.errors import DeepDiveError
from deepdive.privacy.leakcheck import TextPart, docx_text_parts

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
WORD_SUFFIXES = (".docx",)


class ScanInputError(DeepDiveError):
    """A file that cannot be scanned; the message names it and says why."""


def file_text_parts(path: Path) -> list[TextPart]:
    """The text parts of a .txt, .md or .docx file (a .docx has many)."""
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        # A document someone sent: the limits of any Word document DeepDive is given.
        return docx_text_parts(path, WORD_LIMITS)
    if suffix not in TEXT_SUFFIXES:
        raise ScanInputError(
            f"{path}: DeepDive scans .txt, .md and .docx files, not '{path.suffix or 'no suffix'}'."
        )
    return [TextPart("text", read_text_file(path))]


def read_text_file(path: Path) -> str:
    """A text file's contents: UTF-8 (with or without a BOM), UTF-16 with a BOM, or
    Windows-1252 as Notepad saved it for years; newlines made ``\\n``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScanInputError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise ScanInputError(f"{path} is a folder; name the files inside it.") from None
    except OSError as exc:
        raise ScanInputError(f"{path} cannot be read ({exc.strerror}).") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data:
            raise ScanInputError(f"{path} is not a text file (it holds binary data).")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")
