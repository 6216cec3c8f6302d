"""The main window's content for one open workspace: case list beside case overview."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.search import SearchHit, SearchKind
from deepdive.storage.teams_errors import NoAccessError
from deepdive.ui.cases.case_list_panel import CaseListPanel
from deepdive.ui.cases.case_overview_panel import CaseOverviewPanel
from deepdive.ui.cases.case_table_model import holds_identifiers
from deepdive.ui.chronology import ChronologyPanel
from deepdive.ui.editors.app_services import AppServices, app_services_of
from deepdive.ui.outcomes.panel import OutcomesPanel
from deepdive.ui.privacy.tally import IdentifierTally
from deepdive.ui.sessions.sessions_panel import SessionsPanel
from deepdive.ui.spelling.workspace_words import know_case, know_workspace
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.undo_history import UndoHistory
from deepdive.ui.workspace.case_tabs import CaseTabs


class EmptyWorkspaceBanner(QFrame):
    """Shown while the workspace has no cases: offers the demo case or a new one."""

    add_demo_requested = Signal()
    add_programme_requested = Signal()
    new_case_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyBanner")
        text = QLabel(
            self.tr(
                "<b>This workspace has no cases yet.</b><br>Explore DeepDive with the "
                "fictional demo case, or with a demo programme of 13 fictional cases to see "
                "learning across cases; or start your own."
            ),
            self,
        )
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Add the demo case"), self)
        self.demo_button.setAccessibleName(self.tr("Add the fictional demo case DEMO-001"))
        self.programme_button = QPushButton(self.tr("Add the demo programme"), self)
        self.programme_button.setAccessibleName(
            self.tr("Add the demo programme: 13 fictional cases and programme measures")
        )
        self.new_button = QPushButton(self.tr("New case…"), self)
        self.demo_button.clicked.connect(self.add_demo_requested)
        self.programme_button.clicked.connect(self.add_programme_requested)
        self.new_button.clicked.connect(self.new_case_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.programme_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)


class WorkspaceView(QWidget):
    """Composes the case list and the case overview for one workspace."""

    status_message = Signal(str)
    lasting_message = Signal(str)  # a state that lasts (shown until another message)
    selection_changed = Signal(object)  # case id or None
    focus_changed = Signal(bool)  # focus on the chronology turned on or off

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        case_list: CaseListPanel | None = None,
        app_services: AppServices | None = None,
    ) -> None:
        """``case_list`` is the list shown while the workspace opened, if any: it is
        kept, with what the user has selected, typed or scrolled to. ``app_services``
        default to those of the window ``parent`` is in."""
        super().__init__(parent)
        self.app_services = app_services or app_services_of(parent) or AppServices.create()
        self.services = services
        self.undo = UndoHistory(self)
        self.undo_stack = self.undo.case  # the case panels' steps: the case on screen's
        self.case_list = case_list or CaseListPanel(self)
        self.overview = CaseOverviewPanel(services, self, self.undo_stack)
        self.case_tabs = CaseTabs(self)
        self.case_tabs.add_panel(self.overview, self.tr("&Overview"))
        # Later capabilities add their tabs here. Each is built when first needed.
        self._chronology_tab = self.case_tabs.add_lazy_panel(
            lambda: ChronologyPanel(services, self.undo_stack, self), self.tr("C&hronology")
        )
        self._sessions_tab = self.case_tabs.add_lazy_panel(
            lambda: SessionsPanel(services, self, undo_stack=self.undo_stack), self.tr("&Sessions")
        )
        self._outcomes_tab = self.case_tabs.add_lazy_panel(
            self._make_outcomes, self.tr("O&utcomes")
        )
        self.banner = EmptyWorkspaceBanner(self)
        self._case_id: int | None = None
        self._case_list_shown = True
        self._focused = False
        self._kept_sizes: list[int] = []
        self.left = QWidget(self)
        left_layout = QVBoxLayout(self.left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.banner)
        left_layout.addWidget(self.case_list)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.case_tabs)
        # A wider window widens the case, not the list of cases.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 950])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # The words the spelling check takes are gathered once after a burst of changes
        # (a reconnect re-reads everything), not once for each.
        self._words_later = QTimer(self)
        self._words_later.setSingleShot(True)
        self._words_later.setInterval(0)
        self._words_later.timeout.connect(self._know_words_now)
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        # What each case holds that an export would refuse, counted in the background.
        self.tally = IdentifierTally(services, self.app_services.privacy, self)
        self.tally.counted.connect(self._on_counted)
        self.case_list.case_selected.connect(self._on_case_selected)
        self.overview.saved.connect(lambda: self.status_message.emit(self.tr("All changes saved")))
        self.overview.save_failed.connect(self.status_message)
        self.reload()
        chosen = self.case_list.selected_case_id()
        if chosen is not None:  # chosen while the workspace was opening
            self._on_case_selected(chosen)

    @property
    def chronology(self) -> ChronologyPanel:
        """The Chronology tab (built on first use)."""
        panel = self.case_tabs.panel(self._chronology_tab)
        assert isinstance(panel, ChronologyPanel)
        return panel

    @property
    def sessions(self) -> SessionsPanel:
        """The Sessions tab (built on first use)."""
        panel = self.case_tabs.panel(self._sessions_tab)
        assert isinstance(panel, SessionsPanel)
        return panel

    @property
    def outcomes(self) -> OutcomesPanel:
        """The Outcomes tab (built on first use)."""
        panel = self.case_tabs.panel(self._outcomes_tab)
        assert isinstance(panel, OutcomesPanel)
        return panel

    def _make_outcomes(self) -> OutcomesPanel:
        panel = OutcomesPanel(self.services, self, self.undo_stack)
        panel.saved.connect(lambda: self.status_message.emit(self.tr("All changes saved")))
        panel.save_failed.connect(self.status_message)
        return panel

    def holds_typed_text(self) -> bool:
        """Whether a table cell holds typed text not saved yet (Undo and Redo wait)."""
        return self.overview.cast.holds_typed_text()

    def reload(self) -> None:
        """Read the case list from the workspace."""
        cases = self.services.cases.list_cases()
        self.case_list.set_cases(cases)
        self.banner.setVisible(not cases)
        self._know_words()

    def selected_case_id(self) -> int | None:
        """The case being shown, if any."""
        return self._case_id

    # ------------------------------------------------------------ room to write
    @property
    def case_list_shown(self) -> bool:
        """Whether the list of cases is shown (View ▸ Case list)."""
        return self._case_list_shown

    def show_case_list(self, shown: bool) -> None:
        """Show or hide the list of cases; the case takes the room."""
        self._case_list_shown = shown
        self._lay_out_room()

    @property
    def focused(self) -> bool:
        """Whether the chronology has the whole window (View ▸ Focus on the chronology)."""
        return self._focused

    def focus_on_chronology(self, on: bool) -> bool:
        """Give the chronology and its editor the whole window, or give it back.

        Only while a case is shown; returns whether focus mode is now on.
        """
        on = on and self._case_id is not None
        if on == self._focused:
            return on
        self._focused = on
        if on:
            self.case_tabs.setCurrentWidget(self.chronology)
        self.case_tabs.tabBar().setVisible(not on)
        self.chronology.set_focused(on)
        self._lay_out_room()
        if on:
            self.chronology.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.focus_changed.emit(on)
        return on

    def fit_case_list_width(self, width: int) -> None:
        """A first width for the list of cases in a view ``width`` wide: a quarter of
        it, within bounds that suit a laptop and a large screen alike."""
        listed = max(300, min(460, width // 4))
        self.splitter.setSizes([listed, max(1, width - listed)])

    def _know_words(self) -> None:
        """The spelling check takes the workspace's pseudonyms, codes, agencies and themes."""
        model = self.case_list.model
        cases = [model.summary_at(row) for row in range(model.rowCount())]
        know_workspace(
            self.app_services.spelling,
            cases,
            self.services.agencies.names(),
            self.services.themes.names(),
        )

    def _know_words_now(self) -> None:
        try:
            self._know_words()
        except DeepDiveError:  # the server went meanwhile: gathered again when it is back
            return

    def _lay_out_room(self) -> None:
        shown = self._case_list_shown and not self._focused
        if shown and self.left.isHidden():
            self.left.show()
            if self._kept_sizes:
                self.splitter.setSizes(self._kept_sizes)
        elif not shown and not self.left.isHidden():
            self._kept_sizes = self.splitter.sizes()
            self.left.hide()

    def select_case(self, case_id: int) -> None:
        """Show this case."""
        self.case_list.select_case(case_id)

    def open_search_hit(self, hit: SearchHit) -> None:
        """Show the case a search result belongs to, and the item itself where a tab can."""
        self.select_case(hit.case_id)
        if hit.kind is not SearchKind.CASE and not self.case_tabs.reveal(hit.kind, hit.item_id):
            self.case_tabs.setCurrentIndex(0)

    def close_workspace(self) -> bool:
        """Save what is pending and detach from the workspace; False if a save failed."""
        saved = self.case_tabs.flush()
        self._relay.detach()
        self.tally.stop()
        return saved

    def _on_counted(self, case_id: int, count: int) -> None:
        before = self.case_list.model.flag(case_id)
        self.case_list.model.set_flag(case_id, count)
        if case_id == self._case_id and (count or before):
            self._say_identifiers(case_id, count)

    def _say_identifiers(self, case_id: int, count: int) -> None:
        row = self.case_list.model.row_of(case_id)
        if row is None:
            return
        code = self.case_list.model.summary_at(row).code
        if count:
            self.status_message.emit(holds_identifiers(code, count))
        else:
            self.status_message.emit(
                self.tr("{code} holds no identifiers to fix.").format(code=code)
            )

    def _on_case_selected(self, case_id: int | None) -> None:
        if case_id == self._case_id:
            return
        try:
            case = self.services.cases.get(case_id) if case_id else None
        except DeepDiveError as exc:
            self.status_message.emit(str(exc))
            case = None
        self._case_id = case.id if case else None
        know_case(self.app_services.spelling, case)
        if self._case_id is None:
            self.focus_on_chronology(False)  # nothing to focus on: the list comes back
        self.case_tabs.show_case(case)  # what was typed in the last case is saved there
        self.undo.show_case(self._case_id)
        self.selection_changed.emit(self._case_id)
        if self._case_id is not None and self.case_list.model.flag(self._case_id):
            self._say_identifiers(self._case_id, self.case_list.model.flag(self._case_id))

    def _forget_case(self, case_id: int) -> None:
        """The case is gone (or may no longer be read): off the list and the screen."""
        if self._case_id == case_id:
            self._case_id = None
            self.undo.show_case(None)
            self.focus_on_chronology(False)
            self.case_tabs.show_case(None)
        self.case_list.model.remove(case_id)

    def _reread_cases(self) -> None:
        """Read the list of cases again, changing only the rows that differ, so the
        selection and scrolling stay (after a gap in hearing what others did)."""
        fresh = {summary.id: summary for summary in self.services.cases.list_cases()}
        model = self.case_list.model
        shown = {s.id: s for s in (model.summary_at(row) for row in range(model.rowCount()))}
        for gone in shown.keys() - fresh.keys():
            self._forget_case(gone)
        for case_id, summary in fresh.items():
            if shown.get(case_id) != summary:
                model.upsert(summary)
        self.banner.setVisible(model.rowCount() == 0)
        self._words_later.start()

    def _on_changed(self, change: Change) -> None:
        if change.entity in (Entity.AGENCY, Entity.THEME):
            self._words_later.start()
        if change.case_id is None:
            if change.entity is Entity.CASE:  # cases in general: the whole list
                try:
                    self._reread_cases()
                except NoAccessError as exc:  # the owner took this role out of its teams
                    self.lasting_message.emit(str(exc))
                except DeepDiveError as exc:
                    self.status_message.emit(str(exc))
            return
        if change.entity is Entity.CASE and change.kind is ChangeKind.REMOVED:
            self._forget_case(change.case_id)
        else:
            try:
                summary = self.services.cases.summary(change.case_id)
            except DeepDiveError:
                self.case_list.model.remove(change.case_id)
            else:
                self.case_list.model.upsert(summary)
                if change.entity is Entity.CASE and change.case_id == self.overview.case_id:
                    self.overview.refresh_heading(self.services.cases.get(change.case_id))
        self.banner.setVisible(self.case_list.model.rowCount() == 0)
        if change.entity is Entity.CASE:
            self._words_later.start()
        if change.entity in (Entity.CASE, Entity.PERSON) and change.case_id == self._case_id:
            try:
                know_case(self.app_services.spelling, self.services.cases.get(change.case_id))
            except DeepDiveError:
                know_case(self.app_services.spelling, None)
