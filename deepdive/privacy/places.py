"""Naming a stopped export's findings by the place in the case they came from.

The leak check reads the finished document ("body, line 589"), which means nothing to
the person who must fix it. :func:`locate` looks for the same identifiers in the
case's own texts (:func:`~deepdive.privacy.case_text.case_places`) and names each by
its place there (``case › chronology › 14 Mar 2016 › What happened``), once per place
it occurs; what the case's texts do not hold (a marking typed for this export, a
date written differently) keeps the document's part as its place.

The command line prints :func:`located_report`'s findings; the app lists
:func:`locate`'s, with "Go to" for those that have a :class:`Place`::

    placed = case_places(services, case_id)          # before the services close
    gate = default_gate(registry, places=placed)     # the gate names places itself
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from deepdive.privacy.case_text import Place, PlacedText
from deepdive.privacy.detector import Detector
from deepdive.privacy.findings import Finding
from deepdive.privacy.folding import fold
from deepdive.privacy.leakcheck import LeakReport, PartFinding


@dataclass(frozen=True)
class Located:
    """A finding and the place in the case it is in (None: only in the document)."""

    item: PartFinding
    place: Place | None

    @property
    def finding(self) -> Finding:
        """The finding, with offsets into its place's text (or the document part's)."""
        return self.item.finding


def locate(report: LeakReport, placed: Sequence[PlacedText], detector: Detector) -> list[Located]:
    """The report's findings, each at the place(s) of the case that hold it."""
    # Never weaker than the document's verdict: a text that blocks there blocks here.
    wanted: dict[str, float] = {}
    for item in report.findings:
        key = _key(item.finding.text)
        wanted[key] = max(wanted.get(key, 0.0), item.finding.confidence)
    located: list[Located] = []
    covered: set[str] = set()
    for text in placed:
        for finding in detector.detect(text.text):
            key = _key(finding.text)
            if key in wanted:
                covered.add(key)
                if finding.confidence < wanted[key]:
                    finding = replace(finding, confidence=wanted[key])
                where = PartFinding(text.place.label, finding, numbered=finding.line > 1)
                located.append(Located(where, text.place))
    located.extend(
        Located(item, None) for item in report.findings if _key(item.finding.text) not in covered
    )
    return located


def located_report(
    report: LeakReport, placed: Sequence[PlacedText], detector: Detector
) -> LeakReport:
    """The same verdict, with each finding named by its place in the case."""
    return LeakReport(tuple(found.item for found in locate(report, placed, detector)))


def _key(text: str) -> str:
    return " ".join(fold(text).casefold().split())
