"""The event editor's fields and how they are laid out (the editing is in detail_editor).

The short fields sit two to a row when the editor is wide enough and one to a row when
it is narrow, so none is ever cut short; "What happened" comes straight after them and
takes the height the pane has to spare. The form scrolls, and whichever field gets the
focus — by Tab, a click or an Alt+letter — is scrolled into view with its caption.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QMargins, QStringListModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.vocabulary import CATEGORIES
from deepdive.ui.cases.case_overview_panel import FieldMessage
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.learning.theme_tags_editor import ThemeTagsEditor, bind_to_owner
from deepdive.ui.spelling.fixes import no_spelling
from deepdive.ui.widgets import key_bindings as keys

TEXT_FIELDS = ("description", "significance", "voice", "outcome")
LINE_FIELDS = ("date", "end", "people", "tags")
CHOICE_FIELDS = ("category", "agency", "key_episode")
# The least room a short field is given, in average characters of the font: below twice
# that (and the labels), the short fields go one to a row.
FIELD_CHARS = 24


class EventForm(QWidget):
    """The widgets of the event editor, arranged; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._two_columns: bool | None = None
        self._build_fields()
        self._build_layout()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # ----------------------------------------------------------------- fields
    def _build_fields(self) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("sectionHeading")
        self.heading.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("quietHint")
        self.hint.setWordWrap(True)
        self.date = self._line(self.tr("Date"), self.tr("e.g. 14/03/2016, Mar 2016, 2015"))
        self.end = self._line(self.tr("End date"), self.tr("only for a period"))
        for when in (self.date, self.end):
            no_spelling(when)  # "14/03/2016", "Easter 2016": dates, not prose
        self.read_as = QLabel(self)
        self.read_as.setObjectName("quietHint")
        self.read_as.setWordWrap(True)
        self.category = self._choice(self.tr("Domain"))
        for name in CATEGORIES:
            self.category.addItem(name.capitalize(), name)
        self.agency = self._choice(self.tr("Source agency"))
        self.people = self._line(self.tr("People involved"), self.tr("pseudonyms: Jay, Nan"))
        self._people_names = QStringListModel(self)
        self.people_completer = QCompleter(self._people_names, self)
        self.people_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.people_completer.setWidget(self.people)
        self.tags = self._line(self.tr("Tags"), self.tr("comma-separated"))
        self.key_episode = QCheckBox(self.tr("&Key practice episode"), self)
        self.key_episode.setAccessibleName(self.tr("Key practice episode"))
        self.themes = ThemeTagsEditor(self)  # learning themes, saved (and undone) on their own
        bind_to_owner(self.themes, self.parentWidget())
        self.texts = {
            "description": MarkdownEditor(self.tr("What happened"), self),
            "significance": MarkdownEditor(self.tr("Significance and impact"), self),
            "voice": MarkdownEditor(self.tr("The young person's voice"), self),
            "outcome": MarkdownEditor(self.tr("Outcome or action"), self),
        }
        for name, editor in self.texts.items():
            # Write above preview, the writing taller: the pane beside the table is narrow.
            splitter = editor.findChild(QSplitter)
            if splitter is not None:
                splitter.setOrientation(Qt.Orientation.Vertical)
                splitter.setStretchFactor(0, 3)
                splitter.setStretchFactor(1, 2)
            editor.setMinimumHeight(200 if name == "description" else 150)
        self.add_next = QPushButton(self.tr("Save and add &next (Ctrl+Enter)"), self)
        self.add_next.setAccessibleName(self.tr("Save this event and start the next"))
        self.add_next.setToolTip(
            keys.SAVE_AND_NEXT.tip(self.tr("Save this event and start the next"))
        )
        self.discard = QPushButton(self.tr("Discard this new event"), self)
        self.discard.setAccessibleName(self.tr("Discard the new event being written"))
        self.discard.hide()
        self.messages = {
            name: FieldMessage(self)
            for name in (*LINE_FIELDS, *CHOICE_FIELDS, *TEXT_FIELDS, "general")
        }

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _choice(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        # A long agency name must not make the field (and the pane) wider than it is.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    # ----------------------------------------------------------------- layout
    def _build_layout(self) -> None:
        self.short_fields: list[tuple[QLabel, QWidget]] = [
            self._labelled(self.tr("&Date"), self.date, self.read_as, self.messages["date"]),
            self._labelled(self.tr("&End"), self.end, self.messages["end"]),
            self._labelled(self.tr("Do&main"), self.category, self.messages["category"]),
            self._labelled(self.tr("&Source"), self.agency, self.messages["agency"]),
            self._labelled(self.tr("&People"), self.people, self.messages["people"]),
            self._labelled(self.tr("&Tags"), self.tags, self.messages["tags"]),
        ]
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        self.themes_label = QLabel(self.tr("&Learning\nthemes"), self)
        self.themes_label.setBuddy(self.themes.line)
        self.themes_label.setVisible(self.themes.bound)
        self.themes.setVisible(self.themes.bound)

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.messages["general"])
        layout.addLayout(self.grid)
        titles = {
            "description": self.tr("&What happened"),
            "significance": self.tr("Significance and &impact"),
            "voice": self.tr("The young person's &voice"),
            "outcome": self.tr("&Outcome or action"),
        }
        self.captions: dict[str, QLabel] = {}
        for name, editor in self.texts.items():
            title = QLabel(titles[name], content)
            title.setObjectName("paneCaption")
            title.setBuddy(editor.editor)
            self.captions[name] = title
            layout.addWidget(title)
            # What happened takes the height to spare; the others keep theirs.
            layout.addWidget(editor, 1 if name == "description" else 0)
            layout.addWidget(self.messages[name])
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard)
        buttons.addStretch(1)
        buttons.addWidget(self.add_next)
        layout.addLayout(buttons)
        self.form_area = content
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        self.form_scroll = scroll
        self.empty_hint = QLabel(
            self.tr("Choose an event, or press Ctrl+E (or Insert) to add one."), self
        )
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_hint)
        outer.addWidget(scroll)
        self._arrange(two_columns=False)

        chain: list[QWidget] = [
            self.date,
            self.end,
            self.category,
            self.agency,
            self.people,
            self.tags,
            self.key_episode,
            self.themes.line,
            *(e.editor for e in self.texts.values()),
            self.add_next,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _labelled(self, text: str, field: QWidget, *below: QWidget) -> tuple[QLabel, QWidget]:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        for widget in below:
            column.addWidget(widget)
        label = QLabel(text, self)
        label.setBuddy(field)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return label, box

    def _arrange(self, two_columns: bool) -> None:
        """Place the short fields two to a row, or one to a row."""
        if two_columns == self._two_columns:
            return
        self._two_columns = two_columns
        grid = self.grid
        placed = [w for pair in self.short_fields for w in pair]
        placed += [self.key_episode, self.themes_label, self.themes]
        for widget in placed:
            grid.removeWidget(widget)
        # Labels sit level with the first line of their field.
        lift = max(0, (self.date.sizeHint().height() - self.fontMetrics().height()) // 2)
        per_row = 2 if two_columns else 1
        for n, (label, box) in enumerate(self.short_fields):
            row, column = divmod(n, per_row)
            label.setContentsMargins(0, lift, 0, 0)
            grid.addWidget(label, row, column * 2)
            # Top-aligned: a field with a line under it (Date) makes its row taller.
            grid.addWidget(box, row, column * 2 + 1, Qt.AlignmentFlag.AlignTop)
        row = (len(self.short_fields) + per_row - 1) // per_row
        span = 3 if two_columns else 1
        grid.addWidget(self.key_episode, row, 1, 1, span)
        self.themes_label.setContentsMargins(0, lift, 0, 0)
        self.themes_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.themes_label, row + 1, 0)
        grid.addWidget(self.themes, row + 1, 1, 1, span)
        for column in range(4):
            stretch = 1 if column in (1, 3) and (two_columns or column == 1) else 0
            grid.setColumnStretch(column, stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(two_columns=self.width() >= self._two_columns_width())

    def _two_columns_width(self) -> int:
        """How wide the editor must be for two fields to a row without cutting either."""
        labels = max(label.sizeHint().width() for label, _box in self.short_fields)
        field = self.fontMetrics().averageCharWidth() * FIELD_CHARS
        layout = self.form_area.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        scroll_bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        return (
            2 * (labels + field)
            + 3 * self.grid.horizontalSpacing()
            + margins.left()
            + margins.right()
            + scroll_bar
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._two_columns is not None:
            # The labels' lift follows the font: lay the fields out again.
            two, self._two_columns = self._two_columns, None
            self._arrange(two)

    # -------------------------------------------------------------- scrolling
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.form_area.isAncestorOf(new):
            return
        self.reveal(new)

    def reveal(self, field: QWidget) -> None:
        """Scroll the form so ``field`` shows, with its caption (a text's is above it)."""
        caption = next(
            (self.captions[n] for n, e in self.texts.items() if e.isAncestorOf(field)), None
        )
        area = self.form_scroll
        if caption is None:
            area.ensureWidgetVisible(field, 8, 24)
            return
        top = caption.mapTo(self.form_area, caption.rect().topLeft()).y() - 6
        bottom = field.mapTo(self.form_area, field.rect().bottomLeft()).y() + 8
        bar = area.verticalScrollBar()
        shown = area.viewport().height()
        if top < bar.value() or bottom - top > shown:
            bar.setValue(top)  # the caption and as much of the text as fits
        elif bottom > bar.value() + shown:
            bar.setValue(bottom - shown)
