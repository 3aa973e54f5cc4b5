"""German speaker noun phrases: the whole phrase that names who is speaking.

German puts the subject either before the finite verb ("Die Fluggesellschaft KLM versicherte")
or, when something else opens the clause, right after it ("Am Montag sagte der 81-Jährige",
"…“, sagte der Vorsitzende des Verbandes, Elmar Gesse."). A speaker phrase is read forward with
a small grammar of German noun phrases:

    NP   := [determiner] modifier* head+ attachment* [", " apposition]
    head := a capitalised word (every German noun is), or a known pronoun
    attachment := genitive ("des Verbandes", "der Polizei") | "von/vom/aus …" with a name

Words that cannot belong to a noun phrase (a lowercase finite verb, a preposition opening an
adverbial, punctuation other than an apposition comma) end it. The functions return character
spans; resolving the phrase to a knowledge-base entity is done by the caller.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in words.split())


_TOKEN = re.compile(r"[\w][\w\-.'’/]*\w|[\w]|[,;:!?„“”\"«»()–—]|\.(?=\s|$)", re.UNICODE)

DETERMINERS = _set(
    "der die das den dem des ein eine einer eines einem einen kein keine keiner keines "
    "sein seine seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren unser unsere "
    "dieser diese dieses diesem diesen jener jene mehrere einige viele zwei drei vier fünf "
    "beide beiden alle zahlreiche"
)
PRONOUNS = _set("er sie es man wir ich dieser diese beide")
_GENITIVE = frozenset({"des", "der"})
_OBJECT_CASE = frozenset({"einen", "den", "dem", "einem", "ihn", "ihm", "ihnen", "sich", "uns"})
_ATTACH = frozenset({"von", "vom", "aus", "für"})
# adverbs and adverbials that may stand between the verb and a following subject
_ADVERBS = _set(
    "gestern heute morgen vorgestern nun jetzt dann zudem dazu weiter weiterhin auch außerdem "
    "ebenfalls ferner jedoch aber allerdings zwar bereits schon noch erneut später daraufhin "
    "danach zuvor damals inzwischen mittlerweile offenbar offensichtlich ausdrücklich wörtlich "
    "sinngemäß demnach nämlich sogar selbst gleichzeitig zugleich abschließend einst bislang "
    "wiederholt mehrfach kürzlich jüngst unlängst dabei hierzu darauf damit indes indessen "
    "vielmehr lediglich nur bloß ebenso gegenüber öffentlich schriftlich mündlich"
)
_TIME_NOUNS = _set(
    "montag dienstag mittwoch donnerstag freitag samstag sonntag wochenende morgen abend "
    "nachmittag vormittag mittag nacht januar februar märz april mai juni juli august "
    "september oktober november dezember woche monat jahr anfang ende mitte"
)
_NOT_NOUN_CAPS = _set(
    "dies das der die den dem des ein eine im am in auf nach bei mit von vor seit für über "
    "unter laut zufolge so wie als ob dass und oder aber doch denn damit deshalb daher trotzdem "
    "dennoch ich du er sie es wir ihr man da dort hier darum deswegen somit also sonst "
    "trotz wegen während nachdem bevor weil obwohl wenn falls sobald seitdem hinterher "
    "anschließend vorher zunächst zuerst schließlich endlich plötzlich sofort"
)
_NOT_NOUN_CAPS = _NOT_NOUN_CAPS | _ADVERBS  # "Inzwischen", "Damals" open a sentence capitalised
_MAX_WORDS = 16


def _tokens(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, a, b)]


def _is_word(tok: str) -> bool:
    return tok[:1].isalnum()


def _modifier(word: str) -> bool:
    """An attributive adjective, participle or number: "holländische", "81-jährige", "2.000"."""
    low = word.casefold()
    if word[:1].isdigit():
        return True
    return word[:1].islower() and (
        low.endswith(("e", "en", "er", "es", "em")) or "-" in low) and low not in _ADVERBS


def _head(word: str) -> bool:
    """A noun or name: capitalised, or a name with an inner capital ("el-Baradei", "dpa-AFX")."""
    if word.casefold() in _NOT_NOUN_CAPS:
        return False
    return word[:1].isupper() or ("-" in word and any(c.isupper() for c in word[1:]))


def parse_np(toks: list[tuple[int, int, str]], i: int, allow_apposition: bool = True) -> int:
    """Index after the noun phrase starting at ``toks[i]``; ``i`` itself when there is none."""
    n = len(toks)
    j = i
    if j < n and toks[j][2].casefold() in PRONOUNS and not (
            j + 1 < n and toks[j][2].casefold() in DETERMINERS and _head(toks[j + 1][2])):
        return j + 1  # "er", "sie"; but "diese Regierung" is a determiner with its noun
    if j < n and toks[j][2].casefold() in DETERMINERS:
        j += 1
    while j < n and _is_word(toks[j][2]) and _modifier(toks[j][2]) and not _head(toks[j][2]):
        j += 1
    heads = j
    while j < n:
        if _is_word(toks[j][2]) and _head(toks[j][2]):
            j += 1
        elif toks[j][2] in ("und", "sowie") and j > heads and j + 1 < n and _head(toks[j + 1][2]) \
                and not (j + 2 < n and toks[j + 2][2][:1].islower() and not _modifier(toks[j + 2][2])):
            j += 1  # "Der frühere Bürgermeister und Justizsenator"
        elif toks[j][2] in ("„", "«", "»", "\""):
            k = _quoted_name(toks, j)  # "die Wochenzeitschrift „Jungle World“"
            if k == j:
                break
            j = k
        else:
            break
    if j == heads:
        return i
    if j + 2 < n and toks[j][2] == "(" and toks[j + 2][2] == ")":
        j += 3  # "Guido Westerwelle (FDP)"
    words = j - i
    # attachments: genitive phrases and short prepositional ones with a name
    while j < n and words < _MAX_WORDS:
        w = toks[j][2].casefold()
        if w in _GENITIVE:
            k = parse_np(toks, j, allow_apposition=False)
            if k > j + 1:
                words += k - j
                j = k
                continue
            break
        if w in _ATTACH and j + 1 < n:
            k = parse_np(toks, j + 1, allow_apposition=False)
            if (k > j + 1 and toks[j + 1][2][:1].isupper()) or (k > j + 2 and toks[j + 1][2].casefold() in
                                                                ("der", "dem", "des", "den", "die")):
                last = toks[k - 1][2].casefold()
                if last in _TIME_NOUNS or toks[k - 1][2][:1].isdigit():
                    break
                words += k - j
                j = k
                continue
        break
    if allow_apposition and j + 1 < n and toks[j][2] == ",":
        k = parse_np(toks, j + 1, allow_apposition=False)
        if k > j + 1 and k - j <= 14 and (k >= n or toks[k][2] in (",", ".", ";", ":", "–", "—", "(")):
            if not (k < n and toks[k][2] == "," and k + 1 < n and toks[k + 1][2].casefold() in
                    ("der", "die", "das", "dessen", "deren", "welche", "welcher", "die")):
                return k
    return j


def _quoted_name(toks: list[tuple[int, int, str]], j: int) -> int:
    """Index after a short quoted name starting at ``toks[j]`` (an opening quotation mark)."""
    closing = {"„": "“", "«": "»", "»": "«", "\"": "\""}[toks[j][2]]
    for k in range(j + 1, min(len(toks), j + 7)):
        if toks[k][2] == closing or (closing == "“" and toks[k][2] == "”"):
            inner = toks[j + 1:k]
            if inner and inner[0][2][:1].isupper():
                return k + 1
            return j
        if not _is_word(toks[k][2]):
            return j
    return j


SUBORDINATORS = _set(
    "wie dass ob als weil nachdem da wenn während obwohl obgleich sobald bevor seit seitdem "
    "damit indem nachdem falls sofern"
)
AUXILIARIES = _set(
    "hat haben hatte hatten habe hätte hätten ist sind war waren sei seien wird werden wurde "
    "wurden will wollte wollten soll sollte sollten kann konnte konnten muss musste mussten "
    "darf durfte möchte mag"
)


def verb_final_subject(text: str, clause_start: int, verb_start: int) -> tuple[int, int] | None:
    """The subject of a clause whose verb of saying comes last: "wie die Polizei mitteilte",
    "Die Gruppen haben für Samstag Proteste angekündigt"."""
    toks = _tokens(text, clause_start, verb_start)
    if not toks:
        return None
    i = 0
    while i < len(toks) and toks[i][2].casefold() in ("und", "aber", "doch", "denn", "–", "—"):
        i += 1
    if i < len(toks) and toks[i][2].casefold() in SUBORDINATORS:
        j = skip_adverbials(toks, i + 1)
        k = parse_np(toks, j)
        return (toks[j][0], toks[k - 1][1]) if k > j else None
    for a in range(i, len(toks)):
        if toks[a][2].casefold() in AUXILIARIES:
            if a > i:
                k = parse_np(toks, i)
                if k == a:
                    return toks[i][0], toks[k - 1][1]
            j = skip_adverbials(toks, a + 1)
            k = parse_np(toks, j)
            return (toks[j][0], toks[k - 1][1]) if k > j else None
    return None


def skip_adverbials(toks: list[tuple[int, int, str]], i: int) -> int:
    """Index of the first word after adverbs and time phrases ("am Montag", "heute Abend")."""
    n = len(toks)
    while i < n:
        w = toks[i][2].casefold()
        if w in _ADVERBS:
            i += 1
            continue
        if w in ("am", "im", "in", "an", "bei", "vor", "nach", "während", "auf", "gegenüber", "mit",
                 "zum", "zur", "seit", "um", "wegen", "über", "laut") and i + 1 < n:
            k = parse_np(toks, i + 1, allow_apposition=False)
            if k > i + 1:
                i = k
                continue
        if toks[i][2][:1].isdigit():
            i += 1
            continue
        if w in _TIME_NOUNS and i + 1 <= n:
            i += 1
            continue
        break
    return i


def np_after(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The subject right after a verb, past adverbials: "sagte gestern der Sprecher, X"."""
    toks = _tokens(text, a, b)
    i = skip_adverbials(toks, 0)
    if i < len(toks) and toks[i][2].casefold() in _OBJECT_CASE:
        return None  # "forderte einen Waffenstillstand": the object, not the subject
    k = parse_np(toks, i)
    if k <= i:
        return None
    return toks[i][0], toks[k - 1][1]


