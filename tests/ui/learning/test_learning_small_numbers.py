"""The Learning view hides small numbers as the report does: on the demo programme,
narrowed by a filter to fewer than five cases, and where a hidden figure is part of a
total the screen shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from demo_programme import copy_of, programme_workspace_file
from pytestqt.qtbot import QtBot
from suppression_reader import pinned

from deepdive.services import Services
from deepdive.services.learning_charts import BarChart
from deepdive.ui.learning.chart_picture import chart_svg, render_chart
from deepdive.ui.learning.view import LearningView

SMALL = re.compile(r"(?<![\d<])[1-4](?!\d)")  # a lone 1 to 4: a small count shown


@pytest.fixture(scope="module")
def programme_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return programme_workspace_file(tmp_path_factory.mktemp("programme"))


@pytest.fixture
def programme(programme_file: Path, tmp_path: Path) -> Iterator[Services]:
    services = copy_of(programme_file, tmp_path)
    yield services
    services.close()


def _view(qtbot: QtBot, services: Services) -> LearningView:
    view = LearningView(services)
    qtbot.addWidget(view)
    view.show()
    return view


def _narrow(view: LearningView, tags: str) -> None:
    view.filter_bar.tags_edit.setText(tags)
    view.filter_bar.tags_edit.editingFinished.emit()


def _cells(view: LearningView) -> list[list[str]]:
    model = view.theme_table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _charts(view: LearningView) -> dict[str, BarChart]:
    charts = {}
    for key, widget in view.chart_tabs.widgets.items():
        assert widget.chart is not None
        charts[key] = widget.chart
    return charts


def test_a_filter_of_fewer_than_five_cases_shows_no_small_number(
    qtbot: QtBot, programme: Services
) -> None:
    view = _view(qtbot, programme)
    _narrow(view, "child sexual exploitation")  # two of the demo programme's young people
    assert view.summary is not None and view.summary.cases == 2
    rows = _cells(view)
    assert rows and all(row[1:] == ["fewer than 5"] * 3 for row in rows)
    # By name: in counted order they would say which theme is in more of the cases.
    names = [row[0] for row in rows]
    assert names == sorted(names, key=str.casefold)
    headline = view.headline.text()
    assert headline.startswith("Fewer than 5 cases · ")
    assert "edge of care: fewer than 5 young people, too few to report" in headline
    assert "missing episodes: measured for fewer than 5 young people, too few to report" in (
        headline
    )
    # Nothing but the theme count (a count of themes, not of people) is a number.
    assert SMALL.findall(headline.replace(f"{len(view.summary.themes)} themes", "")) == []
    for key in ("themes", "placements", "edge_of_care", "missing"):
        chart = _charts(view)[key]
        # In the order drawn: each category's bars, one a series.
        values = [s.values[c] for c in range(len(chart.categories)) for s in chart.series]
        assert all(v in (None, 0) for v in values), (key, values)
        assert SMALL.findall(chart.alt) == [], chart.alt
        assert view.chart_tabs.widgets[key].toolTip() == chart.alt
        # Hidden bars are drawn as stubs of one height: their length says nothing.
        _image, bars = render_chart(chart, 800)
        stubs = {round(b.height()) for b, v in zip(bars, values, strict=True) if v is None}
        assert len(stubs) <= 1
    # No axis figures either: beside hidden stubs they would seem to give them a size.
    drawn = re.findall(r">\s*([^<]*?)\s*</text>", chart_svg(_charts(view)["placements"]).decode())
    assert "&lt;5" in drawn and not set(drawn) & {"1", "2", "3", "4"}, drawn
    # The items behind a hidden count would count it: none are listed.
    view.theme_table.selectRow(0)
    assert view.occurrences.rowCount() == 0
    assert "is in fewer than 5 cases: untick “Hide figures”" in view.behind_label.text()
    view.hide_small.setChecked(False)
    assert view.occurrences.rowCount() > 0
    assert "2 cases" in view.headline.text()


def test_a_hidden_accommodation_figure_cannot_be_worked_out_from_the_chart(
    qtbot: QtBot, programme: Services, tmp_path: Path
) -> None:
    view = _view(qtbot, programme)
    assert view.summary is not None and view.summary.cases == 13
    placements = _charts(view)["placements"]
    hidden = 0
    for column, series in enumerate(placements.series):
        texts = [
            str(v) if v is not None else ("fewer than 5" if label == "<5" else "not shown")
            for v, label in zip(series.values, series.hidden, strict=True)
        ]
        total = sum(getattr(row, ("at_start", "now")[column]) for row in view.summary.placements)
        assert pinned(texts, total) == [], texts
        hidden += texts.count("fewer than 5")
    assert hidden  # the demo programme has small groups in both columns
    # The edge-of-care chart: 8 of 10 stayed; the 2 who did not are "<5", so the 8 goes
    # too and its bar says why, not "<5" (which would not be true).
    edge = _charts(view)["edge_of_care"]
    assert edge.series[0].values == (None, None)
    assert edge.series[0].hidden == ("hidden", "<5")
    assert "all but fewer than 5 of 10 stayed at home or with family" in view.headline.text()
    view.chart_tabs.setCurrentIndex(2)
    view.chart_tabs.currentWidget().grab().save(str(tmp_path / "edge.png"))
    assert (tmp_path / "edge.png").stat().st_size > 0


def test_the_theme_chart_names_every_theme_in_full_beside_its_bar(
    qtbot: QtBot, programme: Services
) -> None:
    view = _view(qtbot, programme)
    themes = view.charts(for_export=True)[0]
    assert themes.key == "themes" and themes.horizontal
    assert "Missed education and unsupervised time" in themes.categories
    image, bars = render_chart(themes, 1600)
    assert image.height() > image.width() * 0.56  # taller than the others: room per name
    # Bars run across, their lengths in proportion (12 cases against 5).
    assert all(b.height() < b.width() for b in bars)
    counts = [v for v in themes.series[0].values if v is not None]
    assert round(bars[0].width() / bars[-1].width(), 1) == round(counts[0] / counts[-1], 1)
    svg = chart_svg(themes).decode("utf-8")
    assert "…" not in svg
    for name in themes.categories:
        assert all(word in svg for word in name.split()), name


@pytest.mark.parametrize(("largest", "step"), [(4, 1), (5, 2), (12, 3), (20, 5), (107, 30)])
def test_the_axis_reaches_just_past_the_longest_bar(largest: int, step: int) -> None:
    from deepdive.ui.learning.chart_style import axis_step

    assert axis_step(largest) == step
