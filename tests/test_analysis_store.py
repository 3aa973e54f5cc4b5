"""Analyses are computed at import, stored, reused, and redone when engine or packs change."""

from __future__ import annotations

from pathlib import Path

from analysis_fixtures import real_kb

from reader.core import analysis_store
from reader.core.analysis.engine import Analyzer
from reader.core.analysis.model import ENGINE_VERSION
from reader.core.importing.pipeline import import_paths
from reader.core.knowledge.model import PackInfo
from reader.core.library import Library


def test_import_stores_analysis_and_opening_reuses_it(library: Library, seeds: list[Path]) -> None:
    analyzer = Analyzer(real_kb())
    report = import_paths(library, seeds, analyzer=analyzer)
    assert library.stale_analysis_ids(ENGINE_VERSION, analyzer.kb.versions()) == []
    article = library.require_article(report.imported[1])
    stored = library.load_analysis(article.id, ENGINE_VERSION, analyzer.kb.versions())
    assert stored is not None and stored["title"] == article.title

    class Exploding(Analyzer):
        def analyze(self, *args: object, **kw: object):  # type: ignore[no-untyped-def,override]
            raise AssertionError("opening an article must not re-run the analysis")

    again = analysis_store.corrected_analysis(library, Exploding(real_kb()), article)
    assert again.analysis.attributions and again.analysis.title == article.title


def test_changed_packs_make_results_stale_and_refresh_redoes_them(library: Library, seeds: list[Path]) -> None:
    analyzer = Analyzer(real_kb())
    import_paths(library, seeds, analyzer=analyzer)
    newer = Analyzer(real_kb())
    newer.kb = type(newer.kb)(entries=newer.kb.entries, lexicon=newer.kb.lexicon,
                              packs=[*newer.kb.packs, PackInfo("user-pack", "2")])
    assert len(library.stale_analysis_ids(ENGINE_VERSION, newer.kb.versions())) == 2
    seen: list[tuple[int, int]] = []
    assert analysis_store.refresh_stale(library, newer, progress=lambda i, n: seen.append((i, n))) == 2
    assert seen == [(1, 2), (2, 2)]
    assert library.stale_analysis_ids(ENGINE_VERSION, newer.kb.versions()) == []
