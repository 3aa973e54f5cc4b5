"""The gutter left of the text: paragraph numbers and the voice rail.

The rail is a thin bar beside the lines where someone is quoted, in that speaker's side colour,
and dashed grey beside claims that cite nobody: who is speaking, at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from reader.core.analysis.model import Analysis
from reader.ui.article_view import ArticleView
from reader.ui.theme import UI_FAMILY, Theme, side_group

WIDTH = 32


class Gutter(QWidget):
    def __init__(self, view: ArticleView, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.theme = theme
        self.analysis: Analysis | None = None
        self.setFixedWidth(WIDTH)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.update())
        view.layoutChanged.connect(self.update)

    def set_analysis(self, analysis: Analysis | None) -> None:
        self.analysis = analysis
        self.update()

    def _y(self, offset: int, bottom: bool = False) -> int:
        rect = self.view.anchor_rect(offset)
        point = QPoint(0, rect.bottom() if bottom else rect.top())
        return self.mapFromGlobal(self.view.viewport().mapToGlobal(point)).y()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.analysis is None or self.view.article is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(UI_FAMILY)
        font.setPixelSize(11)
        p.setFont(font)
        height = self.height()
        p.setPen(QColor(self.theme.tertiary))
        for index, (start, _end) in enumerate(self.analysis.paragraphs()):
            y = self._y(start)
            if -20 < y < height:
                p.drawText(0, y, WIDTH - 12, 20, int(Qt.AlignmentFlag.AlignRight), str(index + 1))
        x = WIDTH - 5.0
        for a in self.analysis.attributions:
            top, bottom = self._y(a.start), self._y(max(a.start, a.end - 1), bottom=True)
            if bottom < 0 or top > height:
                continue
            pen = QPen(QColor(self.theme.sides[side_group(a.speaker.side)].bar), 2.5)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawLine(QPointF(x, top + 4), QPointF(x, bottom - 2))
        for u in self.analysis.unattributed:
            top, bottom = self._y(u.start), self._y(max(u.start, u.end - 1), bottom=True)
            if bottom < 0 or top > height:
                continue
            pen = QPen(QColor(self.theme.unattributed), 2.0)
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(x, top + 4), QPointF(x, bottom - 2))
        p.end()
