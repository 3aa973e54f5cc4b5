"""Bookmarks' companions: highlights and notes, their anchoring, undo/redo, import and export.

A note is either a **highlight** (a span of the article text, a colour and an optional Markdown
note) or an **article** note (about the whole article). Every change is one transaction
(``Library.atomic``), so nothing already reported as saved is lost if the app is killed.

Highlights store their offsets *and* the quoted text with context (``reader.core.anchoring``);
:func:`reanchor` re-attaches them after the article text changes and marks the ones it cannot
place as ``orphaned`` (they stay listed, never silently dropped).

Undo/redo is in ``reader.core.notes_history``; export and re-import in ``reader.core.notes_io``.
"""

from __future__ import annotations

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
    "created_at, updated_at, tags"
)
MAX_TAG_LENGTH = 60
MAX_NOTE_BODY = 100_000  # characters in one note's text (docs/cli-json.md), however it is written
MAX_TAGS = 30
TAG_SEPARATOR = ", "  # how ``notes.tags`` stores them (a tag never holds a comma)


class NoteError(LibraryError):
    """A note operation that cannot be done, in one line for the user."""


class NoteTooLong(NoteError):
    """A note's text over :data:`MAX_NOTE_BODY` characters; nothing was written."""

    def __init__(self, length: int) -> None:
        self.length = length
        super().__init__(f"the note is {length:,} characters, over the limit of {MAX_NOTE_BODY:,}")


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
    tags: tuple[str, ...] = ()
    article_title: str = ""  # filled by all_notes()

    @property
    def is_highlight(self) -> bool:
        return self.kind == "highlight"

    @property
    def attached(self) -> bool:
        return self.status == "attached"

    def has_tag(self, tag: str) -> bool:
        wanted = tag.casefold()
        return any(t.casefold() == wanted for t in self.tags)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("article_title")
        data["tags"] = list(self.tags)
        return data


def _note(row: tuple[Any, ...], title: str = "") -> Note:
    (note_id, article_id, kind, start, end, quote, prefix, suffix, color, body, status, created,
     updated, tags) = row[:14]
    return Note(note_id, article_id, kind, start, end, quote, prefix, suffix, color, body, status,
                created, updated, split_tags(tags), title)


# -- tags ---------------------------------------------------------------------------------------


def normalize_tags(tags: Any) -> tuple[str, ...]:
    """Clean tags as typed: "a, b" or ["a", "#b"] → ("a", "b").

    Commas separate tags; white space inside a tag is collapsed; a leading ``#`` is dropped;
    the same tag in another case is kept once (first spelling wins). Too long a tag, too many
    tags, or anything but text raises :class:`NoteError`.
    """
    if tags is None:
        return ()
    if isinstance(tags, str):
        parts = tags.split(",")
    elif isinstance(tags, (list, tuple)):
        parts = []
        for item in tags:
            if not isinstance(item, str):
                raise NoteError(f"a tag must be text, not {type(item).__name__}")
            parts.extend(item.split(","))
    else:
        raise NoteError(f"tags must be text or a list of text, not {type(tags).__name__}")
    out: dict[str, str] = {}
    for part in parts:
        tag = " ".join("".join(c if c.isprintable() else " " for c in part).split()).lstrip("#").strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise NoteError(f"tag {tag[:20]!r}… is longer than {MAX_TAG_LENGTH} characters")
        out.setdefault(tag.casefold(), tag)
    if len(out) > MAX_TAGS:
        raise NoteError(f"at most {MAX_TAGS} tags on one note ({len(out)} given)")
    return tuple(out.values())


def split_tags(stored: str | None) -> tuple[str, ...]:
    return tuple(t.strip() for t in (stored or "").split(",") if t.strip())


def join_tags(tags: tuple[str, ...] | list[str]) -> str:
    return TAG_SEPARATOR.join(tags)


def tag_counts(lib: Library) -> list[tuple[str, int]]:
    """Every tag in the library with how many notes carry it, by name (case-insensitive)."""
    counts: dict[str, list[Any]] = {}
    for (stored,) in lib.conn.execute("SELECT tags FROM notes WHERE tags != ''"):
        for tag in split_tags(stored):
            entry = counts.setdefault(tag.casefold(), [tag, 0])
            entry[1] += 1
    return sorted(((t, n) for t, n in counts.values()), key=lambda c: c[0].casefold())


def with_tag(items: list[Note], tag: str | None) -> list[Note]:
    """The notes among ``items`` that carry ``tag`` (any case); all of them for None/""."""
    if not tag:
        return items
    return [n for n in items if n.has_tag(tag)]


