"""``reader analyze ID_OR_PATH [--json] [--raw]``: run the analysis and print it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from reader.commands.args import MAX_ID, parse_id
from reader.commands.context import AppContext, CliError
from reader.core.analysis.model import Analysis
from reader.core.analysis.sides import SIDE_NAMES

SNIPPET = 90


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "analyze",
        help="analyse a library article (by id) or a file: sources, claims, wording, headline",
    )
    p.add_argument("target", metavar="ID_OR_PATH", help="article id in the library, or a file")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--raw", action="store_true",
                   help="analyse the file's text exactly as given (no import clean-up, no title)")
    p.set_defaults(func=handler)


def handler(args: argparse.Namespace, ctx: AppContext) -> int:
    analysis = _analyse(args, ctx)
    if args.json:
        ctx.out_json(analysis.to_json())
    else:
        for line in render(analysis):
            ctx.out(line)
    return 0


def _analyse(args: argparse.Namespace, ctx: AppContext) -> Analysis:
    target: str = args.target
    target_id = parse_id(target) if target.strip().isdigit() else None
    if target.strip().isdigit() and not args.raw and not os.path.lexists(target):
        if target_id is None:
            raise CliError(f"{target!r} is not an article id (a whole number from 1 to {MAX_ID})")
        article = ctx.open_library().get_article(target_id)
        if article is None:
            raise CliError(f"no article #{target} in the library")
        return ctx.analyzer().analyze(article.title, article.text, article.language or "en",
                                      article.outlet or None)
    path = Path(target)
    if target != "-" and not os.path.isfile(target):
        raise CliError(f"{target}: no such article id or file")
    if target == "-" and args.raw:
        raise CliError("analyze --raw needs a file, not standard input")
    if args.raw:
        from reader.core.importing.decode import read_text
        from reader.core.importing.language import detect_language

        try:
            text = read_text(path)
        except Exception as exc:  # BadInput and friends: one line, never a traceback
            raise CliError(f"{target}: {_one_line(exc)}") from None
        language = detect_language(text)
        return ctx.analyzer().analyze_raw(text, language if language in ("de", "en") else "en")
    from reader.core.importing.pipeline import parse_path

    try:
        parsed = parse_path(path)
    except Exception as exc:  # BadInput, OSError, decoding problems
        raise CliError(f"{target}: {_one_line(exc)}") from None
    return ctx.analyzer().analyze(parsed.title, parsed.text, parsed.language or "en",
                                  parsed.outlet or None)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or exc.__class__.__name__


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def render(a: Analysis) -> list[str]:
    """Human-readable report: balance line first, then one section per finding type."""
    lines = [a.balance.summary]
    if a.title:
        lines += ["", f"Title: {a.title}"]
    if a.headline:
        lines += ["", "Headline"]
        for h in a.headline:
            lines.append(f"  ! {h.message}")
    lines += ["", f"Sources ({len(a.attributions)})"]
    for att in a.attributions:
        sp = att.speaker
        side = SIDE_NAMES.get(sp.side, sp.side)
        extra = []
        if att.direct_quote:
            extra.append("direct quote")
        if att.relayed_by:
            extra.append(f"relayed by {att.relayed_by}")
        if att.chain:
            extra.append("chain: " + " → ".join(att.chain))
        if att.factive:
            extra.append("cue presents it as fact")
        tail = f" [{', '.join(extra)}]" if extra else ""
        content = _snippet(att.content.text) if att.content else ""
        lines.append(f"  ¶{att.paragraph + 1} {sp.name} ({side}, {sp.kind}) "
                     f"«{att.cue.text}»{tail}: {content}")
    lines += ["", f"Unattributed claims ({len(a.unattributed)})"]
    for u in a.unattributed:
        lines.append(f"  ¶{u.paragraph + 1} {_snippet(u.text)}")
        lines.append(f"      why: {u.reason}")
    lines += ["", f"Wording ({len(a.flags)})"]
    for f in a.flags:
        where = " (in a source's words)" if f.in_quote else ""
        lines.append(f"  ¶{f.paragraph + 1} [{f.severity}] “{f.text}” — {f.category}, "
                     f"{SIDE_NAMES.get(f.side, f.side)}{where}")
        if f.explanation:
            lines.append(f"      {_snippet(f.explanation)}")
        if f.alternative:
            lines.append(f"      instead: {_snippet(f.alternative)}")
    entities = sorted({m.entity for m in a.mentions})
    lines += ["", f"Mentions ({len(a.mentions)}; {len(entities)} entries)"]
    if entities:
        lines.append("  " + ", ".join(entities))
    return lines