def np_from(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The noun phrase starting right at ``a`` ("Angaben der Polizei", "„Welt“")."""
    toks = _tokens(text, a, b)
    k = parse_np(toks, 0)
    if k <= 0:
        return None
    return toks[0][0], toks[k - 1][1]


def np_covering(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The segment ``a..b`` (the words before a verb) when it is one noun phrase, possibly after
    an opening conjunction: "Die Fluggesellschaft KLM", "Elmar Gesse, Vorsitzender des Verbandes,"."""
    toks = _tokens(text, a, b)
    while toks and toks[-1][2] in (",", "–", "—"):
        toks.pop()
    i = 0
    while i < len(toks) and toks[i][2].casefold() in ("und", "aber", "doch", "denn", "auch", "so", "–", "—"):
        i += 1
    if i >= len(toks):
        return None
    k = parse_np(toks, i)
    if k != len(toks):
        return None
    if all(t[2].casefold() in _TIME_NOUNS or t[2][:1].isdigit() for t in toks[i:k]):
        return None  # "Anfang Juli"
    return toks[i][0], toks[k - 1][1]


def np_ending_at(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The longest noun phrase that ends right at ``b`` ("ersten Annahmen" zufolge, "den
    Angaben der Polizei" zufolge)."""
    toks = _tokens(text, a, b)
    best: tuple[int, int] | None = None
    for i in range(len(toks) - 1, max(-1, len(toks) - _MAX_WORDS - 1), -1):
        if toks[i][2] in (",", ";", ":", "(", ")", "–", "—", "."):
            break
        if parse_np(toks, i, allow_apposition=False) == len(toks):
            best = (toks[i][0], toks[-1][1])
    return best


def prepositional_source(text: str, a: int, b: int) -> tuple[int, int] | None:
    """"In einer Erklärung" heißt es, "Aus Paris" hieß es: the whole phrase a..b when it is a
    preposition (in, im, aus, bei) with its noun phrase."""
    toks = _tokens(text, a, b)
    while toks and toks[-1][2] in (",",):
        toks.pop()
    if len(toks) < 2 or toks[0][2].casefold() not in ("in", "im", "aus", "bei", "beim"):
        return None
    k = parse_np(toks, 1)
    if k != len(toks):
        return None
    return toks[0][0], toks[-1][1]
