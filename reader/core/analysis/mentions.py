"""Mentions of knowledge-base entities and known contested claims.

Matcher hits on names/forms/roles become mentions; where one surface form points at several
entries (a role noun such as "Staatsoberhaupt"), the entry mentioned most recently wins.
Claim entries also match through their ``claim_patterns`` regexes, compiled once into one
alternation per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.analysis.matcher import ENTITY_KINDS, Hit, select_longest
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
    """Every claim entry's regexes for one language, as one alternation."""

    def __init__(self, kb: KnowledgeBase, language: str) -> None:
        parts: list[str] = []
        self.groups: dict[str, str] = {}
        singles: list[tuple[re.Pattern[str], str]] = []
        for entry in kb.entries.values():
            pats = entry.claim_patterns.get(language, []) or (
                [] if entry.claim_patterns.get(language) is not None else []
            )
            for i, pat in enumerate(pats):
                try:
                    compiled = re.compile(pat, re.IGNORECASE)
                except re.error:
                    continue
                name = f"c{len(self.groups)}"
                self.groups[name] = entry.id
                parts.append(f"(?P<{name}>{pat})")
                singles.append((compiled, entry.id))
                del i
        self._combined: re.Pattern[str] | None = None
        self._singles: list[tuple[re.Pattern[str], str]] = []
        if parts:
            try:
                self._combined = re.compile("|".join(parts), re.IGNORECASE)
            except re.error:  # e.g. clashing group names inside user patterns
                self._singles = singles

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        if self._combined is not None:
            for m in self._combined.finditer(text, start, end):
                if m.end() > m.start() and m.lastgroup in self.groups:
                    out.append((m.start(), m.end(), self.groups[m.lastgroup]))
        for pattern, entry_id in self._singles:
            for m in pattern.finditer(text, start, end):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), entry_id))
        return out


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
