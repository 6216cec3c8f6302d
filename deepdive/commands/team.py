"""``deepdive team create|rename|delete|add-member|remove-member|assign|list``: the teams
of a team workspace.

Teams are a server feature: each needs ``--workspace postgresql://…``, and a workspace
file is refused in one line (exit 2) before anything is opened or created. Only the
workspace's owner (the role that built it) creates, renames and deletes teams, adds
members and assigns cases; ``list`` works for every member and counts only the cases
they can see. A team's name is checked against the key vault as a pseudonym is (the
vault is unlocked first when the workspace has one, see
:func:`deepdive.commands.vault_access.guard_for_writing`).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from deepdive.commands.common import EXIT_OK, open_server, open_services, workspace_arg
from deepdive.errors import DeepDiveError
from deepdive.storage.address import ServerAddress

if TYPE_CHECKING:
    from deepdive.services.teams import TeamService

_EPILOG = (
    "Teams belong to team workspaces on a PostgreSQL server: a database role sees only the "
    "cases of its teams (PostgreSQL's row-level security), a case with no team is seen by "
    "the owner only, and a case a member adds goes into their team (a member in several "
    "teams chooses it: --team NAME on 'demo' and 'bundle import'). Only the owner (the role "
    "that built the workspace) may create, rename and delete teams, add members and assign "
    "cases. A team's name that holds a real identity registered in the key vault is "
    "refused. On a workspace file every command here exits 2."
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``team`` subcommand and its actions."""
    parser = commands.add_parser(
        "team",
        parents=[common],
        help="the teams of a team workspace on a PostgreSQL server, and who is in them",
        description="Create teams, add and remove members and assign cases on a team workspace.",
        epilog=_EPILOG,
    )
    actions = parser.add_subparsers(
        dest="team_command", metavar="ACTION", parser_class=type(parser), required=True
    )
    creating = actions.add_parser("create", parents=[common], help="add a team (owner only)")
    creating.add_argument("name", metavar="NAME", help="the team's name, e.g. 'North hub'")
    creating.set_defaults(handler=run_create)
    renaming = actions.add_parser("rename", parents=[common], help="rename a team (owner only)")
    renaming.add_argument("old", metavar="OLD", help="the team's name now")
    renaming.add_argument("new", metavar="NEW", help="its new name")
    renaming.set_defaults(handler=run_rename)
    deleting = actions.add_parser(
        "delete",
        parents=[common],
        help="delete a team and its list of members (owner only); a team with cases is "
        "refused unless you say where they go",
    )
    deleting.add_argument("name", metavar="NAME", help="the team's name")
    where = deleting.add_mutually_exclusive_group()
    where.add_argument(
        "--move-cases-to", metavar="TEAM", help="put the team's cases into this team first"
    )
    where.add_argument(
        "--unassign-cases",
        action="store_true",
        help="leave the team's cases in no team (seen by the owner only)",
    )
    deleting.set_defaults(handler=run_delete)
    adding = actions.add_parser(
        "add-member",
        parents=[common],
        help="let a PostgreSQL role see and work on the team's cases (owner only)",
    )
    adding.add_argument("team", metavar="TEAM", help="the team's name")
    adding.add_argument(
        "role", metavar="ROLE", help="an existing PostgreSQL role (a person's login, or a group)"
    )
    adding.set_defaults(handler=run_add_member)
    removing = actions.add_parser(
        "remove-member",
        parents=[common],
        help="take a role out of a team; in no team, it can no longer open the workspace "
        "(owner only)",
    )
    removing.add_argument("team", metavar="TEAM", help="the team's name")
    removing.add_argument("role", metavar="ROLE", help="the member's PostgreSQL role")
    removing.set_defaults(handler=run_remove_member)
    assigning = actions.add_parser(
        "assign", parents=[common], help="put a case into a team (owner only)"
    )
    assigning.add_argument("code", metavar="CODE", help="the case's code")
    assigning.add_argument("team", metavar="TEAM", help="the team's name")
    assigning.set_defaults(handler=run_assign)
    listing = actions.add_parser(
        "list", parents=[common], help="the teams, their members and how many cases you see"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=run_list)


def _server(args: argparse.Namespace) -> ServerAddress:
    where = workspace_arg(args)
    if not isinstance(where, ServerAddress):
        raise DeepDiveError(
            f"Teams belong to team workspaces on a PostgreSQL server: give --workspace "
            f"postgresql://[user@]host[:port]/dbname. {where} is a workspace file, whose "
            "cases are all yours. Nothing was changed."
        )
    return where


