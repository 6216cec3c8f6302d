"""Deeply nested input is refused with its file and line; an unexpected error logs little.

A 50,000-deep YAML list used to crash ``templates validate`` (exit 3) and write about
500 KB of traceback to the log, pushing earlier history out of the rotated log. Case
files (the demo's loader) read YAML through the same capped loader as templates.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive

from deepdive.casefile import CaseFileError, load_case_file
from deepdive.cli import main
from deepdive.demo import DEMO_CODE
from deepdive.logs import MAX_RECORD_CHARS
from deepdive.resources import resource_path
from deepdive.services import Services

HEAD = "format: deepdive-template/1\nid: deep\nname: Deep\nversion: 1\ndescription: d\n"


def _log(data_dir: Path) -> Path:
    return data_dir / "logs" / "deepdive.log"


@pytest.mark.parametrize(
    "stages",
    ["stages: " + "[" * 50_000 + "]" * 50_000 + "\n", "stages:\n" + "- " * 50_000 + "x\n"],
    ids=["flow", "block"],
)
def test_a_50000_deep_yaml_list_is_refused_with_its_file_and_line(
    tmp_path: Path, private_data_dir: Path, stages: str
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(HEAD + stages, encoding="utf-8")
    message = refusal(run_deepdive("templates", "validate", path, data_dir=private_data_dir))
    assert "deep.yaml, line " in message
    assert "nested more than 100 levels deep" in message
    assert not _log(private_data_dir).exists()  # bad input, not an unexpected error


@pytest.mark.parametrize("nesting", ["[" * 50_000 + "]" * 50_000, "\n" + "- " * 50_000 + "x"])
def test_a_case_file_nested_50000_deep_is_refused_with_its_line_and_adds_nothing(
    services: Services, tmp_path: Path, nesting: str
) -> None:
    demo = resource_path("demo", f"{DEMO_CODE}.yaml").read_text(encoding="utf-8")
    line = demo.count("\n") + 1
    path = tmp_path / "jay.yaml"
    path.write_text(f"{demo}extra: {nesting}\n", encoding="utf-8")
    with pytest.raises(CaseFileError) as refused:
        load_case_file(services, path)
    assert str(refused.value).startswith("jay.yaml, line ")
    assert int(str(refused.value).split("line ")[1].split(":")[0]) >= line
    assert "nested more than 100 levels deep" in str(refused.value)
    assert services.cases.list_cases() == []


def _endless(_args: argparse.Namespace) -> int:
    return _endless(_args)


def test_an_unexpected_error_logs_one_compact_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], private_data_dir: Path
) -> None:
    monkeypatch.setattr("deepdive.commands.cases.run", _endless)
    assert main(["cases"]) == 3
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "RecursionError" in error
    log = _log(private_data_dir).read_text(encoding="utf-8")
    assert len(log) < MAX_RECORD_CHARS
    assert "in _endless" in log and "repeated" in log and "more times" in log
    assert log.count("builtins.RecursionError") == 1

    assert main(["cases"]) == 3  # the same error again is one more line, not another record
    again = _log(private_data_dir).read_text(encoding="utf-8")[len(log) :]
    assert len(again.splitlines()) == 1 and "again" in again
