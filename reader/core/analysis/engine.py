"""The analysis engine: one ``Analyzer`` per knowledge base, ``analyze`` per article."""

from __future__ import annotations

import re

from reader.core.analysis.attribution import ArticleState, AttributionFinder
from reader.core.analysis.balance import compute_balance
from reader.core.analysis.continuation import reported_continuations
from reader.core.analysis.headline import check_headline
from reader.core.analysis.keys import make_key
from reader.core.analysis.matcher import PhraseMatcher, build_matcher, fold
from reader.core.analysis.mentions import ClaimPatterns, Resolved, resolve_entity_hits
from reader.core.analysis.model import Analysis, Attribution, Mention
from reader.core.analysis.text import Layout
from reader.core.analysis.unattributed import find_unattributed, lexicon_by_id
from reader.core.analysis.wording import Context, Flagger
from reader.core.knowledge.model import Entry, KnowledgeBase

EAGER_LANGUAGES = ("de", "en")
# Characters of an article analysed at most (a long news article has well under 100,000). Past
# this, time and memory grow with every statement and flag found (a 19 MB text gave 86,000
# statements and 275,000 mentions: 1.3 GB while importing, more than any reader can use), so
# a longer text is analysed up to a paragraph break below the limit and says so.
ANALYSIS_LIMIT = 1_000_000


class _LanguageTools:
    """Everything built once per language: matcher, claim regexes, cue finder, flagger."""

    def __init__(self, kb: KnowledgeBase, language: str) -> None:
        self.matcher: PhraseMatcher = build_matcher(kb, language)
        self.claims = ClaimPatterns(kb, language)
        self.attributions = AttributionFinder(kb, language)
        self.flagger = Flagger(kb.lexicon_for(language), language)
        self.lexicon = lexicon_by_id(kb, language)


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

    def analyze(self, title: str, text: str, language: str, outlet: str | None = None, *,
                limit: int | None = ANALYSIS_LIMIT) -> Analysis:
        """The analysis of ``text`` (the whole text with ``limit=None``; else a text over
        ``limit`` characters only up to a paragraph break below it, ``analysed_chars`` saying
        where)."""
        text = text or ""
        if limit is None or len(text) <= limit:
            return self._analyze(title, text, language, outlet)
        cut = analysis_cut(text, limit)
        analysis = self._analyze(title, text[:cut], language, outlet)
        analysis.text = text  # offsets into the prefix are offsets into the whole text
        analysis.analysed_chars = cut
        analysis.balance.summary += (f"; only the first {cut:,} of {len(text):,} characters "
                                     "were analysed")
        return analysis

    def _analyze(self, title: str, text: str, language: str, outlet: str | None) -> Analysis:
        language = (language or "en").lower()
        title = title or ""
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
        resolved = [r for r in resolve_entity_hits(hits, self.kb, recency)
                    if not self._national_body(text, r)]
        mentions = [self._mention(text, layout, r) for r in resolved]
        claims = self._claims(text, folded, layout, tools)

        state = ArticleState(recency={k: v for k, v in recency.items() if v < 0})
        attributions = tools.attributions.find(text, layout, resolved, state, outlet_entry)
        attributed = _attributed_sentences(layout, attributions)
        if language == "de":
            attributed = reported_continuations(text, layout, attributed)
        attributed_paragraphs = frozenset(a.paragraph for a in attributions)
        voice_side = "unknown"
        if outlet_entry is not None:
            voice_side = outlet_entry.affiliation or outlet_entry.side or "unknown"
        elif state.readout is not None and state.readout.side not in ("unknown", "general"):
            voice_side = state.readout.side
        speaker_spans = tuple((a.speaker.span.start, a.speaker.span.end) for a in attributions
                              if a.speaker.span is not None)
        cue_spans = tuple((a.cue.start, a.cue.end) for a in attributions)
        ctx = Context(attributed, attributed_paragraphs, voice_side, speaker_spans, cue_spans)
        flags = tools.flagger.flags(text, layout, hits, ctx)
        unattributed = find_unattributed(text, layout, language, attributed, claims, hits, self.kb,
                                         tools.lexicon)
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

    def _national_body(self, text: str, r: Resolved) -> bool:
        """"armenischen Sicherheitsrates", "Armenia's Security Council": a national body, not
        the international organisation whose bare name ("Security Council") matched."""
        entry = self.kb.get(r.entity)
        if entry is None or entry.type != "organisation" or entry.side != "INT" or r.via_role:
            return False
        if _INT_QUALIFIER.search(text[r.start:r.end]):
            return False
        return _NATIONAL_BEFORE.search(text, max(0, r.start - 30), r.start) is not None

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


def analysis_cut(text: str, limit: int) -> int:
    """Where to end the analysed part of a text over ``limit`` characters: after the last
    paragraph break below it, else the last sentence end or space, else at the limit."""
    floor = limit // 2
    found = text.rfind("\n\n", floor, limit)
    if found < 0:
        found = _last_sentence_end(text, floor, limit)
    if found < 0:
        found = text.rfind(" ", floor, limit)
    return found if found > 0 else limit


def _last_sentence_end(text: str, start: int, end: int) -> int:
    last = -1
    for m in _SENTENCE_END.finditer(text, start, end):
        last = m.end() - 1
    return last


_SENTENCE_END = re.compile(r"[.!?…][\"'»«“”’)]*\s")
_INT_QUALIFIER = re.compile(r"\b(?:UN|UNO|U\.N\.|Vereinten|United|Welt|World|International|Internationale)", re.IGNORECASE)
_NATIONAL_BEFORE = re.compile(
    r"(?:\b(?:armenisch|aserbaidschanisch|russisch|türkisch|iranisch|georgisch|französisch|deutsch|"
    r"amerikanisch|national|nationalen|Armenian|Azerbaijani|Russian|Turkish|Iranian|Georgian|French|"
    r"German|American|National)\w*|['’]s)\s+$")
# finite verbs in Konjunktiv I (or its Konjunktiv II substitute): reported speech in German
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
