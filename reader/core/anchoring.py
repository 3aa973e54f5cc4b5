"""Text anchors that survive edits: offsets plus the quoted text with context around it.

A highlight stores ``start``/``end`` and also ``quote``, ``prefix`` and ``suffix`` (about
:data:`CONTEXT` characters before and after). When the article text changes, :func:`locate`
finds the quote again:

1. **exact**: the text still holds the quote at the stored offsets;
2. **moved**: the quote occurs elsewhere; the occurrence whose surroundings best match the
   stored context, then the one nearest the old offset, wins;
3. **fuzzy**: the quote was edited; the most similar stretch of text (``difflib``) is taken if
   it is similar enough (:data:`FUZZY_THRESHOLD`);

otherwise the anchor is lost (the caller marks the note as orphaned).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

CONTEXT = 32
FUZZY_THRESHOLD = 0.8
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Located:
    start: int
    end: int
    method: str  # exact | moved | fuzzy
    score: float = 1.0


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor for ``text[start:end]`` with its context."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}–{end} is outside the text (length {len(text)})")
    return Anchor(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT):start],
        suffix=text[end:end + CONTEXT],
    )


def find_occurrence(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th (1-based) exact occurrence of ``quote`` in ``text``."""
    if not quote or occurrence < 1:
        return None
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(quote)


def count_occurrences(text: str, quote: str) -> int:
    if not quote:
        return 0
    n, pos = 0, text.find(quote)
    while pos >= 0:
        n += 1
        pos = text.find(quote, pos + 1)
    return n


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_score(text: str, start: int, end: int, anchor: Anchor) -> float:
    before = text[max(0, start - len(anchor.prefix)):start]
    after = text[end:end + len(anchor.suffix)]
    return (_similarity(before, anchor.prefix) + _similarity(after, anchor.suffix)) / 2


def locate(text: str, anchor: Anchor, threshold: float = FUZZY_THRESHOLD) -> Located | None:
    """Where ``anchor`` sits in ``text`` now, or None if it cannot be found with confidence."""
    quote = anchor.quote
    if not quote:
        return None
    if 0 <= anchor.start < anchor.end <= len(text) and text[anchor.start:anchor.end] == quote:
        return Located(anchor.start, anchor.end, "exact")
    # 2. exact quote elsewhere: best context, then nearest the old offset
    found: list[tuple[float, int, int]] = []
    pos = text.find(quote)
    while pos >= 0:
        score = round(_context_score(text, pos, pos + len(quote), anchor), 3)
        found.append((score, -abs(pos - anchor.start), pos))
        pos = text.find(quote, pos + 1)
    if found:
        score, _, pos = max(found)
        return Located(pos, pos + len(quote), "moved", score)
    return _fuzzy(text, anchor, threshold)


def _fuzzy(text: str, anchor: Anchor, threshold: float) -> Located | None:
    quote = anchor.quote
    n = len(quote)
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words:
        return None
    starts = [s for s, _ in words]
    ends = [e for _, e in words]
    lo, hi = int(n * 0.7), int(n * 1.3) + 1
    candidates: list[tuple[float, int, int]] = []
    for s in starts:
        for e in ends:
            if e - s < lo:
                continue
            if e - s > hi:
                break
            window = text[s:e]
            sm = difflib.SequenceMatcher(None, quote, window, autojunk=False)
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            candidates.append((sm.quick_ratio(), s, e))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (-c[0], abs(c[1] - anchor.start)))
    scored: list[tuple[float, float, int, int]] = []
    for _, s, e in candidates[:60]:
        ratio = _similarity(quote, text[s:e])
        if ratio < threshold:
            continue
        context = _context_score(text, s, e, anchor)
        # short quotes need their surroundings to agree as well
        if n < 12 and context < 0.5:
            continue
        scored.append((ratio + 0.2 * context, ratio, s, e))
    if not scored:
        return None
    scored.sort(key=lambda c: (-c[0], abs(c[2] - anchor.start)))
    _, ratio, s, e = scored[0]
    return Located(s, e, "fuzzy", ratio)
