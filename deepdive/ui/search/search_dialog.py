"""Search everywhere (Ctrl+K): results grouped by case and kind, matched words in bold."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from deepdive.services.search import MATCH_END, MATCH_START, SearchHit, SearchService

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


def marked_html(text: str) -> str:
    """Escape ``text`` for HTML and turn the search's match marks into bold."""
    escaped = html.escape(text.replace("\n", " "))
    return escaped.replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")


def plain(text: str) -> str:
    """``text`` without the match marks (for screen readers and tooltips)."""
    return text.replace(MATCH_START, "").replace(MATCH_END, "")


class _RichTextDelegate(QStyledItemDelegate):
    """Paints an item's HTML (bold matched words) in the item's own colours."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        markup = index.data(HTML_ROLE)
        if not markup:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option_text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = option_text
        document = self._document(markup, option)
        painter.save()
        rect = option.rect.adjusted(4, 2, -4, -2)
        painter.translate(rect.topLeft())
        document.drawContents(painter)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        markup = index.data(HTML_ROLE)
        if not markup:
            return super().sizeHint(option, index)
        # The height follows the width the item will be painted at: the view's width
        # less its indentation (the option's rect is not that width when sizes are asked for).
        view = self.parent()
        if isinstance(view, QTreeView):
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            option.rect.setWidth(view.viewport().width() - view.indentation() * (depth + 1))
        document = self._document(markup, option)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)

    @staticmethod
    def _document(markup: str, option: QStyleOptionViewItem) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.highlightedText() if selected else option.palette.text()
        document.setDefaultStyleSheet(f"body {{ color: {colour.color().name()}; }}")
        document.setHtml(f"<body>{markup}</body>")
        width = option.rect.width() - 8 if option.rect.width() > 0 else 600
        document.setTextWidth(width)
        return document


class SearchDialog(QDialog):
    """Type to search every case; Enter opens the chosen item in place."""

    open_requested = Signal(object)  # SearchHit

    def __init__(self, search: SearchService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.setWindowTitle(self.tr("Search everywhere"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(
            self.tr("Search summaries, chronologies, session notes and actions")
        )
        self.query.setAccessibleName(self.tr("Search everywhere"))
        self.query.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.results = QTreeView(self)
        self.results.setModel(self.model)
        self.results.setHeaderHidden(True)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setItemDelegate(_RichTextDelegate(self.results))
        self.results.setUniformRowHeights(False)
        self.results.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("quietHint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)
        self.resize(760, 560)
        self.query.textChanged.connect(self.run_search)
        self.query.returnPressed.connect(self._open_current)
        self.results.activated.connect(lambda _index: self._open_current())
        self.query.installEventFilter(self)
        self.results.viewport().installEventFilter(self)

    def run_search(self, typed: str) -> list[SearchHit]:
        """Show the hits for ``typed``."""
        hits = self._search.search(typed) if typed.strip() else []
        self.model.clear()
        groups: dict[int, QStandardItem] = {}
        for hit in hits:
            group = groups.get(hit.case_id)
            if group is None:
                group = QStandardItem(f"{hit.case_code} · {hit.case_pseudonym}")
                group.setData(
                    f"<b>{html.escape(hit.case_code)}</b> · {html.escape(hit.case_pseudonym)}",
                    HTML_ROLE,
                )
                group.setSelectable(False)
                groups[hit.case_id] = group
                self.model.appendRow(group)
            label = self.tr(hit.kind.label)
            snippet = marked_html(hit.snippet) if hit.snippet.strip() else ""
            item = QStandardItem(f"{label}: {plain(hit.title)} — {plain(hit.snippet)}")
            item.setData(
                f"<span style='font-weight:600'>{html.escape(label)}</span> · "
                f"{marked_html(hit.title)}<br>{snippet}",
                HTML_ROLE,
            )
            item.setData(hit, HIT_ROLE)
            group.appendRow(item)
        self.results.expandAll()
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0, self.model.index(0, 0)))
        count = len(hits)
        self.summary.setText(
            (self.tr("1 result") if count == 1 else self.tr("{count} results").format(count=count))
            if typed.strip()
            else self.tr("Type to search")
        )
        return hits

    def current_hit(self) -> SearchHit | None:
        """The highlighted result, if any."""
        hit = self.results.currentIndex().data(HIT_ROLE)
        return hit if isinstance(hit, SearchHit) else None

    def _open_current(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.open_requested.emit(hit)
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results.viewport() and event.type() == QEvent.Type.Resize:
            # Wrapped results change height with the width: lay them out again.
            self.results.scheduleDelayedItemsLayout()
        # Up and Down in the search box move through the results, as in a launcher.
        if (
            watched is self.query
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ) and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._step(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        return super().eventFilter(watched, event)

    def _step(self, direction: int) -> None:
        items: list[QModelIndex] = []
        for row in range(self.model.rowCount()):
            group = self.model.index(row, 0)
            items.extend(self.model.index(r, 0, group) for r in range(self.model.rowCount(group)))
        if not items:
            return
        current = self.results.currentIndex()
        position = next((i for i, idx in enumerate(items) if idx == current), -1)
        position = max(0, min(len(items) - 1, position + direction))
        self.results.setCurrentIndex(items[position])
