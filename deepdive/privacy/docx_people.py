"""Who wrote and changed a Word document: the people its parts name outside the text.

Tracked changes (``w:ins``, ``w:del``, ``w:rPrChange`` …) and comments carry
``w:author`` and ``w:initials``; ``word/people.xml`` lists every author
(``w15:person w15:author``) with their account (``w15:presenceInfo w15:userId``, often
an email address); ``docProps/core.xml`` has the creator and whoever saved it last
(``dc:creator``, ``cp:lastModifiedBy``) and ``docProps/app.xml`` a manager. These are
real people who worked on the case; a document that carries them is not anonymous.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from deepdive.privacy.words import COMMON_WORDS

# Attributes, by local name, that name a person in any WordprocessingML part.
_PERSON_ATTRIBUTES = frozenset({"author", "initials", "userId", "reviewer"})
# Elements of the document properties whose text names a person.
_PERSON_ELEMENTS = frozenset({"creator", "lastModifiedBy", "Manager"})
_NAMING = etree.XPath(
    "descendant-or-self::*[@*["
    + " or ".join(f"local-name()='{name}'" for name in sorted(_PERSON_ATTRIBUTES))
    + "] or "
    + " or ".join(f"local-name()='{name}'" for name in sorted(_PERSON_ELEMENTS))
    + "]"
)
# Values programs write when nobody is named, and roles rather than people.
_NOBODY = frozenset(
    {
        "",
        "python-docx",
        "deepdive",
        "unknown",
        "author",
        "administrator",
        "admin",
        "user",
        "guest",
        "windows user",
        "microsoft office user",
        "unnamed",
        "un-named",
        "libreoffice",
        "none",
    }
)
# Words of a role rather than a person ("Deep Dive facilitator", "Reviewer"), with the
# everyday and practice words the name guess never takes for a name.
_ROLE_WORDS = COMMON_WORDS | frozenset(
    {"facilitator", "facilitators", "reviewer", "reviewers", "editor", "owner", "writer"}
)


_NAMES_IN_BYTES = re.compile(
    "|".join(sorted(_PERSON_ATTRIBUTES | _PERSON_ELEMENTS)).encode("ascii")
)


def may_name_people(data: bytes) -> bool:
    """Whether a part's raw XML could name anyone (it holds one of the names
    :func:`people_named` looks for): most parts, a long body above all, cannot, and
    are passed over without reading every element."""
    return _NAMES_IN_BYTES.search(data) is not None


def people_named(root: Any) -> list[str]:
    """The distinct people a part (an lxml root) names in its author attributes and
    property elements, in document order."""
    found: dict[str, None] = {}
    # lxml finds the few elements that can name anyone (in C); each is then read here.
    for element in _NAMING(root):
        for attribute, value in element.attrib.items():
            if _local(attribute) in _PERSON_ATTRIBUTES:
                _note(found, value)
        if _local(element.tag) in _PERSON_ELEMENTS and element.text:
            _note(found, element.text)
    return list(found)


def is_person_element(element: Any) -> bool:
    """Whether a property element's text is a person (reported by :func:`people_named`)."""
    return _local(element.tag) in _PERSON_ELEMENTS


def _note(found: dict[str, None], value: str) -> None:
    clean = " ".join(value.split())
    if len(clean) <= 1 or clean.casefold() in _NOBODY:  # "R" alone names nobody
        return
    if all(word.strip("()[].,:;-'\"") in _ROLE_WORDS for word in clean.lower().split()):
        return
    found.setdefault(clean, None)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
