"""Bookmarks' companions: highlights and notes, their anchoring, undo/redo, import and export.

A note is either a **highlight** (a span of the article text, a colour and an optional Markdown
note) or an **article** note (about the whole article). Every change is one transaction
(``Library.atomic``), so nothing already reported as saved is lost if the app is killed.

Highlights store their offsets *and* the quoted text with context (``reader.core.anchoring``);
:func:`reanchor` re-attaches them after the article text changes and marks the ones it cannot
place as ``orphaned`` (they stay listed, never silently dropped).

:class:`NoteHistory` is the undo/redo stack the window uses (directly or behind a QUndoStack).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import markdown
import nh3

from reader.core import anchoring
from reader.core.library import Library, LibraryError, now_iso
from reader.core.models import Article

COLORS: dict[str, str] = {
    "yellow": "#FFE066",
    "green": "#A8E6A1",
    "blue": "#A9D4FF",
    "pink": "#FFB3D1",
    "purple": "#D4B8FF",
}
DEFAULT_COLOR = "yellow"
EXPORT_FORMAT = "margin-notes"
EXPORT_VERSION = 1

_COLUMNS = (
    'id, article_id, kind, start, "end", quote, prefix, suffix, color, body, status, '
    "created_at, updated_at"
)


class NoteError(LibraryError):
    """A note operation that cannot be done, in one line for the user."""


@dataclass(frozen=True)
class Note:
    id: int
    article_id: int
    kind: str  # highlight | article
    start: int | None
    end: int | None
    quote: str
    prefix: str
    suffix: str
    color: str
    body: str
    status: str  # attached | orphaned
    created_at: str
    updated_at: str
    article_title: str = ""  # filled by all_notes()

    @property
    def is_highlight(self) -> bool:
        return self.kind == "highlight"

    @property
    def attached(self) -> bool:
        return self.status == "attached"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("article_title")
        return data


def _note(row: tuple[Any, ...], title: str = "") -> Note:
    (note_id, article_id, kind, start, end, quote, prefix, suffix, color, body, status, created,
     updated) = row[:13]
    return Note(note_id, article_id, kind, start, end, quote, prefix, suffix, color, body, status,
                created, updated, title)


# -- reading ------------------------------------------------------------------------------------


def get_note(lib: Library, note_id: int) -> Note | None:
    row = lib.conn.execute(f"SELECT {_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
    return _note(row) if row else None


def require_note(lib: Library, note_id: int) -> Note:
    note = get_note(lib, note_id)
    if note is None:
        raise NoteError(f"no note #{note_id}")
    return note


_ORDER = (
    "CASE WHEN n.status = 'orphaned' THEN 2 WHEN n.kind = 'article' THEN 0 ELSE 1 END, "
    'n.start, n."end", n.id'
)


def notes_for(lib: Library, article_id: int) -> list[Note]:
    """An article's notes in text order: article notes first, then highlights, orphans last."""
    cols = ", ".join(f"n.{c.strip()}" for c in _COLUMNS.split(","))
    rows = lib.conn.execute(
        f"SELECT {cols} FROM notes n WHERE n.article_id = ? ORDER BY {_ORDER}", (article_id,)
    ).fetchall()
    return [_note(r) for r in rows]


def all_notes(lib: Library) -> list[Note]:
    """Every note in the library, grouped by article (newest article first), in text order."""
    cols = ", ".join(f"n.{c.strip()}" for c in _COLUMNS.split(","))
    rows = lib.conn.execute(
        f"SELECT {cols}, a.title FROM notes n JOIN articles a ON a.id = n.article_id "
        f"ORDER BY a.published DESC, a.id DESC, {_ORDER}"
    ).fetchall()
    return [_note(r[:-1], r[-1]) for r in rows]


def orphaned_notes(lib: Library, article_id: int | None = None) -> list[Note]:
    return [
        n for n in (notes_for(lib, article_id) if article_id is not None else all_notes(lib))
        if n.status == "orphaned"
    ]


def note_count(lib: Library, article_id: int) -> int:
    row = lib.conn.execute("SELECT count(*) FROM notes WHERE article_id = ?", (article_id,))
    return int(row.fetchone()[0])


# -- writing (each one transaction) ---------------------------------------------------------------


def _check_color(color: str) -> str:
    if color not in COLORS:
        raise NoteError(f"unknown colour {color!r} (choose from {', '.join(COLORS)})")
    return color


