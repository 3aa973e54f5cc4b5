"""``reader kb …``: list, show and check the knowledge base and the wording lexicons."""

from __future__ import annotations

import argparse
import dataclasses
import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core import paths
from reader.core.knowledge.model import Entry, KnowledgeBase, LexiconEntry
from reader.core.knowledge.render import entry_text
from reader.core.knowledge.validate import check_packs

if TYPE_CHECKING:
    from reader.commands.context import AppContext


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kb`` with sub-commands ``list``, ``show``, ``lexicon`` and ``check``."""
    parser = subparsers.add_parser("kb", help="knowledge base and wording lexicons",
                                   description="List, show and check knowledge entries and lexicon terms.")
    commands = parser.add_subparsers(dest="kb_command", metavar="COMMAND", required=True)

    listing = commands.add_parser("list", help="list knowledge entries")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--type", help="only entries of this type (person, outlet …)")
    listing.set_defaults(func=list_entries)

    show = commands.add_parser("show", help="show one knowledge entry")
    show.add_argument("id", metavar="ID", help="entry id, e.g. unsc-822")
    show.add_argument("--lang", default="en", choices=("de", "en"), help="language (default en)")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=show_entry)

    lexicon = commands.add_parser("lexicon", help="list wording-lexicon terms")
    lexicon.add_argument("--lang", choices=("de", "en"), help="only this language")
    lexicon.add_argument("--json", action="store_true", help="print JSON")
    lexicon.set_defaults(func=list_lexicon)

    checking = commands.add_parser("check", help="validate packs and lexicons (exit 1 on errors)")
    checking.add_argument("path", nargs="?", type=Path,
                       help="pack folder, folder of packs, lexicon file or resources folder "
                            "(default: bundled resources plus your own packs)")
    checking.set_defaults(func=check_command)


def _summary(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "type": entry.type, "pack": entry.pack, "names": entry.names,
            "side": entry.side, "sources": len(entry.sources)}


def list_entries(args: argparse.Namespace, ctx: AppContext) -> int:
    kb = ctx.knowledge()
    entries = sorted(kb.entries.values(), key=lambda e: (e.pack, e.type, e.id))
    if args.type:
        entries = [e for e in entries if e.type == args.type]
    if args.json:
        ctx.out_json([_summary(e) for e in entries])
        return 0
    width = max((len(e.id) for e in entries), default=2)
    for entry in entries:
        ctx.out(f"{entry.id:<{width}}  {entry.type:<12} {entry.pack:<10} {entry.side:<7} "
                f"{len(entry.sources):>2} src  {entry.name('en')}")
    ctx.out(f"{len(entries)} entries")
    return 0


def _find(kb: KnowledgeBase, entry_id: str) -> Entry:
    from reader.commands.context import CliError

    entry = kb.get(entry_id)
    if entry is not None:
        return entry
    close = difflib.get_close_matches(entry_id, list(kb.entries), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see 'reader kb list'"
    raise CliError(f"no knowledge entry with id '{entry_id}'{hint}")


def show_entry(args: argparse.Namespace, ctx: AppContext) -> int:
    entry = _find(ctx.knowledge(), args.id)
    if args.json:
        ctx.out_json(dataclasses.asdict(entry))
    else:
        ctx.out(entry_text(entry, args.lang))
    return 0


def _lexicon_row(entry: LexiconEntry) -> dict[str, Any]:
    return {"id": entry.id, "language": entry.language, "forms": entry.forms,
            "category": entry.category, "side": entry.side, "rule": entry.rule}


def list_lexicon(args: argparse.Namespace, ctx: AppContext) -> int:
    kb = ctx.knowledge()
    languages = [args.lang] if args.lang else sorted(kb.lexicon)
    entries = [e for lang in languages for e in kb.lexicon_for(lang)]
    if args.json:
        ctx.out_json([_lexicon_row(e) for e in entries])
        return 0
    width = max((len(e.id) for e in entries), default=2)
    for entry in entries:
        ctx.out(f"{entry.id:<{width}}  {entry.language}  {entry.category:<24} {entry.side:<7} "
                f"{', '.join(entry.forms)}")
    ctx.out(f"{len(entries)} lexicon entries")
    return 0


def check_command(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.path is not None:
        problems = check_packs(args.path)
    else:
        user = [p for p in (paths.user_knowledge_dir(), paths.user_lexicon_dir()) if p.exists()]
        problems = check_packs(paths.resources_dir(), user_roots=user)
    cwd = Path.cwd()
    for problem in problems:
        path = Path(problem.path)
        shown = path.relative_to(cwd) if path.is_absolute() and path.is_relative_to(cwd) else path
        ctx.out(f"{shown}:{problem.line}: {problem.severity}: {problem.message}")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    if problems:
        ctx.out(f"{errors} error(s), {warnings} warning(s) in {files} file(s)")
    else:
        ctx.out("no problems found")
    return 1 if errors else 0
