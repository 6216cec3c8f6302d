"""The visual timeline: lanes, marks, key episodes, axes, pictures without a window, zoom."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from pytestqt.qtbot import QtBot

from deepdive.demo import add_demo_case
from deepdive.domain.ages import BirthMonth
from deepdive.export.dates import export_offset, short_date
from deepdive.export.options import DateMode
from deepdive.services import Services
from deepdive.services.events import EventInfo, EventInput
from deepdive.ui.timeline.layout import build_layout
from deepdive.ui.timeline.painter import INK, TimelineFonts
from deepdive.ui.timeline.pane import PictureSource, TimelinePane
from deepdive.ui.timeline.picture import picture_layout, timeline_png, timeline_svg
from deepdive.ui.timeline.sources import from_infos, from_rows
from deepdive.ui.timeline.view import TimelineView


@pytest.fixture
def case_events(services: Services) -> tuple[int, list[EventInput]]:
    case = services.cases.create("DD-1", "Jay", birth="2004-05")
    items = [
        EventInput("2012-02-11", "police/justice", "Domestic incident", agency="Police"),
        EventInput("2016-03", "education", "Fixed-term exclusion", agency="Education"),
        EventInput("2017", "education", "Reduced timetable", agency="Education"),
        EventInput(
            "2018-06",
            "placement",
            "Out-of-area home",
            end="2018-08",
            agency="Police",
            key_episode=True,
        ),
        EventInput("2019-02-04", "hub support", "Key worker allocated", key_episode=True),
    ]
    services.events.add_many(case.id, items)
    return case.id, items


def test_lanes_marks_and_axes_follow_the_events(
    qtbot: QtBot, services: Services, case_events: tuple[int, list[EventInput]]
) -> None:
    case_id, _ = case_events
    events = from_rows(services.events.list_rows(case_id))
    layout, _fonts = picture_layout(
        events, width_px=1200, lanes="category", birth=BirthMonth(2004, 5), title="Jay"
    )
    assert [lane.title for lane in layout.lanes] == [
        "Placement",
        "Education",
        "Police/justice",
        "Hub support",
    ]
    assert len(layout.marks) == 5
    assert [m.kind for m in layout.marks].count("period") == 1
    assert {m.event.label for m in layout.key_marks} == {
        "Jun 2018 · Out-of-area home",
        "4 Feb 2019 · Key worker allocated",
    }
    assert len(layout.labels) == 2
    assert [t.label for t in layout.year_ticks] == [str(y) for y in range(2012, 2020)]
    assert layout.age_ticks[0].label == "8" and layout.age_ticks[-1].label == "14"
    # The year and the 2017 range: a dot in the middle of 2017 with the year's range.
    whole_year = next(m for m in layout.marks if m.event.label == "" and m.x2 - m.x1 > 50)
    assert whole_year.x == pytest.approx((whole_year.x1 + whole_year.x2) / 2)
    by_agency, _ = picture_layout(events, width_px=1200, lanes="agency", birth=None, title="")
    assert [lane.title for lane in by_agency.lanes] == [
        "Education",
        "Police",
        "No source recorded",
    ]
    assert by_agency.age_ticks == []


def test_the_png_shows_every_lane_and_outlined_key_diamonds(
    qtbot: QtBot, services: Services, case_events: tuple[int, list[EventInput]]
) -> None:
    case_id, _ = case_events
    case = services.cases.get(case_id)
    infos = services.events.list_events(case_id)
    image = QImage.fromData(timeline_png(case, infos, width_px=1500))
    assert image.width() == 1500 and image.height() > 300
    layout, _ = picture_layout(
        from_infos(infos),
        width_px=1500,
        lanes="category",
        birth=BirthMonth(2004, 5),
        title="Jay (DD-1) — chronology",
    )
    assert image.height() == round(layout.height)
    [point] = [m for m in layout.key_marks if m.kind == "point"]
    # A diamond (radius 8 at scale 1.25) with a dark outline around the lane's colour.
    outline = QColor(image.pixel(round(point.x - 8 * 1.25 + 1), round(point.y)))
    inside = QColor(image.pixel(round(point.x), round(point.y)))
    assert outline.lightness() < 90, outline.name()
    assert inside.saturation() > 60 and inside.lightness() > outline.lightness()
    for lane in layout.lanes:  # each lane has a colour swatch at the left
        swatch = QColor(image.pixel(round(10 * 1.25), round(lane.top + lane.height / 2)))
        assert swatch.saturation() > 60
    svg = timeline_svg(case, infos).decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Key worker allocated" in svg and "Hub support" in svg


def test_pictures_need_no_window_and_no_existing_application(tmp_path: Path) -> None:
    script = f"""
