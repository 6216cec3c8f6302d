"""The story of a life changed, written under the case's outcomes for the programme report."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from deepdive.ui.cases.case_overview_panel import FieldMessage
from deepdive.ui.editors.markdown_editor import MarkdownEditor


class StoryBox(QGroupBox):
    """A Markdown editor for the story and a button to start from a draft.

    The draft (the case's summary, what its sessions learned, what changed) is offered
    only while the story is empty, so it never replaces what the facilitator wrote.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Story of a life changed"), parent)
        hint = QLabel(
            self.tr(
                "A short story for the programme report: who the young person is, what made "
                "the difference and what changed. Pseudonyms only; it is checked for "
                "identifiers like everything that leaves DeepDive."
            ),
            self,
        )
        hint.setObjectName("quietHint")
        hint.setWordWrap(True)
        self.editor = MarkdownEditor(self.tr("Story of a life changed"), self)
        self.editor.setMinimumHeight(220)
        self.draft_button = QPushButton(self.tr("Start from the summary and learning"), self)
        self.draft_button.setAccessibleName(
            self.tr("Start the story from the case's summary, learning and outcomes")
        )
        self.draft_button.setToolTip(
            self.tr("Writes a first draft to edit; offered while the story is empty.")
        )
        self.message = FieldMessage(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        self.editor.text_edited.connect(self._update_button)

    def show_story(self, text: str) -> None:
        """Show the stored story without reporting it as an edit."""
        self.editor.set_markdown(text)
        self._update_button()

    def text(self) -> str:
        """The story as typed."""
        return self.editor.markdown()

    def _update_button(self, *_args: object) -> None:
        self.draft_button.setEnabled(not self.text().strip())
