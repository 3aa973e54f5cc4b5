"""The article in the middle: readable typography, inline marks, offsets ↔ document positions.

The document is built from the article's cleaned text paragraph by paragraph, so an article
offset maps to a document position by a per-paragraph shift (``doc_pos``/``article_offset``).
Marks are ``ExtraSelection``s over those positions: they never change the text, each kind can
be switched off, and tests can read them back as formats.

Nothing is ever loaded from outside: ``loadResource`` answers every request with nothing, and
the article is plain text (the imported HTML is never shown).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, QRect, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QTextEdit, QWidget

from reader.core.analysis.model import paragraph_bounds
from reader.core.models import Article
from reader.ui.theme import DISPLAY_FAMILY, READING_FAMILY, UI_FAMILY, Theme

MARK_KINDS = ("sources", "unattributed", "background", "wording", "highlights")
BASE_PX = 17.0  # body text size at zoom 1.0
MEASURE_EM = 36.5  # text column width in ems: about 70 characters of Noto Serif


@dataclass(frozen=True)
class Mark:
    """One inline mark: a span of the article, its kind, and the card it belongs to."""

    start: int
    end: int
    kind: str  # sources | unattributed | background | wording | highlights
    key: str  # the card (annotation key, or "note:<id>")
    color: str
    style: str = "underline"  # underline | dash | dot | wash


class ArticleView(QTextBrowser):
    """Read-only article view with marks. Emits ``markClicked(key)`` for a click on a mark."""

    markClicked = Signal(str)
    layoutChanged = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleView")
        self.setAccessibleName(self.tr("Article text"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.theme = theme
        self.zoom = 1.0
        self.article: Article | None = None
        self.marks: list[Mark] = []
        self.visible_kinds: set[str] = set(MARK_KINDS)
        self.emphasis: tuple[int, int, str] | None = None  # hovered/focused span
        self._para_starts: list[int] = []  # article offsets of paragraph starts
        self._para_pos: list[int] = []  # document positions of paragraph starts
        self._body_pos = 0
        self.document().documentLayout().documentSizeChanged.connect(lambda *_: self.layoutChanged.emit())

    # -- no network, ever -----------------------------------------------------------------------

    def loadResource(self, type: int, name: QUrl | str) -> object:
        """Nothing is fetched: not remote images, not local files, not data URLs."""
        return None

    # -- building ------------------------------------------------------------------------------

    def text_width(self) -> int:
        return int(BASE_PX * self.zoom * MEASURE_EM)

    def set_article(self, article: Article | None, header: list[tuple[str, str]] | None = None) -> None:
        """Show ``article``; ``header`` lines are (role, text) above the title (outlet line…)."""
        self.article = article
        self.marks = []
        self.emphasis = None
        self._header = header or []
        self._build(self._header)
        self.verticalScrollBar().setValue(0)

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        body = QFont(READING_FAMILY)
        body.setPixelSize(round(BASE_PX * self.zoom))
        body.setFeature(QFont.Tag("liga"), 0)
        title = QFont(DISPLAY_FAMILY)
        title.setPixelSize(round(30 * self.zoom))
        title.setBold(True)
        meta = QFont(UI_FAMILY)
        meta.setPixelSize(round(12.5 * self.zoom))
        return body, title, meta

    def _build(self, header: list[tuple[str, str]]) -> None:
        doc = QTextDocument(self)
        doc.setDocumentMargin(0)
        frame = doc.rootFrame().frameFormat()
        frame.setTopMargin(round(36 * self.zoom))
        frame.setBottomMargin(round(160 * self.zoom))
        doc.rootFrame().setFrameFormat(frame)
        body_font, title_font, meta_font = self._fonts()
        doc.setDefaultFont(body_font)
        cursor = QTextCursor(doc)
        self._para_starts, self._para_pos = [], []
        article = self.article
        t = self.theme
        if article is None:
            fmt = QTextCharFormat()
            fmt.setFont(meta_font)
            fmt.setForeground(QColor(t.secondary))
            cursor.insertText(self.tr("No article open. Choose one from the library."), fmt)
            self._install(doc)
            return
        first = True

        def block(space_after: float, line_px: float = 0.0) -> None:
            """A new block; ``line_px`` > 0 fixes the line pitch (design: body 26.5, title 38)."""
            nonlocal first
            fmt = QTextBlockFormat()
            fmt.setBottomMargin(space_after * self.zoom)
            if line_px:
                fmt.setLineHeight(line_px * self.zoom, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            if first:
                cursor.setBlockFormat(fmt)
                first = False
            else:
                cursor.insertBlock(fmt)

        for role, text in header:
            block(4)
            fmt = QTextCharFormat()
            fmt.setFont(meta_font)
            fmt.setForeground(QColor(t.secondary if role != "outlet" else t.text))
            if role == "outlet":
                fmt.setFontWeight(QFont.Weight.Bold)
            cursor.insertText(text, fmt)
        block(14, 38)
        fmt = QTextCharFormat()
        fmt.setFont(title_font)
        fmt.setForeground(QColor(t.title))
        cursor.insertText(article.title, fmt)
        meta_bits = self._meta_bits(article)
        if meta_bits:
            block(4 if article.url else 18)
            fmt = QTextCharFormat()
            fmt.setFont(meta_font)
            fmt.setForeground(QColor(t.secondary))
            cursor.insertText("  ·  ".join(meta_bits), fmt)
        if article.url:  # on its own line: a long address would otherwise break the meta line
            block(18)
            fmt = QTextCharFormat()
            fmt.setFont(meta_font)
            fmt.setForeground(QColor(t.tertiary))
            cursor.insertText(article.url, fmt)
        body_fmt = QTextCharFormat()
        body_fmt.setFont(body_font)
        body_fmt.setForeground(QColor(t.text))
        for start, end in paragraph_bounds(article.text):
            block(15, 26.5)
            self._para_starts.append(start)
            self._para_pos.append(cursor.position())
            cursor.insertText(article.text[start:end], body_fmt)
        self._body_end = cursor.position()
        self._append_related(cursor, block, meta_font)
        self._install(doc)

    def set_related(self, related: list[tuple[int, str, str]]) -> None:
        """Other articles on the same events: (id, title, outlet · date), shown after the text."""
        self.related = related

    def _append_related(self, cursor: QTextCursor, block: Callable[[float, float], None],
                        font: QFont) -> None:
        """The "elsewhere in your library" links after the last paragraph (not article text)."""
        related = getattr(self, "related", [])
        if not related:
            return
        t = self.theme

        def fmt(color: str, bold: bool = False, href: str = "") -> QTextCharFormat:
            f = QTextCharFormat()
            f.setFont(font)
            f.setForeground(QColor(color))
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            if href:
                f.setAnchor(True)
                f.setAnchorHref(href)
            return f

        block(6, 0)
        cursor.insertText(self.tr("ELSEWHERE IN YOUR LIBRARY"), fmt(t.secondary, bold=True))
        for article_id, title, meta in related:
            block(2, 0)
            cursor.insertText(title, fmt(t.link, href=f"article:{article_id}"))
            if meta:
                cursor.insertText(f"  ·  {meta}", fmt(t.tertiary))

    def _meta_bits(self, article: Article) -> list[str]:
        """Date (or dateline), language and length: the line under the title."""
        lang = _ui_language()
        bits: list[str] = []
        date = QDate.fromString(article.published[:10], Qt.DateFormat.ISODate)
        dateline = article.dateline.strip()
        if date.isValid() and not (dateline and str(date.year()) in dateline):
            bits.append(QLocale(lang).toString(date, "d MMMM yyyy"))
        elif article.published and not date.isValid():
            bits.append(article.published)
        if dateline:  # "Yerevan, 14 October 2020" already says the date
            bits.append(dateline)
        if article.language:
            name = QLocale(article.language).nativeLanguageName()
            if lang == "en":
                name = QLocale.languageToString(QLocale(article.language).language())
            if name and name != "C":
                bits.append(name[:1].upper() + name[1:])
        words = article.word_count()
        bits.append(self.tr("%n words", "", words))
        bits.append(self.tr("%n min read", "", max(1, -(-words // 200))))
        return bits

    def _install(self, doc: QTextDocument) -> None:
        self.setDocument(doc)  # the previous document, a child of this view, is deleted by Qt
        doc.setTextWidth(self.text_width())
        doc.documentLayout().documentSizeChanged.connect(lambda *_: self.layoutChanged.emit())
        if self.marks or self.emphasis:
            self._apply_marks()
        self.layoutChanged.emit()

    # -- offsets -------------------------------------------------------------------------------

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)

    def doc_pos(self, offset: int) -> int:
        """Document position of article offset ``offset``."""
        if not self._para_starts:
            return 0
        i = self.paragraph_of(offset)
        return self._para_pos[i] + max(0, offset - self._para_starts[i])

    def article_offset(self, pos: int) -> int | None:
        """Article offset of document position ``pos`` (None in the header)."""
        if not self._para_pos or pos < self._para_pos[0] or pos > getattr(self, "_body_end", pos):
            return None
        i = bisect.bisect_right(self._para_pos, pos) - 1
        return self._para_starts[i] + (pos - self._para_pos[i])

    def paragraph_top_offset(self, paragraph: int) -> int:
        return self._para_starts[paragraph] if paragraph < len(self._para_starts) else 0

    def anchor_rect(self, offset: int) -> QRect:
        """Viewport rectangle of the line holding article offset ``offset``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.doc_pos(offset), self.document().characterCount() - 1))
        return self.cursorRect(cursor)

    def selected_span(self) -> tuple[int, int] | None:
        c = self.textCursor()
        if not c.hasSelection():
            return None
        a = self.article_offset(c.selectionStart())
        b = self.article_offset(c.selectionEnd())
        if a is None or b is None or b <= a:
            return None
        return a, b

    def select_span(self, start: int, end: int, scroll: bool = True) -> None:
        """Select the article span [start, end) and bring it into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.doc_pos(start))
        cursor.setPosition(self.doc_pos(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if scroll:
            self.scroll_to(start)

    def scroll_to(self, offset: int) -> None:
        """Scroll so the line of ``offset`` sits about a quarter down the view (if not visible)."""
        rect = self.anchor_rect(offset)
        if 40 < rect.top() < self.viewport().height() - 80:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 4)

    # -- marks ---------------------------------------------------------------------------------

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._apply_marks()

    def set_visible_kinds(self, kinds: set[str]) -> None:
        if set(kinds) != self.visible_kinds:
            self.visible_kinds = set(kinds)
            self._apply_marks()

    def set_emphasis(self, span: tuple[int, int, str] | None) -> None:
        """Light up one span (hovered or focused card): (start, end, colour)."""
        self.emphasis = span
        self._apply_marks()

    def _apply_marks(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        doc = self.document()
        for mark in self.marks:
            if mark.kind not in self.visible_kinds:
                continue
            selections.append(self._selection(doc, mark.start, mark.end, self._format(mark)))
        if self.emphasis is not None:
            start, end, color = self.emphasis
            fmt = QTextCharFormat()
            wash = QColor(color)
            wash.setAlphaF(0.30 if self.theme.name == "dark" else 0.22)
            fmt.setBackground(wash)
            fmt.setProperty(QTextFormat.Property.UserProperty, "emphasis")
            selections.append(self._selection(doc, start, end, fmt))
        self.setExtraSelections(selections)

    def _selection(self, doc: QTextDocument, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(doc)
        cursor.setPosition(self.doc_pos(start))
        cursor.setPosition(self.doc_pos(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _format(self, mark: Mark) -> QTextCharFormat:
        fmt = QTextCharFormat()
        color = QColor(mark.color)
        if mark.style == "wash":
            wash = QColor(color)
            wash.setAlphaF(0.16 if self.theme.name == "dark" else 0.13)
            fmt.setBackground(wash)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        elif mark.style == "dash":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        elif mark.style == "dot":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        elif mark.style == "highlight":
            fmt.setBackground(color)
            fmt.setForeground(QColor("#16181B"))
        else:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(color)
        fmt.setProperty(QTextFormat.Property.UserProperty, mark.kind)
        return fmt

    def marks_at(self, offset: int) -> list[Mark]:
        return [m for m in self.marks if m.start <= offset < m.end and m.kind in self.visible_kinds]

    # -- interaction and zoom -------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        pos = self.cursorForPosition(event.position().toPoint()).position()
        offset = self.article_offset(pos)
        if offset is None:
            return
        hits = self.marks_at(offset)
        if hits:
            # the innermost (shortest) mark wins: a flagged word inside a statement
            self.markClicked.emit(min(hits, key=lambda m: m.end - m.start).key)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.6, min(2.5, zoom))
        self.rebuild()

    def rebuild(self) -> None:
        marks, emphasis, scroll = self.marks, self.emphasis, self.verticalScrollBar().value()
        header = getattr(self, "_header", [])
        self._build(header)
        self.marks, self.emphasis = marks, emphasis
        self._apply_marks()
        self.verticalScrollBar().setValue(scroll)

    def set_header(self, header: list[tuple[str, str]]) -> None:
        self._header = header

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.rebuild()



def _ui_language() -> str:
    """The language the UI speaks now (dates are written in it)."""
    from reader.ui import i18n

    installed = i18n._installed
    return installed.lang if installed is not None else "en"
