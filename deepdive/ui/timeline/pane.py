"""The timeline with its controls: lanes by domain or source, zoom, save, present.

"Present" opens the timeline full screen, drawn larger for a projector; clicking an
event there selects it in the chronology too. Escape closes it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.ages import BirthMonth
from deepdive.errors import DeepDiveError
from deepdive.files.atomic import write_bytes_atomically
from deepdive.files.kinds import FileKind
from deepdive.ui.learning.flow_layout import FlowLayout
from deepdive.ui.timeline.layout import LANES_BY_AGENCY, LANES_BY_CATEGORY, TimelineEvent
from deepdive.ui.timeline.picture import picture_layout, render_png, render_svg
from deepdive.ui.timeline.view import Summary, TimelineView

PICTURE_WIDTH = 1800
PROJECTOR_SCALE = 1.6


class PictureError(DeepDiveError):
    """The picture could not be written."""


class TimelinePane(QWidget):
    """The timeline view under a row of controls."""

    event_clicked = Signal(int)
    status = Signal(str)

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
            self.tr("Present"), self.tr("Show the timeline full screen, for a projector (F11)")
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
        layout.addWidget(self.scroller, 1)
        self._title = ""
        self._presenter: PresenterWindow | None = None

        self.lanes.currentIndexChanged.connect(lambda _i: self._set_mode(self.lanes.currentData()))
        self.zoom_in.clicked.connect(lambda: self.view.zoom(0.7))
        self.zoom_out.clicked.connect(lambda: self.view.zoom(1 / 0.7))
        self.show_all.clicked.connect(self.view.fit)
        self.save_button.clicked.connect(self.choose_picture_file)
        self.present_button.clicked.connect(self.present)
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
        title: str,
        keep_window: bool = False,
    ) -> None:
        """Draw these events; ``title`` heads saved pictures."""
        self._title = title
        self.view.set_events(events, birth, keep_window)
        if self._presenter is not None:
            self._presenter.view.set_events(events, birth, keep_window=True)

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
    def save_picture(self, path: Path) -> Path:
        """Save what the timeline shows as ``path`` (.png or .svg, by its suffix)."""
        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg"):
            path = path.with_suffix(".png")
            suffix = ".png"
        layout, fonts = picture_layout(
            self.view.events,
            width_px=PICTURE_WIDTH,
            lanes=self.view.mode,
            birth=self.view.birth,
            title=self._title,
            window=self.view.time_window(),
        )
        data = (
            render_svg(layout, fonts, self._title)
            if suffix == ".svg"
            else render_png(layout, fonts)
        )
        kind = FileKind.SVG if suffix == ".svg" else FileKind.PNG
        write_bytes_atomically(path, data, kind, PictureError)
        return path

    def identifiers_in_picture(self) -> int:
        """How many identifiers (registered in the unlocked vault, or validated numbers
        and postcodes) the picture's words hold: its title, the key episodes' labels and
        the lane names. A picture cannot be read back, so its words are checked."""
        from deepdive.ui.privacy.context import current_context

        events = self.view.events
        words = {self._title, *(e.label for e in events), *(e.agency or "" for e in events)}
        detector = current_context().detector()
        return sum(1 for text in words if text for f in detector.detect(text) if f.blocking)

    def choose_picture_file(self) -> None:
        """Ask where to save the picture, then save it (never while an existing key vault
        stays locked: the picture carries case content out of the app)."""
        from deepdive.ui.privacy.context import current_context

        if not current_context().unlock_for_writing():
            self.status.emit(
                self.tr(
                    "This workspace has a key vault: unlock it to save the timeline picture. "
                    "Nothing was saved."
                )
            )
            return
        found = self.identifiers_in_picture()
        if found:
            self.status.emit(
                self.tr(
                    "The timeline picture was not saved: its words hold {n} identifier(s) "
                    "(a registered name, an NHS number, …). Replace them in the chronology "
                    "and save again."
                ).format(n=found)
            )
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save timeline picture"),
            str(Path.home() / "timeline.png"),
            self.tr("PNG picture (*.png);;SVG drawing (*.svg)"),
        )
        if not name:
            return
        try:
            saved = self.save_picture(Path(name))
        except DeepDiveError as exc:
            QMessageBox.warning(self, self.tr("Save timeline picture"), str(exc))
            return
        self.status.emit(self.tr("Saved the timeline as {path}").format(path=saved))

    # -------------------------------------------------------------- projector
    def present(self) -> PresenterWindow:
        """Show the timeline full screen, larger, for a projector."""
        if self._presenter is None:
            presenter = PresenterWindow(self.view, self)
            presenter.view.event_clicked.connect(self.event_clicked)
            presenter.view.event_clicked.connect(self.view.select_event)
            presenter.closed.connect(self._on_presenter_closed)
            self._presenter = presenter
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


class PresenterWindow(QWidget):
    """The timeline alone, full screen, with larger type."""

    closed = Signal()

    def __init__(self, source: TimelineView, pane: QWidget) -> None:
        # A window of its own (it goes full screen), owned by the pane for its lifetime.
        super().__init__(pane, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Timeline — DeepDive"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.view = TimelineView(self, scale=PROJECTOR_SCALE)
        self.view.set_summary(source.summary)
        self.view.set_mode(source.mode)
        self.view.set_events(source.events, source.birth)
        self.view.select_event(source.selected)
        hint = QLabel(self.tr("Escape closes · + and − zoom · arrows move · 0 shows all"), self)
        hint.setObjectName("quietHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint, 0, Qt.AlignmentFlag.AlignRight)
        for keys in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
