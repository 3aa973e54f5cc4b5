"""Search stays cheap for very common words: ranking is exact below RANK_WINDOW matches and
among the most recent RANK_WINDOW matches above it; snippets are made for the shown hits."""

from __future__ import annotations

import pytest

from reader.core import library as library_module
from reader.core import notes
from reader.core.library import Library
from reader.core.models import NewArticle


def fill(lib: Library, count: int) -> None:
    for i in range(count):
        # Article i mentions "Waffenruhe" i % 7 + 1 times: BM25 prefers the ones saying it most.
        body = " ".join(["Waffenruhe"] * (i % 7 + 1) + [f"wort{j}" for j in range(30)])
        aid = lib.add_article(NewArticle(title=f"Meldung {i}", text=body, language="de"))
        notes.add_article_note(lib, aid, f"Waffenruhe prüfen {i}")


def full_ranking(lib: Library, limit: int) -> list[int]:
    rows = lib.conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"Waffenruhe\"' "
        "ORDER BY bm25(articles_fts, 5.0, 1.0), rowid LIMIT ?", (limit,)).fetchall()
    return [r[0] for r in rows]


def test_ranking_is_exact_below_the_window(library: Library) -> None:
    fill(library, 30)
    hits = [h for h in library.search("Waffenruhe", limit=10) if h.where == "article"]
    assert sorted(h.article_id for h in hits) == sorted(full_ranking(library, 10))
    assert all("[Waffenruhe]" in h.snippet for h in hits)


def test_common_word_is_ranked_among_its_newest_matches(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(library, 30)
    monkeypatch.setattr(library_module, "RANK_WINDOW", 10)
    hits = library.search("Waffenruhe", limit=5)
    articles = [h for h in hits if h.where == "article"]
    newest = set(library.article_ids()[-10:])
    assert articles and all(h.article_id in newest for h in articles)
    # within the window the order is BM25's: most mentions first
    counts = [library.require_article(h.article_id).text.count("Waffenruhe") for h in articles]
    assert counts == sorted(counts, reverse=True)
    assert all("[Waffenruhe]" in h.snippet for h in hits)
    note_hits = [h for h in library.search("prüfen", limit=50) if h.where == "note"]
    assert len(note_hits) == 10 and {h.article_id for h in note_hits} == newest


def test_list_filter_by_date_walks_the_date_index_and_keeps_its_order(library: Library) -> None:
    fill(library, 30)
    for i, aid in enumerate(library.article_ids()):
        library.conn.execute("UPDATE articles SET published = ? WHERE id = ?",
                             (f"2025-{i % 12 + 1:02}-{i % 28 + 1:02}", aid))
    from reader.core.models import ArticleFilter

    filt = ArticleFilter(query="Meldung", sort="date", limit=12)
    plan = " ".join(str(r) for r in library.conn.execute(
        "EXPLAIN QUERY PLAN SELECT a.id FROM articles a WHERE +a.id IN (SELECT 1) "
        "ORDER BY a.published DESC, a.id DESC LIMIT 12"))
    assert "articles_published" in plan
    got = [s.id for s in library.list_summaries(filt)]
    want = [r[0] for r in library.conn.execute(
        "SELECT id FROM articles ORDER BY published DESC, id DESC LIMIT 12")]
    assert got == want
    assert library.count_matching(filt) == 30
    notes.add_article_note(library, want[-1], "Sonderwort")
    assert [s.id for s in library.list_summaries(ArticleFilter(query="Sonderwort"))] == [want[-1]]
