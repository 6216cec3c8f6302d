"""The detection engine: every identifier in a text, as :class:`Finding` values.

A :class:`Detector` is built once (from the vault's registry, a names file, and the
workspace's pseudonyms and agencies, which are never flagged) and then run on any
number of texts. It is plain Python, safe to share, and quick enough to run on every
keystroke of a paragraph and on whole exports (see benchmarks/detection.py).

    detector = Detector(IdentifierRegistry.from_cases(vault.cases()), safe_words=["Jay"])
    for finding in detector.detect(text):
        print(finding.line, finding.label, finding.text)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from deepdive.privacy import findings as conf
from deepdive.privacy.findings import Finding, FindingKind
from deepdive.privacy.folding import fold
from deepdive.privacy.heuristic import NameHeuristic
from deepdive.privacy.keywords import KeywordMatcher
from deepdive.privacy.organisations import OrganisationFinder, OrganisationHit
from deepdive.privacy.patterns import PatternHit, scan_shapes
from deepdive.privacy.references import compile_pattern, configured_hits
from deepdive.privacy.registry import IdentifierRegistry, KeyInfo


class Detector:
    """Finds registered identifiers, validated patterns and (optionally) likely names."""

    def __init__(
        self,
        registry: IdentifierRegistry | None = None,
        safe_words: Iterable[str] = (),
        *,
        guess_names: bool = True,
        reference_patterns: Iterable[str] = (),
    ) -> None:
        """``reference_patterns``: the workspace's own case-record number patterns
        (regular expressions; see :mod:`deepdive.privacy.references`), each checked
        here: a bad one raises :class:`~deepdive.privacy.references.ReferencePatternError`."""
        self.registry = registry or IdentifierRegistry()
        self._references = tuple(compile_pattern(p) for p in reference_patterns)
        self._keywords = KeywordMatcher(self.registry)
        self._heuristic = (
            NameHeuristic(safe_words, (k for k in self.registry.text_keys if " " not in k))
            if guess_names
            else None
        )
        # Places are always looked for: one the vault knows blocks in any wording;
        # only the possible ones need someone to ask.
        self._organisations = OrganisationFinder(safe_words)
        self._possible_places = guess_names

    def with_safe_words(self, safe_words: Iterable[str]) -> Detector:
        """The same registry (nothing rebuilt) with other words never guessed as names."""
        other = self._copy()
        other._heuristic = (
            NameHeuristic(safe_words, (k for k in self.registry.text_keys if " " not in k))
            if self._heuristic is not None
            else None
        )
        other._organisations = OrganisationFinder(safe_words)
        return other

    def with_reference_patterns(self, reference_patterns: Iterable[str]) -> Detector:
        """The same registry and safe words (nothing rebuilt) with other reference
        patterns (each checked, as by the constructor)."""
        other = self._copy()
        other._references = tuple(compile_pattern(p) for p in reference_patterns)
        return other

    def _copy(self) -> Detector:
        other = Detector.__new__(Detector)
        other.registry = self.registry
        other._keywords = self._keywords
        other._references = self._references
        other._heuristic = self._heuristic
        other._organisations = self._organisations
        other._possible_places = self._possible_places
        return other

    @property
    def has_registered(self) -> bool:
        """Whether any registered identifiers are being looked for."""
        return len(self.registry) > 0

    def detect(self, text: str) -> list[Finding]:
        """Every finding in ``text``, in text order, never overlapping."""
        if not text:
            return []
        folded = fold(text)
        low = folded.lower()
        if len(low) != len(folded):  # a few letters of other scripts lower into two
            low = "".join(c.lower()[:1] for c in folded)
        candidates: list[PatternHit] = []
        scanned = self._keywords.scan(low, folded)
        for hit in scanned.hits:
            info = hit.info
            candidates.append(
                PatternHit(
                    hit.kind,
                    hit.start,
                    hit.end,
                    hit.confidence,
                    info is not None,
                    info.pseudonym if info else None,
                    info.case_code if info else None,
                )
            )
        candidates.extend(scan_shapes(folded, low, self.registry, scanned.url_markers))
        candidates.extend(
            PatternHit(FindingKind.CASE_REFERENCE, start, end, conf.PATTERN)
            for start, end in configured_hits(folded, self._references)
        )
        kept = _without_overlaps(candidates)
        if scanned.organisation_words:
            kept = _with_organisations(
                kept,
                self._organisations.find(folded, scanned.organisation_words),
                self.registry.organisation_words,
                possible=self._possible_places,
            )
        if self._heuristic is not None:
            taken = [(h.start, h.end) for h in kept]
            for guess in self._heuristic.guesses(folded, taken):
                kept.append(
                    PatternHit(FindingKind.POSSIBLE_NAME, guess.start, guess.end, guess.confidence)
                )
            kept.sort(key=lambda h: h.start)
        return _as_findings(text, folded, kept)


def _without_overlaps(hits: list[PatternHit]) -> list[PatternHit]:
    """The strongest hit wherever hits overlap: registered first, then the most
    confident, then the longest; returned in text order. A pattern that wholly
    contains a registered identifier ("jayden.marsh@…") counts as registered."""
    hits = _promote_containers(hits)
    kept: list[PatternHit] = []
    starts: list[int] = []
    for hit in sorted(hits, key=lambda h: (not h.registered, -h.confidence, h.start - h.end)):
        index = bisect.bisect_left(starts, hit.start)
        if index > 0 and kept[index - 1].end > hit.start:
            continue
        if index < len(kept) and kept[index].start < hit.end:
            continue
        starts.insert(index, hit.start)
        kept.insert(index, hit)
    return kept


def _with_organisations(
    kept: list[PatternHit],
    found: list[OrganisationHit],
    registered: dict[str, KeyInfo],
    *,
    possible: bool,
) -> list[PatternHit]:
    """``kept`` and the organisation names that overlap none of its hits (a registered
    name inside one speaks for itself): registered when one of its distinctive words
    is a registered place's ("Newfield School" for "Newfield Secondary School"), else
    possible ones when ``possible``. A registered place's name found without its type
    words ("Newfield") inside such a mention gives way to the whole mention."""
    if not found:
        return kept
    starts = [h.start for h in kept]
    replaced: set[int] = set()
    added: list[PatternHit] = []
    for organisation in found:
        inside = []
        index = bisect.bisect_left(starts, organisation.end) - 1
        while index >= 0 and kept[index].end > organisation.start:
            inside.append(index)
            index -= 1
        info = next((registered[w] for w in organisation.words if w in registered), None)
        if inside and not (info is not None and _all_places_within(kept, inside, organisation)):
            continue
        if info is not None:
            replaced.update(inside)
            added.append(
                PatternHit(
                    FindingKind.IDENTIFIER,
                    organisation.start,
                    organisation.end,
                    conf.REGISTERED,
                    True,
                    info.pseudonym,
                    info.case_code,
                )
            )
        elif possible:
            added.append(
                PatternHit(
                    FindingKind.POSSIBLE_ORGANISATION,
                    organisation.start,
                    organisation.end,
                    conf.ORGANISATION,
                )
            )
    if not added:
        return kept
    result = [hit for i, hit in enumerate(kept) if i not in replaced] + added
    result.sort(key=lambda h: h.start)
    return result


def _all_places_within(
    kept: list[PatternHit], indexes: list[int], organisation: OrganisationHit
) -> bool:
    """Whether the hits at ``indexes`` are registered places (not people) inside
    ``organisation``."""
    return all(
        kept[i].registered
        and kept[i].kind is FindingKind.IDENTIFIER
        and organisation.start <= kept[i].start
        and kept[i].end <= organisation.end
        for i in indexes
    )


def _promote_containers(hits: list[PatternHit]) -> list[PatternHit]:
    registered = sorted((h.start, h.end) for h in hits if h.registered)
    if not registered:
        return hits
    starts = [span[0] for span in registered]
    promoted: list[PatternHit] = []
    for hit in hits:
        if not hit.registered:
            index = bisect.bisect_left(starts, hit.start)
            if index < len(registered) and registered[index][1] <= hit.end:
                hit = hit._replace(registered=True, confidence=conf.REGISTERED)
        promoted.append(hit)
    return promoted


def _as_findings(text: str, folded: str, hits: list[PatternHit]) -> list[Finding]:
    result: list[Finding] = []
    line = 1
    position = 0
    for hit in hits:
        line += text.count("\n", position, hit.start)
        position = hit.start
        end = hit.end
        while end < len(folded) and folded[end] == "\x01":  # combining accents belong to it
            end += 1
        result.append(
            Finding(
                kind=hit.kind,
                text=text[hit.start : end],
                start=hit.start,
                end=end,
                line=line,
                confidence=hit.confidence,
                registered=hit.registered,
                pseudonym=hit.pseudonym,
                case_code=hit.case_code,
            )
        )
    return result
