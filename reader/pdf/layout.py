"""Laying out one exported article: text column with marks, numbered margin cards, pages.

Coordinates are device pixels of the QPdfWriter (``RESOLUTION`` dpi), with (0, 0) at the top
left of the printable area. Pagination is our own, at line boundaries, so each page can give
up some of its height to a footnote area when its margin cards do not fit beside the text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from reader.core.analysis.model import paragraph_bounds
from reader.core.export_content import WORDING_WASH, Card, ExportArticle, Mark
from reader.pdf import fonts

RESOLUTION = 300
CARD_GAP_PT = 4.0
CARD_PAD_PT = 4.0


def pt(points: float) -> float:
    return points * RESOLUTION / 72.0


@dataclass
class Geometry:
    width: float  # printable width (px)
    height: float  # printable height available for content (px), footer excluded
    footer_y: float
    text_w: float
    gutter: float
    note_x: float
    note_w: float

    @classmethod
    def for_page(cls, width: float, height: float) -> Geometry:
        text_w = width * 0.65
        gutter = width * 0.035
        footer_h = pt(16)
        return cls(width, height - footer_h, height - pt(9), text_w, gutter, text_w + gutter,
                   width - text_w - gutter)


class Flow:
    """A QTextDocument laid out at a fixed width (no pagination of its own), with its lines."""

    def __init__(self, doc: QTextDocument, width: float, x: float = 0.0) -> None:
        self.doc = doc
        self.width = width
        self.x = x
        doc.setTextWidth(width)
        self.lines: list[tuple[float, float]] = []  # (top, bottom) in document coordinates
        layout = doc.documentLayout()
        block = doc.begin()
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            tl = block.layout()
            for i in range(tl.lineCount()):
                line = tl.lineAt(i)
                self.lines.append((top + line.y(), top + line.y() + line.height()))
            block = block.next()
        self.height = doc.size().height()

    def line_at(self, y: float) -> int:
        for i, (top, bottom) in enumerate(self.lines):
            if top <= y < bottom or y < top:
                return i
        return len(self.lines) - 1


def new_doc(device: QPagedPaintDevice, default: QFont, css: str = "") -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(default)
    if css:
        doc.setDefaultStyleSheet(css)
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WordWrap)
    doc.setDefaultTextOption(opt)
    return doc


# -- the article body ----------------------------------------------------------------------------


_BG_PRIORITY = ("highlight", "flag")
_UL_PRIORITY = ("source", "unattributed", "mention")


def _char_format(active: list[Mark]) -> QTextCharFormat:
    fmt = QTextCharFormat()
    kinds = {m.kind: m for m in active}
    for kind in _BG_PRIORITY:
        if kind in kinds:
            color = kinds[kind].color if kind == "highlight" else WORDING_WASH
            fmt.setBackground(QColor(color))
            break
    for kind in _UL_PRIORITY:
        if kind in kinds:
            style = {
                "source": QTextCharFormat.UnderlineStyle.SingleUnderline,
                "unattributed": QTextCharFormat.UnderlineStyle.DashUnderline,
                "mention": QTextCharFormat.UnderlineStyle.DotLine,
            }[kind]
            fmt.setUnderlineStyle(style)
            fmt.setUnderlineColor(QColor(kinds[kind].color))
            break
    return fmt


class ArticleBody:
    """The article text as a document, with a map from text offsets to document positions."""

    def __init__(self, device: QPagedPaintDevice, content: ExportArticle, width: float) -> None:
        body_font = fonts.font(fonts.SERIF, 10.0)
        doc = new_doc(device, body_font)
        text = content.text
        self.paragraphs = paragraph_bounds(text) or [(0, len(text))]
        self.para_pos: list[int] = []
        cursor = QTextCursor(doc)
        block_fmt = QTextBlockFormat()
        block_fmt.setLineHeight(138, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block_fmt.setBottomMargin(pt(5))
        # the user's highlights are drawn by their /Highlight annotations (Multiply), not here:
        # painting them as well would double the colour and show twice in annotation tools
        marks = sorted((m for m in content.marks if m.kind != "highlight"), key=lambda m: m.start)
        for i, (ps, pe) in enumerate(self.paragraphs):
            if i:
                cursor.insertBlock(block_fmt)
            else:
                cursor.setBlockFormat(block_fmt)
            self.para_pos.append(cursor.position())
            inside = [m for m in marks if m.start < pe and m.end > ps]
            cuts = {ps, pe}
            for m in inside:
                cuts.add(max(ps, m.start))
                cuts.add(min(pe, m.end))
            points = sorted(cuts)
            for s, e in itertools.pairwise(points):
                if s >= e:
                    continue
                active = [m for m in inside if m.start <= s and m.end >= e]
                chunk = text[s:e].replace("\n", " ")
                cursor.insertText(chunk, _char_format(active) if active else QTextCharFormat())
        self.doc = doc
        self.flow = Flow(doc, width)

    def doc_pos(self, offset: int) -> int:
        """Document position of text offset ``offset`` (clamped into its paragraph)."""
        for (ps, pe), pos in zip(self.paragraphs, self.para_pos, strict=True):
            if offset <= pe:
                return pos + max(0, offset - ps)
        ps, pe = self.paragraphs[-1]
        return self.para_pos[-1] + (pe - ps)

    def line_rects(self, start: int, end: int) -> list[QRectF]:
        """One rectangle per line covered by ``text[start:end]`` (document coordinates)."""
        a, b = self.doc_pos(start), self.doc_pos(end)
        rects: list[QRectF] = []
        layout = self.doc.documentLayout()
        block = self.doc.findBlock(a)
        while block.isValid() and block.position() <= b:
            top = layout.blockBoundingRect(block).top()
            tl = block.layout()
            base = block.position()
            for i in range(tl.lineCount()):
                line = tl.lineAt(i)
                ls, le = base + line.textStart(), base + line.textStart() + line.textLength()
                s, e = max(a, ls), min(b, le)
                if s >= e:
                    continue
                x1 = _x(line.cursorToX(s - base))
                x2 = _x(line.cursorToX(e - base))
                rects.append(QRectF(x1, top + line.y(), max(1.0, x2 - x1), line.height()))
            block = block.next()
        return rects

    def anchor_y(self, offset: int) -> tuple[float, float]:
        """(top, height) of the line holding ``offset``."""
        pos = self.doc_pos(offset)
        block = self.doc.findBlock(pos)
        top = self.doc.documentLayout().blockBoundingRect(block).top()
        tl = block.layout()
        line = tl.lineForTextPosition(pos - block.position())
        if not line.isValid():
            line = tl.lineAt(max(0, tl.lineCount() - 1))
        return top + line.y(), line.height()


def _x(value: object) -> float:
    """``QTextLine.cursorToX`` returns (x, pos) in PySide6."""
    if isinstance(value, tuple):
        return float(value[0])
    return float(value)  # type: ignore[arg-type]


# -- margin cards ----------------------------------------------------------------------------------

CARD_CSS = """
p { margin: 0; }
i { color: #3F4754; }
a { color: #3F4754; text-decoration: none; }
blockquote { margin-left: 6px; color: #585F69; }
ul, ol { margin-left: 10px; -qt-list-indent: 0; }
"""


class CardBox:
    """A card rendered in full and compact form, measured lazily."""

    def __init__(self, card: Card, device: QPagedPaintDevice, width: float) -> None:
        self.card = card
        self.device = device
        self.width = width
        self._docs: dict[str, QTextDocument] = {}
        self.anchor_top = 0.0  # page coordinates, set by the paginator
        self.anchor_h = 0.0
        self.page_anchor = 0.0  # top of the anchor line on its page
        self.line = 0  # index of the anchor line in the article flow

    def doc(self, form: str) -> QTextDocument:
        if form not in self._docs:
            size = 7.0 if form == "full" else 6.6
            doc = new_doc(self.device, fonts.font(fonts.SANS, size), CARD_CSS)
            html = self.card.html if form == "full" else self.card.compact_html
            doc.setHtml(f'<div style="color:#24272B">{html}</div>')
            doc.setTextWidth(self.inner_width)
            self._docs[form] = doc
        return self._docs[form]

    @property
    def inner_width(self) -> float:
        return self.width - pt(CARD_PAD_PT) * 2 - pt(12)

    def height(self, form: str) -> float:
        return self.doc(form).size().height() + pt(CARD_PAD_PT) * 2


@dataclass
class Placed:
    box: CardBox
    y: float
    form: str  # full | compact


@dataclass
class PageSlice:
    flow: Flow
    y_from: float
    y_to: float
    page_y: float


@dataclass
class Page:
    slices: list[PageSlice] = field(default_factory=list)
    cards: list[Placed] = field(default_factory=list)
    footnotes: list[CardBox] = field(default_factory=list)
    footnote_top: float = 0.0
    article_index: int = -1
    label: str = ""  # footer text
    body_slice: PageSlice | None = None  # the article text slice on this page
    sections: list[str] = field(default_factory=list)  # end-flow headings starting on this page


def stack(boxes: list[CardBox], forms: list[str], top: float, bottom: float) -> list[float] | None:
    """Card tops: each level with its anchor if possible, never overlapping, inside [top, bottom]."""
    gap = pt(CARD_GAP_PT)
    ys: list[float] = []
    prev = top - gap
    for box, form in zip(boxes, forms, strict=True):
        y = max(box.page_anchor, prev + gap)
        ys.append(y)
        prev = y + box.height(form)
    limit = bottom
    for i in range(len(boxes) - 1, -1, -1):
        h = boxes[i].height(forms[i])
        if ys[i] + h > limit:
            ys[i] = limit - h
        limit = ys[i] - gap
    if ys and ys[0] < top:
        return None
    return ys


_COMPACT_FIRST = {"unattributed": 0, "source": 1, "background": 2, "wording": 3, "note": 4}


def place_cards(boxes: list[CardBox], top: float, bottom: float) -> tuple[list[Placed], list[CardBox]]:
    """Place ``boxes`` in the margin: full cards, then compact ones, then overflow to footnotes."""
    if not boxes:
        return [], []
    forms = ["full" if box.card.html != box.card.compact_html else "compact" for box in boxes]
    ys = stack(boxes, forms, top, bottom)
    if ys is None:
        # compact the tallest full cards first until the stack fits
        order = sorted(
            range(len(boxes)),
            key=lambda i: (_COMPACT_FIRST.get(boxes[i].card.kind, 9), -boxes[i].height("full")),
        )
        for i in order:
            forms[i] = "compact"
            ys = stack(boxes, forms, top, bottom)
            if ys is not None:
                break
    if ys is not None:
        return [Placed(b, y, f) for b, y, f in zip(boxes, ys, forms, strict=True)], []
    # still too many: keep the first ones in the margin, the rest go to the footnote area
    forms = ["compact"] * len(boxes)
    keep = len(boxes)
    while keep > 0:
        keep -= 1
        ys = stack(boxes[:keep], forms[:keep], top, bottom)
        if ys is not None:
            break
    ys = ys or []
    placed = [Placed(b, y, f) for b, y, f in zip(boxes[:keep], ys, forms[:keep], strict=True)]
    return placed, boxes[keep:]


def footnote_doc(device: QPagedPaintDevice, boxes: list[CardBox], width: float) -> QTextDocument:
    doc = new_doc(device, fonts.font(fonts.SANS, 6.6), CARD_CSS)
    rows = "".join(
        f'<p style="margin-bottom:2px"><b style="color:{b.card.accent}">{b.card.number}</b>&nbsp; '
        f"{b.card.compact_html}</p>"
        for b in boxes
    )
    doc.setHtml(f'<div style="color:#24272B">{rows}</div>')
    doc.setTextWidth(width)
    return doc


def paragraph_html(text: str) -> str:
    return escape(text)
