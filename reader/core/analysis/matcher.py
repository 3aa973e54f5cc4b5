"""Aho-Corasick phrase matcher over knowledge-base names/forms/roles and lexicon forms.

One automaton per language holds every surface form; one pass over the folded text finds all
of them, whatever the number of entries. Folding keeps string length (so offsets carry over),
except that runs of whitespace collapse to one space; a small breakpoint table maps positions
in the collapsed text back to the original.

Matching rules (docs/formats.md): case-insensitive whole words; a trailing ``*`` on a lexicon
form matches any word ending; spaces match any run of whitespace. Acronyms (all capitals, up
to five letters: "UN", "US", "OSZE") match case-sensitively. German names and forms also
accept the usual case endings ("Aserbaidschans", "Sicherheitsrates") and multi-word German
names also match with declined adjectives ("Vereinigten Arabischen Emiraten").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from reader.core.knowledge.model import KnowledgeBase

# length-preserving character normalisation applied after lower-casing
_TRANSLATE = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "-",
        "\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'",
        "\n": " ", "\r": " ", "\t": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
        "\u2007": " ", "\u200b": " ", "\f": " ", "\v": " ",
    }
)
_REPLACE = tuple((chr(k), v) for k, v in _TRANSLATE.items())
_SPACE_RUNS = re.compile("  +")  # a literal start: the regex engine finds it fast

GERMAN_SUFFIXES = frozenset({"s", "es", "n", "en", "e", "ns", "ens", "em"})
ENTITY_KINDS = ("entity", "role")


def fold(text: str) -> str:
    """Lower-case and normalise ``text`` without changing its length."""
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lower-cases to two code points
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # str.translate looks every character up in a dict; a replace per mapped character that
    # occurs is ten times faster on long texts
    for ch, to in _REPLACE:
        if ch in low:
            low = low.replace(ch, to)
    return low


def fold_pattern(form: str) -> str:
    return " ".join(fold(form).split())


@dataclass(frozen=True)
class Target:
    """What a surface form points at."""

    kind: str  # "entity" | "role" | "lexicon"
    ref: str  # entity id or lexicon entry id
    form: str  # the form as written in the pack
    star: bool = False
    exact: str = ""  # non-empty: must match this text case-sensitively (acronyms)
    inflect: bool = False  # accept German case endings after the form


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    target: Target


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters) and " " not in form


def _decline(word: str, last: bool) -> str | None:
    """The weak (-en) form of a German attributive adjective, or None."""
    if last or len(word) <= 3 or word.endswith("ee"):
        return None
    if word.endswith("e"):
        return word + "n"  # Vereinigte -> Vereinigten, aserbaidschanische -> ...n
    if len(word) > 4 and word.endswith(("er", "es")) and word[:1].isupper():
        return word[:-2] + "en"  # Internationaler/Internationales -> Internationalen
    return None


def german_variants(name: str) -> list[str]:
    """Declined variants of a multi-word German name: all leading adjectives declined
    ("Vereinigten Arabischen Emiraten") and only the first one ("Internationalen Komitee
    vom Roten Kreuz")."""
    words = name.split()
    if len(words) < 2:
        return []
    declined = [_decline(w, i == len(words) - 1) for i, w in enumerate(words)]
    variants: list[str] = []
    if any(declined):
        all_words = [d or w for d, w in zip(declined, words, strict=True)]
        variants.append(" ".join(all_words))
        if words[-1].endswith("e") and len(words[-1]) > 3:
            variants.append(" ".join(all_words[:-1] + [words[-1] + "n"]))
    if declined[0]:
        variants.append(" ".join([declined[0], *words[1:]]))
    return [v for v in dict.fromkeys(variants) if v != name]


class PhraseMatcher:
    """All surface forms of one language in one automaton."""

    def __init__(self, targets: Iterable[tuple[str, Target]]) -> None:
        table: dict[str, list[Target]] = {}
        for form, target in targets:
            key = fold_pattern(form.rstrip("*") if target.star else form)
            if not key or key.isspace():
                continue
            bucket = table.setdefault(key, [])
            if target not in bucket:
                bucket.append(target)
            if "ß" in key:
                alt = key.replace("ß", "ss")
                bucket2 = table.setdefault(alt, [])
                if target not in bucket2:
                    bucket2.append(target)
        self.size = len(table)
        self._automaton: ahocorasick.Automaton | None = None
        if table:
            automaton = ahocorasick.Automaton()
            for key, items in table.items():
                automaton.add_word(key, (len(key), tuple(items)))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str, folded: str | None = None) -> list[Hit]:
        """Every whole-word hit in ``text`` (overlapping hits included)."""
        if self._automaton is None or not text:
            return []
        base = folded if folded is not None else fold(text)
        collapsed, breaks = _collapse(base)
        n = len(collapsed)
        hits: list[Hit] = []
        for end_index, (length, targets) in self._automaton.iter(collapsed):
            s = end_index - length + 1
            e = end_index + 1
            if s > 0:
                left = collapsed[s - 1]
                if left.isalnum():
                    continue
            right_alnum = e < n and collapsed[e].isalnum()
            for target in targets:
                end = e
                if target.star:
                    while end < n and collapsed[end].isalpha():
                        end += 1
                elif right_alnum:
                    if not target.inflect:
                        continue
                    end = e
                    while end < n and collapsed[end].isalpha() and end - e <= 3:
                        end += 1
                    if (end < n and collapsed[end].isalnum()) or collapsed[e:end] not in GERMAN_SUFFIXES:
                        continue
                os_, oe = _orig(s, breaks), _orig(end, breaks)
                if target.exact and text[os_:os_ + len(target.exact)] != target.exact:
                    continue
                hits.append(Hit(os_, oe, target))
        return hits


