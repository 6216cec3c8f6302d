"""Both versions side by side: theirs as a colleague saved it, yours as you typed it.

One row per field that differs (the others behind "Show the fields that are the same"),
the words that differ marked in both. Three ways out, each saying what it does:

* **Keep mine** saves your version over theirs, knowingly;
* **Take theirs** keeps their version; yours is set aside (see :mod:`.set_aside`);
* **Merge by editing…** turns your column into editors (with "Use theirs" per field)
  and **Save merged version** saves what is there.

Closing the dialog (Escape) takes theirs, as the choice that overwrites nobody; yours
is set aside then too, so nothing typed is lost either way.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deepdive.ui.conflicts.marking import marked_pair

MAX_SIZE = (1240, 700)  # fits a 1366×768 laptop with its task bar
SHORT_SIZE = (820, 420)  # one-line fields and choices only: no room for long text needed


class Choice(Enum):
    """What the user chose."""

    KEEP_MINE = "mine"
    TAKE_THEIRS = "theirs"
    MERGED = "merged"


@dataclass(frozen=True)
class ConflictField:
    """One field of both versions, as shown (``editable``: false for a choice such as a
    domain or a yes/no, which is taken from one side or the other when merging)."""

    name: str
    label: str
    theirs: str
    mine: str
    multiline: bool = False
    editable: bool = True
    both_changed: bool = False

    @property
    def differs(self) -> bool:
        """Whether the two versions of the field differ."""
        return self.theirs != self.mine


@dataclass(frozen=True)
class Resolution:
    """The choice, and the text of each field to save with it (theirs, mine, or merged)."""

    choice: Choice
    values: dict[str, str]


class _Row:
    """The widgets of one field: its name, theirs, and yours (shown, or an editor)."""

    def __init__(self, dialog: ConflictDialog, grid: QGridLayout, at: int, field: ConflictField):
        self.field = field
        theirs_html, mine_html = marked_pair(field.theirs, field.mine, dialog.tr("(empty)"))
        note = (
            dialog.tr("⚠ changed by both of you")
            if field.both_changed
            else dialog.tr("≠ differs")
            if field.differs
            else dialog.tr("the same")
        )
        self.name = QWidget()
        names = QVBoxLayout(self.name)
        names.setContentsMargins(0, 0, 0, 0)
        names.setSpacing(2)
        title = QLabel(_bold(field.label))
        title.setWordWrap(True)
        self.note = QLabel(note)
        # The app's error colour (it follows the theme) for a field both people changed.
        self.note.setObjectName("fieldMessage" if field.both_changed else "quietHint")
        names.addWidget(title)
        names.addWidget(self.note)
        names.addStretch(1)
        self.theirs = _shown(theirs_html)
        self.theirs.setAccessibleName(dialog.tr("Theirs: {field}").format(field=field.label))
        self.mine_view = _shown(mine_html)
        self.mine_view.setAccessibleName(dialog.tr("Yours: {field}").format(field=field.label))
        self.editor: QPlainTextEdit | QLineEdit | None = None
        self.use_theirs = QCheckBox(dialog.tr("Use theirs"))
        edit_box = QWidget()
        box = QVBoxLayout(edit_box)
        box.setContentsMargins(0, 0, 0, 0)
        if field.editable:
            self.editor = QPlainTextEdit(field.mine) if field.multiline else QLineEdit(field.mine)
            self.editor.setAccessibleName(dialog.tr("Merged: {field}").format(field=field.label))
            if isinstance(self.editor, QPlainTextEdit):
                self.editor.setMinimumHeight(90)
            box.addWidget(self.editor)
            self.use_theirs.toggled.connect(self._copy_theirs)
        else:
            self.choice_shown = QLabel(field.mine)
            box.addWidget(self.choice_shown)
            self.use_theirs.toggled.connect(
                lambda on: self.choice_shown.setText(field.theirs if on else field.mine)
            )
        box.addWidget(self.use_theirs)
        self.mine = QStackedWidget()
        self.mine.addWidget(self.mine_view)
        self.mine.addWidget(edit_box)
        grid.addWidget(self.name, at, 0)
        grid.addWidget(self.theirs, at, 1)
        grid.addWidget(self.mine, at, 2)
        self.widgets: tuple[QWidget, ...] = (self.name, self.theirs, self.mine)

    def _copy_theirs(self, on: bool) -> None:
        assert self.editor is not None
        text = self.field.theirs if on else self.field.mine
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)

    def merged_value(self) -> str:
        """The field's text as the merge column holds it."""
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.field.theirs if self.use_theirs.isChecked() else self.field.mine

    def set_visible(self, on: bool) -> None:
        for widget in self.widgets:
            widget.setVisible(on)


