"""The export audit log in the workspace: when, which case, file, checksum, result."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from workspace_helpers import reopen

from deepdive.privacy.leakcheck import LeakReport
from deepdive.services import Services


def test_exports_are_recorded_and_listed_newest_first(services: Services, tmp_path: Path) -> None:
    first = tmp_path / "private folder" / "DD-1 case study.docx"
    first.parent.mkdir()
    first.write_bytes(b"first export")
    second = tmp_path / "DD-2.md"
    second.write_bytes(b"second export")
    before = datetime.now(UTC)
    services.audit.record_export("DD-1", "docx", first, LeakReport().summary())
    services.audit.record_export("DD-2", "md", second, "confirmed by the user: 1 possible name")

    services = reopen(services)
    try:
        records = services.audit.list_exports()
        assert [(r.case_code, r.kind, r.file_name) for r in records] == [
            ("DD-2", "md", "DD-2.md"),
            ("DD-1", "docx", "DD-1 case study.docx"),
        ]
        assert records[1].sha256 == hashlib.sha256(b"first export").hexdigest()
        assert records[1].check_result == "clean"
        assert records[0].exported_at >= before
        # Only the name is kept: a folder can name a person.
        assert all("private folder" not in r.file_name for r in records)
        assert [r.case_code for r in services.audit.list_exports("dd-1")] == ["DD-1"]
    finally:
        services.close()
