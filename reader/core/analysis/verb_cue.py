"""When a verb form is a cue for reported speech, and where the clause after it ends.

``verb_ok`` tells a verb of saying from the same form used otherwise (an adjective, a noun, a
passive, a verb of declaring); ``de_clause_end`` finds the end of the clause after a German
verb, across a name in commas before its particle. ``Cue`` is a candidate the attribution
finder examines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.analysis import cues as C
from reader.core.analysis.phrases import _last_word, _words_before

CLAUSE_END = re.compile(r"[,;:!?„“”\"«»]|\.(?=\s|$)|\b(?:dass|that)\b", re.IGNORECASE)
_WORDS = re.compile(r"[\w][\w\-.'’]*", re.UNICODE)
_LOWER_WORD_NEXT = re.compile(r"\s+[a-zäöüß]")
_DASS_NEXT = re.compile(r"\s*dass\b", re.IGNORECASE)
DEMONSTRATIVE_OBJECT = re.compile(r"\s*(?:Dies|Das|Dieses|Dies alles|Das alles)\s+")
_PASSIVE_DE = frozenset({"wurde", "wurden", "worden", "werden", "wird"})
_OPENING_QUOTES = frozenset("„“”\"«»‚‘›‹")
_CLOSING_QUOTES = frozenset("“”\"«»‘’‹›")
_KONJUNKTIV = re.compile(
    r"\b(?:sei|seien|seiest|habe|hätte|hätten|werde|würde|würden|könne|könnten?|müsse|müssten?|"
    r"solle|dürfe|wolle|gebe|gäbe|liege|stehe|gehe|komme|bleibe|wäre|wären|möge)\b")
_SENT_END = re.compile(r"[.!?](?=\s|$)|\n")
_SPEECH_ACT_LEMMAS = frozenset({"zurückweisen", "bestreiten", "dementieren", "leugnen", "kritisieren",
                                "bekräftigen", "wiederholen", "erneuern", "äußern", "vorbringen"})
_SPEECH_OBJECT = re.compile(
    r"\b(?:Vorw[üu]rfe?|Kritik|Behauptung(?:en)?|Anschuldigung(?:en)?|Darstellung(?:en)?|"
    r"Berichte?|Äußerung(?:en)?|Aussage(?:n)?|Bedenken|Zweifel|Besorgnis|Forderung(?:en)?|"
    r"Vermutung(?:en)?|Gerüchte?|Spekulation(?:en)?|Angaben)\b")

_SICH_ADJ = re.compile(r"\s+sich\s+(?:(?:auch|ebenfalls|erneut|heute|gestern|sehr|zutiefst)\s+)?"
                       r"([a-zäöüß]\w+)")

# ", Magdalena Chu, (am Abend) mit": a name in commas between the verb and its particle
_APPOSITION = re.compile(
    r",\s+(?:(?:[A-ZÄÖÜ][\w.’'-]*|von|van|de|der|zu)\s+){0,3}[A-ZÄÖÜ][\w.’'-]*,(?=\s+[a-zäöü])")
_DE_PARTICLES = frozenset(p for forms in C.DE_VERBS.values() for v in forms for p in v.particles)


def de_clause_end(text: str, pos: int, end: int) -> tuple[int, str]:
    """Where the clause after a German verb at ``pos`` ends, and the mark or word there; a
    name in commas before the verb's particle ("teilte der Sprecher, Hans Meier, mit, dass")
    does not end it."""
    m = CLAUSE_END.search(text, pos, end)
    if m is None:
        return end, "."
    if m.group() == ",":
        a = _APPOSITION.match(text, m.start(), end)
        if a is not None:
            after = CLAUSE_END.search(text, a.end(), end)
            stop, mark = (after.start(), after.group()) if after else (end, ".")
            if _last_word(text, a.end(), stop).casefold() in _DE_PARTICLES:
                return stop, mark
    return m.start(), m.group()


def se_of(text: str, pos: int) -> int:
    """End of the sentence around ``pos`` (next full stop, ! ? or line break)."""
    m = _SENT_END.search(text, pos)
    return m.start() if m else len(text)


def sentence_initial(text: str, ss: int, pos: int) -> bool:
    """Only quotes, dashes or spaces between the sentence start (or a colon) and ``pos``."""
    i = pos - 1
    while i >= ss and (text[i].isspace() or text[i] in "„“”\"«»‚‘’'–—-("):
        i -= 1
    return i < ss or text[i] in ":.!?"


@dataclass
class Cue:
    start: int
    end: int
    type: str  # verb | prep | prep_before | imp | wie
    cue_end: int  # end including a separable particle
    verb: C.VerbCue | None = None
    particle: tuple[int, int] | None = None


def verb_ok(text: str, ss: int, cue: Cue, clause_end: int, boundary: str, preposed: bool,
            before_start: int, lang: str) -> bool:
    """Whether the verb form at ``cue`` is a verb of saying here, not an adjective, a noun, a
    passive or another sense of the word ("das erklärte Ziel", "Fragen", "bemerkte das Feuer")."""
    assert cue.verb is not None
    verb = cue.verb
    lo = max(ss, cue.start - 60) if lang == "en" else max(before_start, cue.start - 60)
    prev_words = _words_before(text, lo, cue.start, 4)  # German: not across a comma or quote
    prev_word = prev_words[-1].casefold() if prev_words else ""
    if lang == "en":
        if prev_word in C.EN_DETERMINERS:
            return False  # "the said agreement", "its stated goal"
        if prev_word in C.EN_NUMERALS or prev_word.isdigit():
            return False  # "one nation, two states"
        if prev_word in C.EN_PASSIVE:
            return False  # "were reported killed", "was criticised by"
        if text[cue.start].isupper() and cue.start > ss and text[cue.start - 2:cue.start].strip() not in ('"', "“", "”"):
            return False  # part of a name: "the United States"
        if prev_word == "all" and cue.start < len(text) and text[cue.start:cue.end].casefold() == "told":
            return False
        if text[cue.start:cue.end].casefold() == "said" and prev_word == "that" and cue.start - ss < 8:
            return False  # "That said, ..."
        nxt = text[cue.end:cue.end + 24].casefold().lstrip()
        if any(nxt.startswith(w) for w in C.EN_NON_SPEECH_AFTER.get(verb.lemma, ())):
            return False
        if verb.cls == "clause" and not (preposed or boundary in ",:„“”\"«»" or boundary.casefold() == "that"):
            return False
        return True
    # German
    if text[cue.start].isupper() and not sentence_initial(text, ss, cue.start):
        return False  # a capitalised form inside a sentence is a noun: "Fragen", "Antworten"
    if prev_word in C.DE_ARTICLES or prev_word in ("sein", "seine", "ihr", "ihre", "seiner", "ihrer"):
        # "das erklärte Ziel"; but "Das erklärte gestern ein Sprecher.", "Das bestätigte
        # die Organisation.": a sentence-opening "Das" and a lower-case word after the verb
        if not (DEMONSTRATIVE_OBJECT.fullmatch(text, ss, cue.start)
                and _LOWER_WORD_NEXT.match(text, cue.end)):
            return False
    if any(w.casefold() in _PASSIVE_DE for w in prev_words):
        return False  # "wurde zu fünf Jahren verurteilt"
    after = _WORDS.findall(text, cue.end, min(clause_end, cue.end + 30))[:1]
    if after and after[0].casefold() in _PASSIVE_DE | {"werde", "würde", "worden"}:
        return False  # "… genannt wurde", "bestätigt werden"
    last = _last_word(text, cue.end, clause_end).casefold()
    if verb.particles:
        if last not in verb.particles:
            return False
    elif verb.lemma == "sagen" and last in ("ab", "zu"):
        return False
    if verb.lemma == "erklären":
        near = _WORDS.findall(text, max(ss, cue.start - 40), cue.start)[-3:] + \
            _WORDS.findall(text, cue.end, clause_end)[:4]
        if any(w.casefold() in C.DE_NON_SPEECH_OBJECTS for w in near):
            return False  # "erklärte seine Unabhängigkeit": declaring, not speaking
    if verb.cls == "quote":
        # "»Still!«, zischte sie", "hub er an: »…«", "bemerkte er: „…“"; never a plain
        # clause ("bemerkte das Feuer, …", "lachte, als …")
        if boundary in "„“”\"«»":
            return True
        if boundary == ":":
            return text[clause_end + 1:clause_end + 4].lstrip()[:1] in _OPENING_QUOTES
        if preposed:
            return text[ss:cue.start].rstrip(" ,\u00a0")[-1:] in _CLOSING_QUOTES
        return False
    if verb.cls == "think":
        # "glaubt, dass …", "geht davon aus, die Lage sei …", "„…“, hofft er"
        if preposed or boundary.casefold() == "dass" or boundary in ":„“”\"«»":
            return True
        if boundary == "," and _DASS_NEXT.match(text, clause_end + 1):
            return True  # "hofft jedoch, dass …", "geht davon aus, dass …"
        return boundary == "," and _KONJUNKTIV.search(text, clause_end, min(se_of(text, clause_end), clause_end + 160)) is not None
    if verb.cls in ("clause", "pub") and DEMONSTRATIVE_OBJECT.fullmatch(text, ss, cue.start):
        return True  # "Dies bestätigte der Sprecher.": the sentence before is the content
    if verb.cls == "clause":
        if preposed:
            return True
        if boundary in ",:„“”\"«»" or boundary.casefold() == "dass":
            # a comma right after an object NP may close a relative clause; accept only
            # when the clause before the comma is short (the verb's own complement)
            return True
        return False
    # object verbs ("forderte den Rücktritt"): a reported clause or quotation, or a
    # speech-act object ("forderte … Aufklärung") when a person or body is the subject
    if preposed or boundary in ",:„“”\"«»" or boundary.casefold() == "dass":
        return True
    if verb.lemma in _SPEECH_ACT_LEMMAS and _SPEECH_OBJECT.search(text, cue.end, clause_end):
        return True  # "wies die Vorwürfe zurück", "bestritt die Darstellung"
    # "äußerte sich besorgt", "sprach sich für … aus": a statement by its nature
    m = _SICH_ADJ.match(text, cue.end)
    return m is not None and verb.lemma in ("äußern", "aussprechen") and (
        verb.lemma == "aussprechen" or m.group(1).casefold() not in C.DE_STOP)
