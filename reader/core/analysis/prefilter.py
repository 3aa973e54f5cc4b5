"""Regexes that only run where they can match: one Aho-Corasick pass finds the candidates.

The analysis asks many keyword regexes the same question, sentence by sentence ("does this
sentence accuse anyone?", "is there a verb of saying?"). Most sentences contain none of the
keywords, yet each ``search`` scans the whole sentence in Python's regex engine. Every match
of such a pattern starts with one of a few literal strings ("angriff", "sagte", "laut"), read
off the pattern's parse tree. A ``LiteralScan`` holds a group of patterns; the first time one
of them is used on a text, one Aho-Corasick pass over the folded text records, for each
pattern, where one of its literals occurs. The pass reads every run of whitespace as one
space, so a literal runs on through ``\\s`` and ``\\s+`` ("es heißt", "in brand gesteckt",
not "es", "in"); positions are mapped back to the text. ``search``/``finditer`` then try the
regex only at those positions, with the same ``pos``/``endpos`` semantics, and so return
exactly the matches the plain regex returns.

Exactness rests on three checks, each falling back to the plain regex: a pattern whose
literals cannot be read off (or that can match the empty string) is never prefiltered; a text
holding a character that case-insensitive matching relates to a letter of the group's literals
other than by lower-casing (``ſ`` to ``s``, ``ı`` and ``İ`` to ``i``) is scanned by the plain
regexes (a Cyrillic ``о`` in a German article relates to no Latin literal and does not count);
short strings (titles, slices) go straight to the regex.
"""

from __future__ import annotations

import bisect
import importlib
import re
import sys
from collections.abc import Iterator
from typing import Any, cast

import ahocorasick

from reader.core.analysis.matcher import fold

MIN_TEXT = 400  # characters; shorter strings go straight to the regex
MAX_PREFIXES = 400


def _extra_cases() -> dict[str, frozenset[str]]:
    """The standard library's extra case equivalences: lower-case letter -> the others that
    ``re.IGNORECASE`` matches it with ("s" -> "ſ", "i" -> "ı", "σ" -> "ς")."""
    casefix = importlib.import_module("re._casefix")
    return {chr(k): frozenset(chr(v) for v in vs) for k, vs in casefix._EXTRA_CASES.items()}


def _lowers_to(letters: set[str]) -> dict[str, set[str]]:
    """For each letter, every character whose lower case it is ("ϴ" lower-cases to "θ" but
    is neither its upper nor its title case)."""
    out: dict[str, set[str]] = {}
    for c in letters:
        for v in (c, c.upper(), c.title(), "\u03f4"):
            if len(v) == 1 and v.lower() == c:
                out.setdefault(c, set()).add(v)
    return out


_EXTRA = _extra_cases()
_LOWERS_TO = _lowers_to({x for k, vs in _EXTRA.items() for x in (k, *vs)})


def special_chars(literal_chars: set[str]) -> set[str]:
    """Characters of a text at which ``fold`` can hide a case-insensitive match of a literal
    made of ``literal_chars`` (folded): those equivalent to one of them only through the extra
    case table, "İ" (lower-cases to two code points, kept as it is) and "Σ" (lower-cases to "ς"
    at the end of a word)."""
    related = {x for c in literal_chars for x in _EXTRA.get(c, ())}
    out = {v for r in related for v in _LOWERS_TO.get(r, ())}
    if "i" in literal_chars | related:
        out.add("\u0130")
    if {"σ", "ς"} & (literal_chars | related):
        out.add("Σ")
    return out


# whitespace that ``fold`` leaves as it is ("\\s" matches every character for which
# ``str.isspace`` holds; none is above U+3000)
_OTHER_SPACES = tuple(chr(i) for i in range(0x3001) if chr(i).isspace() and fold(chr(i)) != " ")
_OTHER_SPACE = re.compile("[" + "".join(re.escape(c) for c in _OTHER_SPACES) + "]")
_SPACE_RUNS = re.compile("  +")  # a literal start: the regex engine finds it fast


def literal_starts(pattern: str, flags: int) -> set[str] | None:
    """Literal strings one of which every match of ``pattern`` starts with (folded), or None."""
    import re._parser as parser

    try:
        tree = parser.parse(pattern, flags)
        if tree.getwidth()[0] < 1:
            return None
        starts, _ = _starts(list(tree))
    except (re.error, RecursionError, ValueError, TypeError, AttributeError, IndexError):
        return None
    if not starts or "" in starts:
        return None
    return _scannable({fold(s) for s in starts})


