"""Mentions of knowledge-base entities and known contested claims.

Matcher hits on names/forms/roles become mentions; where one surface form points at several
entries (a role noun such as "Staatsoberhaupt"), the entry mentioned most recently wins.
Claim entries also match through their ``claim_patterns`` regexes, compiled once into one
alternation per language.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from reader.core.analysis.matcher import ENTITY_KINDS, Hit, fold, select_longest
from reader.core.knowledge.model import Entry, KnowledgeBase

MAX_CLAIM_SCAN = 2000  # characters per paragraph chunk scanned by claim regexes


@dataclass(frozen=True)
class Resolved:
    """An entity hit after disambiguation."""

    start: int
    end: int
    entity: str
    rule: str  # kb.name | kb.role | kb.claim_pattern
    via_role: str = ""


class ClaimPatterns:
    """Every claim entry's regexes for one language.

    Running dozens of case-insensitive regexes over every article would dominate the
    analysis time, so each pattern gets *anchors*: literal strings one of which any match
    must contain (derived from the regex's parse tree). One Aho-Corasick pass finds the
    anchors; a pattern then runs only over the sentences that contain one of its anchors.
    Patterns without usable anchors run over the whole text.
    """

    def __init__(self, kb: KnowledgeBase, language: str) -> None:
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        self.unanchored: list[int] = []
        table: dict[str, list[int]] = {}
        for entry in kb.entries.values():
            for pat in entry.claim_patterns.get(language, []):
                try:
                    compiled = re.compile(pat, re.IGNORECASE)
                    anchors = _anchors(_parse(pat))
                except (re.error, RecursionError, ValueError, TypeError, AttributeError):
                    continue
                index = len(self.patterns)
                self.patterns.append((compiled, entry.id))
                usable = {fold(a) for a in anchors} if anchors else set()
                if not usable or any(len(a) < 3 for a in usable):
                    self.unanchored.append(index)
                    continue
                for a in usable:
                    table.setdefault(a, []).append(index)
        self._automaton: ahocorasick.Automaton | None = None
        if table:
            automaton = ahocorasick.Automaton()
            for key, indices in table.items():
                automaton.add_word(key, tuple(indices))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str, folded: str, ranges: list[tuple[int, int]],
             locate: Callable[[int], int]) -> list[tuple[int, int, str]]:
        """Matches in ``text``; ``ranges`` are sentence bounds, ``locate`` maps a position to
        the index of its sentence."""
        wanted: dict[int, set[int]] = {}
        if self._automaton is not None and folded:
            for end_index, indices in self._automaton.iter(folded):
                si = locate(end_index)
                if si < 0:
                    continue
                for i in indices:
                    wanted.setdefault(i, set()).add(si)
        out: list[tuple[int, int, str]] = []
        seen: set[tuple[int, int, str]] = set()
        for i, sentences in wanted.items():
            pattern, entry_id = self.patterns[i]
            for si in sorted(sentences):
                a, b = ranges[si]
                # allow a match to run on into the next sentence a little
                for m in pattern.finditer(text, a, min(len(text), b + 200)):
                    if m.end() > m.start() and m.start() < b:
                        hit = (m.start(), m.end(), entry_id)
                        if hit not in seen:
                            seen.add(hit)
                            out.append(hit)
        for i in self.unanchored:
            pattern, entry_id = self.patterns[i]
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    hit = (m.start(), m.end(), entry_id)
                    if hit not in seen:
                        seen.add(hit)
                        out.append(hit)
        out.sort()
        return out


def _parse(pattern: str) -> Any:
    import re._parser as parser  # the standard library's regex parser

    return parser.parse(pattern, re.IGNORECASE)


def _anchors(items: Any) -> set[str] | None:
    """Literal strings one of which every match of the parsed sequence contains, or None."""
    import re._constants as k

    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if not candidate:
            return
        if best is None or min(map(len, candidate)) > min(map(len, best)):
            best = candidate

    for op, av in items:
        if op is k.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider({"".join(run)})
            run = []
        if op is k.SUBPATTERN:
            consider(_anchors(av[3]))
        elif op is k.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                sub = _anchors(branch)
                if not sub:
                    union = set()
                    break
                union |= sub
            consider(union or None)
        elif op in (k.MAX_REPEAT, k.MIN_REPEAT) and av[0] >= 1:
            consider(_anchors(av[2]))
    if run:
        consider({"".join(run)})
    return best


def resolve_entity_hits(
    hits: list[Hit], kb: KnowledgeBase, recency: dict[str, int]
) -> list[Resolved]:
    """Non-overlapping entity/role hits, each resolved to one entry (recency decides)."""
    entity_hits = [h for h in hits if h.target.kind in ENTITY_KINDS]
    # group all targets by span so that a role shared by several entries can be disambiguated
    by_span: dict[tuple[int, int], list[Hit]] = {}
    for h in entity_hits:
        by_span.setdefault((h.start, h.end), []).append(h)
    chosen = select_longest(entity_hits)
    # a country named inside a role noun or a claim name ("Präsident Aserbaidschans") is
    # mentioned as well
    extra: list[Hit] = []
    by_start = sorted(entity_hits, key=lambda x: x.start)
    hit_starts = [x.start for x in by_start]
    for h in chosen:
        outer = kb.get(h.target.ref)
        if h.target.kind == "role" or (outer is not None and outer.type == "claim"):
            lo = bisect.bisect_left(hit_starts, h.start)
            hi = bisect.bisect_left(hit_starts, h.end)
            for inner in by_start[lo:hi]:
                if inner.end <= h.end and (inner.start, inner.end) != (h.start, h.end):
                    entry = kb.get(inner.target.ref)
                    if entry is not None and entry.type == "country":
                        extra.append(inner)
    if extra:
        chosen = sorted(chosen + select_longest(extra), key=lambda x: (x.start, -x.end))
    out: list[Resolved] = []
    for h in chosen:
        candidates = by_span[(h.start, h.end)]
        names = [c for c in candidates if c.target.kind == "entity"]
        pool = names or candidates
        best = pool[0]
        if len({c.target.ref for c in pool}) > 1:
            best = max(pool, key=lambda c: recency.get(c.target.ref, -1))
        entry = kb.get(best.target.ref)
        if entry is None:
            continue
        via_role = best.target.form if best.target.kind == "role" else ""
        rule = "kb.role" if via_role else "kb.name"
        out.append(Resolved(h.start, h.end, entry.id, rule, via_role))
        recency[entry.id] = h.start
    return out


SPEAKER_TYPES = frozenset({"person", "organisation", "outlet", "country"})


def speaker_kind(entry: Entry) -> tuple[str, str]:
    """(kind, side) of an entry acting as a speaker."""
    side = entry.side or "unknown"
    if entry.type == "outlet":
        return "media", entry.affiliation or side
    if entry.type == "country":
        return "government", side
    if entry.type == "person":
        return entry.kind or "person", entry.affiliation or side
    kind = entry.kind or ("international_organisation" if side == "INT" else "government")
    if entry.affiliation and side in ("general", "unknown"):
        side = entry.affiliation
    return kind, side
