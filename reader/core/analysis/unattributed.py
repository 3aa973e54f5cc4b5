"""Unattributed claims: sentences in the outlet's own voice that assert contested facts.

A sentence qualifies when it has no attribution, is not inside a quotation, is not a
question, and one of these holds (the reason says which):

1. it matches a known contested claim (a claim entry's ``claim_patterns``);
2. it contains a lexicon term of category unattributed_accusation, disputed_figure or
   legal_characterisation;
3. it gives a casualty, displacement or territory figure;
4. it accuses a named side (a side's name or demonym plus an accusatory verb/noun);
5. it states a legal characterisation ("illegal", "occupied", "genocide") as fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.analysis import sides
from reader.core.analysis import signals as S
from reader.core.analysis.keys import make_key
from reader.core.analysis.matcher import Hit
from reader.core.analysis.model import Mention, Unattributed
from reader.core.analysis.prefilter import candidate_starts
from reader.core.analysis.text import Layout
from reader.core.analysis.wording import speech_quote
from reader.core.knowledge.model import KnowledgeBase, LexiconEntry

LEXICON_CATEGORIES = ("unattributed_accusation", "disputed_figure", "legal_characterisation")
CONFLICT_SIDES = ("AZ", "AM")


SIDE_NAMES_DE = {
    "AZ": "aserbaidschanische", "AM": "armenische", "RU": "russische", "TR": "türkische",
    "US": "US-amerikanische", "EU": "europäische", "WEST": "westliche",
}


def find_unattributed(
    text: str,
    layout: Layout,
    language: str,
    attributed: frozenset[int],
    claims: list[Mention],
    hits: list[Hit],
    kb: KnowledgeBase,
    lexicon: dict[str, LexiconEntry] | None = None,
) -> list[Unattributed]:
    """``lexicon``: the language's lexicon by id, if the caller keeps one."""
    lang = "de" if language == "de" else "en"
    lex = lexicon if lexicon is not None else lexicon_by_id(kb, language)
    claim_by_sentence: dict[int, Mention] = {}
    for c in claims:
        claim_by_sentence.setdefault(layout.sentence_index(c.start), c)
    lex_by_sentence: dict[int, str] = {}
    for h in hits:
        if h.target.kind == "lexicon":
            lex_entry = lex.get(h.target.ref)
            if lex_entry is not None and lex_entry.category in LEXICON_CATEGORIES:
                lex_by_sentence.setdefault(layout.sentence_index(h.start), lex_entry.id)
    out: list[Unattributed] = []
    for si in _sentences_to_check(text, layout, lang, claim_by_sentence.keys() | lex_by_sentence.keys()):
        sent = layout.sentences[si]
        if si in attributed:
            continue
        if S.QUESTION_END.search(text, sent.start, sent.end):
            continue
        if speech_quote(layout, sent.start, sent.end) is not None:
            continue
        reasons: list[str] = []
        reasons_de: list[str] = []
        rule = ""
        entry: str | None = None
        claim = claim_by_sentence.get(si)
        if claim is not None:
            kb_entry = kb.get(claim.entity)
            name = kb_entry.name(lang) if kb_entry else claim.entity
            reasons.append(f"repeats the contested claim '{name}' without a source")
            reasons_de.append(f"wiederholt die umstrittene Behauptung „{name}“ ohne Quelle")
            rule, entry = "unattributed.claim", claim.entity
        if si in lex_by_sentence:
            le = lex[lex_by_sentence[si]]
            reasons.append(f"uses '{le.forms[0].rstrip('*')}' ({le.category.replace('_', ' ')}) "
                           "without a source")
            reasons_de.append(f"verwendet „{le.forms[0].rstrip('*')}“ ohne Quelle")
            rule = rule or "unattributed.lexicon"
            entry = entry or le.id
        if _has_figure(text, sent.start, sent.end, lang):
            reasons.append("gives a casualty, displacement or territory figure without a source")
            reasons_de.append("nennt eine Opfer-, Vertriebenen- oder Gebietszahl ohne Quelle")
            rule = rule or "unattributed.figure"
        accused = _accused_side(text, sent.start, sent.end, lang)
        if accused is not None:
            reasons.append(f"accuses the {sides.SIDE_NAMES.get(accused, accused)} side without "
                           "a source")
            reasons_de.append(f"beschuldigt die {SIDE_NAMES_DE.get(accused, accused)} Seite ohne Quelle")
            rule = rule or "unattributed.accusation"
        voice = S.OUTLET_VOICE[lang].search(text, sent.start, sent.end)
        if voice is not None and accused is None and S.ACCUSATION[lang].search(text, sent.start, sent.end):
            reasons.append(f"reports military action in the first person ('{voice.group()}') "
                           "without a source")
            reasons_de.append(f"berichtet in der ersten Person („{voice.group()}“) über "
                              "militärisches Handeln, ohne Quelle")
            rule = rule or "unattributed.outlet_voice"
        legal = S.LEGAL[lang].search(text, sent.start, sent.end)
        if legal is not None:
            reasons.append(f"states a legal characterisation ('{legal.group()}') as fact")
            reasons_de.append(f"stellt eine rechtliche Wertung („{legal.group()}“) als Tatsache dar")
            rule = rule or "unattributed.legal"
        if not reasons:
            continue
        span = text[sent.start:sent.end]
        out.append(Unattributed(
            key=make_key("unattributed", rule, sent.start, sent.end, span),
            start=sent.start,
            end=sent.end,
            text=span,
            paragraph=sent.paragraph,
            rule=rule,
            reason="; ".join(reasons),
            entry=entry,
            reason_de="; ".join(reasons_de),
        ))
    return out