def _scannable(literals: set[str]) -> set[str] | None:
    """The literals as they can be looked for in the scanned text, where every run of
    whitespace is one space: cut before a second space in a row; None if one starts with a
    space (a match may start anywhere in a run) or is empty."""
    out: set[str] = set()
    for lit in literals:
        lit = _OTHER_SPACE.sub(" ", lit)
        if not lit or lit[0] == " ":
            return None
        cut = lit.find("  ")
        out.add(lit if cut < 0 else lit[:cut + 1])
    return out


def _is_space_class(item: Any) -> bool:
    """``\\s`` (or a class of nothing but it)."""
    import re._constants as k

    op, av = item
    return op is k.IN and len(av) == 1 and av[0] == (k.CATEGORY, k.CATEGORY_SPACE)


def _starts(items: list[Any]) -> tuple[set[str] | None, bool]:
    """(prefixes, complete) of a parsed sequence; complete: the prefixes are whole matches."""
    import re._constants as k

    acc = {""}
    for op, av in items:
        if op in (k.AT, k.ASSERT, k.ASSERT_NOT) and acc == {""}:
            continue  # zero-width at the start: the match still starts with what follows
        if op is k.LITERAL:
            acc = {s + chr(av) for s in acc}
            continue
        sub: set[str] | None
        if op is k.SUBPATTERN:
            if av[1] or av[2]:  # inline flags
                return _stop(acc)
            sub, complete = _starts(list(av[3]))
        elif op is k.BRANCH:
            sub, complete = set(), True
            for branch in av[1]:
                bs, bc = _starts(list(branch))
                if bs is None:
                    sub = None
                    break
                sub |= bs
                complete = complete and bc
        elif op is k.IN and all(o is k.LITERAL for o, _ in av) and 0 < len(av) <= 4:
            sub, complete = {chr(a) for _, a in av}, True
        elif _is_space_class((op, av)):
            sub, complete = {" "}, True  # one whitespace character: one space when scanned
        elif op in (k.MAX_REPEAT, k.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1 and _is_space_class(av[2][0]):
            sub, complete = {" "}, True  # \s+: a run of whitespace, one space when scanned
        else:
            return _stop(acc)
        if sub is None or "" in sub or len(acc) * len(sub) > MAX_PREFIXES:
            return _stop(acc)
        acc = {s + t for s in acc for t in sub}
        if not complete:
            return acc, False
    return acc, True


def _stop(acc: set[str]) -> tuple[set[str] | None, bool]:
    return (None, False) if acc == {""} or "" in acc else (acc, False)


class LiteralScan:
    """A group of prefiltered patterns sharing one candidate scan per text."""

    def __init__(self) -> None:
        self._literals: list[set[str]] = []
        self._automaton: ahocorasick.Automaton | None = None
        self._special: tuple[str, ...] = ()  # with the automaton: characters that need the plain regexes
        self._groups = 0  # with the automaton: sets of patterns sharing literals
        self._groups_of: list[tuple[int, ...]] = []  # per pattern, its groups
        # the text scanned last: (text, positions per group, positions per pattern as asked for)
        self._last: tuple[str, list[list[int]] | None, list[list[int] | None]] | None = None

    def fast(self, regex: re.Pattern[str], literals: set[str] | None = None) -> re.Pattern[str]:
        """``regex`` prefiltered, typed as the pattern it stands in for (the other methods of a
        compiled pattern are passed through). ``literals``: strings one of which every match
        starts with, when the caller knows them better than the parse tree (a long word list)."""
        return cast("re.Pattern[str]", self.add(regex, literals))

    def add(self, regex: re.Pattern[str], literals: set[str] | None = None) -> Prefiltered:
        if literals is not None:
            literals = _scannable({fold(x) for x in literals}) if literals else None
        else:
            literals = literal_starts(regex.pattern, regex.flags)
        index = -1
        if literals is not None:
            index = len(self._literals)
            self._literals.append(literals)
            self._automaton = None
            self._last = None
        return Prefiltered(regex, self, index)

    def _build(self) -> ahocorasick.Automaton:
        table: dict[str, set[int]] = {}
        for i, literals in enumerate(self._literals):
            for lit in literals:
                table.setdefault(lit, set()).add(i)
        # literals owned by the same patterns share one list of positions per text
        groups: dict[tuple[int, ...], int] = {}
        automaton = ahocorasick.Automaton()
        for lit, indices in table.items():
            group = groups.setdefault(tuple(sorted(indices)), len(groups))
            automaton.add_word(lit, (len(lit) - 1, group))
        automaton.make_automaton()
        self._groups = len(groups)
        self._groups_of = [tuple(g for key, g in groups.items() if i in key) for i in range(len(self._literals))]
        self._automaton = automaton
        self._special = tuple(sorted(special_chars({c for lit in table for c in lit})))
        return automaton

    def positions(self, text: str, index: int) -> list[int] | None:
        """The sorted positions where pattern ``index`` may match; None: use the plain regex."""
        last = self._last
        if last is None or last[0] is not text:
            last = self._scan(text)
        found, per_pattern = last[1], last[2]
        if found is None:
            return None
        positions = per_pattern[index]
        if positions is None:
            groups = self._groups_of[index]
            positions = per_pattern[index] = (
                found[groups[0]] if len(groups) == 1 else _merged([found[g] for g in groups]))
        return positions

    def _scan(self, text: str) -> tuple[str, list[list[int]] | None, list[list[int] | None]]:
        """One pass over ``text``: the positions of each group's literals (None: a character
        that the literals cannot stand for)."""
        automaton = self._automaton or self._build()
        found: list[list[int]] | None = None
        if not any(c in text for c in self._special):
            found = [[] for _ in range(self._groups)]
            scanned, starts, shifts = _SCANNED.of(text)
            if starts:
                for end, (back, group) in automaton.iter(scanned):
                    start = end - back
                    i = bisect.bisect_right(starts, start)
                    found[group].append(start + shifts[i - 1] if i else start)
            else:
                for end, (back, group) in automaton.iter(scanned):
                    found[group].append(end - back)
            for positions in found:
                positions.sort()
        per_pattern: list[list[int] | None] = [None] * len(self._literals)
        last = (text, found, per_pattern)
        self._last = last
        return last


def scanned_text(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` folded, every whitespace character a space and every run of spaces one space;
    and where the shift back to ``text`` changes: positions in the result, shifts."""
    folded = fold(text)
    if any(c in folded for c in _OTHER_SPACES):  # a search per character: faster than a class
        folded = _OTHER_SPACE.sub(" ", folded)
    if "  " not in folded:
        return folded, [], []
    parts: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    last = shift = 0
    for m in _SPACE_RUNS.finditer(folded):
        parts.append(folded[last:m.start() + 1])
        shift += m.end() - m.start() - 1
        starts.append(m.end() - shift)
        shifts.append(shift)
        last = m.end()
    parts.append(folded[last:])
    return "".join(parts), starts, shifts


class _LastScanned:
    """``scanned_text`` of the text asked about last: the scans of one text share it."""

    def __init__(self) -> None:
        self._last: tuple[str, tuple[str, list[int], list[int]]] | None = None

    def of(self, text: str) -> tuple[str, list[int], list[int]]:
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        result = scanned_text(text)
        self._last = (text, result)
        return result


_SCANNED = _LastScanned()


def _merged(lists: list[list[int]]) -> list[int]:
    out: list[int] = []
    for positions in lists:
        out += positions
    out.sort()
    return out


def candidate_starts(pattern: re.Pattern[str], string: str) -> list[int] | None:
    """Sorted positions in ``string`` that every match of ``pattern`` starts at one of, or
    None if it is not known (a plain regex, a short text, a special character)."""
    return pattern._positions(string) if isinstance(pattern, Prefiltered) else None


class Prefiltered:
    """A compiled regex whose ``search`` and ``finditer`` only try candidate positions."""

    def __init__(self, regex: re.Pattern[str], scan: LiteralScan, index: int) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.groups = regex.groups
        self._scan = scan
        self._index = index

    def _positions(self, string: str) -> list[int] | None:
        if self._index < 0 or len(string) < MIN_TEXT:
            return None
        last = self._scan._last  # the text asked about last, its pattern asked about before
        if last is not None and last[0] is string and last[2][self._index] is not None:
            return last[2][self._index]
        return self._scan.positions(string, self._index)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        positions = self._positions(string)
        if positions is None:
            return self.regex.search(string, pos, endpos)
        pos = max(pos, 0)
        end = min(endpos, len(string))
        match = self.regex.match
        i = bisect.bisect_left(positions, pos)
        n = len(positions)
        while i < n:
            p = positions[i]
            if p >= end:
                break
            m = match(string, p, end)
            if m is not None:
                return m
            i += 1
        return None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        positions = self._positions(string)
        if positions is None:
            return self.regex.finditer(string, pos, endpos)
        return self._iter(string, positions, max(pos, 0), min(endpos, len(string)))

    def _iter(self, string: str, positions: list[int], pos: int, end: int) -> Iterator[re.Match[str]]:
        match = self.regex.match
        i = bisect.bisect_left(positions, pos)
        n = len(positions)
        last = pos
        while i < n:
            p = positions[i]
            if p >= end:
                break
            if p >= last:
                m = match(string, p, end)
                if m is not None:
                    yield m
                    last = m.end()
            i += 1

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.fullmatch(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.regex.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.regex.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.regex.split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:
        if name == "regex":  # not set yet (copying): no recursion
            raise AttributeError(name)
        return getattr(self.regex, name)

    def __repr__(self) -> str:
        return f"Prefiltered({self.regex!r})"
