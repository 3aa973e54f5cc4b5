"""A small, fast language guess: German and English by function words, others by script."""

from __future__ import annotations

import re

_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_DE = frozenset(
    ["der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "dem", "des", "ein", "eine", "einer", "eines", "sich", "auf", "für", "im", "zu", "dass", "daß", "wurde", "wurden", "auch", "als", "bei", "nach", "über", "wie", "aus", "hat", "haben", "sind", "sie", "er", "es", "wir", "am", "zum", "zur", "einem", "noch", "oder", "aber", "werden", "sein", "seine", "ihre", "diese", "dieser"]
)
_EN = frozenset(
    ["the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "were", "as", "by", "at", "from", "it", "its", "an", "be", "this", "are", "has", "have", "had", "not", "but", "which", "said", "their", "his", "her", "they", "would", "will", "been", "who", "after", "also"]
)
_AZ_LETTERS = set("əğışçöüƏĞİŞÇ")


def detect_language(text: str) -> str:
    """``de``, ``en``, or another ISO 639-1 code guessed from the script; ``und`` if unsure."""
    sample = text[:20000]
    words = [w.casefold() for w in _WORDS.findall(sample)[:3000]]
    if not words:
        return "und"
    de = sum(w in _DE for w in words)
    en = sum(w in _EN for w in words)
    letters = [c for c in sample if c.isalpha()]
    if letters:
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)
        armenian = sum("\u0530" <= c <= "\u058f" for c in letters) / len(letters)
        if armenian > 0.3:
            return "hy"
        if cyrillic > 0.3:
            return "ru"
        if sum(c in _AZ_LETTERS for c in letters) / len(letters) > 0.02 and max(de, en) < len(words) * 0.1:
            return "az"
    if max(de, en) < max(2, len(words) * 0.05):
        return "und"
    return "de" if de >= en else "en"
