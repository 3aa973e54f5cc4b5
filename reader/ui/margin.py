"""A margin beside the text: cards level with their anchors, stacked without overlap.

The pane has no layout: each card is placed with ``move`` at the y of its anchor's first line
(asked of the window through ``anchor_y``), pushed down below the previous card when they
compete, like comments in a word processor. A focused card snaps to its anchor and its
neighbours move aside (cards above upwards, cards below downwards). ``relayout`` runs on
scroll, resize, zoom and panel toggles; it costs about a millisecond for a hundred cards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from reader.ui.cards import CardData, CardWidget
from reader.ui.theme import Theme

GAP = 8
SIDE_PADDING = 10


class MarginPane(QWidget):
    """Cards for one margin. ``anchor_y(card) -> y`` is in this pane's coordinates."""

    cardActivated = Signal(str)
    cardHovered = Signal(str, bool)
    dismissRequested = Signal(str)
    noteRequested = Signal(str)
    correctRequested = Signal(str)
    undoRequested = Signal(str)
    linkActivated = Signal(str)

    def __init__(self, name: str, theme: Theme, anchor_y: Callable[[CardData], int],
                 wheel: Callable[[QWheelEvent], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MarginPane")
        self.setAccessibleName(name)
        self.theme = theme
        self.anchor_y = anchor_y
        self._wheel = wheel
        self.cards: list[CardWidget] = []
        self.focused_key: str | None = None
        self.placed: dict[str, int] = {}  # key -> y of the card's top edge (also for hidden ones)
        self.setMinimumWidth(150)

    # -- content -------------------------------------------------------------------------------

    def set_cards(self, data: list[CardData]) -> None:
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards = []
        self.focused_key = None
        for d in sorted(data, key=lambda c: (c.start, c.kind)):
            card = CardWidget(d, self.theme, self)
            card.activated.connect(self.cardActivated.emit)
            card.hovered.connect(self.cardHovered.emit)
            card.dismissRequested.connect(self.dismissRequested.emit)
            card.noteRequested.connect(self.noteRequested.emit)
            card.correctRequested.connect(self.correctRequested.emit)
            card.undoRequested.connect(self.undoRequested.emit)
            card.linkActivated.connect(self.linkActivated.emit)
            card.installEventFilter(self)
            self.cards.append(card)
        self._sizes_dirty = True
        self.relayout()

    def card(self, key: str) -> CardWidget | None:
        return next((c for c in self.cards if c.data.key == key or key in c.data.extra_keys), None)

    def set_focused(self, key: str | None) -> CardWidget | None:
        found = self.card(key) if key else None
        self.focused_key = found.data.key if found else None
        for c in self.cards:
            c.set_focused(c is found)
        self._sizes_dirty = True
        self.relayout()
        return found

    # -- placement -----------------------------------------------------------------------------

    def card_width(self) -> int:
        return max(150, self.width() - 2 * SIDE_PADDING)

    def _ensure_sizes(self) -> None:
        width = self.card_width()
        if not getattr(self, "_sizes_dirty", True) and getattr(self, "_sized_for", -1) == width:
            return
        for c in self.cards:
            c.set_width(width)
        self._sized_for = width
        self._sizes_dirty = False

    def relayout(self) -> None:
        if not self.cards:
            return
        self._ensure_sizes()
        anchors = [self.anchor_y(c.data) for c in self.cards]
        ys = [0] * len(self.cards)
        focus = next((i for i, c in enumerate(self.cards) if c.data.key == self.focused_key), None)
        if focus is None:
            free = -10**9
            for i, c in enumerate(self.cards):
                ys[i] = max(anchors[i], free)
                free = ys[i] + c.height() + GAP
        else:
            ys[focus] = anchors[focus]
            free = ys[focus] + self.cards[focus].height() + GAP
            for i in range(focus + 1, len(self.cards)):
                ys[i] = max(anchors[i], free)
                free = ys[i] + self.cards[i].height() + GAP
            ceiling = ys[focus]
            for i in range(focus - 1, -1, -1):
                ys[i] = min(anchors[i], ceiling - GAP - self.cards[i].height())
                ceiling = ys[i]
        height = self.height()
        self.placed = {}
        for c, y in zip(self.cards, ys, strict=True):
            self.placed[c.data.key] = y
            visible = y + c.height() > -50 and y < height + 50
            if visible:
                c.move(SIDE_PADDING, y)
            if c.isVisible() != visible:
                c.setVisible(visible)

    def resizeEvent(self, event: object) -> None:
        self.relayout()

    # -- input ---------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._wheel(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, CardWidget):
            assert isinstance(event, QWheelEvent)
            self._wheel(event)
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, CardWidget):
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                i = self.cards.index(watched)
                j = i + (1 if event.key() == Qt.Key.Key_Down else -1)
                if 0 <= j < len(self.cards):
                    self.cardActivated.emit(self.cards[j].data.key)
                return True
        return False
