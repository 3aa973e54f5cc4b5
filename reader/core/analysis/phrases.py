"""Clause and noun-phrase helpers for finding speakers (word order, commas, articles)."""

from __future__ import annotations

import re

from reader.core.analysis import cues as C
from reader.core.analysis import sides
from reader.core.analysis.model import Span, Speaker
from reader.core.analysis.text import Layout

_WORDS = re.compile(r"[\w][\w\-.'’]*", re.UNICODE)
_LINKING = frozenset({"in", "aus", "von", "des", "der", "of", "for", "from", "at"})
_NOT_SUBJECT = frozenset({"einen", "den", "dem", "einem", "des", "eines"})
_SOURCE_NOUN = re.compile(r"\b(?:Quellen?|Kreisen?|sources?|officials?|diplomats?|insiders?)\b", re.IGNORECASE)


def _words_before(text: str, a: int, b: int, n: int) -> list[str]:
    return _WORDS.findall(text, a, b)[-n:]


def _last_word(text: str, a: int, b: int) -> str:
    ws = _WORDS.findall(text, a, b)
    return ws[-1] if ws else ""


def _particle_start(text: str, a: int, b: int) -> int:
    ms = list(_WORDS.finditer(text, a, b))
    return ms[-1].start() if ms else b


def _particle_end(text: str, a: int, b: int) -> int:
    ms = list(_WORDS.finditer(text, a, b))
    return ms[-1].end() if ms else a


def _last_boundary(text: str, ss: int, pos: int) -> int:
    """Start of the clause that ends at ``pos`` (after the last , ; : or quote)."""
    lo = max(ss, pos - 300)
    last = max([text.rfind(c, lo, pos) for c in _CLAUSE_MARKS])  # a search per mark, not per character
    return last + 1 if last >= 0 else lo


_CLAUSE_MARKS = ",;:„“”\"«»()–—"


def _last_comma(text: str, ss: int, pos: int) -> int:
    i = pos - 1
    while i > ss and text[i].isspace():
        i -= 1
    if i >= ss and text[i] in ",“”\"»«":
        return i + (1 if text[i] in "“”\"»«" else 0)
    return pos


def _preposed(text: str, ss: int, pos: int) -> bool:
    """Is the cue right after a comma or closing quote ("…, sagte X.")?"""
    i = pos - 1
    while i > ss and text[i].isspace():
        i -= 1
    return i > ss and text[i] in ",“”\"»«"


def _strip_conj(text: str, a: int, b: int) -> int:
    m = re.compile(r"(?:\s|,)*(?:\b(?:und|sowie|and)\b)?(?:\s|,)*$", re.IGNORECASE).search(text, a, b)
    return m.start() if m else b


def _skip_comma(text: str, pos: int, end: int) -> int:
    while pos < end and (text[pos].isspace() or text[pos] in ",:"):
        pos += 1
    return pos


def _clause_stop(text: str, a: int, b: int) -> int:
    m = re.compile(r"[,;:!?„“”\"«»]|\.(?=\s|$)").search(text, a, b)
    return m.start() if m else b


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",:"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;"):
        b -= 1
    return a, b


def _np_before(text: str, a: int, b: int, lang: str) -> tuple[int, int] | None:
    ms = list(_WORDS.finditer(text, a, b))
    stop = C.DE_STOP if lang == "de" else C.EN_STOP
    k = len(ms)
    i = k - 1
    while i >= 0 and k - i <= 9:
        low = ms[i].group().casefold()
        if low in stop:
            # "Regierung in Jerewan", "spokesman for the ministry": keep going if a noun precedes
            prev = ms[i - 1].group() if i > 0 else ""
            if low in _LINKING and prev and prev.casefold() not in stop and i < k - 1 and (
                    lang == "en" or prev[:1].isupper()):
                i -= 1
                continue
            if low in ("und", "and") and prev[:1].isupper() and i < k - 1 and ms[i + 1].group()[:1].isupper():
                i -= 1  # coordinated subjects: "Armenien und Aserbaidschan"
                continue
            break
        i -= 1
    if lang == "en" and i >= 0 and i < k - 1 and ms[i].group().casefold() in ("a", "an"):
        i -= 1  # "a police spokeswoman": the article belongs to the speaker, as "the" does
    np = ms[i + 1:]
    if not np or len(np) > 9:
        return None
    if lang == "de" and np[0].group().casefold() in _NOT_SUBJECT:
        return None
    words = [m.group() for m in np]
    if all(w.casefold() in C.TIME_WORDS or w.rstrip(".").isdigit() for w in words):
        return None
    if lang == "de" and not any(w[:1].isupper() for w in words):
        if not (len(words) == 1 and words[0].casefold() in sides.PRONOUNS["de"]):
            return None
    if lang == "en" and i >= 0 and ms[i].group().casefold() in ("that", "if", "whether", "as"):
        pass
    return np[0].start(), np[-1].end()


