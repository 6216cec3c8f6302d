"""LibreOffice, headless, for the two things only a layout engine can do: knowing which
page each heading lands on (for the contents page) and making a tagged PDF.

Each export uses one private, temporary profile holding a small Basic library, so an
instance the user has open is never disturbed and nothing is left behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from deepdive.export.errors import ExportError, LibreOfficeMissingError

LIBREOFFICE_NEEDED = (
    "PDF export needs LibreOffice, which is not installed on this computer. Install "
    "LibreOffice (it is free), or export to Word (.docx) and save that as PDF."
)
PROGRAM_SETTING = "DEEPDIVE_LIBREOFFICE"
"""Environment variable: the LibreOffice program to use, or ``off`` to use none."""
_TIMEOUT_S = 600

# PDF/UA-style output: tagged structure, bookmarks from the headings, the document's
# title (not its file name) in the title bar. The language comes from the document.
_PDF_OPTIONS: tuple[tuple[str, str], ...] = (
    ("UseTaggedPDF", "true"),
    ("PDFUACompliance", "true"),
    ("ExportBookmarks", "true"),
    ("OpenBookmarkLevels", "-1"),
    ("DisplayPDFDocumentTitle", "true"),
    ("ExportNotes", "false"),
)


def find_libreoffice() -> str | None:
    """The LibreOffice program, if installed (or as ``DEEPDIVE_LIBREOFFICE`` names it)."""
    setting = os.environ.get(PROGRAM_SETTING, "").strip()
    if setting.casefold() == "off":
        return None
    if setting:
        return setting if Path(setting).is_file() else shutil.which(setting)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for root in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")):
            candidate = Path(root) / "LibreOffice" / "program" / "soffice.exe"
            if root and candidate.exists():
                return str(candidate)
    if sys.platform == "darwin":
        candidate = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
        if candidate.exists():
            return str(candidate)
    return None


def require_libreoffice() -> str:
    """The LibreOffice program, or a plain message that PDF export needs it."""
    program = find_libreoffice()
    if program is None:
        raise LibreOfficeMissingError(LIBREOFFICE_NEEDED)
    return program


class LibreOffice:
    """A private LibreOffice profile in a temporary folder; see :func:`libreoffice`."""

    def __init__(self, program: str, folder: Path) -> None:
        self.program = program
        self.folder = folder
        self.profile = folder / "profile"
        self._base = [
            program,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
        ]
        self._macros: bool | None = None

    def page_numbers(self, docx_path: Path, budget_s: float) -> dict[str, int] | None:
        """The page each bookmark of the document lands on, as LibreOffice lays it out
        (empty when it cannot say; None when it took longer than ``budget_s``)."""
        if not self._ready():
            return {}
        source = self._copy(docx_path, "layout.docx")
        listing = self.folder / "pages.txt"
        listing.unlink(missing_ok=True)
        try:
            self._run(_call("PageNumbers", source.as_uri(), listing.as_uri()), budget_s)
        except _TooLong:
            return None
        pages: dict[str, int] = {}
        try:
            text = listing.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return {}
        for line in text.splitlines():
            name, _tab, page = line.partition("\t")
            if page.strip().isdigit():
                pages.setdefault(name, int(page))
        return pages

    def to_pdf(self, docx_path: Path, pdf_path: Path, *, number_contents: bool = False) -> None:
        """Write ``docx_path`` as a tagged PDF with bookmarks at ``pdf_path``; with
        ``number_contents``, its contents page is updated (page numbers) first, in the
        same layout."""
        source = self._copy(docx_path, "case-study.docx")
        target = self.folder / "case-study.pdf"
        target.unlink(missing_ok=True)
        result = None
        if self._ready():
            macro = "ExportNumberedPdf" if number_contents else "ExportPdf"
            result = self._run(_call(macro, source.as_uri(), target.as_uri()))
        if not target.exists():  # the plain conversion, still tagged
            options = ",".join(
                f'"{name}":{{"type":"{_kind(value)}","value":"{value}"}}'
                for name, value in _PDF_OPTIONS
            )
            result = self._run(
                [
                    "--convert-to",
                    f"pdf:writer_pdf_Export:{{{options}}}",
                    "--outdir",
                    str(self.folder),
                    str(source),
                ]
            )
        if not target.exists():
            detail = (result.stderr or result.stdout).strip().splitlines() if result else []
            reason = detail[-1] if detail else "no PDF was written"
            raise ExportError(f"LibreOffice could not make the PDF ({reason}).")
        shutil.copyfile(target, pdf_path)

    # ------------------------------------------------------------------ private
    def _copy(self, docx_path: Path, name: str) -> Path:
        target = self.folder / name
        shutil.copyfile(docx_path, target)
        return target

    def _ready(self) -> bool:
        """Create the profile and install the macros once; False if that failed."""
        if self._macros is None:
            self._run(["--terminate_after_init"])
            self._macros = _install_macros(self.profile)
        return self._macros

    def _run(
        self, arguments: list[str], budget_s: float | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run LibreOffice; past ``budget_s`` (else the time limit) it is stopped, with
        every process it started, so nothing is left running on a deleted profile."""
        command = [*self._base, *arguments]
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=sys.platform != "win32",
            )
        except OSError as exc:
            raise ExportError(f"LibreOffice could not be started: {exc.strerror}.") from exc
        try:
            out, err = process.communicate(timeout=budget_s or _TIMEOUT_S)
        except subprocess.TimeoutExpired:
            _stop(process)
            if budget_s is not None:
                raise _TooLong from None
            raise ExportError("LibreOffice took too long to lay out the document.") from None
        return subprocess.CompletedProcess(command, process.returncode, out, err)