def lexicon_by_id(kb: KnowledgeBase, language: str) -> dict[str, LexiconEntry]:
    return {e.id: e for e in kb.lexicon_for(language)}


def _sentences_to_check(text: str, layout: Layout, lang: str, known: Iterable[int]) -> list[int]:
    """Sentences that may give a reason: one holding a claim or lexicon hit (``known``) or a
    place where a casualty, accusation or legal term may start; every sentence when that is
    not known. (An outlet-voice reason needs an accusation too.)"""
    chosen = set(known)
    for pattern in (S.CASUALTY[lang], S.ACCUSATION[lang], S.LEGAL[lang]):
        positions = candidate_starts(pattern, text)
        if positions is None:
            return list(range(len(layout.sentences)))
        chosen |= layout.sentences_holding(positions)
    return sorted(chosen)


def _has_figure(text: str, start: int, end: int, lang: str) -> bool:
    casualty = S.CASUALTY[lang]
    if not casualty.search(text, start, end):
        return False
    for m in S.NUMBER.finditer(text, start, end):
        if m.group(1):
            digits = m.group(1)
            unit = m.group(2)
            if not unit and digits.isdigit() and 1800 <= int(digits) <= 2100:
                continue  # a year
            if not unit and S.MONTHS.match(text, m.end(), min(end, m.end() + 14)):
                continue  # a date: "am 27. September"
            if not unit and digits.isdigit() and int(digits) < 10:
                continue
        lo = max(start, m.start() - 40)
        hi = min(end, m.end() + 90)
        if casualty.search(text, lo, hi):
            return True
    return False


def _accused_side(text: str, start: int, end: int, lang: str) -> str | None:
    acc = S.ACCUSATION[lang].search(text, start, end)
    if acc is None:
        return None
    found = [(p + start, s) for p, s in sides.sides_in(text[start:end], lang)
             if s in CONFLICT_SIDES or s in ("RU", "TR")]
    if not found:
        return None
    # the agent: "von/by X", else a side right after the accusation ("Angriffe Armeniens"),
    # else the first side named
    for pos, side in found:
        if _AGENT.search(text, max(start, pos - 8), pos):
            return side
    for m in S.ACCUSATION[lang].finditer(text, start, end):
        for pos, side in found:
            if 0 <= pos - m.end() <= 2:
                return side
    return found[0][1]


_AGENT = re.compile(r"\b(?:von|vom|durch|by)\s+(?:der|den|dem|the)?\s*$", re.IGNORECASE)