def note_groups(
    lib: Library, article_id: int | None = None, tag: str | None = None
) -> list[tuple[Article, list[Note]]]:
    """(article, its notes in text order) for one article or every article with notes.

    Articles come newest first; with ``tag``, only notes carrying it (and their articles).
    """
    if article_id is not None:
        ids = [lib.require_article(article_id).id]
    else:
        ids = [r[0] for r in lib.conn.execute(
            "SELECT DISTINCT a.id FROM articles a JOIN notes n "
            "ON n.article_id = a.id ORDER BY a.published DESC, a.id DESC")]
    groups = []
    for aid in ids:
        items = with_tag(notes_for(lib, aid), tag)
        if items or (article_id is not None and not tag):
            groups.append((lib.require_article(aid), items))
    return groups


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


def check_body(body: str) -> str:
    """``body`` if it is within :data:`MAX_NOTE_BODY`, else :class:`NoteTooLong` (one line)."""
    if len(body) > MAX_NOTE_BODY:
        raise NoteTooLong(len(body))
    return body


def _check_color(color: str) -> str:
    if color not in COLORS:
        raise NoteError(f"unknown colour {color!r} (choose from {', '.join(COLORS)})")
    return color


def add_highlight(
    lib: Library, article_id: int, start: int, end: int, *, color: str = DEFAULT_COLOR,
    body: str = "", tags: Any = None,
) -> Note:
    """Highlight ``text[start:end]`` of the article, optionally with a Markdown note and tags."""
    article = lib.require_article(article_id)
    _check_color(color)
    check_body(body)
    clean_tags = join_tags(normalize_tags(tags))
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
            "status, created_at, updated_at, tags) VALUES (?, 'highlight', ?, ?, ?, ?, ?, ?, ?, "
            "'attached', ?, ?, ?)",
            (article_id, anchor.start, anchor.end, anchor.quote, anchor.prefix, anchor.suffix,
             color, body, stamp, stamp, clean_tags),
        )
        note_id = int(cur.lastrowid or 0)
    return require_note(lib, note_id)


def highlight_quote(
    lib: Library, article_id: int, quote: str, *, occurrence: int = 1,
    color: str = DEFAULT_COLOR, body: str = "", tags: Any = None,
) -> Note:
    """Highlight the ``occurrence``-th occurrence of ``quote`` in the article's text."""
    article = lib.require_article(article_id)
    check_body(body)
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
    return add_highlight(lib, article_id, span[0], span[1], color=color, body=body, tags=tags)


def add_article_note(lib: Library, article_id: int, body: str, *, tags: Any = None) -> Note:
    """A note about the whole article."""
    lib.require_article(article_id)
    if not body.strip():
        raise NoteError("the note is empty")
    check_body(body)
    clean_tags = join_tags(normalize_tags(tags))
    stamp = now_iso()
    with lib.atomic() as conn:
        cur = conn.execute(
            "INSERT INTO notes (article_id, kind, body, status, created_at, updated_at, tags) "
            "VALUES (?, 'article', ?, 'attached', ?, ?, ?)",
            (article_id, body, stamp, stamp, clean_tags),
        )
        note_id = int(cur.lastrowid or 0)
    return require_note(lib, note_id)


def update_note(
    lib: Library, note_id: int, *, body: str | None = None, color: str | None = None,
    tags: Any = None,
) -> Note:
    """Change a note's text, colour and/or tags (autosave: call on every edit).

    ``tags`` replaces all of the note's tags (None leaves them as they are).
    """
    note = require_note(lib, note_id)
    if body is not None:
        check_body(body)
    if color is not None:
        _check_color(color)
    new_tags = note.tags if tags is None else normalize_tags(tags)
    with lib.atomic() as conn:
        conn.execute(
            "UPDATE notes SET body = ?, color = ?, tags = ?, updated_at = ? WHERE id = ?",
            (note.body if body is None else body, note.color if color is None else color,
             join_tags(new_tags), now_iso(), note_id),
        )
    return require_note(lib, note_id)


def add_tags(lib: Library, note_id: int, tags: Any) -> Note:
    note = require_note(lib, note_id)
    return update_note(lib, note_id, tags=[*note.tags, *normalize_tags(tags)])


def remove_tags(lib: Library, note_id: int, tags: Any) -> Note:
    note = require_note(lib, note_id)
    gone = {t.casefold() for t in normalize_tags(tags)}
    return update_note(lib, note_id, tags=[t for t in note.tags if t.casefold() not in gone])


def delete_note(lib: Library, note_id: int) -> Note:
    """Delete a note; returns what was deleted (so it can be restored)."""
    note = require_note(lib, note_id)
    with lib.atomic() as conn:
        conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
    return note


def restore_note(lib: Library, note: Note) -> Note:
    """Put ``note`` back exactly as it was (same id if free), e.g. to undo a deletion."""
    lib.require_article(note.article_id)
    check_body(note.body)
    row = note.to_json()
    row["tags"] = join_tags(note.tags)
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
    check_body(note.body)
    with lib.atomic() as conn:
        conn.execute(
            'UPDATE notes SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, color = ?, '
            "body = ?, status = ?, tags = ?, updated_at = ? WHERE id = ?",
            (note.start, note.end, note.quote, note.prefix, note.suffix, note.color, note.body,
             note.status, join_tags(note.tags), now_iso(), note.id),
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
