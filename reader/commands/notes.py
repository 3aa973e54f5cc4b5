"""``reader bookmark``, ``reader highlight``, ``reader note`` and ``reader notes [export|import]``."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from reader.commands.args import article_id, bounded_int, parse_id
from reader.commands.context import AppContext, CliError
from reader.core import notes as notes_core
from reader.core import notes_io
from reader.core.bounded_read import MB, ReadError, read_file
from reader.core.notes import COLORS, DEFAULT_COLOR, Note, NoteError
from reader.core.notes_schema import MAX_NOTE_BODY
from reader.core.output_path import OutputError, check_output, replace_into

MAX_NOTES_FILE = 50 * MB  # a notes file larger than this is refused before it is parsed

NOTES_USAGE = """\
reader notes [ID] [--json]                          list notes (of one article, or all)
reader notes export [ID] --format markdown|json -o FILE [--force]
reader notes import FILE.json"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("bookmark", help="bookmark an article (or remove it with --off)")
    p.add_argument("id", type=article_id, metavar="ID")
    p.add_argument("--off", action="store_true", help="remove the bookmark")
    p.set_defaults(func=cmd_bookmark)

    p = subparsers.add_parser("highlight", help="highlight a passage of an article, optionally with a note")
    p.add_argument("id", type=article_id, metavar="ID")
    p.add_argument("--quote", required=True, help="the exact text to highlight (must occur in the article)")
    p.add_argument("--note", default="", help="a note (Markdown) on the highlight")
    p.add_argument("--color", default=DEFAULT_COLOR, choices=list(COLORS), help="highlight colour")
    p.add_argument("--occurrence", type=bounded_int(1, 1_000_000), default=1, metavar="N",
                   help="which occurrence of the quote to highlight (default: the first)")
    p.add_argument("--json", action="store_true", help="print the new note as JSON")
    p.set_defaults(func=cmd_highlight)

    p = subparsers.add_parser("note", help="add a note about a whole article")
    p.add_argument("id", type=article_id, metavar="ID")
    p.add_argument("text", help="the note (Markdown)")
    p.set_defaults(func=cmd_note)

    p = subparsers.add_parser(
        "notes", help="list, export or import notes and highlights", usage=NOTES_USAGE,
        description="List notes and highlights, export them as Markdown or JSON, or re-import JSON.",
    )
    p.add_argument("words", nargs="*", metavar="ARG", help="[ID] | export [ID] | import FILE")
    p.add_argument("--json", action="store_true", help="list as JSON")
    p.add_argument("--format", choices=("markdown", "json"), default=None, help="export format")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="export to FILE")
    p.add_argument("--force", action="store_true", help="overwrite an existing export file")
    p.set_defaults(func=cmd_notes)


def cmd_bookmark(args: argparse.Namespace, ctx: AppContext) -> int:
    lib = ctx.open_library()
    article = lib.require_article(args.id)
    lib.set_bookmark(args.id, not args.off)
    ctx.out(f"{'removed bookmark from' if args.off else 'bookmarked'} #{args.id} {article.title}")
    return 0


def _check_body(body: str) -> None:
    if len(body) > MAX_NOTE_BODY:
        raise CliError(f"the note is {len(body):,} characters, over the limit of {MAX_NOTE_BODY:,}")


def cmd_highlight(args: argparse.Namespace, ctx: AppContext) -> int:
    _check_body(args.note)
    lib = ctx.open_library()
    try:
        note = notes_core.highlight_quote(
            lib, args.id, args.quote, occurrence=args.occurrence, color=args.color, body=args.note
        )
    except NoteError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        ctx.out_json(note.to_json())
    else:
        ctx.out(f"highlighted note #{note.id} in article #{args.id} at {note.start}–{note.end} ({note.color})")
    return 0


def cmd_note(args: argparse.Namespace, ctx: AppContext) -> int:
    _check_body(args.text)
    lib = ctx.open_library()
    try:
        note = notes_core.add_article_note(lib, args.id, args.text)
    except NoteError as exc:
        raise CliError(str(exc)) from exc
    ctx.out(f"added note #{note.id} to article #{args.id}")
    return 0


