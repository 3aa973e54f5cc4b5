"""Margin cards: what each card says (built from the analysis) and the card widget.

``build_cards`` turns an :class:`Analysis` into card data and inline marks; ``CardWidget``
shows one card. Cards explain themselves: the rule or lexicon entry that made them, the
knowledge-base source behind a fact, and a "Not right" menu to dismiss or correct them.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QLabel, QMenu, QToolButton, QWidget

from reader.core.analysis.model import Analysis, Attribution, is_placeholder
from reader.core.knowledge.model import Entry, KnowledgeBase
from reader.ui.article_view import Mark
from reader.ui.theme import (
    READING_FAMILY,
    Theme,
    category_group,
    category_label,
    side_group,
    side_name,
)

CARD_KINDS = ("statement", "unattributed", "background", "wording")
SKIP_BACKGROUND_TYPES = ("country", "outlet")


def tr(text: str) -> str:
    return QCoreApplication.translate("Cards", text)


@dataclass
class CardData:
    key: str
    kind: str  # statement | unattributed | background | wording
    start: int  # anchor span in the article text
    end: int
    paragraph: int
    side: str
    accent: str  # colour of the left bar
    html: str  # full form
    compact_html: str = ""  # one-line form, used while not focused (repeat statements)
    mark_color: str = ""
    corrected: bool = False
    entity: str | None = None
    extra_keys: list[str] = field(default_factory=list)  # other annotations this card stands for
    span: tuple[int, int] = (0, 0)  # what clicking the card selects in the text
    quotes: dict[str, str] = field(default_factory=dict)  # annotation key -> its text (corrections)

    @property
    def panel(self) -> str:
        return "sources" if self.kind in ("statement", "unattributed") else self.kind


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def chip(theme: Theme, side: str) -> str:
    """A side chip: code text on a tint, so colour is never the only cue."""
    group = side_group(side)
    style = theme.sides[group]
    label = side if (group == "3P" and side != "WEST") or side in ("LEFT", "RIGHT") else style.label
    return (f'<span style="background:{style.tint}; color:{style.ink}; font-weight:600;'
            f' font-size:10.5px">&nbsp;{_esc(label)}&nbsp;</span>')


def _header(theme: Theme, label: str, color: str, right: str, paragraph: int) -> str:
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td><span style="color:{color}; font-size:10.5px; font-weight:700;'
        f' letter-spacing:0.6px">{_esc(label.upper())}</span></td>'
        f'<td align="right">{right}&nbsp;<span style="color:{theme.tertiary};'
        f' font-size:11px">¶{paragraph + 1}</span></td></tr></table>'
    )


def _kind_label(kind: str) -> str:
    return {
        "government": tr("Government"), "party_official": tr("Party official"),
        "media": tr("Media"), "international_organisation": tr("International organisation"),
        "ngo": tr("NGO"), "military": tr("Military"), "court": tr("Court"),
        "person": tr("Person"), "anonymous": tr("Anonymous"), "unknown": tr("Unidentified"),
    }.get(kind, kind)


def build_cards(
    analysis: Analysis, kb: KnowledgeBase, theme: Theme, lang: str,
    corrected: set[str] | None = None,
) -> tuple[list[CardData], list[Mark]]:
    """Cards for the margins and marks for the text, from one (corrected) analysis."""
    corrected = corrected or set()
    cards: list[CardData] = []
    marks: list[Mark] = []
    _statement_cards(analysis, kb, theme, lang, corrected, cards, marks)
    _unattributed_cards(analysis, theme, lang, cards, marks)
    # a speaker's background is one click away on the statement card: no second card for it
    speaker_cards: dict[str, str] = {}
    for c in cards:
        if c.kind == "statement" and c.entity:
            speaker_cards.setdefault(c.entity, c.key)
    _background_cards(analysis, kb, theme, lang, cards, marks, speaker_cards)
    _wording_cards(analysis, theme, lang, cards, marks)
    cards.sort(key=lambda c: (c.start, c.kind))
    return cards, marks


def _speaker_id(a: Attribution) -> str:
    """Statements by the same speaker share this; an unnamed source is never the same one."""
    if is_placeholder(a.speaker):
        return a.key
    return a.speaker.entity or a.speaker.name.casefold()


def _speaker_label(name: str) -> str:
    """The speaker's name; the engine's names for unknown speakers in the window's language."""
    return {"unnamed source": tr("unnamed source"), "unnamed sources": tr("unnamed sources"),
            "unidentified speaker": tr("unidentified speaker")}.get(name, name)


