"""Reading a zip that someone sent (a .docx, .dotx or .ddcase) without trusting it.

Every limit is checked twice. Before anything is decompressed, the central directory
is read: the number of entries, each entry's declared expanded size, the sum of them
and each entry's expansion ratio must be within the :class:`ArchiveLimits` of that
kind of file, and each entry must be stored or deflated (the only methods Word and
DeepDive write; bzip2 and LZMA would decompress a whole chunk at once). Then, while
an entry is decompressed, it is read in chunks and counted, so an entry whose
declared size lies is stopped at the limit rather than trusted. Nothing is ever
extracted to disk.

Each refusal is an :class:`ArchiveError` whose message names the file, the entry and
the limit, for example "reference.docx: word/document.xml would expand to 300 MB;
DeepDive stops at 50 MB for one part of a Word document."
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from deepdive.errors import DeepDiveError
from deepdive.files.special import refuse_special_file

_CHUNK = 1024 * 1024
_MB = 1024 * 1024
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class ArchiveError(DeepDiveError):
    """A zip that is damaged or past a limit; the message names the file and the limit."""


class NotAnArchiveError(ArchiveError):
    """The file is not a zip at all (the caller may say what it should have been)."""


@dataclass(frozen=True)
class ArchiveLimits:
    """How much one kind of archive may hold, and what that kind is called in messages."""

    kind: str
    """"a Word document", "a case bundle": how messages name this kind of file."""
    max_entries: int
    max_entry_bytes: int
    max_total_bytes: int
    max_ratio: int = 200
    """Expanded size over packed size; deflate reaches about 1,000 on a zip bomb."""
    ratio_from_bytes: int = _MB
    """Entries smaller than this are not held to the ratio (a blank part packs tightly)."""


def size_text(n: int) -> str:
    """A byte count as people say it: "300 MB", "640 KB", "12 bytes"."""
    if n >= _MB:
        return f"{n / _MB:,.0f} MB"
    if n >= 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n} bytes"


class SafeArchive:
    """A zip opened for reading within ``limits``; use as a context manager.

    ``label`` names the file in messages (its name by default).
    """

    def __init__(self, path: Path, limits: ArchiveLimits, label: str | None = None) -> None:
        self.limits = limits
        self.label = label or path.name
        self._read_so_far = 0
        refuse_special_file(path, ArchiveError)  # reading a named pipe would wait for ever
        try:
            self._zip = zipfile.ZipFile(path)
        except FileNotFoundError:
            raise ArchiveError(f"{self.label}: there is no such file ({path}).") from None
        except IsADirectoryError:
            raise ArchiveError(f"{self.label} is a folder, not {limits.kind}.") from None
        except zipfile.BadZipFile:
            raise NotAnArchiveError(
                f"{self.label} is not {limits.kind}: it is not a zip file."
            ) from None
        except (zipfile.LargeZipFile, EOFError, ValueError) as exc:
            raise ArchiveError(
                f"{self.label} is not {limits.kind} that can be read: its zip is damaged ({exc})."
            ) from None
        except OSError as exc:
            raise ArchiveError(f"{self.label} cannot be read ({exc.strerror or exc}).") from None
        try:
            self.infos = self._checked_directory()
        except BaseException:
            self._zip.close()
            raise

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._zip.close()

    @property
    def names(self) -> list[str]:
        """The entry names, in the order the archive lists them."""
        return [info.filename for info in self.infos]

    def info(self, name: str) -> zipfile.ZipInfo:
        """The central directory record of ``name`` (KeyError if there is none)."""
        return self._zip.getinfo(name)

    def _checked_directory(self) -> list[zipfile.ZipInfo]:
        """Refuse, from the central directory alone, anything past a limit."""
        limits, label = self.limits, self.label
        infos = self._zip.infolist()
        if len(infos) > limits.max_entries:
            raise ArchiveError(
                f"{label} holds {len(infos):,} files inside; DeepDive stops at "
                f"{limits.max_entries:,} for {limits.kind}."
            )
        total = 0
        for info in infos:
            if info.compress_type not in _METHODS:
                raise ArchiveError(
                    f"{label}: {info.filename} is packed in a way {limits.kind} never is "
                    f"(zip method {info.compress_type}); DeepDive reads stored and deflated "
                    "entries only."
                )
            if info.flag_bits & 0x1:
                raise ArchiveError(f"{label}: {info.filename} is encrypted.")
            if info.file_size > limits.max_entry_bytes:
                raise ArchiveError(
                    f"{label}: {info.filename} would expand to {size_text(info.file_size)}; "
                    f"DeepDive stops at {size_text(limits.max_entry_bytes)} for one part of "
                    f"{limits.kind}."
                )
            ratio = info.file_size // max(1, info.compress_size)
            if info.file_size >= limits.ratio_from_bytes and ratio > limits.max_ratio:
                raise ArchiveError(
                    f"{label}: {info.filename} would expand {ratio:,} times its packed size; "
                    f"DeepDive stops at {limits.max_ratio} times ({limits.kind} is never "
                    "packed that tightly)."
                )
            total += info.file_size
        if total > limits.max_total_bytes:
            raise ArchiveError(
                f"{label} would expand to {size_text(total)} in all; DeepDive stops at "
                f"{size_text(limits.max_total_bytes)} for {limits.kind}."
            )
        return infos

    def read(self, name: str | zipfile.ZipInfo, limit: int | None = None) -> bytes:
        """One entry's bytes, read in chunks and stopped at the first byte past a limit.

        ``limit`` lowers the entry limit (to an expected size, say). The running total
        of everything read from this archive is held to the archive's total limit too.
        """
        info = name if isinstance(name, zipfile.ZipInfo) else self._zip.getinfo(name)
        entry_limit = min(self.limits.max_entry_bytes, info.file_size)
        if limit is not None:
            entry_limit = min(entry_limit, limit)
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    got += len(chunk)
                    self._check_growth(info, got, entry_limit)
                    chunks.append(chunk)
        except ArchiveError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError) as exc:
            raise ArchiveError(
                f"{self.label}: {info.filename} is damaged and cannot be read ({exc})."
            ) from None
        except Exception as exc:  # zlib.error and other decompressor failures
            raise ArchiveError(
                f"{self.label}: {info.filename} is damaged and cannot be read "
                f"({type(exc).__name__})."
            ) from None
        self._read_so_far += got
        return b"".join(chunks)

    def _check_growth(self, info: zipfile.ZipInfo, got: int, entry_limit: int) -> None:
        limits = self.limits
        if got > entry_limit:
            raise ArchiveError(
                f"{self.label}: {info.filename} expands to more than "
                f"{size_text(entry_limit)}, past what the archive says it holds; DeepDive "
                "stopped reading it there."
            )
        if self._read_so_far + got > limits.max_total_bytes:
            raise ArchiveError(
                f"{self.label} expands to more than {size_text(limits.max_total_bytes)} in "
                f"all; DeepDive stops at {size_text(limits.max_total_bytes)} for {limits.kind}."
            )
        if got >= limits.ratio_from_bytes and got // max(1, info.compress_size) > limits.max_ratio:
            raise ArchiveError(
                f"{self.label}: {info.filename} expands more than {limits.max_ratio} times "
                f"its packed size; DeepDive stops there ({limits.kind} is never packed that "
                "tightly)."
            )

    def read_all(self) -> dict[str, bytes]:
        """Every entry's bytes by name (folders skipped), each read as :meth:`read` does."""
        return {info.filename: self.read(info) for info in self.infos if not info.is_dir()}