def _np_after(text: str, a: int, b: int, lang: str) -> tuple[int, int] | None:
    ms = list(_WORDS.finditer(text, a, b))
    stop = C.DE_STOP if lang == "de" else C.EN_STOP
    arts = C.DE_ARTICLES if lang == "de" else C.EN_ARTICLES
    np: list[re.Match[str]] = []
    for m in ms:
        w = m.group()
        low = w.casefold()
        if low in stop and not (low in ("von", "of") and np):
            nxt = text[m.end():m.end() + 40].split()
            if np and low in ("in", "aus") and nxt and nxt[0][:1].isupper() and \
                    sides.side_of_words(nxt[0], lang) is not None:
                np.append(m)  # "der Staatliche Grenzdienst in Baku"
                continue
            break
        if lang == "de" and not (w[:1].isupper() or low in arts or low in ("des", "der", "von")
                                 or low.endswith(("e", "en", "er", "es", "em"))):
            break
        if low in C.TIME_WORDS:
            break
        np.append(m)
        if len(np) >= 8:
            break
    while np and np[-1].group().casefold() in ("des", "der", "von", "of", "the", "die", "den", "dem"):
        np.pop()
    if not np:
        return None
    if lang == "de" and np[0].group().casefold() in _NOT_SUBJECT:
        return None
    words = [m.group() for m in np]
    if all(w.casefold() in arts for w in words):
        return None
    if lang == "de" and not any(w[:1].isupper() for w in words) and not (
            len(words) >= 2 and words[0].casefold() in arts):  # "der 81-jährige"
        return None
    return np[0].start(), np[-1].end()

def _source_np_end(text: str, a: int, b: int, lang: str) -> int:
    """End of an anonymous source phrase after "laut"/"according to": in German its source noun
    (the head comes last); in English the phrase runs to the comma ("a source familiar with …,")."""
    if lang != "de":
        return b
    m = _SOURCE_NOUN.search(text, a, b)
    return m.end() if m else b


def _anonymous_np(text: str, a: int, b: int, lang: str) -> Speaker | None:
    """"laut einer mit den Verhandlungen vertrauten Quelle", "according to a source familiar …"."""
    phrase = text[a:b]
    if not phrase.strip() or not sides.is_anonymous(phrase, lang):
        return None
    lead = len(phrase) - len(phrase.lstrip())
    span = Span(a + lead, b, phrase.strip())
    return Speaker(phrase.strip(), span, None, "anonymous", sides.side_of_words(phrase, lang) or "unknown")


def _quote_before(layout: Layout, ss: int, cue_start: int) -> tuple[int, int] | None:
    """The quotation that ends just before the speaker and cue ("…," he said / „…“, sagte er)."""
    for q in reversed(layout.quotes_in(ss, cue_start)):
        if q.closed and q.depth == 0 and 0 <= cue_start - q.end <= 16 and q.words >= 2:
            return q.inner_start, q.inner_end
    return None


def _interrupted_first(text: str, layout: Layout, ss: int, frame_start: int,
                       after: tuple[int, int]) -> tuple[int, int] | None:
    """'"We are ready," the minister said, "to talk."': when the content after the cue is a
    quotation and another one ends right before the frame (its speaker), that first part,
    marks included, is where the statement opens."""
    if layout.quote_opening(after[0], after[0] + 1) is None:
        return None
    for q in reversed(layout.quotes_in(ss, frame_start)):
        if q.closed and q.depth == 0 and not text[q.end:frame_start].strip(" ,\u00a0"):
            return q.start, q.end
    return None
