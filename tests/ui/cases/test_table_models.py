"""The Qt table models behave as Qt views expect (pytest-qt's model tester)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from deepdive.services.results import CaseSummary, PersonInfo
from deepdive.ui.cases.case_filter import CaseFilterProxy
from deepdive.ui.cases.case_table_model import CaseTableModel, Column, friendly_time
from deepdive.ui.cases.people_model import PeopleTableModel

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _row(case_id: int, code: str, events: int = 0, archived: bool = False) -> CaseSummary:
    return CaseSummary(case_id, code, f"P{case_id}", "draft", archived, NOW, events, 1)


def test_case_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CaseTableModel()
    model.set_rows([_row(1, "A-1", 5), _row(2, "B-2", 12, archived=True)])
    qtmodeltester.check(model, force_py=True)
    model.upsert(_row(3, "C-3"))
    model.upsert(_row(1, "A-1", 6))
    model.remove(2)
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, Column.CODE).data() for r in range(model.rowCount())] == ["A-1", "C-3"]
    assert model.index(0, Column.EVENTS).data() == "6"


def test_counts_sort_as_numbers_not_text() -> None:
    model = CaseTableModel()
    model.set_rows([_row(1, "A", 9), _row(2, "B", 10), _row(3, "C", 100)])
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.EVENTS, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, Column.EVENTS).data() for r in range(3)] == ["9", "10", "100"]


def test_people_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    people = [
        PersonInfo(1, 1, "Mum", "parent", None, ""),
        PersonInfo(2, 1, "SW1", "social worker", "Police", ""),
    ]
    model = PeopleTableModel(lambda person_id, field, value: people[0])
    model.set_rows(people)
    qtmodeltester.check(model, force_py=True)


def test_last_changed_reads_naturally() -> None:
    # Noon where the test runs: the words are about the user's own day, in any time zone.
    noon = datetime(2026, 11, 26, 12).astimezone()
    assert friendly_time(noon - timedelta(minutes=5), noon) == "Today 11:55"
    assert friendly_time(noon - timedelta(days=1), noon) == "Yesterday"
    assert friendly_time(datetime(2024, 3, 3, 12).astimezone(), noon) == "3 Mar 2024"


def test_a_changed_case_moves_to_its_sorted_place_and_stays_selected(qtbot) -> None:  # type: ignore[no-untyped-def]
    from deepdive.ui.cases.case_list_panel import CaseListPanel

    panel = CaseListPanel()
    qtbot.addWidget(panel)
    older = [
        CaseSummary(n, f"DD-{n}", f"P{n}", "draft", False, NOW - timedelta(days=n), 0, 0)
        for n in range(1, 6)
    ]
    panel.set_cases(older)
    shown = [panel.proxy.index(r, Column.CODE).data() for r in range(5)]
    assert shown == ["DD-1", "DD-2", "DD-3", "DD-4", "DD-5"]  # most recently changed first
    panel.select_case(3)

    edited = CaseSummary(5, "DD-5", "P5", "final", False, NOW + timedelta(minutes=1), 2, 0)
    panel.model.upsert(edited)
    shown = [panel.proxy.index(r, Column.CODE).data() for r in range(5)]
    assert shown == ["DD-5", "DD-1", "DD-2", "DD-3", "DD-4"]
    assert panel.selected_case_id() == 3

    panel.table.sortByColumn(Column.CODE, Qt.SortOrder.DescendingOrder)
    shown = [panel.proxy.index(r, Column.CODE).data() for r in range(5)]
    assert shown == ["DD-5", "DD-4", "DD-3", "DD-2", "DD-1"]
    assert panel.selected_case_id() == 3


def test_case_list_columns_widen_with_a_larger_interface_font(qtbot, qapp, appearance) -> None:  # type: ignore[no-untyped-def]
    from deepdive.ui.cases.case_list_panel import CaseListPanel
    from deepdive.ui.widgets.preferences import Theme

    panel = CaseListPanel()
    qtbot.addWidget(panel)
    panel.set_cases([_row(1, "DD-2019-014")])
    panel.show()
    before = panel.table.columnWidth(Column.CODE)
    try:
        appearance.apply(Theme.LIGHT, qapp.font().pointSizeF() * 2)
        qtbot.waitUntil(lambda: panel.table.columnWidth(Column.CODE) > before * 1.5)
        code_width = panel.table.fontMetrics().horizontalAdvance("DD-2019-014")
        assert panel.table.columnWidth(Column.CODE) > code_width
    finally:
        appearance.apply(Theme.SYSTEM, 0)
