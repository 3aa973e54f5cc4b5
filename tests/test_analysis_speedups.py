"""The speed rewrites change nothing: factored regexes match exactly what the originals match,
and the fast analysis JSON is exactly ``dataclasses.asdict``."""

from __future__ import annotations

import bisect
import dataclasses
import random
import re
from pathlib import Path
from typing import Any

import pytest
from analysis_fixtures import real_kb

from reader.core.analysis import cues, signals
from reader.core.analysis.alternation import factor, word_alternation
from reader.core.analysis.engine import Analyzer
from reader.core.analysis.matcher import fold
from reader.core.analysis.prefilter import Prefiltered, special_chars
from reader.core.analysis.text import Layout
from reader.core.samples import sample_files

CASES = [
    (r"\b(?:a|ab|abc)\b", "a ab abc abd"),
    (r"\b(?:abc|ab|a)\b", "a ab abc abd"),
    (r"(?:ab\w*|a|b)", "abx a b ba"),
    (r"x(a)|y|x(b)", "xa y xb"),  # capturing groups keep their numbers
    (r"(a)\1|ab", "aa ab"),  # backreference: left alone
    (r"(?i)sag|sagt", "SAGT"),  # inline flags: left alone
    (r"\bnach\s+(?:den\s+)?Worten\b|\bnach\s+Angaben\b|\blaut\b|(?<=,\s)so\b", "Nach Angaben, so laut nach den Worten"),
    (r"[ab]c|ad|a\.|a", "ac ad a. a"),
]


@pytest.mark.parametrize(("pattern", "text"), CASES)
def test_factored_pattern_matches_the_same(pattern: str, text: str) -> None:
    for flags in (0, re.IGNORECASE):
        a = [(m.span(), m.groups()) for m in re.finditer(pattern, text, flags)]
        b = [(m.span(), m.groups()) for m in re.finditer(factor(pattern, bool(flags)), text, flags)]
        assert a == b, pattern


def test_factoring_builds_a_trie() -> None:
    out = word_alternation(["sagte", "sagten", "sagt", "erklärte"])
    assert out.count("g") == 1 and re.fullmatch(out, "sagten") and not re.fullmatch(out, "sagtet")
    assert factor(r"x(a)|y|x(b)") == r"x(a)|y|x(b)"


def _texts() -> str:
    from reader.core.importing.pipeline import parse_path

    parts = [parse_path(p).text for p in sample_files()]
    text = "\n\n".join(parts)
    # and with odd whitespace between words: runs, line breaks, spaces that fold leaves alone
    rng = random.Random(5)
    spaces = ["  ", "\n", " \n ", "\u3000", "\u2028", "\x85", "\xa0 ", "\t\t", "   "]
    odd = "".join(rng.choice(spaces) if c == " " and rng.random() < 0.3 else c for c in text)
    return text + "\n\n" + text.upper() + "\n\n" + odd


MARK = "# the same patterns with their alternations as tries"


def _written(module: object) -> dict[str, object]:
    """The module's names as written, before its closing block swaps in the factored patterns."""
    source = Path(module.__file__).read_text("utf-8")  # type: ignore[attr-defined]
    assert MARK in source
    namespace: dict[str, object] = {"__name__": module.__name__}  # type: ignore[attr-defined]
    exec(compile(source[:source.index(MARK)], "written", "exec"), namespace)
    return namespace


def _patterns(names: dict[str, object]) -> dict[str, Any]:
    kinds = (re.Pattern, Prefiltered)
    out: dict[str, Any] = {}
    for name, value in names.items():
        if isinstance(value, kinds):
            out[name] = value
        elif isinstance(value, dict):
            out.update({f"{name}[{k}]": v for k, v in value.items() if isinstance(v, kinds)})
    return out


@pytest.mark.parametrize("module", [signals, cues], ids=["signals", "cues"])
def test_shipped_patterns_match_the_same_as_written(module: object) -> None:
    text = _texts()
    written = _patterns(_written(module))
    shipped = _patterns(vars(module))
    layout = Layout(text)
    ranges = [(s.start, s.end) for s in layout.sentences][:120] + [(0, len(text)), (17, 5000)]
    changed = prefiltered = 0
    for name, original in written.items():
        fast = shipped[name]
        assert [(m.span(), m.groups()) for m in original.finditer(text)] == \
            [(m.span(), m.groups()) for m in fast.finditer(text)], name
        for a, b in ranges:  # sentence by sentence, as the analysis asks
            x, y = original.search(text, a, b), fast.search(text, a, b)
            assert (x and x.span()) == (y and y.span()), (name, a, b)
            assert [m.span() for m in original.finditer(text, a, b)] == \
                [m.span() for m in fast.finditer(text, a, b)], (name, a, b)
        changed += fast.pattern != original.pattern
        prefiltered += isinstance(fast, Prefiltered) and fast._positions(text) is not None
    assert changed >= 8 and prefiltered >= 8