def add_highlight(
    lib: Library, article_id: int, start: int, end: int, *, color: str = DEFAULT_COLOR,
    body: str = "",
) -> Note:
    """Highlight ``text[start:end]`` of the article, optionally with a Markdown note."""
    article = lib.require_article(article_id)
    _check_color(color)
    try:
        anchor = anchoring.make_anchor(article.text, start, end)
    except ValueError as exc:
        raise NoteError(str(exc)) from exc
    if not anchor.quote.strip():
        raise NoteError("cannot highlight only white space")
    stamp = now_iso()
    with lib.atomic() as conn:
        cur = conn.execute(
            'INSERT INTO notes (article_id, kind, start, "end", quote, prefix, suffix, color, body, '
            "status, created_at, updated_at) VALUES (?, 'highlight', ?, ?, ?, ?, ?, ?, ?, "
            "'attached', ?, ?)",
            (article_id, anchor.start, anchor.end, anchor.quote, anchor.prefix, anchor.suffix,
             color, body, stamp, stamp),
        )
        note_id = int(cur.lastrowid or 0)
    return require_note(lib, note_id)


def highlight_quote(
    lib: Library, article_id: int, quote: str, *, occurrence: int = 1,
    color: str = DEFAULT_COLOR, body: str = "",
) -> Note:
    """Highlight the ``occurrence``-th occurrence of ``quote`` in the article's text."""
    article = lib.require_article(article_id)
    if not quote.strip():
        raise NoteError("the quote is empty")
    span = anchoring.find_occurrence(article.text, quote, occurrence)
    if span is None:
        total = anchoring.count_occurrences(article.text, quote)
        if total:
            raise NoteError(
                f"the quote occurs {total} time(s) in article #{article_id}, not {occurrence}"
            )
        raise NoteError(f"the quote does not occur in the text of article #{article_id}")
    return add_highlight(lib, article_id, span[0], span[1], color=color, body=body)


def add_article_note(lib: Library, article_id: int, body: str) -> Note:
    """A note about the whole article."""
    lib.require_article(article_id)
    if not body.strip():
        raise NoteError("the note is empty")
    stamp = now_iso()
    with lib.atomic() as conn:
        cur = conn.execute(
            "INSERT INTO notes (article_id, kind, body, status, created_at, updated_at) "
            "VALUES (?, 'article', ?, 'attached', ?, ?)",
            (article_id, body, stamp, stamp),
        )
        note_id = int(cur.lastrowid or 0)
    return require_note(lib, note_id)


def update_note(
    lib: Library, note_id: int, *, body: str | None = None, color: str | None = None
) -> Note:
    """Change a note's text and/or colour (autosave: call on every edit)."""
    note = require_note(lib, note_id)
    if color is not None:
        _check_color(color)
    with lib.atomic() as conn:
        conn.execute(
            "UPDATE notes SET body = ?, color = ?, updated_at = ? WHERE id = ?",
            (note.body if body is None else body, note.color if color is None else color,
             now_iso(), note_id),
        )
    return require_note(lib, note_id)


def delete_note(lib: Library, note_id: int) -> Note:
    """Delete a note; returns what was deleted (so it can be restored)."""
    note = require_note(lib, note_id)
    with lib.atomic() as conn:
        conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
    return note


def restore_note(lib: Library, note: Note) -> Note:
    """Put ``note`` back exactly as it was (same id if free), e.g. to undo a deletion."""
    lib.require_article(note.article_id)
    row = note.to_json()
    if get_note(lib, note.id) is not None:
        row.pop("id")
    names = ", ".join(f'"{k}"' for k in row)
    with lib.atomic() as conn:
        cur = conn.execute(
            f"INSERT INTO notes ({names}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )
        note_id = int(cur.lastrowid or 0)
    return require_note(lib, note_id)


def _write_state(lib: Library, note: Note) -> Note:
    """Overwrite the stored note with ``note``'s fields (undo/redo of an edit)."""
    with lib.atomic() as conn:
        conn.execute(
            'UPDATE notes SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, color = ?, '
            "body = ?, status = ?, updated_at = ? WHERE id = ?",
            (note.start, note.end, note.quote, note.prefix, note.suffix, note.color, note.body,
             note.status, now_iso(), note.id),
        )
    return require_note(lib, note.id)


# -- anchoring after text changes ---------------------------------------------------------------


@dataclass
class ReanchorReport:
    kept: list[Note] = field(default_factory=list)
    moved: list[Note] = field(default_factory=list)  # re-attached at new offsets (exact or fuzzy)
    orphaned: list[Note] = field(default_factory=list)


def reanchor(lib: Library, article_id: int) -> ReanchorReport:
    """Re-attach the article's highlights to its current text; call after ``update_text``.

    Orphaned highlights are tried again too (the text may have been edited back).
    """
    article = lib.require_article(article_id)
    report = ReanchorReport()
    updates: list[tuple[Note, Note]] = []
    for note in notes_for(lib, article_id):
        if not note.is_highlight or note.start is None or note.end is None:
            continue
        anchor = anchoring.Anchor(note.start, note.end, note.quote, note.prefix, note.suffix)
        found = anchoring.locate(article.text, anchor)
        if found is None:
            new = replace(note, status="orphaned")
            report.orphaned.append(new)
        elif found.method == "exact" and note.attached:
            report.kept.append(note)
            continue
        else:
            fresh = anchoring.make_anchor(article.text, found.start, found.end)
            new = replace(
                note, start=fresh.start, end=fresh.end, quote=fresh.quote, prefix=fresh.prefix,
                suffix=fresh.suffix, status="attached",
            )
            report.moved.append(new)
        if new != note:
            updates.append((note, new))
    if updates:
        with lib.atomic():
            for _, new in updates:
                _write_state(lib, new)
    return report


def update_text_and_reanchor(lib: Library, article_id: int, title: str, text: str) -> ReanchorReport:
    """Replace the article text and re-attach its highlights, in one transaction."""
    with lib.atomic():
        lib.update_text(article_id, title, text)
        return reanchor(lib, article_id)


# -- Markdown rendering ---------------------------------------------------------------------------

_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "del",
}


