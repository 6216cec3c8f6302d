"""Planning a session: template, date, facilitator's role, who is in the room (by role)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.vocabulary import ROLES, SessionStatus
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.results import CaseDetail
from deepdive.services.session_results import (
    Participant,
    SessionDetail,
    SessionSummary,
    TemplateEntry,
)
from deepdive.ui.cases.cast_panel import ChoiceDelegate
from deepdive.ui.privacy.cell_fixes import CellFixes
from deepdive.ui.sessions.days import day_text, parse_day
from deepdive.ui.sessions.undo import SessionDetailsCommand, StartSessionCommand

DEFAULT_TEMPLATE = "deep-dive-case-study"
FACILITATOR_ROLES = (
    "Innovation coach",
    "Practice supervisor",
    "Independent facilitator",
    "Team manager",
    "Service manager",
    "Principal social worker",
    "Hub manager",
)
NO_AGENCY = "—"
WHY_ROLES = (
    "People are recorded by role and agency, never by name. The session becomes part "
    "of a pseudonymised case study that other teams read, so the names of the "
    "professionals in the room stay out of it, just like the young person's."
)


class SessionDialog(QDialog):
    """Creates a session (or changes an existing one's details)."""

    def __init__(
        self,
        services: Services,
        case: CaseDetail,
        parent: QWidget | None = None,
        *,
        detail: SessionDetail | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """``undo_stack`` takes the new session, or the change of its details, as a step."""
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._case = case
        self._detail = detail
        self._title_edited = detail is not None
        self.result_session_id: int | None = None
        self.start_now = False
        editing = detail is not None
        self.setWindowTitle(self.tr("Session details") if editing else self.tr("New session"))
        self.setMinimumWidth(640)

        self.templates: list[TemplateEntry] = services.templates.list_templates()
        self.template = QComboBox(self)
        self.template.setAccessibleName(self.tr("Session template"))
        for entry in self.templates:
            self.template.addItem(
                self.tr("{name} — {stages} stages, about {minutes} min").format(
                    name=entry.name, stages=entry.stage_count, minutes=entry.total_minutes
                ),
                entry.key,
            )
        self.about_template = QLabel(self)
        self.about_template.setWordWrap(True)
        self.about_template.setObjectName("quietHint")
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Session title"))
        self.held_on = QLineEdit(self)
        self.held_on.setAccessibleName(self.tr("Date of the session"))
        self.held_on.setPlaceholderText(self.tr("e.g. 17/03/2022"))
        self.facilitator = QComboBox(self)
        self.facilitator.setEditable(True)
        self.facilitator.addItems(list(FACILITATOR_ROLES))
        self.facilitator.setAccessibleName(self.tr("Facilitator's role"))
        self.participants = QTableWidget(0, 2, self)
        self.participants.setAccessibleName(self.tr("Participants by role and agency"))
        self.participants.setHorizontalHeaderLabels([self.tr("Role"), self.tr("Agency")])
        self.participants.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.participants.verticalHeader().hide()
        self.participants.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.participants.setTabKeyNavigation(False)
        self.participants.setMinimumHeight(170)
        agencies = [NO_AGENCY, *services.agencies.names()]
        self.participants.setItemDelegateForColumn(
            0, ChoiceDelegate(lambda: list(ROLES), True, self.participants)
        )
        self.participants.setItemDelegateForColumn(
            1, ChoiceDelegate(lambda: agencies, False, self.participants)
        )
        self.fixes = CellFixes(self.participants)  # identifiers underlined, right-click fixes
        self.add_participant_button = QPushButton(self.tr("Add participant"), self)
        self.add_participant_button.setAccessibleName(self.tr("Add a participant"))
        self.remove_participant_button = QPushButton(self.tr("Remove"), self)
        self.remove_participant_button.setAccessibleName(self.tr("Remove the selected participant"))
        self.add_participant_button.clicked.connect(lambda: self.add_participant("", None))
        self.remove_participant_button.clicked.connect(self._remove_participant)
        why = QLabel(self.tr(WHY_ROLES), self)
        why.setWordWrap(True)
        why.setObjectName("quietHint")
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Template"), self.template)
        form.addRow("", self.about_template)
        form.addRow(self.tr("T&itle"), self.title)
        form.addRow(self.tr("&Date"), self.held_on)
        form.addRow(self.tr("&Facilitator's role"), self.facilitator)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_participant_button)
        buttons_row.addWidget(self.remove_participant_button)
        buttons_row.addStretch(1)
        people = QWidget(self)
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.participants)
        people_layout.addLayout(buttons_row)
        people_layout.addWidget(why)
        form.addRow(self.tr("&Who is in the room"), people)
        label = form.labelForField(people)
        if isinstance(label, QLabel):
            label.setBuddy(self.participants)

        self.buttons = QDialogButtonBox(self)
        if editing:
            self.save_button = self.buttons.addButton(
                self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.start_button = None
        else:
            self.start_button = self.buttons.addButton(
                self.tr("Create and start"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.start_button.setAccessibleName(self.tr("Create the session and open the runner"))
            self.save_button = self.buttons.addButton(
                self.tr("Plan for later"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.save_button.setAccessibleName(self.tr("Create the session as planned"))
            self.start_button.clicked.connect(lambda: self._submit(start=True))
            self.start_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self._submit(start=False))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.template.currentIndexChanged.connect(self._on_template_changed)
        self.title.textEdited.connect(self._on_title_edited)
        self._fill(detail)

    def _fill(self, detail: SessionDetail | None) -> None:
        if detail is None:
            keys = [e.key for e in self.templates]
            start = keys.index(DEFAULT_TEMPLATE) if DEFAULT_TEMPLATE in keys else 0
            self.template.setCurrentIndex(start)
            self._on_template_changed(start)
            self.held_on.setText(day_text(date.today()))
            self.facilitator.setCurrentIndex(0)
            return
        position = self.template.findData(detail.template_key)
        if position < 0:
            self.template.addItem(detail.template_name, detail.template_key)
            position = self.template.count() - 1
        self.template.setCurrentIndex(position)
        self.template.setEnabled(False)
        self.about_template.setText(
            self.tr("A session keeps the version of the template it started with.")
        )
        self.title.setText(detail.title)
        self.held_on.setText(day_text(detail.held_on))
        self.facilitator.setEditText(detail.facilitator_role)
        for person in detail.participants:
            self.add_participant(person.role, person.agency)

    def add_participant(self, role: str, agency: str | None) -> None:
        """Add a row for someone in the room."""
        row = self.participants.rowCount()
        self.participants.insertRow(row)
        self.participants.setItem(row, 0, QTableWidgetItem(role))
        self.participants.setItem(row, 1, QTableWidgetItem(agency or NO_AGENCY))
        if not role:
            self.participants.setCurrentCell(row, 0)
            item = self.participants.item(row, 0)
            if item is not None:
                self.participants.editItem(item)

    def participant_list(self) -> list[Participant]:
        """The rows as participants, blank rows left out."""
        people = []
        for row in range(self.participants.rowCount()):
            role_item = self.participants.item(row, 0)
            agency_item = self.participants.item(row, 1)
            role = role_item.text().strip() if role_item else ""
            agency = agency_item.text().strip() if agency_item else ""
            if role:
                people.append(Participant(role, None if agency in ("", NO_AGENCY) else agency))
        return people

    def _remove_participant(self) -> None:
        row = self.participants.currentRow()
        if row >= 0:
            self.participants.removeRow(row)

    def _on_template_changed(self, index: int) -> None:
        if self._detail is not None or not 0 <= index < len(self.templates):
            return
        entry = self.templates[index]
        self.about_template.setText(entry.description)
        if not self._title_edited:
            short = entry.name.removesuffix(" session")
            self.title.setText(f"{short} — {self._case.pseudonym}")

    def _on_title_edited(self, _text: str) -> None:
        self._title_edited = True

    def _submit(self, start: bool) -> None:
        try:
            held_on = parse_day(self.held_on.text(), "held_on", self.tr("The date"))
            people = self.participant_list()
            if self._detail is not None:
                command = SessionDetailsCommand(
                    self._services.sessions,
                    self._detail.id,
                    title=self.title.text(),
                    held_on=held_on,
                    facilitator_role=self.facilitator.currentText(),
                    participants=people,
                )
                command.apply()  # a refused value raises here and never reaches the stack
                if self._undo_stack is not None:
                    self._undo_stack.push(command)
                self.result_session_id = self._detail.id
            else:
                key = str(self.template.currentData())
                status = SessionStatus.IN_PROGRESS if start else SessionStatus.PLANNED
                sessions, template = self._services.sessions, self._services.templates.get(key)
                title, role = self.title.text(), self.facilitator.currentText()
                new = StartSessionCommand(
                    sessions,
                    self._case.id,
                    lambda: sessions.start(
                        self._case.id,
                        template,
                        title=title,
                        held_on=held_on,
                        facilitator_role=role,
                        participants=people,
                        status=status.value,
                    ),
                )
                created: SessionSummary = new.apply()
                if self._undo_stack is not None:
                    self._undo_stack.push(new)
                self.result_session_id = created.id
        except DeepDiveError as exc:
            self.message.setText(str(exc))
            self.message.show()
            self._point_at(exc)
            return
        self.start_now = start
        self.accept()

    def show_text(self, field: str, part: int | None, text: str, new: str | None) -> bool:
        """Put the keyboard on ``text`` in ``field`` (``title``, ``facilitator``, or row
        ``part`` of ``participants``), selected; with ``new``, replaced by it as typing
        would. False if the text is not there (the field gets the keyboard anyway)."""
        if field == "participants":
            rows = range(self.participants.rowCount())
            row = part if part is not None and part in rows else -1
            if row < 0 or text not in self._role_at(row):
                row = next((r for r in rows if text in self._role_at(r)), -1)
            self.participants.setFocus()
            if row < 0:
                return False
            self.participants.setCurrentCell(row, 0)
            item = self.participants.item(row, 0)
            if new is not None and item is not None:
                item.setText(item.text().replace(text, new, 1))
            return True
        line = self.facilitator.lineEdit() if field == "facilitator" else self.title
        if line is None:
            return False
        line.setFocus()
        at = line.text().find(text)
        if at < 0:
            return False
        line.setSelection(at, len(text))
        if new is not None:
            line.insert(new)
            line.setSelection(at, len(new))
        return True

    def _role_at(self, row: int) -> str:
        item = self.participants.item(row, 0)
        return item.text() if item is not None else ""

    def _point_at(self, problem: DeepDiveError) -> None:
        """Put the keyboard on the field a refusal is about (its text is kept)."""
        field = getattr(problem, "field", None)
        if field == "facilitator":
            self.facilitator.setFocus()
        elif field == "participants":
            found = getattr(problem, "findings", ())
            wanted = found[0].text if found else None
            for row in range(self.participants.rowCount()):
                item = self.participants.item(row, 0)
                if item is not None and wanted is not None and wanted in item.text():
                    self.participants.setCurrentCell(row, 0)
                    self.participants.setFocus()
                    return
