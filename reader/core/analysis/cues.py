"""Attribution cues per language, compiled once into one regex per language.

A cue is one of:

- ``verb``: a speech verb ("sagte", "teilte … mit", "said", "told"); its class says what it
  needs: ``clause`` verbs count only with a reported clause (comma, colon, quote) or in
  pre-posed position ("…, sagte X."), ``object`` verbs also with an object ("forderte einen
  Waffenstillstand"), ``free`` verbs always (English "said" takes a bare clause);
- ``prep``: a source preposition whose speaker follows ("laut", "nach Angaben", "according to")
  or precedes ("zufolge");
- ``imp``: an impersonal or passive cue with no speaker of its own ("heißt es",
  "Es wurde darauf aufmerksam gemacht", "it was noted"); it goes to the article's readout
  source;
- ``wie``: a German "wie X mitteilte" clause (speaker inside).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.analysis.alternation import faster
from reader.core.analysis.de_verbs import DE_VERB_FORMS
from reader.core.analysis.prefilter import LiteralScan


@dataclass(frozen=True)
class VerbCue:
    lemma: str
    cls: str  # clause | object | free
    particles: tuple[str, ...] = ()  # separable particles, one of which must close the clause
    publication: bool = False  # a publishing verb ("teilte mit", "reported"): frames a readout
    negative_particles: tuple[str, ...] = ()  # "sagte … ab" is not speech


def _verbs(spec: list[tuple[str, str, str, tuple[str, ...], bool]]) -> dict[str, VerbCue]:
    table: dict[str, VerbCue] = {}
    for forms, lemma, cls, particles, publication in spec:
        for form in forms.split():
            table[form] = VerbCue(lemma, cls, particles, publication)
    return table


# German: the generated table of verbs of saying and thinking (``de_verbs.py``); a form may
# stand for several verbs ("gab … bekannt", "gab … an"), told apart by the clause's last word
DE_VERBS: dict[str, tuple[VerbCue, ...]] = {
    form: tuple(VerbCue(v.lemma, v.cls, v.particles, v.publication) for v in verbs)
    for form, verbs in DE_VERB_FORMS.items()
}


def choose_de(forms: tuple[VerbCue, ...], clause_last_word: str) -> VerbCue | None:
    """Which verb a German form is, given the last word of its clause (see ``de_verbs.choose``)."""
    last = clause_last_word.casefold()
    plain: VerbCue | None = None
    for verb in forms:
        if verb.particles:
            if last in verb.particles:
                return verb
        elif plain is None:
            plain = verb
    return plain


# "sagte … ab/zu" (cancelled/promised) is not speech
DE_NEGATIVE_PARTICLES = {"sagen": ("ab", "zu"), "erklären": ()}
DE_SPRACH = re.compile(r"\b(?:sprach|sprachen|spricht)\s+(?:von|vom)\b", re.IGNORECASE)

EN_VERBS = _verbs([
    ("said says told tells", "say", "free", (), False),
    ("stated states", "state", "free", (), False),
    ("added adds", "add", "free", (), False),
    ("noted notes", "note", "free", (), False),
    ("stressed stresses emphasised emphasized emphasises emphasizes underlined underscored",
     "stress", "free", (), False),
    ("claimed claims alleged alleges asserted insisted insists argued argues maintained",
     "claim", "free", (), False),
    ("announced announces", "announce", "object", (), True),
    ("reported reports", "report", "free", (), True),
    ("confirmed confirms acknowledged admitted recalled explained", "confirm", "free", (), False),
    ("wrote writes", "write", "free", (), False),
    ("declared declares", "declare", "clause", (), False),
    ("warned warns urged urges demanded demands", "demand", "object", (), False),
    ("accused accuses blamed blames", "accuse", "object", (), False),
    ("denied denies rejected rejects", "deny", "object", (), False),
    ("condemned condemns criticised criticized criticises criticizes", "condemn", "object", (), False),
    ("welcomed welcomes expressed expresses voiced", "express", "object", (), False),
])
EN_MULTI = re.compile(
    r"\b(?:called|calls|call)\s+(?:for|on)\b|\b(?:pointed|points)\s+out\b|"
    r"(?<![\w-])(?:called|calls|described|describes)\b(?=[^.;:\"“”]{0,60}[\"“])", re.IGNORECASE
)

DE_PREP = re.compile(
    r"\blaut\b|\bunter\s+Berufung\s+auf\b|\bzufolge\b",
    re.IGNORECASE,
)
# "nach Angaben der Polizei", "nach eigenen Angaben", "nach Ansicht des Gerichts", "nach
# Polizeiangaben": nach, up to three lowercase modifiers, a noun of stating or reckoning
_SOURCE_NOUNS = (
    r"(?:[\w-]*(?:angaben|berichten|aussagen|informationen|meinung|schätzungen|zählungen)|"
    r"Angabe|Aussage|Ansicht|Auffassung|Einschätzung|Schätzung|Darstellung|Darstellungen|Worten|"
    r"Erkenntnissen|Auskunft|Berechnungen|Überzeugung|Quellenlage|Planungen|Mitteilung|"
    r"Erklärung|Ankündigung|Lesart|Interpretation|Sicht|Prognosen?|Umfragen?|Studien?|Vernehmen)"
)
DE_NACH = re.compile(
    r"\b(?:[Nn]ach|[Gg]emäß)\s+(?:(?-i:[a-zäöüß][\w-]*|[A-ZÄÖÜ][\w-]*(?:ischen|schen|nischen))\s+){0,3}?"
    r"(?i:" + _SOURCE_NOUNS + r")\b"
)
# "Seiner Meinung nach", "Dem Vernehmen nach", "Angaben der Polizei nach" (postposed nach)
DE_NACH_POST = re.compile(
    r"\b(?:[Ss]einer|[Ii]hrer|[Uu]nserer|[Dd]eren|[Dd]essen|[Dd]em|[Dd]en)\s+"
    r"(?:Meinung|Ansicht|Auffassung|Einschätzung|Vernehmen|Angaben|Worten|Überzeugung|"
    r"Darstellung|Aussagen?)\s+nach\b"
)
# "…, so der Sprecher." / "…“, so Schnappauf weiter.": the speaker follows "so"
# (the comma or quote before "so" is checked where the cue is examined: a lookbehind here
# would keep the pattern from being prefiltered)
DE_SO = re.compile(r"\bso\b(?=\s+\S)")
# "Demnach sei …", "ein Bericht, wonach …": the source is the one just named
DE_REF = re.compile(r"\b(?:[Dd]emnach|wonach)\b")
EN_PREP = re.compile(
    r"\baccording\s+to\b|\bciting\b|\bas\s+reported\s+by\b|\bin\s+the\s+words\s+of\b|"
    r"\bquoted\s+by\b",
    re.IGNORECASE,
)
DE_IMP = re.compile(
    r"\b(?:heißt|hieß)\s+es\b|\bes\s+(?:heißt|hieß)\b|\b(?:wurde|wurden)\s+"
    r"(?:(?:darauf|dabei|zudem|auch|ferner|außerdem|erneut|nochmals|ebenfalls|besonders)\s+){0,2}"
    r"(?:aufmerksam\s+gemacht|hingewiesen|betont|hervorgehoben|mitgeteilt|erklärt|unterstrichen|"
    r"festgestellt|erwähnt|bekräftigt|gesagt|angemerkt|versichert|bekannt\s+gegeben)\b|"
    # "Ihm wird vorgeworfen, …": an accusation whose accuser is not named
    r"\b(?:wird|wurde|werden|wurden)\s+(?:(?:unter\s+anderem|auch|zudem|ferner|außerdem|nun|"
    r"jetzt|erneut)\s+)?(?:vorgeworfen|beschuldigt)\b",
    re.IGNORECASE,
)
EN_IMP = re.compile(
    r"\bit\s+(?:was|has\s+been|had\s+been|is)\s+(?:also\s+)?(?:noted|stressed|said|emphasi[sz]ed|"
    r"underlined|pointed\s+out|announced|stated|added|mentioned|recalled)\b|"
    r"\bthe\s+(?:statement|readout|communiqu[eé]|release)\s+(?:said|says|added|noted|read|stated)\b",
    re.IGNORECASE,
)
DE_WIE = re.compile(
    r"\bwie\s+(?:[^\s,.;:!?]+\s+){0,10}?(?:mitteilte|mitteilten|berichtete|berichteten|sagte|"
    r"sagten|erklärte|erklärten|meldete|meldeten|betonte|betonten|bekanntgab|verlautete|"
    r"mitgeteilt\s+wurde|berichtet\s+wurde)\b",
    re.IGNORECASE,
)

EN_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "such", "any", "every"]
)
EN_NON_SPEECH_AFTER = {
    "declare": ("war", "martial", "a state", "the state", "independence", "an emergency"),
    "claim": ("the lives", "the life", "victory", "lives"),
}
# "two states", "some claims": a numeral or quantifier before the cue makes it a noun
EN_NUMERALS = frozenset(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "other", "sovereign",
     "member", "baltic", "gulf"]
)
# "erklärte seine Unabhängigkeit / den Krieg / den Kriegszustand": declaring, not speaking
DE_NON_SPEECH_OBJECTS = frozenset(
    ["unabhängigkeit", "krieg", "kriegszustand", "ausnahmezustand", "kriegsrecht", "mobilisierung",
     "waffenruhe", "waffenstillstand", "rücktritt", "bereitschaft"]
)
EN_PASSIVE = frozenset(["was", "were", "been", "is", "are", "be", "being"])

# words that end a noun phrase when scanning for a speaker
DE_STOP = frozenset(
    ["am", "im", "in", "an", "auf", "bei", "nach", "vor", "während", "gegenüber", "mit", "für", "über", "unter", "seit", "bis", "durch", "um", "ohne", "gegen", "wegen", "und", "oder", "aber", "sondern", "dass", "ob", "wie", "als", "wenn", "weil", "da", "denn", "so", "auch", "noch", "bereits", "schon", "heute", "gestern", "am", "zudem", "jedoch", "außerdem", "hat", "haben", "hatte", "hatten", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "habe", "sei", "seien", "diesbezüglich", "dabei", "dazu", "daher", "damit", "erneut", "zum", "zur", "vom", "beim", "ins", "ihn", "ihm", "ihr", "sich"]
)
EN_STOP = frozenset(
    ["in", "on", "at", "to", "for", "with", "during", "after", "before", "since", "by", "from", "over", "under", "about", "against", "and", "or", "but", "that", "whether", "if", "as", "when", "because", "so", "also", "still", "already", "today", "yesterday", "has", "have", "had", "is", "are", "was", "were", "will", "would", "be", "been", "it", "in", "a", "statement", "on"]
)
DE_ARTICLES = frozenset(
    ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "kein", "keine"]
)
EN_ARTICLES = frozenset(["the", "a", "an"])
TIME_WORDS = frozenset(
    ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "morgen", "abend", "woche", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weekend"]
)


def verb_regex(table: dict[str, VerbCue] | dict[str, tuple[VerbCue, ...]]) -> re.Pattern[str]:
    forms = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)


DE_VERB_RE = verb_regex(DE_VERBS)
EN_VERB_RE = verb_regex(EN_VERBS)

# the same patterns with their alternations as tries (alternation.py), tried only where one of
# their keywords occurs (prefilter.py): same matches, a fraction of the time
# one scan per language: a German text is never searched for "it" or "said"
_DE_SCAN, _EN_SCAN = LiteralScan(), LiteralScan()
EN_VERB_RE, EN_PREP, EN_IMP, EN_MULTI = (
    _EN_SCAN.fast(faster(p)) for p in (EN_VERB_RE, EN_PREP, EN_IMP, EN_MULTI))
DE_PREP, DE_IMP, DE_WIE, DE_SPRACH, DE_NACH, DE_NACH_POST, DE_SO, DE_REF = (
    _DE_SCAN.fast(faster(p)) for p in (DE_PREP, DE_IMP, DE_WIE, DE_SPRACH, DE_NACH, DE_NACH_POST, DE_SO, DE_REF))
# ~700 verb forms are more than the parse-tree prefixes allow; the forms themselves are the literals
DE_VERB_RE = _DE_SCAN.fast(faster(DE_VERB_RE), set(DE_VERBS))
