"""The template editor's form for one stage: its fields and its response kind's extras."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deepdive.services.template_checks import TemplateProblem
from deepdive.templates import KEY_EPISODES_FILTER, ResponseKind, ResponseSpec, Stage
from deepdive.templates.loader import MAX_STAGE_MINUTES
from deepdive.text.clean import clean_line
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.privacy.line_edits import watch_now
from deepdive.ui.privacy.text_watch import TextWatch

KIND_LABELS = {
    ResponseKind.TEXT: "Free text (Markdown)",
    ResponseKind.LIST: "A list of points",
    ResponseKind.SCALE: "A 0–10 scale with a note",
    ResponseKind.MAP: "A three-column map",
    ResponseKind.EVENTS: "Events picked from the chronology",
    ResponseKind.ACTIONS: "An actions table",
}


class FieldNote(QLabel):
    """A problem shown under the field it is about (hidden when there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldMessage")
        self.setWordWrap(True)
        self.hide()

    def show_problem(self, text: str) -> None:
        """Show ``text``; empty hides the note."""
        self.setText(text)
        self.setVisible(bool(text))


class StageForm(QWidget):
    """Edits one :class:`Stage`; reports the edited stage on every change."""

    stage_edited = Signal(object)  # Stage

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stage: Stage | None = None
        self._loading = False
        self.stage_id = QLineEdit(self)
        self.title = QLineEdit(self)
        self.purpose = QPlainTextEdit(self)
        self.purpose.setTabChangesFocus(True)
        self.purpose.setFixedHeight(60)
        self.guidance = MarkdownEditor(self.tr("Guidance for the facilitator"), self)
        self.guidance.setMinimumHeight(150)
        self.prompts = QPlainTextEdit(self)
        self.prompts.setTabChangesFocus(True)
        self.prompts.setPlaceholderText(self.tr("One question per line"))
        self.prompts.setFixedHeight(90)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, MAX_STAGE_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setMaximumWidth(120)
        self.kind = QComboBox(self)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), kind.value)
        for widget, name in (
            (self.stage_id, "Stage id"),
            (self.title, "Stage title"),
            (self.purpose, "Stage purpose"),
            (self.prompts, "Questions for the room, one per line"),
            (self.minutes, "Suggested minutes"),
            (self.kind, "Response kind"),
        ):
            widget.setAccessibleName(self.tr(name))
        self.placeholder = QLineEdit(self)
        self.item_label = QLineEdit(self)
        self.scale_label = QLineEdit(self)
        self.scale_low = QLineEdit(self)
        self.scale_high = QLineEdit(self)
        self.columns = [QLineEdit(self) for _ in range(3)]
        self.key_first = QCheckBox(
            self.tr("This stage is about key practice episodes (events stay in date order)"), self
        )
        for widget, name in (
            (self.placeholder, "Hint in the empty editor"),
            (self.item_label, "What one item is called"),
            (self.scale_label, "The question the number answers"),
            (self.scale_low, "What 0 means"),
            (self.scale_high, "What 10 means"),
        ):
            widget.setAccessibleName(self.tr(name))
        for number, column in enumerate(self.columns, start=1):
            column.setAccessibleName(self.tr("Heading of column {n}").format(n=number))
        # Checked as every other field is: underlines, right-click fixes, direction marks.
        TextWatch(self.purpose)
        TextWatch(self.prompts)
        watch_now(
            self.title,
            self.placeholder,
            self.item_label,
            self.scale_label,
            self.scale_low,
            self.scale_high,
            *self.columns,
        )
        fields = ("id", "title", "purpose", "guidance", "prompts", "minutes")
        extras = ("label", "low", "high", "columns")
        self.notes: dict[str, FieldNote] = {name: FieldNote(self) for name in fields + extras}

        form = QFormLayout(self)
        form.addRow(self.tr("Stage &id"), _with_note(self.stage_id, self.notes["id"]))
        form.addRow(self.tr("&Title"), _with_note(self.title, self.notes["title"]))
        form.addRow(self.tr("&Purpose"), _with_note(self.purpose, self.notes["purpose"]))
        form.addRow(self.tr("&Guidance"), _with_note(self.guidance, self.notes["guidance"]))
        form.addRow(self.tr("&Questions"), _with_note(self.prompts, self.notes["prompts"]))
        form.addRow(self.tr("&Minutes"), _with_note(self.minutes, self.notes["minutes"]))
        form.addRow(self.tr("&Response"), self.kind)
        self.extras = QStackedWidget(self)
        self._pages: dict[ResponseKind, QWidget] = {}
        self._add_page(ResponseKind.TEXT, [(self.tr("Hint"), self.placeholder, None)])
        self._add_page(ResponseKind.LIST, [(self.tr("Item called"), self.item_label, None)])
        self._add_page(
            ResponseKind.SCALE,
            [
                (self.tr("Question"), self.scale_label, "label"),
                (self.tr("0 means"), self.scale_low, "low"),
                (self.tr("10 means"), self.scale_high, "high"),
            ],
        )
        map_rows: list[tuple[str, QWidget, str | None]] = [
            (self.tr("Column {n}").format(n=n), column, None)
            for n, column in enumerate(self.columns, start=1)
        ]
        map_rows[-1] = (map_rows[-1][0], map_rows[-1][1], "columns")
        self._add_page(ResponseKind.MAP, map_rows)
        self._add_page(ResponseKind.EVENTS, [("", self.key_first, None)])
        self._add_page(ResponseKind.ACTIONS, [])
        form.addRow("", self.extras)

        for line in (self.stage_id, self.title, self.placeholder, self.item_label):
            line.textEdited.connect(self._on_edit)
        for line in (self.scale_label, self.scale_low, self.scale_high, *self.columns):
            line.textEdited.connect(self._on_edit)
        self.purpose.textChanged.connect(self._on_edit)
        self.prompts.textChanged.connect(self._on_edit)
        self.guidance.text_edited.connect(self._on_edit)
        self.minutes.valueChanged.connect(self._on_edit)
        self.kind.currentIndexChanged.connect(self._on_edit)
        self.key_first.toggled.connect(self._on_edit)

    def _add_page(self, kind: ResponseKind, rows: list[tuple[str, QWidget, str | None]]) -> None:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        for label, widget, note in rows:
            form.addRow(label, _with_note(widget, self.notes[note]) if note else widget)
        self._pages[kind] = page
        self.extras.addWidget(page)

    def show_stage(self, stage: Stage) -> None:
        """Edit ``stage`` (without reporting it as an edit)."""
        self._loading = True
        self._stage = stage
        spec = stage.response
        self.stage_id.setText(stage.id)
        self.title.setText(stage.title)
        self.purpose.setPlainText(stage.purpose)
        self.guidance.set_markdown(stage.guidance)
        self.prompts.setPlainText("\n".join(stage.prompts))
        self.minutes.setValue(max(1, min(MAX_STAGE_MINUTES, stage.minutes)))
        self.kind.setCurrentIndex(self.kind.findData(spec.kind.value))
        self.placeholder.setText(spec.placeholder or "")
        self.item_label.setText(spec.item_label or "")
        self.scale_label.setText(spec.label or "")
        self.scale_low.setText(spec.low or "")
        self.scale_high.setText(spec.high or "")
        for number, column in enumerate(self.columns):
            column.setText(spec.columns[number] if number < len(spec.columns) else "")
        self.key_first.setChecked(spec.filter == KEY_EPISODES_FILTER)
        self.extras.setCurrentWidget(self._pages[spec.kind])
        self._loading = False

    def show_problems(self, problems: list[TemplateProblem]) -> None:
        """Show this stage's problems under their fields."""
        by_field = {p.field: p.message for p in problems}
        for field, note in self.notes.items():
            note.show_problem(by_field.get(field, ""))

    def stage(self) -> Stage:
        """The stage as the form shows it."""
        assert self._stage is not None
        kind = ResponseKind(str(self.kind.currentData()))

        def text(line: QLineEdit) -> str | None:
            return clean_line(line.text()) or None

        spec = ResponseSpec(kind=kind)
        if kind is ResponseKind.TEXT:
            spec = ResponseSpec(kind=kind, placeholder=text(self.placeholder))
        elif kind is ResponseKind.LIST:
            spec = ResponseSpec(kind=kind, item_label=text(self.item_label))
        elif kind is ResponseKind.SCALE:
            spec = ResponseSpec(
                kind=kind,
                label=text(self.scale_label),
                low=text(self.scale_low),
                high=text(self.scale_high),
            )
        elif kind is ResponseKind.MAP:
            spec = ResponseSpec(
                kind=kind, columns=tuple(clean_line(c.text()) for c in self.columns)
            )
        elif kind is ResponseKind.EVENTS:
            spec = ResponseSpec(
                kind=kind, filter=KEY_EPISODES_FILTER if self.key_first.isChecked() else None
            )
        prompts = tuple(
            line.strip() for line in self.prompts.toPlainText().splitlines() if line.strip()
        )
        return dataclasses.replace(
            self._stage,
            id=self.stage_id.text().strip(),
            title=clean_line(self.title.text()),
            purpose=self.purpose.toPlainText().strip(),
            guidance=self.guidance.markdown().strip(),
            prompts=prompts,
            minutes=self.minutes.value(),
            response=spec,
        )

    def _on_edit(self, *_args: object) -> None:
        if self._loading or self._stage is None:
            return
        kind = ResponseKind(str(self.kind.currentData()))
        self.extras.setCurrentWidget(self._pages[kind])
        self._stage = self.stage()
        self.stage_edited.emit(self._stage)


def _with_note(widget: QWidget, note: FieldNote) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(note)
    note.setParent(box)
    return box