def _collapse(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Collapse runs of spaces; return the text and (collapsed_pos, shift) breakpoints."""
    if "  " not in text:
        return text, []
    parts: list[str] = []
    breaks: list[tuple[int, int]] = []
    last = 0
    shift = 0
    for m in _SPACE_RUNS.finditer(text):
        parts.append(text[last:m.start() + 1])
        shift += m.end() - m.start() - 1
        breaks.append((m.end() - shift, shift))
        last = m.end()
    parts.append(text[last:])
    return "".join(parts), breaks


def _orig(pos: int, breaks: list[tuple[int, int]]) -> int:
    if not breaks:
        return pos
    i = bisect.bisect_right(breaks, (pos, 1 << 62)) - 1
    return pos if i < 0 else pos + breaks[i][1]


def select_longest(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest non-overlapping hits."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    last_end = -1
    for h in ordered:
        if h.start >= last_end:
            out.append(h)
            last_end = h.end
    return out


def build_matcher(kb: KnowledgeBase, language: str) -> PhraseMatcher:
    """Matcher for entity names/forms/roles (all languages) and ``language``'s lexicon."""
    targets: list[tuple[str, Target]] = []
    for entry in kb.entries.values():
        for table, kind in ((entry.names, "entity"), (entry.forms, "entity"), (entry.roles, "role")):
            for lang, forms in table.items():
                if kind == "role" and lang != language and lang in ("de", "en"):
                    continue  # role nouns are ordinary words; only in their own language
                german = lang == "de" and language == "de"
                for form in forms:
                    if not form or not form.strip():
                        continue
                    exact = form if _is_acronym(form) else ""
                    inflect = german and not exact
                    targets.append((form, Target(kind, entry.id, form, False, exact, inflect)))
                    if german:
                        for variant in german_variants(form):
                            targets.append((variant, Target(kind, entry.id, form, False, "", True)))
    for lex in kb.lexicon_for(language):
        for form in lex.forms:
            if not form or not form.strip():
                continue
            star = form.rstrip().endswith("*")
            targets.append((form.strip(), Target("lexicon", lex.id, form, star)))
    return PhraseMatcher(targets)
