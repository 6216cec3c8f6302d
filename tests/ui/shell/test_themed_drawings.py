"""The timeline and the learning charts follow the theme on screen, print light on paper.

And they stay readable at 200% interface font size: lane titles never touch, the
Learning view's date boxes stay date-sized, the Outcomes tab never scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from learning_workspace import build
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deepdive.demo import add_demo_case
from deepdive.domain.ages import BirthMonth
from deepdive.services import Services
from deepdive.services.learning import LearningFilter
from deepdive.services.learning_charts import learning_charts
from deepdive.ui.learning.chart_picture import render_chart
from deepdive.ui.learning.chart_widget import ChartWidget
from deepdive.ui.learning.view import LearningView
from deepdive.ui.outcomes.panel import OutcomesPanel
from deepdive.ui.shell.style import Appearance
from deepdive.ui.timeline.colours import contrast_ratio
from deepdive.ui.timeline.pane import PictureSource, TimelinePane
from deepdive.ui.timeline.picture import timeline_png
from deepdive.ui.timeline.sources import from_rows
from deepdive.ui.widgets.preferences import Theme

TAB_WIDTH = 760  # a 1280 px window less the case list


@pytest.fixture
def dark(appearance: Appearance) -> Iterator[None]:
    appearance.apply(Theme.DARK, 0)
    yield
    appearance.apply(Theme.SYSTEM, 0)


@pytest.fixture
def double_font(qapp: QApplication, appearance: Appearance) -> Iterator[None]:
    points = qapp.font().pointSizeF()
    appearance.apply(Theme.LIGHT, points * 2)  # Preferences: interface font 200%
    yield
    appearance.apply(Theme.SYSTEM, 0)


def _pixel(image: QImage, x: float, y: float) -> QColor:
    return QColor(image.pixel(round(x), round(y)))


def _timeline(qtbot: QtBot, services: Services) -> tuple[TimelinePane, int]:
    demo = add_demo_case(services)
    pane = TimelinePane()
    qtbot.addWidget(pane)
    pane.resize(1000, 420)
    pane.show()
    qtbot.waitExposed(pane)
    infos = services.events.list_events(demo.id)
    source = PictureSource(demo, lambda: infos, infos[0].span.start)
    pane.set_events(from_rows(services.events.list_rows(demo.id)), BirthMonth(2004, 5), source)
    return pane, demo.id


def test_the_timeline_is_dark_on_screen_in_the_dark_theme_and_light_in_pictures(
    qtbot: QtBot, services: Services, dark: None, tmp_path: Path
) -> None:
    pane, case_id = _timeline(qtbot, services)
    view = pane.view
    image = view.render_cache().toImage()
    layout = view.current_layout()
    palette = view.palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    assert base.lightness() < 60  # the theme really is dark
    # The ground between the title and the first lane is the palette's own.
    assert _pixel(image, layout.width - 4, 3) == base
    colours = view.colours()
    assert colours.background == base and colours.ink == text
    assert contrast_ratio(colours.ink, colours.band) >= 4.5  # lane titles: WCAG AA
    assert contrast_ratio(colours.quiet, colours.band) >= 4.5  # axis captions
    for index in range(len(colours.lanes)):  # every domain's marks stand out
        assert contrast_ratio(colours.lane(index), colours.band) >= 3.0
    hues = {colours.lane(index).name() for index in range(len(colours.lanes))}
    assert len(hues) == len(colours.lanes)  # and can still be told apart

    # The picture for a document or a file stays light, whatever the theme.
    case = services.cases.get(case_id)
    picture = QImage.fromData(timeline_png(case, services.events.list_events(case_id)))
    assert _pixel(picture, picture.width() - 4, 3).lightness() > 240
    saved = QImage(str(pane.save_picture(tmp_path / "timeline.png")))  # "Save picture…"
    assert _pixel(saved, saved.width() - 4, 3).lightness() > 240


def test_the_timeline_follows_a_theme_change_while_open(
    qtbot: QtBot, services: Services, appearance: Appearance
) -> None:
    pane, _case = _timeline(qtbot, services)
    view = pane.view
    light = _pixel(view.render_cache().toImage(), view.width() - 4, 3)
    try:
        appearance.apply(Theme.DARK, 0)
        dark = _pixel(view.render_cache().toImage(), view.width() - 4, 3)
    finally:
        appearance.apply(Theme.SYSTEM, 0)
    assert light.lightness() > 200 and dark.lightness() < 60


def test_lane_titles_have_room_at_200_percent(
    qtbot: QtBot, services: Services, double_font: None
) -> None:
    pane, _case = _timeline(qtbot, services)
    view = pane.view
    layout = view.current_layout()
    fonts = view._fonts()
    title_height = QFontMetricsF(fonts.lane).height()
    # The titles grew with the interface font, and every lane is taller than its title.
    assert title_height >= 2 * QFontMetricsF(_font_of(13)).height() * 0.9
    assert len(layout.lanes) == 12
    for lane in layout.lanes:
        assert lane.height >= title_height * 1.2, lane.title
    # There is not room for all that in 420 px: the timeline scrolls rather than squeezes.
    assert view.height() >= layout.lanes[-1].top + layout.lanes[-1].height
    assert pane.scroller.verticalScrollBar().maximum() > 0


def _font_of(pixels: int) -> QFont:
    """The application font at ``pixels`` (the timeline's lane titles at 100%)."""
    font = QApplication.font()
    font.setPixelSize(pixels)
    return font


def test_charts_are_dark_on_screen_in_the_dark_theme_and_light_when_exported(
    qtbot: QtBot, services: Services, dark: None
) -> None:
    build(services)
    chart = learning_charts(services.learning.summary(LearningFilter()), None)[1]
    widget = ChartWidget()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.set_chart(chart)
    widget.show()
    qtbot.waitExposed(widget)
    shown = widget.grab().toImage()
    base = widget.palette().color(QPalette.ColorRole.Base)
    assert _pixel(shown, 3, 3) == base and base.lightness() < 60
    colours = widget.colours()
    assert contrast_ratio(colours.ink, colours.background) >= 4.5
    assert contrast_ratio(colours.muted, colours.background) >= 4.5
    assert all(contrast_ratio(c, colours.background) >= 3.0 for c in colours.series)
    exported, bars = render_chart(chart)
    assert _pixel(exported, 3, 3).lightness() > 240
    assert bars  # and the exported bars are drawn in their usual colours
    bar = max(bars, key=lambda b: b.height())
    assert _pixel(exported, bar.center().x(), bar.bottom() - 2).saturation() > 60


def test_learning_date_boxes_are_date_sized_and_the_headline_is_a_sentence(
    qtbot: QtBot, services: Services
) -> None:
    services.cases.create("DD-1", "Jay")  # one case: "Fewer than 5 cases"
    view = LearningView(services)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    bar = view.filter_bar
    date_width = bar.fontMetrics().horizontalAdvance("from, e.g. 2024-04")
    for box in (bar.from_edit, bar.to_edit):
        assert date_width <= box.width() <= date_width * 1.6
    assert bar.tags_edit.width() > bar.from_edit.width()
    headline = view.headline.text()
    assert headline.startswith("Fewer than 5 cases"), headline


def test_the_outcomes_tab_fits_a_laptop_window_without_scrolling_sideways(
    qtbot: QtBot, services: Services
) -> None:
    panel = _outcomes(qtbot, services)
    assert panel.grid.wide  # one line per domain, with column headings
    assert panel._scroll.widget().minimumSizeHint().width() <= TAB_WIDTH
    _assert_inside(panel)
    combo = panel.rows[next(iter(panel.rows))].start.combo
    assert combo is not None and combo.width() < 240  # not stretched across the tab


def test_the_outcomes_tab_at_200_percent_scrolls_down_not_sideways(
    qtbot: QtBot, services: Services, double_font: None
) -> None:
    panel = _outcomes(qtbot, services)
    assert not panel.grid.wide  # a name, then "At the start", then "Latest"
    assert panel._scroll.widget().minimumSizeHint().width() <= TAB_WIDTH
    _assert_inside(panel)
    row = next(iter(panel.rows.values()))
    assert row.start_caption.isVisible() and row.latest_caption.isVisible()
    date = row.start_on
    assert date.width() >= date.fontMetrics().horizontalAdvance("dd/mm/yyyy")


def _outcomes(qtbot: QtBot, services: Services) -> OutcomesPanel:
    case = services.cases.create("DD-2019-014", "Jay")
    panel = OutcomesPanel(services)
    qtbot.addWidget(panel)
    panel.resize(TAB_WIDTH, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_case(services.cases.get(case.id))
    QApplication.processEvents()
    return panel


def _assert_inside(panel: OutcomesPanel) -> None:
    """Every field and heading can be seen whole within the tab's width."""
    viewport = panel._scroll.viewport()
    right = viewport.width()
    for row in panel.rows.values():
        for widget in (row.label, *row.focus_chain()):
            corner = widget.mapTo(viewport, widget.rect().topRight())
            assert corner.x() <= right, (row.domain, widget)
