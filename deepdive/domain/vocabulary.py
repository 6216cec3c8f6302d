"""The fixed vocabularies of the domain: statuses, event categories, roles, agencies."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    """Where a case study is in its life."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    FINAL = "final"

    @property
    def label(self) -> str:
        """The status as a user reads it."""
        return {"draft": "Draft", "in_review": "In review", "final": "Final"}[self.value]


class SessionStatus(StrEnum):
    """Where a reflective session is."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"


# Event domains, in the order a chronology filter lists them.
CATEGORIES: tuple[str, ...] = (
    "placement",
    "education",
    "health",
    "police/justice",
    "family",
    "social care",
    "hub support",
    "missing",
    "exploitation",
    "housing",
    "youth justice",
    "other",
)

ROLES: tuple[str, ...] = (
    "young person",
    "parent",
    "step-parent",
    "grandparent",
    "sibling",
    "other family",
    "foster carer",
    "residential worker",
    "social worker",
    "team manager",
    "teacher",
    "school staff",
    "CAMHS clinician",
    "health worker",
    "police officer",
    "youth worker",
    "life coach",
    "hub worker",
    "youth justice worker",
    "housing officer",
    "other",
)

# (name, kind) of the agencies every new workspace starts with; users may add more.
DEFAULT_AGENCIES: tuple[tuple[str, str], ...] = (
    ("Children's Social Care", "social care"),
    ("Police", "police"),
    ("Health/CAMHS", "health"),
    ("Education", "education"),
    ("Youth Justice", "youth justice"),
    ("Housing", "housing"),
    ("Voluntary sector", "voluntary"),
    ("No Wrong Door hub", "hub"),
)

# The protective marking exports carry unless the user chooses another (or none).
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
