"""Going to the place a finding is in, and fixing it there.

:func:`go_to` opens the case, its tab, selects the event, session stage, cast member
or action, and puts the keyboard in the field with the finding's text selected (in a
list or map response, the item itself). :func:`replace_there` does the same and then
replaces the text as typing would, so it is saved (and can be undone) like any edit.

A session's details (title, facilitator, participants) are changed in the session's
dialog: Go to opens it with the field chosen and the text selected; Replace opens it
with the text already replaced there, and the change is saved when the person
chooses Save (nothing is saved behind their back).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QScrollArea, QWidget

from deepdive.privacy.case_text import Area, Place
from deepdive.privacy.findings import Finding
from deepdive.ui.editors.markdown_editor import MarkdownEditor

if TYPE_CHECKING:
    from deepdive.ui.workspace.workspace_view import WorkspaceView


@dataclass(frozen=True)
class Target:
    """Where the finding's text now is on screen: a text field, a table cell or a list
    item; ``done`` when going there already did what was asked (a session's dialog)."""

    widget: MarkdownEditor | QLineEdit | None
    start: int = 0
    end: int = 0
    table: QAbstractItemView | None = None
    cell: QModelIndex | None = None
    done: bool = False


def go_to(view: WorkspaceView, case_id: int, place: Place, finding: Finding) -> bool:
    """Show the place and select the finding's text there; False if it is gone."""
    return _target(view, case_id, place, finding) is not None


def replace_there(
    view: WorkspaceView, case_id: int, place: Place, finding: Finding, new: str
) -> bool:
    """Go to the place and replace the finding's text with ``new`` as typing would."""
    target = _target(view, case_id, place, finding, new)
    if target is None:
        return False
    if target.done:
        return True
    if isinstance(target.widget, MarkdownEditor):
        target.widget.assist.replace(target.start, target.end, new)
        return True
    if isinstance(target.widget, QLineEdit):
        target.widget.setSelection(target.start, target.end - target.start)
        target.widget.insert(new)
        return True
    if target.table is not None and target.cell is not None:
        text = str(target.cell.data(Qt.ItemDataRole.EditRole) or "")
        start, end = _span(text, finding)
        if start < 0:
            return False
        changed = text[:start] + new + text[end:]
        return bool(target.table.model().setData(target.cell, changed))
    return False


def _target(
    view: WorkspaceView, case_id: int, place: Place, finding: Finding, new: str | None = None
) -> Target | None:
    window = view.window()  # the keyboard goes there, from the findings list
    window.raise_()
    window.activateWindow()
    view.select_case(case_id)
    if view.selected_case_id() != case_id:
        return None
    if place.area is Area.CASE and place.field == "story":
        outcomes = view.outcomes
        view.case_tabs.setCurrentWidget(outcomes)
        return _select(outcomes.story_box.editor, finding)
    if place.area is Area.CASE:
        overview = view.overview
        view.case_tabs.setCurrentWidget(overview)
        fields: dict[str, MarkdownEditor | QLineEdit] = {
            "pseudonym": overview.pseudonym,
            "summary": overview.summary,
            "tags": overview.tags,
        }
        field = fields.get(place.field, overview.pseudonym)
        return _select(field, finding)
    if place.area is Area.CAST:
        overview = view.overview
        view.case_tabs.setCurrentWidget(overview)
        model = overview.cast.model
        rows = [r for r in range(model.rowCount()) if model.person_at(r).id == place.item_id]
        column = {"pseudonym": 0, "role": 1, "notes": 3}.get(place.field, 0)  # PeopleColumn
        return _select_cell(overview.cast.table, rows, column)
    if place.area is Area.CHRONOLOGY:
        panel = view.chronology
        view.case_tabs.setCurrentWidget(panel)
        if place.item_id is None:
            return None
        panel.select_event(place.item_id)
        if panel.editor.event_id != place.item_id:
            return None
        editor = panel.editor.texts.get(place.field)
        return _select(editor, finding) if editor is not None else None
    if place.area is Area.ACTION:
        sessions = view.sessions
        view.case_tabs.setCurrentWidget(sessions)
        actions = sessions.actions_panel
        row = actions.model.row_of(place.item_id) if place.item_id is not None else -1
        column = 2 if place.field == "owner_role" else 1  # ActionColumn.OWNER / ACTION
        return _select_cell(actions.table, [row] if row >= 0 else [], column)
    return _session_target(view, place, finding, new)


def _session_target(
    view: WorkspaceView, place: Place, finding: Finding, new: str | None
) -> Target | None:
    sessions = view.sessions
    view.case_tabs.setCurrentWidget(sessions)
    if place.item_id is None or not sessions.select_session(place.item_id):
        return None
    if place.field != "response" or place.stage_id is None:
        # The details are changed in the session's dialog: it opens on the field.
        saved = sessions.edit_details(place.field, place.part, finding.text, new)
        return Target(None, done=saved) if new is None or saved else None
    runner = sessions.open_runner(place.item_id)
    if runner is None:
        return None
    stage_ids = [stage.id for stage in runner.stages]
    if place.stage_id not in stage_ids:
        return None
    runner.go_to(stage_ids.index(place.stage_id))
    editor = runner.current_editor()
    if place.entry is not None:  # an item of a list, or of a map's column
        lists = getattr(editor, "columns", None) or [getattr(editor, "items", None)]
        items = lists[place.part or 0] if (place.part or 0) < len(lists) else None
        view_of = getattr(items, "view", None)
        if isinstance(view_of, QAbstractItemView):
            return _select_item(view_of, place.entry, finding)
    for name in ("editor", "note", "notes"):  # text, scale and events responses
        field = getattr(editor, name, None)
        if isinstance(field, MarkdownEditor):
            return _select(field, finding)
    editor.focus_editor()
    return Target(None)


def _select_item(view: QAbstractItemView, entry: int, finding: Finding) -> Target | None:
    """Select the list item holding the finding: the one it was in, or the first that
    holds its text now (items may have been added or moved since)."""
    model = view.model()
    rows = [entry, *range(model.rowCount())] if entry < model.rowCount() else []
    rows = rows or list(range(model.rowCount()))
    for row in rows:
        text = str(model.index(row, 0).data(Qt.ItemDataRole.EditRole) or "")
        if finding.text in text:
            return _select_cell(view, [row], 0)
    return None


def _select(field: MarkdownEditor | QLineEdit, finding: Finding) -> Target | None:
    text = field.markdown() if isinstance(field, MarkdownEditor) else field.text()
    start, end = _span(text, finding)
    if start < 0:
        _focus(field)
        return Target(field)
    if isinstance(field, MarkdownEditor):
        cursor = QTextCursor(field.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        field.editor.setTextCursor(cursor)
        field.editor.ensureCursorVisible()
    else:
        field.setSelection(start, end - start)
    _focus(field)
    return Target(field, start, end)


def _select_cell(table: QAbstractItemView, rows: list[int], column: int) -> Target | None:
    if not rows:
        return None
    cell = table.model().index(rows[0], column)
    table.setCurrentIndex(cell)
    table.scrollTo(cell)
    table.setFocus(Qt.FocusReason.OtherFocusReason)
    return Target(None, table=table, cell=cell)


def _focus(field: MarkdownEditor | QLineEdit) -> None:
    widget: QWidget = field.editor if isinstance(field, MarkdownEditor) else field
    # Forms scroll (the event editor beside the chronology): bring the selected text
    # into view, once the form just filled in has been laid out.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    if isinstance(field, MarkdownEditor):
        field.editor.ensureCursorVisible()
        spot = field.editor.cursorRect().center()
        shown: QWidget = field.editor.viewport()
    else:
        spot, shown = field.rect().center(), field
    parent = field.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and content is not None:
            inner = shown.mapTo(content, spot)
            parent.ensureVisible(inner.x(), inner.y(), 40, 60)
        parent = parent.parentWidget()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _span(text: str, finding: Finding) -> tuple[int, int]:
    """Where the finding's text is in ``text`` now: at its own offsets if it is still
    there, else its first occurrence (the text may have changed since); -1 if gone."""
    if text[finding.start : finding.end] == finding.text:
        return finding.start, finding.end
    at = text.find(finding.text)
    return (at, at + len(finding.text)) if at >= 0 else (-1, -1)