class ConflictDialog(QDialog):
    """Theirs beside yours, field by field; see the module docstring."""

    def __init__(
        self,
        what: str,
        fields: Sequence[ConflictField],
        parent: QWidget | None = None,
    ) -> None:
        """``what`` names the thing both edited ("the event of 14 Mar 2016")."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.setModal(True)
        self._choice = Choice.TAKE_THEIRS
        heading = QLabel(
            self.tr("Someone else saved a change to {what} while you were editing it.").format(
                what=what
            )
        )
        heading.setObjectName("sectionHeading")
        heading.setWordWrap(True)
        explain = QLabel(
            self.tr(
                "Nothing has been saved over their change, and nothing you typed is lost. "
                "Marked words differ. Keep yours, take theirs (yours is then kept aside, on "
                "the clipboard and in a file), or merge the two by editing."
            )
        )
        explain.setWordWrap(True)
        self.show_same = QCheckBox(self.tr("Show the fields that are the same too"))
        self.show_same.toggled.connect(self._show_rows)

        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(0, 130)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(12)
        grid.addWidget(_column_heading(self.tr("Field")), 0, 0)
        grid.addWidget(_column_heading(self.tr("Theirs — as a colleague saved it")), 0, 1)
        self.mine_heading = _column_heading(self.tr("Yours — as you typed it"))
        grid.addWidget(self.mine_heading, 0, 2)
        self.rows = [_Row(self, grid, n, field) for n, field in enumerate(fields, start=1)]
        grid.setRowStretch(len(self.rows) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(grid_holder)

        self.buttons = QDialogButtonBox()
        self.keep_mine = self._button(self.tr("&Keep mine"), self._on_keep_mine)
        self.take_theirs = self._button(self.tr("&Take theirs"), self._on_take_theirs)
        self.merge = self._button(self.tr("&Merge by editing…"), self._on_merge)
        self.save_merged = self._button(self.tr("&Save merged version"), self._on_save_merged)
        self.back = self._button(self.tr("&Back"), self._on_back)
        self.keep_mine.setToolTip(self.tr("Save your version over theirs."))
        self.take_theirs.setToolTip(
            self.tr("Keep their version; yours goes on the clipboard and into a file.")
        )
        self.merge.setToolTip(self.tr("Edit your version, taking from theirs, then save it."))
        self._on_back()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addWidget(self.show_same)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._show_rows()
        self._fit(short=not any(field.multiline for field in fields))

    # ----------------------------------------------------------------- result
    def resolution(self) -> Resolution:
        """What was chosen, with the text of every field to save."""
        if self._choice is Choice.TAKE_THEIRS:
            values = {row.field.name: row.field.theirs for row in self.rows}
        elif self._choice is Choice.KEEP_MINE:
            values = {row.field.name: row.field.mine for row in self.rows}
        else:
            values = {row.field.name: row.merged_value() for row in self.rows}
        return Resolution(self._choice, values)

    # ---------------------------------------------------------------- actions
    def _on_keep_mine(self) -> None:
        self._choice = Choice.KEEP_MINE
        self.accept()

    def _on_take_theirs(self) -> None:
        self._choice = Choice.TAKE_THEIRS
        self.accept()

    def _on_merge(self) -> None:
        for row in self.rows:
            row.mine.setCurrentIndex(1)
        self.mine_heading.setText(_bold(self.tr("Merged — edit, or use theirs field by field")))
        for button, on in self._modes(merging=True):
            button.setVisible(on)
        first = next((row.editor for row in self.rows if row.field.differs and row.editor), None)
        if first is not None:
            first.setFocus()

    def _on_back(self) -> None:
        for row in self.rows:
            row.mine.setCurrentIndex(0)
        self.mine_heading.setText(_bold(self.tr("Yours — as you typed it")))
        for button, on in self._modes(merging=False):
            button.setVisible(on)

    def _on_save_merged(self) -> None:
        self._choice = Choice.MERGED
        self.accept()

    def reject(self) -> None:
        # Closing overwrites nobody: theirs stays, and the caller sets yours aside.
        self._choice = Choice.TAKE_THEIRS
        super().reject()

    # ----------------------------------------------------------------- layout
    def _modes(self, merging: bool) -> list[tuple[QPushButton, bool]]:
        return [
            (self.keep_mine, not merging),
            (self.take_theirs, True),
            (self.merge, not merging),
            (self.save_merged, merging),
            (self.back, merging),
        ]

    def _button(self, text: str, slot: object) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        assert button is not None
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _show_rows(self) -> None:
        every = self.show_same.isChecked()
        for row in self.rows:
            row.set_visible(every or row.field.differs)

    def _fit(self, short: bool) -> None:
        screen = self.screen()
        width, height = SHORT_SIZE if short else MAX_SIZE
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)


def _shown(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setObjectName("conflictText")
    return label


def _column_heading(text: str) -> QLabel:
    return QLabel(_bold(text))


def _bold(text: str) -> str:
    return f"<b>{html.escape(text)}</b>"


Ask = Callable[[QWidget, str, list[ConflictField]], Resolution]


def ask_with_dialog(parent: QWidget, what: str, fields: list[ConflictField]) -> Resolution:
    """Show both versions of ``what`` and wait for the user's choice."""
    dialog = ConflictDialog(what, fields, parent)
    try:
        dialog.exec()
        return dialog.resolution()
    finally:
        dialog.deleteLater()
