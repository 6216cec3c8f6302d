"""An agency chronology goes in whole or not at all, on a workspace file and on a server:
a row that only the write itself finds wrong (after the import has already added the
file's new agency and tags) leaves the workspace exactly as it was."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from cli_helpers import refusal, run_deepdive
from workspace_helpers import open_again, workspace_rows

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.workspace import Workspace

ROWS = 600  # enough for the bulk path that sets the search triggers aside on SQLite


def write_chronology(path: Path, last_tag: str) -> Path:
    """A police chronology whose first row names an agency and a tag the workspace does
    not know yet, and whose last row carries ``last_tag``."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Event", "Agency", "Tags"])
        for n in range(ROWS):
            tags = "riverside-outreach" if n == 0 else ""
            day = f"{1 + n % 28:02d}/03/2016"
            writer.writerow([day, f"Zephyrine visit {n}", "Riverside", tags])
        writer.writerow(["01/04/2016", "The last visit", "Riverside", last_tag])
    return path


def test_a_row_found_wrong_only_while_writing_leaves_nothing(
    new_workspace: Callable[[str], Workspace], tmp_path: Path
) -> None:
    services = Services.for_workspace(new_workspace("team"))
    add_demo_case(services)
    before = workspace_rows(services)
    address = services.workspace.location
    workspace = services.workspace
    services.close()

    csv_file = write_chronology(tmp_path / "police.csv", "x" * 81)
    result = run_deepdive(
        "import-chronology", "DEMO-001", csv_file, "--workspace", address, data_dir=tmp_path
    )

    assert "too long" in refusal(result)
    services = Services.for_workspace(open_again(workspace))
    try:
        assert workspace_rows(services) == before  # no agency, no tag, no event
        assert services.search.search("Zephyrine") == []
        # The same file with the tag shortened goes in whole, and is searchable.
        write_chronology(csv_file, "x" * 80)
        services.close()
        result = run_deepdive(
            "import-chronology", "DEMO-001", csv_file, "--workspace", address, data_dir=tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert f"Imported {ROWS + 1} events into DEMO-001" in result.stdout
        services = Services.for_workspace(open_again(workspace))
        assert len(services.search.search("Zephyrine", limit=1000)) == ROWS
    finally:
        services.close()
