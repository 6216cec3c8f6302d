"""The leak check every export runs before its file appears at the destination.

How an export uses it (Word, Markdown, PDF, bundles alike)::

    from deepdive.privacy.leakcheck import TextPart, check_parts, docx_text_parts

    detector = privacy_detector_for_export(...)   # Detector with the vault's registry
    # Build the file in a temporary place, then read back EVERY text part it holds:
    report = check_parts(docx_text_parts(temporary_docx), detector)
    # (for Markdown: check_parts([TextPart("body", markdown_text)], detector))
    report.raise_if_blocked()      # ExportBlocked: registered or validated identifiers
    if report.needs_confirmation:  # possible names: ask the user (the CLI refuses
        ...                        # unless told to go ahead), never change them
    # only now move the temporary file to the destination, and record it:
    services.audit.record_export(case_code, "docx", destination, report)

- :class:`TextPart` is one text an export writes, with ``where`` naming it for the
  user ("body", "header", "footnotes", "comments", "docProps/core.xml", …).
- :func:`check_parts` runs the detector over every part and returns a
  :class:`LeakReport`: ``blocking`` (registered identifiers and validated patterns:
  the export must stop) and ``needs_confirmation`` (low-confidence possible names).
- :func:`docx_text_parts` reads every text part of a .docx straight from the zip:
  body, headers, footers, footnotes, endnotes, comments, core/app/custom
  properties, custom XML, link targets and image descriptions, including deleted
  (tracked) text and field codes, because all of them travel with the file; and, as
  "authors (…)" parts with ``people`` set, the people who wrote, changed or commented
  on it (``w:author``, ``w:initials``, ``w15:person``, creator, last modified by),
  each a "document author" finding (:func:`detect_in_part`).
- :class:`ExportBlocked` (a DeepDiveError) lists each blocking finding and where it
  is. The command line prints it and exits 1; the app shows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from deepdive.archives import (
    OWN_EXPORT_LIMITS,
    ArchiveError,
    ArchiveLimits,
    MarkupBudget,
    SafeArchive,
    xml_parser,
)
from deepdive.errors import DeepDiveError
from deepdive.privacy import findings as conf
from deepdive.privacy.detector import Detector
from deepdive.privacy.docx_people import is_person_element, may_name_people, people_named
from deepdive.privacy.findings import Finding, FindingKind
from deepdive.text.clean import visible_text

_SHOWN_IN_MESSAGE = 25


@dataclass(frozen=True)
class TextPart:
    """One text an export is about to write, and where in the export it is.

    ``people``: each line is a person the document names outside its text (an
    author of tracked changes or comments, the creator): every line is a finding."""

    where: str
    text: str
    people: bool = False


@dataclass(frozen=True)
class PartFinding:
    """A finding and the part it is in. ``numbered``: whether the line is worth
    saying (a place in a case such as ``cast › Mum › role`` is one line)."""

    where: str
    finding: Finding
    numbered: bool = True

    def describe(self) -> str:
        """One line for the user: where, what, the text, and the line."""
        text = " ".join(self.finding.text.split())
        line = f", line {self.finding.line}" if self.numbered else ""
        return f"{self.where}{line}: {self.finding.label} “{text}”"


@dataclass(frozen=True)
class LeakReport:
    """What the leak check found in everything an export is about to write."""

    findings: tuple[PartFinding, ...] = field(default_factory=tuple)

    @property
    def blocking(self) -> list[PartFinding]:
        """Registered identifiers and validated patterns: the export must not go ahead."""
        return [f for f in self.findings if f.finding.blocking]

    @property
    def needs_confirmation(self) -> list[PartFinding]:
        """Possible names nobody registered: the user decides."""
        return [f for f in self.findings if not f.finding.blocking]

    @property
    def clean(self) -> bool:
        """Whether nothing at all was found."""
        return not self.findings

    def summary(self) -> str:
        """One line for the audit log: "clean", "blocked: …" or "confirmed: …"."""
        if self.clean:
            return "clean"
        if self.blocking:
            return f"blocked: {_count(len(self.blocking), 'identifier')}"
        return f"confirmed by the user: {_count(len(self.needs_confirmation), 'possible name')}"

    def describe(self, items: Iterable[PartFinding] | None = None) -> str:
        """The findings, one per line (at most 25, then how many more)."""
        chosen = list(self.findings if items is None else items)
        lines = [f"  {item.describe()}" for item in chosen[:_SHOWN_IN_MESSAGE]]
        if len(chosen) > _SHOWN_IN_MESSAGE:
            lines.append(f"  … and {len(chosen) - _SHOWN_IN_MESSAGE} more")
        return "\n".join(lines)

    def raise_if_blocked(self) -> None:
        """Raise :class:`ExportBlocked` when anything blocking was found."""
        if self.blocking:
            raise ExportBlocked(self)


class ExportBlocked(DeepDiveError):
    """The export would carry identifiers; nothing was written at the destination."""

    def __init__(self, report: LeakReport) -> None:
        self.report = report
        blocking = report.blocking
        super().__init__(
            f"The export was stopped because it would carry "
            f"{_count(len(blocking), 'identifier')}; nothing was written. Replace each with "
            f"a pseudonym (or remove it) and export again:\n{report.describe(blocking)}"
        )


class ExportCancelled(DeepDiveError):
    """The user chose not to export text with possible names; nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            "The export was cancelled because of possible names; nothing was written. "
            "Replace them with pseudonyms (or register them in the key vault) and export again."
        )


