"""Text shown to the user on one line: file names and messages with odd characters escaped."""

from __future__ import annotations

import unicodedata

# Categories that are invisible, break lines or cannot be encoded: escaped when shown.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """``text`` with control, format, separator and undecodable characters escaped.

    A file name with a newline or bytes that are not UTF-8 (decoded by Python as lone
    surrogates) becomes one printable, encodable line: ``new\\nline.txt``, ``bad\\xff.txt``.
    Ordinary text, including accents, RTL scripts and emoji, is left as it is.
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch == " ":
            out.append(ch)
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        elif unicodedata.category(ch) in _HIDDEN or ch.isspace():
            code = ord(ch)
            if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name
                out.append(f"\\x{code - 0xDC00:02x}")
            elif code <= 0xFF:
                out.append(f"\\x{code:02x}")
            else:
                out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(message: object) -> str:
    """A message (or exception) as one line: runs of whitespace folded, the rest escaped."""
    text = str(message)
    text = " ".join(text.split())
    return shown(text) or (type(message).__name__ if isinstance(message, BaseException) else "")


def storable(text: str) -> str:
    """``text`` that SQLite can store as UTF-8: lone surrogates (undecodable file-name bytes)
    escaped as in :func:`shown`."""
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return text
    return "".join(shown(ch) if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
