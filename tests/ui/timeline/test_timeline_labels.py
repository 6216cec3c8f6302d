"""Key episode labels that never overlap and are never cut short, on screen and in pictures."""

from __future__ import annotations

import random
from itertools import combinations
from pathlib import Path

import docx
import pytest
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deepdive.demo import add_demo_case
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.export import (
    ExportOptions,
    TimelineSpec,
    assemble_case_study,
    export_case_study,
    study_timeline_spec,
)
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.timeline.labels import full_text, key_numbers
from deepdive.ui.timeline.layout import TimelineEvent, TimelineLayout, build_layout
from deepdive.ui.timeline.painter import TimelineFonts
from deepdive.ui.timeline.pane import TimelinePane
from deepdive.ui.timeline.picture import picture_layout, spec_layout, spec_png
from deepdive.ui.timeline.sources import from_infos

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def many_events(services: Services, count: int = 500) -> list[TimelineEvent]:
    """A long chronology: ``count`` events over 16 years, one in eight a key episode."""
    case = services.cases.create("DD-LONG", "Jay", birth="2004-05")
    chance = random.Random(16)
    items = []
    for n in range(count):
        day = f"{2005 + n * 16 // count}-{chance.randint(1, 12):02d}-{chance.randint(1, 28):02d}"
        words = " ".join(
            chance.choice(("school", "visit", "moved", "review", "Nan"))
            for _ in range(chance.randint(3, 14))
        )
        items.append(
            EventInput(day, CATEGORIES[n % 7], f"Event {n}: {words}.", key_episode=n % 8 == 0)
        )
    services.events.add_many(case.id, items)
    return from_infos(services.events.list_events(case.id))


def check_labels(layout: TimelineLayout, fonts: TimelineFonts, events: list[TimelineEvent]) -> None:
    """No two labels touch; every key episode in view is numbered; none is cut short."""
    height = QFontMetricsF(fonts.label).height()
    boxes = [(label.x, label.y, label.x + label.width, label.y + height) for label in layout.labels]
    for a, b in combinations(boxes, 2):
        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert apart, f"labels overlap: {a} and {b}"
    assert all(layout.left - 1 <= box[0] and box[2] <= layout.width for box in boxes)
    numbers = key_numbers(events)
    labelled = {label.event_id: label for label in layout.labels}
    assert set(labelled) == {mark.event.id for mark in layout.key_marks}
    by_id = {e.id: e for e in events}
    listed = {entry.number: " ".join(entry.lines) for entry in layout.key}
    for event_id, label in labelled.items():
        event = by_id[event_id]
        assert label.number == numbers[event_id]
        whole = full_text(label.number, event.label)
        assert "…" not in whole
        if label.full:
            assert label.text == whole
        else:
            assert label.text == str(label.number)
            if layout.key or listed:
                assert listed[label.number] == whole  # the whole label, in the key


@pytest.mark.parametrize("width", [1800, 1200])
def test_the_demo_pictures_labels_never_overlap_and_every_key_episode_is_labelled(
    qtbot: QtBot, services: Services, width: int
) -> None:
    case = add_demo_case(services)
    events = from_infos(services.events.list_events(case.id))
    layout, fonts = picture_layout(
        events, width_px=width, lanes="category", birth=None, title="Jay"
    )
    check_labels(layout, fonts, events)
    assert len(layout.labels) == sum(e.key for e in events) == 9
    assert any(label.full for label in layout.labels)
    assert layout.key  # what does not fit in full is in the numbered key under the chart


def test_a_500_event_chronology_keeps_its_labels_apart_on_screen_and_in_a_picture(
    qtbot: QtBot, services: Services
) -> None:
    events = many_events(services)
    assert sum(e.key for e in events) == 63
    layout, fonts = picture_layout(events, width_px=1800, lanes="category", birth=None, title="Jay")
    check_labels(layout, fonts, events)
    screen_fonts = TimelineFonts.for_screen(QFont(QApplication.font()), 1.0)
    for width, height in ((900, 500), (1300, 700), (1300, 260)):
        screen = build_layout(
            events,
            width=width,
            height=height,
            window=None,
            mode="category",
            birth=None,
            metrics=screen_fonts.metrics(1.0),
            measure=screen_fonts.measure,
        )
        check_labels(screen, screen_fonts, events)