def render_markdown(body: str) -> str:
    """A note's Markdown as safe HTML: raw HTML in the note is shown as text, never run."""
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = md.convert(body)
    return nh3.clean(
        html, tags=_ALLOWED_TAGS, attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
    )


def plain_text(body: str) -> str:
    """A note's text without Markdown emphasis markers (for PDF annotation popups)."""
    return body.strip()


# -- undo / redo ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    text: str  # "Add highlight", "Edit note" …
    before: Note | None
    after: Note | None


class NoteHistory:
    """Undo/redo for note changes on one library. Each step is its own transaction.

    The window calls the methods below instead of the module functions, then ``undo()`` /
    ``redo()``; ``listeners`` are called with the affected article id after every change.
    """

    def __init__(self, lib: Library, limit: int = 500) -> None:
        self.lib = lib
        self.limit = limit
        self._undo: list[_Change] = []
        self._redo: list[_Change] = []
        self.listeners: list[Callable[[int], None]] = []

    # commands
    def add_highlight(
        self, article_id: int, start: int, end: int, color: str = DEFAULT_COLOR, body: str = ""
    ) -> Note:
        note = add_highlight(self.lib, article_id, start, end, color=color, body=body)
        self._push(_Change("Add highlight", None, note))
        return note

    def add_article_note(self, article_id: int, body: str) -> Note:
        note = add_article_note(self.lib, article_id, body)
        self._push(_Change("Add note", None, note))
        return note

    def edit(self, note_id: int, *, body: str | None = None, color: str | None = None) -> Note:
        before = require_note(self.lib, note_id)
        after = update_note(self.lib, note_id, body=body, color=color)
        label = "Change colour" if color is not None and body is None else "Edit note"
        # typing into a note: successive edits of the same note merge into one step
        if self._undo and self._undo[-1].text == label and self._undo[-1].after is not None \
                and self._undo[-1].after.id == note_id and label == "Edit note":
            merged = _Change(label, self._undo[-1].before, after)
            self._undo[-1] = merged
            self._redo.clear()
            self._notify(after.article_id)
        else:
            self._push(_Change(label, before, after))
        return after

    def delete(self, note_id: int) -> Note:
        note = delete_note(self.lib, note_id)
        self._push(_Change("Delete note", note, None))
        return note

    # stack
    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str:
        return self._undo[-1].text if self._undo else ""

    def redo_text(self) -> str:
        return self._redo[-1].text if self._redo else ""

    def undo(self) -> Note | None:
        """Revert the last change; returns the note as it is now (None if it no longer exists)."""
        if not self._undo:
            return None
        change = self._undo.pop()
        result = self._apply(change.after, change.before)
        # the note may come back with a new id; keep the redo step pointing at it
        self._redo.append(_Change(change.text, result, change.after))
        return result

    def redo(self) -> Note | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        result = self._apply(change.before, change.after)
        self._undo.append(_Change(change.text, change.before, result))
        return result

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def _push(self, change: _Change) -> None:
        self._undo.append(change)
        del self._undo[:-self.limit]
        self._redo.clear()
        note = change.after or change.before
        if note is not None:
            self._notify(note.article_id)

    def _apply(self, current: Note | None, target: Note | None) -> Note | None:
        """Make the stored state go from ``current`` to ``target``."""
        if target is None:
            if current is not None and get_note(self.lib, current.id) is not None:
                delete_note(self.lib, current.id)
            result = None
        elif current is None or get_note(self.lib, target.id) is None:
            result = restore_note(self.lib, target)
        else:
            result = _write_state(self.lib, target)
        note = target or current
        if note is not None:
            self._notify(note.article_id)
        return result

    def _notify(self, article_id: int) -> None:
        for listener in list(self.listeners):
            listener(article_id)


