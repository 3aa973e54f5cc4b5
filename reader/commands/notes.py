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
from reader.core import export_csl, export_w3c, notes_io, notes_markdown
from reader.core import notes as notes_core
from reader.core.bounded_read import MB, ReadError, read_file
from reader.core.notes import COLORS, DEFAULT_COLOR, MAX_NOTE_BODY, Note, NoteError
from reader.core.output_path import OutputError, check_output, replace_into

MAX_NOTES_FILE = 50 * MB  # a notes file larger than this is refused before it is parsed

NOTES_USAGE = """\
reader notes [ID] [--tag TAG] [--json]              list notes (of one article, or all)
reader notes tags [--json]                          every tag with its number of notes
reader notes tag NOTE_ID TAG...                     add tags to a note or highlight
reader notes untag NOTE_ID TAG...                   remove tags from it
reader notes export [ID] [--tag TAG] --format markdown|json|w3c|csl -o FILE [--author NAME] [--force]
reader notes import FILE [--format json|w3c]        Margin JSON or W3C annotations (detected)"""
EXPORT_FORMATS = ("markdown", "json", "w3c", "csl")
_SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".jsonld": "w3c"}


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
    p.add_argument("--tag", action="append", default=[], metavar="TAG",
                   help="a tag for the highlight (repeat, or separate with commas)")
    p.add_argument("--json", action="store_true", help="print the new note as JSON")
    p.set_defaults(func=cmd_highlight)

    p = subparsers.add_parser("note", help="add a note about a whole article")
    p.add_argument("id", type=article_id, metavar="ID")
    p.add_argument("text", help="the note (Markdown)")
    p.add_argument("--tag", action="append", default=[], metavar="TAG",
                   help="a tag for the note (repeat, or separate with commas)")
    p.set_defaults(func=cmd_note)

    p = subparsers.add_parser(
        "notes", help="list, export or import notes and highlights", usage=NOTES_USAGE,
        description="List, tag, export (Markdown, JSON, W3C Web Annotations, CSL-JSON) and "
                    "re-import (JSON, W3C) notes and highlights.",
    )
    p.add_argument("words", nargs="*", metavar="ARG",
                   help="[ID] | tags | tag NOTE_ID TAG... | untag NOTE_ID TAG... | export [ID] | import FILE")
    p.add_argument("--json", action="store_true", help="list as JSON")
    p.add_argument("--tag", default=None, metavar="TAG", help="only notes with this tag")
    p.add_argument("--format", choices=(*EXPORT_FORMATS,), default=None,
                   help="export format (default from the file name: .md Markdown, .json JSON, "
                        ".jsonld W3C); import: json or w3c (default: detected)")
    p.add_argument("--author", default=None, metavar="NAME",
                   help="the annotations' creator in a W3C export (default: Margin)")
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
            lib, args.id, args.quote, occurrence=args.occurrence, color=args.color, body=args.note,
            tags=args.tag,
        )
    except NoteError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        ctx.out_json(note.to_json())
    else:
        tags = f", tags: {', '.join(note.tags)}" if note.tags else ""
        ctx.out(f"highlighted note #{note.id} in article #{args.id} at {note.start}–{note.end} ({note.color}{tags})")
    return 0


def cmd_note(args: argparse.Namespace, ctx: AppContext) -> int:
    _check_body(args.text)
    lib = ctx.open_library()
    try:
        note = notes_core.add_article_note(lib, args.id, args.text, tags=args.tag)
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
    if words and words[0] in ("export", "import", "list", "tags", "tag", "untag"):
        action = words.pop(0)
    if action == "import":
        if len(words) != 1:
            raise CliError("usage: reader notes import FILE [--format json|w3c]")
        return _import(Path(words[0]), args, ctx)
    if action == "tags":
        if words:
            raise CliError(f"too many arguments: {' '.join(words)}")
        return _tags(args, ctx)
    if action in ("tag", "untag"):
        return _tag(action, words, ctx)
    if len(words) > 1:
        raise CliError(f"too many arguments: {' '.join(words)}")
    article_id = _article_id(words[0]) if words else None
    if action == "export":
        return _export(article_id, args, ctx)
    return _list(article_id, args, ctx)


def _tags(args: argparse.Namespace, ctx: AppContext) -> int:
    counts = notes_core.tag_counts(ctx.open_library())
    if args.json:
        ctx.out_json([{"tag": t, "notes": n} for t, n in counts])
    elif not counts:
        ctx.out("no tags")
    for tag, n in counts if not args.json else []:
        ctx.out(f"{tag}\t{n}")
    return 0


