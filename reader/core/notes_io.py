"""Export notes as JSON (everything needed to re-import), and re-import them.

The other formats: Markdown in ``reader.core.notes_markdown``, W3C Web Annotations in
``reader.core.export_w3c``, CSL-JSON in ``reader.core.export_csl``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reader.core import anchoring
from reader.core.library import Library, now_iso
from reader.core.models import Article
from reader.core.notes import (
    COLORS,
    DEFAULT_COLOR,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    Note,
    NoteError,
    check_body,
    join_tags,
    notes_for,
    require_note,
)
from reader.core.notes_schema import ArticleRef, NoteRecord, SchemaError, check_notes_file


def _article_meta(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet,
        "published": article.published, "url": article.url, "language": article.language,
        "content_hash": article.content_hash,
    }


def _articles_with_notes(lib: Library, article_id: int | None) -> list[Article]:
    if article_id is not None:
        return [lib.require_article(article_id)]
    ids = [r[0] for r in lib.conn.execute(
        "SELECT DISTINCT a.id FROM articles a JOIN notes n ON n.article_id = a.id "
        "ORDER BY a.published DESC, a.id DESC")]
    return [lib.require_article(i) for i in ids]


def export_json(lib: Library, article_id: int | None = None) -> dict[str, Any]:
    """Everything needed to re-import the notes (of one article, or all)."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now_iso(),
        "articles": [
            {"article": _article_meta(a), "notes": [n.to_json() for n in notes_for(lib, a.id)]}
            for a in _articles_with_notes(lib, article_id)
        ],
    }


@dataclass
class ImportReport:
    added: list[Note] = field(default_factory=list)
    duplicates: int = 0
    orphaned: list[Note] = field(default_factory=list)
    missing_articles: list[str] = field(default_factory=list)  # titles not in this library


def _find_article(lib: Library, ref: ArticleRef) -> Article | None:
    for column, value in (("content_hash", ref.content_hash), ("url", ref.url), ("title", ref.title)):
        if not value:
            continue
        row = lib.conn.execute(
            f"SELECT id FROM articles WHERE {column} = ? ORDER BY id LIMIT 1", (value,)
        ).fetchone()
        if row:
            return lib.get_article(row[0])
    return None


def import_json(lib: Library, data: Any) -> ImportReport:
    """Re-import notes exported by :func:`export_json`; all or nothing (one transaction).

    The whole file is checked first (:mod:`reader.core.notes_schema`): a malformed file is a
    :class:`NoteError` naming the JSON path of the problem, and nothing is written.
    """
    try:
        items = check_notes_file(data)
    except SchemaError as exc:
        message = str(exc)
        if message.startswith(("not a Margin notes file", "notes file version")):
            raise NoteError(message) from None
        raise NoteError(f"malformed notes file: {message}") from None
    report = ImportReport()
    try:
        with lib.atomic():
            for item in items:
                article = _find_article(lib, item.article)
                if article is None:
                    report.missing_articles.append(item.article.title or "?")
                    continue
                existing = {
                    (n.kind, n.quote, n.body, n.color) for n in notes_for(lib, article.id)
                }
                for record in item.notes:
                    _import_one(lib, article, record, existing, report)
    except sqlite3.IntegrityError as exc:
        raise NoteError(f"malformed notes file: {exc}") from None
    return report


# Longer quotes are placed only where they occur exactly (fuzzy matching grows with the
# quote's length times the article's, too slow for a whole page quoted).
FUZZY_QUOTE_LIMIT = 2_000


def _import_one(
    lib: Library, article: Article, raw: NoteRecord,
    existing: set[tuple[str, str, str, str]], report: ImportReport,
) -> None:
    kind = raw.kind
    key = (kind, raw.quote, raw.body, raw.color or DEFAULT_COLOR)
    if key in existing:
        report.duplicates += 1
        return
    check_body(raw.body)
    existing.add(key)
    color = raw.color if raw.color in COLORS else DEFAULT_COLOR
    start, end, status = raw.start, raw.end, "attached"
    quote, prefix, suffix = raw.quote, raw.prefix, raw.suffix
    if kind == "highlight":
        anchor = anchoring.Anchor(start or 0, end or 0, quote, prefix, suffix)
        found: anchoring.Located | None
        if len(quote) <= FUZZY_QUOTE_LIMIT:
            found = anchoring.locate(article.text, anchor)
        else:
            at = anchoring.find_occurrence(article.text, quote)
            found = anchoring.Located(at[0], at[1], "moved") if at else None
        if found is None:
            status = "orphaned"
        else:
            fresh = anchoring.make_anchor(article.text, found.start, found.end)
            start, end = fresh.start, fresh.end
            quote, prefix, suffix = fresh.quote, fresh.prefix, fresh.suffix
    stamp = now_iso()
    tags = join_tags(raw.tags)
    cur = lib.conn.execute(
        'INSERT INTO notes (article_id, kind, start, "end", quote, prefix, suffix, color, body, '
        "status, created_at, updated_at, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article.id, kind, start, end, quote, prefix, suffix, color, raw.body,
         status, raw.created_at or stamp, raw.updated_at or stamp, tags),
    )
    note = require_note(lib, int(cur.lastrowid or 0))
    report.added.append(note)
    if status == "orphaned":
        report.orphaned.append(note)


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def bookmarked_ids(lib: Library) -> list[int]:
    rows = lib.conn.execute(
        "SELECT id FROM articles WHERE bookmarked = 1 ORDER BY bookmarked_at DESC, id DESC"
    )
    return [r[0] for r in rows]


def unique(items: Iterable[int]) -> list[int]:
    seen: dict[int, None] = {}
    for i in items:
        seen.setdefault(i, None)
    return list(seen)
