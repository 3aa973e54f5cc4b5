"""A thin curve joining the hovered or focused card to its line in the text (design: "Hover").

The overlay covers the reading area, lets every mouse event through and paints one cubic curve
from the edge of the text column, level with the span's line, to the card's header.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

# (start in the text column, end at the card) in the overlay's coordinates, and the colour
Link = tuple[QPointF, QPointF, str]


class Connector(QWidget):
    def __init__(self, link: Callable[[], Link | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.link = link
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clip = QRect()  # where the curve may be drawn (below the summary strip)

    def paintEvent(self, event: QPaintEvent) -> None:
        found = self.link()
        if found is None:
            return
        start, end, color = found
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.clip.isNull():
            p.setClipRect(self.clip)
        pen = QPen(QColor(color))
        pen.setWidthF(1.2)
        p.setPen(pen)
        path = QPainterPath(start)
        mid = (start.x() + end.x()) / 2
        path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
        p.drawPath(path)
        p.setBrush(QColor(color))
        p.drawEllipse(start, 2.2, 2.2)
        p.end()
