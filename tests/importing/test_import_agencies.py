"""Agency names as other services' files write them: added, mapped, suggested, guarded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from workspace_helpers import workspace_rows

from deepdive.domain.vocabulary import DEFAULT_AGENCIES
from deepdive.importing import (
    ImportDefaults,
    ImportMappingError,
    ImportRowsError,
    import_chronology,
)
from deepdive.importing.agencies import AgencyNames
from deepdive.privacy.guard import VaultGuard
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay").id


HUB_FILE = (
    "Date;Event;Agency\n"
    "01/02/2017;Outreach visit;NWD Hub\n"
    "Mar 2017;Bed night at the hub;nwd hub\n"
    "Apr 2017;Stopped and searched;Police\n"
)


def test_an_unknown_agency_is_added_with_the_events_and_named_in_the_result(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    result = import_chronology(services, case_id, write_csv(tmp_path / "hub.csv", HUB_FILE))
    assert result.added_agencies == ("NWD Hub",)
    assert result.mapped_agencies == ()
    assert services.agencies.names()[-1] == "NWD Hub"
    sources = {e.description: (e.agency, e.category) for e in result.events}
    assert sources == {
        "Outreach visit": ("NWD Hub", "other"),
        "Bed night at the hub": ("NWD Hub", "other"),  # any case: the same agency
        "Stopped and searched": ("Police", "police/justice"),
    }
    again = import_chronology(services, case_id, tmp_path / "hub.csv")
    assert again.added_agencies == ()  # known now


def test_a_mapped_agency_becomes_the_workspaces_own(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    agencies = services.agencies.names()
    defaults = ImportDefaults(agency_map={"NWD HUB": "no wrong door HUB"})
    result = import_chronology(
        services, case_id, write_csv(tmp_path / "hub.csv", HUB_FILE), defaults=defaults
    )
    assert result.added_agencies == ()
    assert result.mapped_agencies == (("NWD Hub", "No Wrong Door hub"),)
    assert services.agencies.names() == agencies
    hub = [e for e in result.events if e.agency == "No Wrong Door hub"]
    assert [e.category for e in hub] == ["hub support", "hub support"]  # from its kind


def test_a_mapping_to_an_agency_the_workspace_lacks_is_refused(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    before = workspace_rows(services)
    with pytest.raises(ImportMappingError) as refused:
        import_chronology(
            services,
            case_id,
            write_csv(tmp_path / "hub.csv", HUB_FILE),
            defaults=ImportDefaults(agency_map={"NWD Hub": "The Hub"}),
        )
    assert str(refused.value).startswith(
        "'The Hub' is not an agency in this workspace; use one of: Children's Social Care, "
    )
    assert workspace_rows(services) == before


def test_a_bad_row_anywhere_adds_neither_events_nor_agencies(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    before = workspace_rows(services)
    path = write_csv(tmp_path / "hub.csv", HUB_FILE + "31/02/2017;Bad date;Youth club\n")
    with pytest.raises(ImportRowsError) as refused:
        import_chronology(services, case_id, path)
    assert refused.value.lines == ["hub.csv: row 5: 'Date': 31 February 2017 is not a real date"]
    assert workspace_rows(services) == before


@pytest.fixture
def guarded(workspace_path: Path) -> Iterator[Services]:
    """Services whose guard holds an unlocked vault's registry, as in the app."""
    mum = VaultPerson("Mum", real_names=("Sarah Thompson",))
    registry = IdentifierRegistry.from_cases([VaultCase("DD-2019-014", 90, (mum,))])
    bound = Services.for_workspace(open_workspace(workspace_path), guard=VaultGuard(registry))
    yield bound
    bound.close()


def test_an_agency_that_is_a_real_name_is_refused_row_by_row(
    guarded: Services, tmp_path: Path
) -> None:
    case_id = guarded.cases.create("DD-2019-014", "Jay").id
    before = workspace_rows(guarded)
    path = write_csv(
        tmp_path / "notes.csv",
        "Date,Event,Recorded by\n"
        "2017,Visit,Sarah Thompson\n"
        "2018,Call,Police\n"
        "2019,Review,sarah thompson\n"
        "2019,Letter,Youth club 943 476 5919\n",
    )
    with pytest.raises(ImportRowsError) as refused:
        import_chronology(guarded, case_id, path)
    lines = refused.value.lines
    assert [p.row for p in refused.value.problems] == [2, 4, 5]
    assert lines[0] == (
        "notes.csv: row 2: 'Recorded by': 'Sarah Thompson' is a real name registered in the key "
        "vault; an agency name cannot hold it. Use the service's name, such as "
        "'Children's Social Care' or 'Health/CAMHS'."
    )
    assert "is a real name registered in the key vault" in lines[1]
    assert "looks like an NHS number" in lines[2]
    assert workspace_rows(guarded) == before


def test_plain_aliases_find_the_agency_of_their_kind_even_renamed(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    services.agencies.rename("Children's Social Care", "Children and Families")
    path = write_csv(tmp_path / "csc.csv", "Date,Event,Source\n2017,Visit,CSC\n2018,Call,YOT\n")
    result = import_chronology(services, case_id, path)
    assert result.added_agencies == ()
    assert [(e.agency, e.category) for e in result.events] == [
        ("Children and Families", "social care"),
        ("Youth Justice", "youth justice"),
    ]


DEFAULTS = AgencyNames([n for n, _ in DEFAULT_AGENCIES], dict(DEFAULT_AGENCIES))


@pytest.mark.parametrize(
    ("theirs", "suggested"),
    [
        ("NWD Hub", "No Wrong Door hub"),
        ("N.W.D.", "No Wrong Door hub"),
        ("CSC North", "Children's Social Care"),
        ("Childrens Social Care Team", "Children's Social Care"),
        ("MASH", "Children's Social Care"),
        ("CAMHS team", "Health/CAMHS"),
        ("School nurse", "Health/CAMHS"),
        ("Healh/CAMHS", "Health/CAMHS"),
        ("North Yorkshire Police", "Police"),
        ("YOS", "Youth Justice"),
        ("Youth Offending Service", "Youth Justice"),
        ("Virtual School", "Education"),
        ("Barnardo's", "Voluntary sector"),
        ("Housing Options", "Housing"),
        ("Sarah Thompson", None),
        ("Riverside Boxing Club", None),
    ],
)
def test_close_matches_are_suggested_for_the_mapping_step(theirs: str, suggested: str) -> None:
    assert DEFAULTS.find(theirs) is None
    assert DEFAULTS.suggest(theirs) == suggested
