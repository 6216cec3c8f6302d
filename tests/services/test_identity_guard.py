"""Fields that hold only pseudonyms or roles refuse real identities, whoever writes them.

A registered real name is refused while a vault's registry is set into the guard (the
app does that on unlock); validated patterns (an NHS number, a postcode) always are; a
role also refuses a person's title and name. Each refusal says what to type instead,
and nothing of the refused change is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from workspace_helpers import workspace_rows

from deepdive.bundles import BundleError, export_case_bundle, import_case_bundle
from deepdive.casefile import CaseFileError, load_case_file
from deepdive.demo import add_demo_case
from deepdive.privacy.guard import VaultGuard
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.services import Services
from deepdive.services.guard import IdentifierRefused
from deepdive.services.sessions import Participant
from deepdive.storage.workspace import Workspace
from deepdive.templates import builtin_template

MUM = VaultPerson("Mum", real_names=("Sarah Thompson",))
REAL_NAME = "Sarah Thompson"
NHS_NUMBER = "943 476 5919"
POSTCODE = "S1 2HH"


@pytest.fixture
def guard() -> VaultGuard:
    """A guard holding an unlocked vault's registry, as the app sets it on unlock."""
    return VaultGuard(IdentifierRegistry.from_cases([VaultCase("DD-2019-014", 90, (MUM,))]))


@pytest.fixture
def guarded(new_workspace: Callable[[str], Workspace], guard: VaultGuard) -> Iterator[Services]:
    bound = Services.for_workspace(new_workspace("guarded"), guard=guard)
    yield bound
    bound.close()


@pytest.fixture
def case_id(guarded: Services) -> int:
    return guarded.cases.create("DD-2019-014", "Jay").id


def _start(services: Services, case_id: int, **details: object) -> int:
    fields: dict[str, object] = {
        "title": "Deep Dive",
        "held_on": date(2022, 3, 17),
        "facilitator_role": "Innovation coach",
        "participants": [Participant("Social worker", "Children's Social Care")],
    }
    fields.update(details)
    return services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        **fields,  # type: ignore[arg-type]
    ).id


# Each field that must hold only a pseudonym, a role or the name of a thing, written
# through the service that owns it.
Write = Callable[[Services, int, str], object]
FIELDS: dict[str, Write] = {
    "new case's pseudonym": lambda s, _c, v: s.cases.create("DD-2020-001", v),
    "case pseudonym": lambda s, c, v: s.cases.update(c, pseudonym=v),
    "cast pseudonym (new)": lambda s, c, v: s.people.add(c, v, "Parent"),
    "cast pseudonym": lambda s, c, v: s.people.update(
        s.people.add(c, "Mum", "Parent").id, pseudonym=v
    ),
    "cast role (new)": lambda s, c, v: s.people.add(c, "Mum", v),
    "cast role": lambda s, c, v: s.people.update(s.people.add(c, "Mum", "Parent").id, role=v),
    "participant's role": lambda s, c, v: _start(s, c, participants=[Participant(v, None)]),
    "facilitator's role": lambda s, c, v: _start(s, c, facilitator_role=v),
    "participants (changed)": lambda s, c, v: s.sessions.update_details(
        _start(s, c),
        title="Deep Dive",
        held_on=None,
        facilitator_role="Innovation coach",
        participants=[Participant(v, None)],
    ),
    "action owner (new)": lambda s, c, v: s.actions.add(c, "Ring school", owner_role=v),
    "action owner": lambda s, c, v: s.actions.update(
        s.actions.add(c, "Ring school", owner_role="Team manager").id, owner_role=v
    ),
    "action owner (session)": lambda s, c, v: s.sessions.add_action(c, "Visit", owner_role=v),
    "agency": lambda s, _c, v: s.agencies.add(v),
    "theme (new)": lambda s, _c, v: s.themes.create(v),
    "theme (ensured)": lambda s, _c, v: s.themes.ensure(v),
    "theme (renamed)": lambda s, _c, v: s.themes.rename(s.themes.create("Waiting").id, v),
}
# Codes are upper-cased letters, digits and hyphens: an identifier in that shape.
CODE_FIELDS: dict[str, Write] = {
    "new case's code": lambda s, _c, v: s.cases.create(v, "Jay"),
    "case code": lambda s, c, v: s.cases.update(c, code=v),
    "duplicate's code": lambda s, c, v: s.cases.duplicate(c, v),
}


@pytest.mark.parametrize("field", list(FIELDS))
def test_a_registered_real_name_is_refused_with_the_way_out(
    guarded: Services, case_id: int, field: str
) -> None:
    with pytest.raises(IdentifierRefused) as refused:
        FIELDS[field](guarded, case_id, REAL_NAME)
    message = str(refused.value)
    assert message.startswith("'Sarah Thompson' is a real name registered in the key vault")
    assert " cannot hold it. " in message and "such as '" in message  # what to type instead
    if not field.startswith(("agency", "theme")):  # the pseudonym the vault gives her
        assert "'Mum'" in message
    assert refused.value.findings[0].text == REAL_NAME


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize(
    ("value", "what"),
    [(NHS_NUMBER, "looks like an NHS number"), (POSTCODE, "looks like a postcode")],
)
def test_validated_patterns_are_refused_even_with_the_vault_locked(
    services: Services, field: str, value: str, what: str
) -> None:
    case_id = services.cases.create("DD-2019-014", "Jay").id
    with pytest.raises(IdentifierRefused) as refused:
        FIELDS[field](services, case_id, value)
    assert str(refused.value).startswith(f"'{value}' {what}")


