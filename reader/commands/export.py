"""``reader export-pdf ID... -o FILE.pdf``: annotated PDF export (headless)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands import args as argtypes
from reader.commands.context import AppContext, CliError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "export-pdf", help="export articles with their annotations and notes to one PDF",
        description="Export one or more articles, with sources, background, wording and your "
        "notes in the margin, to an annotated PDF. Runs without a display.",
    )
    p.add_argument("ids", type=argtypes.article_id, nargs="*", metavar="ID", help="article ids")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--bookmarked", action="store_true", help="also export every bookmarked article")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4")
    p.add_argument("--no-sources", action="store_true", help="leave out statements and unattributed claims")
    p.add_argument("--no-background", action="store_true", help="leave out background facts")
    p.add_argument("--no-wording", action="store_true", help="leave out wording flags")
    p.add_argument("--no-notes", action="store_true", help="leave out your highlights and notes")
    p.add_argument("--cards-as-annotations", action="store_true",
                   help="also write each margin card as a PDF annotation on its words "
                   "(listed in viewers' annotation panels, imported by Zotero)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument("--progress", action="store_true",
                   help="print progress on stderr even when it is not a terminal")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_export_pdf)


def cmd_export_pdf(args: argparse.Namespace, ctx: AppContext) -> int:
    from reader.core.notes_io import bookmarked_ids, unique

    try:
        from reader.pdf.writer import ExportError, PdfOptions, check_target, describe, export_pdf
    except ImportError as exc:  # PySide6 missing from this installation
        raise CliError(f"PDF export needs PySide6 ({exc})") from exc

    options = PdfOptions(
        paper=args.paper, sources=not args.no_sources, background=not args.no_background,
        wording=not args.no_wording, notes=not args.no_notes, force=args.force,
        cards_as_annotations=args.cards_as_annotations,
    )
    try:
        check_target(args.output, args.force)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    lib = ctx.open_library()
    ids = list(args.ids)
    if args.bookmarked:
        ids += bookmarked_ids(lib)
    ids = unique(ids)
    if not ids:
        raise CliError("no articles to export (give ids or --bookmarked)")
    for article_id in ids:
        lib.require_article(article_id)
    analyzer = kb = None
    if not (args.no_sources and args.no_background and args.no_wording):
        try:
            kb = ctx.knowledge()
            analyzer = ctx.analyzer()
        except ImportError as exc:  # analysis engine not installed: export text and notes only
            ctx.warn(f"analysis is not available ({exc}); exporting text and notes only")
            analyzer = None

    stream = ctx.stderr
    show = not args.quiet and (args.progress or _is_tty(stream))
    tty = _is_tty(stream)

    def progress(i: int, n: int, title: str) -> None:
        if not show:
            return
        if tty:  # one line, redrawn: a bar with the article count
            done = int(24 * i / max(1, n))
            line = f"[{'#' * done}{'.' * (24 - done)}] {i}/{n} {title[:50]}"
            print("\r" + line.ljust(90), end="" if i < n else "\n", file=stream, flush=True)
        elif i < n:
            print(f"[{i + 1}/{n}] {title}", file=stream, flush=True)

    try:
        result = export_pdf(lib, analyzer, kb, ids, args.output, options, progress=progress)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    ctx.out(describe(result))
    return 0


def _is_tty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False