def test_special_characters_fall_back_to_the_plain_regex() -> None:
    fast = signals.ACCUSATION["de"]
    assert Prefiltered is type(fast)
    for odd in ("ſ", "ı", "\u0130"):  # "ſagte" matches "sagte" case-insensitively; fold keeps "ſ"
        text = f"Die Armee griff an, {odd}agte er. " + "Die Armee griff an, sagte er. " * 40
        assert fast._positions(text) is None  # type: ignore[attr-defined]
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in fast.regex.finditer(text)]  # type: ignore[attr-defined]
    # a Cyrillic or Greek letter relates to no Latin literal: the text is still prefiltered
    text = "Москва, µg. " + "Die Armee griff an, sagte er. " * 40
    assert fast._positions(text) is not None  # type: ignore[attr-defined]
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in fast.regex.finditer(text)]  # type: ignore[attr-defined]


def test_special_characters_are_all_the_dangerous_ones() -> None:
    """Brute force over every code point: a character that ``re.IGNORECASE`` matches with a
    literal letter, but that ``fold`` does not turn into that letter (alone or ending a word),
    is among ``special_chars`` of the letter; and the Latin letters have only "ſ", "ı", "İ"."""
    everything = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)
    letters = set("abcdefghijklmnopqrstuvwxyzäöüßé-'") | set("αβγδεθϑικμπρσςφωавдостъѣꙋṡﬅ")
    for letter in sorted(letters):
        allowed = special_chars({letter})
        for m in re.finditer(re.escape(letter), everything, re.IGNORECASE):
            ch = m.group()
            if {fold(ch), fold("a" + ch)[1:]} != {letter}:
                assert ch in allowed, (letter, ch)
    assert special_chars(set("abcdefghijklmnopqrstuvwxyzäöüß")) == {"ſ", "ı", "\u0130"}


def test_whitespace_is_what_the_scan_takes_it_for() -> None:
    """The scan reads every run of whitespace as one space: ``\\s`` is ``str.isspace`` (none
    above U+3000), and a pattern with ``\\s+`` is looked for by its words and the space."""
    assert all(bool(re.fullmatch(r"\s", chr(i))) == chr(i).isspace() for i in range(0x110000))
    assert not any(chr(i).isspace() for i in range(0x3001, 0x110000))
    assert "es heißt" in cues._DE_SCAN._literals[cues.DE_IMP._index]  # type: ignore[attr-defined]
    text = "Es\u3000\u3000heißt, dass. " + "Die Armee griff an, sagte er.\n\n " * 20 + "es \n heißt"
    fast = cues.DE_IMP
    assert fast._positions(text) is not None  # type: ignore[attr-defined]
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in fast.regex.finditer(text)]  # type: ignore[attr-defined]
    assert len(list(fast.finditer(text))) == 2
    for pos in range(0, len(text), 7):
        x, y = fast.search(text, pos), fast.regex.search(text, pos)  # type: ignore[attr-defined]
        assert (x and x.span()) == (y and y.span())


def test_json_is_exactly_asdict() -> None:
    from reader.core.importing.pipeline import parse_path

    analyzer = Analyzer(real_kb())
    for path in sample_files()[:3]:
        article = parse_path(path)
        a = analyzer.analyze(article.title, article.text, article.language, article.outlet)
        assert a.to_json() == dataclasses.asdict(a)
        assert a.attributions and a.to_json()["attributions"][0]["speaker"] == dataclasses.asdict(a.attributions[0].speaker)


def test_unless_automaton_suppresses_exactly_as_the_phrase_search() -> None:
    """Every word span of the samples (and spans around the phrases themselves), every
    lexicon entry with ``unless`` phrases: the automaton agrees with ``_suppressed``."""
    from reader.core.analysis.matcher import fold as fold_text
    from reader.core.analysis.wording import Flagger, _suppressed

    kb = real_kb()
    checked = suppressed = 0
    for lang in ("de", "en"):
        flagger = Flagger(kb.lexicon_for(lang), lang)
        for entry_id, automaton in flagger._unless.items():
            phrases = flagger.unless[entry_id]
            folded = fold_text(_texts()[:6000] + " " + " ; ".join(phrases))
            spans = [(m.start(), m.end()) for m in re.finditer(r"\w+", folded)]
            for start, end in spans[::7] + spans[-400:]:
                got = automaton.covers(folded, start, end)
                assert got == _suppressed(folded, start, end, phrases), (entry_id, start, end)
                checked += 1
                suppressed += got
    assert checked > 1000 and suppressed > 50


def test_quote_lookups_stop_at_the_paragraph_and_find_the_same() -> None:
    """``enclosing``/``quote_at`` walk back only within the paragraph: the same answers as
    walking back over the 64 nearest quotes."""
    text = _texts()
    layout = Layout(text)

    def walk(start: int, end: int) -> list[Any]:
        i = bisect.bisect_right([q.start for q in layout.quotes], start) - 1
        out = [q for q in layout.quotes[max(0, i - 63):i + 1][::-1]
               if q.inner_start <= start and end <= q.inner_end]
        return sorted(out, key=lambda q: q.depth)

    inside = 0
    for m in re.finditer(r"\w+", text):
        want = walk(m.start(), m.end())
        assert layout.enclosing(m.start(), m.end()) == want
        deepest = max(want, key=lambda q: q.depth) if want else None  # the first of the deepest
        assert layout.quote_at(m.start(), m.end()) == (
            next(q for q in reversed(layout.quotes[:bisect.bisect_right(layout._quote_starts, m.start())])
                 if q in want and q.depth == deepest.depth) if deepest else None)
        inside += bool(want)
    assert inside > 100