@pytest.mark.parametrize("field", list(CODE_FIELDS))
def test_a_case_code_refuses_an_identifier_in_code_shape(
    guarded: Services, case_id: int, field: str
) -> None:
    with pytest.raises(IdentifierRefused) as refused:
        CODE_FIELDS[field](guarded, case_id, "9434765919")
    assert str(refused.value) == (
        "'9434765919' looks like an NHS number; a case code cannot hold it. "
        "Use a code such as DD-2019-014."
    )
    with pytest.raises(IdentifierRefused, match="registered in the key vault"):
        CODE_FIELDS[field](guarded, case_id, "Thompson-1")


@pytest.mark.parametrize(
    "role", ["Mrs Sarah Thompson", "Dr Patel", "Mr. J. Smith", "Team manager (Mr Jones)"]
)
def test_a_role_refuses_a_title_and_name_without_any_vault(services: Services, role: str) -> None:
    case_id = services.cases.create("DD-2019-014", "Jay").id
    with pytest.raises(IdentifierRefused) as refused:
        services.people.add(case_id, "Mum", role)
    message = str(refused.value)
    assert "is a person's title and name; a role cannot hold it" in message
    assert "Use a role such as 'Parent', 'Social worker' or 'Teacher'" in message


def test_pseudonyms_roles_and_names_of_things_that_identify_nobody_are_kept(
    guarded: Services, case_id: int
) -> None:
    person = guarded.people.add(case_id, "Young person A", "Social worker")
    assert (person.pseudonym, person.role) == ("Young person A", "Social worker")
    assert guarded.people.update(person.id, role="Mum's partner").role == "Mum's partner"
    assert guarded.agencies.add("Barnardo's") == "Barnardo's"
    assert guarded.themes.create("A trusted adult").name == "A trusted adult"
    assert guarded.cases.update(case_id, code="DD-2019-015").code == "DD-2019-015"
    # The demo case passes every check, with its cast, sessions and actions.
    assert add_demo_case(guarded).code == "DEMO-001"


def test_with_the_vault_locked_again_a_name_nobody_registered_is_not_refused(
    guarded: Services, guard: VaultGuard, case_id: int
) -> None:
    guard.set_registry(None)  # the app does this when the vault locks
    assert guarded.people.add(case_id, REAL_NAME, "Parent").pseudonym == REAL_NAME
    guard.set_registry(IdentifierRegistry.from_cases([VaultCase("X", 0, (MUM,))]))
    with pytest.raises(IdentifierRefused):
        guarded.people.add(case_id, "Sarah", "Parent")  # a part of a registered name


def test_a_refused_change_writes_nothing_not_even_its_good_fields(
    guarded: Services, case_id: int
) -> None:
    person = guarded.people.add(case_id, "Mum", "Parent")
    session_id = _start(guarded, case_id)
    before = workspace_rows(guarded)
    with pytest.raises(IdentifierRefused):
        guarded.people.update(person.id, pseudonym="Nan", role="Mrs Sarah Thompson")
    with pytest.raises(IdentifierRefused):
        guarded.cases.update(case_id, code="DD-2019-099", summary="New.", pseudonym=POSTCODE)
    with pytest.raises(IdentifierRefused):
        guarded.sessions.update_details(
            session_id,
            title="Renamed",
            held_on=None,
            facilitator_role="Team manager",
            participants=[Participant("Police officer", None), Participant(NHS_NUMBER, None)],
        )
    with pytest.raises(IdentifierRefused):
        _start(
            guarded,
            case_id,
            participants=[Participant("Nurse", None), Participant(REAL_NAME, None)],
        )
    assert workspace_rows(guarded) == before


def test_a_case_file_with_an_identity_in_a_role_loads_nothing(
    guarded: Services, tmp_path: Path
) -> None:
    from deepdive.resources import resource_path

    original = resource_path("demo", "DEMO-001.yaml").read_text(encoding="utf-8")
    assert "role: grandparent" in original
    path = tmp_path / "case.yaml"
    path.write_text(
        original.replace("role: grandparent", "role: Mrs Sarah Thompson", 1),
        encoding="utf-8",
    )
    before = workspace_rows(guarded)
    with pytest.raises(CaseFileError, match="'Sarah Thompson' is a real name registered"):
        load_case_file(guarded, path)
    after = workspace_rows(guarded)
    # The file's tag names stay in the workspace's tag vocabulary (no service removes
    # tags); everything else is exactly as it was.
    assert {k: v for k, v in after.items() if k != "tags"} == {
        k: v for k, v in before.items() if k != "tags"
    }


def test_a_bundle_whose_cast_holds_an_identity_imports_nothing(
    services: Services, tmp_path: Path, new_workspace: Callable[[str], Workspace]
) -> None:
    case = add_demo_case(services)
    # A bundle made elsewhere, by a version that did not check roles.
    with services.workspace.transaction() as orm:
        orm.execute(
            text(
                "UPDATE session_participants SET role = 'Mrs Sarah Thompson' WHERE id = "
                "(SELECT min(id) FROM session_participants)"
            )
        )
    bundle = export_case_bundle(services, case.code, tmp_path / "jay.ddcase", None)
    target = Services.for_workspace(new_workspace("target"))
    try:
        before = workspace_rows(target)
        with pytest.raises(BundleError) as refused:
            import_case_bundle(target, bundle)
        message = str(refused.value)
        assert message.startswith("jay.ddcase: the session “")
        assert "'Mrs Sarah Thompson' is a person's title and name" in message
        assert message.endswith("Nothing was imported.")
        assert workspace_rows(target) == before
    finally:
        target.close()
