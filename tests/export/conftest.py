"""Fixtures for export tests: the demo case in a fresh workspace, and document readers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from docx_reading import EXPORT_DAY

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.services.results import CaseDetail
from deepdive.storage.workspace import open_workspace


@pytest.fixture(autouse=True)
def no_qt_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the command line from drawing the timeline (and so starting Qt) in-process.

    Drawing creates a Qt application that would outlive the test and break the UI
    tests run later in the same process; test_cli_timeline runs it in a subprocess.
    """
    monkeypatch.setattr("deepdive.commands.export._timeline_picture", lambda _study: None)


@pytest.fixture
def demo(services: Services) -> CaseDetail:
    """The fictional demo case DEMO-001, added to the test's workspace."""
    return add_demo_case(services)


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """One workspace with the demo case, shared by a module's read-only tests."""
    folder = tmp_path_factory.mktemp("demo-workspace")
    bound = Services.for_workspace(open_workspace(folder / "demo.deepdive"))
    add_demo_case(bound)
    yield bound
    bound.close()


@pytest.fixture(scope="module")
def demo_docx(demo_workspace: Services, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo case exported once to .docx with the default options."""
    from deepdive.export import export_case_study

    out = tmp_path_factory.mktemp("demo-export") / "DEMO-001.docx"
    export_case_study(demo_workspace, "DEMO-001", out, today=EXPORT_DAY)
    return out
