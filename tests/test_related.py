"""'Elsewhere in your library': articles that share the current article's topics."""

from __future__ import annotations

from analysis_fixtures import real_kb

from reader.core.analysis.engine import Analyzer
from reader.core.importing.pipeline import import_paths
from reader.core.library import Library
from reader.core.models import NewArticle
from reader.core.related import related_articles
from reader.core.samples import sample_files


def test_related_articles_share_topics_and_exclude_the_article(library: Library) -> None:
    kb = real_kb()
    analyzer = Analyzer(kb)
    ids = import_paths(library, sample_files(), analyzer=analyzer).imported
    unrelated = library.add_article(NewArticle(title="Wetter", text="Morgen wird es sonnig und warm.",
                                               language="de"))
    article = library.require_article(ids[0])
    analysis = analyzer.analyze(article.title, article.text, article.language, article.outlet)
    hits = related_articles(library, article.id, analysis, kb)
    found = [h.article_id for h in hits]
    assert found and article.id not in found and unrelated not in found
    assert len(found) == len(set(found)) <= 5
