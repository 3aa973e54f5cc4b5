"""Checks for files the user asks us to write (exports, screenshots), before any work is done.

Outputs are written to a temporary file beside the target and renamed over it, so the target
must be a regular file (or not exist yet): renaming over a device such as ``/dev/full``, a
named pipe or a socket would replace that node with a plain file, so those are refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class OutputError(Exception):
    """An output path that cannot be written; the message is one line."""


def check_output(path: Path | str, *, force: bool = False, suffix: str = "") -> Path:
    """The output path, or :class:`OutputError` saying in one line why it cannot be written."""
    target = Path(path).expanduser()
    if suffix and target.suffix.lower() != suffix:
        raise OutputError(f"{target}: the output file should end in {suffix}")
    if not target.name or target.name in (".", ".."):
        raise OutputError(f"{target}: give a file name, not a folder")
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent_info = parent.stat()
    except FileNotFoundError:
        raise OutputError(f"{target}: the folder {parent} does not exist") from None
    except NotADirectoryError:
        raise OutputError(f"{target}: {parent} is not a folder") from None
    except OSError as exc:
        raise OutputError(f"{target}: cannot use the folder {parent} ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(parent_info.st_mode):
        raise OutputError(f"{target}: {parent} is not a folder")
    existing = _existing_mode(target)
    if existing is not None:
        if stat.S_ISDIR(existing):
            raise OutputError(f"{target} is a folder")
        if not stat.S_ISREG(existing):
            raise OutputError(f"{target} is not a regular file (a device, pipe or socket); "
                              "give the path of a file")
        if not force:
            raise OutputError(f"{target} already exists (use --force to overwrite)")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{target}: no permission to write in {parent}")
    if existing is not None and not os.access(target, os.W_OK):
        raise OutputError(f"{target}: no permission to overwrite it")
    return target


def _existing_mode(target: Path) -> int | None:
    """The mode of what ``target`` names (following symlinks), None if nothing is there."""
    try:
        return target.stat().st_mode
    except FileNotFoundError:
        try:
            target.lstat()  # a dangling symlink: renaming replaces the link itself
        except FileNotFoundError:
            return None
        return stat.S_IFREG
    except OSError as exc:
        raise OutputError(f"{target}: cannot use it ({exc.strerror or exc})") from None


def replace_into(tmp: str | Path, target: Path) -> None:
    """Move the finished ``tmp`` over ``target``, refusing (again, just before) a non-regular
    target that appeared since the check. Raises OSError or :class:`OutputError`."""
    mode = _existing_mode(target)
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(f"{target} is not a regular file (a device, pipe or socket); "
                          "give the path of a file")
    os.replace(tmp, target)