def _teams_for_writing(args: argparse.Namespace, *, naming: bool = False) -> TeamService:
    """The teams of the server workspace; ``naming``: a team is to be named, so the key
    vault (if the workspace has one) is unlocked first and its identities refused."""
    from deepdive.commands.vault_access import guard_for_writing
    from deepdive.services.teams import TeamService

    _server(args)
    guard = guard_for_writing(args, "to name a team") if naming else None
    return TeamService(open_services(args).workspace, guard)


def run_create(args: argparse.Namespace) -> int:
    """Create a team."""
    teams = _teams_for_writing(args, naming=True)
    try:
        name = teams.create(args.name)
    finally:
        teams.close()
    print(f"Created the team {name}.")
    return EXIT_OK


def run_rename(args: argparse.Namespace) -> int:
    """Rename a team."""
    teams = _teams_for_writing(args, naming=True)
    try:
        name = teams.rename(args.old, args.new)
    finally:
        teams.close()
    print(f"Renamed the team {args.old.strip()} to {name}.")
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    """Delete a team (its cases moved or left in no team only when asked)."""
    teams = _teams_for_writing(args)
    try:
        done = teams.delete(
            args.name, move_cases_to=args.move_cases_to, unassign_cases=args.unassign_cases
        )
    finally:
        teams.close()
    said = f"Deleted the team {done.team}"
    if done.cases:
        many = f"{done.cases} case{'' if done.cases == 1 else 's'}"
        if done.moved_to is not None:
            said += f"; its {many} moved to the team {done.moved_to}"
        else:
            verb = "is" if done.cases == 1 else "are"
            said += f"; its {many} {verb} in no team now (seen by the owner only)"
    print(f"{said}.")
    if done.left_without_team:
        print(
            f"In no team now, {_joined(done.left_without_team)} can no longer open the "
            "workspace; add them to a team to let them back in."
        )
    return EXIT_OK


def run_add_member(args: argparse.Namespace) -> int:
    """Add a role to a team."""
    teams = _teams_for_writing(args)
    try:
        done = teams.add_member(args.team, args.role)
    finally:
        teams.close()
    print(
        f"Added {done.role} to the team {done.team}: {done.role} now sees its cases."
        if done.changed
        else f"{done.role} is already a member of the team {done.team}."
    )
    return EXIT_OK


def run_remove_member(args: argparse.Namespace) -> int:
    """Take a role out of a team."""
    teams = _teams_for_writing(args)
    try:
        done = teams.remove_member(args.team, args.role)
    finally:
        teams.close()
    print(
        f"Removed {done.role} from the team {done.team}: {done.role} no longer sees its cases."
        if done.changed
        else f"{done.role} is not a member of the team {done.team}; nothing was changed."
    )
    return EXIT_OK


def run_assign(args: argparse.Namespace) -> int:
    """Put a case into a team."""
    teams = _teams_for_writing(args)
    try:
        team = teams.assign(args.code, args.team)
    finally:
        teams.close()
    print(f"The case {args.code.strip()} is now in the team {team}: its members see it.")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """Print every team with its members and cases."""
    from deepdive.services.teams import TeamService

    teams = TeamService(open_server(_server(args), read_only=True))
    try:
        listing = teams.list_teams()
    finally:
        teams.close()
    if args.json:
        shown = {
            "role": listing.role,
            "owner": listing.owner,
            "teams": [
                {"name": t.name, "members": list(t.members), "cases": t.cases}
                for t in listing.teams
            ],
            "unassigned_cases": listing.unassigned,
        }
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not listing.teams:
        print("No teams yet. The owner adds one with 'deepdive team create NAME'.")
    else:
        header = ("TEAM", "MEMBERS", "CASES")
        table = [header] + [
            (t.name, ", ".join(t.members) or "(none)", str(t.cases)) for t in listing.teams
        ]
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]
        for row in table:
            print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    if listing.unassigned is None and listing.teams:
        print(f"Cases are counted as {listing.role} sees them: only those of your teams.")
    if listing.unassigned:
        count = listing.unassigned
        print(
            f"{count} case{'' if count == 1 else 's'} in no team (seen by the owner only): "
            "'deepdive team assign CODE TEAM'."
        )
    return EXIT_OK


def _joined(names: tuple[str, ...]) -> str:
    """'ana', 'ana and ben', 'ana, ben and dan'."""
    return " and ".join(filter(None, (", ".join(names[:-1]), names[-1])))
