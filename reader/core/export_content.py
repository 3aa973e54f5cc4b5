"""What an annotated export shows, independent of how it is drawn (no Qt here).

:func:`build_export_article` turns an article, its (corrected) analysis, the knowledge base and
the user's notes into an :class:`ExportArticle`: inline **marks** (offsets + style), numbered
**cards** for the margin (HTML fragments, escaped), the balance summary and the numbered
**references** for the "Background and references" appendix. ``reader.pdf`` lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from reader.core.models import Article
from reader.core.notes import COLORS, Note, render_markdown

if TYPE_CHECKING:
    from reader.core.analysis.model import Analysis
    from reader.core.knowledge.model import Entry, Fact, KnowledgeBase, Source

SIDE_COLORS = {
    "AZ": "#E69F00", "AM": "#0072B2", "RU": "#CC79A7", "TR": "#CC79A7", "US": "#CC79A7",
    "EU": "#CC79A7", "WEST": "#CC79A7", "INT": "#009E73", "IND": "#009E73",
}
SIDE_INK = {
    "AZ": "#8F5F00", "AM": "#075A8A", "RU": "#94457A", "TR": "#94457A", "US": "#94457A",
    "EU": "#94457A", "WEST": "#94457A", "INT": "#0A6B50", "IND": "#0A6B50",
}
UNKNOWN_COLOR = "#8E9196"
UNKNOWN_INK = "#5F646B"
BACKGROUND_COLOR = "#5A6E8C"
WORDING_COLOR = "#7559C7"
WORDING_WASH = "#E6DFF8"
CATEGORY_COLORS = {
    "euphemism": "#7559C7", "delegitimising": "#B4416A", "loaded_label": "#B4416A",
    "conflation": "#2F7F86", "unattributed_accusation": "#2F7F86", "disputed_figure": "#2F7F86",
    "martyrdom": "#8C6A2F", "triumphalism": "#8C6A2F", "religious": "#8C6A2F",
    "dehumanising": "#B3412E", "pejorative": "#B3412E", "naming": "#5A6B80",
    "exaggeration": "#7559C7", "legal_characterisation": "#2F7F86",
}
SIDE_LABELS = {
    "AZ": "Azerbaijani", "AM": "Armenian", "RU": "Russian", "TR": "Turkish", "US": "US",
    "EU": "EU", "WEST": "Western", "INT": "international", "IND": "independent",
}

MARK_KINDS = ("source", "unattributed", "mention", "flag", "highlight")


@dataclass(frozen=True)
class Mark:
    """An inline mark over ``text[start:end]``."""

    start: int
    end: int
    kind: str  # source | unattributed | mention | flag | highlight
    color: str  # hex


@dataclass
class Card:
    """A numbered margin note anchored at ``start`` (its line is where the card sits)."""

    kind: str  # source | unattributed | background | wording | note
    start: int
    end: int
    html: str  # full card body (escaped HTML)
    compact_html: str  # one- or two-line form used when the margin is crowded
    accent: str  # hex colour of the card's bar
    number: int = 0


@dataclass
class Reference:
    number: int
    cite: str


@dataclass
class BackgroundItem:
    name: str
    summary: str
    facts: list[tuple[str, str, list[int]]]  # (date, text, reference numbers)
    status: str


@dataclass
class ExportArticle:
    article: Article
    text: str
    ownership: str = ""
    marks: list[Mark] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    highlights: list[Note] = field(default_factory=list)  # attached user highlights
    article_notes: list[Note] = field(default_factory=list)
    orphaned: list[Note] = field(default_factory=list)
    balance_summary: str = ""
    balance_by_side: dict[str, int] = field(default_factory=dict)
    background: list[BackgroundItem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, colour, label)


@dataclass(frozen=True)
class ExportOptions:
    sources: bool = True
    background: bool = True
    wording: bool = True
    notes: bool = True


def _chip(side: str) -> str:
    ink = SIDE_INK.get(side, UNKNOWN_INK)
    label = side if side in SIDE_COLORS else "?"
    return f'<span style="color:{ink}; font-weight:bold">[{escape(label)}]</span>'


def _head(label: str, color: str, extra: str = "") -> str:
    tail = f" {extra}" if extra else ""
    return (f'<span style="color:{color}; font-weight:bold; font-size:7pt">'
            f"{escape(label.upper())}</span>{tail}")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _References:
    def __init__(self) -> None:
        self.items: list[Reference] = []
        self._index: dict[str, int] = {}

    def number(self, source: Source) -> int:
        cite = source.cite()
        if cite not in self._index:
            self._index[cite] = len(self.items) + 1
            self.items.append(Reference(len(self.items) + 1, cite))
        return self._index[cite]


def _pick_facts(entry: Entry, published: str, limit: int = 2) -> list[Fact]:
    facts = list(entry.facts)
    if published:
        before = [f for f in facts if f.date[:10] <= published[:10]]
        if before:
            return before[-limit:]
    return facts[:limit]


def build_export_article(
    article: Article,
    analysis: Analysis | None,
    kb: KnowledgeBase | None,
    notes: list[Note],
    options: ExportOptions | None = None,
) -> ExportArticle:
    """Collect marks, cards, balance and references for one article."""
    opts = options or ExportOptions()
    lang = article.language or "en"
    text = analysis.text if analysis is not None and analysis.text == article.text else article.text
    out = ExportArticle(article=article, text=text)
    outlet = kb.outlet_for(article.outlet) if kb is not None and article.outlet else None
    if outlet is not None:
        out.ownership = outlet.ownership
    refs = _References()
    keywords: dict[str, None] = {}
    if article.outlet:
        keywords[article.outlet] = None
    usable = analysis is not None and analysis.text == text

    if usable and analysis is not None and opts.sources:
        seen_speakers: set[str] = set()
        for a in analysis.attributions:
            side = a.speaker.side
            color = SIDE_COLORS.get(side, UNKNOWN_COLOR)
            out.marks.append(Mark(a.start, a.end, "source", color))
            who = escape(a.speaker.name)
            cue = escape(_short(a.cue.text, 60))
            detail = " · ".join(
                escape(p) for p in (a.speaker.kind.replace("_", " "), a.speaker.role) if p and p != "unknown"
            )
            chain = ""
            if len(a.chain) > 1:
                chain = "<br/>relayed: " + " ← ".join(escape(c) for c in a.chain)
            factive = ""
            if a.factive:
                factive = ('<br/><span style="color:#966012">The verb presents the content as '
                           "established fact.</span>")
            side_label = SIDE_LABELS.get(side, "side unknown")
            full = (f"{_head('Source', '#3F4754', _chip(side))}<br/><b>{who}</b> "
                    f'<span style="color:#585F69">({escape(side_label)}{", " + detail if detail else ""})</span>'
                    f"<br/><i>“{cue}”</i>{chain}{factive}")
            compact = f"{_chip(side)} <b>{who}</b> · <i>{cue}</i>"
            repeat = a.speaker.name in seen_speakers
            seen_speakers.add(a.speaker.name)
            out.cards.append(Card("source", a.start, a.end, compact if repeat else full, compact, color))
        for u in analysis.unattributed:
            out.marks.append(Mark(u.start, u.end, "unattributed", UNKNOWN_COLOR))
            reason = escape(_short(u.reason, 220))
            full = f"{_head('Unattributed claim', UNKNOWN_INK, _chip('?'))}<br/>{reason}"
            compact = f"<b>Unattributed:</b> {escape(_short(u.reason, 70))}"
            out.cards.append(Card("unattributed", u.start, u.end, full, compact, UNKNOWN_COLOR))

    if usable and analysis is not None and opts.background and kb is not None:
        seen_entities: set[str] = set()
        for m in analysis.mentions:
            entry = kb.get(m.entity)
            if entry is None or entry.type == "outlet":
                continue
            out.marks.append(Mark(m.start, m.end, "mention", BACKGROUND_COLOR))
            if m.entity in seen_entities:
                continue
            seen_entities.add(m.entity)
            name = entry.name(lang)
            if entry.type != "claim":
                keywords[name] = None
            facts = _pick_facts(entry, article.published)
            fact_rows: list[tuple[str, str, list[int]]] = []
            for fact in facts:
                nums = [refs.number(s) for sid in fact.source_ids if (s := entry.source(sid)) is not None]
                fact_rows.append((fact.date, fact.text, nums))
            status = entry.status
            out.background.append(BackgroundItem(name, entry.summary.get(lang) or entry.summary.get("en", ""), fact_rows, status))
            status_html = ""
            if status in ("disputed", "unverified", "reported"):
                status_html = f' <span style="color:#966012; font-weight:bold">{escape(status.capitalize())}</span>'
            lines = []
            for d, t, nums in fact_rows:
                cites = "".join(f"[{n}]" for n in nums)
                lines.append(f"<b>{escape(d)}</b> — {escape(_short(_strip_md(t), 160))} "
                             f'<span style="color:{BACKGROUND_COLOR}">{cites}</span>')
            if not lines:
                lines.append(escape(_short(entry.summary.get(lang) or entry.summary.get("en", ""), 200)))
                for s in entry.sources[:1]:
                    lines[-1] += f' <span style="color:{BACKGROUND_COLOR}">[{refs.number(s)}]</span>'
            full = (f"{_head('Background', BACKGROUND_COLOR, status_html)}<br/><b>{escape(name)}</b>"
                    f"<br/>{'<br/>'.join(lines)}")
            first = fact_rows[0] if fact_rows else None
            compact_tail = (f"{escape(first[0])} — {escape(_short(_strip_md(first[1]), 60))} "
                            + "".join(f"[{n}]" for n in first[2])) if first else ""
            compact = f"<b>{escape(name)}</b>{status_html}: {compact_tail}"
            out.cards.append(Card("background", m.start, m.end, full, compact, BACKGROUND_COLOR))

    if usable and analysis is not None and opts.wording:
        counts: dict[str, int] = {}
        for f in analysis.flags:
            counts[f.entry or f.text.casefold()] = counts.get(f.entry or f.text.casefold(), 0) + 1
        seen_terms: set[str] = set()
        for f in analysis.flags:
            out.marks.append(Mark(f.start, f.end, "flag", WORDING_COLOR))
            key = f.entry or f.text.casefold()
            if key in seen_terms:
                continue
            seen_terms.add(key)
            color = CATEGORY_COLORS.get(f.category, WORDING_COLOR)
            times = f"{counts[key]}× in text" if counts[key] > 1 else ""
            label = f.category.replace("_", " ")
            alt = f"<br/>→ <i>{escape(f.alternative)}</i>" if f.alternative else ""
            quote_note = " (inside a quotation)" if f.in_quote else ""
            full = (f"{_head(label, color, _chip(f.side) + (' ' + times if times else ''))}"
                    f'<br/><b style="font-family:\'Noto Serif\'">{escape(f.text)}</b>{escape(quote_note)}'
                    f"<br/>{escape(_short(f.explanation, 220))}{alt}")
            compact = (f"<b>{escape(f.text)}</b> ({escape(label)})"
                       + (f" → <i>{escape(_short(f.alternative, 50))}</i>" if f.alternative else ""))
            out.cards.append(Card("wording", f.start, f.end, full, compact, color))

    if opts.notes:
        for note in notes:
            if note.kind == "article":
                out.article_notes.append(note)
            elif not note.attached or note.start is None or note.end is None:
                out.orphaned.append(note)
            elif 0 <= note.start < note.end <= len(text):
                out.highlights.append(note)
                color = COLORS.get(note.color, COLORS["yellow"])
                out.marks.append(Mark(note.start, note.end, "highlight", color))
                if note.body.strip():
                    body = render_markdown(note.body)
                    full = f"{_head('Your note', '#24272B')}{body}"
                    compact = f"<b>Note:</b> {escape(_short(_strip_md(note.body), 90))}"
                    out.cards.append(Card("note", note.start, note.end, full, compact, _darker(color)))

    out.cards.sort(key=lambda c: (c.start, _KIND_ORDER.get(c.kind, 9)))
    for i, card in enumerate(out.cards, 1):
        card.number = i
    if usable and analysis is not None:
        out.balance_summary = analysis.balance.summary
        out.balance_by_side = dict(analysis.balance.by_side)
    out.references = refs.items
    out.keywords = list(keywords)
    out.legend = _legend(out)
    return out


_KIND_ORDER = {"source": 0, "unattributed": 1, "background": 2, "wording": 3, "note": 4}


def _legend(out: ExportArticle) -> list[tuple[str, str, str]]:
    kinds = {m.kind for m in out.marks}
    legend: list[tuple[str, str, str]] = []
    if "source" in kinds:
        legend.append(("source", SIDE_COLORS["AZ"], "statement (underline in the speaker's side colour)"))
    if "unattributed" in kinds:
        legend.append(("unattributed", UNKNOWN_COLOR, "unattributed claim"))
    if "mention" in kinds:
        legend.append(("mention", BACKGROUND_COLOR, "background in the knowledge base"))
    if "flag" in kinds:
        legend.append(("flag", WORDING_COLOR, "flagged wording"))
    if "highlight" in kinds:
        legend.append(("highlight", COLORS["yellow"], "your highlight"))
    return legend


def _darker(hex_color: str, factor: float = 0.62) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"#{int(r * factor):02X}{int(g * factor):02X}{int(b * factor):02X}"


def _strip_md(text: str) -> str:
    return text.replace("**", "").replace("__", "").replace("`", "")


def export_date() -> str:
    return date.today().isoformat()
