"""Checks shared by the services; each failure names the field and what to do."""

from __future__ import annotations

import re

from deepdive.domain.vocabulary import CaseStatus
from deepdive.services.errors import ValidationError
from deepdive.services.guard import GuardedField, IdentifierGuard, refuse_identifiers
from deepdive.services.text import clean_line

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,39}$")


def case_code(text: str, guard: IdentifierGuard | None = None) -> str:
    """A case code such as ``DD-2019-014``: upper-case letters, digits and hyphens.

    With a ``guard``, a code holding a real identity is refused (codes are shown
    everywhere, exports and file names included).
    """
    code = clean_line(text).upper()
    if not code:
        raise ValidationError("Give the case a code, for example DD-2019-014.", "code")
    if guard is not None:
        refuse_identifiers(guard, clean_line(text), GuardedField.CODE, "code")
    if not _CODE.match(code):
        raise ValidationError(
            f"'{code}' is not a usable case code: use letters, digits and hyphens only "
            "(up to 40), for example DD-2019-014.",
            "code",
        )
    return code


def required_line(text: str, field: str, label: str, max_length: int = 80) -> str:
    """A required one-line field, cleaned, no longer than ``max_length``."""
    value = clean_line(text)
    if not value:
        raise ValidationError(f"{label} cannot be empty.", field)
    if len(value) > max_length:
        raise ValidationError(f"{label} is too long ({len(value)} of {max_length}).", field)
    return value


def guarded_line(
    text: str,
    field: str,
    label: str,
    kind: GuardedField,
    guard: IdentifierGuard,
    max_length: int = 80,
) -> str:
    """A required one-line pseudonym, role or name of a thing that holds no identity."""
    value = required_line(text, field, label, max_length)
    refuse_identifiers(guard, value, kind, field)
    return value


def birth_month(text: str) -> tuple[int | None, int | None]:
    """Approximate birth as ``YYYY-MM`` or ``YYYY`` (or empty for unknown)."""
    value = clean_line(text)
    if not value:
        return None, None
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", value)
    if not match:
        raise ValidationError(
            f"'{value}' is not a birth month: use year and month, such as 2004-05, or a year.",
            "birth",
        )
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    if not 1900 <= year <= 2100:
        raise ValidationError(f"{year} is not a plausible birth year.", "birth")
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(f"{month} is not a month (use 1 to 12).", "birth")
    return year, month


def case_status(text: str) -> CaseStatus:
    """One of draft, in_review, final."""
    try:
        return CaseStatus(text)
    except ValueError:
        allowed = ", ".join(s.value for s in CaseStatus)
        raise ValidationError(f"'{text}' is not a case status ({allowed}).", "status") from None


def tag_names(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Cleaned, de-duplicated (case-insensitively) tag names, in the order given."""
    seen: dict[str, str] = {}
    for tag in tags:
        name = clean_line(tag)
        if name and name.casefold() not in seen:
            if len(name) > 80:
                raise ValidationError(f"The tag '{name[:20]}…' is too long (80 at most).", "tags")
            seen[name.casefold()] = name
    return list(seen.values())
