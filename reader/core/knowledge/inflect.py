"""Inflected forms of lexicon phrases, generated once when a lexicon is loaded.

A lexicon entry may say ``inflect: verb | noun | adjective`` (docs/formats.md). Its forms are
then expanded here into the usual inflected surface forms, which go into the same phrase
matcher as every other form: matching stays one pass over the text, with no per-token
lemmatising at analysis time. Rules are deliberately generous (both "targeted" and
"targetted"): a form that is not a word never matches anything.

English: verbs inflect their first word ("lash out" -> "lashed out", "lashes out", "lashing
out"); nouns their last word (plural); adjectives get the -ly adverb. German: adjectives and
nouns get the usual case and plural endings on the last word; German verbs are listed in full.
"""

from __future__ import annotations

INFLECT_KINDS = ("verb", "noun", "adjective")

_VOWELS = set("aeiou")


def _english_verb(word: str) -> list[str]:
    w = word
    out = [w]
    if w.endswith("e") and not w.endswith("ee"):
        out += [w + "s", w + "d", w[:-1] + "ing"]
    elif w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        out += [w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
    elif w.endswith(("s", "sh", "ch", "x", "z")):
        out += [w + "es", w + "ed", w + "ing"]
    else:
        out += [w + "s", w + "ed", w + "ing"]
    if (len(w) >= 3 and w[-1] not in _VOWELS and w[-1] not in "wxy" and w[-2] in _VOWELS
            and w[-3] not in _VOWELS):
        out += [w + w[-1] + "ed", w + w[-1] + "ing"]  # slam -> slammed, rip -> ripping
    if w.endswith("ie"):
        out += [w[:-2] + "ying"]  # lie -> lying
    return out


def _english_noun(word: str) -> list[str]:
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return [word, word + "es"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return [word, word[:-1] + "ies"]
    return [word, word + "s"]


def _english_adjective(word: str) -> list[str]:
    if word.endswith("ic"):
        return [word, word + "ally"]
    if word.endswith("le") and len(word) > 3:
        return [word, word[:-1] + "y"]
    if word.endswith("y") and len(word) > 3:
        return [word, word[:-1] + "ily"]
    if word.endswith("ly") or "-" in word:
        return [word]
    return [word, word + "ly"]


_GERMAN_ADJECTIVE = ("", "e", "en", "er", "es", "em")
_GERMAN_NOUN = ("", "s", "es", "n", "en", "e", "er", "ern")


def inflections(form: str, kind: str, language: str) -> list[str]:
    """``form`` and its inflected variants (``form`` first); starred forms are left alone."""
    text = " ".join(form.split())
    if not text or text.endswith("*") or kind not in INFLECT_KINDS:
        return [text]
    words = text.split(" ")
    variants: list[str] = []
    if language == "de":
        if kind == "verb":
            return [text]
        endings = _GERMAN_ADJECTIVE if kind == "adjective" else _GERMAN_NOUN
        last = words[-1]
        stem = last[:-1] if kind == "adjective" and last.endswith("e") else last
        variants = [" ".join([*words[:-1], stem + e]) for e in endings]
    elif kind == "verb":
        variants = [" ".join([v, *words[1:]]) for v in _english_verb(words[0])]
    elif kind == "noun":
        variants = [" ".join([*words[:-1], v]) for v in _english_noun(words[-1])]
    else:
        variants = [" ".join([*words[:-1], v]) for v in _english_adjective(words[-1])]
    return list(dict.fromkeys([text, *variants]))
