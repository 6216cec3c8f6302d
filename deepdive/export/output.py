"""Writing an export safely: beside the destination, checked, then moved into place.

Nothing ever appears half-written at the destination: the file is finished under a
temporary name in the same folder, handed to the gate (the privacy leak check), and
only then renamed over the destination in one step. The destination rule and the
atomic writer are the ones every writer shares (:mod:`deepdive.files`); here they
raise :class:`ExportError`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from deepdive.export.errors import ExportError, LibreOfficeMissingError
from deepdive.export.options import ExportFormat, ExportGate
from deepdive.files import atomic as files_atomic
from deepdive.files import destination as files_destination
from deepdive.files.destination import Inputs
from deepdive.files.kinds import FileKind

LIBREOFFICE_NEEDED = (
    "PDF export needs LibreOffice, which is not installed on this computer. Install "
    "LibreOffice (it is free), or export to Word (.docx) and save that as PDF."
)
_PDF_TIMEOUT_S = 600
REFERENCE_DOCUMENT = "the reference document"


def destination_kind(format: ExportFormat) -> FileKind:
    """The kind of file an export format writes (what it may replace)."""
    return {
        ExportFormat.DOCX: FileKind.WORD,
        ExportFormat.MD: FileKind.MARKDOWN,
        ExportFormat.PDF: FileKind.PDF,
    }[format]


def check_destination(
    destination: Path, kind: FileKind = FileKind.WORD, inputs: Inputs | None = None
) -> None:
    """Refuse a destination that cannot or must not be written, before any work is done.

    The one rule every writer shares (:mod:`deepdive.files.destination`): never a
    workspace, a key vault, a backup, a file of another kind or one of the ``inputs``
    (the reference document, say: ``{REFERENCE_DOCUMENT: path}``).
    """
    files_destination.check_destination(destination, kind, ExportError, inputs=inputs)


def write_atomically(
    destination: Path,
    write: Callable[[Path], object],
    gate: ExportGate | None,
    kind: FileKind = FileKind.WORD,
    inputs: Inputs | None = None,
) -> None:
    """Run ``write`` on a temporary file beside ``destination``, gate it, move it in."""
    files_atomic.write_atomically(
        destination, write, kind, check=gate, error=ExportError, inputs=inputs
    )


def find_libreoffice() -> str | None:
    """The LibreOffice program, if installed."""
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


def convert_to_pdf(docx_path: Path, pdf_path: Path) -> None:
    """Convert a .docx to PDF with LibreOffice, headless, in a private profile.

    A small macro in that profile updates the table of contents first, so the PDF's
    contents list real page numbers (Word fills them itself when it opens the .docx).
    """
    program = require_libreoffice()
    with tempfile.TemporaryDirectory(prefix="deepdive-pdf-") as work:
        folder = Path(work)
        source = folder / "case-study.docx"
        target = folder / "case-study.pdf"
        shutil.copyfile(docx_path, source)
        profile = folder / "profile"
        base = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
        _run([*base, "--terminate_after_init"])
        if _install_macro(profile):
            call = f'macro:///Standard.DeepDive.ExportPdf("{source.as_uri()}","{target.as_uri()}")'
            result = _run([*base, "--invisible", call])
        if not target.exists():  # the plain conversion, without the contents update
            result = _run([*base, "--convert-to", "pdf", "--outdir", str(folder), str(source)])
        if not target.exists():
            detail = (result.stderr or result.stdout).strip().splitlines()
            reason = detail[-1] if detail else f"exit code {result.returncode}"
            raise ExportError(f"LibreOffice could not make the PDF ({reason}).")
        shutil.copyfile(target, pdf_path)


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=_PDF_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise ExportError("LibreOffice took too long to make the PDF.") from exc
    except OSError as exc:
        raise ExportError(f"LibreOffice could not be started: {exc.strerror}.") from exc


_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="DeepDive"
 script:language="StarBasic">
Sub ExportPdf(inUrl As String, outUrl As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, load())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next
  doc.getTextFields().refresh()
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(outUrl, store())
  doc.close(True)
End Sub
</script:module>
"""


def _install_macro(profile: Path) -> bool:
    """Add the macro to the profile's Standard library; False if the profile is unusual."""
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
