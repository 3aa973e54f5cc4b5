"""Content checks for the English wording lexicon (resources/lexicon/en.yaml).

The file format is described in docs/formats.md, section "Lexicons". These tests check the
data itself: structure, allowed values, side balance, mirror links, and (with a small
reference matcher that follows the documented matching rules) that neutral English does not
trigger any entry while typical loaded sentences trigger the expected one.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from reader.core.knowledge.model import LEXICON_CATEGORIES, LEXICON_RULES, LEXICON_SIDES

LEXICON = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "en.yaml"

CATEGORIES = set(LEXICON_CATEGORIES)
RULES = set(LEXICON_RULES)
SIDES = set(LEXICON_SIDES)
REQUIRED = (
    "id",
    "forms",
    "category",
    "side",
    "rule",
    "explanation",
    "explanation_de",
    "alternative",
)
ID_RE = re.compile(r"^en-[a-z0-9]+(?:-[a-z0-9]+)*$")
# Forms that would match ordinary English and must never appear on their own.
TOO_BROAD = {
    "terror*",
    "terror",
    "occupied",
    "occupied*",
    "occupation",
    "liberated",
    "liberated*",
    "liberation",
    "liberal*",
    "said",
    "regime",
    "enemy",
    "heroes",
    "hero*",
    "illegal",
    "aggression",
    "reintegration",
    "genocide",
    "martyr",
    "separatist*",
}


# --------------------------------------------------------------------------- helpers


def _word_pattern(phrase: str, allow_star: bool) -> str:
    words = phrase.split()
    parts = []
    for index, word in enumerate(words):
        star = allow_star and index == len(words) - 1 and word.endswith("*")
        core = word[:-1] if star else word
        parts.append(re.escape(core) + (r"\w*" if star else ""))
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


class ReferenceMatcher:
    """Case-insensitive whole-word matcher built from forms, as docs/formats.md describes.

    A trailing ``*`` on the last word matches any word ending; whitespace in a form matches
    any run of whitespace; an ``unless`` phrase whose match contains a form match suppresses it.
    """

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self._compiled = []
        for entry in entries:
            forms = [re.compile(_word_pattern(f, True), re.IGNORECASE) for f in entry["forms"]]
            unless = [
                re.compile(_word_pattern(u, False), re.IGNORECASE)
                for u in entry.get("unless") or []
            ]
            self._compiled.append((entry["id"], forms, unless))

    def match_ids(self, text: str) -> set[str]:
        found = set()
        for entry_id, forms, unless in self._compiled:
            blocked = [m.span() for pattern in unless for m in pattern.finditer(text)]
            for pattern in forms:
                for m in pattern.finditer(text):
                    start, end = m.span()
                    if not any(b0 <= start and end <= b1 for b0, b1 in blocked):
                        found.add(entry_id)
        return found


@pytest.fixture(scope="module")
def lexicon() -> dict[str, Any]:
    with LEXICON.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def entries(lexicon: dict[str, Any]) -> list[dict[str, Any]]:
    items = lexicon["entries"]
    assert isinstance(items, list)
    return items


@pytest.fixture(scope="module")
def matcher(entries: list[dict[str, Any]]) -> ReferenceMatcher:
    return ReferenceMatcher(entries)


# --------------------------------------------------------------------------- structure


def test_header(lexicon: dict[str, Any]) -> None:
    assert lexicon["id"] == "lexicon-en"
    assert lexicon["language"] == "en"
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", str(lexicon["version"]))


def test_entry_count(entries: list[dict[str, Any]]) -> None:
    assert len(entries) >= 150


def test_ids_unique_and_prefixed(entries: list[dict[str, Any]]) -> None:
    ids = [e["id"] for e in entries]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    bad = [i for i in ids if not ID_RE.match(i)]
    assert not bad


def test_required_keys_and_allowed_values(entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        missing = [k for k in REQUIRED if not entry.get(k)]
        assert not missing, (entry.get("id"), missing)
        assert entry["category"] in CATEGORIES, entry["id"]
        assert entry["rule"] in RULES, entry["id"]
        assert entry["side"] in SIDES, entry["id"]
        unknown = set(entry) - set(REQUIRED) - {"mirror", "unless", "severity_note"}
        assert not unknown, (entry["id"], unknown)


def test_forms_are_well_formed(entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        forms = entry["forms"]
        assert isinstance(forms, list) and forms, entry["id"]
        lowered = [f.lower() for f in forms]
        assert len(lowered) == len(set(lowered)), (entry["id"], "duplicate form")
        for form in forms:
            assert isinstance(form, str) and form.strip() == form and form, (entry["id"], form)
            # '*' only once, at the very end (i.e. on the last word)
            assert "*" not in form[:-1], (entry["id"], form)
            assert form.lower() not in TOO_BROAD, (entry["id"], form)
            # a starred single word needs a stem long enough to stay specific
            if form.endswith("*") and " " not in form:
                assert len(form) - 1 >= 5, (entry["id"], form)


def test_explanations_are_single_sentences(entries: list[dict[str, Any]]) -> None:
    sentence_break = re.compile(r"[.!?]\s+[A-ZÄÖÜ]")
    for entry in entries:
        for key in ("explanation", "explanation_de"):
            text = entry[key]
            assert text.endswith("."), (entry["id"], key)
            assert not sentence_break.search(text), (entry["id"], key, text)
        assert entry["explanation"] != entry["explanation_de"], entry["id"]


def test_side_balance(entries: list[dict[str, Any]]) -> None:
    sides = Counter(e["side"] for e in entries if e["side"] != "general")
    total = sum(sides.values())
    assert total > 0
    for side, count in sides.items():
        assert count / total <= 0.40, (side, count, total)
    for side in ("AZ", "AM", "RU", "TR", "WEST"):
        assert sides[side] / total >= 0.08, (side, sides[side], total)


def test_mirrors_exist_and_are_reciprocal(entries: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entries}
    with_mirror = 0
    for entry in entries:
        mirrors = entry.get("mirror") or []
        if mirrors:
            with_mirror += 1
        for other in mirrors:
            assert other in by_id, (entry["id"], other)
            assert other != entry["id"]
            assert entry["id"] in (by_id[other].get("mirror") or []), (entry["id"], other)
    assert with_mirror >= 30


def test_key_mirror_pairs_cross_sides(entries: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entries}
    pairs = [
        ("en-armenian-occupiers", "en-azerbaijani-occupiers"),
        ("en-martyrs", "en-heroes-of-artsakh"),
        ("en-khojaly-genocide", "en-genocide-2023"),
        ("en-armenian-terrorists", "en-azerbaijani-terrorists"),
        ("en-liberated-territories", "en-artsakh-liberation-war"),
        ("en-armenian-aggression", "en-azerbaijani-aggression"),
    ]
    for a, b in pairs:
        assert b in by_id[a]["mirror"]
        assert by_id[a]["side"] != by_id[b]["side"]


def test_unless_phrases_contain_a_form_match(entries: list[dict[str, Any]]) -> None:
    """An unless phrase only makes sense if it contains something the entry would match."""
    for entry in entries:
        for phrase in entry.get("unless") or []:
            assert ReferenceMatcher([{"id": entry["id"], "forms": entry["forms"]}]).match_ids(
                phrase
            ), (
                entry["id"],
                phrase,
            )


# --------------------------------------------------------------------------- matching behaviour

NEUTRAL_SENTENCES = [
    "All seats were occupied.",
    "She was occupied with work all afternoon.",
    "He was liberated from his debts.",
    "The said agreement was signed in Brussels on Tuesday.",
    "Norway is a liberal democracy.",
    "The film Terror at Sea premiered last night.",
    "Urmia is the capital of West Azerbaijan Province in Iran.",
    "Ganja is the largest city in western Azerbaijan.",
    "The coach ruled the team with an iron fist.",
    "The museum displays Anglo-Saxon jewellery.",
    "The Great Patriotic War ended in 1945.",
    "The company's assets were liquidated last year.",
    "The acid was neutralised with baking soda.",
    "Thousands of fans watched the strongman competition.",
    "The hospital ran a blood gas analysis.",
    "Armenia adopted Christianity as a state religion in the early fourth century.",
    "He played the role of a peacemaker in the family dispute.",
    "The capitulation of Germany in 1945 ended the war in Europe.",
    "The rightful owner of the bicycle collected it from the police station.",
    "A special operations unit trained near the border.",
    "Baku hosted the COP29 climate conference in November 2024.",
    "The ceasefire statement was signed on 10 November 2020.",
    "Turkey and Azerbaijan signed a trade agreement on Tuesday.",
    "The Russian world champion defended her title in Kazan.",
    "What a great game it was last night.",
    "The committee reviewed the reintegration of former prisoners into society.",
    "Officials said the provisional results would be published on Monday.",
    "The exodus of birds in autumn is a familiar sight.",
]


@pytest.mark.parametrize("sentence", NEUTRAL_SENTENCES)
def test_neutral_sentences_do_not_match(matcher: ReferenceMatcher, sentence: str) -> None:
    assert matcher.match_ids(sentence) == set()


def test_enough_neutral_sentences() -> None:
    assert len(NEUTRAL_SENTENCES) >= 15


LOADED_SENTENCES = [
    ("Refugees want to return to the occupied territories.", "en-occupied-territories"),
    ("The district was illegally occupied for decades.", "en-illegally-occupied"),
    ("The Armenian occupiers destroyed the town.", "en-armenian-occupiers"),
    ("Azerbaijani occupiers entered the village of Hadrut.", "en-azerbaijani-occupiers"),
    ("Three martyrs were buried on Sunday.", "en-martyrs"),
    ("Wreaths were laid at Martyrs' Alley in Baku.", "en-martyr-memorials-families"),
    ("Baku launched local anti-terror measures on Tuesday.", "en-anti-terror-measures"),
    ("The separatist regime announced its dissolution.", "en-separatist-regime"),
    ("The puppet regime collapsed within a day.", "en-puppet-regime"),
    ("The so-called president resigned.", "en-so-called-republic"),
    ("The commemoration of the Khojaly genocide drew thousands.", "en-khojaly-genocide"),
    ("Armenian aggression was condemned in the statement.", "en-armenian-aggression"),
    ("Azerbaijani aggression against Artsakh continues.", "en-azerbaijani-aggression"),
    ("The council demanded a return to Western Azerbaijan.", "en-western-azerbaijan"),
    ("Work on the Zangezur corridor will begin soon.", "en-zangezur-corridor"),
    ("Veterans of Operation Iron Fist marched in the parade.", "en-iron-fist"),
    ("Reconstruction continues in the liberated territories.", "en-liberated-territories"),
    ("The land was returned to its rightful owners.", "en-rightful-owners"),
    ("For decades 20 percent of Azerbaijan's territory was lost.", "en-twenty-percent"),
    ("Many people in Artsakh remained at home.", "en-artsakh"),
    ("The Republic of Artsakh will cease to exist.", "en-republic-of-artsakh"),
    ("The Turkish-Azerbaijani tandem pressed ahead.", "en-turkish-azerbaijani-tandem"),
    ("This is the second Armenian genocide.", "en-genocide-2023"),
    ("The world watched the ethnic cleansing of Artsakh.", "en-ethnic-cleansing-artsakh"),
    ("Villages in occupied Artsakh stand empty.", "en-occupied-artsakh"),
    ("The Aliyev regime tightened control.", "en-aliyev-regime"),
    ("Jihadist mercenaries were seen near the front.", "en-jihadist-mercenaries"),
    ("Critics warn of resurgent Pan-Turkism.", "en-pan-turkism"),
    ("The starvation policy lasted nine months.", "en-starvation-policy"),
    ("The heroes of Artsakh were remembered.", "en-heroes-of-artsakh"),
    ("Freedom fighters held the pass.", "en-freedom-fighters"),
    ("Russian peacemakers left the region in 2024.", "en-peacemakers"),
    ("The special military operation continues.", "en-special-military-operation"),
    ("He blamed Western interference for the protests.", "en-western-interference"),
    ("The article was called Russophobic.", "en-russophobia"),
    ("Pundits warned of a colour revolution in Yerevan.", "en-colour-revolution"),
    ("The so-called West is divided.", "en-so-called-west"),
    ("The Anglo-Saxons are behind this, he said.", "en-anglo-saxons"),
    ("Ankara and Baku are one nation, two states.", "en-one-nation-two-states"),
    ("Turkey will stand by brotherly Azerbaijan.", "en-brotherly-azerbaijan"),
    ("The heroic army advanced.", "en-heroic-army"),
    ("Two şehitler were buried in Izmir.", "en-sehit"),
    ("The Armenian occupation ended in 2020.", "en-armenian-occupation"),
    ("The Armenian lobby in Washington opposed the sale.", "en-armenian-lobby"),
    ("The conflict is rooted in ancient hatreds.", "en-ancient-hatreds"),
    ("The Caucasus is a powder keg.", "en-powder-keg"),
    ("The arch-enemies met in Brussels.", "en-arch-enemies"),
    ("Critics point to caviar diplomacy in Strasbourg.", "en-caviar-diplomacy"),
    ("Dictator Aliyev ordered the attack.", "en-dictator-aliyev"),
    ("The strongman leader tightened his grip.", "en-strongman"),
    ("Christian Armenia faces Muslim Azerbaijan.", "en-christian-vs-muslim"),
    ("It was long a frozen conflict.", "en-frozen-conflict"),
    ("The breakaway region held elections.", "en-breakaway"),
    ("This is a forgotten war.", "en-forgotten-war"),
    ("Baku offered the reintegration of Karabakh Armenians.", "en-reintegration"),
    (
        "The restoration of constitutional order was completed.",
        "en-restoration-constitutional-order",
    ),
    ("Officers cited a new provocation on the border.", "en-provocation"),
    ("Army units tracked down sabotage groups overnight.", "en-sabotage-groups"),
    ("Residents left voluntarily, the statement said nothing else.", "en-left-voluntarily"),
    ("The so-called peacekeepers watched.", "en-so-called-peacekeepers"),
    ("Russian blue helmets patrolled the road.", "en-russian-blue-helmets"),
    ("Enemy manpower was destroyed.", "en-enemy-manpower"),
    ("Stepanakert was quiet on Sunday.", "en-am-toponyms-karabakh"),
    ("Khankendi was quiet on Sunday.", "en-az-toponyms"),
    ("The convoy reached Berdzor.", "en-am-toponyms-districts"),
]


@pytest.mark.parametrize(("sentence", "expected"), LOADED_SENTENCES)
def test_loaded_sentences_match_expected_entry(
    matcher: ReferenceMatcher, entries: list[dict[str, Any]], sentence: str, expected: str
) -> None:
    assert expected in {e["id"] for e in entries}
    assert expected in matcher.match_ids(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Stepanakert/Khankendi was quiet on Sunday.",
        "Nagorno-Karabakh (Artsakh) was quiet on Sunday.",
        "Azerbaijan marks the Day of Genocide of Azerbaijanis on 31 March.",
        "The Great Patriotic War memorial was restored.",
    ],
)
def test_unless_suppresses_single_side_flags(matcher: ReferenceMatcher, sentence: str) -> None:
    found = matcher.match_ids(sentence)
    assert not found & {
        "en-am-toponyms-karabakh",
        "en-az-toponyms",
        "en-artsakh",
        "en-genocide-of-azerbaijanis",
        "en-patriotic-war",
    }


def test_whitespace_and_case_in_text_are_tolerated(matcher: ReferenceMatcher) -> None:
    assert "en-anti-terror-measures" in matcher.match_ids("LOCAL  Anti-Terror\nMeasures began.")
    assert "en-martyrs" in matcher.match_ids("The MARTYRDOM of soldiers was praised.")


def test_every_side_has_a_loaded_example(entries: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entries}
    sides = {by_id[expected]["side"] for _, expected in LOADED_SENTENCES}
    assert {"AZ", "AM", "RU", "TR", "WEST", "general"} <= sides
