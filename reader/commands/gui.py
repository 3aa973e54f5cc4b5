"""The window from the command line: ``reader`` (no command) and ``reader screenshot``."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from reader.commands.args import bounded_int, parse_id
from reader.commands.context import AppContext, CliError
from reader.core.output_path import OutputError, check_output


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("screenshot", help="render the reading window offscreen to a PNG")
    p.add_argument("target", metavar="ID_OR_PATH", help="an article id, or a file to show")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.png")
    p.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT (default 1600x1000)")
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    p.add_argument("--language", choices=("en", "de"), default="en", help="UI language")
    p.add_argument("--focus", metavar="N", type=bounded_int(0, 1_000_000), default=0,
                   help="focus the N-th card (1 = first), as a reader clicking it would")
    p.add_argument("--scroll", type=bounded_int(0, 10_000_000), default=0, metavar="PX", help="scroll the article down")
    p.set_defaults(func=cmd_screenshot)


def open_window(ctx: AppContext, args: argparse.Namespace) -> int:
    from reader.core.library import LibraryError
    from reader.ui.app import run

    try:
        return run(ctx.library_path, files=list(getattr(args, "files", []) or []))
    except LibraryError as exc:
        raise CliError(str(exc)) from exc


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise CliError(f"--size must look like 1600x1000, not {text!r}") from None
    if not (400 <= w <= 8000 and 300 <= h <= 8000):
        raise CliError("--size must be between 400x300 and 8000x8000")
    return w, h


def cmd_screenshot(args: argparse.Namespace, ctx: AppContext) -> int:
    width, height = _size(args.size)
    try:
        check_output(args.output, force=True)
    except OutputError as exc:
        raise CliError(str(exc)) from None
    if not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from reader.core.importing.pipeline import import_paths
    from reader.core.library import Library
    from reader.ui.app import application, create_window, settings_at

    application()
    with tempfile.TemporaryDirectory() as tmp:
        target_id = parse_id(args.target) if args.target.strip().isdigit() else None
        if target_id is not None and not os.path.lexists(args.target):
            lib = ctx.open_library()
            article_id = target_id
            lib.require_article(article_id)
        else:
            path = Path(args.target)
            if not os.path.lexists(path):
                raise CliError(f"no article #{args.target} and no file {args.target}")
            lib = Library.open(Path(tmp) / "library.sqlite")
            report = import_paths(lib, [path], analyzer=ctx.analyzer())
            if report.errors:
                raise CliError(f"{path}: {report.errors[0][1]}")
            if not report.imported:
                raise CliError(f"{path}: nothing imported")
            article_id = report.imported[0]
        settings = settings_at(Path(tmp) / "settings.ini")
        settings.setValue("language", args.language)
        window = create_window(lib, settings, kb=ctx.knowledge(), analyzer=ctx.analyzer(),
                               theme=args.theme)
        window.resize(width, height)
        window.show()
        window.open_article(article_id)
        for _ in range(3):
            QCoreApplication.processEvents()
        window.area.relayout()
        if args.scroll:
            window.area.view.verticalScrollBar().setValue(args.scroll)
        if args.focus:
            cards = sorted(window.area.cards, key=lambda c: (c.start, c.kind))
            if args.focus <= len(cards):
                window.area.focus_card(cards[args.focus - 1].key)
        for _ in range(3):
            QCoreApplication.processEvents()
        window.area.relayout()
        QCoreApplication.processEvents()
        window.statusBar().clearMessage()  # the start-up hint is not part of the picture
        QCoreApplication.processEvents()
        image = window.grab()
        if not image.save(str(args.output), "PNG"):
            raise CliError(f"cannot write {args.output}")
        window.close()
        QApplication.processEvents()
    ctx.out(f"wrote {args.output} ({image.width()}x{image.height()})")
    return 0
