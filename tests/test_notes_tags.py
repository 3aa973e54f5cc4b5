"""Tags on notes and highlights: schema 3 (migrated from a real schema-2 library), editing,
undo, search, filtering and the JSON round trip."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core import notes, notes_history, notes_io, schema
from reader.core.library import Library
from reader.core.models import NewArticle

TEXT = ("Die Gespräche in Minsk begannen am Montag. Beide Seiten nannten die Lage angespannt.\n\n"
        "Der Sprecher sagte, die Waffenruhe gelte weiter.")


@pytest.fixture
def article_id(library: Library) -> int:
    return library.add_article(NewArticle(title="Gespräche in Minsk", text=TEXT, language="de",
                                          url="https://example.org/a"))


def _schema_2_library(path: Path) -> None:
    """A library exactly as Margin wrote it before tags: only the first two migrations."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for migration in schema.MIGRATIONS[:2]:
        migration(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO articles (title, text, url, content_hash, imported_at) VALUES "
                 "('Alt', 'Die Minsk-Gruppe tagte in Wien.', 'https://example.org/alt', 'h1', "
                 "'2025-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO analyses (article_id, engine_version, knowledge_versions, created_at, "
                 "result, digest) VALUES (1, '1', 'p@1', '2025-01-01', '{}', '2 statements')")
    conn.execute("INSERT INTO notes (article_id, kind, start, \"end\", quote, prefix, suffix, color, "
                 "body, status, created_at, updated_at) VALUES (1, 'highlight', 4, 15, 'Minsk-Gruppe', "
                 "'Die ', ' tagte', 'pink', 'wichtig für Wien', 'attached', '2025-01-02T00:00:00+00:00', "
                 "'2025-01-03T00:00:00+00:00')")
    conn.execute("INSERT INTO notes (article_id, kind, body, status, created_at, updated_at) "
                 "VALUES (1, 'article', 'ganzer Artikel', 'orphaned', 'x', 'y')")
    conn.execute("COMMIT")
    conn.close()


def test_schema_2_library_migrates_to_3_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite"
    _schema_2_library(path)
    before = sqlite3.connect(path)
    old_rows = before.execute('SELECT id, article_id, kind, start, "end", quote, prefix, suffix, '
                              "color, body, status, created_at, updated_at FROM notes ORDER BY id").fetchall()
    before.close()
    lib = Library.open(path)
    try:
        assert lib.schema_version == schema.SCHEMA_VERSION == 3
        new_rows = lib.conn.execute('SELECT id, article_id, kind, start, "end", quote, prefix, suffix, '
                                    "color, body, status, created_at, updated_at, tags FROM notes "
                                    "ORDER BY id").fetchall()
        assert [r[:-1] for r in new_rows] == old_rows and all(r[-1] == "" for r in new_rows)
        assert [s.digest for s in lib.list_summaries()] == ["2 statements"]
        assert lib.load_analysis(1, "1", "p@1") == {}
        # the rebuilt index still finds the old notes, and now their tags too
        assert [h.where for h in lib.search("wichtig")] == ["note"]
        assert [h.where for h in lib.search("ganzer")] == ["note"]
        notes.add_tags(lib, 1, ["Verhandlungen"])
        assert [h.where for h in lib.search("Verhandlungen")] == ["note"]
        notes.remove_tags(lib, 1, "verhandlungen")
        assert lib.search("Verhandlungen") == []
        assert lib.conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')") is not None
    finally:
        lib.close()


def test_a_failed_migration_to_3_leaves_the_schema_2_library_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v2.sqlite"
    _schema_2_library(path)

    def v3_then_crash(conn: sqlite3.Connection) -> None:
        schema.MIGRATIONS[2](conn)
        raise RuntimeError("power cut")

    import reader.core.library as library_module

    monkeypatch.setattr(library_module, "MIGRATIONS", [*schema.MIGRATIONS[:2], v3_then_crash])
    with pytest.raises(RuntimeError):
        Library.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "tags" not in [r[1] for r in conn.execute("PRAGMA table_info(notes)")]
    assert conn.execute("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'wichtig'").fetchone()[0] == 1
    conn.close()


def test_normalize_tags() -> None:
    assert notes.normalize_tags("Minsk, #ceasefire ,  Minsk   talks,minsk") == ("Minsk", "ceasefire", "Minsk talks")
    assert notes.normalize_tags(["a, b", "C"]) == ("a", "b", "C")
    assert notes.normalize_tags(None) == () and notes.normalize_tags(" , ,") == ()
    assert notes.normalize_tags(["tab\there\nnewline"]) == ("tab here newline",)
    for bad in (["x" * 61], [str(i) for i in range(31)], [1], 5, {"a": 1}):
        with pytest.raises(notes.NoteError):
            notes.normalize_tags(bad)


def test_tags_are_stored_edited_undone_filtered_and_counted(library: Library, article_id: int) -> None:
    h = notes_history.NoteHistory(library)
    hl = h.add_highlight(article_id, 4, 13, "green", "", ["Minsk", "talks"])
    assert notes.require_note(library, hl.id).tags == ("Minsk", "talks")
    whole = notes.add_article_note(library, article_id, "tone", tags="tone, Minsk")
    h.edit(hl.id, tags=["Minsk", "OSCE"])
    assert notes.require_note(library, hl.id).tags == ("Minsk", "OSCE")
    h.undo()
    assert notes.require_note(library, hl.id).tags == ("Minsk", "talks")
    h.redo()
    assert notes.tag_counts(library) == [("Minsk", 2), ("OSCE", 1), ("tone", 1)]
    assert [n.id for n in notes.with_tag(notes.all_notes(library), "minsk")] == [whole.id, hl.id]
    assert [n.id for n in notes.with_tag(notes.all_notes(library), "OSCE")] == [hl.id]
    groups = notes.note_groups(library, None, "tone")
    assert [(a.id, [n.id for n in items]) for a, items in groups] == [(article_id, [whole.id])]
    assert notes.note_groups(library, None, "nothing") == []
    # deleting and restoring keeps the tags
    gone = h.delete(hl.id)
    back = h.undo()
    assert back is not None and back.tags == gone.tags == ("Minsk", "OSCE")
    with pytest.raises(notes.NoteError, match="longer than"):
        notes.add_tags(library, hl.id, ["y" * 80])
    assert notes.require_note(library, hl.id).tags == ("Minsk", "OSCE")


def test_tags_travel_through_json_and_bad_tags_change_nothing(library: Library, article_id: int,
                                                              tmp_path: Path) -> None:
    notes.highlight_quote(library, article_id, "angespannt", tags=["tone", "Stimmung"])
    data = notes_io.export_json(library)
    assert data["articles"][0]["notes"][0]["tags"] == ["tone", "Stimmung"]
    other = Library.open(tmp_path / "other.sqlite")
    try:
        new_id = other.add_article(NewArticle(title="Gespräche in Minsk", text="Neu: " + TEXT,
                                              url="https://example.org/a"))
        notes_io.import_json(other, data)
        (hl,) = notes.notes_for(other, new_id)
        assert hl.tags == ("tone", "Stimmung") and other.search("Stimmung")[0].where == "note"
        data["articles"][0]["notes"][0]["quote"] = "Montag"
        data["articles"][0]["notes"][0]["tags"] = [["nested"]]
        with pytest.raises(notes.NoteError, match="tag must be text"):
            notes_io.import_json(other, data)
        assert len(notes.notes_for(other, new_id)) == 1
    finally:
        other.close()
