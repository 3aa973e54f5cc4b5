"""Argument types that check ranges while parsing, so a bad number is a usage error (one line,
exit status 2) and never reaches SQLite (whose integers are 64-bit) as an overflow."""

from __future__ import annotations

import argparse
import math
import re

from reader.core.bounded_read import MB

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(text: str) -> int | None:
    """``text`` as an article or note id (1 … 2**63-1, ASCII digits only), else None."""
    text = text.strip()
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def article_id(text: str) -> int:
    value = parse_id(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a whole number from 1 to {MAX_ID})")
    return value


def bounded_int(low: int, high: int) -> type[int]:
    """An argparse type for whole numbers from ``low`` to ``high``."""

    def parse(text: str) -> int:
        stripped = text.strip()
        if not re.fullmatch(r"[+-]?[0-9]+", stripped):
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
        value = int(stripped) if len(stripped) <= 30 else high + 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is out of range ({low} to {high})")
        return value

    parse.__name__ = "number"
    return parse  # type: ignore[return-value]


def megabytes_arg(text: str) -> float:
    """A size in MB (1 MB = 1,000,000 bytes), more than 0 and at most 1,000,000."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size in MB") from None
    if not math.isfinite(value) or not 0 < value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range (a size in MB above 0, at most 1000000)")
    if int(value * MB) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is smaller than one byte")
    return value