class DocumentReadError(DeepDiveError):
    """A .docx that cannot be read for checking."""


def check_parts(parts: Iterable[TextPart], detector: Detector) -> LeakReport:
    """Run ``detector`` over every part; the report lists what was found where."""
    found: list[PartFinding] = []
    for part in parts:
        found.extend(PartFinding(part.where, finding) for finding in detect_in_part(part, detector))
    return LeakReport(tuple(found))


def detect_in_part(part: TextPart, detector: Detector) -> list[Finding]:
    """The findings in one part. In a ``people`` part every line is a person: a
    registered one as the detector reports it, anyone else as a document author."""
    if not part.people:
        # As a reader sees it: a name split by a soft hyphen or written in full-width
        # letters is still the name.
        return detector.detect(visible_text(part.text))
    found: list[Finding] = []
    position = 0
    for number, line in enumerate(part.text.split("\n"), start=1):
        registered = [f.moved(position, number - 1) for f in detector.detect(line) if f.registered]
        found.extend(registered)
        if line.strip() and not registered:
            found.append(
                Finding(
                    FindingKind.DOCUMENT_AUTHOR,
                    line,
                    position,
                    position + len(line),
                    number,
                    conf.STRONG_PATTERN,
                )
            )
        position += len(line) + 1
    return found


# ------------------------------------------------------------------ .docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_WORD_PARTS = (
    (re.compile(r"word/document\.xml"), "body"),
    (re.compile(r"word/header\d*\.xml"), "header"),
    (re.compile(r"word/footer\d*\.xml"), "footer"),
    (re.compile(r"word/footnotes\.xml"), "footnotes"),
    (re.compile(r"word/endnotes\.xml"), "endnotes"),
    (re.compile(r"word/comments\w*\.xml"), "comments"),
    (re.compile(r"word/glossary/document\.xml"), "building blocks"),
    (re.compile(r"word/settings\.xml"), "document settings"),
)
_OTHER_XML = re.compile(r"(?:docProps/[^/]+|customXml/[^/]+)\.xml")
# Parts that name the people who wrote or changed the document (besides the above).
_PEOPLE_PARTS = frozenset({"word/people.xml"})
_RELS = re.compile(r"(?:.*/)?_rels/[^/]+\.rels")
# Attributes whose values are text a reader can see: image and shape descriptions.
_TEXT_ATTRIBUTES = ("descr", "title", "name")


def docx_text_parts(path: Path, limits: ArchiveLimits = OWN_EXPORT_LIMITS) -> list[TextPart]:
    """Every text part of the Word document at ``path``, read from the zip.

    The zip is read through the safe archive reader within ``limits`` (the default
    suits a document DeepDive has just written; ``deepdive scan`` passes the limits of
    a document someone sent).
    """
    try:
        archive = SafeArchive(path, limits, str(path))
    except ArchiveError as exc:
        raise DocumentReadError(str(exc)) from None
    with archive:
        names = archive.names
        if "word/document.xml" not in names:
            raise DocumentReadError(
                f"{path} is not a Word document (.docx): it has no document part."
            )
        budget = MarkupBudget(str(path))
        parts: list[TextPart] = []
        people: list[TextPart] = []
        for name in sorted(names):
            where = _where(name)
            if where is None and name not in _PEOPLE_PARTS:
                continue
            root, data = _parse(archive, name, path, budget)
            if not name.endswith(".rels") and may_name_people(data):
                named = people_named(root)
                if named:
                    people.append(TextPart(f"authors ({name})", "\n".join(named), people=True))
            if where is None:
                continue
            if name.endswith(".rels"):
                text = "\n".join(_link_targets(root))
            elif name.startswith("word/"):
                text = "".join(_word_text(root, _text_tags(root, data)))
            else:
                text = "\n".join(_property_text(root))
            if text.strip():
                parts.append(TextPart(where, text))
        return parts + people


