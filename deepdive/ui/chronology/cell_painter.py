"""Paints the chronology table's cells quickly: one Python call per cell, text cut cheaply.

Qt's own item painting asks the model for seven roles per cell and lays each text
out in full before cutting it to fit; with a few hundred characters per cell that is
most of a scroll's time. This delegate asks the model once per cell
(:meth:`ChronologyModel.shown_text`), draws the selection or the key-episode colour,
and cuts the text to the column's width from a short start of it, remembering the
result for the next time that text is drawn at that width. The model still answers
every role, so screen readers, tooltips and tests see the same cells.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

from deepdive.ui.chronology.table_model import ChronologyModel, Column

KEY_LIGHT = QColor(255, 244, 214)
KEY_DARK = QColor(86, 66, 22)  # the same amber, dark enough for light text
_CACHE_AT_MOST = 6000

# Plain ints: Python's flag enums cost a microsecond per test, and this runs per cell.
_SELECTED = QStyle.StateFlag.State_Selected.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter
_ELIDE = Qt.TextElideMode.ElideRight
_RIGHT_TO_LEFT = Qt.LayoutDirection.RightToLeft
_DATE = Column.DATE.value
_KEY = Column.KEY.value
# Columns of written text, which wrap onto a second line when the rows are tall enough.
_WRAPPING = frozenset(
    c.value for c in (Column.DESCRIPTION, Column.SIGNIFICANCE, Column.VOICE, Column.OUTCOME)
)


class _Colours(NamedTuple):
    """What a cell is painted with, for one palette and colour group."""

    highlight: QBrush
    highlighted_text: QColor
    text: QColor
    key: QColor


class CellPainter(QStyledItemDelegate):
    """Draws chronology cells: background, one line of text cut with "…", focus."""

    def __init__(self, model: ChronologyModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        # Texts cut to fit, by (text, width, bold): they stay right whatever rows
        # show, so filtering and sorting keep them; a font change clears them.
        self._fitted: dict[tuple[str, int, bool], str] = {}
        self._wrapped: dict[tuple[str, int, str], tuple[str, str]] = {}
        self._bold: QFont | None = None
        self._bold_metrics: QFontMetrics | None = None
        self._font_key = ""
        self._palettes: dict[tuple[int, int], _Colours] = {}
        # The room either side of the text that Qt's own item painting leaves.
        style = parent.style() if parent is not None else QApplication.style()
        metric = QStyle.PixelMetric.PM_FocusFrameHMargin
        self._margin = style.pixelMetric(metric, None, parent) + 1

    def forget(self) -> None:
        """Forget the texts cut to fit (the view's font or style changed)."""
        self._fitted.clear()
        self._wrapped.clear()
        self._bold = self._bold_metrics = None

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        column = index.column()
        text, key = self._model.shown_text(index.row(), column)
        rect = option.rect
        state = option.state.value
        colours = self._colours(option.palette, state)
        if state & _SELECTED:
            painter.fillRect(rect, colours.highlight)
            pen = colours.highlighted_text
        else:
            if key:
                painter.fillRect(rect, colours.key)
            pen = colours.text
        if text:
            bold = key and column == _DATE
            font: QFont = option.font
            metrics = self._metrics(font) if bold else option.fontMetrics
            margin = self._margin
            room = rect.adjusted(margin, 0, -margin, 0)
            two_lines = (
                column in _WRAPPING
                and rect.height() >= 2 * metrics.lineSpacing() + 4
                and option.direction != _RIGHT_TO_LEFT
            )
            shown = "" if two_lines else self._fit(text, room.width(), bold, metrics)
            painter.save()
            painter.setPen(pen)
            if bold:
                assert self._bold is not None
                painter.setFont(self._bold)
            if two_lines:
                first, second = self._fit_two(text, room.width(), metrics)
                top = rect.top() + (rect.height() - 2 * metrics.lineSpacing()) // 2
                painter.drawText(room.left(), top + metrics.ascent(), first)
                if second:
                    baseline = top + metrics.lineSpacing() + metrics.ascent()
                    painter.drawText(room.left(), baseline, second)
            elif column == _KEY or option.direction == _RIGHT_TO_LEFT:
                align = _CENTRE if column == _KEY else _LEFT
                painter.drawText(room, QStyle.visualAlignment(option.direction, align), shown)
            else:
                # From a baseline: Qt's boxed form lays the text out a second time.
                top = rect.top() + (rect.height() - metrics.height()) // 2
                painter.drawText(room.left(), top + metrics.ascent(), shown)
            painter.restore()
        if state & _FOCUS:
            self._focus_frame(painter, option, rect)

    def _colours(self, palette: QPalette, state: int) -> _Colours:
        group = (
            QPalette.ColorGroup.Disabled
            if not state & _ENABLED
            else QPalette.ColorGroup.Normal
            if state & _ACTIVE
            else QPalette.ColorGroup.Inactive
        )
        cache_key = (palette.cacheKey(), group.value)
        colours = self._palettes.get(cache_key)
        if colours is None:
            dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
            colours = self._palettes[cache_key] = _Colours(
                palette.brush(group, QPalette.ColorRole.Highlight),
                palette.color(group, QPalette.ColorRole.HighlightedText),
                palette.color(group, QPalette.ColorRole.Text),
                KEY_DARK if dark else KEY_LIGHT,
            )
            if len(self._palettes) > 16:  # palettes change with the theme: keep a few
                self._palettes = {cache_key: colours}
        return colours

    def _metrics(self, font: QFont) -> QFontMetrics:
        """The bold font's metrics (made again only when the view's font changes)."""
        key = font.key()
        if self._bold is None or self._bold_metrics is None or key != self._font_key:
            self._bold = QFont(font)
            self._bold.setBold(True)
            self._bold_metrics = QFontMetrics(self._bold)
            self._font_key = key
            self._fitted.clear()
        return self._bold_metrics

    def _fit(self, text: str, width: int, bold: bool, metrics: QFontMetrics) -> str:
        """``text`` cut with "…" to ``width`` pixels, from a short start of a long text."""
        cache_key = (text, width, bold)
        shown = self._fitted.get(cache_key)
        if shown is not None:
            return shown
        # No more characters than could fit if all were narrow; the rest is never laid out.
        most = width * 2 // max(1, metrics.averageCharWidth()) + 4
        part = text if len(text) <= most else text[:most]
        shown = metrics.elidedText(part, _ELIDE, width)
        if shown == part and part is not text:
            # The start fitted whole, but there is more: say so.
            shown = metrics.elidedText(part[:-1] + "…", _ELIDE, width)
        if len(self._fitted) >= _CACHE_AT_MOST:
            self._fitted.clear()
        self._fitted[cache_key] = shown
        return shown

    def _fit_two(self, text: str, width: int, metrics: QFontMetrics) -> tuple[str, str]:
        """``text`` over two lines of ``width`` pixels: broken between words, the second
        cut with "…" (remembered like :meth:`_fit`)."""
        cache_key = (text, width, "two")
        known = self._wrapped.get(cache_key)
        if known is not None:
            return known
        most = width * 4 // max(1, metrics.averageCharWidth()) + 8
        words = text[:most].split(" ")
        line, used = "", 0
        for used, word in enumerate(words):  # noqa: B007 (the word that did not fit)
            trial = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(trial) > width:
                break
            line = trial
        else:
            used = len(words)
        if not line:  # one word longer than the column
            wrapped = (self._fit(text, width, False, metrics), "")
        else:
            rest = " ".join(words[used:]) + text[most:]
            wrapped = (line, self._fit(rest, width, False, metrics) if rest.strip() else "")
        if len(self._wrapped) >= _CACHE_AT_MOST:
            self._wrapped.clear()
        self._wrapped[cache_key] = wrapped
        return wrapped

    def _focus_frame(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect) -> None:
        frame = QStyleOptionFocusRect()
        frame.initFrom(option.widget)
        frame.rect = rect
        frame.state = option.state | QStyle.StateFlag.State_KeyboardFocusChange
        frame.backgroundColor = option.palette.color(QPalette.ColorRole.Highlight)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter, option.widget
            )
