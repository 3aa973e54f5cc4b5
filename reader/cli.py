"""The ``reader`` command line. ``reader`` with no arguments opens the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from reader import __version__
from reader.commands import analyze, export, gui, kb, library, notes
from reader.commands.context import AppContext, CliError
from reader.core.library import LibraryError
from reader.core.paths import default_library_path
from reader.core.printable import one_line, shown

EPILOG = """\
With no command, opens the reading window.
The library is the file given by --library, else $MARGIN_LIBRARY, else the default in your
user data folder. JSON output (--json) is documented in docs/cli-json.md.
"""


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are one line too ("error: …; try reader --help"), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {shown(self.prog)}: {shown(message)} (see {self.prog} --help)\n")


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


DEBUG_ENV = "MARGIN_DEBUG"  # set to 1 to see the traceback of an unexpected error


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = AppContext(args.library or default_library_path())
    try:
        if getattr(args, "func", None) is None:
            return gui.open_window(ctx, args)
        return int(args.func(args, ctx) or 0)
    except (CliError, LibraryError) as exc:
        ctx.error(str(exc))
        return exc.code if isinstance(exc, CliError) else 1
    except KeyboardInterrupt:
        ctx.error("interrupted")
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except RecursionError:
        if os.environ.get(DEBUG_ENV):
            raise
        ctx.error("input is nested too deeply to read")
        return 1
    except MemoryError:
        ctx.error("out of memory (the input is too large)")
        return 1
    except Exception as exc:  # last resort: a bug, still one line (MARGIN_DEBUG=1 re-raises)
        if os.environ.get(DEBUG_ENV):
            raise
        ctx.error(f"internal error: {type(exc).__name__}: {one_line(exc)} "
                  f"(set {DEBUG_ENV}=1 for details)")
        return 1
    finally:
        try:
            ctx.close()
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            ctx.error(f"could not close the library: {one_line(exc)}")


def _quiet_stdout() -> None:
    """After a closed pipe (``reader list | head``), make the exit flush silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