def _named(kb: KnowledgeBase, name: str) -> Entry | None:
    """The knowledge-base entry that has ``name`` as a name or alias (any language), if any."""
    wanted = name.strip().casefold()
    for entry in kb.entries.values():
        for forms in entry.names.values():
            if any(f.casefold() == wanted for f in forms):
                return entry
    return None


def _chain_html(a: Attribution, kb: KnowledgeBase, theme: Theme) -> str:
    """The relay chain as a vertical run, outermost first: a side-coloured dot per link,
    "←" for "relayed from", the speaker of this card in bold (design: card anatomy 4)."""
    rows = []
    for i, name in enumerate(a.chain):
        if name.casefold() == a.speaker.name.casefold():
            side = a.speaker.side
        else:
            entry = _named(kb, name)
            side = entry.side if entry is not None else "unknown"
        dot = theme.sides[side_group(side)].bar
        arrow = (f'<span style="color:{theme.tertiary}">←</span>&nbsp;' if i else "")
        weight = "700" if name.casefold() == a.speaker.name.casefold() else "400"
        rows.append(
            f'<tr><td width="14" style="color:{dot}; font-size:12px">●</td>'
            f'<td style="font-size:11.5px; color:{theme.text}; padding-left:{8 * i}px">{arrow}'
            f'<span style="font-weight:{weight}">{_esc(name)}</span></td></tr>')
    return ('<table cellspacing="0" cellpadding="1" style="margin-top:4px">' + "".join(rows)
            + "</table>")


def _statement_cards(
    analysis: Analysis, kb: KnowledgeBase, theme: Theme, lang: str, corrected: set[str],
    cards: list[CardData], marks: list[Mark],
) -> None:
    seen: set[str] = set()
    bounds = analysis.paragraphs()
    for a in analysis.attributions:
        side = a.speaker.side
        color = theme.sides[side_group(side)].bar
        if a.speaker.span is not None:
            marks.append(Mark(a.speaker.span.start, a.speaker.span.end, "sources", a.key, color))
        marks.append(Mark(a.cue.start, a.cue.end, "sources", a.key, color))
        para_start = bounds[a.paragraph][0] if 0 <= a.paragraph < len(bounds) else a.start
        label = tr("Source chain") if a.chain else tr("Statement")
        name = _speaker_label(a.speaker.name)
        alias = a.speaker.span.text if a.speaker.span is not None else ""
        sub = [_kind_label(a.speaker.kind)]
        if a.speaker.role:
            sub.append(a.speaker.role)
        if alias and alias.casefold() != name.casefold():
            sub.append(tr("here") + " " + _quoted(alias, lang))
        parts = [
            _header(theme, label, theme.secondary, chip(theme, side), a.paragraph),
            f'<div style="margin-top:4px"><span style="font-size:14px; font-weight:700;'
            f' color:{theme.title}">{_esc(name)}</span></div>',
            f'<div style="color:{theme.secondary}; font-size:11.5px">'
            f'{_esc(" · ".join(sub))} · {_esc(side_name(side, lang))}</div>',
            f'<div style="margin-top:5px; font-size:12px"><span style="color:{theme.tertiary};'
            f' font-size:10.5px">{tr("CUE")}</span> <i>{_esc(_quoted(_cue_words(a), lang))}</i></div>',
        ]
        if a.factive:
            parts.append(f'<div style="color:{theme.amber_text}; font-size:11.5px">'
                         f'{tr("The cue presents the claim as established fact.")}</div>')
        if a.chain:
            parts.append(_chain_html(a, kb, theme))
        if a.relayed_by:
            relay = kb.get(a.relayed_by) or _named(kb, a.relayed_by)
            relay_name = relay.name(lang) if relay is not None else a.relayed_by
            relay_chip = chip(theme, relay.side) + " " if relay is not None else ""
            parts.append(f'<div style="font-size:11.5px; color:{theme.secondary}; margin-top:3px">'
                         f'<span style="background:{theme.sides["?"].tint}; color:{theme.sides["?"].ink}">'
                         f'&nbsp;{tr("relayed")}&nbsp;</span>'
                         f' {tr("by")} {relay_chip}{_esc(relay_name)}</div>')
        if a.key in corrected:
            parts.append(f'<div style="font-size:11px; color:{theme.amber_text}">'
                         f'✎ {tr("Speaker corrected by you")}</div>')
        compact = "".join(parts)
        if a.content is not None:
            parts.append(f'<div style="font-size:12px; color:{theme.text}; margin-top:3px">'
                         f'{_esc(_short(a.content.text, 220))}</div>')
        if a.speaker.entity:
            parts.append(f'<div style="font-size:11px; margin-top:2px"><a href="entry:{a.speaker.entity}" '
                         f'style="color:{theme.link}">{tr("Background on this speaker, with sources")} →</a></div>')
        parts.append(f'<div style="font-size:10.5px; color:{theme.tertiary}">'
                     f'{tr("Rule")}: {_esc(a.rule)}</div>')
        speaker = _speaker_id(a)
        if speaker in seen and not a.chain:
            compact = (f'<span style="font-weight:700; color:{theme.title}">{_esc(name)}</span>'
                       f' <span style="color:{theme.secondary}">{_cue_label(a, lang)}</span>'
                       f' &nbsp;<span style="color:{theme.tertiary}; font-size:11px">¶{a.paragraph + 1}</span>')
        seen.add(speaker)
        cards.append(CardData(
            key=a.key, kind="statement", start=para_start, end=a.end, paragraph=a.paragraph,
            side=side, accent=color, html="".join(parts), compact_html=compact, mark_color=color,
            corrected=a.key in corrected, entity=a.speaker.entity,
            span=(a.start, a.end), quotes={a.key: a.text},
        ))


