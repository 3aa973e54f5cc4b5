"""Named persons in an article, for resolving "er", "sie", "der Minister" to a name.

A German article introduces people as a role noun with a name ("Die Ministerin Anna Berger",
"Außenminister Karl Huber") or a name with a role in apposition ("Paul Meier, der Sprecher des
Verbandes"). Each introduction is kept with its position, its role noun and the grammatical
gender the role shows (``-in`` is feminine); a pronoun or a bare role noun later refers to the
most recent person that fits. Names the knowledge base knows are resolved elsewhere; this is
for everyone else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import ahocorasick

from reader.core.analysis.matcher import fold

_ROLE_STEMS = (
    "präsident|minister|ministerpräsident|premierminister|kanzler|sprecher|bürgermeister|chef|"
    "direktor|leiter|botschafter|generalsekretär|vorsitzende|abgeordnete|senator|gouverneur|"
    "richter|professor|anwalt|anwältin|bischof|general|kommandeur|berater|beauftragte|"
    "geschäftsführer|vorstand|trainer|kandidat|ermittler|staatsanwalt|oberstaatsanwalt|"
    "polizeisprecher|regierungssprecher|parteichef|fraktionschef|experte|analyst|forscher|"
    "wissenschaftler|arzt|ärztin|politiker|diplomat|sekretär|außenminister|innenminister|"
    "verteidigungsminister|justizminister|finanzminister|gesundheitsminister|staatssekretär|"
    "lehrer|zeuge|schüler|student|autor|journalist|reporter|korrespondent|bewohner|anwohner|"
    "aktivist|unternehmer|mitarbeiter|angeklagte|verteidiger|kläger|vermittler|gesandte|"
    "kommissar|offizier|soldat|pfarrer|priester|imam|rabbiner|redakteur|gründer|inhaber|"
    "organisator|sänger|künstler|schriftsteller|historiker|ökonom|soziologe|politologe"
)
_FEMININE = ("mutter", "tochter", "schwester", "witwe", "frau")
# one Aho-Corasick pass finds the role nouns; names are then read
# around each hit, case-sensitively
def _stem_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for stem in _ROLE_STEMS.split("|"):
        automaton.add_word(stem, len(stem))
    automaton.make_automaton()
    return automaton


_STEMS = _stem_automaton()
_NAME = r"[A-ZÄÖÜ][a-zäöüß'’-]+(?:\s+(?:von\s+|van\s+|de\s+|al-|el-)?[A-ZÄÖÜ][a-zäöüß'’-]+){1,2}"
_NAME_AFTER = re.compile(rf"\s+({_NAME})\b")
_NAME_BEFORE = re.compile(rf"({_NAME}),\s+(?:der|die|den|dem|ein|eine|einen|einem)\s+(?:[\wäöüß-]+\s+)?$")
_NOT_NAMES = frozenset({"der", "die", "das", "des", "dem", "den", "und", "am", "im"})
_ROLE_ENDINGS = ("", "in", "innen", "en", "er", "ern", "e", "s", "n")


@dataclass(frozen=True)
class NamedPerson:
    start: int
    end: int
    name: str
    role: str
    gender: str  # f | m | ?


def _gender(role: str, before: str = "") -> str:
    """f or m: from a feminine ending ("Ministerin"), else from the article before the role
    ("die Vorsitzende"; "der" may be a feminine genitive, so the ending decides first)."""
    low = role.casefold()
    if low.endswith(("in", "innen", *_FEMININE)) and not low.endswith(("berlin",)):
        return "f"
    article = before.split()[-1].casefold() if before.split() else ""
    return "f" if article in ("die", "eine") else "m"


def find_named_persons(text: str) -> list[NamedPerson]:
    """Every role-with-name introduction in ``text``, in order of position."""
    out: dict[int, NamedPerson] = {}
    seen_words: set[int] = set()
    hits = sorted((end - length + 1, end + 1) for end, length in _STEMS.iter(fold(text)))
    for m_start, m_end in hits:
        ws = m_start
        while ws > 0 and (text[ws - 1].isalpha() or text[ws - 1] == "-"):
            ws -= 1
        if ws in seen_words or not text[ws:ws + 1].isupper():
            continue
        we = m_end
        while we < len(text) and text[we].isalpha():
            we += 1
        if text[m_end:we].casefold() not in _ROLE_ENDINGS:
            continue  # "Ministerium", "Chefsache": not a role
        seen_words.add(ws)
        role = text[ws:we]
        after = _NAME_AFTER.match(text, we)
        if after is not None and after.group(1).split()[0].casefold() not in _NOT_NAMES:
            start, end = after.span(1)
            out.setdefault(start, NamedPerson(start, end, after.group(1), role.casefold(), _gender(role, text[max(0, ws - 8):ws])))
            continue
        before = _NAME_BEFORE.search(text, max(0, ws - 90), ws)
        if before is not None and before.group(1).split()[0].casefold() not in _NOT_NAMES:
            start, end = before.span(1)
            out.setdefault(start, NamedPerson(start, end, before.group(1), role.casefold(), _gender(role, text[max(0, ws - 8):ws])))
    return [out[k] for k in sorted(out)]


def _start(p: NamedPerson) -> int:
    return p.start


def fitting(persons: list[NamedPerson], before: int, pronoun: str = "", role: str = "") -> NamedPerson | None:
    """The most recent person introduced before ``before`` who fits a pronoun ("sie": feminine)
    or a role noun ("der Minister": a minister). ``persons`` in order of start, as
    ``find_named_persons`` gives them."""
    want = {"sie": "f", "er": "m"}.get(pronoun.casefold(), "")
    role_low = role.casefold()
    # ``persons`` are in order of start; one starting at ``before`` or later also ends after it
    first_after = bisect.bisect_left(persons, before, key=_start)
    for k in range(first_after - 1, -1, -1):
        p = persons[k]
        if p.end > before:
            continue
        if want and p.gender != want:
            continue
        if role_low and not (role_low in p.role or p.role.rstrip("in") in role_low):
            continue
        return p
    return None
