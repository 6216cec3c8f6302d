"""Telling a table's cell editor from a field of its own.

An item view makes a line edit to edit one cell and deletes it when the edit ends,
often while events for it are still being delivered. Watchers that attach themselves
to fields (spelling, the privacy checks) leave cell editors alone: the tables check
their cells themselves (:mod:`deepdive.ui.privacy.cell_fixes`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QWidget


def is_cell_editor(widget: QWidget) -> bool:
    """Whether ``widget`` is (inside) the editor of an item view's cell."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False
