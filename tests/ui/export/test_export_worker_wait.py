"""The export worker never waits without end for the answer about possible names."""

from __future__ import annotations

from pathlib import Path

from deepdive.export import ExportFormat, ExportOptions, assemble_case_study
from deepdive.export.gate import gate_with_vault
from deepdive.services import Services
from deepdive.ui.export.export_worker import ExportWorker


def test_no_answer_about_possible_names_stops_the_export_and_writes_nothing(
    services: Services,
    tmp_path: Path,
    qapp,  # type: ignore[no-untyped-def]
) -> None:
    case = services.cases.create("DD-7", "Jay", summary="Jay and Mum met Mr Pemberton.")
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "case.md"
    options = ExportOptions()
    study = assemble_case_study(services, case.id, options)
    worker = ExportWorker(study, out, ExportFormat.MD, options, None, None)
    worker.gate = gate_with_vault(services, None, [case.code], confirm=worker.ask)
    worker.answer_timeout_s = 0.05  # nobody is connected to answer
    asked: list[object] = []
    failures: list[str] = []
    worker.confirm_needed.connect(asked.append)
    worker.failed.connect(failures.append)
    worker.succeeded.connect(lambda result: failures.append(f"written: {result}"))
    worker.run()  # on this thread: the question goes unanswered
    assert len(asked) == 1
    assert failures == [
        "No answer came about the possible names within 0.05 seconds, so the export "
        "stopped; nothing was written. Export again when you are ready."
    ]
    assert list(folder.iterdir()) == []