def _unattributed_cards(analysis: Analysis, theme: Theme, lang: str, cards: list[CardData],
                        marks: list[Mark]) -> None:
    grey = theme.unattributed
    for n, u in enumerate(analysis.unattributed, 1):
        marks.append(Mark(u.start, u.end, "unattributed", u.key, grey, "dash"))
        head = _header(theme, tr("Unattributed claim") + f" {n}", theme.secondary, chip(theme, "?"), u.paragraph)
        why = (f'<div style="margin-top:4px; font-size:11.5px; color:{theme.secondary}">'
               f'{tr("Why")}: {_esc(u.reason_de if lang == "de" and u.reason_de else u.reason)}</div>')
        body = (head + f'<div style="margin-top:4px; font-size:12px; font-style:italic; color:{theme.text}">'
                f'{_esc(_short(u.text, 220))}</div>' + why)
        compact = head + why
        cards.append(CardData(key=u.key, kind="unattributed", start=u.start, end=u.end,
                              paragraph=u.paragraph, side="unknown", accent=grey, html=body,
                              compact_html=compact,
                              mark_color=grey, span=(u.start, u.end), quotes={u.key: u.text}))


def entry_summary(entry: Entry, lang: str) -> str:
    return entry.summary.get(lang) or entry.summary.get("en") or next(iter(entry.summary.values()), "")


def _background_cards(
    analysis: Analysis, kb: KnowledgeBase, theme: Theme, lang: str,
    cards: list[CardData], marks: list[Mark], speaker_cards: dict[str, str] | None = None,
) -> None:
    first: dict[str, CardData] = {}
    speaker_cards = speaker_cards or {}
    for m in analysis.mentions:
        entry = kb.get(m.entity)
        if m.entity in speaker_cards:
            marks.append(Mark(m.start, m.end, "background", speaker_cards[m.entity],
                              theme.background_accent, "dot"))
            continue
        marks.append(Mark(m.start, m.end, "background", f"bg:{m.entity}", theme.background_accent, "dot"))
        if entry is None or entry.type in SKIP_BACKGROUND_TYPES or m.entity in first:
            if m.entity in first:
                first[m.entity].extra_keys.append(m.key)
                first[m.entity].quotes[m.key] = m.text
            continue
        status = ""
        if entry.status in ("disputed", "unverified"):
            word = tr("Disputed") if entry.status == "disputed" else tr("Unverified")
            status = f'<span style="color:{theme.amber_text}; font-weight:700">⚠ {word}</span> · '
        else:
            status = f'<span style="color:{theme.secondary}">✓ {tr("Sourced")}</span> · '
        source = entry.sources[0].cite() if entry.sources else tr("no source")
        more = len(entry.sources) - 1
        label = tr("Claim in context") if entry.type == "claim" else tr("Background")
        head = (_header(theme, label, theme.background_accent, "", m.paragraph)
                + f'<div style="margin-top:4px; font-size:13px; font-weight:700; color:{theme.title}">'
                f'{_esc(entry.name(lang))}</div>')
        summary = entry_summary(entry, lang)
        status_line = (f'<div style="margin-top:4px; font-size:11px; color:{theme.secondary}">{status}'
                       f'{_esc(_short(source, 90))}{f" (+{more})" if more > 0 else ""}</div>')
        compact = head + f'<div style="font-size:12px; color:{theme.text}">{_esc(_short(summary, 80))}</div>'
        if entry.status in ("disputed", "unverified"):
            compact += f'<div style="font-size:11px">{status.removesuffix(" · ")}</div>'.replace("</span> · ", "</span>")
        body = (
            head + f'<div style="font-size:12px; color:{theme.text}">{_esc(_short(summary, 320))}</div>'
            + status_line
            + f'<div style="font-size:11px; margin-top:2px"><a href="entry:{entry.id}" '
            f'style="color:{theme.link}">{tr("Full entry, dated facts and sources")} →</a></div>'
        )
        card = CardData(key=f"bg:{m.entity}", kind="background", start=m.start, end=m.end,
                        paragraph=m.paragraph, side=entry.side, accent=theme.background_accent,
                        html=body, compact_html=compact, mark_color=theme.background_accent, entity=entry.id,
                        extra_keys=[m.key], span=(m.start, m.end), quotes={m.key: m.text})
        first[m.entity] = card
        cards.append(card)


