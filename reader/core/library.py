"""The local SQLite library: articles, full-text search, analyses, corrections.

Every write goes through :meth:`Library.atomic`, one transaction per logical change, so a crash
or a bad input never leaves a half-written library. Notes and highlights live in
``reader.core.notes`` and write through the same method.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import sqlite3
import stat
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlite_utils

from reader.core.models import Article, ArticleFilter, ArticleSummary, NewArticle, SearchHit
from reader.core.schema import MIGRATIONS, SCHEMA_VERSION


class LibraryError(Exception):
    """A problem with the library file, in one line for the user."""


class ReadOnlyLibrary(LibraryError):
    """A write to a library opened read-only; nothing was changed."""


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
        self._locked_at = 0.0
        self._last_hold = 0.0
        self.read_only = False
        # One-line messages for the user from opening (e.g. where the pre-upgrade copy is).
        self.notices: list[str] = []

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, verify: bool = True) -> Library:
        """Open (creating and migrating as needed) the library at ``path``.

        A file that is not a Margin library, is damaged, or was written by a newer Margin is
        refused with a :class:`LibraryError` before anything is written to it. A file without
        write permission is opened read-only (reading works, writes are refused in one line).
        A library from an older Margin is copied beside itself before it is upgraded.
        ``verify=False`` skips SQLite's ``quick_check`` (it reads the whole file: about a second
        per GB) for a second connection to a file this process has already checked.
        """
        path = Path(path)
        if not path.exists():
            if not create:
                raise LibraryError(f"no library at {path}")
            _create_private(path)
        elif path.is_dir():
            raise LibraryError(f"{path} is a folder, not a library file")
        else:
            _check_file(path)
        read_only = not _writable(path)
        try:
            conn = _connect(path, read_only=read_only)
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot open the library {path}: {exc}") from exc
        lib = cls(conn, path)
        lib.read_only = read_only
        try:
            lib._check_and_migrate(verify)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LibraryError(f"{path} is damaged or not a Margin library ({exc})") from exc
        except BaseException:
            conn.close()
            raise
        return lib

    def _check_and_migrate(self, verify: bool) -> None:
        path, conn = self.path, self.conn
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == 0 and self._has_foreign_tables():
            # Margin commits its tables and the version together, so tables at version 0 mean
            # a foreign file, unless another Margin created the library between the two reads.
            version = self.schema_version
            if version == 0:
                raise LibraryError(f"{path} is an SQLite file but not a Margin library")
        if version < 0:
            raise LibraryError(f"{path} is not a Margin library (library version {version})")
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"{path} was written by a newer version of Margin (library version {version}, "
                f"this Margin reads up to {SCHEMA_VERSION}); please update Margin"
            )
        if version and verify:
            problem = str(conn.execute("PRAGMA quick_check(1)").fetchone()[0])
            if problem != "ok":
                problem = " ".join(problem.replace("*** in database main ***", "").split())
                raise LibraryError(f"{path} is damaged ({problem}); it was left unchanged")
        if self.read_only:
            if version < SCHEMA_VERSION:
                raise LibraryError(
                    f"{path} is read-only and needs an upgrade to library version "
                    f"{SCHEMA_VERSION} first; make it writable and open it again"
                )
            return
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if 0 < version < SCHEMA_VERSION:
            backup = self._backup_before_upgrade(version)
            self.notices.append(
                f"upgraded the library to version {SCHEMA_VERSION}; the version-{version} "
                f"library was copied to {backup}"
            )
        self._migrate(version)

    def _backup_before_upgrade(self, version: int) -> Path:
        """A copy of the library (SQLite backup API) beside it; only the last few are kept."""
        target = self.path.with_name(f"{self.path.name}.v{version}-backup")
        if target.exists():
            target = self.path.with_name(
                f"{self.path.name}.v{version}-{datetime.now(UTC):%Y%m%d-%H%M%S-%f}-backup"
            )
        _create_private(target)
        dest = sqlite3.connect(str(target))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        old = sorted(self.path.parent.glob(f"{glob.escape(self.path.name)}.v*-backup"),
                     key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP_BACKUPS:]:
            stale.unlink(missing_ok=True)
        return target

    def _has_foreign_tables(self) -> bool:
        row = self.conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()
        return bool(row[0])

    def _migrate(self, version: int) -> None:
        """Every step from ``version`` to SCHEMA_VERSION in ONE transaction: another process
        sees the library untouched or current, never half-way (a new library at version 2
        would look like an old one to upgrade and back up)."""
        if version >= SCHEMA_VERSION:
            return
        with self.atomic():
            # Another process may have migrated while this one waited for the write lock.
            for target in range(self.schema_version, SCHEMA_VERSION):
                MIGRATIONS[target](self.conn)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def damaged(self, exc: sqlite3.DatabaseError) -> LibraryError:
        """The one-line error for a library SQLite finds damaged while reading or writing it."""
        return LibraryError(f"the library {self.path} is damaged ({exc}); nothing was changed")

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the library."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

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
        if self.read_only:
            raise ReadOnlyLibrary(f"the library {self.path} is read-only; nothing was changed")
        self._begin()
        self._depth = 1
        try:
            yield self.conn
        except BaseException as exc:
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and _is_storage_problem(exc):
                raise LibraryError(f"cannot write to the library {self.path}: {exc}") from exc
            if type(exc) is sqlite3.DatabaseError:
                raise self.damaged(exc) from exc
            raise
        else:
            self._commit()
        finally:
            self._depth = 0

    def _begin(self) -> None:
        """Take the write lock, waiting while other processes write.

        SQLite's own busy handler backs off to 100 ms between tries, so a writer that commits
        and begins again at once (a bulk import) can starve the window for seconds; here the
        lock is polled every few milliseconds instead, and long writers yield after committing.
        """
        deadline = time.monotonic() + WRITE_WAIT_SECONDS
        self.conn.execute(f"PRAGMA busy_timeout = {LOCK_POLL_MS}")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    self._locked_at = time.monotonic()
                    return
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc):
                        if _is_storage_problem(exc):
                            raise LibraryError(
                                f"cannot write to the library {self.path}: {exc}") from exc
                        raise
                    if time.monotonic() >= deadline:
                        raise LibraryError(
                            f"the library {self.path} is busy: another program kept it locked "
                            f"for {WRITE_WAIT_SECONDS} s; nothing was changed"
                        ) from exc
                    # A bulk writer (its last transaction held the lock long) waits longer
                    # between tries, so a short interactive write gets in first.
                    time.sleep(0.02 if self._last_hold > 0.05 else 0.002)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _commit(self) -> None:
        for attempt in range(20):
            try:
                self.conn.execute("COMMIT")
                break
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or attempt == 19:
                    self.conn.execute("ROLLBACK")
                    raise LibraryError(f"cannot write to the library {self.path}: {exc}") from exc
                time.sleep(0.05)
        self._last_hold = time.monotonic() - self._locked_at
        if self._last_hold > 0.05:
            time.sleep(0.01)  # let a waiting writer (the window) in before our next batch

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
        # "date" sort keeps the cheap plan; the order itself costs nothing under count(*)
        rows = self._select("count(*)", replace(filt, limit=0, sort="date"))
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
            # Sorted by date, walk the date index and test each id against the matches (the
            # unary + keeps SQLite from fetching and sorting every match of a common word).
            plus = "+" if filt.sort == "date" else ""
            where.append(f"{plus}a.id IN ({ids_sql})")
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
        except sqlite3.DatabaseError as exc:
            raise self.damaged(exc) from exc

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
        if self.read_only:
            return  # reading a read-only library works; "opened" is not recorded
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
        """Ranked full-text search over titles, texts, notes and highlights.

        Ranking is BM25 (titles weigh five times the text). A query matching more than
        ``RANK_WINDOW`` articles (or notes) is ranked among its ``RANK_WINDOW`` most recently
        added matches, so a very common word costs as little as a rare one; snippets are made
        for the hits shown only.
        """
        match = self._fts_query(query, simple=simple)
        limit = max(0, min(int(limit), 10_000))
        try:
            ranked = self._ranked("articles_fts", ", 5.0, 1.0", 1, match, limit)
            noted = self._ranked("notes_fts", "", -1, match, limit)
            hits = self._hits(ranked, "article") + self._hits(noted, "note")
        except sqlite3.OperationalError as exc:
            message = str(exc).removeprefix("fts5: ")
            raise SearchError(f"malformed search query {query!r}: {message}") from exc
        except sqlite3.DatabaseError as exc:
            raise self.damaged(exc) from exc
        hits.sort(key=lambda h: h.rank)
        return hits[:limit]

    def _ranked(
        self, table: str, weights: str, column: int, match: str, limit: int
    ) -> list[tuple[int, float, str]]:
        """(rowid, BM25 rank, snippet) of the best ``limit`` matches of ``match`` in ``table``."""
        if not limit:
            return []
        conn = self.conn
        row = conn.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC "
            "LIMIT 1 OFFSET ?", (match, RANK_WINDOW - 1),
        ).fetchone()
        low = int(row[0]) if row else -(2**63)
        top = conn.execute(
            f"SELECT rowid, bm25({table}{weights}) FROM {table} WHERE {table} MATCH ? "
            "AND rowid >= ? ORDER BY 2 LIMIT ?", (match, low, limit),
        ).fetchall()
        if not top:
            return []
        ids = [int(r[0]) for r in top]
        marks = ", ".join("?" for _ in ids)
        # One pass over the matches between the hits; snippet() runs for the hits only.
        snippets = dict(conn.execute(
            f"SELECT rowid, CASE WHEN rowid IN ({marks}) THEN "
            f"snippet({table}, {column}, '[', ']', '…', 14) END FROM {table} "
            f"WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?",
            (*ids, match, min(ids), max(ids)),
        ).fetchall())
        return [(int(r[0]), float(r[1]), str(snippets.get(r[0]) or "")) for r in top]

    def _hits(self, ranked: list[tuple[int, float, str]], where: str) -> list[SearchHit]:
        if not ranked:
            return []
        marks = ", ".join("?" for _ in ranked)
        if where == "note":
            sql = ("SELECT n.id, a.id, a.title, a.outlet, a.published FROM notes n "
                   f"JOIN articles a ON a.id = n.article_id WHERE n.id IN ({marks})")
        else:
            sql = f"SELECT id, id, title, outlet, published FROM articles WHERE id IN ({marks})"
        rows = {r[0]: r[1:] for r in self.conn.execute(sql, [r[0] for r in ranked])}
        return [
            SearchHit(rows[i][0], rows[i][1], rows[i][2], rows[i][3], snippet, rank, where=where)
            for i, rank, snippet in ranked if i in rows
        ]

    # -- analyses ------------------------------------------------------------------------------

    def save_analysis(
        self, article_id: int, result: dict[str, Any], engine_version: str, knowledge_versions: str,
        digest: str = "",
    ) -> None:
        if self.read_only:
            return  # a cache: a read-only library is analysed afresh each time
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



# -- opening the file ------------------------------------------------------------------------

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a write waits for other processes (each try waits BUSY_TIMEOUT_MS inside SQLite).
BUSY_TIMEOUT_MS = 5000
LOCK_POLL_MS = 2
WRITE_WAIT_SECONDS = 60
KEEP_BACKUPS = 3
# Search ranks a query's best hits among at most this many of its most recent matches.
RANK_WINDOW = 2000


def _create_private(path: Path) -> None:
    """Create an empty file only the user can read (its folder too, if it is missing).

    SQLite gives the ``-wal`` and ``-shm`` files the main file's permissions.
    """
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process created it a moment ago
    except OSError as exc:
        raise LibraryError(f"cannot create the library {path}: {exc.strerror}") from exc
    os.close(fd)


def _check_file(path: Path) -> None:
    """Refuse what is plainly not an SQLite file, or a truncated one, before SQLite touches it."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise LibraryError(f"cannot read the library {path}: {exc.strerror}") from exc
    if not head:
        return  # an empty file becomes a new library
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        raise LibraryError(f"{path} is not a Margin library (not an SQLite file); it was left unchanged")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid_for = int.from_bytes(head[92:96], "big")
    changes = int.from_bytes(head[24:28], "big")
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        return  # SQLite finishes an interrupted checkpoint from the log; quick_check follows
    if page_size < 512 or page_size & (page_size - 1) or size % page_size:
        raise LibraryError(f"{path} is damaged (truncated or not a whole number of pages); it was left unchanged")
    if pages and valid_for == changes and pages * page_size > size:
        raise LibraryError(
            f"{path} is damaged (truncated: {size} of {pages * page_size} bytes); it was left unchanged"
        )


def _writable(path: Path) -> bool:
    """May Margin write the file? No write permission bits count as read-only even for root."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A write-ahead-log library in a folder we cannot write: read it as it is on disk.
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    message = str(exc)
    return "database is locked" in message or "database is busy" in message


def _is_storage_problem(exc: sqlite3.OperationalError) -> bool:
    message = str(exc)
    return any(m in message for m in ("readonly", "read-only", "disk is full", "disk I/O",
                                      "database is locked", "unable to open"))


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
