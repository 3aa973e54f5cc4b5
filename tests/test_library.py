"""The SQLite library: schema, migrations, refusal of newer files, search, writes in one place."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core import schema
from reader.core.library import DuplicateArticle, Library, LibraryError, SearchError
from reader.core.models import ArticleFilter, NewArticle


def article(title: str = "Titel", text: str = "Ein Absatz über die OSZE-Minsk-Gruppe.", **kw: str) -> NewArticle:
    return NewArticle(title=title, text=text, language=kw.pop("language", "de"), **kw)


def test_new_library_is_wal_with_foreign_keys_and_current_schema(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib.sqlite")
    assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert lib.schema_version == schema.SCHEMA_VERSION
    lib.close()


def test_library_from_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="newer version of Margin"):
        Library.open(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_and_garbage_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not a Margin library"):
        Library.open(other)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(LibraryError, match="not a Margin library"):
        Library.open(garbage)


def test_migration_runs_in_a_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that fails half-way leaves the file at the old version, and a later
    successful migration keeps every article written before it."""
    path = tmp_path / "lib.sqlite"
    lib = Library.open(path)
    lib.add_article(article())
    lib.close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN extra TEXT")
        raise RuntimeError("power cut")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    import reader.core.library as library_module

    monkeypatch.setattr(library_module, "MIGRATIONS", schema.MIGRATIONS)
    monkeypatch.setattr(library_module, "SCHEMA_VERSION", schema.SCHEMA_VERSION)
    with pytest.raises(RuntimeError):
        Library.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION - 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    assert "extra" not in columns
    conn.close()

    def good(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN extra TEXT NOT NULL DEFAULT ''")

    schema.MIGRATIONS[-1] = good
    lib = Library.open(path)
    assert lib.schema_version == schema.SCHEMA_VERSION
    assert [a.title for a in lib.list_articles()] == ["Titel"]
    lib.close()


def test_version_1_library_is_migrated_without_losing_anything(tmp_path: Path) -> None:
    """A library written by Margin 0.1 (schema 1) opens, gains the list digest, keeps its data."""
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    schema.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO articles (title, text, content_hash, imported_at) "
                 "VALUES ('Alt', 'Die Minsk-Gruppe tagte.', 'h1', '2025-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO analyses VALUES (1, '1', 'p@1', '2025-01-01', '{}')")
    conn.execute("INSERT INTO notes (article_id, kind, start, \"end\", quote, body, created_at, "
                 "updated_at) VALUES (1, 'highlight', 4, 9, 'Minsk', 'wichtig', 'x', 'x')")
    conn.execute("COMMIT")
    conn.close()
    lib = Library.open(path)
    assert lib.schema_version == schema.SCHEMA_VERSION
    assert [a.title for a in lib.list_articles()] == ["Alt"]
    assert [s.digest for s in lib.list_summaries()] == [""]
    assert lib.search("wichtig")[0].where == "note"
    assert lib.load_analysis(1, "1", "p@1") == {}
    lib.close()


def test_duplicate_is_reported_not_stored(library: Library) -> None:
    first = library.add_article(article())
    with pytest.raises(DuplicateArticle) as exc:
        library.add_article(article(text="Ein  Absatz über die OSZE-Minsk-Gruppe. "))
    assert exc.value.existing_id == first
    assert library.count_articles() == 1


def test_search_ranks_titles_and_handles_german(library: Library) -> None:
    library.add_article(article("Minsk im Titel", "Ein Text über Gespräche."))
    library.add_article(article("Anderer Titel", "Nebenbei wird Minsk einmal erwähnt, Außenminister Straße."))
    hits = library.search("Minsk")
    assert [h.title for h in hits] == ["Minsk im Titel", "Anderer Titel"]
    assert "[Minsk]" in hits[1].snippet
    assert library.search("außenminister")[0].title == "Anderer Titel"
    assert library.search("Aussenminister")[0].title == "Anderer Titel"  # ß ~ ss
    assert library.search("Strasse")[0].title == "Anderer Titel"
    assert library.search("Gespraeche")[0].title == "Minsk im Titel"  # ä ~ ae
    assert library.search("gesprache")[0].title == "Minsk im Titel"  # umlaut-insensitive
    assert library.search("Straße")[0].title == "Anderer Titel"


