"""The quick fixes offered for an identifier, wherever text is typed.

Multi-line editors (:class:`~deepdive.ui.privacy.highlighter.FindingAssist`), one-line
fields (:class:`~deepdive.ui.privacy.line_edits.LineEditWatch`) and the findings of a
stopped export all offer the same fixes: replace the identifier with its pseudonym
(or a placeholder), pseudonymise the whole text, add a possible name or school to the
key vault, replace a possible school or surgery with its generic wording ("the
secondary school"), or say it is not a name or identifies nobody. Each field says how
to replace its own text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from deepdive.privacy.findings import Finding, FindingKind
from deepdive.privacy.organisations import generic_wording
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.context import QuickFix as QuickFix

Replace = Callable[[int, int, str], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingAssist", text)


def fixes_for(
    context: PrivacyContext,
    finding: Finding | None,
    replace: Replace,
    parent: QWidget,
) -> list[QuickFix]:
    """(label, action) pairs for one finding (none: no fixes); ``replace(start, end,
    text)`` changes the field's text as typing would (one undo step)."""
    if finding is None:
        return []
    fixes: list[QuickFix] = []
    replacement = finding.replacement
    if replacement is not None:
        start, end = finding.start, finding.end
        fixes.append(
            (
                _tr("Replace “{text}” with “{new}”").format(
                    text=_short(finding.text), new=replacement
                ),
                lambda: replace(start, end, replacement),
            )
        )
    if finding.kind in (FindingKind.POSSIBLE_NAME, FindingKind.POSSIBLE_ORGANISATION):
        fixes.extend(_possible_fixes(context, finding, replace, parent))
    return fixes


def _possible_fixes(
    context: PrivacyContext, finding: Finding, replace: Replace, parent: QWidget
) -> list[QuickFix]:
    """For a possible name or place (the export asks about it): add it to the key vault,
    or say it is not one; a place can also be replaced by its generic wording."""
    name = " ".join(finding.text.split())
    place = finding.kind is FindingKind.POSSIBLE_ORGANISATION
    fixes: list[QuickFix] = []
    if place:
        start, end = finding.start, finding.end
        generic = generic_wording(name)
        fixes.append(
            (
                _tr("Replace “{text}” with “{new}”").format(text=_short(name), new=generic),
                lambda: replace(start, end, generic),
            )
        )
    add_to_vault = context.add_to_vault
    if add_to_vault is not None:
        fixes.append(
            (
                _tr("Add “{name}” to the key vault…").format(name=_short(name)),
                lambda: add_to_vault(name, parent),
            )
        )
    label = (
        _tr("“{name}” identifies nobody: stop underlining it")
        if place
        else _tr("“{name}” is not a name: stop underlining it")
    )
    fixes.append((label.format(name=_short(name)), lambda: context.ignore_word(name)))
    return fixes


def whole_text_fixes(
    findings: list[Finding], pseudonymise_all: Callable[[], object]
) -> list[QuickFix]:
    """ "Pseudonymise the whole text (n to replace)" when anything in it can be replaced."""
    count = sum(1 for f in findings if f.replacement is not None)
    if not count:
        return []
    label = _tr("Pseudonymise the whole text ({count} to replace)").format(count=count)
    return [(label, pseudonymise_all)]


def with_all_fixes(menu: QMenu, fixes: list[QuickFix], more: list[QuickFix]) -> QMenu:
    """``menu`` with the identifiers' ``fixes`` first, then the further ones (``more``)."""
    return with_fixes_on_top(with_fixes_on_top(menu, more), fixes)


def with_fixes_on_top(menu: QMenu, fixes: list[QuickFix]) -> QMenu:
    """``menu`` (a field's standard one) with ``fixes`` first, then a separator."""
    first = menu.actions()[0] if menu.actions() else None
    for text, fix in fixes:
        if first is None:
            action = menu.addAction(text)
        else:
            action = QAction(text, menu)
            menu.insertAction(first, action)
        action.triggered.connect(lambda _checked=False, f=fix: f())
    if fixes and first is not None:
        menu.insertSeparator(first)
    return menu


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 30 else flat[:29] + "…"
