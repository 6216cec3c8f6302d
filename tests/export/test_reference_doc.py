"""resources/reference.docx: built by scripts/build_reference_doc.py, defining every style."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx_reading import open_docx, schema_errors

from deepdive.export.reference import default_reference_path
from deepdive.export.styles import ALL_STYLES

REPO = Path(__file__).resolve().parents[2]


def test_the_house_style_defines_every_style_the_exporter_uses() -> None:
    names = {style.name.casefold() for style in open_docx(default_reference_path()).styles}
    assert [name for name in ALL_STYLES if name.casefold() not in names] == []


def test_the_committed_reference_document_is_what_the_script_builds(tmp_path: Path) -> None:
    out = tmp_path / "reference.docx"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_reference_doc.py"), str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == default_reference_path().read_bytes()
    assert schema_errors(out) == []
    assert open_docx(out).core_properties.author == ""