def _wording_cards(analysis: Analysis, theme: Theme, lang: str, cards: list[CardData], marks: list[Mark]) -> None:
    def group_key(f: object) -> str:
        from reader.core.analysis.model import Flag

        assert isinstance(f, Flag)
        return f.entry or f"{f.rule}:{f.text.casefold()}"

    counts = Counter(group_key(f) for f in analysis.flags)
    first: dict[str, CardData] = {}
    for f in analysis.flags:
        gk = group_key(f)
        card_key = first[gk].key if gk in first else f.key
        color = theme.categories.get(category_group(f.category), theme.wording_accent)
        marks.append(Mark(f.start, f.end, "wording", card_key, theme.wording_accent, "wash"))
        if gk in first:
            first[gk].extra_keys.append(f.key)
            first[gk].quotes[f.key] = f.text
            continue
        count = counts[gk]
        right = chip(theme, f.side) if f.side not in ("general", "") else ""
        label = category_label(f.category, lang)
        if count > 1:
            label += f" · {count}× " + tr("in text")
        used_by = side_name(f.side, lang) if f.side not in ("general", "") else tr("several sides")
        why = f.explanation
        head = (_header(theme, label, color, right, f.paragraph)
                + f'<div style="margin-top:4px; font-family:\'{READING_FAMILY}\'; font-size:14.5px;'
                f' color:{theme.title}">{_esc(f.text)}</div>')
        compact = head + (f'<div style="font-size:12px; color:{theme.secondary}">→ {_esc(_short(f.alternative, 90))}</div>'
                          if f.alternative else "")
        parts = [
            head,
            f'<div style="font-size:11px; color:{theme.secondary}">{tr("Used by")}: {_esc(used_by)}'
            f'{" · " + tr("in a source’s words") if f.in_quote else ""}</div>',
            f'<div style="margin-top:3px; font-size:12px; color:{theme.text}">{_esc(why)}</div>',
        ]
        if f.alternative:
            parts.append(
                f'<table width="100%" cellpadding="5" style="margin-top:5px; background:{theme.wording_tint}">'
                f'<tr><td><span style="font-size:10.5px; color:{theme.secondary}">{tr("NEUTRAL ALTERNATIVE")}</span><br>'
                f'<span style="font-size:12px; color:{theme.title}">→ {_esc(f.alternative)}</span></td></tr></table>'
            )
        source = f.entry or f.rule
        parts.append(f'<div style="font-size:10.5px; color:{theme.tertiary}; margin-top:3px">'
                     f'{tr("Lexicon entry") if f.entry else tr("Rule")}: {_esc(source)}</div>')
        card = CardData(key=f.key, kind="wording", start=f.start, end=f.end, paragraph=f.paragraph,
                        side=f.side, accent=theme.wording_accent, html="".join(parts),
                        compact_html=compact, mark_color=theme.wording_accent, span=(f.start, f.end), quotes={f.key: f.text})
        first[gk] = card
        cards.append(card)


