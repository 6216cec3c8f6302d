"""The export audit log: when each export was made, of which case, to which file, with
its checksum and what the leak check said. Kept in the workspace (``export_records``).

Exports call :meth:`AuditService.record_export` after the file is in place; the app
shows :meth:`AuditService.list_exports`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from deepdive.services.changes import ChangeBus
from deepdive.storage.models import ExportRecord
from deepdive.storage.workspace import Workspace


@dataclass(frozen=True)
class ExportRecordInfo:
    """One line of the audit log."""

    id: int
    case_code: str | None
    exported_at: datetime
    kind: str
    file_name: str
    sha256: str
    check_result: str


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class AuditService:
    """Records exports and lists them, newest first."""

    def __init__(self, workspace: Workspace, changes: ChangeBus) -> None:
        self._workspace = workspace
        self._changes = changes

    def record_export(
        self, case_code: str | None, kind: str, path: Path, check_result: str
    ) -> ExportRecordInfo:
        """Record an export written to ``path`` (its checksum is read from the file).

        ``check_result`` is the leak check's verdict, e.g. ``LeakReport.summary()``.
        Only the file's name is kept, never its folder, which can name a person. A
        workspace opened for reading (while the app has it open) records it too, in a
        short write of its own (``Workspace.record``).
        """
        sha = file_sha256(path)
        with self._workspace.record() as session:
            record = ExportRecord(
                case_code=case_code,
                kind=kind[:20],
                file_name=path.name,
                sha256=sha,
                check_result=check_result,
            )
            session.add(record)
            session.flush()
            info = _info(record)
        return info

    def list_exports(self, case_code: str | None = None) -> list[ExportRecordInfo]:
        """Every recorded export (of one case, if given), newest first."""
        query = select(ExportRecord).order_by(
            ExportRecord.exported_at.desc(), ExportRecord.id.desc()
        )
        if case_code is not None:
            query = query.where(ExportRecord.case_code == case_code.strip().upper())
        with self._workspace.reading() as session:
            return [_info(r) for r in session.scalars(query)]


def _info(record: ExportRecord) -> ExportRecordInfo:
    return ExportRecordInfo(
        id=record.id,
        case_code=record.case_code,
        exported_at=record.exported_at,
        kind=record.kind,
        file_name=record.file_name,
        sha256=record.sha256,
        check_result=record.check_result,
    )
