"""The overview ruler: the article's scrollbar with a tick per wording flag, unattributed claim
and headline check, so a reader sees where the marks are in the whole text (design: "Toggles and
ruler"). Clicking a tick scrolls to its mark; anywhere else the bar behaves like a scrollbar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleOptionSlider, QWidget

TICK_HIT_PX = 4


class OverviewRuler(QScrollBar):
    """A vertical scrollbar that also shows ticks at fractions of the document height.

    ``fraction_of(offset)`` maps an article offset to 0…1 of the document height (asked at
    paint time, so ticks follow re-wrapping and zoom); ``jump(offset)`` scrolls to one.
    """

    def __init__(self, fraction_of: Callable[[int], float], jump: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.fraction_of = fraction_of
        self.jump = jump
        self.ticks: list[tuple[int, str]] = []  # (article offset, colour)
        self.setMinimumWidth(14)

    def set_ticks(self, ticks: list[tuple[int, str]]) -> None:
        self.ticks = sorted(ticks)
        self.setToolTip(self.tr("%n marks in this article", "", len(self.ticks)) if self.ticks else "")
        self.update()

    def _groove(self) -> QRectF:
        opt = QStyleOptionSlider()
        self.initStyleOption(opt)
        groove = self.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, opt,
                                             QStyle.SubControl.SC_ScrollBarGroove, self)
        if groove.height() <= 0:
            groove = self.rect()
        return QRectF(groove)

    def tick_positions(self) -> list[tuple[float, int, str]]:
        """(y in this widget, offset, colour) of every tick."""
        groove = self._groove()
        return [(groove.top() + self.fraction_of(offset) * groove.height(), offset, color)
                for offset, color in self.ticks]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.ticks:
            return
        p = QPainter(self)
        width = self.width()
        for y, _offset, color in self.tick_positions():
            p.fillRect(QRectF(2, y - 1, width - 4, 2.5), QColor(color))
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.ticks:
            y = event.position().y()
            near = min(self.tick_positions(), key=lambda t: abs(t[0] - y))
            if abs(near[0] - y) <= TICK_HIT_PX:
                self.jump(near[1])
                event.accept()
                return
        super().mousePressEvent(event)
