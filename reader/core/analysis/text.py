"""Text layout: paragraphs, sentences and quotation regions, all as character offsets.

Everything here is linear in the length of the text: one regex pass for sentence boundaries,
one for quotation marks. Sentences are capped at ``MAX_SENTENCE`` characters so that text
without punctuation never produces one giant "sentence" for the later per-sentence steps.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from reader.core.analysis.model import paragraph_bounds

MAX_SENTENCE = 800  # characters; longer runs are split at whitespace

ABBREVIATIONS = frozenset(
    a.casefold()
    for a in (
        # German
        "z.B", "u.a", "bzw", "Nr", "Dr", "Prof", "St", "ca", "vgl", "etc", "sog", "Mio", "Mrd",
        "usw", "d.h", "Abs", "Art", "Hr", "Fr", "Jh", "v.a", "o.ä", "s.o", "u.U", "i.d.R", "z.T",
        "Jan", "Feb", "Febr", "Apr", "Aug", "Sept", "Okt", "Nov", "Dez", "Bd", "Str", "Tel",
        # English
        "Mr", "Mrs", "Ms", "Gen", "Col", "Lt", "Sgt", "Rep", "Sen", "Gov", "U.S", "U.N", "U.K",
        "Jr", "Sr", "No", "vs", "e.g", "i.e", "Mt", "Capt", "Maj", "Adm", "Cmdr", "Corp", "Inc",
        "Ltd", "Co", "Dec", "Oct", "Sep",
    )
)

# candidate sentence ends: terminal punctuation, optional closing quotes/brackets, whitespace
_END = re.compile(r"[.!?…]+[\"“”»«‘’'\)\]]*(?=\s)")
_TOKEN_BEFORE = re.compile(r"([\w.]{1,12})$")

# quotation marks (straight and typographic; German „…“ / »…«, English “…”, French «…»)
_QUOTE_CHARS = re.compile(r"[\"„“”«»‚‘’‹›]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    depth: int
    closed: bool
    words: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    return paragraph_bounds(text)


def _is_boundary(text: str, dot: int, nxt: int, para_end: int) -> bool:
    """Is the punctuation at ``dot`` followed (after whitespace) at ``nxt`` a sentence end?"""
    if nxt >= para_end:
        return True
    ch = text[nxt]
    if not (ch.isupper() or ch.isdigit() or ch in "\"„“«»‚‘'([-–—"):
        return False
    if text[dot] != ".":
        return True
    m = _TOKEN_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return True
    token = m.group(1)
    if token.casefold() in ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: "Ilham H. Aliyev"
    if token.isdigit() and len(token) <= 2:
        return False  # German ordinal: "am 27. September"
    return True


def split_sentences(text: str, paras: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of ``text`` within each paragraph, capped at ``MAX_SENTENCE`` characters."""
    if paras is None:
        paras = paragraphs(text)
    out: list[Sentence] = []
    for index, (ps, pe) in enumerate(paras):
        start = ps
        for m in _END.finditer(text, ps, pe):
            nxt = m.end()
            while nxt < pe and text[nxt].isspace():
                nxt += 1
            if _is_boundary(text, m.start(), nxt, pe):
                _emit(text, start, m.end(), index, out)
                start = nxt
        if start < pe:
            _emit(text, start, pe, index, out)
    return out


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        # split at the last whitespace in the second half of the window, else hard cut
        ws = text.rfind(" ", start + MAX_SENTENCE // 2, cut)
        if ws > start:
            cut = ws
        out.append(Sentence(start, cut, paragraph))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Sentence(start, end, paragraph))