def _where(name: str) -> str | None:
    for pattern, label in _WORD_PARTS:
        if pattern.fullmatch(name):
            return label if label == "body" else f"{label} ({name})"
    if _OTHER_XML.fullmatch(name):
        return name
    if _RELS.fullmatch(name):
        return f"links ({name})"
    return None


def _parse(archive: SafeArchive, name: str, path: Path, budget: MarkupBudget) -> tuple[Any, bytes]:
    try:
        data = archive.read(name)
        budget.spend(name, data)
    except ArchiveError as exc:
        raise DocumentReadError(str(exc)) from None
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise DocumentReadError(
            f"{path}: the part {name} declares entities, which Word never does."
        )
    try:
        # lxml's default limits stay on: 256 levels deep, 10 MB in one text node.
        return etree.fromstring(data, xml_parser()), data
    except etree.XMLSyntaxError as exc:
        raise DocumentReadError(
            f"{path}: the part {name} is not well-formed XML ({exc})."
        ) from None


_TEXT_ATTRIBUTE = re.compile(rb"\s(?:" + "|".join(_TEXT_ATTRIBUTES).encode("ascii") + rb")\s*=")
_TAG_NAME = re.compile(rb"<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)")


_DECLARATION = re.compile(rb"xmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*\"([^\"]*)\"")


def _text_tags(root: Any, data: bytes) -> list[str] | None:
    """The tags of every element that can give text, for a walk that skips the rest;
    None (walk everything) when a prefix is given two meanings, or the default
    namespace is declared below the root.

    Elements with a readable attribute are found in the raw XML: no ``<`` can come
    between an element's name and its attributes, so none is missed (text that only
    looks like an attribute adds a tag to the walk, which is harmless; a comment or
    processing instruction in the way makes the walk take everything).
    """
    opening = re.search(rb"<[A-Za-z_]", data)
    if opening is None:
        return None
    namespaces: dict[str | None, str] = dict(root.nsmap)
    below = data[data.find(b">", opening.end()) :]
    declarations = _DECLARATION.findall(below)
    if below.count(b"xmlns") != len(declarations):
        return None
    for raw_prefix, raw_uri in declarations:  # each prefix must mean one thing throughout
        prefix = raw_prefix.decode("utf-8", "replace")
        uri = raw_uri.decode("utf-8", "replace")
        if not prefix or namespaces.setdefault(prefix, uri) != uri:
            return None
    tags = {f"{_W}{name}" for name in ("p", "t", "delText", "instrText", "tab", "br", "cr")}
    tags.add(f"{_W}docVar")
    owners: set[bytes] = set()
    for hit in _TEXT_ATTRIBUTE.finditer(data):
        # The element it belongs to starts at the last "<" before it (none can come
        # between an element's name and its attributes).
        name = _TAG_NAME.match(data, data.rfind(b"<", 0, hit.start()))
        if name is None:
            return None
        owners.add(name.group(1))
    for raw in owners:
        prefix, _colon, local = raw.decode("utf-8", "replace").rpartition(":")
        namespace = namespaces.get(prefix or None)
        if namespace is None:
            if prefix:
                return None
            tags.add(local)
        else:
            tags.add(f"{{{namespace}}}{local}")
    return sorted(tags)


def _word_text(root: Any, tags: list[str] | None = None) -> Iterator[str]:
    """WordprocessingML text: runs, deleted runs and field codes; paragraphs as lines.

    Walked by lxml (in C) rather than recursively: a 2,000-row chronology is 200,000
    elements, and the leak check reads every export.
    """
    paragraph = f"{_W}p"
    texts = (f"{_W}t", f"{_W}delText", f"{_W}instrText")
    breaks = (f"{_W}br", f"{_W}cr")
    for event, element in etree.iterwalk(root, events=("start", "end"), tag=tags):
        tag = element.tag
        if event == "end":
            if tag == paragraph:
                yield "\n"
            continue
        if tag in texts:
            yield element.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in breaks:
            yield "\n"
        elif tag == f"{_W}docVar":  # document variables in settings.xml hold text
            yield (element.get(f"{_W}val") or "") + "\n"
        if not element.attrib:
            continue
        for attribute in _TEXT_ATTRIBUTES:
            value = element.get(attribute)
            if value and not tag.endswith(
                ("}style", "}font", "}rFonts", "}lsdException", "}latentStyles")
            ):
                yield value + "\n"


def _property_text(root: Any) -> Iterator[str]:
    """The text of a properties or custom XML part, but for the people it names (they
    are reported as document authors)."""
    for element in root.iter():
        if is_person_element(element):
            continue
        for piece in (element.text, element.tail):
            if piece and piece.strip():
                yield piece.strip()


def _link_targets(root: Any) -> Iterator[str]:
    for relationship in root.iter(f"{_REL}Relationship"):
        if relationship.get("TargetMode") == "External":
            yield relationship.get("Target") or ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
