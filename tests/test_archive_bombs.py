"""Zip bombs in every path that opens an archive: refused before they expand.

Each command runs in its own process under a memory cap (``RLIMIT_AS``) far below
what the bomb would expand to, and must exit 2 with one line naming the file, the
part and the limit, leaving every byte of the workspace as it was.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import refusal
from zip_bombs import MB, Entry, stored, word_bomb, write_zip, zeros

from deepdive.cli import main
from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace

# Python, SQLAlchemy, lxml and python-docx take about 300 MB of address space; every
# bomb below declares at least 1 GB.
MEMORY_CAP = 700 * MB


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _run_capped(*args: str | Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DEEPDIVE_DATA_DIR": str(data_dir), "PYTHONUTF8": "1"}
    environment.pop("DEEPDIVE_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "deepdive", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=data_dir,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
        preexec_fn=_capped,
    )


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed workspace with the demo case, made once (copy it; never open it)."""
    path = tmp_path_factory.mktemp("demo") / "team.deepdive"
    services = Services.for_workspace(open_workspace(path))
    add_demo_case(services)
    services.close()
    return path


@pytest.fixture
def workspace(demo_workspace: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the demo workspace alone in its folder, checked unchanged afterwards."""
    folder = tmp_path / "workspace"
    folder.mkdir()
    path = Path(shutil.copy(demo_workspace, folder / demo_workspace.name))
    before = _fingerprint(folder)
    yield path
    assert _fingerprint(folder) == before


def _gigabyte_document(path: Path) -> Path:
    return word_bomb(path, zeros("word/document.xml", 1024))


def test_a_word_chronology_that_would_expand_to_a_gigabyte(
    workspace: Path, tmp_path: Path, private_data_dir: Path
) -> None:
    bomb = _gigabyte_document(tmp_path / "chronology.docx")
    assert bomb.stat().st_size < 2 * MB
    result = _run_capped(
        "import-chronology", "DEMO-001", bomb, "--workspace", workspace, data_dir=private_data_dir
    )
    assert refusal(result).endswith(
        "chronology.docx: word/document.xml would expand to 1,024 MB; DeepDive stops at 50 MB "
        "for one part of a Word document."
    )


def test_a_reference_document_that_would_expand_to_a_gigabyte(
    workspace: Path, tmp_path: Path, private_data_dir: Path
) -> None:
    bomb = _gigabyte_document(tmp_path / "reference.docx")
    out = tmp_path / "case.docx"
    result = _run_capped(
        "export", "DEMO-001", "--out", out, "--reference-doc", bomb, "--workspace", workspace,
        data_dir=private_data_dir,
    )  # fmt: skip
    assert "reference.docx: word/document.xml would expand to 1,024 MB" in refusal(result)
    assert not out.exists()


def test_a_scanned_document_that_would_expand_to_a_gigabyte(
    tmp_path: Path, private_data_dir: Path
) -> None:
    bomb = _gigabyte_document(tmp_path / "notes.docx")
    result = _run_capped("scan", bomb, data_dir=private_data_dir)
    assert "notes.docx: word/document.xml would expand to 1,024 MB; DeepDive stops at 50 MB" in (
        refusal(result)
    )


def test_a_bundle_that_would_expand_to_a_gigabyte(
    workspace: Path, tmp_path: Path, private_data_dir: Path
) -> None:
    bomb = write_zip(
        tmp_path / "case.ddcase",
        [stored("manifest.json", b"{}"), zeros("chronology.json", 1024)],
    )
    result = _run_capped(
        "bundle", "import", bomb, "--workspace", workspace, data_dir=private_data_dir
    )
    assert refusal(result).endswith(
        "case.ddcase: chronology.json would expand to 1,024 MB; DeepDive stops at 256 MB for "
        "one part of a case bundle."
    )


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        pytest.param(
            [zeros("word/document.xml", 40)],
            "chronology.docx: word/document.xml would expand 1,0",  # "1,0xx times"
            id="packed-too-tightly",
        ),
        pytest.param(
            [zeros(f"word/media/image{n}.png", 1, declared=MB - 1) for n in range(210)],
            "chronology.docx would expand to 210 MB in all; DeepDive stops at 200 MB",
            id="too-much-in-all",
        ),
        pytest.param(
            [stored(f"customXml/item{n}.xml", b"<a/>") for n in range(2_001)],
            "chronology.docx holds 2,003 files inside; DeepDive stops at 2,000",
            id="too-many-files",
        ),
        pytest.param(
            [zeros("word/document.xml", 1024, declared=4096)],
            "chronology.docx: word/document.xml is damaged and cannot be read",
            id="sizes-that-lie",
        ),
    ],
)
def test_other_bombs_are_refused_by_the_limit_they_break(
    workspace: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    entries: list[Entry],
    expected: str,
) -> None:
    bomb = write_zip(
        tmp_path / "chronology.docx",
        [stored("[Content_Types].xml", b"<Types/>"), stored("_rels/.rels", b"<R/>"), *entries],
    )
    # In this process: each is refused before anything is expanded.
    assert main(["import-chronology", "DEMO-001", str(bomb), "--workspace", str(workspace)]) == 2
    assert expected in capsys.readouterr().err
