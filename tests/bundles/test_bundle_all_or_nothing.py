"""A bundle goes in whole or not at all, on a workspace file and on a server, and a
number too big for the server's columns is refused the same way on both, before
anything is written (PostgreSQL used to find it only in the middle of the write)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bundle_helpers import edit_json, rebuilt_bundle
from cli_helpers import refusal, run_deepdive
from workspace_helpers import open_again, workspace_rows

from deepdive.services import Services
from deepdive.storage.workspace import Workspace


def last_event_far_down(chronology: dict[str, Any]) -> None:
    chronology["events"][-1]["position"] = 1 << 31  # one past PostgreSQL's integer


def test_a_number_past_the_servers_integers_is_refused_and_leaves_nothing(
    good_bundle: Path, new_workspace: Callable[[str], Workspace], tmp_path: Path
) -> None:
    services = Services.for_workspace(new_workspace("team"))
    services.agencies.ensure_defaults()
    before = workspace_rows(services)
    workspace = services.workspace
    services.close()
    far_down = edit_json("chronology.json", last_event_far_down)
    bundle = rebuilt_bundle(good_bundle, tmp_path, far_down)

    result = run_deepdive(
        "bundle", "import", bundle, "--workspace", workspace.location, data_dir=tmp_path
    )

    line = refusal(result)
    assert "hostile.ddcase" in line and "2147483647" in line
    services = Services.for_workspace(open_again(workspace))
    try:
        assert workspace_rows(services) == before
        assert services.cases.list_cases() == []
    finally:
        services.close()
    good = run_deepdive(
        "bundle", "import", good_bundle, "--workspace", workspace.location, data_dir=tmp_path
    )
    assert good.returncode == 0, good.stderr
    assert "Imported case DEMO-001" in good.stdout
