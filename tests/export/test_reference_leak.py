"""The workspace's case-record reference patterns stop an export that carries one."""

from __future__ import annotations

from pathlib import Path

import pytest

from deepdive.cli import main
from deepdive.export.gate import gate_with_vault
from deepdive.privacy.leakcheck import ExportBlocked
from deepdive.services import Services
from deepdive.services.results import CaseDetail


def test_an_export_carrying_a_configured_reference_is_blocked(
    services: Services,
    demo: CaseDetail,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    services.reference_patterns.add("Our Mosaic numbers", r"MOS-\d{6}")
    services.cases.update(demo.id, summary=demo.summary + "\n\nSee record MOS-123456.")
    path = services.workspace.path
    services.close()
    out = tmp_path / "jay.md"
    code = main(["export", "DEMO-001", "--workspace", str(path), "--out", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "case record reference “MOS-123456”" in err
    assert not out.exists()


def test_the_apps_gate_reads_the_workspaces_patterns(
    services: Services, demo: CaseDetail, tmp_path: Path
) -> None:
    services.reference_patterns.add("Our Mosaic numbers", r"MOS-\d{6}")
    gate = gate_with_vault(services, None, [demo.code])
    notes = tmp_path / "notes.md"
    notes.write_text("Jay's record is MOS-123456 and LCS 2048817.\n", encoding="utf-8")
    with pytest.raises(ExportBlocked) as blocked:
        gate(notes)
    assert [f.finding.text for f in blocked.value.report.blocking] == ["MOS-123456", "2048817"]
