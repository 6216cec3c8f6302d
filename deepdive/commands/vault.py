"""``deepdive vault init|add|list|remove``: the key vault, for scripts and administrators.

The vault is the one beside the workspace (``cases.deepdive`` → ``cases.vault``). Its
passphrase comes from ``DEEPDIVE_PASSPHRASE`` or a prompt (``init`` asks twice).
``list`` shows pseudonyms and how many identifiers each has; the real identities
only with ``--reveal``. Nothing here prints a real identity otherwise, nor the
cases' secret date shifts (they would undo shifted exports). ``add`` needs the case
and the pseudonym to exist in the workspace, so a typing slip cannot file someone's
identity under a pseudonym nobody uses; ``remove`` works on whatever the vault
holds, including entries of cases the workspace no longer has.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from deepdive.commands.common import EXIT_OK, at_terminal, open_for_reading, workspace_arg
from deepdive.commands.vault_access import (
    PASSPHRASE_VARIABLE,
    open_vault,
    vault_path_of,
    workspace_of,
)
from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault
    from deepdive.privacy.vault_model import VaultPerson

# What list shows for each person: (JSON key, column heading, VaultPerson field).
_FIELDS = (
    ("real_names", "NAMES", "real_names"),
    ("aliases", "ALIASES", "aliases"),
    ("dates_of_birth", "BORN", "dates_of_birth"),
    ("addresses", "ADDRESSES", "addresses"),
    ("nhs_numbers", "NHS", "nhs_numbers"),
    ("other_identifiers", "OTHER", "other_identifiers"),
)


# What ``vault add`` records besides the real name; each option may be given again.
_REPEATABLE = (
    ("--alias", "A", "another name or nickname they are known by"),
    ("--born", "DATE", "date of birth, e.g. 12/03/2005 or 12 March 2005"),
    ("--address", "A", "an address they have lived at"),
    ("--nhs", "N", "an NHS number, ten digits"),
    ("--other", "X", "any other identifier: a pupil number, a case reference"),
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``vault init``, ``vault add``, ``vault list`` and ``vault remove``."""
    parser = commands.add_parser(
        "vault",
        help="create the key vault and add, list or remove real identities",
        description="The key vault is the encrypted file beside the workspace "
        "(WORKSPACE.vault). Its passphrase is asked for at a terminal, or read from "
        f"{PASSPHRASE_VARIABLE}.",
    )
    actions = parser.add_subparsers(dest="vault_action", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        parents=[common],
        help="create the key vault beside the workspace",
        description="Create the key vault beside the workspace. At a terminal the new "
        f"passphrase is asked for twice; otherwise it is read from {PASSPHRASE_VARIABLE}.",
    )
    init.set_defaults(handler=run_init)

    add = actions.add_parser(
        "add", parents=[common], help="record a person's real identity under their pseudonym"
    )
    add.add_argument("code", metavar="CODE", help="the case code, e.g. DD-2019-014")
    add.add_argument("pseudonym", metavar="PSEUDONYM", help="the person's pseudonym in the case")
    add.add_argument(
        "--real-name", required=True, metavar="NAME", help="the person's real full name"
    )
    for flag, metavar, text in _REPEATABLE:
        add.add_argument(
            flag,
            action="append",
            default=[],
            metavar=metavar,
            help=f"{text} (repeat for several)",
        )
    add.set_defaults(handler=run_add)

    listing = actions.add_parser(
        "list", parents=[common], help="the vault's cases and pseudonyms, with counts"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.add_argument(
        "--reveal",
        action="store_true",
        help="show the real identities themselves, not only how many there are",
    )
    listing.set_defaults(handler=run_list)

    remove = actions.add_parser(
        "remove", parents=[common], help="forget a person's entry, or a whole case's"
    )
    remove.add_argument("code", metavar="CODE", help="the case code")
    remove.add_argument(
        "pseudonym",
        metavar="PSEUDONYM",
        nargs="?",
        help="only this person's entry (without it: every entry of the case)",
    )
    remove.set_defaults(handler=run_remove)


# ------------------------------------------------------------------ init
def run_init(args: argparse.Namespace) -> int:
    """Create the vault beside the workspace."""
    from deepdive.privacy.vault import Vault, check_new_passphrase

    workspace = _existing_workspace(args)
    path = vault_path_of(args)
    if path.exists():
        raise DeepDiveError(f"{path} already exists; there is nothing to create.")
    passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    if not passphrase:
        if not at_terminal():
            raise DeepDiveError(
                f"Choose the new vault's passphrase: set {PASSPHRASE_VARIABLE}, or run the "
                "command in a terminal to be asked."
            )
        passphrase = _ask("New passphrase for the key vault: ")
        check_new_passphrase(passphrase)
        if _ask("The same passphrase again: ") != passphrase:
            raise DeepDiveError("The two passphrases differ; no vault was created.")
    Vault.create(path, passphrase)
    print(
        f"Created the key vault {path} for {workspace}. Keep the passphrase safe: "
        "without it nobody can open the vault."
    )
    return EXIT_OK


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        return ""


# ------------------------------------------------------------------- add
@dataclass(frozen=True)
class _Identity:
    """What ``vault add`` was given, checked."""

    real_names: tuple[str, ...]
    aliases: tuple[str, ...]
    dates_of_birth: tuple[date, ...]
    addresses: tuple[str, ...]
    nhs_numbers: tuple[str, ...]
    other_identifiers: tuple[str, ...]


def run_add(args: argparse.Namespace) -> int:
    """Record a person's real identity under their pseudonym in the case's entries."""
    identity = _checked_identity(args)
    code, pseudonym = _case_and_pseudonym(args)
    vault = _open(args, "to add to it")
    from deepdive.privacy.vault_model import VaultPerson

    entries = vault.ensure_case(code)
    person = entries.person(pseudonym) or VaultPerson(pseudonym)
    vault.put_case(entries.with_person(_merged(person, identity)))
    added = [
        f"{len(values)} {one if len(values) == 1 else many}"
        for values, one, many in (
            (identity.real_names, "real name", "real names"),
            (identity.aliases, "alias", "aliases"),
            (identity.dates_of_birth, "date of birth", "dates of birth"),
            (identity.addresses, "address", "addresses"),
            (identity.nhs_numbers, "NHS number", "NHS numbers"),
            (identity.other_identifiers, "other identifier", "other identifiers"),
        )
        if values
    ]
    print(f"Recorded for {pseudonym} in {code}: {', '.join(added)}.")
    return EXIT_OK


def _checked_identity(args: argparse.Namespace) -> _Identity:
    """The identity as given, tidied; one clear line for anything malformed."""
    from stdnum.gb import nhs

    from deepdive.privacy.datefinder import parse_full_date

    def texts(values: list[str], option: str) -> tuple[str, ...]:
        tidy = [" ".join(v.split()) for v in values]
        if any(not t for t in tidy):
            raise DeepDiveError(f"{option} is empty; give the text or leave the option out.")
        return tuple(dict.fromkeys(tidy))

    born: list[date] = []
    for text in args.born:
        day = parse_full_date(text)
        if day is None:
            raise DeepDiveError(
                f"--born {text!r} is not a date of birth DeepDive can read: use a form like "
                "12/03/2005 or 12 March 2005."
            )
        born.append(day)
    numbers: list[str] = []
    for text in args.nhs:
        digits = "".join(c for c in text if not c.isspace() and c != "-")
        if not (len(digits) == 10 and digits.isdigit()):
            raise DeepDiveError(f"--nhs {text!r} is not an NHS number: it has ten digits.")
        if not nhs.is_valid(digits):
            raise DeepDiveError(
                f"--nhs {text!r} is not an NHS number: its check digit does not match; "
                "check it for a typing slip."
            )
        numbers.append(nhs.format(digits))
    return _Identity(
        real_names=texts([args.real_name], "--real-name"),
        aliases=texts(args.alias, "--alias"),
        dates_of_birth=tuple(dict.fromkeys(born)),
        addresses=texts(args.address, "--address"),
        nhs_numbers=tuple(dict.fromkeys(numbers)),
        other_identifiers=texts(args.other, "--other"),
    )


def _case_and_pseudonym(args: argparse.Namespace) -> tuple[str, str]:
    """The case's code and the pseudonym as the workspace spells them."""
    code, known = _case_cast(args)
    wanted = " ".join(args.pseudonym.split()).casefold()
    for pseudonym in known:
        if pseudonym.casefold() == wanted:
            return code, pseudonym
    raise DeepDiveError(
        f"{args.pseudonym!r} is not a pseudonym in case {code} (it has "
        f"{', '.join(known)}); add the person to the case's cast first."
    )


def _case_cast(args: argparse.Namespace) -> tuple[str, list[str]]:
    """The case's code and every pseudonym it uses, read without the workspace's lock
    (so the app may have it open meanwhile): nothing is written to the workspace here."""
    from deepdive.services.errors import NotFoundError

    _existing_workspace(args)
    services = open_for_reading(args)
    try:
        case = services.cases.find(args.code)
    except NotFoundError:
        raise DeepDiveError(
            f"The workspace has no case {args.code.strip().upper()}; "
            "'deepdive cases' lists its cases."
        ) from None
    finally:
        services.close()
    return case.code, list(dict.fromkeys([case.pseudonym, *(p.pseudonym for p in case.people)]))


def _merged(person: VaultPerson, identity: _Identity) -> VaultPerson:
    from dataclasses import replace

    def both(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(dict.fromkeys((*old, *new)))

    return replace(
        person,
        real_names=both(person.real_names, identity.real_names),
        aliases=both(person.aliases, identity.aliases),
        dates_of_birth=both(person.dates_of_birth, identity.dates_of_birth),
        addresses=both(person.addresses, identity.addresses),
        nhs_numbers=both(person.nhs_numbers, identity.nhs_numbers),
        other_identifiers=both(person.other_identifiers, identity.other_identifiers),
    )


# ------------------------------------------------------------------ list
def run_list(args: argparse.Namespace) -> int:
    """Print the vault's cases and pseudonyms: counts, or with --reveal the identities."""
    vault = _open(args, "to list it")
    cases = vault.cases()
    if args.json:
        listing = [
            {"code": c.code, "people": [_person_listing(p, args.reveal) for p in c.people]}
            for c in cases
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not cases:
        print(f"The key vault {vault.path.name} holds no entries yet.")
        return EXIT_OK
    header = ("CODE", "PSEUDONYM", *(heading for _key, heading, _field in _FIELDS))
    rows: list[tuple[str, ...]] = [header]
    for case in cases:
        if not case.people:
            rows.append((case.code, "(nobody yet)", *("" for _ in _FIELDS)))
        for person in case.people:
            shown = _person_listing(person, args.reveal)
            cells = (_cell(shown[key]) for key, _heading, _field in _FIELDS)
            rows.append((case.code, person.pseudonym, *cells))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return EXIT_OK


def _person_listing(person: VaultPerson, reveal: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"pseudonym": person.pseudonym}
    for key, _heading, field in _FIELDS:
        values = getattr(person, field)
        if reveal:
            entry[key] = [v.isoformat() if isinstance(v, date) else v for v in values]
        else:
            entry[key] = len(values)
    return entry


def _cell(value: object) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


# ---------------------------------------------------------------- remove
def run_remove(args: argparse.Namespace) -> int:
    """Forget one person's entry, or every entry of a case (with its date shift)."""
    vault = _open(args, "to remove from it")
    code = args.code.strip().upper()
    entries = vault.case(code)
    if entries is None:
        raise DeepDiveError(
            f"The key vault has no entries for {code} ('deepdive vault list' shows what it holds)."
        )
    if args.pseudonym is None:
        vault.remove_case(code)
        print(
            f"Removed every entry for {code} from the key vault, with its secret date "
            "shift (a later shifted export gets a new one)."
        )
        return EXIT_OK
    person = entries.person(args.pseudonym)
    if person is None:
        held = ", ".join(p.pseudonym for p in entries.people) or "nobody"
        raise DeepDiveError(
            f"The key vault has no entry for {args.pseudonym!r} in {code} (it holds {held})."
        )
    vault.put_case(entries.without_person(person.pseudonym))
    print(f"Removed {person.pseudonym}'s entry for {code} from the key vault.")
    return EXIT_OK


# --------------------------------------------------------------- helpers
def _existing_workspace(args: argparse.Namespace) -> str:
    """The workspace's name as shown, once it is known to exist. A team workspace's
    vault is kept in the person's own data folder (never on the server): the server is
    asked that the workspace is there, and the folder for its vault is made, private."""
    from deepdive.files.private import make_private_folder
    from deepdive.storage.address import ServerAddress

    where = workspace_arg(args)
    if isinstance(where, ServerAddress):
        open_for_reading(args).close()  # one clear line when it is not there
        folder = workspace_of(args).parent
        make_private_folder(folder)
        return where.shown
    workspace = workspace_of(args)
    if not workspace.is_file():
        raise DeepDiveError(
            f"There is no workspace at {workspace}; name it with --workspace (the vault "
            "is kept beside it)."
        )
    return workspace.name


def _open(args: argparse.Namespace, purpose: str) -> Vault:
    path = vault_path_of(args)
    if not path.exists():
        raise DeepDiveError(
            f"There is no key vault at {path}; create it with 'deepdive vault init'."
        )
    return open_vault(path, purpose)
