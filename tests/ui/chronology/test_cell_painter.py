"""What the chronology table draws: key episodes stand out, the selection shows, long
text is cut with "…" and never spills into the next column."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette
from pytestqt.qtbot import QtBot

from deepdive.domain.ages import BirthMonth
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.chronology.cell_painter import KEY_LIGHT
from deepdive.ui.chronology.table_model import ChronologyModel, Column
from deepdive.ui.chronology.table_view import ChronologyTable

LONG = "Jay was seen at home by the social worker " * 12


@pytest.fixture
def table(qtbot: QtBot, services: Services, tmp_path: Path) -> ChronologyTable:
    case = services.cases.create("DD-1", "Jay", birth="2004-05")
    services.events.add_many(
        case.id,
        [
            EventInput("2016-01-05", "education", "An ordinary day at school"),
            EventInput("2017-02-06", "placement", "Moved to Nan's", key_episode=True),
            EventInput("2018-03-07", "health", LONG),
        ],
    )
    model = ChronologyModel()
    model.set_rows(services.events.list_rows(case.id), BirthMonth(2004, 5), {})
    settings = QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat)
    view = ChronologyTable(model, settings)
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def row_colour(image: QImage, table: ChronologyTable, row: int, column: Column) -> QColor:
    rect = table.visualRect(table.model().index(row, column))
    # A point in the cell's right-hand end, past any text.
    return image.pixelColor(rect.right() - 2, rect.top() + 2)


def test_key_episodes_stand_out_and_the_selection_shows(table: ChronologyTable) -> None:
    table.selectRow(2)
    image = table.viewport().grab().toImage()
    assert row_colour(image, table, 1, Column.AGE) == KEY_LIGHT
    highlight = table.palette().color(QPalette.ColorRole.Highlight)
    assert row_colour(image, table, 2, Column.AGE) == highlight
    base = table.palette().color(QPalette.ColorRole.Base)
    assert row_colour(image, table, 0, Column.AGE) == base


def test_long_text_is_cut_to_the_column_with_an_ellipsis(table: ChronologyTable) -> None:
    painter = table.cell_painter
    metrics = QFontMetrics(table.font())
    text = table.model().index(2, Column.DESCRIPTION).data()
    assert len(text) > 100
    for width in (60, 150, 400):
        shown = painter._fit(text, width, False, metrics)
        assert shown.endswith("…")
        assert metrics.horizontalAdvance(shown) <= width
        assert text.startswith(shown[:-1].rstrip())
    assert painter._fit("Moved to Nan's", 400, False, metrics) == "Moved to Nan's"
    # Nothing of the text is drawn past its cell: the cell to its right stays clear.
    table.setColumnHidden(Column.PEOPLE, False)
    table.horizontalHeader().moveSection(
        table.horizontalHeader().visualIndex(Column.PEOPLE),
        table.horizontalHeader().visualIndex(Column.DESCRIPTION) + 1,
    )
    table.setColumnWidth(Column.PEOPLE, 120)
    image = table.viewport().grab().toImage()
    people = table.visualRect(table.model().index(2, Column.PEOPLE))
    colours = {
        image.pixelColor(x, y).name()
        for x in range(people.left() + 1, people.right())
        for y in range(people.top() + 1, people.bottom())
    }
    assert len(colours) == 1  # an empty cell: no letters spilled into it


def ink_rows(image: QImage, rect: object, background: QColor) -> list[int]:
    """The pixel rows of a cell that have any text drawn on them."""
    return [
        y
        for y in range(rect.top() + 1, rect.bottom())  # type: ignore[attr-defined]
        if any(
            image.pixelColor(x, y) != background
            for x in range(rect.left() + 4, rect.right() - 4)  # type: ignore[attr-defined]
        )
    ]


def test_what_happened_wraps_onto_two_lines_when_rows_are_tall_enough(
    table: ChronologyTable, tmp_path: Path
) -> None:
    painter = table.cell_painter
    metrics = QFontMetrics(table.font())
    text = table.model().index(2, Column.DESCRIPTION).data()
    first, second = painter._fit_two(text, 300, metrics)
    assert text.startswith(first) and text[len(first)] == " "  # broken between words
    assert metrics.horizontalAdvance(first) <= 300
    assert second.endswith("…") and metrics.horizontalAdvance(second) <= 300
    assert text.startswith(f"{first} {second[:-1]}".rstrip())

    one_line = table.rowHeight(0)
    base = table.palette().color(QPalette.ColorRole.Base)
    cell = table.visualRect(table.model().index(0, Column.DESCRIPTION))
    single = ink_rows(table.viewport().grab().toImage(), cell, base)
    table.set_two_lines(True)
    assert table.rowHeight(0) >= one_line + metrics.lineSpacing() - 2
    image = table.viewport().grab().toImage()
    cell = table.visualRect(table.model().index(0, Column.DESCRIPTION))
    tall = ink_rows(image, cell, base)
    assert max(single) - min(single) < metrics.lineSpacing()  # a short text: one line
    long_cell = table.visualRect(table.model().index(2, Column.DESCRIPTION))
    stripe = table.palette().color(QPalette.ColorRole.AlternateBase)
    lines = ink_rows(image, long_cell, stripe)
    assert max(lines) - min(lines) > metrics.lineSpacing()  # the long one: two lines
    assert tall
    settings = QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat)
    assert settings.value("chronology/two_lines") in (True, "true")  # remembered