def test_a_zoomed_view_numbers_key_episodes_as_the_whole_chronology_does(
    qtbot: QtBot, services: Services
) -> None:
    events = many_events(services)
    fonts = TimelineFonts.for_screen(QFont(QApplication.font()), 1.0)
    first, last = min(e.first for e in events), max(e.last for e in events)
    window = (first + (last - first) * 0.4, first + (last - first) * 0.6)
    zoomed = build_layout(
        events,
        width=1200,
        height=600,
        window=window,
        mode="category",
        birth=None,
        metrics=fonts.metrics(1.0),
        measure=fonts.measure,
    )
    numbers = key_numbers(events)
    assert zoomed.labels and all(label.number == numbers[label.event_id] for label in zoomed.labels)
    assert min(label.number for label in zoomed.labels) > 1
    check_labels(zoomed, fonts, events)


def test_the_exported_timeline_has_a_landscape_page_with_text_of_8_points_or_more(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    case = add_demo_case(services)
    drawn: list[TimelineSpec] = []

    def drawer(spec: TimelineSpec) -> bytes:
        drawn.append(spec)
        return spec_png(spec)

    out = tmp_path / "study.docx"
    export_case_study(services, case.code, out, timeline_png=drawer)
    document = docx.Document(str(out))
    body = document.element.body
    breaks = body.findall(f"{W}p/{W}pPr/{W}sectPr")
    assert len(breaks) == 2
    portrait, landscape = (b.find(f"{W}pgSz") for b in breaks)
    final = body.find(f"{W}sectPr").find(f"{W}pgSz")
    assert landscape.get(f"{W}orient") == "landscape"
    assert int(landscape.get(f"{W}w")) > int(landscape.get(f"{W}h"))
    assert (
        int(portrait.get(f"{W}w")) < int(portrait.get(f"{W}h")) and final.attrib == portrait.attrib
    )
    # The picture fills the landscape page's width, between the two breaks.
    children = list(body)
    first, second = (children.index(b.getparent().getparent()) for b in breaks)
    [extent] = [e for child in children[first:second] for e in child.iter(f"{WP}extent")]
    section = document.sections[1]
    width = section.page_width - section.left_margin - section.right_margin
    assert abs(int(extent.get("cx")) - width) < 635 * 20
    # Its smallest text prints at 8 points or more.
    [spec] = drawn
    # The app draws the picture ahead, on its GUI thread, from this very spec.
    options = ExportOptions()
    assert study_timeline_spec(assemble_case_study(services, case.code, options), options) == spec
    layout, fonts = spec_layout(spec)
    inches = int(extent.get("cx")) / 914400
    smallest = min(f.pixelSize() for f in (fonts.small, fonts.label, fonts.lane, fonts.number))
    assert smallest * inches / layout.width * 72 >= 8
    # Every key episode is numbered, with its whole label in the table under the picture.
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "No.")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [(int(n), f"{when} · {words}") for n, when, words in rows] == [
        (n, e.label) for n, e in spec.numbered()
    ]
    assert len(rows) == 9 and not any("…" in words for _n, _when, words in rows)


def test_the_pane_lists_every_key_episode_in_full_and_a_click_selects_it(
    qtbot: QtBot, services: Services
) -> None:
    case = add_demo_case(services)
    events = from_infos(services.events.list_events(case.id))
    pane = TimelinePane()
    qtbot.addWidget(pane)
    pane.resize(900, 600)
    pane.show()
    pane.set_events(events, None, None)
    numbers = key_numbers(events)
    model = pane.key_model
    listed = [model.index(row).data() for row in range(model.rowCount())]
    by_number = sorted((n, e) for e in events if e.key for n in (numbers[e.id],))
    assert listed == [full_text(n, e.label) for n, e in by_number]
    chosen: list[int] = []
    pane.event_clicked.connect(chosen.append)
    third = model.index(2)
    pane.key_list.clicked.emit(third)
    assert chosen == [by_number[2][1].id] and pane.view.selected == by_number[2][1].id
    assert pane.present_button.text() == "Show on projector"
