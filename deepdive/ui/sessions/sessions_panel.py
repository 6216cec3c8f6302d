"""The Sessions tab of a case: its sessions, a summary of the selected one, its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.vocabulary import SessionStatus
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.results import CaseDetail
from deepdive.ui.editors.app_services import privacy_of
from deepdive.ui.privacy.highlighter import FindingHighlighter
from deepdive.ui.sessions.actions_panel import ActionsPanel
from deepdive.ui.sessions.session_table_model import SessionColumn, SessionTableModel
from deepdive.ui.sessions.timer import Clock
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.widgets.undo_history import case_history

# The runner, dialogs and summary (and the database layer behind them) load when first
# used, not while the main window is appearing.
if TYPE_CHECKING:
    from deepdive.ui.sessions.runner import SessionRunner

EMPTY_HINT = (
    "No sessions for this case yet. Choose New session to pick a template (the Deep "
    "Dive case study session is the usual one), say who is in the room by role, and "
    "run it stage by stage. Everything the room says is saved as you type."
)


class SessionsPanel(QWidget):
    """Lists a case's sessions; plans, runs, summarises and deletes them."""

    message = Signal(str)
    library_requested = Signal()

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        prompter: Prompter | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.prompter = prompter or Prompter()
        self.runner_clock: Clock | None = None  # tests drive the runner's timer by hand
        self.runners: dict[int, SessionRunner] = {}
        self._case: CaseDetail | None = None
        self._stale = False

        self.heading = QLabel(self.tr("Sessions"), self)
        self.heading.setObjectName("sectionHeading")
        self.new_button = QPushButton(self.tr("New session…"), self)
        self.new_button.setAccessibleName(self.tr("Plan or start a new session"))
        self.library_button = QPushButton(self.tr("Templates…"), self)
        self.library_button.setAccessibleName(self.tr("Open the template library"))
        self.model = SessionTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Sessions of this case"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SessionColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (SessionColumn.DATE, SessionColumn.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SessionColumn.TEMPLATE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(SessionColumn.TEMPLATE, 150)
        self.table.setWordWrap(False)
        self.empty_hint = QLabel(self.tr(EMPTY_HINT), self)
        self.empty_hint.setObjectName("quietHint")
        self.empty_hint.setWordWrap(True)
        self.run_button = QPushButton(self.tr("Run session"), self)
        self.run_button.setAccessibleName(self.tr("Run the selected session"))
        self.details_button = QPushButton(self.tr("Details…"), self)
        self.details_button.setAccessibleName(self.tr("Change the selected session's details"))
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the selected session"))
        self.summary = QTextBrowser(self)
        self.summary.setAccessibleName(self.tr("Summary of the selected session"))
        self.summary.setOpenExternalLinks(False)
        # What the room said is underlined where it holds identifiers, as in the editors.
        self.summary_flags = FindingHighlighter(self.summary.document(), privacy_of(self))
        self.actions_panel = ActionsPanel(self._services, self, undo_stack=self.undo_stack)
        self.actions_panel.message.connect(self.message)

        self.new_button.clicked.connect(self.new_session)
        self.library_button.clicked.connect(self.library_requested)
        self.run_button.clicked.connect(self.run_selected)
        self.details_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda _index: self.run_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())

        top_bar = QHBoxLayout()
        top_bar.addWidget(self.heading, 1)
        top_bar.addWidget(self.new_button)
        top_bar.addWidget(self.library_button)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.run_button)
        row_buttons.addWidget(self.details_button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.delete_button)
        listing = QWidget(self)
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addLayout(top_bar)
        listing_layout.addWidget(self.table, 1)
        listing_layout.addWidget(self.empty_hint)
        listing_layout.addLayout(row_buttons)
        summary_box = _captioned(self.tr("Summary"), self.summary)
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(listing)
        upper.addWidget(summary_box)
        upper.setStretchFactor(0, 1)
        upper.setStretchFactor(1, 1)
        upper.setChildrenCollapsible(False)
        actions_heading = QLabel(self.tr("Actions for this case"), self)
        actions_heading.setObjectName("sectionHeading")
        actions_heading.setBuddy(self.actions_panel.table)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(actions_heading)
        lower_layout.addWidget(self.actions_panel, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self._update_buttons()

    # ------------------------------------------------------------ CasePanel
    def show_case(self, case: CaseDetail | None) -> None:
        """Show this case's sessions and actions."""
        self._case = case
        self.setEnabled(case is not None)
        self.reload()
        self.actions_panel.show_case(case.id if case else None)

    def flush(self) -> bool:
        """Save what open runners have not saved yet."""
        return all([runner.flush() for runner in self.runners.values()])

    def reveal_item(self, kind: object, item_id: int) -> bool:
        """Show a search hit: a session response (its session) or an action."""
        name = getattr(kind, "name", "")
        if name == "RESPONSE":
            found = self._services.sessions.locate_response(item_id)
            return found is not None and self.select_session(found[0])
        if name == "ACTION":
            row = self.actions_panel.model.row_of(item_id)
            if row >= 0:
                self.actions_panel.table.selectRow(row)
                self.actions_panel.table.setFocus()
                return True
        return False

    # -------------------------------------------------------------- showing
    def reload(self) -> None:
        """Read the case's sessions again, keeping the selection."""
        selected = self.selected_session_id()
        rows = self._services.sessions.list_sessions(self._case.id) if self._case else []
        self.model.set_rows(rows)
        self.empty_hint.setVisible(self._case is not None and not rows)
        self.table.setVisible(bool(rows))
        row = self.model.row_of(selected) if selected is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()
        self._stale = False

    def selected_session_id(self) -> int | None:
        """The session selected in the list, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.session_at(index.row()).id

    def select_session(self, session_id: int) -> bool:
        """Select a session in the list; False if it is not this case's."""
        row = self.model.row_of(session_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self._show_selected()
        return True

    def _show_selected(self) -> None:
        session_id = self.selected_session_id()
        if session_id is None:
            self.summary.setHtml("")
        else:
            from deepdive.ui.sessions.summary import SessionRecord, summary_html

            try:
                self.summary.setHtml(summary_html(SessionRecord.read(self._services, session_id)))
            except DeepDiveError as exc:
                self.summary.setPlainText(str(exc))
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.table.currentIndex()
        chosen = index.isValid()
        self.run_button.setEnabled(chosen)
        self.details_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.new_button.setEnabled(self._case is not None)
        complete = chosen and self.model.session_at(index.row()).status == "complete"
        self.run_button.setText(self.tr("Reopen and run") if complete else self.tr("Run session"))

    # ------------------------------------------------------------ commands
    def new_session(self) -> int | None:
        """Ask for the session's details, create it, and open the runner if asked."""
        if self._case is None:
            return None
        from deepdive.ui.sessions.session_dialog import SessionDialog

        dialog = SessionDialog(self._services, self._case, self, undo_stack=self.undo_stack)
        dialog.exec()
        dialog.deleteLater()
        if dialog.result_session_id is None:
            return None
        self.reload()
        self.select_session(dialog.result_session_id)
        if dialog.start_now:
            self.open_runner(dialog.result_session_id)
        return dialog.result_session_id

    def edit_selected(self) -> None:
        """Change the selected session's title, date, facilitator and participants."""
        self.edit_details()

    def edit_details(
        self,
        field: str | None = None,
        part: int | None = None,
        text: str = "",
        new: str | None = None,
    ) -> bool:
        """Open the selected session's details; with ``field`` (``title``,
        ``facilitator``, ``participants`` and the row ``part``) the keyboard is there
        with ``text`` selected, or already replaced by ``new``. True if saved."""
        session_id = self.selected_session_id()
        if session_id is None or self._case is None:
            return False
        from deepdive.ui.sessions.session_dialog import SessionDialog

        detail = self._services.sessions.get(session_id)
        dialog = SessionDialog(
            self._services, self._case, self, detail=detail, undo_stack=self.undo_stack
        )
        if field is not None:
            dialog.show_text(field, part, text, new)
        saved = dialog.exec() == SessionDialog.DialogCode.Accepted
        dialog.deleteLater()
        self.reload()
        return saved

    def run_selected(self) -> SessionRunner | None:
        """Open the runner on the selected session (reopening a finished one)."""
        session_id = self.selected_session_id()
        return None if session_id is None else self.open_runner(session_id)

    def open_runner(self, session_id: int) -> SessionRunner | None:
        """Open (or bring forward) the runner for a session."""
        from deepdive.ui.sessions.runner import SessionRunner

        if session_id in self.runners:
            self.runners[session_id].raise_()
            self.runners[session_id].activateWindow()
            return self.runners[session_id]
        try:
            session = self._services.sessions.get(session_id)
            if session.status == SessionStatus.COMPLETE.value:
                self._services.sessions.set_status(session_id, SessionStatus.IN_PROGRESS.value)
            runner = SessionRunner(
                self._services,
                session_id,
                self.prompter,
                clock=self.runner_clock,
                undo_stack=case_history(self.undo_stack, session.case_id),
                shown=self.show_response,
                parent=self,
            )
        except DeepDiveError as exc:
            self.prompter.warn(self, self.tr("Run session"), str(exc))
            return None
        runner.closed.connect(self._on_runner_closed)
        runner.message.connect(self.message)
        self.runners[session_id] = runner
        runner.showMaximized()
        return runner

    def delete_selected(self) -> bool:
        """Delete the selected session after a confirmation that says what is lost."""
        session_id = self.selected_session_id()
        if session_id is None:
            return False
        if session_id in self.runners:
            self.prompter.warn(
                self,
                self.tr("Delete session"),
                self.tr("Close the session's runner first."),
            )
            return False
        impact = self._services.sessions.deletion_impact(session_id)
        if not self.prompter.confirm(
            self, self.tr("Delete session"), impact.describe(), self.tr("Delete session")
        ):
            return False
        from deepdive.ui.sessions.undo import DeleteSessionCommand

        command = DeleteSessionCommand(self._services.sessions, session_id, impact.title)
        try:
            command.apply()
        except DeepDiveError as exc:
            self.prompter.warn(self, self.tr("Delete session"), str(exc))
            return False
        if shiboken6.isValid(self.undo_stack):
            self.undo_stack.push(command)  # Edit ▸ Undo brings it back whole
        self.reload()
        return True

    def show_response(self, session_id: int, stage_id: str, value: dict[str, Any]) -> None:
        """An undo changed a stage's response: its runner, if open, shows it."""
        runner = self.runners.get(session_id)
        if runner is not None:
            runner.follow_response(stage_id, value)

    # ------------------------------------------------------------- changes
    def _on_runner_closed(self, session_id: int) -> None:
        runner = self.runners.pop(session_id, None)
        if runner is not None:
            runner.deleteLater()
        self.reload()
        self.select_session(session_id)

    def _on_changed(self, change: Change) -> None:
        if self._case is None or change.case_id != self._case.id:
            return
        if change.entity in (Entity.SESSION, Entity.ACTION, Entity.EVENT):
            if self.isVisible():
                self.reload()
                if change.entity is Entity.ACTION:
                    self.actions_panel.reload()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
            self.actions_panel.reload()


def _captioned(caption: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(caption)
    label.setObjectName("sectionHeading")
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
