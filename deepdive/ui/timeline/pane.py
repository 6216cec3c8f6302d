"""The timeline with its controls: lanes by domain or source, zoom, save, show on projector.

"Show on projector" opens the timeline full screen (on the second screen when there is
one), drawn larger; clicking an event there selects it in the chronology too. Escape
closes it. Under the chart, the numbered key practice episodes are listed in full.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from math import floor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QLabel,
    QListView,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.ages import BirthMonth
from deepdive.domain.dates import FuzzyDate
from deepdive.errors import DeepDiveError
from deepdive.files.atomic import write_bytes_atomically
from deepdive.files.kinds import FileKind
from deepdive.services.events import EventInfo
from deepdive.services.results import CaseDetail
from deepdive.ui.learning.flow_layout import FlowLayout
from deepdive.ui.timeline.key_list import EVENT_ID_ROLE, KeyEpisodesModel
from deepdive.ui.timeline.layout import LANES_BY_AGENCY, LANES_BY_CATEGORY, TimelineEvent
from deepdive.ui.timeline.presenter_window import PresenterWindow
from deepdive.ui.timeline.view import Summary, TimelineView

if TYPE_CHECKING:  # the export package loads only when a picture is saved
    from deepdive.export.options import DateMode
    from deepdive.export.timeline_spec import TimelineSpec as Spec
    from deepdive.privacy.leakcheck import LeakReport

PICTURE_WIDTH = 1800


class PictureError(DeepDiveError):
    """The picture could not be written."""


@dataclass(frozen=True)
class PictureSource:
    """What a saved picture is drawn from: the case and the events in view, as stored."""

    case: CaseDetail
    events: Callable[[], Sequence[EventInfo]]
    first: FuzzyDate | None
    """The chronology's first event: ages count from it when no birth month is known
    (as in an export of the whole case)."""


class TimelinePane(QWidget):
    """The timeline view under a row of controls."""

    event_clicked = Signal(int)
    status = Signal(str)
    picture_saved = Signal(Path, str)  # the file, and the leak check's verdict for the log
    walk_requested = Signal()  # walk the chronology event by event on the projector

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = TimelineView(self)
        self.lanes = QComboBox(self)
        self.lanes.setAccessibleName(self.tr("Timeline lanes"))
        self.lanes.addItem(self.tr("Lanes by domain"), LANES_BY_CATEGORY)
        self.lanes.addItem(self.tr("Lanes by source agency"), LANES_BY_AGENCY)
        self.zoom_in = self._button(self.tr("Zoom in"), self.tr("Zoom in (+)"))
        self.zoom_out = self._button(self.tr("Zoom out"), self.tr("Zoom out (-)"))
        self.show_all = self._button(self.tr("Show all"), self.tr("Show the whole chronology (0)"))
        self.save_button = self._button(self.tr("Save picture…"), self.tr("Save as PNG or SVG"))
        self.present_button = self._button(
            self.tr("Show on projector"),
            self.tr("Show the timeline full screen, on the projector when there is one"),
        )
        self.walk_button = self._button(
            self.tr("Walk event by event…"),
            self.tr("Walk the chronology one event at a time on the projector"),
        )
        caption = QLabel(self.tr("Timeline"), self)
        caption.setObjectName("sectionHeading")
        # The controls wrap onto a second line when the pane is narrow (beside the event
        # editor on a laptop screen), rather than holding the pane wide.
        bar = FlowLayout(spacing=6)
        for widget in (
            caption,
            self.lanes,
            self.zoom_in,
            self.zoom_out,
            self.show_all,
            self.save_button,
            self.present_button,
            self.walk_button,
        ):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        # With many lanes or a large font the timeline is taller than its room: it
        # scrolls up and down rather than squeezing lane titles into each other.
        self.scroller = QScrollArea(self)
        self.scroller.setWidget(self.view)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.key_model = KeyEpisodesModel(self)
        self.key_list = QListView(self)
        self.key_list.setModel(self.key_model)
        self.key_list.setAccessibleName(self.tr("Key practice episodes, by number"))
        self.key_list.setWordWrap(True)
        self.key_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.key_list.clicked.connect(self._on_key_chosen)
        self.key_list.activated.connect(self._on_key_chosen)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.scroller)
        split.addWidget(self.key_list)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(True)
        split.setSizes([1000, 120])  # the chart first; the list a few lines tall
        self.key_list.setMinimumHeight(40)
        layout.addWidget(split, 1)
        self._source: PictureSource | None = None
        self._mode_chosen: DateMode | None = None
        self._presenter: PresenterWindow | None = None

        self.lanes.currentIndexChanged.connect(lambda _i: self._set_mode(self.lanes.currentData()))
        self.zoom_in.clicked.connect(lambda: self.view.zoom(0.7))
        self.zoom_out.clicked.connect(lambda: self.view.zoom(1 / 0.7))
        self.show_all.clicked.connect(self.view.fit)
        self.save_button.clicked.connect(self.choose_picture_file)
        self.present_button.clicked.connect(self.present)
        self.walk_button.clicked.connect(self.walk_requested)
        self.view.event_clicked.connect(self.event_clicked)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def set_events(
        self,
        events: list[TimelineEvent],
        birth: BirthMonth | None,
        source: PictureSource | None,
        keep_window: bool = False,
    ) -> None:
        """Draw these events; a saved picture is drawn from ``source`` (the same events
        as stored, with their case)."""
        self._source = source
        self.view.set_events(events, birth, keep_window)
        self.key_model.set_events(events)
        self.key_list.setVisible(self.key_model.rowCount() > 0)
        if self._presenter is not None:
            self._presenter.view.set_events(events, birth, keep_window=True)

    def _on_key_chosen(self, index: QModelIndex) -> None:
        event_id = index.data(EVENT_ID_ROLE)
        if isinstance(event_id, int):
            self.view.select_event(event_id)
            self.event_clicked.emit(event_id)

    def set_summary(self, summary: Summary) -> None:
        """How hovering describes an event."""
        self.view.set_summary(summary)

    def select_event(self, event_id: int | None) -> None:
        """Ring the event chosen in the table."""
        self.view.select_event(event_id)
        if self._presenter is not None:
            self._presenter.view.select_event(event_id)

    def set_mode(self, mode: str) -> None:
        """Lanes by "category" or "agency"."""
        self.lanes.setCurrentIndex(max(0, self.lanes.findData(mode)))

    def _set_mode(self, mode: str) -> None:
        self.view.set_mode(mode)
        if self._presenter is not None:
            self._presenter.view.set_mode(mode)

    # -------------------------------------------------------------- pictures
    def picture_spec(self, mode: DateMode | None = None, shift_days: int | None = None) -> Spec:
        """The saved picture's spec: the events in view (only the stretch zoomed in on,
        if any), drawn as an export with dates ``mode`` (default real) draws them."""
        from deepdive.export.dates import DatePresenter
        from deepdive.export.options import DateMode
        from deepdive.export.timeline_spec import chronology_spec

        source = self._source
        if source is None:
            raise PictureError(self.tr("Choose a case first: there is no timeline to save."))
        events = source.events()
        if not events:
            raise PictureError(self.tr("The timeline shows no events: there is nothing to save."))
        dates = DatePresenter(source.case, mode or DateMode.REAL, shift_days, source.first)
        zoomed = self.view.zoomed_window
        window = None
        if zoomed is not None:
            window = (date.fromordinal(floor(zoomed[0])), date.fromordinal(floor(zoomed[1])))
        return chronology_spec(source.case, events, dates, lanes=self.view.mode, window=window)

    def save_picture(
        self, path: Path, mode: DateMode | None = None, shift_days: int | None = None
    ) -> Path:
        """Save the timeline as ``path`` (.svg, or else .png) with dates as ``mode``
        shows them (shifted dates need the case's secret ``shift_days``)."""
        return self.write_picture(self.picture_spec(mode, shift_days), path)

    def write_picture(self, spec: Spec, path: Path) -> Path:
        """Draw ``spec`` into ``path`` (.svg, or else .png, added when missing)."""
        from deepdive.ui.timeline.picture import render_png, render_svg, spec_layout

        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg"):
            path = path.with_suffix(".png")
            suffix = ".png"
        layout, fonts = spec_layout(spec)
        data = (
            render_svg(layout, fonts, spec.title) if suffix == ".svg" else render_png(layout, fonts)
        )
        kind = FileKind.SVG if suffix == ".svg" else FileKind.PNG
        write_bytes_atomically(path, data, kind, PictureError)
        return path

    def identifiers_in_picture(self, spec: Spec | None = None) -> int:
        """How many identifiers (registered in the unlocked vault, or validated numbers
        and postcodes) the picture's words hold: its title, the key episodes' labels,
        the axes and the lane names. A picture cannot be read back, so its words are
        checked (by default those of the picture with real dates)."""
        return len(self.picture_check(spec).blocking)

    def picture_check(self, spec: Spec | None = None) -> LeakReport:
        """What the leak check finds in the picture's words, possible names included."""
        from deepdive.privacy.leakcheck import LeakReport, PartFinding
        from deepdive.ui.editors.app_services import privacy_of

        spec = spec or self.picture_spec()
        words = sorted({*spec.strings(), *(e.agency or "" for e in spec.events)})
        detector = privacy_of(self).detector()
        where = self.tr("timeline picture")
        found = [PartFinding(where, f, False) for text in words for f in detector.detect(text)]
        return LeakReport(tuple(found))

    def choose_picture_file(self) -> None:
        """Ask how to show the dates and where to save the picture, then save it (never
        while an existing key vault stays locked: the picture carries case content out
        of the app)."""
        from deepdive.ui.editors.app_services import privacy_of
        from deepdive.ui.timeline.save_dialog import SavePictureDialog

        context = privacy_of(self)
        if not context.unlock_for_writing():
            self.status.emit(
                self.tr(
                    "This workspace has a key vault: unlock it to save the timeline picture. "
                    "Nothing was saved."
                )
            )
            return
        try:  # before asking anything: the real words hold whatever the others could
            if self._refused(self.identifiers_in_picture()):
                return
        except DeepDiveError as exc:
            QMessageBox.warning(self, self.tr("Save timeline picture"), str(exc))
            return
        code = self._source.case.code if self._source is not None else "timeline"
        dialog = SavePictureDialog(
            Path.home() / f"{code}-timeline.png", can_shift=context.vault is not None, parent=self
        )
        if self._mode_chosen is not None:
            dialog.choose(self._mode_chosen)
        chosen = dialog.exec() == QDialog.DialogCode.Accepted
        mode, path = dialog.date_mode(), dialog.path()
        dialog.deleteLater()
        if chosen:
            self._mode_chosen = mode
            self.save_chosen(mode, path)

    def save_chosen(self, mode: DateMode, path: Path) -> None:
        """Save the picture with dates as ``mode`` shows them, saying how it went."""
        from deepdive.export.gate import verdict_for
        from deepdive.export.options import DateMode
        from deepdive.ui.editors.app_services import privacy_of
        from deepdive.ui.privacy.possible_names import ACCEPTED_IN_THE_APP

        try:
            shift = None
            if mode is DateMode.SHIFTED:
                vault = privacy_of(self).vault
                if vault is None or self._source is None:
                    raise PictureError(self.tr("Unlock the key vault to draw shifted dates."))
                # A case new to the vault gets its secret shift now, as an export's does.
                shift = vault.ensure_case(self._source.case.code).date_shift_days
            spec = self.picture_spec(mode, shift)
            report = self.picture_check(spec)
            if self._refused(len(report.blocking)) or not self._possible_names_accepted(report):
                return
            saved = self.write_picture(spec, path)
        except DeepDiveError as exc:
            QMessageBox.warning(self, self.tr("Save timeline picture"), str(exc))
            return
        self.picture_saved.emit(saved, verdict_for(report, ACCEPTED_IN_THE_APP))
        self.status.emit(self.tr("Saved the timeline as {path}").format(path=saved))

    def _possible_names_accepted(self, report: LeakReport) -> bool:
        """Asked, as every export asks, about possible names nobody registered."""
        from deepdive.ui.privacy.possible_names import PossibleNamesQuestion

        if PossibleNamesQuestion(self)(report):
            return True
        self.status.emit(self.tr("The timeline picture was not saved."))
        return False

    def _refused(self, found: int) -> bool:
        if found:
            self.status.emit(
                self.tr(
                    "The timeline picture was not saved: its words hold {n} identifier(s) "
                    "(a registered name, an NHS number, …). Replace them in the chronology "
                    "and save again."
                ).format(n=found)
            )
        return bool(found)

    # -------------------------------------------------------------- projector
    def present(self) -> PresenterWindow:
        """Show the timeline full screen, larger, for a projector."""
        if self._presenter is None:
            presenter = PresenterWindow(self.view, self)
            presenter.view.event_clicked.connect(self.event_clicked)
            presenter.view.event_clicked.connect(self.view.select_event)
            presenter.closed.connect(self._on_presenter_closed)
            self._presenter = presenter
        from deepdive.ui.sessions.projector import projector_screen

        target = projector_screen(self.screen())
        if target is not None:
            self._presenter.setScreen(target)
            self._presenter.setGeometry(target.geometry())
        self._presenter.showFullScreen()
        self._presenter.activateWindow()
        self._presenter.view.setFocus()
        return self._presenter

    def _on_presenter_closed(self) -> None:
        if self._presenter is not None:
            self._presenter.deleteLater()
            self._presenter = None

    def close_presenter(self) -> None:
        """Close the full-screen timeline if it is open."""
        if self._presenter is not None:
            self._presenter.close()
