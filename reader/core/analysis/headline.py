"""Headline checks: what the headline says that the body does not back up.

- ``headline.entity_missing``: an entity or place named in the headline that the body never
  mentions (often a mistranslation: "Vereinigte Arabische Emirate" for a Karabakh story);
- ``headline.spelling``: a name spelled differently in headline and body ("Anthony" vs
  "Antony" Blinken);
- ``headline.figure_missing``: a number in the headline that the body never gives.
"""

from __future__ import annotations

import re

from reader.core.analysis.keys import make_key
from reader.core.analysis.mentions import Resolved
from reader.core.analysis.model import HeadlineCheck
from reader.core.analysis.prefilter import LiteralScan
from reader.core.knowledge.model import KnowledgeBase

_CAP_WORD = re.compile(r"\b[^\W\d_][\w'’]{3,}\b")
_NUM = re.compile(r"\d[\d.,]*\d|\d")
MAX_BODY_WORDS = 5000  # distinct capitalised body words compared for spelling


def check_headline(
    title: str,
    text: str,
    title_mentions: list[Resolved],
    body_mentions: list[Resolved],
    kb: KnowledgeBase,
    language: str,
) -> list[HeadlineCheck]:
    if not title.strip() or not text.strip():
        return []
    lang = "de" if language == "de" else "en"
    out: list[HeadlineCheck] = []
    body_ids = {m.entity for m in body_mentions}
    reported: set[str] = set()
    for m in title_mentions:
        entry = kb.get(m.entity)
        if entry is None or entry.type == "claim" or m.entity in body_ids or m.entity in reported:
            continue
        if any(r in body_ids for r in entry.related):
            continue
        reported.add(m.entity)
        span = title[m.start:m.end]
        name = entry.name(lang)
        if lang == "de":
            msg = (f"Die Überschrift nennt „{name}“, der Text erwähnt es nirgends – vielleicht "
                   "ein Übersetzungs- oder Redaktionsfehler.")
        else:
            msg = (f"The headline names '{name}', which the body never mentions: possibly a "
                   "mistranslation or an editing error.")
        out.append(HeadlineCheck(make_key("headline", "headline.entity_missing", m.start, m.end, span),
                                 m.start, m.end, span, "headline.entity_missing", msg, m.entity, name))
    out.extend(_spelling(title, text, body_mentions, kb, lang))
    out.extend(_figures(title, text, lang))
    return out


def _spelling(title: str, text: str, body_mentions: list[Resolved], kb: KnowledgeBase,
              lang: str) -> list[HeadlineCheck]:
    body_words: set[str] = set()
    for m in body_mentions:
        entry = kb.get(m.entity)
        if entry is not None and entry.type == "person":
            # names of people are where spelling drifts ("Anthony"/"Antony" Blinken)
            body_words.update(w.group() for w in _CAP_WORD.finditer(text, m.start, m.end))
        if len(body_words) > MAX_BODY_WORDS:
            break
    out: list[HeadlineCheck] = []
    text_words: set[str] | None = None
    for w in _CAP_WORD.finditer(title):
        word = w.group()
        if not word[0].isupper() or word in body_words:
            continue
        for known in body_words:
            if known[0] != word[0] or known.startswith(word) or word.startswith(known):
                continue
            if abs(len(known) - len(word)) > 2:
                continue
            limit = 1 if len(word) <= 5 else 2
            if _distance(word, known, limit) <= limit:
                if text_words is None:
                    text_words = set(_CAP_WORD.findall(text))
                if word in text_words:
                    break  # the body also uses the headline's spelling
                if lang == "de":
                    msg = f"Die Überschrift schreibt „{word}“, der Text „{known}“."
                else:
                    msg = f"The headline spells '{word}', the body '{known}'."
                out.append(HeadlineCheck(
                    make_key("headline", "headline.spelling", w.start(), w.end(), word),
                    w.start(), w.end(), word, "headline.spelling", msg, None, known))
                break
    return out


# Small numbers are often written out in the body ("5" in the headline, "fünf"/"five" in the text).
_NUMBER_WORDS = {
    "de": ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
}


def _stem(word: str, lang: str) -> str:
    return word[:-1] if lang == "de" and word.endswith("s") else word  # "eins" → "ein", "eine", "einem"


# the number words with up to two letters of ending, tried only where their stem occurs
_WRITTEN_SCAN = LiteralScan()
_WRITTEN = {lang: [_WRITTEN_SCAN.fast(re.compile(rf"\b{_stem(w, lang)}\w{{0,2}}\b", re.IGNORECASE)) for w in words]
            for lang, words in _NUMBER_WORDS.items()}


def _written_out(num: str, text: str, lang: str, low: str | None = None) -> bool:
    """Is the small number ``num`` written out in ``text`` (``low``: its lower case, if known)?"""
    if not num.isdigit() or int(num) > 12:
        return False
    lang = "de" if lang == "de" else "en"
    stem = _stem(_NUMBER_WORDS[lang][int(num)], lang)
    if low is not None and stem not in low:
        return False  # the word is nowhere in the text: no need to scan it with a regex
    return _WRITTEN[lang][int(num)].search(text) is not None


def _figures(title: str, text: str, lang: str) -> list[HeadlineCheck]:
    out: list[HeadlineCheck] = []
    low: str | None = None
    for m in _NUM.finditer(title):
        num = m.group()
        if num in text or num.replace(",", ".") in text or num.replace(".", ",") in text:
            continue
        if low is None and num.isdigit() and int(num) <= 12:
            low = text.lower()
        if _written_out(num, text, lang, low):
            continue
        msg = (f"Die Zahl {num} aus der Überschrift steht nicht im Text." if lang == "de"
               else f"The figure {num} in the headline does not appear in the body.")
        out.append(HeadlineCheck(make_key("headline", "headline.figure_missing", m.start(), m.end(), num),
                                 m.start(), m.end(), num, "headline.figure_missing", msg, None))
    return out


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds ``limit``."""
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            best = min(best, cur[j])
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]
