"""The shape of a Margin notes file (``reader notes export --format json``), checked in full
before anything is written, so a bad file is refused with one line naming the JSON path of the
first problem (``articles[2].notes[0].start: …``) and the library is left as it was."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.core.notes import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    MAX_NOTE_BODY,
    NoteError,
    normalize_tags,
)

MAX_QUOTE = 100_000  # characters in one highlight's quote
MAX_CONTEXT = 1_000  # characters of prefix/suffix context
MAX_FIELD = 10_000  # any other string (titles, URLs, dates, colours …)
MAX_OFFSET = 2**31 - 1
MAX_NOTES = 100_000  # notes in one file
NOTE_KINDS = ("highlight", "article")


class SchemaError(ValueError):
    """A notes file that does not have the documented shape; the message is one line."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)


@dataclass(frozen=True)
class ArticleRef:
    content_hash: str
    url: str
    title: str


@dataclass(frozen=True)
class NoteRecord:
    kind: str
    start: int | None
    end: int | None
    quote: str
    prefix: str
    suffix: str
    color: str
    body: str
    created_at: str
    updated_at: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleNotes:
    article: ArticleRef
    notes: tuple[NoteRecord, ...]


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _string(obj: dict[str, Any], key: str, where: str, limit: int = MAX_FIELD,
            default: str = "") -> str:
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise SchemaError(f"{where}.{key}", f"expected a string, got {_type_name(value)}")
    if len(value) > limit:
        raise SchemaError(f"{where}.{key}", f"{len(value):,} characters, over the limit of {limit:,}")
    return value


def _offset(obj: dict[str, Any], key: str, where: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemaError(f"{where}.{key}", f"expected a whole number or null, got {_type_name(value)}")
    if not 0 <= value <= MAX_OFFSET:
        raise SchemaError(f"{where}.{key}", f"offset out of range (0 to {MAX_OFFSET})")
    return value


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(where, f"expected an object, got {_type_name(value)}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise SchemaError(where, f"expected a list, got {_type_name(value)}")
    return value


def check_notes_file(data: Any) -> list[ArticleNotes]:
    """The file's articles and notes, or :class:`SchemaError` for the first problem."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise SchemaError("", f'not a Margin notes file (missing "format": "{EXPORT_FORMAT}")')
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise SchemaError("version", f"expected a whole number, got {_type_name(version)}")
    if version > EXPORT_VERSION:
        raise SchemaError("", f"notes file version {version} is newer than this Margin reads")
    if version < 1:
        raise SchemaError("version", f"{version} is not a notes file version (1 to {EXPORT_VERSION})")
    out: list[ArticleNotes] = []
    total = 0
    for i, raw_item in enumerate(_list(data.get("articles", []), "articles")):
        where = f"articles[{i}]"
        item = _object(raw_item, where)
        meta = _object(item.get("article", {}), f"{where}.article")
        ref = ArticleRef(
            content_hash=_string(meta, "content_hash", f"{where}.article"),
            url=_string(meta, "url", f"{where}.article"),
            title=_string(meta, "title", f"{where}.article"),
        )
        notes = []
        for j, raw_note in enumerate(_list(item.get("notes", []), f"{where}.notes")):
            total += 1
            if total > MAX_NOTES:
                raise SchemaError("articles", f"more than {MAX_NOTES:,} notes in one file")
            notes.append(_note(_object(raw_note, f"{where}.notes[{j}]"), f"{where}.notes[{j}]"))
        out.append(ArticleNotes(ref, tuple(notes)))
    return out


def _note(raw: dict[str, Any], where: str) -> NoteRecord:
    if "kind" not in raw:
        raise SchemaError(f"{where}.kind", "missing")
    kind = raw["kind"]
    if kind not in NOTE_KINDS:
        shown = repr(kind)[:40] if isinstance(kind, str) else _type_name(kind)
        raise SchemaError(f"{where}.kind", f"unknown note kind {shown} (highlight or article)")
    start, end = _offset(raw, "start", where), _offset(raw, "end", where)
    if start is not None and end is not None and start > end:
        raise SchemaError(where, f"start {start} is after end {end}")
    return NoteRecord(
        kind=kind,
        start=start,
        end=end,
        quote=_string(raw, "quote", where, MAX_QUOTE),
        prefix=_string(raw, "prefix", where, MAX_CONTEXT),
        suffix=_string(raw, "suffix", where, MAX_CONTEXT),
        color=_string(raw, "color", where, 64),
        body=_string(raw, "body", where, MAX_NOTE_BODY),
        created_at=_string(raw, "created_at", where, 64),
        updated_at=_string(raw, "updated_at", where, 64),
        tags=_tags(raw, where),
    )


def _tags(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    value = raw.get("tags")
    if value is None:
        return ()
    if not isinstance(value, (str, list)):
        raise SchemaError(f"{where}.tags", f"must be a list of strings, not {_type_name(value)}")
    try:
        return normalize_tags(value)
    except NoteError as exc:
        raise SchemaError(f"{where}.tags", str(exc)) from None
