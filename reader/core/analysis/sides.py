"""Small word tables used to type unresolved speakers: side adjectives, institutions, titles.

These are grammar, not knowledge: demonyms and capitals that point at a side, nouns that
name an institution or an anonymous source, and job titles. Entities themselves come from
the knowledge base.
"""

from __future__ import annotations

import re

from reader.core.analysis.alternation import faster

# adjective/demonym/capital stems -> side code (matched at word start, case-insensitive)
SIDE_WORDS: dict[str, dict[str, str]] = {
    "de": {
        "aserbaidschan": "AZ", "baku": "AZ", "bakus": "AZ",
        "armeni": "AM", "armenisch": "AM", "jerewan": "AM", "eriwan": "AM", "karabach-armen": "AM",
        "stepanakert": "AM",
        "russ": "RU", "moskau": "RU", "kreml": "RU",
        "türk": "TR", "ankara": "TR",
        "us": "US", "amerikan": "US", "washington": "US", "vereinigten staaten": "US",
        "weißen haus": "US", "weiße haus": "US", "pentagon": "US", "state department": "US",
        "französisch": "EU", "deutsch": "EU", "europäisch": "EU", "brüssel": "EU", "eu": "EU",
        "paris": "EU", "berlin": "EU", "bundesregierung": "EU", "auswärtig": "EU",
        "arzach": "AM", "artsakh": "AM",
    },
    "en": {
        "azerbaijan": "AZ", "azeri": "AZ", "baku": "AZ",
        "armenia": "AM", "yerevan": "AM", "karabakh armenian": "AM", "stepanakert": "AM",
        "russia": "RU", "moscow": "RU", "kremlin": "RU",
        "turk": "TR", "ankara": "TR",
        "us": "US", "u.s": "US", "american": "US", "washington": "US", "united states": "US",
        "state department": "US", "white house": "US", "pentagon": "US",
        "french": "EU", "german": "EU", "european": "EU", "brussels": "EU", "eu": "EU",
        "paris": "EU", "berlin": "EU", "artsakh": "AM",
    },
}

SIDE_NAMES = {
    "AZ": "Azerbaijani", "AM": "Armenian", "RU": "Russian", "TR": "Turkish", "US": "US",
    "EU": "EU", "WEST": "Western", "INT": "international", "IND": "independent",
    "general": "general", "unknown": "unidentified",
}

# nouns naming a state institution: "Pressedienst des Präsidenten" -> government
INSTITUTIONS: dict[str, dict[str, str]] = {
    "de": {
        "präsidentschaft": "government", "präsidialamt": "government", "pressedienst": "government",
        "regierung": "government", "ministerium": "government", "außenministerium": "government",
        "verteidigungsministerium": "military", "parlament": "government", "büro": "government",
        "verwaltung": "government", "administration": "government", "kabinett": "government",
        "botschaft": "government", "behörde": "government", "behörden": "government",
        "sprecher": "government", "sprecherin": "government", "staatsanwaltschaft": "government",
        "armee": "military", "streitkräfte": "military", "militär": "military",
        "generalstab": "military", "ombudsmann": "government", "ombudsfrau": "government",
        "erklärung": "statement", "mitteilung": "statement", "stellungnahme": "statement",
        "agentur": "media", "nachrichtenagentur": "media", "zeitung": "media", "sender": "media",
        "fernsehen": "media", "medien": "media", "staatsmedien": "media",
    },
    "en": {
        "presidency": "government", "press service": "government", "government": "government",
        "state department": "government", "white house": "government",
        "ministry": "government", "foreign ministry": "government", "defence ministry": "military",
        "defense ministry": "military", "parliament": "government", "office": "government",
        "administration": "government", "cabinet": "government", "embassy": "government",
        "authorities": "government", "spokesman": "government", "spokeswoman": "government",
        "spokesperson": "government", "prosecutor": "government", "ombudsman": "government",
        "army": "military", "armed forces": "military", "military": "military",
        "statement": "statement", "readout": "statement", "communique": "statement",
        "agency": "media", "news agency": "media", "newspaper": "media", "broadcaster": "media",
        "state media": "media", "television": "media",
    },
}

ANONYMOUS = {
    "de": ("beamte", "beamten", "quelle", "quellen", "kreise", "kreisen", "diplomaten",
           "insider", "beobachter", "informanten", "vertreter", "offizielle"),
    "en": ("official", "officials", "source", "sources", "diplomat", "diplomats", "insider",
           "insiders", "observers", "people familiar"),
}