def _article_id(word: str) -> int:
    value = parse_id(word)
    if value is None:
        raise CliError(f"{word!r} is not an article id (usage: {NOTES_USAGE.splitlines()[0].strip()})")
    return value


def cmd_notes(args: argparse.Namespace, ctx: AppContext) -> int:
    words = list(args.words)
    action = "list"
    if words and words[0] in ("export", "import", "list"):
        action = words.pop(0)
    if action == "import":
        if len(words) != 1:
            raise CliError("usage: reader notes import FILE.json")
        return _import(Path(words[0]), ctx)
    if len(words) > 1:
        raise CliError(f"too many arguments: {' '.join(words)}")
    article_id = _article_id(words[0]) if words else None
    if action == "export":
        return _export(article_id, args, ctx)
    return _list(article_id, args, ctx)


def _list(article_id: int | None, args: argparse.Namespace, ctx: AppContext) -> int:
    lib = ctx.open_library()
    if article_id is not None:
        lib.require_article(article_id)
        items = notes_core.notes_for(lib, article_id)
    else:
        items = notes_core.all_notes(lib)
    if args.json:
        ctx.out_json([_note_json(n, lib) for n in items])
        return 0
    if not items:
        ctx.out("no notes" + (f" on article #{article_id}" if article_id is not None else ""))
        return 0
    current = None
    for n in items:
        if article_id is None and n.article_id != current:
            current = n.article_id
            ctx.out(f"#{n.article_id} {n.article_title}")
        ctx.out("  " + _note_line(n))
    return 0


def _note_json(n: Note, lib: Any) -> dict[str, Any]:
    data = n.to_json()
    if n.article_title:
        data["article_title"] = n.article_title
    return data


def _note_line(n: Note) -> str:
    body = " ".join(n.body.split())
    if len(body) > 70:
        body = body[:69] + "…"
    if n.is_highlight:
        quote = " ".join(n.quote.split())
        if len(quote) > 50:
            quote = quote[:49] + "…"
        status = " ORPHANED" if not n.attached else ""
        return f"[{n.id}] {n.color}{status} {n.start}–{n.end} “{quote}”" + (f" — {body}" if body else "")
    return f"[{n.id}] article note — {body}"


def _export(article_id: int | None, args: argparse.Namespace, ctx: AppContext) -> int:
    if args.output is None:
        raise CliError("notes export needs -o FILE")
    fmt = args.format
    if fmt is None:
        fmt = "json" if args.output.suffix.lower() == ".json" else "markdown"
    try:
        target = check_output(args.output, force=args.force)
    except OutputError as exc:
        raise CliError(str(exc)) from None
    lib = ctx.open_library()
    if fmt == "json":
        data = notes_io.export_json(lib, article_id)
        text = notes_io.dumps(data) + "\n"
        count = sum(len(a["notes"]) for a in data["articles"])
    else:
        text = notes_io.export_markdown(lib, article_id)
        count = len(notes_core.notes_for(lib, article_id)) if article_id is not None else len(notes_core.all_notes(lib))
    _write_atomic(target, text)
    ctx.out(f"wrote {count} note(s) to {target} ({fmt})")
    return 0


def _write_atomic(target: Path, text: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".margin-", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        replace_into(tmp, target)
    except OutputError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _import(path: Path, ctx: AppContext) -> int:
    try:
        raw = read_file(path, MAX_NOTES_FILE).decode("utf-8-sig")
    except ReadError as exc:
        raise CliError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text (invalid at byte {exc.start})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    except RecursionError:
        raise CliError(f"{path}: not a Margin notes file (nested too deeply)") from None
    del raw
    lib = ctx.open_library()
    try:
        report = notes_io.import_json(lib, data)
    except NoteError as exc:
        raise CliError(f"{path}: {exc}") from exc
    ctx.out(f"imported {len(report.added)} note(s), skipped {report.duplicates} already present")
    for note in report.orphaned:
        ctx.warn(f"note #{note.id} could not be placed in the current text (orphaned): “{note.quote[:50]}”")
    for title in report.missing_articles:
        ctx.warn(f"article not in this library, its notes were skipped: {title}")
    return 0