def _tag(action: str, words: list[str], ctx: AppContext) -> int:
    if len(words) < 2:
        raise CliError(f"usage: reader notes {action} NOTE_ID TAG...")
    try:
        note_id = int(words[0])
    except ValueError:
        raise CliError(f"{words[0]!r} is not a note id (see reader notes)") from None
    lib = ctx.open_library()
    try:
        change = notes_core.add_tags if action == "tag" else notes_core.remove_tags
        note = change(lib, note_id, words[1:])
    except (NoteError, OverflowError) as exc:
        raise CliError(str(exc) if isinstance(exc, NoteError) else f"no note #{words[0]}") from exc
    ctx.out(f"note #{note.id} tags: {', '.join(note.tags) or '(none)'}")
    return 0


def _list(article_id: int | None, args: argparse.Namespace, ctx: AppContext) -> int:
    lib = ctx.open_library()
    if article_id is not None:
        lib.require_article(article_id)
        items = notes_core.notes_for(lib, article_id)
    else:
        items = notes_core.all_notes(lib)
    items = notes_core.with_tag(items, args.tag)
    if args.json:
        ctx.out_json([_note_json(n, lib) for n in items])
        return 0
    if not items:
        ctx.out("no notes" + (f" on article #{article_id}" if article_id is not None else "")
                + (f" tagged {args.tag!r}" if args.tag else ""))
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
    tags = (" [" + ", ".join(f"#{t}" for t in n.tags) + "]") if n.tags else ""
    if n.is_highlight:
        quote = " ".join(n.quote.split())
        if len(quote) > 50:
            quote = quote[:49] + "…"
        status = " ORPHANED" if not n.attached else ""
        return f"[{n.id}] {n.color}{status} {n.start}–{n.end} “{quote}”{tags}" + (f" — {body}" if body else "")
    return f"[{n.id}] article note{tags} — {body}"


def _export(article_id: int | None, args: argparse.Namespace, ctx: AppContext) -> int:
    if args.output is None:
        raise CliError("notes export needs -o FILE")
    fmt = args.format
    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(args.output.suffix.lower(), "markdown")
    try:
        target = check_output(args.output, force=args.force)
    except OutputError as exc:
        raise CliError(str(exc)) from None
    lib = ctx.open_library()
    groups = notes_core.note_groups(lib, article_id, args.tag)
    count = sum(len(items) for _, items in groups)
    what = "note(s)"
    if fmt == "json":
        data = notes_io.export_json(lib, article_id)
        if args.tag:
            keep = {n.id for _, items in groups for n in items}
            data["articles"] = [
                {**a, "notes": [n for n in a["notes"] if n["id"] in keep]}
                for a in data["articles"] if any(n["id"] in keep for n in a["notes"])
            ]
        text = notes_io.dumps(data) + "\n"
    elif fmt == "w3c":
        text = notes_io.dumps(export_w3c.export_w3c(lib, article_id, args.tag, args.author)) + "\n"
    elif fmt == "csl":
        text = json.dumps(export_csl.export_csl(lib, article_id, args.tag), ensure_ascii=False,
                          indent=2) + "\n"
        count, what = len(groups), "article(s)"
    else:
        text = notes_markdown.export_markdown(lib, article_id, args.tag)
    _write_atomic(target, text)
    ctx.out(f"wrote {count} {what} to {target} ({fmt})")
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


def _import(path: Path, args: argparse.Namespace, ctx: AppContext) -> int:
    if args.format not in (None, "json", "w3c"):
        raise CliError(f"cannot import --format {args.format} (json or w3c)")
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
    fmt = args.format or ("w3c" if export_w3c.looks_like_w3c(data) else "json")
    lib = ctx.open_library()
    try:
        if fmt == "w3c":
            data = export_w3c.w3c_to_margin(data)
        report = notes_io.import_json(lib, data)
    except NoteError as exc:
        raise CliError(f"{path}: {exc}") from exc
    ctx.out(f"imported {len(report.added)} note(s), skipped {report.duplicates} already present")
    for note in report.orphaned:
        ctx.warn(f"note #{note.id} could not be placed in the current text (orphaned): “{note.quote[:50]}”")
    for title in report.missing_articles:
        ctx.warn(f"article not in this library, its notes were skipped: {title}")
    return 0
