"""Stories of lives changed: every story the cases in the Learning view's filter tell.

Read here as the programme report will print them; each is written (and changed) on
its case's Outcomes tab, which "Open case" goes to.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deepdive.services.stories import CaseStoryText


class StoriesDialog(QDialog):
    """A list of the stories by young person, and the chosen story beside it."""

    case_requested = Signal(int)  # case id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stories of lives changed"))
        self.setAccessibleName(self.tr("Stories of lives changed"))
        self.resize(860, 560)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.story_list = QListWidget(self)
        self.story_list.setAccessibleName(self.tr("Young people with a story"))
        self.story_text = QTextBrowser(self)
        self.story_text.setAccessibleName(self.tr("The story"))
        self.story_text.setOpenExternalLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.story_list)
        splitter.addWidget(self.story_text)
        splitter.setSizes([260, 600])
        self.open_button = QPushButton(self.tr("Open case"), self)
        self.open_button.setToolTip(self.tr("Show the case: its story is on its Outcomes tab"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._stories: list[CaseStoryText] = []
        self.story_list.currentRowChanged.connect(self._show)
        self.story_list.itemDoubleClicked.connect(lambda _item: self.open_case())
        self.open_button.clicked.connect(self.open_case)

    def set_stories(self, stories: list[CaseStoryText], cases: str) -> None:
        """Show ``stories`` (of the cases in the filter, ``cases`` of them as shown: a
        number, or "fewer than 5" while small numbers are hidden), keeping the one chosen."""
        chosen = self.chosen()
        self._stories = list(stories)
        if cases.isdigit():
            intro = self.tr("{told} of the {cases} cases in view tell a story of a life changed.")
        else:  # "2 of the fewer than 5" would say how many there are
            intro = self.tr(
                "{told} of the cases in view tell a story of a life changed (there are "
                "{cases} cases in view)."
            )
        self.intro.setText(
            intro.format(told=len(stories), cases=cases)
            + " "
            + self.tr(
                "The programme report prints each; write or change one on its case's Outcomes tab."
            )
        )
        self.story_list.blockSignals(True)
        self.story_list.clear()
        for story in stories:
            QListWidgetItem(f"{story.pseudonym} ({story.code})", self.story_list)
        self.story_list.blockSignals(False)
        ids = [s.case_id for s in stories]
        keep = ids.index(chosen.case_id) if chosen is not None and chosen.case_id in ids else 0
        self.story_list.setCurrentRow(keep if stories else -1)
        self._show(self.story_list.currentRow())

    def chosen(self) -> CaseStoryText | None:
        """The story selected in the list, if any."""
        row = self.story_list.currentRow()
        return self._stories[row] if 0 <= row < len(self._stories) else None

    def open_case(self) -> None:
        """Ask for the chosen story's case to be shown."""
        story = self.chosen()
        if story is not None:
            self.case_requested.emit(story.case_id)

    def _show(self, _row: int) -> None:
        story = self.chosen()
        self.open_button.setEnabled(story is not None)
        if story is None:
            self.story_text.setPlainText(self.tr("No story has been written for these cases yet."))
        else:
            self.story_text.setMarkdown(f"## {story.pseudonym} ({story.code})\n\n{story.text}")
