"""Reading user-given files and streams with a size limit, never hanging and never unbounded.

Only regular files are read (a FIFO, device or socket is refused before any byte is read, so
``/dev/zero`` or a named pipe cannot hang or fill memory), and at most ``limit + 1`` bytes are
read from anything, in chunks, so the size check holds even when the size on disk is not known.
Sizes are in megabytes of 1,000,000 bytes, the one definition used in every message and option.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MB = 1_000_000
CHUNK = 1 << 20


class ReadError(Exception):
    """A file or stream that cannot be read; the message is one line (without the path)."""


def megabytes(size: float) -> str:
    """``20 MB``, ``0.5 MB``, ``21.3 MB``: sizes as every message shows them."""
    value = size / MB
    text = f"{value:.1f}".rstrip("0").rstrip(".") if value >= 0.1 else f"{value:.2g}"
    return f"{text} MB"


def too_large(size: int, limit: int, what: str = "file") -> ReadError:
    """"file is 25.3 MB, over the 20 MB limit" (in bytes when the rounded figures are equal)."""
    if megabytes(size) == megabytes(limit):
        return ReadError(f"{what} is {size:,} bytes, over the {megabytes(limit)} ({limit:,} bytes) limit")
    return ReadError(f"{what} is {megabytes(size)}, over the {megabytes(limit)} limit")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "not a regular file (a named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket)"
    return "not a regular file"


def read_file(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), or :class:`ReadError`."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise block for ever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a folder") from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(_kind(info.st_mode))
        if info.st_size > limit:
            raise too_large(info.st_size, limit)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return _read_bounded(fh, limit, "file")
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limit: int, what: str = "input") -> bytes:
    """Up to ``limit`` bytes of ``stream`` (standard input); :class:`ReadError` past that."""
    try:
        return _read_bounded(stream, limit, what)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None


def _read_bounded(stream: BinaryIO, limit: int, what: str) -> bytes:
    parts: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    if total > limit:
        raise ReadError(f"{what} is over the {megabytes(limit)} limit")
    return b"".join(parts)
