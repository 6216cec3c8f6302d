"""Editing a case's key-vault entries: each person's real identities by pseudonym.

A table with one row per person of the case's cast (and anyone the vault already
holds for the case): real names, aliases and nicknames, dates of birth, addresses,
NHS numbers and other identifiers, several to a cell separated by ";". Each edit
is saved to the vault at once. :class:`AddNameDialog` is the "add to vault" quick
fix: a name found in the text becomes a real name or alias of one person, and a
school or surgery one of the places they go (an other identifier).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.privacy.datefinder import parse_full_date
from deepdive.privacy.errors import VaultChangedElsewhereError
from deepdive.privacy.organisations import generic_wording, looks_like_organisation, place_stem
from deepdive.privacy.vault_model import VaultPerson
from deepdive.ui.privacy.line_edits import exempt
from deepdive.ui.widgets.tables import EDIT_TRIGGERS

AnyIndex = QModelIndex | QPersistentModelIndex
# Saves one person's entry; returns it as the vault now holds it (merged with what
# another program saved meanwhile), None if the vault no longer has it.
SavePerson = Callable[[VaultPerson], VaultPerson | None]


class VaultColumn(IntEnum):
    """The columns of the vault table."""

    PSEUDONYM = 0
    REAL_NAMES = 1
    ALIASES = 2
    BORN = 3
    ADDRESSES = 4
    NHS = 5
    OTHER = 6


_HEADERS = (
    "Pseudonym",
    "Real names",
    "Aliases and nicknames",
    "Dates of birth",
    "Addresses",
    "NHS numbers",
    "Other identifiers",
)
_FIELDS = {
    VaultColumn.REAL_NAMES: "real_names",
    VaultColumn.ALIASES: "aliases",
    VaultColumn.ADDRESSES: "addresses",
    VaultColumn.NHS: "nhs_numbers",
    VaultColumn.OTHER: "other_identifiers",
}


def split_cell(text: str) -> tuple[str, ...]:
    """ "Jayden Marsh; JJ" → ("Jayden Marsh", "JJ"), blanks and repeats dropped."""
    return tuple(dict.fromkeys(" ".join(p.split()) for p in text.split(";") if p.strip()))


def person_with(person: VaultPerson, column: VaultColumn, text: str) -> VaultPerson:
    """``person`` with one column set from what was typed; DeepDiveError if it is wrong."""
    values = split_cell(text)
    if column is VaultColumn.BORN:
        dates = []
        for value in values:
            parsed = parse_full_date(value)
            if parsed is None:
                raise DeepDiveError(
                    f"'{value}' is not a date of birth DeepDive can read: use a form like "
                    "12/03/2005 or 12 March 2005."
                )
            dates.append(parsed)
        return replace(person, dates_of_birth=tuple(dates))
    if column is VaultColumn.NHS:
        for value in values:
            if len("".join(c for c in value if c.isdigit())) != 10:
                raise DeepDiveError(f"'{value}' is not an NHS number: it has ten digits.")
    return _with_field(person, _FIELDS[column], values)


def cell_text(person: VaultPerson, column: VaultColumn) -> str:
    """What a cell shows."""
    if column is VaultColumn.PSEUDONYM:
        return person.pseudonym
    if column is VaultColumn.BORN:
        return "; ".join(d.strftime("%d/%m/%Y") for d in person.dates_of_birth)
    values: tuple[str, ...] = getattr(person, _FIELDS[column])
    return "; ".join(values)


class VaultPeopleModel(QAbstractTableModel):
    """The vault entries of one case's people, saved through ``save`` on every edit."""

    message_changed = Signal(str)  # why the last edit was refused or not saved; "" if fine

    def __init__(
        self, people: list[VaultPerson], save: SavePerson, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._people = people
        self._save = save
        self.last_error = ""

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(VaultColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        person = self._people[index.row()]
        column = VaultColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell_text(person, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is not VaultColumn.PSEUDONYM:
            return self.tr("Several values: separate them with ;")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() != VaultColumn.PSEUDONYM:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = index.row()
        try:
            changed = person_with(self._people[row], VaultColumn(index.column()), str(value))
            try:
                stored = self._save(changed)
            except VaultChangedElsewhereError as exc:
                stored = changed  # kept unsaved here, as the vault keeps it
                self._tell(str(exc))
            else:
                self._tell("")
        except DeepDiveError as exc:
            self._tell(str(exc))
            return False
        self._people[row] = stored or changed
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(VaultColumn) - 1))
        return True

    def _tell(self, message: str) -> None:
        self.last_error = message
        self.message_changed.emit(message)

    def person_at(self, row: int) -> VaultPerson:
        """The entry shown in ``row``."""
        return self._people[row]


class VaultEditorDialog(QDialog):
    """The vault entries of one case; every edit is saved to the vault at once."""

    def __init__(
        self,
        case_code: str,
        people: list[VaultPerson],
        save: SavePerson,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        exempt(self)  # its fields hold real identities on purpose
        self.setWindowTitle(self.tr("Key vault — {code}").format(code=case_code))
        intro = QLabel(
            self.tr(
                "The real identities behind this case's pseudonyms. They stay in the encrypted "
                "key vault: never in the workspace, an export or a bundle. Double-click a cell "
                "to edit it; separate several values with “;”."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model = VaultPeopleModel(people, save, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Real identities by pseudonym"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 110), (1, 170), (2, 150), (3, 110), (4, 220), (5, 120)):
            self.table.setColumnWidth(column, width)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.model.message_changed.connect(self.show_message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1040, 420)

    def edit_cell(self, row: int, column: VaultColumn, text: str) -> bool:
        """Set a cell as if typed; shows why when it is refused."""
        return self.model.setData(self.model.index(row, column), text)

    def show_message(self, text: str) -> None:
        """Show ``text`` under the table (empty hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))


class AddNameDialog(QDialog):
    """Adds a name found in the text to one person's vault entry."""

    NEW_PERSON = "__new__"

    def __init__(
        self, name: str, case_code: str, pseudonyms: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        exempt(self)
        self.setWindowTitle(self.tr("Add to the key vault"))
        self.name = QLineEdit(name, self)
        self.name.setAccessibleName(self.tr("Name to add"))
        self.person = QComboBox(self)
        self.person.setAccessibleName(self.tr("Whose name it is"))
        for pseudonym in pseudonyms:
            self.person.addItem(pseudonym, pseudonym)
        self.person.addItem(self.tr("Someone new…"), self.NEW_PERSON)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Real name or alias"))
        self.kind.addItem(self.tr("a real name"), "real_names")
        self.kind.addItem(self.tr("an alias or nickname"), "aliases")
        self.kind.addItem(self.tr("a school, surgery or other place they go"), "other_identifiers")
        place = looks_like_organisation(name)
        if place:
            self.kind.setCurrentIndex(self.kind.findData("other_identifiers"))
        self.new_pseudonym = QLineEdit(self)
        self.new_pseudonym.setAccessibleName(self.tr("Pseudonym for someone new"))
        self.new_pseudonym.setPlaceholderText(self.tr("A pseudonym, e.g. Friend 1"))
        intro = QLabel(self._intro(name, case_code), self)
        intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&Name"), self.name)
        self.form.addRow(self.tr("&Belongs to"), self.person)
        self.form.addRow(self.tr("New &pseudonym"), self.new_pseudonym)
        self.form.addRow(self.tr("&As"), self.kind)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add to vault"))
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.person.currentIndexChanged.connect(self._on_person_changed)
        self._on_person_changed()

    def _intro(self, name: str, case_code: str) -> str:
        if not looks_like_organisation(name):
            return self.tr(
                "Keep this name in the key vault of case {code}, so it is found everywhere "
                "and replaced by a pseudonym."
            ).format(code=case_code)
        stem = place_stem(name)
        where = (
            self.tr("everywhere, also as “{short}”,").format(short=stem)
            if stem
            else self.tr("everywhere")
        )
        return self.tr(
            "Keep this place in the key vault of case {code}, so it is found {where} and "
            "replaced by “{generic}”."
        ).format(code=case_code, where=where, generic=generic_wording(name))

    def _on_person_changed(self) -> None:
        self.form.setRowVisible(self.new_pseudonym, self.person.currentData() == self.NEW_PERSON)

    def chosen_pseudonym(self) -> str:
        """The pseudonym the name belongs to (typed, for someone new)."""
        if self.person.currentData() == self.NEW_PERSON:
            return " ".join(self.new_pseudonym.text().split())
        return str(self.person.currentData())

    def _on_accept(self) -> None:
        if not " ".join(self.name.text().split()):
            self.message.setText(self.tr("Type the name to add."))
        elif not self.chosen_pseudonym():
            self.message.setText(self.tr("Give the new person a pseudonym."))
        else:
            self.accept()
            return
        self.message.show()

    def updated(self, person: VaultPerson | None) -> VaultPerson:
        """``person`` (or a new entry) with the name added."""
        name = " ".join(self.name.text().split())
        base = person or VaultPerson(self.chosen_pseudonym())
        field = str(self.kind.currentData())
        values: tuple[str, ...] = getattr(base, field)
        return _with_field(base, field, tuple(dict.fromkeys((*values, name))))


def _with_field(person: VaultPerson, field: str, values: tuple[str, ...]) -> VaultPerson:
    """``person`` with one of its text-list fields replaced."""
    changes: dict[str, tuple[str, ...]] = {field: values}
    return replace(person, **changes)  # type: ignore[arg-type]
