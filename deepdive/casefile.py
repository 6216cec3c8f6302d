"""Loading a case from a ``deepdive-case/1`` YAML file (the demo case uses this).

Every field is checked by the rules the services apply to typing
(:mod:`deepdive.casefile_content`), then the whole case is added through the services
in one transaction: if any part of the file is wrong, nothing is added.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from deepdive.casefile_content import CaseFileContent
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.case_import import CaseImportService
from deepdive.services.case_teams import TeamChoiceError
from deepdive.services.results import CaseDetail
from deepdive.storage.teams_errors import TeamRefusalError
from deepdive.text.bounded_yaml import BoundedLoader, YamlTooDeep

FORMAT = "deepdive-case/1"


class CaseFileError(DeepDiveError):
    """A case file that cannot be loaded; the message names the file and the part."""


class _TextDatesLoader(BoundedLoader):
    """Reads dates as the text written, so DeepDive's own date rules judge them (and
    refuses nesting too deep, as every YAML reader in DeepDive does)."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in BoundedLoader.yaml_implicit_resolvers.items()
}

_ShippedLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):

    class _ShippedLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's parser with the same date rule, for the files DeepDive ships."""

    _ShippedLoader.yaml_implicit_resolvers = _TextDatesLoader.yaml_implicit_resolvers


def read_case_data(path: Path, *, shipped: bool = False) -> dict[str, Any]:
    """The case file's data, refused unless it is a ``deepdive-case/1`` file.

    ``shipped``: a file that comes with DeepDive (the demo cases), read with libyaml
    when it is installed, for speed; any other file is read by the pure-Python loader.
    """
    data = read_yaml(path, shipped=shipped)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CaseFileError(f"{path.name}: is not a DeepDive case file ({FORMAT}).")
    return data


def read_yaml(path: Path, *, shipped: bool = False) -> Any:
    """A YAML file's data with dates kept as written; see :func:`read_case_data`."""
    loader = _ShippedLoader if shipped and _ShippedLoader is not None else _TextDatesLoader
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except YamlTooDeep as exc:
        raise CaseFileError(f"{path.name}, line {exc.line}: {exc.plain}.") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CaseFileError(f"{path.name}: cannot be read ({exc}).") from exc


def load_case_file(
    services: Services, path: Path, *, shipped: bool = False, team: str | None = None
) -> CaseDetail:
    """Add the case described in ``path`` to the workspace (on a team workspace, into
    ``team`` if given) and return it."""
    return add_case_data(services, read_case_data(path, shipped=shipped), path.name, team)


def add_case_data(
    services: Services, data: dict[str, Any], name: str, team: str | None = None
) -> CaseDetail:
    """Add a case file's data (read from the file called ``name``) in one transaction,
    into ``team`` if given (a team workspace's)."""
    try:
        content = CaseFileContent(services, data).build()
    except DeepDiveError as exc:
        raise CaseFileError(f"{name}: {exc}") from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CaseFileError(f"{name}: missing or malformed entry ({exc}).") from exc
    try:
        added = CaseImportService(services.workspace, services.changes).add_case(
            content, content.case.code, team
        )
    except (TeamChoiceError, TeamRefusalError):
        raise  # about the person and their teams, not about the file
    except DeepDiveError as exc:
        raise CaseFileError(f"{name}: {exc}") from exc
    return services.cases.get(added.case_id)
