"""Adding a whole case at once (from a case bundle): all or nothing, and quick.

The content has been checked field by field before it reaches here
(:mod:`deepdive.bundles.parse`); this service checks it against the workspace (a
free case code, no clashing template version) and writes it in one transaction.
Events, the cast and every link between them go in through the same bulk path as a
CSV import (one ``executemany`` per table, the search index brought up to date in
two statements), so a 100,000-event case is added in seconds, not minutes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.case_content import CaseContent
from deepdive.services.case_teams import new_case_team
from deepdive.services.case_writer import CaseWriter
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, ValidationError
from deepdive.storage.models import (
    Case,
    TemplateVersion,
)
from deepdive.storage.teams_errors import CaseCodeTakenError
from deepdive.storage.workspace import Workspace


class CaseCodeTaken(DuplicateError):
    """The workspace already has a case with this code; ``suggested`` is free."""

    def __init__(self, code: str, suggested: str) -> None:
        super().__init__(f"This workspace already has a case {code}.", "code")
        self.code = code
        self.suggested = suggested


class TemplateVersionClash(ValidationError):
    """The content's sessions used a template version the workspace holds differently."""


@dataclass(frozen=True)
class AddedCase:
    """What adding a case added."""

    case_id: int
    code: str
    pseudonym: str
    events: int
    sessions: int


class CaseImportService:
    """Adds a whole case (its cast, chronology, sessions and actions) in one go."""

    def __init__(self, workspace: Workspace, changes: ChangeBus) -> None:
        self._workspace = workspace
        self._changes = changes

    def add_case(self, content: CaseContent, code: str, team: str | None = None) -> AddedCase:
        """Add ``content`` as case ``code`` (already a valid code); nothing on any error.
        ``team``: on a team workspace, the team it goes into (see
        :mod:`deepdive.services.case_teams`).

        Raises :class:`CaseCodeTaken` (with a free code to suggest) or
        :class:`TemplateVersionClash`.
        """
        try:
            with self._workspace.transaction() as session:
                if _code_taken(session, code):
                    raise CaseCodeTaken(code, _free_code(session, content.case.code))
                _refuse_template_clash(session, content)
                team_id = new_case_team(session, self._workspace, team)
                case_id = CaseWriter(session, content).write(code, team_id)
        except CaseCodeTakenError as exc:  # a case this role may not see has the code
            raise CaseCodeTaken(code, _copy_code(code)) from exc
        self._changes.publish(Change(Entity.CASE, ChangeKind.ADDED, (case_id,), case_id))
        return AddedCase(
            case_id, code, content.case.pseudonym, len(content.events), len(content.sessions)
        )


def _code_taken(session: OrmSession, code: str) -> bool:
    return session.scalar(select(Case.id).where(Case.code == code)) is not None


def _copy_code(code: str) -> str:
    return f"{code[:34]}-COPY"


def _free_code(session: OrmSession, code: str) -> str:
    base = _copy_code(code)
    candidate, number = base, 1
    while _code_taken(session, candidate):
        number += 1
        candidate = f"{base}{number}"
    return candidate


def _refuse_template_clash(session: OrmSession, content: CaseContent) -> None:
    for template in content.templates:
        existing = session.scalar(
            select(TemplateVersion.content_sha256).where(
                TemplateVersion.template_key == template.key,
                TemplateVersion.version == template.version,
            )
        )
        if existing is not None and existing != template.sha256:
            raise TemplateVersionClash(
                f"its sessions used version {template.version} of '{template.name}', and "
                "this workspace has a different template under that version. Nothing was "
                "imported; save one of them as a new version first."
            )
