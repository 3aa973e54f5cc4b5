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
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARMENIAN = re.compile(r"[\u0530-\u058f]")
_AZ = re.compile(r"[əğışçƏĞİŞÇ]")


def detect_language(text: str) -> str:
    """``de``, ``en``, or another ISO 639-1 code guessed from the script; ``und`` if unsure."""
    sample = text[:6000]
    words = _WORDS.findall(sample.casefold())
    if not words:
        return "und"
    de = len(_DE.intersection(words)) + sum(1 for w in words if w in _DE)
    en = len(_EN.intersection(words)) + sum(1 for w in words if w in _EN)
    if _ARMENIAN.search(sample) or _CYRILLIC.search(sample) or _AZ.search(sample):
        letters = len(_LETTER.findall(sample)) or 1
        if len(_ARMENIAN.findall(sample)) / letters > 0.3:
            return "hy"
        if len(_CYRILLIC.findall(sample)) / letters > 0.3:
            return "ru"
        if len(_AZ.findall(sample)) / letters > 0.02 and max(de, en) < len(words) * 0.1:
            return "az"
    if max(de, en) < max(2, len(words) * 0.05):
        return "und"
    return "de" if de >= en else "en"
