"""Turning bytes into text: BOMs, UTF-8, legacy 8-bit German text, binary detection."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from reader.core.bounded_read import MB, ReadError, read_file
from reader.core.importing.errors import BadInput

DEFAULT_SIZE_LIMIT = 20 * MB

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
    """The bytes of ``path``; :class:`BadInput` if missing, unreadable, not a regular file
    (FIFO, device, socket) or too large. Never reads more than ``limit + 1`` bytes."""
    try:
        return read_file(path, limit)
    except ReadError as exc:
        raise BadInput(str(exc)) from None


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
        return _checked(data.decode("cp1252"), legacy=True)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadInput("undecodable bytes: not text in any known encoding")
    return _checked(str(best), legacy=True)


# Characters that real text does not contain (controls other than tab/newline/form feed,
# private-use, unassigned, the replacement character): a few are tolerated, more mean binary.
_UNUSUAL = frozenset({"Cc", "Co", "Cn", "Cs"})
_TEXT_CONTROLS = frozenset("\t\n\r\x0c")


def has_visible(text: str) -> bool:
    """Does any character of ``text`` show (not whitespace, not a format character: BOMs,
    zero-width spaces and joiners, direction marks)? Stops at the first one."""
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)


def _checked(text: str, *, legacy: bool = False) -> str:
    """Reject decoded text that is not text: empty once invisible characters are set aside,
    too many control or unassigned characters, or (for a guessed legacy encoding, where any
    bytes decode) too few letters or words for language."""
    sample = text[:20000]
    shown = [ch for ch in sample if not ch.isspace() and unicodedata.category(ch) != "Cf"]
    if not shown and not has_visible(text[20000:]):
        raise BadInput("file is empty (nothing but spaces and invisible characters)")
    unusual = sum(
        1 for ch in sample
        if (unicodedata.category(ch) in _UNUSUAL and ch not in _TEXT_CONTROLS) or ch == "\ufffd"
    )
    if unusual > max(2, len(sample) // 100):
        raise BadInput("binary file (control characters), not text")
    if shown:
        letters = sum(1 for ch in shown if ch.isalpha())
        wordish = letters + sum(1 for ch in shown if ch.isdigit())
        if len(shown) >= 12 and wordish < len(shown) * (0.5 if legacy else 0.25):
            raise BadInput("not text: too few letters (binary data or a table of symbols)")
        if legacy and len(shown) >= 12:
            ascii_letters = sum(1 for ch in shown if ch.isascii() and ch.isalpha())
            spaces = sum(1 for ch in sample if ch.isspace())
            # Western text in an 8-bit encoding is mostly ASCII letters with spaces between
            # words; random bytes decoded as Windows-1252 are mostly accented letters and
            # symbols with hardly a space.
            if not _mostly_other_script(shown) and ascii_letters < letters * 0.6:
                raise BadInput("undecodable bytes: not text in any known encoding")
            if len(sample) >= 40 and spaces < len(sample) * 0.03:
                raise BadInput("undecodable bytes: not text in any known encoding")
    return text


def _mostly_other_script(chars: list[str]) -> bool:
    """Letters mostly beyond Latin (Cyrillic, Greek, Armenian …): a legacy code page for them."""
    beyond = sum(1 for ch in chars if ch.isalpha() and ord(ch) >= 0x370)
    return beyond > len(chars) * 0.5


def read_text(path: Path, limit: int = DEFAULT_SIZE_LIMIT) -> str:
    """Read and decode a text file (see :func:`decode_bytes`)."""
    return decode_bytes(read_limited(path, limit))