class _TooLong(Exception):
    """LibreOffice did not finish within the time it was given."""


def _stop(process: subprocess.Popen[str]) -> None:
    """Stop LibreOffice and whatever it started (its own process group on POSIX)."""
    try:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.communicate()


@contextmanager
def libreoffice(program: str | None = None) -> Iterator[LibreOffice | None]:
    """A private LibreOffice for one export, or None when it is not installed."""
    program = program or find_libreoffice()
    if program is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="deepdive-office-") as work:
        yield LibreOffice(program, Path(work))


def convert_to_pdf(docx_path: Path, pdf_path: Path) -> None:
    """Convert a .docx to a tagged PDF with LibreOffice, headless, in a private profile."""
    with libreoffice(require_libreoffice()) as office:
        assert office is not None
        office.to_pdf(docx_path, pdf_path)


def _kind(value: str) -> str:
    return "boolean" if value in ("true", "false") else "long"


def _call(macro: str, *arguments: str) -> list[str]:
    quoted = ",".join(f'"{argument}"' for argument in arguments)
    return ["--invisible", f"macro:///Standard.DeepDive.{macro}({quoted})"]


def _filter_data() -> str:
    lines = [f"  Dim data({len(_PDF_OPTIONS) - 1}) As New com.sun.star.beans.PropertyValue"]
    for index, (name, value) in enumerate(_PDF_OPTIONS):
        basic = {"true": "True", "false": "False"}.get(value, value)
        lines.append(f"  data({index}).Name = &quot;{name}&quot;")
        lines.append(f"  data({index}).Value = {basic}")
    return "\n".join(lines)


_MACRO = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="DeepDive"
 script:language="StarBasic">
Function OpenHidden(inUrl As String) As Object
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  OpenHidden = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, load())
End Function

Sub PageNumbers(inUrl As String, outUrl As String)
  doc = OpenHidden(inUrl)
  cursor = doc.getCurrentController().getViewCursor()
  &apos; Lay every page out before asking where anything is (layout is otherwise lazy).
  pageCount = doc.getCurrentController().getPropertyValue(&quot;PageCount&quot;)
  cursor.jumpToLastPage()
  marks = doc.getBookmarks()
  names = marks.getElementNames()
  listing = &quot;&quot;
  For i = 0 To UBound(names)
    cursor.gotoRange(marks.getByName(names(i)).getAnchor(), False)
    listing = listing &amp; names(i) &amp; Chr(9) &amp; cursor.getPage() &amp; Chr(10)
  Next
  files = createUnoService(&quot;com.sun.star.ucb.SimpleFileAccess&quot;)
  stream = createUnoService(&quot;com.sun.star.io.TextOutputStream&quot;)
  stream.setOutputStream(files.openFileWrite(outUrl))
  stream.setEncoding(&quot;UTF-8&quot;)
  stream.writeString(listing)
  stream.closeOutput()
  doc.close(True)
End Sub

Sub ExportPdf(inUrl As String, outUrl As String)
  doc = OpenHidden(inUrl)
  StorePdf(doc, outUrl)
End Sub

Sub ExportNumberedPdf(inUrl As String, outUrl As String)
  doc = OpenHidden(inUrl)
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next
  doc.getTextFields().refresh()
  StorePdf(doc, outUrl)
End Sub

Sub StorePdf(doc As Object, outUrl As String)
{_filter_data()}
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  store(1).Name = &quot;FilterData&quot;
  store(1).Value = data()
  doc.storeToURL(outUrl, store())
  doc.close(True)
End Sub
</script:module>
"""


def _install_macros(profile: Path) -> bool:
    """Add the macros to the profile's Standard library; False if the profile is unusual."""
    library = profile / "user" / "basic" / "Standard"
    index = library / "script.xlb"
    try:
        text = index.read_text(encoding="utf-8")
        if 'library:name="DeepDive"' not in text:
            entry = '<library:element library:name="DeepDive"/>'
            text = text.replace("</library:library>", f" {entry}\n</library:library>")
            index.write_text(text, encoding="utf-8")
        (library / "DeepDive.xba").write_text(_MACRO, encoding="utf-8")
    except OSError:
        return False
    return True
