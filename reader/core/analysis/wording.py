"""Wording flags: lexicon matches (honouring rule and ``unless``) and rule-based signals.

Lexicon rules (docs/formats.md):

- ``always``: flag (high); inside a quotation of a named source the flag is kept but marked
  ``in_quote`` with low severity (the source's wording, not the outlet's);
- ``unattributed``: flag (medium) in sentences without attribution; in attributed sentences
  or quotes the flag is kept as ``in_quote``, low;
- ``narrator``: flag (medium) in the outlet's own voice; inside a quotation no flag; in
  reported speech ``in_quote``, low;
- ``info``: a low-severity note wherever it appears.

Rule-based signals: scare quotes and "so-called", first-person plural in the outlet's own
voice ("unsere Armee"), absolutes/intensifiers in sentences that make an accusation.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from reader.core.analysis import signals as S
from reader.core.analysis.keys import make_key
from reader.core.analysis.matcher import Hit, fold, fold_pattern, select_longest
from reader.core.analysis.model import Flag
from reader.core.analysis.prefilter import candidate_starts
from reader.core.analysis.text import Layout, Quote
from reader.core.knowledge.model import LexiconEntry

SEVERITY = {"always": "high", "unattributed": "medium", "narrator": "medium", "info": "low"}


@dataclass(frozen=True)
class Context:
    """Per-sentence facts the flagger needs."""

    attributed: frozenset[int]  # sentence indices with an attribution
    attributed_paragraphs: frozenset[int]
    voice_side: str  # side of the outlet's own voice, "unknown" if not known
    speaker_spans: tuple[tuple[int, int], ...] = ()  # who is speaking: the outlet's words
    cue_spans: tuple[tuple[int, int], ...] = ()  # the verbs of saying: the outlet's words too


def speech_quote(layout: Layout, start: int, end: int) -> Quote | None:
    """The outermost quotation around [start, end) that is speech, not a scare quote."""
    for q in layout.enclosing(start, end):
        if is_speech(q, layout.text):
            return q
    return None


def is_speech(q: Quote, text: str) -> bool:
    if q.words >= 4:
        return True
    inner = text[q.inner_start:q.inner_end]
    return any(c in inner for c in ".!?") and q.words >= 2


class Flagger:
    def __init__(self, lexicon: list[LexiconEntry], language: str) -> None:
        self.lang = "de" if language == "de" else "en"
        self.entries = {e.id: e for e in lexicon}
        self.unless = {e.id: [fold_pattern(u) for u in e.unless if u.strip()] for e in lexicon}
        self._unless = {k: _Unless(v) for k, v in self.unless.items() if v}

    def flags(self, text: str, layout: Layout, hits: list[Hit], ctx: Context) -> list[Flag]:
        folded: str | None = None
        lex_hits = select_longest([h for h in hits if h.target.kind == "lexicon"])
        speakers = _Spans(list(ctx.speaker_spans) + list(ctx.cue_spans))
        out: list[Flag] = []
        for h in lex_hits:
            entry = self.entries.get(h.target.ref)
            if entry is None:
                continue
            unless = self._unless.get(entry.id)
            if unless is not None:
                folded = folded if folded is not None else fold(text)
                if unless.covers(folded, h.start, h.end):
                    continue
            flag = self._lexicon_flag(text, layout, h, entry, ctx, speakers)
            if flag is not None:
                out.append(flag)
        voice = self._outlet_voice(text, layout, ctx)
        if voice:  # the outlet-voice flag says more than a lexicon entry on the same words
            spans = _Spans([(f.start, f.end) for f in voice])
            out = [f for f in out if not spans.covers(f.start, f.end)]
        rule_flags = self._scare_quotes(text, layout, out, ctx) + voice
        rule_flags += self._absolutes(text, layout, ctx, out)
        out.extend(rule_flags)
        out.sort(key=lambda f: (f.start, f.end))
        return out

    # ------------------------------------------------------------------ lexicon
    def _lexicon_flag(self, text: str, layout: Layout, h: Hit, entry: LexiconEntry,
                      ctx: Context, speakers: _Spans) -> Flag | None:
        si = layout.sentence_index(h.start)
        attributed_sentence = si in ctx.attributed
        quote = speech_quote(layout, h.start, h.end)
        para = layout.paragraph_index(h.start)
        named_quote = quote is not None and (attributed_sentence or para in ctx.attributed_paragraphs)
        severity = SEVERITY.get(entry.rule, "medium")
        in_quote = False
        if entry.category == "exaggeration" and entry.rule == "unattributed" and entry.side == "general":
            sent = layout.sentences[si] if si >= 0 else None
            if sent is None or not S.ACCUSATION[self.lang].search(text, sent.start, sent.end):
                return None  # absolutes count only where they carry an accusation
        in_speaker = speakers.covers(h.start, h.end)
        if attributed_sentence and quote is None and not in_speaker and layout.enclosing(h.start, h.end):
            named_quote = True  # a quoted fragment in a reported statement: the source's words
        if entry.rule == "always":
            if named_quote:
                in_quote, severity = True, "low"
        elif entry.rule == "unattributed":
            if attributed_sentence or quote is not None:
                in_quote, severity = True, "low"
        elif entry.rule == "narrator":
            if quote is not None:
                return None
            if attributed_sentence and not in_speaker:
                in_quote, severity = True, "low"
        else:
            in_quote = quote is not None
        rule = f"lexicon.{entry.rule}"
        span_text = text[h.start:h.end]
        return Flag(
            key=make_key("flag", f"{rule}.{entry.id}", h.start, h.end, span_text),
            start=h.start,
            end=h.end,
            text=span_text,
            paragraph=para,
            rule=rule,
            category=entry.category,
            side=entry.side,
            explanation=(entry.explanation_de if self.lang == "de" and entry.explanation_de
                         else entry.explanation),
            alternative=entry.alternative,
            entry=entry.id,
            severity=severity,
            in_quote=in_quote,
        )

    # ------------------------------------------------------------------ rules
    def _scare_quotes(self, text: str, layout: Layout, lexicon_flags: list[Flag],
                      ctx: Context) -> list[Flag]:
        out: list[Flag] = []
        so_called = S.SO_CALLED[self.lang]
        covered: list[tuple[int, int]] = []
        delegit = _Spans([(f.start, f.end) for f in lexicon_flags if f.category == "delegitimising"])
        by_span = {(f.start, f.end): f.entry for f in lexicon_flags}
        for q in layout.quotes:
            if not q.closed or q.words == 0 or q.words > 3 or q.inner_end - q.inner_start > 60:
                continue
            inner = text[q.inner_start:q.inner_end].strip()
            if any(c in inner for c in ".!?:;"):
                continue
            lead = so_called.search(text, max(0, q.start - 30), q.start)
            if lead is not None and text[lead.end():q.start].count(" ") > 2:
                lead = None
            if lead is None and not S.SCARE_WORDS.match(inner.split()[0] if inner else ""):
                continue
            start = lead.start() if lead is not None else q.start
            entry = None
            i = bisect.bisect_left(delegit.starts, start)
            if i < len(delegit.spans) and delegit.spans[i][0] < q.end:
                entry = by_span.get(delegit.spans[i])
            reported = layout.sentence_index(start) in ctx.attributed
            out.append(self._rule_flag(
                text, layout, start, q.end, "rule.scare_quotes", "delegitimising",
                "Quotation marks around a single word cast doubt on it without saying who "
                "doubts it or why (scare quotes).",
                "Drop the quotation marks and say who disputes the status, e.g. "
                "'elections that Baku does not recognise'." if self.lang == "en" else
                "Anführungszeichen weglassen und sagen, wer den Status bestreitet, z. B. "
                "„Wahlen, die Baku nicht anerkennt“.",
                "medium" if reported else "high", entry, in_quote=reported,
            ))
            covered.append((start, q.end))
        # drop lexicon "so-called" flags now covered by a scare-quote flag
        cover = _Spans(covered)
        if covered:
            keep = [f for f in lexicon_flags if not (
                f.category == "delegitimising" and cover.covers(f.start, f.end)
            )]
            lexicon_flags[:] = keep
        flagged = _Spans([(f.start, f.end) for f in lexicon_flags])
        # "so-called X" without quotes, when the lexicon has no entry for it
        for m in so_called.finditer(text):
            if cover.containing(m.start()) is not None:
                continue
            if flagged.containing(m.start()) is not None:
                continue
            if self.lang == "en" and m.group().casefold() in ("alleged", "supposed"):
                continue
            if self.lang == "de" and m.group().casefold().startswith("angeblich"):
                continue
            end = _np_end(text, m.end(), 3)
            quote = speech_quote(layout, m.start(), end)
            reported = quote is not None or layout.sentence_index(m.start()) in ctx.attributed
            out.append(self._rule_flag(
                text, layout, m.start(), end, "rule.so_called", "delegitimising",
                "'So-called' signals that the writer does not accept the name, without saying "
                "who disputes it or why.",
                "Name the body neutrally and attribute the dispute ('which Baku does not "
                "recognise').",
                "low" if reported else "medium", None, in_quote=reported,
            ))
        return out

    def _outlet_voice(self, text: str, layout: Layout, ctx: Context) -> list[Flag]:
        out: list[Flag] = []
        for m in S.OUTLET_VOICE[self.lang].finditer(text):
            if speech_quote(layout, m.start(), m.end()) is not None:
                continue
            out.append(self._rule_flag(
                text, layout, m.start(), m.end(), "rule.outlet_voice", "outlet_voice",
                "First person plural outside any quotation: the text speaks in one party's "
                "voice ('our army') instead of reporting it.",
                "Name the party: 'the Azerbaijani army', 'Armenia's territory'."
                if self.lang == "en" else
                "Die Partei benennen: „die aserbaidschanische Armee“, „das Gebiet Armeniens“.",
                "high", None, side=ctx.voice_side,
            ))
        return out

    def _absolutes(self, text: str, layout: Layout, ctx: Context, lexicon_flags: list[Flag]) -> list[Flag]:
        out: list[Flag] = []
        pattern = S.ABSOLUTES[self.lang]
        accusation = S.ACCUSATION[self.lang]
        flagged = _Spans([(f.start, f.end) for f in lexicon_flags])
        # only sentences where both an absolute and an accusation may start
        absolutes, accusations = candidate_starts(pattern, text), candidate_starts(accusation, text)
        chosen: Iterable[int] = range(len(layout.sentences))
        if absolutes is not None and accusations is not None:
            chosen = sorted(layout.sentences_holding(absolutes) & layout.sentences_holding(accusations))
        for si in chosen:
            sent = layout.sentences[si]
            if si in ctx.attributed:
                continue
            m = pattern.search(text, sent.start, sent.end)
            if m is None or not accusation.search(text, sent.start, sent.end):
                continue
            for m in pattern.finditer(text, sent.start, sent.end):
                if speech_quote(layout, m.start(), m.end()) is not None:
                    continue
                if flagged.containing(m.start()) is not None:
                    continue
                out.append(self._rule_flag(
                    text, layout, m.start(), m.end(), "rule.absolute", "exaggeration",
                    "An absolute or intensifier in an unsourced accusation turns a claim into "
                    "a verdict.",
                    "Qualify and attribute: who says so, and on what evidence.",
                    "medium", None,
                ))
        return out

    def _rule_flag(self, text: str, layout: Layout, start: int, end: int, rule: str,
                   category: str, explanation: str, alternative: str, severity: str,
                   entry: str | None, side: str = "general", in_quote: bool = False) -> Flag:
        span_text = text[start:end]
        return Flag(
            key=make_key("flag", rule, start, end, span_text),
            start=start,
            end=end,
            text=span_text,
            paragraph=layout.paragraph_index(start),
            rule=rule,
            category=category,
            side=side,
            explanation=explanation,
            alternative=alternative,
            entry=entry,
            severity=severity,
            in_quote=in_quote,
        )


class _Spans:
    """Sorted spans with a fast "is ``pos`` inside one of them" test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.max_len = max((b - a for a, b in self.spans), default=0)

    def containing(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0 and self.starts[i] >= pos - self.max_len:
            a, b = self.spans[i]
            if a <= pos < b:
                return a, b
            i -= 1
        return None

    def covers(self, start: int, end: int) -> bool:
        span = self.containing(start)
        return span is not None and end <= span[1]


class _Unless:
    """An entry's ``unless`` phrases in one automaton: does one of them cover a hit?"""

    def __init__(self, phrases: list[str]) -> None:
        self.longest = max(len(u) for u in phrases)
        self.automaton = ahocorasick.Automaton()
        for u in phrases:
            self.automaton.add_word(u, len(u))
        self.automaton.make_automaton()

    def covers(self, folded: str, start: int, end: int) -> bool:
        """Does a phrase occur at some ``i <= start`` with ``i + len >= end`` (``_suppressed``)?"""
        lo = max(0, end - self.longest - 1)
        hi = min(len(folded), start + self.longest + 1)
        # iterate over the slice: pyahocorasick converts the whole string it is given, so
        # passing the article with bounds would cost its length per hit (quadratic)
        for last, length in self.automaton.iter(folded[lo:hi]):
            i = lo + last - length + 1
            if i <= start and lo + last + 1 >= end:
                return True
        return False


def _suppressed(folded: str, start: int, end: int, unless: list[str]) -> bool:
    """The phrase search ``_Unless.covers`` stands in for (kept: a test holds them equal)."""
    for u in unless:
        lo = max(0, end - len(u) - 1)
        i = folded.find(u, lo, start + len(u) + 1)
        while i >= 0 and i <= start:
            if i + len(u) >= end:
                return True
            i = folded.find(u, i + 1, start + len(u) + 1)
    return False


def _np_end(text: str, pos: int, max_words: int) -> int:
    """End of up to ``max_words`` words after ``pos`` (stops at punctuation)."""
    end = pos
    words = 0
    i = pos
    n = len(text)
    while i < n and words < max_words:
        while i < n and text[i] == " ":
            i += 1
        j = i
        while j < n and (text[j].isalnum() or text[j] in "-„“”\"'"):
            j += 1
        if j == i:
            break
        end = j
        words += 1
        first = text[i].lstrip("„“”\"'") if text[i] in "„“”\"'" else text[i]
        i = j
        if first[:1].isupper():
            break  # a capitalised noun closes a German noun phrase
    return end
