"""Painting one laid-out page: the text, the numbered margin cards, the footnote area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPen,
)

from reader.pdf import fonts
from reader.pdf.layout import (
    Geometry,
    Page,
    footnote_doc,
    pt,
)

if TYPE_CHECKING:
    pass


def paint_page(p: QPainter, page: Page, geo: Geometry, index: int, total: int) -> None:
    for sl in page.slices:
        p.save()
        p.translate(sl.flow.x, sl.page_y - sl.y_from)
        sl.flow.doc.drawContents(p, QRectF(0, sl.y_from, sl.flow.width, sl.y_to - sl.y_from))
        p.restore()
    if page.label.startswith("rule:"):
        y = float(page.label[5:])
        p.setPen(QPen(QColor("#C9C4BA"), pt(0.6)))
        p.drawLine(QPointF(0, y), QPointF(geo.width, y))
    _paint_cards(p, page, geo)
    if page.footnotes:
        _paint_footnotes(p, page, geo)
    # footer
    p.setPen(QColor("#8E9196"))
    p.setFont(fonts.font(fonts.SANS, 6.5))
    p.drawText(QRectF(0, geo.footer_y, geo.width, pt(9)), int(Qt.AlignmentFlag.AlignRight),
               f"{index + 1} / {total}")
    p.drawText(QRectF(0, geo.footer_y, geo.width * 0.8, pt(9)), int(Qt.AlignmentFlag.AlignLeft),
               "Margin — annotated export")


def _paint_cards(p: QPainter, page: Page, geo: Geometry) -> None:
    if not page.cards and not page.footnotes:
        return
    by_line: dict[float, list[int]] = {}
    for box in sorted([pl.box for pl in page.cards] + page.footnotes, key=lambda b: b.card.number):
        by_line.setdefault(round(box.page_anchor, 1), []).append(box.card.number)
    for placed in page.cards:
        box, y = placed.box, placed.y
        card = box.card
        h = box.height(placed.form)
        x = geo.note_x
        w = geo.note_w
        anchor = box.page_anchor
        # connector when the card sits away from its line
        if abs(y - anchor) > pt(6):
            pen = QPen(QColor("#C9C4BA"), pt(0.5))
            pen.setStyle(Qt.PenStyle.DotLine)
            p.setPen(pen)
            ay = anchor + box.anchor_h * 0.55
            p.drawLine(QPointF(geo.text_w + pt(10), ay), QPointF(x, y + pt(6)))
        p.setPen(QPen(QColor("#E8E4DC"), pt(0.5)))
        p.setBrush(QColor("#FFFFFF"))
        p.drawRoundedRect(QRectF(x, y, w, h), pt(3), pt(3))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(card.accent))
        p.drawRect(QRectF(x, y + pt(1), pt(1.6), h - pt(2)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        # number
        p.setPen(QColor(card.accent))
        p.setFont(fonts.font(fonts.SANS, 6.8, bold=True))
        p.drawText(QRectF(x + pt(3.5), y + pt(CARD_PAD), pt(12), pt(9)), int(Qt.AlignmentFlag.AlignLeft),
                   str(card.number))
        p.save()
        p.translate(x + pt(3.5) + pt(12), y + pt(CARD_PAD))
        box.doc(placed.form).drawContents(p)
        p.restore()
    # numbers in the gutter, level with the lines
    p.setFont(fonts.font(fonts.SANS, 5.8, bold=True))
    p.setPen(QColor("#6C727B"))
    for anchor, numbers in by_line.items():
        p.drawText(QRectF(geo.text_w + pt(1.5), anchor, geo.gutter - pt(2), pt(8)),
                   int(Qt.AlignmentFlag.AlignLeft), _number_label(numbers))


def _number_label(numbers: list[int]) -> str:
    """"3", "3,4" or "3–6" for the cards anchored on one line."""
    if len(numbers) == 1:
        return str(numbers[0])
    if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"{numbers[0]},{numbers[1]}" if len(numbers) == 2 else f"{numbers[0]}–{numbers[-1]}"
    return f"{numbers[0]}+"


CARD_PAD = 4.0


def _paint_footnotes(p: QPainter, page: Page, geo: Geometry) -> None:
    top = page.footnote_top
    p.setPen(QPen(QColor("#C9C4BA"), pt(0.5)))
    p.drawLine(QPointF(0, top + pt(2)), QPointF(geo.width * 0.3, top + pt(2)))
    doc = footnote_doc(p.device(), page.footnotes, geo.width)  # type: ignore[arg-type]
    p.save()
    p.translate(0, top + pt(5))
    doc.drawContents(p)
    p.restore()


