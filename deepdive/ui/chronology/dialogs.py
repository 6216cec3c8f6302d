"""The chronology's dialogs, opened from the panel: importing an agency chronology
and finding events recorded twice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QWidget

from deepdive.services import Services
from deepdive.services.results import CaseDetail


def open_import(
    services: Services,
    case: CaseDetail,
    undo_stack: QUndoStack,
    panel: QWidget,
    settings: QSettings,
    path: Path | None = None,
) -> object:
    """The import dialog for ``path`` (asked for when not given); None if none is chosen."""
    from deepdive.ui.chronology.import_dialog import ImportDialog

    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            panel,
            panel.tr("Import a chronology"),
            str(Path.home()),
            panel.tr("Chronologies (*.csv *.txt *.tsv *.xlsx *.docx);;All files (*)"),
        )
        if not name:
            return None
        path = Path(name)
    dialog = ImportDialog(services, case, path, undo_stack, panel, settings=settings)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_duplicates(
    services: Services,
    case: CaseDetail,
    undo_stack: QUndoStack,
    panel: QWidget,
    chosen: Callable[[int], None],
) -> object:
    """The list of likely duplicates; ``chosen`` is told the event the user picks."""
    from deepdive.ui.chronology.duplicates_dialog import DuplicatesDialog

    dialog = DuplicatesDialog(services, case, undo_stack, panel)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.event_chosen.connect(chosen)
    dialog.open()
    return dialog