def _word_count(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def find_quotes(text: str, paras: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Quotation regions, nested ones included (``depth`` 0 = outermost).

    Quotes do not span paragraphs; a quote left open at the end of its paragraph runs to the
    paragraph end (``closed=False``).
    """
    if paras is None:
        paras = paragraphs(text)
    out: list[Quote] = []
    for ps, pe in paras:
        stack: list[tuple[str, int]] = []
        for m in _QUOTE_CHARS.finditer(text, ps, pe):
            ch = m.group()
            pos = m.start()
            prev = text[pos - 1] if pos > ps else " "
            nxt = text[pos + 1] if pos + 1 < pe else " "
            if ch == "’" or (ch == "'"):
                # apostrophe between letters or after a letter ("Azerbaijan’s", "Baku’")
                if prev.isalnum() and (nxt.isalnum() or not stack or stack[-1][0] not in "‘'"):
                    continue
            closer = _closes(ch, stack)
            if closer is not None:
                _, open_pos = stack.pop()
                depth = len(stack)
                out.append(
                    Quote(open_pos, pos + 1, open_pos + 1, pos, depth, True,
                          _word_count(text, open_pos + 1, pos))
                )
                continue
            if ch in "„“«»‚‘\"'‹›" and not nxt.isspace():
                stack.append((ch, pos))
        while stack:
            _, open_pos = stack.pop()
            out.append(
                Quote(open_pos, pe, open_pos + 1, pe, len(stack), False,
                      _word_count(text, open_pos + 1, pe))
            )
    out.sort(key=lambda q: (q.start, -q.end))
    return out


_PAIRS = {
    "„": "“”\"",
    "“": "”\"",
    "\"": "\"“”",
    "«": "»",
    "»": "«",
    "‚": "‘’'",
    "‘": "’'",
    "'": "'’",
    "‹": "›",
    "›": "‹",
}


def _closes(ch: str, stack: list[tuple[str, int]]) -> str | None:
    if not stack:
        return None
    open_ch = stack[-1][0]
    if ch in _PAIRS.get(open_ch, ""):
        return open_ch
    return None


class Layout:
    """Paragraphs, sentences and quotes of one text, with fast position look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = paragraphs(text)
        self.sentences = split_sentences(text, self.paragraphs)
        self.quotes = find_quotes(text, self.paragraphs)
        self._sent_starts = [s.start for s in self.sentences]
        self._para_starts = [p[0] for p in self.paragraphs]
        self._quote_starts = [q.start for q in self.quotes]

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence containing (or preceding) ``pos``; -1 if none."""
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def sentences_holding(self, positions: list[int]) -> set[int]:
        """Indices of the sentences that hold one of ``positions``."""
        out: set[int] = set()
        starts, sentences = self._sent_starts, self.sentences
        for pos in positions:
            si = bisect.bisect_right(starts, pos) - 1
            if si >= 0 and pos < sentences[si].end:
                out.add(si)
        return out

    def paragraph_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, pos) - 1)

    def _paragraph_floor(self, pos: int) -> int:
        """Start of the paragraph holding (or before) ``pos``: quotes starting earlier lie in
        earlier paragraphs and end there."""
        return self._para_starts[self.paragraph_index(pos)] if self._para_starts else 0

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The innermost quote whose inner text contains [start, end)."""
        best: Quote | None = None
        i = bisect.bisect_right(self._quote_starts, start) - 1
        # quotes are few and short-lived; walk back over those that may still enclose
        # (none from an earlier paragraph: a quote ends in its own)
        floor = self._paragraph_floor(start)
        steps = 0
        while i >= 0 and steps < 64 and self._quote_starts[i] >= floor:
            q = self.quotes[i]
            if q.inner_start <= start and end <= q.inner_end:
                if best is None or q.depth > best.depth:
                    best = q
            i -= 1
            steps += 1
        return best

    def enclosing(self, start: int, end: int) -> list[Quote]:
        """Quotes whose inner text contains [start, end), outermost first."""
        out: list[Quote] = []
        i = bisect.bisect_right(self._quote_starts, start) - 1
        floor = self._paragraph_floor(start)
        steps = 0
        while i >= 0 and steps < 64 and self._quote_starts[i] >= floor:
            q = self.quotes[i]
            if q.inner_start <= start and end <= q.inner_end:
                out.append(q)
            i -= 1
            steps += 1
        out.sort(key=lambda q: q.depth)
        return out

    def quote_opening(self, start: int, end: int) -> Quote | None:
        """The first closed top-level quotation whose opening mark lies in start..end."""
        lo = bisect.bisect_left(self._quote_starts, start)
        for q in self.quotes[lo:]:
            if q.start >= end:
                return None
            if q.closed and q.depth == 0:
                return q
        return None

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        lo = bisect.bisect_left(self._quote_starts, start)
        hi = bisect.bisect_left(self._quote_starts, end)
        return [q for q in self.quotes[lo:hi] if q.end <= end or not q.closed]
