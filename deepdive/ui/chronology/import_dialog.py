"""File ▸ Import chronology: choose which column is which, see the rows, import all.

The dialog reads the file once (a workbook's sheet can be chosen), starts from the
guessed columns and re-checks every row whenever a choice changes. Agency names the
workspace does not have get a mapping step (:mod:`.import_agencies`): each is added
as a new agency or taken as one of the workspace's, the user's earlier choice for the
name or a close match chosen to begin with. The preview shows the first rows as they
will be saved, new agencies marked, and a row with a problem as the file has it, with
the problem; every problem in the whole file is listed with its row number, and
Import stays off until there are none, because an import is all or nothing (and then
one undo step, the new agencies added with it). The two kinds of choice sit side by
side so the preview keeps its room, and the dialog opens within the screen (a
1366×768 laptop included).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.vocabulary import CATEGORIES
from deepdive.errors import DeepDiveError
from deepdive.files.special import refuse_special_file
from deepdive.importing import (
    Field,
    ImportDefaults,
    ImportMappingError,
    ImportPlan,
    SourceTable,
    context_for,
    guess_mapping,
    plan_import,
    read_table,
)
from deepdive.importing.agencies import AgencyNames
from deepdive.services import Services
from deepdive.services.guard import patterns_guard
from deepdive.services.results import CaseDetail
from deepdive.ui.chronology.agency_memory import AgencyMemory
from deepdive.ui.chronology.display import first_line, span_text
from deepdive.ui.chronology.import_agencies import AgencyMappingBox
from deepdive.ui.chronology.undo import ImportEventsCommand

PREVIEW_ROWS = 20
_SIZE = QSize(1040, 720)  # shrunk to fit a smaller screen


class ImportDialog(QDialog):
    """Maps an agency file's columns to event fields and imports it (see the module)."""

    def __init__(
        self,
        services: Services,
        case: CaseDetail,
        path: Path,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import chronology into {code}").format(code=case.code))
        self.resize(_fitted(_SIZE))
        self._services = services
        self._case = case
        self._undo_stack = undo_stack
        self._path = path
        self._context = context_for(services, case.id)
        self.table: SourceTable | None = None
        self.plan: ImportPlan | None = None
        self.imported = 0
        self.added_agencies: tuple[str, ...] = ()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("Rows that cannot be imported"))
        self.problems.setMaximumHeight(120)
        self.preview_model = QStandardItemModel(self)
        self.preview = QTableView(self)
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName(self.tr("Preview of the first rows"))
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        self.preview.setMinimumHeight(6 * self.fontMetrics().height())
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self.column_choices: list[QComboBox] = []
        self.default_category = QComboBox(self)
        self.default_category.setAccessibleName(self.tr("Domain for rows without one"))
        self.default_category.addItem(self.tr("From the source agency (else other)"), None)
        for name in CATEGORIES:
            self.default_category.addItem(name.capitalize(), name)
        self.default_agency = QComboBox(self)
        self.default_agency.setAccessibleName(self.tr("Source for rows without one"))
        self.default_agency.addItem(self.tr("— none —"), None)
        for name in self._context.agencies:
            self.default_agency.addItem(name, name)
        names = AgencyNames(self._context.agencies, self._context.kinds)
        self._memory = AgencyMemory(settings) if settings is not None else None
        recall = self._memory.recall if self._memory else (lambda _name: None)
        self.agencies = AgencyMappingBox(self._context.agencies, names.suggest, self, recall)
        self.agencies.changed.connect(self.recheck)
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName(self.tr("Sheet of the workbook to import"))
        self.sheet.hide()  # shown for a workbook with several sheets

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        try:
            refuse_special_file(path)  # a typed name can be a pipe: reading it would wait
            self.table = read_table(path)
        except DeepDiveError as exc:
            self.summary.setText(str(exc))
            self.summary.setObjectName("fieldMessage")
            self.import_button.setEnabled(False)
            layout.addStretch(1)
            layout.addWidget(self.buttons)
            return
        if len(self.table.sheets) > 1:
            sheet_row = QFormLayout()
            sheet_row.addRow(self.tr("&Sheet"), self.sheet)
            self.sheet.show()
            layout.addLayout(sheet_row)
            self.sheet.addItems(list(self.table.sheets))
            self.sheet.setCurrentText(self.table.sheet)
            self.sheet.currentTextChanged.connect(self.choose_sheet)
        choices = QHBoxLayout()
        self._mapping_holder = QVBoxLayout()
        choices.addLayout(self._mapping_holder, 1)
        self._mapping_holder.addWidget(self._mapping_box(self.table))
        choices.addWidget(self.agencies, 1)
        layout.addLayout(choices, 2)
        preview_title = QLabel(self.tr("Preview: the first rows as they will be saved"), self)
        preview_title.setObjectName("sectionHeading")
        layout.addWidget(preview_title)
        layout.addWidget(self.preview, 3)
        problems_title = QLabel(self.tr("&Problems (the whole file)"), self)
        problems_title.setObjectName("sectionHeading")
        problems_title.setBuddy(self.problems)
        layout.addWidget(problems_title)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.default_category.currentIndexChanged.connect(self.recheck)
        self.default_agency.currentIndexChanged.connect(self.recheck)
        self.recheck()

    def _mapping_box(self, table: SourceTable) -> QWidget:
        box = QGroupBox(self.tr("Which column is which"), self)
        grid = QGridLayout()
        for column, title in enumerate(
            (self.tr("Column in the file"), self.tr("First value"), self.tr("Becomes"))
        ):
            label = QLabel(f"<b>{title}</b>", box)
            grid.addWidget(label, 0, column)
        guessed = guess_mapping(table.headers)
        for n, header in enumerate(table.headers):
            example = next((row[n] for row in table.rows if row[n].strip()), "")
            grid.addWidget(QLabel(header, box), n + 1, 0)
            sample = QLabel(first_line(example, 60), box)
            sample.setObjectName("quietHint")
            grid.addWidget(sample, n + 1, 1)
            choice = QComboBox(box)
            choice.setAccessibleName(self.tr("Field for the column {name}").format(name=header))
            choice.addItem(self.tr("(ignore this column)"), None)
            for field in Field:
                choice.addItem(self.tr(field.label), field.value)
            if n in guessed:
                choice.setCurrentIndex(choice.findData(guessed[n].value))
            choice.currentIndexChanged.connect(self.recheck)
            grid.addWidget(choice, n + 1, 2)
            self.column_choices.append(choice)
        grid.setColumnStretch(1, 1)
        defaults = QFormLayout()
        defaults.addRow(self.tr("Domain for rows without one"), self.default_category)
        defaults.addRow(self.tr("Source for rows without one"), self.default_agency)
        inner = QWidget(box)
        stack = QVBoxLayout(inner)
        stack.addLayout(grid)
        stack.addLayout(defaults)
        scroll = QScrollArea(box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(box)
        outer.addWidget(scroll)
        return box

    def choose_sheet(self, sheet: str) -> None:
        """Read another sheet of the workbook, with the columns guessed afresh."""
        try:
            table = read_table(self._path, sheet=sheet)
        except DeepDiveError as exc:
            self.problems.setPlainText(str(exc))
            self.summary.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        self.table = table
        old = self._mapping_holder.takeAt(0)
        widget = old.widget() if old is not None else None
        if widget is not None:
            widget.deleteLater()
        self.column_choices = []
        self._mapping_holder.addWidget(self._mapping_box(table))
        self.recheck()

    def mapping(self) -> dict[int, Field]:
        """The columns as currently chosen."""
        return {
            n: Field(choice.currentData())
            for n, choice in enumerate(self.column_choices)
            if choice.currentData() is not None
        }

    def set_field(self, column: int, field: Field | None) -> None:
        """Choose what a column becomes (None: ignore it)."""
        choice = self.column_choices[column]
        choice.setCurrentIndex(choice.findData(field.value if field else None))

    def recheck(self) -> None:
        """Check every row against the current choices; update preview and problems."""
        assert self.table is not None
        table = self.table
        try:
            self.plan = plan_import(table, self.mapping(), self._context, self._defaults())
            if self.agencies.sync(self.plan.unknown_agencies):  # close matches chosen anew
                self.plan = plan_import(table, self.mapping(), self._context, self._defaults())
        except ImportMappingError as exc:
            self.plan = None
            self._show(table, None, str(exc))
            return
        self._show(table, self.plan, "")

    def _defaults(self) -> ImportDefaults:
        return ImportDefaults(
            category=self.default_category.currentData(),
            agency=self.default_agency.currentData(),
            agency_map=self.agencies.mapping(),
        )

    def _show(self, table: SourceTable, plan: ImportPlan | None, failure: str) -> None:
        rows = len(table.rows)
        head = self.tr("{name}: {rows} rows, read as {how}.").format(
            name=table.name, rows=rows, how=table.description
        )
        if plan is None:
            self.summary.setText(f"{head} {failure}")
            self.problems.setPlainText(failure)
            self.import_button.setEnabled(False)
            self.preview_model.clear()
            return
        bad = len(plan.problems)
        if bad:
            status = self.tr(
                "{bad} of them cannot be imported yet: fix the file or the choices "
                "below. Nothing is imported until every row is right."
            ).format(bad=bad)
        else:
            status = self.tr("All {n} events are ready to import (one undo step).").format(
                n=len(plan.events)
            )
            if plan.new_agencies:
                status += " " + self.tr("New agencies added with them: {names}.").format(
                    names=", ".join(plan.new_agencies)
                )
        self.summary.setText(f"{head} {status}")
        self.problems.setPlainText(
            "\n".join(f"{table.where(p.row)}: {p.message}" for p in plan.problems)
            or self.tr("None.")
        )
        # The list is as tall as its problems (a problem may take two lines, and it
        # scrolls beyond seven): the rest of the room is the preview's.
        lines = min(2 * bad, 7) if bad else 1
        self.problems.setFixedHeight(lines * self.fontMetrics().lineSpacing() + 12)
        self.import_button.setEnabled(bad == 0 and bool(plan.events))
        self._fill_preview(table, plan)

    def _fill_preview(self, table: SourceTable, plan: ImportPlan) -> None:
        model = self.preview_model
        model.clear()
        headers = [
            self.tr("Row"),
            self.tr("Date"),
            self.tr("Domain"),
            self.tr("Source"),
            self.tr("What happened"),
            self.tr("Problem"),
        ]
        model.setHorizontalHeaderLabels(headers)
        events = dict(zip(plan.row_numbers, plan.events, strict=True))
        problems = {p.row: p.message for p in plan.problems}
        new = set(plan.new_agencies)
        rows = dict(zip(table.row_numbers, table.rows, strict=True))
        for number in table.row_numbers[:PREVIEW_ROWS]:
            event = events.get(number)
            cells = [str(number)]
            if event is None:  # as the file has it, with what is wrong
                cells += [
                    self._cell(rows[number], Field.DATE),
                    self._cell(rows[number], Field.CATEGORY),
                    self._cell(rows[number], Field.AGENCY),
                    first_line(self._cell(rows[number], Field.DESCRIPTION), 120),
                    problems.get(number, ""),
                ]
            else:
                cells += [
                    span_text(event.date, event.end),
                    event.category,
                    self.tr("{agency} (new)").format(agency=event.agency)
                    if event.agency in new
                    else event.agency or "",
                    first_line(event.description, 120),
                    "",
                ]
            items = [QStandardItem(cell) for cell in cells]
            for item in items:
                item.setEditable(False)
            if event is None:
                items[-1].setForeground(self._problem_colour())
                items[-1].setToolTip(cells[-1])
            model.appendRow(items)
        for column, width in enumerate((50, 140, 100, 190, 280)):
            self.preview.setColumnWidth(column, width)

    def _problem_colour(self) -> QColor:
        """The house's error red, light on a dark theme (dark red vanishes there)."""
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return QColor("#ffb4ab" if dark else "#b3261e")

    def _cell(self, row: tuple[str, ...], field: Field) -> str:
        """What the file has for ``field`` in ``row`` (the first column chosen for it)."""
        for column, chosen in self.mapping().items():
            if chosen is field and row[column].strip():
                return row[column]
        return ""

    def run_import(self) -> bool:
        """Import every row as one undo step; True if done."""
        if self.plan is None or self.plan.problems or not self.plan.events or self.table is None:
            return False
        command = ImportEventsCommand(
            self._services.events,
            self._case.id,
            self.plan.events,
            self.table.name,
            new_agencies=self.plan.new_agencies,
            agencies=self._services.agencies,
        )
        try:
            infos = command.apply()
        except DeepDiveError as exc:
            self.problems.setPlainText(str(exc))
            return False
        self._undo_stack.push(command)
        if self._memory is not None:  # the next file naming them starts from these
            self._memory.remember(self.agencies.mapping(), self._context.guard or patterns_guard())
        self.imported = len(infos)
        self.added_agencies = self.plan.new_agencies
        self.accept()
        return True


def _fitted(wanted: QSize) -> QSize:
    """``wanted``, made smaller where the screen is: room is left for the window's
    frame and the taskbar."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    room = screen.availableGeometry()
    return QSize(min(wanted.width(), room.width() - 40), min(wanted.height(), room.height() - 60))
