"""Rule-based signal patterns: accusations, figures, legal labels, absolutes, first person.

One compiled regex per signal and language; the analysis runs each at most once per sentence
(or once over the whole text), so the cost stays linear. Every pattern is a flat alternation
with no nested quantifiers (no catastrophic backtracking).
"""

from __future__ import annotations

import re

from reader.core.analysis.alternation import faster
from reader.core.analysis.prefilter import LiteralScan

_I = re.IGNORECASE

ACCUSATION = {
    "de": re.compile(
        r"\b(?:angegriffen|angriff\w*|anzugreifen|angreif\w*|griff\w*\s+\w+\s+an|beschoss\w*|beschuss|getötet|tötete\w*|"
        r"ermordet\w*|massaker\w*|zerstört\w*|vertrieben|vertrieb|besetzt\w*|besetzung|"
        r"verstoß\w*|verstieß\w*|provokation\w*|aggression\w*|gemartert\w*|geiseln|"
        r"gefangen\s+genommen|terror\w*|sabotage\w*|minen\s+\w*\s*gelegt|verbrechen|"
        r"gräueltat\w*|plünder\w*|vandalismus|blockade|blockiert\w*|niedergebrannt|niederbrannt\w*|"
        r"brannt\w*\s+(?:\w+\s+){0,4}nieder|in\s+brand\s+gesteckt|angezündet|zündet\w*\s+(?:\w+\s+){0,4}an|"
        r"bombardiert\w*|bombardier\w*|gesprengt|sprengt\w*|vermint|verschleppt\w*|gefoltert\w*|"
        r"hingerichtet\w*|erschossen|beschießt)\b",
        _I,
    ),
    "en": re.compile(
        r"\b(?:attack\w*|shell(?:ed|ing|s)?|killed|killing\w*|murder\w*|massacre\w*|"
        r"destroy\w*|expelled|occup(?:ied|ation|ying)|violat\w*|provocation\w*|aggression|"
        r"hostages?|terror\w*|sabotage\w*|mined|atrocit\w*|loot\w*|vandal\w*|blockade\w*|"
        r"blocked|crimes?|burn(?:ed|t|ing)|torched|set\s+(?:\w+\s+){0,3}(?:on\s+)?fire|bomb(?:ed|ing|ings)|"
        r"bombard\w*|blew\s+up|blown\s+up|tortur\w*|executed|abducted|fired\s+on|opened\s+fire)\b",
        _I,
    ),
}

CASUALTY = {
    "de": re.compile(
        r"\b(?:getötet\w*|tote[n]?|todesopfer|opfer[n]?|verwundet\w*|verletzt\w*|vermisst\w*|"
        r"vertrieben\w*|binnenvertrieben\w*|flüchtling\w*|geflüchtet\w*|geiseln|gefangen\w*|"
        r"gemartert\w*|märtyrer\w*|gefallen\w*|territori\w*|staatsgebiet\w*|gebiet(?:s|es)?|"
        r"zivilist\w*|behindert\w*)\b",
        _I,
    ),
    "en": re.compile(
        r"\b(?:killed|dead|deaths?|died|wounded|injured|missing|displaced|refugees?|idps|"
        r"hostages?|captured|prisoners?|martyr\w*|territor\w*|casualt\w*|civilians?|"
        r"disabled)\b",
        _I,
    ),
}

NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+|\d+(?:[.,]\d+)?)"
    r"(\s*(?:%|Prozent|percent|per\s?cent|Millionen|Million|Mio\.?|Tausend|million|thousand))?"
    r"|\b(?:eine|einer|one|a)\s+(?:Million|million)\b|\b(?:Tausende|Hunderte|thousands|hundreds)\b",
    _I,
)
MONTHS = re.compile(
    r"\.?\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember|January|February|March|May|June|July|October|December)\b",
    _I,
)

