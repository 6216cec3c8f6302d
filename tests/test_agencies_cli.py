"""``deepdive agencies list|add|rename|merge``: the agency list from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive

from deepdive.cli import main
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.storage.workspace import open_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A case whose chronology names Police twice and a hub the file called "NWD Hub"."""
    path = tmp_path / "team.deepdive"
    services = Services.for_workspace(open_workspace(path))
    case = services.cases.create("DD-2019-014", "Jay")
    services.agencies.add("NWD Hub")
    services.events.add_many(
        case.id,
        [
            EventInput("2017", "hub support", "Outreach", agency="NWD Hub"),
            EventInput("2018", "police/justice", "Arrest", agency="Police"),
            EventInput("2019", "police/justice", "Interview", agency="Police"),
        ],
    )
    services.people.add(case.id, "Keyworker", "Life coach", agency="NWD Hub")
    services.close()
    return path


def agencies(
    capsys: pytest.CaptureFixture[str], *args: str | Path
) -> tuple[int, list[str], list[str]]:
    code = main(["agencies", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_list_add_rename_and_merge(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = ("--workspace", workspace)
    code, out, _ = agencies(capsys, "list", *ws)
    assert code == 0
    assert out[0].split() == ["AGENCY", "EVENTS", "CAST", "PARTICIPANTS"]
    assert out[2].split() == ["Police", "2", "0", "0"]
    assert out[-1].split() == ["NWD", "Hub", "1", "1", "0"]

    assert agencies(capsys, "add", "Riverside Boxing Club", *ws) == (
        0,
        ["Added the agency Riverside Boxing Club."],
        [],
    )
    assert agencies(capsys, "rename", "police", "North Yorkshire Police", *ws) == (
        0,
        ["Renamed the agency Police to North Yorkshire Police."],
        [],
    )
    assert agencies(capsys, "merge", "nwd hub", "No Wrong Door hub", *ws) == (
        0,
        [
            "Merged NWD Hub into No Wrong Door hub: moved 1 event, 1 cast member, "
            "0 session participants; NWD Hub is no longer in the list."
        ],
        [],
    )
    code, out, _ = agencies(capsys, "list", "--json", *ws)
    listed = {a["name"]: (a["events"], a["people"]) for a in json.loads("\n".join(out))}
    assert listed["North Yorkshire Police"] == (2, 0)
    assert listed["No Wrong Door hub"] == (1, 1)
    assert listed["Riverside Boxing Club"] == (0, 0)
    assert "NWD Hub" not in listed and "Police" not in listed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "police"], "There is already an agency called Police."),
        (["add", "Team S1 2HH"], "'S1 2HH' looks like a postcode; an agency name cannot hold it."),
        (["add", "   "], "An agency name cannot be empty."),
        (["rename", "Nope", "Other"], "There is no agency called 'Nope' in this workspace"),
        (["rename", "NWD Hub", "police"], "There is already an agency called Police; to make"),
        (["merge", "Police", "Nope"], "There is no agency called 'Nope' in this workspace"),
        (["merge", "Police", "POLICE"], "Police and Police are the same agency"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = workspace.read_bytes()
    code, out, err = agencies(capsys, *args, "--workspace", workspace)
    assert (code, out, len(err)) == (2, [], 1)
    assert err[0].startswith(f"deepdive: {message}"), err
    assert workspace.read_bytes() == before


def test_a_missing_action_is_one_line_in_a_process_of_its_own(tmp_path: Path) -> None:
    line = refusal(run_deepdive("agencies", data_dir=tmp_path))
    assert "the following arguments are required: ACTION" in line
