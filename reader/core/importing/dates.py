"""Finding a publication date in the words users' files actually have."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "january": 1, "jan": 1, "januar": 1, "jänner": 1,
    "february": 2, "feb": 2, "februar": 2,
    "march": 3, "mar": 3, "märz": 3, "maerz": 3,
    "april": 4, "apr": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juni": 6,
    "july": 7, "jul": 7, "juli": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12, "dezember": 12, "dez": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})\.?\s+(?P<mn>{_MONTH})\.?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),
)


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD`` with its match, or None."""
    best: tuple[str, re.Match[str]] | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m)
            if iso and (best is None or m.start() < best[1].start()):
                best = (iso, m)
                break
    return best


def parse_date(value: str) -> str:
    """Normalise a date string (ISO, "20 September 2023", "20.09.2023") to ISO, or ""."""
    value = str(value).strip()
    found = find_date(value)
    return found[0] if found else ""


def _iso(m: re.Match[str]) -> str:
    groups = m.groupdict()
    try:
        month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mn"].casefold()]
        return date(int(groups["y"]), month, int(groups["d"])).isoformat()
    except (ValueError, KeyError):
        return ""
