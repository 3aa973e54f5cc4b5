"""Stored analyses: computed at import, reused while engine and knowledge packs are unchanged."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.core import corrections
from reader.core.analysis.model import Analysis
from reader.core.library import Library
from reader.core.models import Article

if TYPE_CHECKING:
    from reader.core.analysis.engine import Analyzer


def knowledge_versions(analyzer: Analyzer) -> str:
    return analyzer.kb.versions()


def analyse_and_store(lib: Library, analyzer: Analyzer, article: Article) -> Analysis:
    """Analyse ``article`` now and store the result."""
    analysis = analyzer.analyze(article.title, article.text, article.language, article.outlet or None)
    lib.save_analysis(
        article.id, analysis.to_json(), analysis.engine_version, knowledge_versions(analyzer),
        digest(analysis),
    )
    return analysis


def digest(analysis: Analysis) -> str:
    """What the library list shows of an analysis: statements per side, claims, flags."""
    sides: dict[str, int] = {}
    for a in analysis.attributions:
        sides[a.speaker.side] = sides.get(a.speaker.side, 0) + 1
    return json.dumps({"sides": sides, "unattributed": len(analysis.unattributed),
                       "flags": len(analysis.flags)}, sort_keys=True)


def stored_or_fresh(lib: Library, analyzer: Analyzer, article: Article) -> Analysis:
    """The stored analysis if it is current, else a fresh one (stored for next time)."""
    from reader.core.analysis.model import ENGINE_VERSION

    data = lib.load_analysis(article.id, ENGINE_VERSION, knowledge_versions(analyzer))
    if data is not None:
        return Analysis.from_json(data)
    return analyse_and_store(lib, analyzer, article)


def corrected_analysis(lib: Library, analyzer: Analyzer, article: Article) -> corrections.Corrected:
    """What the panels show: the current analysis with the user's corrections applied."""
    analysis = stored_or_fresh(lib, analyzer, article)
    return corrections.apply(analysis, corrections.corrections_for(lib, article.id))


def refresh_stale(
    lib: Library,
    analyzer: Analyzer,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Re-analyse every article whose stored result came from another engine or other packs.

    Run it in the background after start-up (the window does); returns how many were redone.
    """
    from reader.core.analysis.model import ENGINE_VERSION

    ids = lib.stale_analysis_ids(ENGINE_VERSION, knowledge_versions(analyzer))
    done = 0
    for index, article_id in enumerate(ids, 1):
        if cancel is not None and cancel():
            break
        article = lib.get_article(article_id)
        if article is not None:
            analyse_and_store(lib, analyzer, article)
            done += 1
        if progress is not None:
            progress(index, len(ids))
    return done
