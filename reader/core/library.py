"""The local SQLite library: articles, full-text search, analyses, corrections.

Every write goes through :meth:`Library.atomic`, one transaction per logical change, so a crash
or a bad input never leaves a half-written library. Notes and highlights live in
``reader.core.notes`` and write through the same method.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from reader.core.models import Article, ArticleFilter, ArticleSummary, NewArticle, SearchHit
from reader.core.schema import MIGRATIONS, SCHEMA_VERSION


class LibraryError(Exception):
    """A problem with the library file, in one line for the user."""


class DuplicateArticle(LibraryError):
    def __init__(self, existing_id: int, title: str) -> None:
        super().__init__(f"already in the library as #{existing_id} ({title})")
        self.existing_id = existing_id


class SearchError(LibraryError):
    """A malformed full-text query."""


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def content_hash(title: str, text: str) -> str:
    """Hash of the normalised title and text: the same article imported twice has the same hash."""
    norm = unicodedata.normalize("NFC", f"{title.strip()}\n{' '.join(text.split())}").casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


_ARTICLE_COLUMNS = (
    "id, title, text, language, outlet, author, url, published, dateline, original, "
    "source_path, content_hash, imported_at, read_count, bookmarked, opened_at"
)
_FTS_OPERATORS = re.compile(r'["*():^]|\b(AND|OR|NOT|NEAR)\b')
_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)


class Library:
    """One SQLite library file."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        self._depth = 0

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Library:
        """Open (creating and migrating as needed) the library at ``path``."""
        path = Path(path)
        if not path.exists():
            if not create:
                raise LibraryError(f"no library at {path}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(f"cannot create the library folder {path.parent}: {exc.strerror}") from exc
        elif path.is_dir():
            raise LibraryError(f"{path} is a folder, not a library file")
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{path} is not a Margin library ({exc})") from exc
        if version > SCHEMA_VERSION:
            conn.close()
            raise LibraryError(
                f"{path} was written by a newer version of Margin (library version {version}, "
                f"this Margin reads up to {SCHEMA_VERSION}); please update Margin"
            )
        lib = cls(conn, path)
        try:
            if version == 0 and lib._has_foreign_tables():
                raise LibraryError(f"{path} is an SQLite file but not a Margin library")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            lib._migrate(version)
        except BaseException:
            conn.close()
            raise
        return lib

    def _has_foreign_tables(self) -> bool:
        row = self.conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()
        return bool(row[0])

    def _migrate(self, version: int) -> None:
        for target in range(version, SCHEMA_VERSION):
            with self.atomic():
                MIGRATIONS[target](self.conn)
                self.conn.execute(f"PRAGMA user_version = {target + 1}")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the one place writes go through -----------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction: everything inside is committed together or not at all (nestable)."""
        if self._depth:
            name = f"sp{self._depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    # -- articles ----------------------------------------------------------------------------

    def add_article(self, new: NewArticle) -> int:
        """Store ``new`` and return its id; raises :class:`DuplicateArticle` if it is already here."""
        digest = content_hash(new.title, new.text)
        existing = self.conn.execute(
            "SELECT id, title FROM articles WHERE content_hash = ?", (digest,)
        ).fetchone()
        if existing:
            raise DuplicateArticle(existing[0], existing[1])
        with self.atomic():
            row = {
                "title": new.title,
                "outlet": new.outlet,
                "author": new.author,
                "url": new.url,
                "published": new.published,
                "dateline": new.dateline,
                "language": new.language,
                "text": new.text,
                "original": new.original,
                "source_path": new.source_path,
                "content_hash": digest,
                "imported_at": now_iso(),
                "read_count": new.read_count,
            }
            cur = self.conn.execute(
                f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                tuple(row.values()),
            )
            return int(cur.lastrowid or 0)

    def get_article(self, article_id: int) -> Article | None:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article(row) if row else None

    def require_article(self, article_id: int) -> Article:
        article = self.get_article(article_id)
        if article is None:
            raise LibraryError(f"no article #{article_id} in the library")
        return article

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def list_articles(self, filt: ArticleFilter | None = None) -> list[Article]:
        """Articles matching ``filt``, newest first (or as ``filt.sort`` says)."""
        cols = ", ".join(f"a.{c.strip()}" for c in _ARTICLE_COLUMNS.split(","))
        return [_article(r) for r in self._select(cols, filt or ArticleFilter())]

    def list_summaries(self, filt: ArticleFilter | None = None) -> list[ArticleSummary]:
        """Like :meth:`list_articles` without the texts: what a list view needs."""
        cols = ("a.id, a.title, a.outlet, a.published, a.language, a.bookmarked, "
                "(SELECT count(*) FROM notes n WHERE n.article_id = a.id), a.opened_at != '', "
                "coalesce((SELECT r.digest FROM analyses r WHERE r.article_id = a.id), '')")
        return [
            ArticleSummary(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], bool(r[7]), r[8])
            for r in self._select(cols, filt or ArticleFilter())
        ]

    def count_matching(self, filt: ArticleFilter) -> int:
        """How many articles :meth:`list_summaries` would give without its limit."""
        rows = self._select("count(*)", replace(filt, limit=0, sort=""))
        return int(rows[0][0]) if rows else 0

    def _select(self, cols: str, filt: ArticleFilter) -> list[tuple[Any, ...]]:
        where: list[str] = []
        params: list[Any] = []
        if filt.outlet:
            where.append("a.outlet = ?")
            params.append(filt.outlet)
        if filt.language:
            where.append("a.language = ?")
            params.append(filt.language)
        if filt.bookmarked:
            where.append("a.bookmarked = 1")
        if filt.has_notes:
            where.append("EXISTS (SELECT 1 FROM notes n WHERE n.article_id = a.id)")
        order = {
            "date": "a.published DESC, a.id DESC",
            "title": "a.title COLLATE NOCASE, a.id",
            "outlet": "a.outlet COLLATE NOCASE, a.published DESC",
        }.get(filt.sort, "")
        if filt.query.strip():
            match = self._fts_query(filt.query, simple=True)
            ids_sql = (
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                "UNION SELECT n.article_id FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid "
                "WHERE notes_fts MATCH ?"
            )
            where.append(f"a.id IN ({ids_sql})")
            params.extend([match, match])
        sql = f"SELECT {cols} FROM articles a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        if order:
            sql += f" ORDER BY {order}"
        if filt.limit:
            sql += f" LIMIT {int(filt.limit)}"
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise SearchError(f"cannot search for {filt.query!r}: {exc}") from exc

    def outlets(self) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet != '' GROUP BY outlet ORDER BY outlet"
        )
        return [(r[0], r[1]) for r in rows]

    def languages(self) -> list[tuple[str, int]]:
        rows = self.conn.execute(
            "SELECT language, count(*) FROM articles GROUP BY language ORDER BY language"
        )
        return [(r[0], r[1]) for r in rows]

    def delete_article(self, article_id: int) -> None:
        self.require_article(article_id)
        with self.atomic():
            self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def update_text(self, article_id: int, title: str, text: str) -> None:
        """Replace an article's cleaned text (re-cleaning, user edit); the stored analysis is dropped."""
        with self.atomic():
            self.conn.execute(
                "UPDATE articles SET title = ?, text = ?, content_hash = ? WHERE id = ?",
                (title, text, content_hash(title, text), article_id),
            )
            self.conn.execute("DELETE FROM analyses WHERE article_id = ?", (article_id,))

    def set_bookmark(self, article_id: int, on: bool = True) -> None:
        self.require_article(article_id)
        with self.atomic():
            self.conn.execute(
                "UPDATE articles SET bookmarked = ?, bookmarked_at = ? WHERE id = ?",
                (int(on), now_iso() if on else "", article_id),
            )

    def mark_opened(self, article_id: int) -> None:
        with self.atomic():
            self.conn.execute(
                "UPDATE articles SET opened_at = ? WHERE id = ?", (now_iso(), article_id)
            )

    # -- search ------------------------------------------------------------------------------

    def _fts_query(self, query: str, *, simple: bool) -> str:
        """Turn user input into an FTS5 query.

        ``simple`` (as-you-type): every word must occur, the last one as a prefix.
        Otherwise FTS5 syntax is allowed; input without operators is treated as plain words.
        """
        query = query.strip()
        if not simple and _FTS_OPERATORS.search(query):
            return query
        words = _WORD.findall(query)
        if not words:
            raise SearchError(f"nothing to search for in {query!r}")
        prefix_last = simple and len(words[-1]) >= 3 and not query.endswith(" ")
        parts = [
            _word_query(w, prefix=prefix_last and i == len(words) - 1) for i, w in enumerate(words)
        ]
        return " ".join(parts)

    def search(self, query: str, limit: int = 50, *, simple: bool = False) -> list[SearchHit]:
        """Ranked full-text search over titles, texts, notes and highlights."""
        match = self._fts_query(query, simple=simple)
        try:
            rows = self.conn.execute(
                """
                SELECT a.id, a.title, a.outlet, a.published,
                       snippet(articles_fts, 1, '[', ']', '…', 14), bm25(articles_fts, 5.0, 1.0)
                FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?
                """,
                (match, limit),
            ).fetchall()
            note_rows = self.conn.execute(
                """
                SELECT a.id, a.title, a.outlet, a.published,
                       snippet(notes_fts, -1, '[', ']', '…', 14), bm25(notes_fts)
                FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
                JOIN articles a ON a.id = n.article_id
                WHERE notes_fts MATCH ? ORDER BY bm25(notes_fts) LIMIT ?
                """,
                (match, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            message = str(exc).removeprefix("fts5: ")
            raise SearchError(f"malformed search query {query!r}: {message}") from exc
        hits = [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]
        hits += [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], where="note") for r in note_rows]
        hits.sort(key=lambda h: h.rank)
        return hits[:limit]

    # -- analyses ------------------------------------------------------------------------------

    def save_analysis(
        self, article_id: int, result: dict[str, Any], engine_version: str, knowledge_versions: str,
        digest: str = "",
    ) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT OR REPLACE INTO analyses (article_id, engine_version, knowledge_versions, "
                "created_at, result, digest) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, engine_version, knowledge_versions, now_iso(),
                 json.dumps(result, ensure_ascii=False), digest),
            )

    def load_analysis(
        self, article_id: int, engine_version: str, knowledge_versions: str
    ) -> dict[str, Any] | None:
        """The stored result, if it was made by this engine and these knowledge packs."""
        row = self.conn.execute(
            "SELECT result FROM analyses WHERE article_id = ? AND engine_version = ? "
            "AND knowledge_versions = ?",
            (article_id, engine_version, knowledge_versions),
        ).fetchone()
        if not row:
            return None
        data: dict[str, Any] = json.loads(row[0])
        return data

    def stale_analysis_ids(self, engine_version: str, knowledge_versions: str) -> list[int]:
        """Articles with no analysis, or one made by another engine or other packs."""
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN analyses r ON r.article_id = a.id "
            "WHERE r.article_id IS NULL OR r.engine_version != ? OR r.knowledge_versions != ? "
            "ORDER BY a.id",
            (engine_version, knowledge_versions),
        )
        return [r[0] for r in rows]


def _spellings(word: str) -> list[str]:
    """German spellings that should find each other: ß/ss, ä/ae, ö/oe, ü/ue."""
    out = [word]
    lower = word.casefold()
    if "ß" in word:
        out.append(word.replace("ß", "ss"))
    elif "ss" in lower:
        out.append(lower.replace("ss", "ß"))
    if not any(c in lower for c in "äöü") and any(d in lower for d in ("ae", "oe", "ue")):
        out.append(lower.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü"))
    return list(dict.fromkeys(out))


def _word_query(word: str, *, prefix: bool) -> str:
    star = "*" if prefix else ""
    alternatives = ['"' + w.replace('"', '""') + '"' + star for w in _spellings(word)]
    if len(alternatives) == 1:
        return alternatives[0]
    return "(" + " OR ".join(alternatives) + ")"


def _article(row: tuple[Any, ...]) -> Article:
    return Article(
        id=row[0], title=row[1], text=row[2], language=row[3], outlet=row[4], author=row[5],
        url=row[6], published=row[7], dateline=row[8], original=row[9], source_path=row[10],
        content_hash=row[11], imported_at=row[12], read_count=row[13], bookmarked=bool(row[14]),
        opened_at=row[15],
    )