import os
os.environ.pop("QT_QPA_PLATFORM", None)
os.environ["DEEPDIVE_DATA_DIR"] = {str(tmp_path)!r}
from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
services = Services.for_workspace(open_workspace({str(tmp_path / "w.deepdive")!r}))
case = add_demo_case(services)
from deepdive.ui.timeline.picture import timeline_png, timeline_svg
png = timeline_png(case, services.events.list_events(case.id), lanes="agency")
svg = timeline_svg(case, services.events.list_events(case.id))
assert png[:8] == b"\\x89PNG\\r\\n\\x1a\\n" and b"<svg" in svg
assert not isinstance(QGuiApplication.instance(), QApplication)
print("ok", len(png))
"""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_zoom_pan_and_click_in_the_interactive_view(qtbot: QtBot, services: Services) -> None:
    demo = add_demo_case(services)
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1000, 520)
    view.show()
    qtbot.waitExposed(view)
    view.set_events(from_rows(services.events.list_rows(demo.id)), BirthMonth(2004, 5))
    full = view.time_window()
    view.zoom(0.5)
    start, end = view.time_window()
    assert end - start == pytest.approx((full[1] - full[0]) * 0.5)
    view.pan(-1.0)
    assert view.time_window()[0] == pytest.approx(full[0])  # never beyond the chronology
    view.fit()
    assert view.time_window() == full
    image = view.render_cache().toImage()
    assert image.width() >= 1000
    layout = view.current_layout()
    mark = layout.key_marks[0]
    with qtbot.waitSignal(view.event_clicked) as clicked:
        view.click_at(QPointF(mark.x, mark.y))
    assert clicked.args == [mark.event.id] and view.selected == mark.event.id
    assert view.click_at(QPointF(layout.left - 50, layout.height - 2)) is None


def _saved_pane(qtbot: QtBot, services: Services, case_id: int) -> TimelinePane:
    """A timeline pane showing the case, as the chronology sets it up."""
    case = services.cases.get(case_id)
    infos = services.events.list_events(case_id)
    pane = TimelinePane()
    qtbot.addWidget(pane)
    source = PictureSource(case, lambda: infos, infos[0].span.start)
    pane.set_events(from_infos(infos), BirthMonth(2004, 5), source)
    return pane


def _svg_words(path: Path) -> str:
    """Every text a saved SVG drawing shows, one per line."""
    root = ElementTree.parse(path).getroot()
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def test_saving_the_picture_as_png_and_svg(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    demo = add_demo_case(services)
    pane = _saved_pane(qtbot, services, demo.id)
    png = pane.save_picture(tmp_path / "timeline.png")
    svg = pane.save_picture(tmp_path / "timeline.svg")
    other = pane.save_picture(tmp_path / "timeline")
    assert QImage(str(png)).width() == 1800
    assert "<svg" in svg.read_text(encoding="utf-8")
    assert other.suffix == ".png" and other.exists()


def test_a_saved_picture_shows_dates_as_chosen_and_only_the_stretch_zoomed_in_on(
    qtbot: QtBot, services: Services, case_events: tuple[int, list[EventInput]], tmp_path: Path
) -> None:
    case_id, _ = case_events
    services.events.add(
        case_id,
        EventInput("2019-09-16", "health", "Nurse, 14 Sep 2019", key_episode=True),
    )
    pane = _saved_pane(qtbot, services, case_id)
    real = _svg_words(pane.save_picture(tmp_path / "real.svg"))
    assert "16 Sep 2019 · Nurse, 14 Sep 2019" in real
    assert "4 Feb 2019 · Key worker allocated" in real and "2016" in real.splitlines()

    shifted = _svg_words(pane.save_picture(tmp_path / "shifted.svg", DateMode.SHIFTED, 100))
    offset = export_offset(100)
    moved = date(2019, 2, 4) + timedelta(days=offset)
    assert f"{short_date(moved)} · Key worker allocated" in shifted
    for real_date in ("4 Feb 2019", "Jun 2018", "16 Sep 2019", "14 Sep 2019"):
        assert real_date not in shifted
    spec = pane.picture_spec(DateMode.SHIFTED, 100)
    assert set(spec.strings()) <= set(shifted.splitlines())  # the export's own spec, drawn
    nurse, seen = (date(2019, 9, d) + timedelta(days=offset) for d in (16, 14))
    assert f"{short_date(nurse)} · Nurse, {short_date(seen)}" in shifted

    ages = _svg_words(pane.save_picture(tmp_path / "ages.svg", DateMode.RELATIVE))
    assert "age 14y 9m · Key worker allocated" in ages
    assert re.search(r"\b(19|20)[0-9]{2}\b", ages) is None

    pane.view.zoom(0.25, at_x=None)  # the middle quarter: 2015 to 2017
    zoomed = pane.picture_spec()
    start, end = pane.view.time_window()
    shown = [e for e in services.events.list_events(case_id) if _meets(e, start, end)]
    assert 0 < len(zoomed.events) == len(shown) < 6


def _meets(event: EventInfo, start: float, end: float) -> bool:
    first = event.span.start.earliest().toordinal()
    last = (event.span.end or event.span.start).latest().toordinal()
    return last >= start and first <= end


def test_a_tall_chronology_squeezes_lanes_to_their_titles_and_keeps_every_number(
    qtbot: QtBot, services: Services
) -> None:
    demo = add_demo_case(services)
    events = from_rows(services.events.list_rows(demo.id))
    fonts = TimelineFonts.for_scale(TimelineView().font(), 1.0)
    roomy = build_layout(
        events,
        width=1200,
        height=None,
        window=None,
        mode="category",
        birth=None,
        metrics=fonts.metrics(1.0),
        measure=fonts.measure,
    )
    squeezed = build_layout(
        events,
        width=1200,
        height=260,
        window=None,
        mode="category",
        birth=None,
        metrics=fonts.metrics(1.0),
        measure=fonts.measure,
    )
    assert len(roomy.marks) == len(squeezed.marks) == 56
    assert len(squeezed.lanes) == len(roomy.lanes) == 12
    # Squeezed lanes keep every key episode's number, beside its mark, but no words.
    assert len(squeezed.labels) == len(squeezed.key_marks) == len(roomy.labels)
    assert not any(label.full for label in squeezed.labels)
    assert any(label.full for label in roomy.labels)
    # Squeezed lanes still have room for their titles: none touches the next one.
    title_height = QFontMetricsF(fonts.lane).height()
    assert all(lane.height >= title_height * 1.2 for lane in squeezed.lanes)
    tops = [lane.top for lane in squeezed.lanes]
    assert tops == sorted(tops) and squeezed.bottom <= squeezed.height
    assert INK.lightness() < 60
