"""Stable keys for annotations: user corrections refer to them."""

from __future__ import annotations

import hashlib


def make_key(kind: str, rule: str, start: int, end: int, text: str) -> str:
    """``kind:rule:start:end:hash`` where the hash covers the span text.

    The same text analysed again gives the same keys; an edit that moves or changes a span
    gives it a new key (so a stale correction does not land on the wrong span).
    """
    digest = hashlib.blake2s(text.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    return f"{kind}:{rule}:{start}:{end}:{digest}"
