"""The library's schema, as forward migrations.

All the migrations a library needs run in one transaction with the ``user_version`` bump, so
a library is either fully at the current version or untouched; another process never sees it
half-way. A library whose ``user_version`` is newer than
``SCHEMA_VERSION`` was written by a newer Margin and is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    outlet TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    dateline TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    original TEXT NOT NULL DEFAULT '',
    source_path TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    read_count INTEGER,
    bookmarked INTEGER NOT NULL DEFAULT 0,
    bookmarked_at TEXT NOT NULL DEFAULT '',
    opened_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='3'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE analyses (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    engine_version TEXT NOT NULL,
    knowledge_versions TEXT NOT NULL,
    created_at TEXT NOT NULL,
    result TEXT NOT NULL
);

CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    annotation_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('dismiss', 'correct')),
    value TEXT NOT NULL DEFAULT '{}',
    quote TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (article_id, annotation_key)
);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('highlight', 'article')),
    start INTEGER,
    "end" INTEGER,
    quote TEXT NOT NULL DEFAULT '',
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL DEFAULT 'yellow',
    body TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'attached' CHECK (status IN ('attached', 'orphaned')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notes_article ON notes(article_id);

CREATE VIRTUAL TABLE notes_fts USING fts5(
    quote, body, content='notes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, quote, body) VALUES (new.id, new.quote, new.body);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, quote, body) VALUES ('delete', old.id, old.quote, old.body);
END;
CREATE TRIGGER notes_au AFTER UPDATE OF quote, body ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, quote, body) VALUES ('delete', old.id, old.quote, old.body);
    INSERT INTO notes_fts(rowid, quote, body) VALUES (new.id, new.quote, new.body);
END;
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _split(_V1):
        conn.execute(statement)


def _split(script: str) -> list[str]:
    """Split a schema script into statements (triggers contain ``;`` inside BEGIN…END)."""
    statements: list[str] = []
    buf: list[str] = []
    for line in script.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            buf = []
    if "\n".join(buf).strip():
        statements.append("\n".join(buf).strip())
    return statements


def _v2(conn: sqlite3.Connection) -> None:
    """A one-line digest of each analysis (statements per side, claims, flags) for the list."""
    conn.execute("ALTER TABLE analyses ADD COLUMN digest TEXT NOT NULL DEFAULT ''")


_V3_NOTES_FTS = """
CREATE VIRTUAL TABLE notes_fts USING fts5(
    quote, body, tags, content='notes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, quote, body, tags) VALUES (new.id, new.quote, new.body, new.tags);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, quote, body, tags)
        VALUES ('delete', old.id, old.quote, old.body, old.tags);
END;
CREATE TRIGGER notes_au AFTER UPDATE OF quote, body, tags ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, quote, body, tags)
        VALUES ('delete', old.id, old.quote, old.body, old.tags);
    INSERT INTO notes_fts(rowid, quote, body, tags) VALUES (new.id, new.quote, new.body, new.tags);
END;
"""


def _v3(conn: sqlite3.Connection) -> None:
    """Tags on notes and highlights (``notes.tags``: tags joined by ", "), searchable in FTS.

    The notes' full-text index is rebuilt with a third column, ``tags``; existing notes keep
    every field and get no tags.
    """
    conn.execute("ALTER TABLE notes ADD COLUMN tags TEXT NOT NULL DEFAULT ''")
    for trigger in ("notes_ai", "notes_ad", "notes_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE IF EXISTS notes_fts")
    for statement in _split(_V3_NOTES_FTS):
        conn.execute(statement)
    conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('rebuild')")


# Index i holds the migration from version i to version i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)