# -- export and import ----------------------------------------------------------------------------


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


def export_markdown(lib: Library, article_id: int | None = None) -> str:
    """A readable Markdown digest: per article its title, outlet, date, URL and the notes."""
    out = [f"# Notes from Margin\n\nExported {now_iso()[:10]}.\n"]
    for article in _articles_with_notes(lib, article_id):
        out.append(f"## {article.title}\n")
        meta = " · ".join(p for p in (article.outlet, article.published, article.dateline) if p)
        if meta:
            out.append(f"{meta}  ")
        if article.url:
            out.append(f"<{article.url}>")
        out.append("")
        notes = notes_for(lib, article.id)
        if not notes:
            out.append("*No notes.*\n")
        for note in notes:
            if note.is_highlight:
                quote = " ".join(note.quote.split())
                tag = f"{note.color} highlight" + (", **orphaned**" if not note.attached else "")
                out.append(f"> {quote}\n")
                out.append(f"*{tag}*\n")
            else:
                out.append("*Note on the whole article*\n")
            if note.body.strip():
                # raw HTML in a note stays visible text in any Markdown viewer, never markup
                safe = note.body.strip().replace("<", "&lt;")
                out.append(safe + "\n")
            out.append("---\n")
    return "\n".join(out).rstrip() + "\n"


@dataclass
class ImportReport:
    added: list[Note] = field(default_factory=list)
    duplicates: int = 0
    orphaned: list[Note] = field(default_factory=list)
    missing_articles: list[str] = field(default_factory=list)  # titles not in this library


def _find_article(lib: Library, meta: dict[str, Any]) -> Article | None:
    for column in ("content_hash", "url", "title"):
        value = meta.get(column)
        if not value:
            continue
        row = lib.conn.execute(
            f"SELECT id FROM articles WHERE {column} = ? ORDER BY id LIMIT 1", (value,)
        ).fetchone()
        if row:
            return lib.get_article(row[0])
    return None


def import_json(lib: Library, data: Any) -> ImportReport:
    """Re-import notes exported by :func:`export_json`; all or nothing (one transaction)."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise NoteError("not a Margin notes file (missing \"format\": \"margin-notes\")")
    if int(data.get("version", 0)) > EXPORT_VERSION:
        raise NoteError(f"notes file version {data.get('version')} is newer than this Margin reads")
    report = ImportReport()
    try:
        with lib.atomic():
            for item in data.get("articles", []):
                meta = item.get("article", {})
                article = _find_article(lib, meta)
                if article is None:
                    report.missing_articles.append(str(meta.get("title", "?")))
                    continue
                existing = {
                    (n.kind, n.quote, n.body, n.color) for n in notes_for(lib, article.id)
                }
                for raw in item.get("notes", []):
                    _import_one(lib, article, raw, existing, report)
    except (KeyError, TypeError, ValueError, sqlite3.IntegrityError) as exc:
        raise NoteError(f"malformed notes file: {exc}") from exc
    return report


def _import_one(
    lib: Library, article: Article, raw: dict[str, Any],
    existing: set[tuple[str, str, str, str]], report: ImportReport,
) -> None:
    kind = raw["kind"]
    if kind not in ("highlight", "article"):
        raise ValueError(f"unknown note kind {kind!r}")
    key = (kind, raw.get("quote", ""), raw.get("body", ""), raw.get("color", DEFAULT_COLOR))
    if key in existing:
        report.duplicates += 1
        return
    existing.add(key)
    color = raw.get("color", DEFAULT_COLOR)
    if color not in COLORS:
        color = DEFAULT_COLOR
    start, end, status = raw.get("start"), raw.get("end"), "attached"
    quote, prefix, suffix = raw.get("quote", ""), raw.get("prefix", ""), raw.get("suffix", "")
    if kind == "highlight":
        anchor = anchoring.Anchor(int(start or 0), int(end or 0), quote, prefix, suffix)
        found = anchoring.locate(article.text, anchor)
        if found is None:
            status = "orphaned"
        else:
            fresh = anchoring.make_anchor(article.text, found.start, found.end)
            start, end = fresh.start, fresh.end
            quote, prefix, suffix = fresh.quote, fresh.prefix, fresh.suffix
    stamp = now_iso()
    cur = lib.conn.execute(
        'INSERT INTO notes (article_id, kind, start, "end", quote, prefix, suffix, color, body, '
        "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article.id, kind, start, end, quote, prefix, suffix, color, raw.get("body", ""),
         status, raw.get("created_at") or stamp, raw.get("updated_at") or stamp),
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