def test_as_you_type_search_uses_prefixes(library: Library) -> None:
    library.add_article(article("Waffenstillstand", "Der Waffenstillstand von 1994 hielt."))
    assert [h.title for h in library.search("Waffenst", simple=True)] == ["Waffenstillstand"]
    assert library.search("Waffenst") == []


@pytest.mark.parametrize("query", ['"unbalanced', "a AND", "NEAR(", "title:"])
def test_malformed_query_is_a_clear_error(library: Library, query: str) -> None:
    library.add_article(article())
    with pytest.raises(SearchError, match="malformed search query"):
        library.search(query)


def test_plain_words_with_hyphens_search_without_syntax_errors(library: Library) -> None:
    library.add_article(article())
    assert library.search("OSZE-Minsk-Gruppe")


def test_filters_and_sorting(library: Library) -> None:
    a = library.add_article(article("B", "eins", outlet="Wire", published="2023-01-02"))
    b = library.add_article(article("A", "zwei", outlet="Other", published="2024-01-02", language="en"))
    library.set_bookmark(a)
    assert [x.id for x in library.list_articles()] == [b, a]
    assert [x.id for x in library.list_articles(ArticleFilter(sort="title"))] == [b, a]
    assert [x.id for x in library.list_articles(ArticleFilter(bookmarked=True))] == [a]
    assert [x.id for x in library.list_articles(ArticleFilter(language="en"))] == [b]
    assert [x.id for x in library.list_articles(ArticleFilter(outlet="Wire"))] == [a]
    assert [x.id for x in library.list_articles(ArticleFilter(query="zwe"))] == [b]
    assert library.outlets() == [("Other", 1), ("Wire", 1)]


def test_delete_cascades_and_keeps_fts_in_sync(library: Library) -> None:
    article_id = library.add_article(article())
    library.save_analysis(article_id, {"x": 1}, "1", "p@1")
    library.delete_article(article_id)
    assert library.search("Minsk") == []
    assert library.conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == 0
    with pytest.raises(LibraryError, match="no article #"):
        library.delete_article(article_id)


def test_failed_write_leaves_nothing(library: Library) -> None:
    with pytest.raises(RuntimeError), library.atomic():
        library.add_article(article())
        raise RuntimeError("boom")
    assert library.count_articles() == 0
    assert library.search("Minsk") == []


def test_analysis_store_is_versioned(library: Library) -> None:
    article_id = library.add_article(article())
    library.save_analysis(article_id, {"ok": True}, "1", "conflict@1")
    assert library.load_analysis(article_id, "1", "conflict@1") == {"ok": True}
    assert library.load_analysis(article_id, "2", "conflict@1") is None
    assert library.load_analysis(article_id, "1", "conflict@2") is None
    assert library.stale_analysis_ids("1", "conflict@2") == [article_id]


def test_other_processes_never_see_a_library_half_way_through_its_migrations(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new library is built by every migration in one transaction: a second connection
    reading it meanwhile sees no version at all, not version 1 or 2 (which it would take for
    an old library to upgrade and back up)."""
    import reader.core.library as library_module

    path = tmp_path / "new.sqlite"
    seen: list[int] = []

    def observed(step: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
        def run(conn: sqlite3.Connection) -> None:
            step(conn)
            other = sqlite3.connect(path, timeout=0)
            try:
                seen.append(int(other.execute("PRAGMA user_version").fetchone()[0]))
            finally:
                other.close()
        return run

    monkeypatch.setattr(library_module, "MIGRATIONS", [observed(m) for m in schema.MIGRATIONS])
    lib = Library.open(path)
    assert lib.schema_version == schema.SCHEMA_VERSION
    lib.close()
    assert seen == [0] * schema.SCHEMA_VERSION
