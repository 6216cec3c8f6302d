"""A bundle's pseudonyms, roles and names of things must hold no real identity.

They go straight into the workspace (the import writes rows, not service calls), so
the same guard the services use checks them first; one refusal stops the import
before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterator

from deepdive.bundles.content import BundleContent
from deepdive.bundles.errors import BundleError
from deepdive.services.guard import (
    GuardedField,
    IdentifierGuard,
    IdentifierRefused,
    refuse_identifiers,
)


def refuse_identities(guard: IdentifierGuard, content: BundleContent, name: str) -> None:
    """Raise :class:`BundleError` naming the first field of the bundle that holds a
    registered identifier or a validated pattern (or, in a role, a titled name)."""
    for where, text, kind in _guarded_fields(content):
        try:
            refuse_identifiers(guard, text, kind, kind.value)
        except IdentifierRefused as exc:
            raise BundleError(f"{name}: {where}: {exc} Nothing was imported.") from exc


def _guarded_fields(content: BundleContent) -> Iterator[tuple[str, str, GuardedField]]:
    case = content.case
    yield "the case code", case.code, GuardedField.CODE
    yield "the young person's pseudonym", case.pseudonym, GuardedField.PSEUDONYM
    for agency in case.agencies:
        yield "an agency", agency.name, GuardedField.AGENCY
    for theme in case.themes:
        yield "a learning theme", theme.name, GuardedField.THEME
    for person in content.people:
        yield "the cast", person.pseudonym, GuardedField.PSEUDONYM
        yield f"the role of {person.pseudonym}", person.role, GuardedField.ROLE
    for session in content.sessions:
        where = f"the session “{session.title}”"
        yield f"{where}, facilitator", session.facilitator_role, GuardedField.ROLE
        for participant in session.participants:
            yield f"{where}, participants", participant.role, GuardedField.ROLE
    for action in content.actions:
        yield "an action's owner", action.owner_role, GuardedField.ROLE
