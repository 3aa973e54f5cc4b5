"""Other articles in the library about the same events: ranked full-text matches on the
people, places, events and claims an article mentions (not on countries or outlets)."""

from __future__ import annotations

from collections import Counter

from reader.core.analysis.model import Analysis
from reader.core.knowledge.model import KnowledgeBase
from reader.core.library import Library, SearchError
from reader.core.models import SearchHit

TOPIC_TYPES = ("event", "claim", "person", "place", "resolution", "organisation")


def related_articles(lib: Library, article_id: int, analysis: Analysis, kb: KnowledgeBase,
                     limit: int = 5, terms: int = 5) -> list[SearchHit]:
    """Up to ``limit`` other articles that share the article's most mentioned topics."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for m in analysis.mentions:
        entry = kb.get(m.entity)
        if entry is None or entry.type not in TOPIC_TYPES:
            continue
        counts[m.entity] += 1
        surface.setdefault(m.entity, m.text)
    if not counts:
        return []
    phrases = []
    for entity, _n in counts.most_common(terms):
        entry = kb.get(entity)
        assert entry is not None
        for text in dict.fromkeys((surface[entity], entry.name("en"), entry.name("de"))):
            phrases.append('"' + text.replace('"', '""') + '"')
    try:
        hits = lib.search(" OR ".join(phrases), limit=limit * 3)
    except SearchError:
        return []
    seen: set[int] = {article_id}
    out: list[SearchHit] = []
    for hit in hits:
        if hit.article_id not in seen:
            seen.add(hit.article_id)
            out.append(hit)
    return out[:limit]
