"""The analysis engine: one ``Analyzer`` per knowledge base, ``analyze`` per article."""

from __future__ import annotations

from reader.core.analysis.attribution import ArticleState, AttributionFinder
from reader.core.analysis.balance import compute_balance
from reader.core.analysis.headline import check_headline
from reader.core.analysis.keys import make_key
from reader.core.analysis.matcher import PhraseMatcher, build_matcher, fold
from reader.core.analysis.mentions import ClaimPatterns, Resolved, resolve_entity_hits
from reader.core.analysis.model import Analysis, Attribution, Mention
from reader.core.analysis.text import Layout
from reader.core.analysis.unattributed import find_unattributed
from reader.core.analysis.wording import Context, Flagger
from reader.core.knowledge.model import Entry, KnowledgeBase

EAGER_LANGUAGES = ("de", "en")


class _LanguageTools:
    """Everything built once per language: matcher, claim regexes, cue finder, flagger."""

    def __init__(self, kb: KnowledgeBase, language: str) -> None:
        self.matcher: PhraseMatcher = build_matcher(kb, language)
        self.claims = ClaimPatterns(kb, language)
        self.attributions = AttributionFinder(kb, language)
        self.flagger = Flagger(kb.lexicon_for(language), language)


class Analyzer:
    """Finds attributions, unattributed claims, mentions, wording flags, headline problems
    and the source balance of an article, using one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._tools: dict[str, _LanguageTools] = {}
        for lang in EAGER_LANGUAGES:
            self._tools[lang] = _LanguageTools(kb, lang)

    def tools(self, language: str) -> _LanguageTools:
        tools = self._tools.get(language)
        if tools is None:
            tools = _LanguageTools(self.kb, language)
            self._tools[language] = tools
        return tools

    def analyze_raw(self, text: str, language: str | None = None) -> Analysis:
        """Analyse ``text`` exactly as given, with no title."""
        return self.analyze("", text, language or "en")

    def analyze(self, title: str, text: str, language: str, outlet: str | None = None) -> Analysis:
        language = (language or "en").lower()
        title = title or ""
        text = text or ""
        tools = self.tools(language)
        outlet_entry = self.kb.outlet_for(outlet) if outlet else None
        layout = Layout(text)

        recency: dict[str, int] = {}
        title_hits = tools.matcher.find(title) if title else []
        title_mentions = resolve_entity_hits(title_hits, self.kb, recency)
        for k in recency:
            recency[k] = -1  # title mentions count, but any body mention is more recent
        folded = fold(text)
        hits = tools.matcher.find(text, folded)
        resolved = resolve_entity_hits(hits, self.kb, recency)
        mentions = [self._mention(text, layout, r) for r in resolved]
        claims = self._claims(text, folded, layout, tools)

        state = ArticleState(recency={k: v for k, v in recency.items() if v < 0})
        attributions = tools.attributions.find(text, layout, resolved, state, outlet_entry)
        attributed = _attributed_sentences(layout, attributions)
        attributed_paragraphs = frozenset(a.paragraph for a in attributions)
        voice_side = "unknown"
        if outlet_entry is not None:
            voice_side = outlet_entry.affiliation or outlet_entry.side or "unknown"
        elif state.readout is not None and state.readout.side not in ("unknown", "general"):
            voice_side = state.readout.side
        ctx = Context(attributed, attributed_paragraphs, voice_side)
        flags = tools.flagger.flags(text, layout, hits, ctx)
        unattributed = find_unattributed(text, layout, language, attributed, claims, hits, self.kb)
        headline = check_headline(title, text, title_mentions, resolved, self.kb, language)
        balance = compute_balance(text, attributions, unattributed, flags)
        return Analysis(
            language=language,
            title=title,
            text=text,
            attributions=attributions,
            unattributed=unattributed,
            mentions=sorted(mentions + claims, key=lambda m: (m.start, m.end)),
            flags=flags,
            headline=headline,
            balance=balance,
            knowledge_versions=self.kb.versions(),
        )

    def _mention(self, text: str, layout: Layout, r: Resolved) -> Mention:
        entry: Entry | None = self.kb.get(r.entity)
        span = text[r.start:r.end]
        return Mention(
            key=make_key("mention", r.rule, r.start, r.end, span),
            start=r.start,
            end=r.end,
            text=span,
            paragraph=layout.paragraph_index(r.start),
            rule=r.rule,
            entity=r.entity,
            entity_type=entry.type if entry else "",
        )

    def _claims(self, text: str, folded: str, layout: Layout, tools: _LanguageTools) -> list[Mention]:
        out: list[Mention] = []
        ranges = [(s.start, s.end) for s in layout.sentences]
        for start, end, entry_id in tools.claims.find(text, folded, ranges, layout.sentence_index):
            span = text[start:end]
            out.append(Mention(
                key=make_key("mention", "kb.claim_pattern", start, end, span),
                start=start,
                end=end,
                text=span,
                paragraph=layout.paragraph_index(start),
                rule="kb.claim_pattern",
                entity=entry_id,
                entity_type="claim",
            ))
        return out


def _attributed_sentences(layout: Layout, attributions: list[Attribution]) -> frozenset[int]:
    out: set[int] = set()
    for a in attributions:
        out.add(layout.sentence_index(a.cue.start))
        if a.content is not None:
            lo = layout.sentence_index(a.content.start)
            hi = layout.sentence_index(max(a.content.start, a.content.end - 1))
            out.update(range(lo, hi + 1))
    out.discard(-1)
    return frozenset(out)