class CardWidget(QFrame):
    """One card in a margin. Click or Enter focuses it; hover lights up its span.

    The frame is painted here (no per-card style sheet) and the "Not right" button is made
    only when the card is focused: a long article has hundreds of cards.
    """

    activated = Signal(str)
    hovered = Signal(str, bool)
    dismissRequested = Signal(str)
    noteRequested = Signal(str)
    correctRequested = Signal(str)
    undoRequested = Signal(str)
    linkActivated = Signal(str)

    PAD_LEFT, PAD_TOP, PAD_RIGHT, PAD_BOTTOM = 15, 9, 10, 9

    def __init__(self, data: CardData, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.theme = theme
        self.focused = False
        self.setObjectName("Card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        kind = {"statement": tr("Statement"), "unattributed": tr("Unattributed claim"),
                "background": tr("Background"), "wording": tr("Wording")}.get(data.kind, data.kind)
        self.setAccessibleName(tr("{kind} card").replace("{kind}", kind))
        self.label = QLabel(self)
        self.label.setObjectName("CardText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.label.linkActivated.connect(self.linkActivated.emit)
        self.label.installEventFilter(self)
        self.menu_button: QToolButton | None = None
        self._refresh()

    def _make_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("NotRight")
        button.setText(tr("Not right") + " ▾")
        button.setAccessibleName(tr("Not right: dismiss or correct this card"))
        button.setAutoRaise(True)
        button.setStyleSheet(f"color: {self.theme.tertiary}; font-size: 11px; border: none;")
        button.clicked.connect(self._menu)
        return button

    def _menu(self) -> None:
        menu = QMenu(self)
        menu.addAction(tr("Copy card text"), self.copy_text)
        menu.addAction(tr("Add a note on these words…"), lambda: self.noteRequested.emit(self.data.key))
        menu.addSeparator()
        menu.addAction(tr("Dismiss: not right here"), lambda: self.dismissRequested.emit(self.data.key))
        if self.data.kind == "statement":
            menu.addAction(tr("Correct the speaker…"), lambda: self.correctRequested.emit(self.data.key))
            if self.data.corrected:
                menu.addAction(tr("Undo my correction"), lambda: self.undoRequested.emit(self.data.key))
        button = self.menu_button
        assert button is not None
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def copy_text(self) -> None:
        """The card as plain text (what it says and why), for a report or a message."""
        doc = QTextDocument()
        doc.setHtml(self.data.html)
        QGuiApplication.clipboard().setText(doc.toPlainText().strip())

    def _refresh(self) -> None:
        compact = bool(self.data.compact_html) and not self.focused
        self.label.setText(self.data.compact_html if compact else self.data.html)
        if self.focused and self.menu_button is None:
            self.menu_button = self._make_button()
        if self.menu_button is not None:
            self.menu_button.setVisible(self.focused)
        self.update()

    def paintEvent(self, event: object) -> None:
        t = self.theme
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        p.setPen(QPen(QColor(t.focus if self.focused else t.card_border), 1.5 if self.focused else 1))
        p.setBrush(QColor(t.card_bg))
        p.drawRoundedRect(rect, 8, 8)
        bar = QPen(QColor(self.data.accent), 3.5)
        if self.data.kind == "unattributed":
            bar.setStyle(Qt.PenStyle.DashLine)
        bar.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(bar)
        p.drawLine(QPointF(rect.left() + 2.5, rect.top() + 6), QPointF(rect.left() + 2.5, rect.bottom() - 6))
        p.end()

    def set_focused(self, focused: bool) -> None:
        if focused == self.focused:
            return
        self.focused = focused
        self._refresh()

    def set_width(self, width: int) -> None:
        inner = width - self.PAD_LEFT - self.PAD_RIGHT
        text_h = self.label.heightForWidth(inner)
        self.label.setGeometry(self.PAD_LEFT, self.PAD_TOP, inner, text_h)
        height = self.PAD_TOP + text_h + self.PAD_BOTTOM
        if self.menu_button is not None and self.focused:
            hint = self.menu_button.sizeHint()
            self.menu_button.setGeometry(width - self.PAD_RIGHT - hint.width(), height - 4, hint.width(), hint.height())
            height += hint.height()
        self.setFixedSize(width, height)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.data.key)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.data.key)
            return
        super().keyPressEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.hovered.emit(self.data.key, True)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered.emit(self.data.key, False)
        super().leaveEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.MouseButtonPress:
            mouse = event
            assert isinstance(mouse, QMouseEvent)
            if mouse.button() == Qt.MouseButton.LeftButton and not self.label.hasSelectedText():
                self.activated.emit(self.data.key)
        return False


def _quoted(text: str, lang: str) -> str:
    """``text`` in the quotation marks of the window's language: „…“ in German, “…” else."""
    return f"„{text}“" if lang == "de" else f"“{text}”"


def _cue_label(a: Attribution, lang: str) -> str:
    """The cue of a repeat statement, quoted; a quotation that goes on has only a quote mark
    for a cue, so it is said in words."""
    if a.rule.endswith(".continuation") and a.direct_quote:
        return _esc(tr("quotation continues"))
    return _esc(_quoted(_cue_words(a), lang))


def _cue_words(a: Attribution) -> str:
    """The cue as a reader names it: a verb and its particle with the words between them left
    out ("teilte … mit" for "teilte der Sprecher, Hans Meier, am Abend mit")."""
    words = a.cue.text.split()
    return f"{words[0]} … {words[-1]}" if len(words) > 3 else " ".join(words)
