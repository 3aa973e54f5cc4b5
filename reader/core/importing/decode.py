"""Turning bytes into text: BOMs, UTF-8, legacy 8-bit German text, binary detection."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from reader.core.importing.errors import BadInput

DEFAULT_SIZE_LIMIT = 20 * 1024 * 1024

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
    b"\x1f\x8b": "a gzip archive",
}
# Valid multi-byte UTF-8 sequences: their presence means the file was meant to be UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_limited(path: Path, limit: int = DEFAULT_SIZE_LIMIT) -> bytes:
    """The bytes of ``path``; :class:`BadInput` if missing, unreadable, empty or too large."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BadInput("no such file") from None
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror}") from None
    if path.is_dir():
        raise BadInput("is a folder")
    if size > limit:
        raise BadInput(f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror}") from None
    return data


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` as text, or raise :class:`BadInput` saying why it is not text."""
    if not data.strip():
        raise BadInput("file is empty")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BadInput(f"binary file ({what}), not text")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise BadInput(f"undecodable bytes: not valid {codec.upper()} at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise BadInput("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise BadInput(
                f"undecodable bytes: mostly UTF-8 but invalid at byte {exc.start}"
            ) from None
    # No UTF-8 at all: a legacy 8-bit file. German users' files are Windows-1252/Latin-1.
    try:
        return _checked(data.decode("cp1252"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadInput("undecodable bytes: not text in any known encoding")
    return _checked(str(best))


def _checked(text: str) -> str:
    """Reject decoded text that is mostly control characters (binary read as text)."""
    sample = text[:20000]
    if _CONTROL.search(sample) and len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise BadInput("binary file (control characters), not text")
    return text


def read_text(path: Path, limit: int = DEFAULT_SIZE_LIMIT) -> str:
    """Read and decode a text file (see :func:`decode_bytes`)."""
    return decode_bytes(read_limited(path, limit))
