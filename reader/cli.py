"""The ``reader`` command line. ``reader`` with no arguments opens the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from reader import __version__
from reader.commands import analyze, export, gui, kb, library, notes
from reader.commands.context import AppContext, CliError
from reader.core.library import LibraryError
from reader.core.paths import default_library_path

EPILOG = """\
With no command, opens the reading window.
The library is the file given by --library, else $MARGIN_LIBRARY, else the default in your
user data folder. JSON output (--json) is documented in docs/cli-json.md.
"""


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are one line too ("error: …; try reader --help"), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Margin: an offline news reader that shows who says what, background and wording.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Margin {__version__}")
    parser.add_argument(
        "--library", metavar="PATH", type=Path, default=None,
        help="library file to use (default: $MARGIN_LIBRARY or the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (library, analyze, kb, notes, export, gui):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = AppContext(args.library or default_library_path())
    if getattr(args, "func", None) is None:
        return gui.open_window(ctx, args)
    try:
        return int(args.func(args, ctx) or 0)
    except (CliError, LibraryError) as exc:
        ctx.error(str(exc))
        return exc.code if isinstance(exc, CliError) else 1
    except KeyboardInterrupt:
        ctx.error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    finally:
        ctx.close()


def gui_main() -> int:
    """Entry point of the ``margin`` gui-script: opens the window, importing any files given."""
    parser = argparse.ArgumentParser(prog="margin")
    parser.add_argument("--library", metavar="PATH", type=Path, default=None)
    parser.add_argument("files", nargs="*", metavar="FILE")
    args = parser.parse_args()
    ctx = AppContext(args.library or default_library_path())
    try:
        return gui.open_window(ctx, args)
    except (CliError, LibraryError) as exc:
        ctx.error(str(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