TITLES = {
    "de": ("präsident", "präsidentin", "staatsoberhaupt", "staatschef", "premierminister",
           "ministerpräsident", "außenminister", "außenministerin", "minister", "ministerin",
           "verteidigungsminister", "botschafter", "berater", "sprecher", "sprecherin", "regierungschef",
           "generalsekretär", "vorsitzende", "vorsitzender", "kanzler", "kanzlerin"),
    "en": ("president", "head of state", "prime minister", "foreign minister", "minister",
           "secretary of state", "secretary", "ambassador", "aide", "adviser", "advisor",
           "spokesman", "spokeswoman", "spokesperson", "chancellor", "secretary-general",
           "chairman", "chair"),
}

PRONOUNS = {
    "de": frozenset({"er", "sie", "dieser", "diese"}),
    "en": frozenset({"he", "she", "they"}),
}

_WORD = re.compile(r"[\w\-.]+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.casefold().strip(".") for w in _WORD.findall(text)]


_SIDE_RES: dict[str, re.Pattern[str]] = {}
_EXACT = {"US": "US", "U.S.": "US", "USA": "US", "EU": "EU", "UdSSR": "RU"}
_EXACT_RE = re.compile(r"(?<![\w.])(?:U\.S\.|US|USA|EU)(?![\w])")


def _side_re(language: str) -> re.Pattern[str]:
    pattern = _SIDE_RES.get(language)
    if pattern is None:
        table = SIDE_WORDS.get(language, SIDE_WORDS["en"])
        stems = sorted((s for s in table if len(s) >= 4), key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(s) for s in stems) + r")", re.IGNORECASE
        )
        _SIDE_RES[language] = pattern
    return pattern


def side_of_words(text: str, language: str) -> str | None:
    """The first side named by a demonym/capital in ``text`` ("aserbaidschanische" -> AZ)."""
    table = SIDE_WORDS.get(language, SIDE_WORDS["en"])
    m = _side_re(language).search(text)
    e = _EXACT_RE.search(text)
    if e and (m is None or e.start() < m.start()):
        return _EXACT.get(e.group(), "US")
    if m:
        return table.get(m.group(1).casefold())
    return None


def sides_in(text: str, language: str) -> list[tuple[int, str]]:
    """(position, side) of every demonym/capital in ``text``."""
    table = SIDE_WORDS.get(language, SIDE_WORDS["en"])
    out = [(m.start(), table.get(m.group(1).casefold(), "unknown")) for m in _side_re(language).finditer(text)]
    out.extend((e.start(), _EXACT.get(e.group(), "US")) for e in _EXACT_RE.finditer(text))
    return sorted(out)


def _institution_re(table: dict[str, str]) -> re.Pattern[str]:
    """The nouns in table order: the regex's leftmost match, and at that position its first
    branch that matches, is the noun found first in the text (the table's first on a tie)."""
    return faster(re.compile("|".join(re.escape(noun) for noun in table)))


_INSTITUTION_RES = {language: _institution_re(table) for language, table in INSTITUTIONS.items()}


def institution_kind(text: str, language: str) -> str | None:
    """Kind of institution the phrase names (the first institution noun in it, also as the
    head of a compound, wins)."""
    if language not in INSTITUTIONS:
        language = "en"
    m = _INSTITUTION_RES[language].search(text.casefold())
    return INSTITUTIONS[language][m.group()] if m else None


# ANONYMOUS split into single words (looked up in a text's words) and phrases (in its text)
_ANON_WORDS = {lang: frozenset(a for a in table if " " not in a) for lang, table in ANONYMOUS.items()}
_ANON_PHRASES = {lang: tuple(a for a in table if " " in a) for lang, table in ANONYMOUS.items()}


def is_anonymous(text: str, language: str) -> bool:
    ws = set(words(text))
    if not ws.isdisjoint(_ANON_WORDS.get(language, ())):
        return True
    phrases = _ANON_PHRASES.get(language, ())
    if phrases:
        low = text.casefold()
        if any(a in low for a in phrases):
            return True
    if language == "de":  # compounds: "Regierungskreisen", "Militärquellen", "Sicherheitskreise"
        return any(w.endswith(_DE_ANON_HEADS) for w in ws)
    return False


_DE_ANON_HEADS = ("kreise", "kreisen", "quelle", "quellen", "diplomaten", "insider")


def title_in(text: str, language: str) -> str | None:
    low = text.casefold()
    for t in TITLES.get(language, ()):
        if t in low:
            return t
    return None
