"""Help: the keyboard shortcuts sheet, the built-in guide, and About DeepDive."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deepdive import APP_NAME, installed_version
from deepdive.resources import resource_path
from deepdive.text.markdown import markdown_to_html
from deepdive.ui.widgets.key_bindings import CATALOGUE

# The components DeepDive ships with, by distribution name.
BUNDLED = (
    "PySide6-Essentials",
    "shiboken6",
    "SQLAlchemy",
    "alembic",
    "platformdirs",
    "PyYAML",
    "Markdown",
    "python-docx",
    "lxml",
    "cryptography",
    "python-stdnum",
    "phonenumbers",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def shortcut_rows(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(where, command, keys) for every shortcut: each menu command that has one, then
    the keys that work inside panels (:data:`deepdive.ui.widgets.key_bindings.CATALOGUE`)."""
    rows: list[tuple[str, str, str]] = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in _walk(menu.actions()):
            keys = action.shortcut()
            if not keys.isEmpty():
                native = QKeySequence.SequenceFormat.NativeText
                rows.append(
                    (
                        _tr("{menu} menu").format(menu=menu_action.text().replace("&", "")),
                        action.text().replace("&", "").rstrip("…"),
                        ", ".join(k.toString(native) for k in action.shortcuts()),
                    )
                )
    rows.extend((key.place, key.command, key.shown()) for key in CATALOGUE)
    return rows


def _walk(actions: list[QAction]) -> list[QAction]:
    found: list[QAction] = []
    for action in actions:
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found.extend(_walk(submenu.actions()))
        elif not action.isSeparator():
            found.append(action)
    return found


def component_licences() -> list[tuple[str, str, str]]:
    """(name, version, licence) of each bundled component that is installed."""
    rows = []
    for name in BUNDLED:
        try:
            info = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        licence = info["License-Expression"] or info["License"] or ""
        if not licence or len(licence) > 60:
            classifiers = [c for c in info.get_all("Classifier") or [] if c.startswith("License")]
            licence = classifiers[-1].split("::")[-1].strip() if classifiers else licence[:60]
        rows.append((info["Name"], info["Version"], licence))
    return rows


class _Sheet(QDialog):
    def __init__(self, title: str, content: QWidget, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(content)
        layout.addWidget(buttons)
        self.resize(640, 560)


def shortcuts_dialog(menu_bar: QMenuBar, parent: QWidget | None) -> QDialog:
    """A sheet listing every keyboard shortcut, by menu."""
    rows = shortcut_rows(menu_bar)
    table = QTableWidget(len(rows), 3)
    table.setAccessibleName(_tr("Keyboard shortcuts"))
    table.setHorizontalHeaderLabels([_tr("Where"), _tr("Command"), _tr("Keys")])
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    dialog = _Sheet(_tr("Keyboard shortcuts"), table, parent)
    dialog.resize(820, 620)
    return dialog


def guide_dialog(parent: QWidget | None) -> QDialog:
    """The built-in guide to running a Deep Dive session."""
    browser = QTextBrowser()
    browser.setAccessibleName(_tr("Guide to running a Deep Dive session"))
    text = resource_path("guide", "running-a-deep-dive.md").read_text(encoding="utf-8")
    browser.setHtml(markdown_to_html(text))
    dialog = _Sheet(_tr("Running a Deep Dive session"), browser, parent)
    dialog.resize(720, 680)
    return dialog


def about_dialog(parent: QWidget | None) -> QDialog:
    """Version, purpose, licence, and the licences of bundled components."""
    rows = "".join(
        f"<tr><td>{name}</td><td>{version}</td><td>{licence}</td></tr>"
        for name, version, licence in component_licences()
    )
    browser = QTextBrowser()
    browser.setAccessibleName(_tr("About DeepDive"))
    browser.setHtml(
        f"<h2>{APP_NAME} {installed_version()}</h2>"
        + _tr(
            "<p>Structured reflective Deep Dive case studies for children's social care: "
            "pseudonymised, offline, nothing lost.</p><p>DeepDive is free software under "
            "the MIT licence.</p><h3>Bundled components</h3>"
        )
        + f"<table cellpadding='3'><tr><th align='left'>{_tr('Component')}</th>"
        f"<th align='left'>{_tr('Version')}</th><th align='left'>{_tr('Licence')}</th></tr>"
        f"{rows}</table>"
        + _tr("<p>Qt for Python (PySide6) is used under the GNU LGPL version 3.</p>")
    )
    return _Sheet(_tr("About DeepDive"), browser, parent)
