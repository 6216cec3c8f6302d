"""Every command on a team workspace on a PostgreSQL server, as on a workspace file:
the key vault kept in the person's own data folder (never on the server), imports,
exports with shifted dates, the report, bundles out and back in, scan and check."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from cli_helpers import run_deepdive
from docx import Document
from pg_cluster import PgDatabases

from deepdive.export.dates import export_offset
from deepdive.privacy.vault import Vault

PASSPHRASE = {"DEEPDIVE_PASSPHRASE": "a long enough passphrase for the tests"}


def _text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _date_of_row(path: Path, what_happened: str) -> str:
    """The date cell of the chronology row that tells ``what_happened``."""
    document = Document(str(path))
    rows = [r for t in document.tables for r in t.rows if len(r.cells) > 2]
    [row] = [r for r in rows if any(what_happened in c.text for c in r.cells[1:])]
    return str(row.cells[0].text)


def test_every_command_works_on_a_team_workspace(pg_databases: PgDatabases, tmp_path: Path) -> None:
    url = pg_databases.take()
    try:

        def deepdive(*args: str | Path) -> str:
            result = run_deepdive(*args, "--workspace", url, data_dir=tmp_path, env=PASSPHRASE)
            assert result.returncode == 0, result.stderr
            return result.stdout

        deepdive("demo")
        made = deepdive("vault", "init")
        vault = tmp_path / "team-workspaces"
        assert [p.suffix for p in vault.iterdir()] == [".vault"]  # on this machine only
        assert vault.stat().st_mode & 0o077 == 0
        assert "postgresql://" in made and "w" in made
        deepdive("vault", "add", "DEMO-001", "Jay", "--real-name", "Jayden Marsh")

        chronology = tmp_path / "police.csv"
        chronology.write_text(
            "Date,Agency,What happened\n14/03/2016,Police,Found late at night near the station\n",
            encoding="utf-8",
        )
        deepdive("import-chronology", "DEMO-001", chronology)
        cases = json.loads(deepdive("cases", "--json"))
        [demo] = [c for c in cases if c["code"] == "DEMO-001"]

        shifted = tmp_path / "shifted.docx"
        deepdive("export", "DEMO-001", "--format", "docx", "--dates", "shifted", "--out", shifted)
        # The imported event (14 Mar 2016) is shown moved by the case's secret shift,
        # kept in the vault on this machine.
        [vault_file] = vault.iterdir()
        secret = Vault.open(vault_file, PASSPHRASE["DEEPDIVE_PASSPHRASE"]).case("DEMO-001")
        assert secret is not None
        moved = date(2016, 3, 14) + timedelta(days=export_offset(secret.date_shift_days))
        assert _date_of_row(shifted, "Found late at night near the station") == (
            f"{moved.day} {moved:%b %Y}"
        )

        report = tmp_path / "report.docx"
        deepdive("report", "--out", report)
        assert "Programme" in _text(report) or "programme" in _text(report)

        bundle = tmp_path / "demo.ddcase"
        deepdive("bundle", "export", "DEMO-001", "--out", bundle)
        deepdive("bundle", "import", bundle, "--as", "DEMO-101")
        codes = [c["code"] for c in json.loads(deepdive("cases", "--json"))]
        assert codes == ["DEMO-001", "DEMO-101"]
        copied = next(c for c in json.loads(deepdive("cases", "--json")) if c["code"] == "DEMO-101")
        assert copied["events"] == demo["events"]

        notes = tmp_path / "notes.txt"
        notes.write_text("Jayden Marsh was seen near the station.\n", encoding="utf-8")
        scanned = run_deepdive(
            "scan",
            "--workspace",
            url,
            "--case",
            "DEMO-001",
            notes,
            data_dir=tmp_path,
            env=PASSPHRASE,
        )
        assert "Jayden Marsh" in scanned.stdout  # the vault's name, found in the notes
        assert "1 would block an export" in scanned.stdout
        assert "no problems found" in deepdive("check")
        assert "Police" in deepdive("agencies", "list")
        assert "young-peoples-focus-group" in deepdive("templates", "list")
    finally:
        pg_databases.give_back(url)