LEGAL = {
    "de": re.compile(
        r"\b(?:illegal\w*|völkerrechtswidrig\w*|rechtswidrig\w*|unrechtmäßig\w*|rechtmäßig\w*|"
        r"besetzt\w*|besatzung\w*|okkupi\w*|völkermord\w*|genozid\w*|ethnische\w*\s+säuberung\w*|"
        r"kriegsverbrechen|annexion|annektiert\w*)\b",
        _I,
    ),
    "en": re.compile(
        r"\b(?:illegal\w*|unlawful\w*|rightful\w*|occupied|occupation|genocid\w*|"
        r"ethnic(?:ally)?\s+cleans\w*|war\s+crimes?|annex\w*)\b",
        _I,
    ),
}

ABSOLUTES = {
    "de": re.compile(
        r"\b(?:niemals|nie|stets|kein(?:e|en|er|es)?\s+einzig\w*|ausnahmslos|sämtliche\w*|"
        r"systematisch\w*|vorsätzlich\w*|gezielt\w*|absichtlich\w*|bewusst\w*|brutal\w*|"
        r"rücksichtslos\w*|wahllos\w*|völlig\w*)\b",
        _I,
    ),
    "en": re.compile(
        r"\b(?:never|always|not\s+a\s+single|no\s+single|every\s+single|systematically|"
        r"systematic|deliberate(?:ly)?|intentionally|brutal(?:ly)?|indiscriminate(?:ly)?|"
        r"ruthless(?:ly)?|wholesale)\b",
        _I,
    ),
}

OUTLET_VOICE = {
    "de": re.compile(
        r"\b(?:unser|unsere|unserer|unseres|unserem|unseren)\s+(?:Armee|Land|Landes|Lande|"
        r"Soldaten|Streitkräfte\w*|Volk\w*|Heimat|Staat\w*|Truppen|Märtyrer\w*|Helden|Gebiet\w*|"
        r"Territori\w*|Region|Präsident\w*|Nation|Republik|Regierung|Kämpfer\w*|Städte|Dörfer|"
        r"Landsleute\w*|Bürger\w*|Brüder\w*|Heer\w*)\b",
        _I,
    ),
    "en": re.compile(
        r"\b(?:our)\s+(?:army|country|soldiers|troops|armed\s+forces|land|lands|people|nation|"
        r"homeland|martyrs|heroes|territory|territories|president|government|republic|forces|"
        r"cities|villages|compatriots|citizens|brothers)\b",
        _I,
    ),
}

SO_CALLED = {
    "de": re.compile(r"\b(?:sogenannt\w*|so\s+genannt\w*|sog\.|selbsternannt\w*|angeblich\w*)", _I),
    "en": re.compile(r"\b(?:so-called|so\s+called|self-styled|self-proclaimed|alleged|supposed)\b", _I),
}

SCARE_WORDS = re.compile(
    r"^(?:präsident\w*|präsidentschaft\w*|wahl\w*|präsidentschaftswahl\w*|parlamentswahl\w*|"
    r"regierung\w*|republik\w*|parlament\w*|minister\w*|behörde\w*|friedenstruppe\w*|"
    r"friedenssoldat\w*|friedenshüter\w*|staat\w*|führ\w*|anführer\w*|\w*aktivist\w*|"
    r"umweltschützer\w*|referendum\w*|verfassung\w*|armee\w*|president\w*|election\w*|"
    r"government\w*|republic\w*|parliament\w*|authorit\w*|peacekeep\w*|state\w*|leader\w*|"
    r"activist\w*|eco-activist\w*|environmentalist\w*|army|constitution\w*|vote\w*)$",
    _I,
)

QUESTION_END = re.compile(r"\?\W*$")


# the same patterns with their alternations as tries (alternation.py), tried only where one of
# their keywords occurs (prefilter.py): same matches, a fraction of the time
# (one scan per language: a German text is never searched for "our" or "no")
_SCANS = {"de": LiteralScan(), "en": LiteralScan()}
ACCUSATION, CASUALTY, LEGAL, ABSOLUTES, OUTLET_VOICE, SO_CALLED = (
    {lang: _SCANS[lang].fast(faster(p)) for lang, p in table.items()}
    for table in (ACCUSATION, CASUALTY, LEGAL, ABSOLUTES, OUTLET_VOICE, SO_CALLED))
NUMBER, MONTHS, SCARE_WORDS = faster(NUMBER), faster(MONTHS), faster(SCARE_WORDS)
# QUESTION_END starts with a literal "?": the regex engine's own search for it is fast
