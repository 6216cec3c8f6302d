"""The runner's widgets and layout; :mod:`.runner` gives them their behaviour.

Stage list and progress on the left; the stage, its timer, the questions beside the
guidance, and the room's answer on the right; previous and next underneath.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deepdive.services.session_results import SessionDetail
from deepdive.templates import ResponseKind, Template
from deepdive.ui.learning.theme_tags_editor import ThemeTagsEditor
from deepdive.ui.sessions.days import day_text
from deepdive.ui.sessions.runner_parts import (
    StageBrief,
    StageListModel,
    TimerPanel,
    minutes_text,
    wrap_list,
)
from deepdive.ui.sessions.runner_style import RUNNER_STYLE


class RunnerLayout(QWidget):
    """A top-level window holding the runner's widgets, not yet connected to anything."""

    def __init__(
        self, detail: SessionDetail, template: Template, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sessionRunner")
        self.setStyleSheet(RUNNER_STYLE)
        self.template = template
        self.stages = template.stages
        self._build(detail, template)

    def _build(self, detail: SessionDetail, template: Template) -> None:
        self.heading = QLabel(detail.title, self)
        self.heading.setObjectName("runnerHeading")
        subtitle = [template.name]
        if detail.held_on:
            subtitle.append(day_text(detail.held_on))
        if detail.facilitator_role:
            subtitle.append(self.tr("facilitated by {role}").format(role=detail.facilitator_role))
        self.subtitle = QLabel(" · ".join(subtitle), self)
        self.subtitle.setObjectName("runnerSubtitle")
        self.present_button = QPushButton(self.tr("Show on projector"), self)
        self.present_button.setAccessibleName(self.tr("Show on projector"))
        self.present_button.setToolTip(
            self.tr(
                "The room's window: full screen on the second screen when there is one "
                "(Ctrl+Shift+P; Escape leaves it)"
            )
        )
        self.finish_button = QPushButton(self.tr("Finish session…"), self)
        self.finish_button.setAccessibleName(self.tr("Finish the session"))
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.present_button)
        header.addWidget(self.finish_button)

        self.stage_model = StageListModel(template.stages, self)
        self.stage_list = QListView(self)
        self.stage_list.setObjectName("stageList")
        self.stage_list.setModel(self.stage_model)
        self.stage_list.setAccessibleName(self.tr("Stages"))
        self.stage_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        wrap_list(self.stage_list)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, len(template.stages))
        self.progress.setAccessibleName(self.tr("Stages answered"))
        self.progress.setFormat(self.tr("%v of %m stages answered"))
        # The words go beside the bar, not on it: text over a half-filled bar changes
        # colour mid-word and is hard to read in either theme.
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progressLabel")
        self.time_total = QLabel(self)
        self.time_total.setObjectName("quietHint")
        self.time_total.setWordWrap(True)
        keys = QLabel(
            self.tr(
                "Alt+→ next stage · Alt+← previous\nAlt+↓ / Alt+↑ question on screen\n"
                "F5 start or pause timer · F6 +5 min\n"
                "Ctrl+Z undo · Ctrl+Shift+Z redo\n"
                "Walking: ↓ or PgDn next event · K key episode · B blank screen"
            ),
            self,
        )
        keys.setObjectName("quietHint")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("Stages"), self)
        caption.setObjectName("paneCaption")
        left_layout.addWidget(caption)
        left_layout.addWidget(self.stage_list, 1)
        left_layout.addWidget(self.progress_label)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.time_total)
        left_layout.addWidget(keys)

        self.brief = StageBrief(self)
        self.timer_panel = TimerPanel(self)
        stage_row = QHBoxLayout()
        stage_row.addWidget(self.brief.heading, 1)
        stage_row.addWidget(self.timer_panel, 0, Qt.AlignmentFlag.AlignTop)
        self.editors = QStackedWidget(self)
        self.response_caption = QLabel(self)
        self.response_caption.setObjectName("sectionHeading")
        response = QWidget(self)
        response_layout = QVBoxLayout(response)
        response_layout.setContentsMargins(0, 0, 0, 0)
        response_layout.addWidget(self.response_caption)
        response_layout.addWidget(self.editors, 1)
        # Learning themes on this stage's answer (bound to the workspace by the runner).
        self.themes = ThemeTagsEditor(response, chip_text_max=420)
        themes_caption = QLabel(self.tr("Learning themes"), response)
        themes_caption.setObjectName("paneCaption")
        themes_caption.setBuddy(self.themes.line)
        themes_row = QHBoxLayout()
        themes_row.addWidget(themes_caption, 0, Qt.AlignmentFlag.AlignTop)
        themes_row.addWidget(self.themes, 1)
        response_layout.addLayout(themes_row)
        self.middle = QSplitter(Qt.Orientation.Vertical, self)
        self.middle.addWidget(self.brief.briefing)
        self.middle.addWidget(response)
        self.middle.setStretchFactor(0, 2)
        self.middle.setStretchFactor(1, 3)
        self.middle.setSizes([220, 380])
        self.middle.setChildrenCollapsible(False)

        self.previous_button = QPushButton(self)
        self.previous_button.setAccessibleName(self.tr("Previous stage"))
        self.next_button = QPushButton(self)
        self.next_button.setAccessibleName(self.tr("Next stage"))
        self.next_button.setDefault(False)
        self.save_state = QLabel(self)
        self.save_state.setObjectName("quietHint")
        # Edit ▸ Undo of the main window, here (the tooltip names the step).
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setAccessibleName(self.tr("Undo the last change"))
        self.redo_button = QPushButton(self.tr("Redo"), self)
        self.redo_button.setAccessibleName(self.tr("Redo what was undone"))
        for button in (self.undo_button, self.redo_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the text
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.save_state)
        nav.addWidget(self.undo_button)
        nav.addWidget(self.redo_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(stage_row)
        right_layout.addWidget(self.middle, 1)
        right_layout.addLayout(nav)

        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 4)
        body.setSizes([270, 1000])
        body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(header)
        layout.addWidget(body, 1)

    def caption(self, kind: ResponseKind) -> str:
        """The heading over a stage's answer of this kind."""
        return {
            ResponseKind.TEXT: self.tr("What the room said (Markdown, saved as you type)"),
            ResponseKind.LIST: self.tr("The room's points, one at a time"),
            ResponseKind.SCALE: self.tr("The room's rating"),
            ResponseKind.MAP: self.tr("The room's map"),
            ResponseKind.EVENTS: self.tr("Moments in the chronology the room marks"),
            ResponseKind.ACTIONS: self.tr("Actions agreed"),
        }[kind]

    def show_nav(self, index: int) -> None:
        """Name the stages before and after the one at ``index`` on the buttons."""
        self.previous_button.setEnabled(index > 0)
        if index > 0:
            self.previous_button.setText(f"◀  {self.stages[index - 1].title}")
        else:
            self.previous_button.setText(self.tr("◀  Previous stage"))
        if index == len(self.stages) - 1:
            self.next_button.setText(self.tr("Finish session…"))
        else:
            self.next_button.setText(
                self.tr("Next: {title}  ▶").format(title=self.stages[index + 1].title)
            )

    def show_progress(self, index: int, answered: set[str], used: dict[str, float]) -> None:
        """Mark the stages answered and the time each took; say how far the room has come."""
        self.stage_model.set_state(index, answered, used)
        self.progress.setValue(len(answered))
        self.progress_label.setText(
            self.tr("{n} of {count} stages answered").format(
                n=len(answered), count=len(self.stages)
            )
        )
        planned = minutes_text(self.template.total_minutes * 60)
        self.time_total.setText(
            self.tr("Time so far: {spent} of {planned} planned").format(
                spent=minutes_text(sum(used.values())), planned=planned
            )
        )
