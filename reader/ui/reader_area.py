"""The reading area: summary strip, left margin, the article, right margin, one scrollbar.

It owns the link between text and cards: anchors (card → y), hover and click in both
directions, focus, and which kinds of cards and marks are shown.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from reader.core.analysis.model import Analysis
from reader.core.models import Article
from reader.ui.article_view import ArticleView, Mark
from reader.ui.cards import CardData, CardWidget
from reader.ui.connector import Connector
from reader.ui.gutter import Gutter
from reader.ui.margin import MarginPane
from reader.ui.ruler import OverviewRuler
from reader.ui.summary import SummaryStrip
from reader.ui.theme import Theme

PANELS = ("sources", "background", "wording")
KIND_OF_PANEL = {"sources": ("sources", "unattributed"), "background": ("background",),
                 "wording": ("wording",)}


class ReaderArea(QWidget):
    """Everything right of the library. Cards and marks come from the window."""

    cardFocused = Signal(str)
    dismissRequested = Signal(str)
    noteRequested = Signal(str)
    correctRequested = Signal(str)
    undoRequested = Signal(str)
    entryRequested = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReaderCanvas")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme = theme
        self.cards: list[CardData] = []
        self.visible_panels: set[str] = set(PANELS)
        self.all_right = False
        self.focused_key: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.summary = SummaryStrip(theme)
        outer.addWidget(self.summary)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.view = ArticleView(theme)
        self.left = MarginPane(self.tr("Sources"), theme, self._anchor_y_left, self._wheel)
        self.right = MarginPane(self.tr("Background and wording"), theme, self._anchor_y_right, self._wheel)
        self.analysis: Analysis | None = None
        self.scrollbar = OverviewRuler(self._fraction_of, self._jump_to)
        self.scrollbar.setAccessibleName(self.tr("Scroll the article"))
        self.gutter = Gutter(self.view, theme)
        row.addWidget(self.left, 10)
        row.addWidget(self.gutter, 0)
        row.addWidget(self.view, 0)
        row.addSpacing(28)
        row.addWidget(self.right, 11)
        row.addWidget(self.scrollbar, 0)
        outer.addLayout(row, 1)
        self._fit_view_width()

        bar = self.view.verticalScrollBar()
        bar.rangeChanged.connect(self._sync_range)
        bar.valueChanged.connect(self._scrolled)
        self.scrollbar.valueChanged.connect(bar.setValue)
        self.view.layoutChanged.connect(self._schedule_relayout)
        self.view.markClicked.connect(self.focus_card)
        for pane in (self.left, self.right):
            pane.cardActivated.connect(self.activate_card)
            pane.cardHovered.connect(self._hovered)
            pane.dismissRequested.connect(self.dismissRequested.emit)
            pane.noteRequested.connect(self.noteRequested.emit)
            pane.correctRequested.connect(self.correctRequested.emit)
            pane.undoRequested.connect(self.undoRequested.emit)
            pane.linkActivated.connect(self._link)
        self._hover_key: str | None = None
        self.connector = Connector(self._connector_link, self)
        self.connector.raise_()
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self.relayout)

    # -- content -------------------------------------------------------------------------------

    def show_article(self, article: Article | None, header: list[tuple[str, str]],
                     analysis: Analysis | None, cards: list[CardData], marks: list[Mark],
                     dismissed: int = 0) -> None:
        self.view.set_header(header)
        self.view.set_article(article, header)
        self.view.set_marks(marks)
        self.summary.set_analysis(analysis, dismissed)
        self.analysis = analysis
        self.gutter.set_analysis(analysis)
        self.cards = cards
        self.focused_key = None
        self._distribute()

    def set_marks(self, marks: list[Mark]) -> None:
        self.view.set_marks(marks)

    def _distribute(self) -> None:
        left = [c for c in self.cards if c.panel == "sources" and "sources" in self.visible_panels]
        right = [c for c in self.cards if c.panel != "sources" and c.panel in self.visible_panels]
        if self.all_right:
            right, left = sorted(left + right, key=lambda c: c.start), []
        self.left.setVisible(bool(left) or not self.all_right)
        self.left.set_cards(left)
        self.right.set_cards(right)
        kinds = {"highlights"}
        for panel in self.visible_panels:
            kinds.update(KIND_OF_PANEL[panel])
        self.view.set_visible_kinds(kinds)
        self.scrollbar.set_ticks(self._ticks())
        self._schedule_relayout()

    def _ticks(self) -> list[tuple[int, str]]:
        """Ruler ticks: wording flags (violet), unattributed claims (grey), headline checks (amber)."""
        a = self.analysis
        if a is None:
            return []
        t = self.theme
        ticks: list[tuple[int, str]] = []
        if "wording" in self.visible_panels:
            ticks += [(f.start, t.wording_accent) for f in a.flags]
        if "sources" in self.visible_panels:
            ticks += [(u.start, t.unattributed) for u in a.unattributed]
        if a.headline:
            ticks.append((-1, t.amber_mark))
        return ticks

    def _fraction_of(self, offset: int) -> float:
        """Where article offset ``offset`` (-1: the headline) sits, as a share of the document height."""
        doc = self.view.document()
        height = doc.size().height()
        if height <= 0:
            return 0.0
        if offset < 0:
            return 0.0
        cursor = QTextCursor(doc)
        cursor.setPosition(min(self.view.doc_pos(offset), doc.characterCount() - 1))
        block = cursor.block()
        top = doc.documentLayout().blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(cursor.position() - block.position())
        if line.isValid():
            top += line.y()
        return max(0.0, min(1.0, top / height))

    def _jump_to(self, offset: int) -> None:
        """A ruler tick was clicked: focus the card of that mark (or show the headline)."""
        if offset < 0:
            self.view.verticalScrollBar().setValue(0)
            return
        a = self.analysis
        keys = ([f.key for f in a.flags if f.start == offset]
                + [u.key for u in a.unattributed if u.start == offset]) if a else []
        for key in keys:
            card = self.data_for(key)
            if card is not None and self.card_widget(card.key) is not None:
                self.focus_card(card.key)
                return
        self.view.scroll_to(offset)

    def set_panel_visible(self, panel: str, visible: bool) -> None:
        if visible:
            self.visible_panels.add(panel)
        else:
            self.visible_panels.discard(panel)
        self._distribute()

    def set_all_right(self, on: bool) -> None:
        if on != self.all_right:
            self.all_right = on
            self._distribute()

    def panel_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(PANELS, 0)
        for c in self.cards:
            counts[c.panel] += 1
        return counts

    # -- geometry ------------------------------------------------------------------------------

    def _fit_view_width(self) -> None:
        self.view.setFixedWidth(self.view.text_width() + 8)

    def set_zoom(self, zoom: float) -> None:
        self.view.set_zoom(zoom)
        self._fit_view_width()
        self._schedule_relayout()

    def _anchor(self, pane: MarginPane, card: CardData) -> int:
        rect = self.view.anchor_rect(card.start)
        global_top = self.view.viewport().mapToGlobal(QPoint(0, rect.top()))
        return pane.mapFromGlobal(global_top).y()

    def _anchor_y_left(self, card: CardData) -> int:
        return self._anchor(self.left, card)

    def _anchor_y_right(self, card: CardData) -> int:
        return self._anchor(self.right, card)

    def _schedule_relayout(self) -> None:
        self._relayout_timer.start()

    def relayout(self) -> None:
        self.left.relayout()
        self.right.relayout()
        self.connector.update()

    def resizeEvent(self, event: object) -> None:
        self.connector.setGeometry(self.rect())
        self.connector.clip = self.rect().adjusted(0, self.summary.height(), 0, 0)
        self._schedule_relayout()

    def _connector_link(self) -> tuple[QPointF, QPointF, str] | None:
        """The curve from the hovered (else the focused) card's line in the text to its header."""
        key = self._hover_key or self.focused_key
        data = self.data_for(key) if key else None
        widget = self.card_widget(data.key) if data else None
        if data is None or widget is None or not widget.isVisible():
            return None
        viewport = self.view.viewport()
        rect = self.view.anchor_rect(data.span[0])
        if rect.bottom() < 0 or rect.top() > viewport.height():
            return None
        line = viewport.mapTo(self, QPoint(0, rect.center().y()))
        on_right = widget.parentWidget() is self.right
        if on_right:
            start = QPointF(viewport.mapTo(self, QPoint(self.view.text_width() + 6, 0)).x(), line.y())
            end = QPointF(widget.mapTo(self, QPoint(0, 16)))
        else:
            start = QPointF(self.gutter.mapTo(self, QPoint(2, 0)).x(), line.y())
            end = QPointF(widget.mapTo(self, QPoint(widget.width(), 16)))
        return start, end, data.mark_color or self.theme.secondary

    def _sync_range(self, low: int, high: int) -> None:
        self.scrollbar.setRange(low, high)
        self.scrollbar.setPageStep(self.view.verticalScrollBar().pageStep())
        self.scrollbar.setSingleStep(self.view.verticalScrollBar().singleStep())
        self.scrollbar.setVisible(high > low)

    def _scrolled(self, value: int) -> None:
        if self.scrollbar.value() != value:
            self.scrollbar.setValue(value)
        self.relayout()

    def _wheel(self, event: QWheelEvent) -> None:
        bar = self.view.verticalScrollBar()
        steps = event.angleDelta().y() / 120
        bar.setValue(int(bar.value() - steps * 3 * max(20, bar.singleStep())))
        event.accept()

    # -- cards ↔ text ---------------------------------------------------------------------------

    def card_widget(self, key: str) -> CardWidget | None:
        return self.left.card(key) or self.right.card(key)

    def data_for(self, key: str) -> CardData | None:
        return next((c for c in self.cards if c.key == key or key in c.extra_keys), None)

    def activate_card(self, key: str) -> None:
        """A card was clicked: focus it and select its span in the text."""
        data = self.data_for(key)
        if data is None:
            return
        self.focus_card(data.key)
        start, end = data.span
        self.view.select_span(start, end)

    def focus_card(self, key: str) -> None:
        """Focus the card for ``key`` (a card key or any annotation it stands for)."""
        data = self.data_for(key)
        if data is None:
            return
        self.focused_key = data.key
        self.view.scroll_to(data.start)
        for pane in (self.left, self.right):
            widget = pane.set_focused(data.key)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        start, end = data.span
        self.view.set_emphasis((start, end, data.mark_color or self.theme.wording_accent))
        self.connector.update()
        self.cardFocused.emit(data.key)

    def clear_focus(self) -> None:
        self.focused_key = None
        self.connector.update()
        self.left.set_focused(None)
        self.right.set_focused(None)
        self.view.set_emphasis(None)

    def step_card(self, delta: int) -> None:
        shown = [c for c in sorted(self.cards, key=lambda c: (c.start, c.kind))
                 if self.card_widget(c.key) is not None]
        if not shown:
            return
        keys = [c.key for c in shown]
        if self.focused_key in keys:
            i = (keys.index(self.focused_key) + delta) % len(keys)
        else:
            i = 0 if delta > 0 else len(keys) - 1
        self.activate_card(keys[i])

    def _hovered(self, key: str, inside: bool) -> None:
        self._hover_key = key if inside else None
        self.connector.update()
        if not inside:
            focused = self.data_for(self.focused_key) if self.focused_key else None
            self.view.set_emphasis((focused.span[0], focused.span[1], focused.mark_color)
                                   if focused else None)
            return
        data = self.data_for(key)
        if data is not None:
            self.view.set_emphasis((data.span[0], data.span[1], data.mark_color or self.theme.wording_accent))

    def _link(self, href: str) -> None:
        if href.startswith("entry:"):
            self.entryRequested.emit(href.removeprefix("entry:"))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.scrollbar.set_ticks(self._ticks())
        self.summary.set_theme(theme)
        self.gutter.theme = theme
        self.left.theme = theme
        self.right.theme = theme
        self.view.set_theme(theme)
