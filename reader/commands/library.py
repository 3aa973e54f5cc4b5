"""``reader import | list | show | search | delete | samples``: the library from the shell."""

from __future__ import annotations

import argparse

from reader.commands.args import article_id, bounded_int, megabytes_arg
from reader.commands.context import AppContext, CliError
from reader.core.bounded_read import MB, megabytes
from reader.core.importing.decode import DEFAULT_SIZE_LIMIT
from reader.core.importing.pipeline import ImportOptions, import_paths
from reader.core.models import ArticleFilter
from reader.core.printable import shown, storable


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import files, folders (recursively) or - for standard input")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--outlet", default="", help="the outlet these articles come from")
    p.add_argument("--max-size", type=megabytes_arg, default=DEFAULT_SIZE_LIMIT / MB, metavar="MB",
                   help=f"refuse files larger than this (default {megabytes(DEFAULT_SIZE_LIMIT)}; 1 MB = 1,000,000 bytes)")
    p.add_argument("--no-analysis", action="store_true",
                   help="do not analyse now (analysis then runs when an article is opened)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("list", help="list the library's articles")
    p.add_argument("--outlet", default="")
    p.add_argument("--language", default="")
    p.add_argument("--bookmarked", action="store_true")
    p.add_argument("--sort", choices=("date", "title", "outlet"), default="date")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one article")
    p.add_argument("id", type=article_id)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="full-text search (FTS5 syntax allowed)")
    p.add_argument("query")
    p.add_argument("--limit", type=bounded_int(1, 1_000_000), default=20,
                   help="at most this many results (default 20)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("delete", help="delete an article (with its notes and analysis)")
    p.add_argument("id", type=article_id)
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("samples", help="load the bundled sample articles")
    p.set_defaults(func=cmd_samples)


def cmd_import(args: argparse.Namespace, ctx: AppContext) -> int:
    lib = ctx.open_library()
    analyzer = None if args.no_analysis else ctx.analyzer()
    known = tuple(
        name for e in ctx.knowledge().entries.values() if e.type == "outlet"
        for names in e.names.values() for name in names
    ) if analyzer is not None else ()
    options = ImportOptions(outlet=args.outlet, size_limit=int(args.max_size * MB),
                            known_outlets=known)
    report = import_paths(lib, args.paths, analyzer=analyzer, options=options)
    if args.json:
        ctx.out_json({
            "imported": report.imported,
            "duplicates": [{"path": storable(p), "id": i} for p, i in report.duplicates],
            "errors": [{"path": storable(p), "error": e} for p, e in report.errors],
            "skipped": [storable(p) for p in report.skipped],
        })
    else:
        for article_id in report.imported:
            article = lib.require_article(article_id)
            ctx.out(f"imported #{article_id}: {article.title}")
        for path, existing in report.duplicates:
            ctx.out(f"duplicate: {shown(path)} is already in the library as #{existing}")
        if report.skipped:
            ctx.out(f"skipped {len(report.skipped)} file(s) that are not articles (other types, README …)")
    for path, message in report.errors:
        ctx.error(f"{path}: {message}")
    if not (report.imported or report.duplicates or report.errors):
        ctx.warn("nothing imported: no .txt, .md or .html files found in " + ", ".join(args.paths))
        return 1
    return 0 if report.ok else 1


def cmd_list(args: argparse.Namespace, ctx: AppContext) -> int:
    lib = ctx.open_library()
    articles = lib.list_articles(ArticleFilter(
        outlet=args.outlet, language=args.language, bookmarked=args.bookmarked, sort=args.sort))
    if args.json:
        ctx.out_json([a.summary_json() for a in articles])
        return 0
    for a in articles:
        mark = "★" if a.bookmarked else " "
        ctx.out(f"{a.id:>5} {mark} {a.published or '          '}  {a.language:<3} "
                f"{(a.outlet or '–')[:18]:<18}  {a.title}")
    ctx.out(f"{len(articles)} article(s)")
    return 0


def cmd_show(args: argparse.Namespace, ctx: AppContext) -> int:
    article = ctx.open_library().require_article(args.id)
    if args.json:
        ctx.out_json(article.full_json())
        return 0
    ctx.out(article.title)
    meta = " · ".join(x for x in (article.outlet, article.published, article.dateline,
                                  article.language, article.url) if x)
    if meta:
        ctx.out(meta)
    ctx.out()
    ctx.out(article.text)
    return 0


def cmd_search(args: argparse.Namespace, ctx: AppContext) -> int:
    hits = ctx.open_library().search(args.query, limit=args.limit)
    if args.json:
        ctx.out_json([{"id": h.article_id, "title": h.title, "outlet": h.outlet,
                       "published": h.published, "snippet": h.snippet, "rank": h.rank,
                       "where": h.where} for h in hits])
        return 0
    for h in hits:
        where = " (note)" if h.where == "note" else ""
        ctx.out(f"{h.article_id:>5}  {h.title}{where}")
        ctx.out(f"       {' '.join(h.snippet.split())}")
    ctx.out(f"{len(hits)} result(s)")
    return 0


def cmd_delete(args: argparse.Namespace, ctx: AppContext) -> int:
    lib = ctx.open_library()
    title = lib.require_article(args.id).title
    lib.delete_article(args.id)
    ctx.out(f"deleted #{args.id}: {title}")
    return 0


def cmd_samples(args: argparse.Namespace, ctx: AppContext) -> int:
    from reader.core.samples import load_samples, sample_files

    if not sample_files():
        raise CliError("no sample articles are bundled with this installation")
    ids = load_samples(ctx.open_library(), ctx.analyzer())
    ctx.out(f"loaded {len(ids)} sample article(s)" + ("" if ids else " (all already in the library)"))
    return 0


