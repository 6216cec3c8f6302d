"""Identifiers in the cells of lists and tables: underlined, and fixed with a right-click.

Text typed into a list (a session's learning points, a map's columns) or a table
(the cast, the actions) is shown in cells, not in an editor. :class:`FindingDelegate`
draws the same wavy underline there as the editors do (red for what an export would
refuse, amber for a possible name), and :class:`CellFixes` gives the view's cells the
same quick fixes on a mouse right-click (or the Menu key): replace an identifier with
its pseudonym or a placeholder, pseudonymise the whole cell, add a name to the key
vault or say it is not one. A fix is saved as an edit of the cell (``setData``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from deepdive.privacy.findings import Finding, pseudonymise
from deepdive.ui.editors.app_services import privacy_of
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR, POSSIBLE_COLOUR, describe
from deepdive.ui.privacy.quick_fixes import QuickFix, fixes_for, whole_text_fixes

Index = QModelIndex | QPersistentModelIndex
_CACHE_SIZE = 2000
_WAVE_ROOM = 4  # pixels under a line of text for the wavy underline


class CellFindings:
    """What the detector finds in short texts, remembered until the detector changes."""

    def __init__(self, context: PrivacyContext) -> None:
        self._context = context
        self._found: dict[str, list[Finding]] = {}
        context.detector_changed.connect(self._found.clear)

    def __call__(self, text: str) -> list[Finding]:
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= _CACHE_SIZE:
                self._found.clear()
            found = self._found[text] = self._context.detector().detect(text) if text else []
        return found


class FindingDelegate(QStyledItemDelegate):
    """Draws a cell's text with its identifiers underlined (other cells as usual)."""

    def __init__(self, parent: QObject | None = None, context: PrivacyContext | None = None):
        super().__init__(parent)
        self.findings = CellFindings(context if context is not None else privacy_of(parent))

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        found = self.findings(text) if isinstance(text, str) else []
        if found and event.type() == QEvent.Type.ToolTip:
            own = index.data(Qt.ItemDataRole.ToolTipRole)
            tip = describe(found[0]) if not own or own == text else f"{own}\n{describe(found[0])}"
            QToolTip.showText(event.globalPos(), tip, view)
            return True
        return super().helpEvent(event, view, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + _WAVE_ROOM)  # room for the wave

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        found = self.findings(text) if isinstance(text, str) else []
        if not found:
            super().paint(painter, option, index)
            return
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        widget = shown.widget
        style = widget.style() if widget is not None else QApplication.style()
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        area = area.adjusted(margin, 0, -margin, 0)
        colour = _text_colour(shown)
        shown.text = ""  # the background, selection and focus frame, then the text
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)

        layout = QTextLayout(text, shown.font)
        wraps = bool(shown.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
        layout.beginLayout()
        height = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(area.width() if wraps else 1e6)
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        top = area.top() + max(0.0, (area.height() - height - _WAVE_ROOM) / 2)
        painter.save()
        painter.setClipRect(shown.rect)  # the wave hangs below the text
        painter.setPen(colour)
        layout.draw(painter, QPointF(area.left(), top), _underlines(found))
        painter.restore()


def _text_colour(option: QStyleOptionViewItem) -> object:
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    return option.palette.color(role)


def _underlines(found: list[Finding]) -> list[QTextLayout.FormatRange]:
    ranges = []
    for finding in found:
        style = QTextCharFormat()
        style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        style.setUnderlineColor(BLOCKING_COLOUR if finding.blocking else POSSIBLE_COLOUR)
        span = QTextLayout.FormatRange()
        span.start, span.length, span.format = finding.start, finding.end - finding.start, style
        ranges.append(span)
    return ranges


class CellFixes(QObject):
    """The quick fixes for the identifiers of an editable cell, on a right-click."""

    def __init__(self, view: QAbstractItemView, context: PrivacyContext | None = None) -> None:
        super().__init__(view)
        self._view = view
        self._context = context if context is not None else privacy_of(view)
        self.delegate = FindingDelegate(view, self._context)
        view.setItemDelegate(self.delegate)
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu:
            return False
        viewport = self._view.viewport()
        if watched not in (self._view, viewport):
            return False
        assert isinstance(event, QContextMenuEvent)
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            index = self._view.currentIndex()
        else:
            point = event.pos()
            if watched is self._view:
                point = viewport.mapFrom(self._view, point)
            index = self._view.indexAt(point)
        fixes = self.quick_fixes(index)
        if not fixes:
            return False
        self._view.setCurrentIndex(index)
        menu = QMenu(self._view)
        for label, fix in fixes:
            menu.addAction(label).triggered.connect(lambda _checked=False, f=fix: f())
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True

    def quick_fixes(self, index: Index) -> list[QuickFix]:
        """(label, action) pairs for every identifier in the cell at ``index``."""
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return []
        text = index.data(Qt.ItemDataRole.EditRole)
        if not isinstance(text, str):
            return []
        found = self._context.detector().detect(text)
        cell = QPersistentModelIndex(index)

        def replace(start: int, end: int, new: str) -> None:
            self.replace(cell, start, end, new)

        fixes: list[QuickFix] = []
        for finding in found:
            fixes.extend(fixes_for(self._context, finding, replace, self._view))
        if len(found) > 1:
            fixes.extend(whole_text_fixes(found, lambda: self.pseudonymise(cell)))
        return list(dict(fixes).items())  # one entry per label

    def replace(self, cell: Index, start: int, end: int, new: str) -> bool:
        """Replace characters ``start:end`` of the cell's text, saved as an edit."""
        text = cell.data(Qt.ItemDataRole.EditRole)
        if not cell.isValid() or not isinstance(text, str):
            return False
        model = self._view.model()
        return bool(
            model.setData(model.index(cell.row(), cell.column()), _spliced(text, start, end, new))
        )

    def pseudonymise(self, cell: Index) -> bool:
        """Replace every identifier of the cell with its pseudonym or placeholder."""
        text = cell.data(Qt.ItemDataRole.EditRole)
        if not cell.isValid() or not isinstance(text, str):
            return False
        new = pseudonymise(text, self._context.detector().detect(text))
        model = self._view.model()
        return new != text and bool(model.setData(model.index(cell.row(), cell.column()), new))


def _spliced(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def watch_cells(view: QAbstractItemView) -> CellFixes:
    """Underline identifiers in ``view``'s cells and offer their fixes on right-click."""
    return CellFixes(view)
