"""Content checks for the German wording lexicon (resources/lexicon/de.yaml).

The matcher below is a small reference implementation of the form rules in docs/formats.md
(whole words, case-insensitive, trailing ``*`` on the last word, spaces match any whitespace,
``unless`` phrases suppress a match they contain). It checks the data, not the app's flagger.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from reader.core.knowledge.model import LEXICON_CATEGORIES, LEXICON_RULES, LEXICON_SIDES

LEXICON = Path(__file__).resolve().parents[1] / "resources" / "lexicon" / "de.yaml"

CATEGORIES = set(LEXICON_CATEGORIES)
RULES = set(LEXICON_RULES)
SIDES = set(LEXICON_SIDES)
REQUIRED_KEYS = {
    "id",
    "forms",
    "category",
    "side",
    "rule",
    "explanation",
    "explanation_de",
    "alternative",
}
OPTIONAL_KEYS = {"mirror", "unless", "severity_note"}


def _form_pattern(form: str) -> re.Pattern[str]:
    words = form.split()
    parts = []
    for i, word in enumerate(words):
        star = i == len(words) - 1 and word.endswith("*")
        core = word[:-1] if star else word
        parts.append(re.escape(core) + (r"\w*" if star else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


class ReferenceMatcher:
    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self._entries = [
            (
                e["id"],
                [_form_pattern(f) for f in e["forms"]],
                [_form_pattern(u) for u in e.get("unless", [])],
            )
            for e in entries
        ]

    def match(self, text: str) -> set[str]:
        found: set[str] = set()
        for entry_id, forms, unless in self._entries:
            blocked = [(m.start(), m.end()) for u in unless for m in u.finditer(text)]
            for pattern in forms:
                for m in pattern.finditer(text):
                    if not any(s <= m.start() and m.end() <= e for s, e in blocked):
                        found.add(entry_id)
        return found


@pytest.fixture(scope="module")
def lexicon() -> dict[str, Any]:
    with LEXICON.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def entries(lexicon: dict[str, Any]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = lexicon["entries"]
    return entries


@pytest.fixture(scope="module")
def matcher(entries: list[dict[str, Any]]) -> ReferenceMatcher:
    return ReferenceMatcher(entries)


def test_header(lexicon: dict[str, Any]) -> None:
    assert lexicon["id"] == "lexicon-de"
    assert lexicon["language"] == "de"
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", str(lexicon["version"]))


def test_entry_count(entries: list[dict[str, Any]]) -> None:
    assert len(entries) >= 150


def test_ids_unique_and_prefixed(entries: list[dict[str, Any]]) -> None:
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    for entry_id in ids:
        assert re.fullmatch(r"de-[a-z0-9-]+", entry_id), entry_id


def test_keys_and_allowed_values(entries: list[dict[str, Any]]) -> None:
    for e in entries:
        keys = set(e)
        assert keys >= REQUIRED_KEYS, (e["id"], REQUIRED_KEYS - keys)
        assert keys <= REQUIRED_KEYS | OPTIONAL_KEYS, (
            e["id"],
            keys - REQUIRED_KEYS - OPTIONAL_KEYS,
        )
        assert e["category"] in CATEGORIES, e["id"]
        assert e["rule"] in RULES, e["id"]
        assert e["side"] in SIDES, e["id"]
        for key in ("explanation", "explanation_de", "alternative"):
            assert isinstance(e[key], str) and e[key].strip(), (e["id"], key)


def test_explanations_are_one_sentence(entries: list[dict[str, Any]]) -> None:
    for e in entries:
        for key in ("explanation", "explanation_de"):
            text = e[key].strip()
            assert text.endswith("."), (e["id"], key)
            # no sentence end (., ! or ? followed by more text) before the final full stop;
            # a full stop after a digit is a German ordinal ("27. September"), not an end
            assert re.search(r"(?<!\d)[.!?]\s+\S", text) is None, (e["id"], key, text)


def test_forms_well_formed(entries: list[dict[str, Any]]) -> None:
    too_broad = {
        "terror*",
        "terror",
        "besetzt",
        "besetzt*",
        "besetzte",
        "besetzten",
        "befreit",
        "befreit*",
        "befreite",
        "besatzung",
        "besatzung*",
        "helden",
        "held*",
        "feind",
        "feind*",
        "regime",
        "illegal",
        "illegal*",
        "terroristen",
        "aggression",
        "blockade",
        "vertrieben",
        "enklave",
        "propaganda",
        "armee",
        "krieg",
        "konflikt",
    }
    seen: dict[str, str] = {}
    for e in entries:
        forms = e["forms"]
        assert isinstance(forms, list) and forms, e["id"]
        for form in forms:
            assert isinstance(form, str) and form == form.strip() and form, (e["id"], form)
            words = form.split()
            for word in words[:-1]:
                assert "*" not in word, (e["id"], form)
            assert "*" not in words[-1][:-1], (e["id"], form)
            assert form.lower() not in too_broad, (e["id"], form)
            assert len(form.rstrip("*")) >= 4, (e["id"], form)
            key = form.lower()
            assert key not in seen, f"form {form!r} in both {seen[key]} and {e['id']}"
            seen[key] = e["id"]
        for phrase in e.get("unless", []):
            assert isinstance(phrase, str) and phrase.strip(), e["id"]


def test_unless_phrases_contain_a_form(entries: list[dict[str, Any]]) -> None:
    for e in entries:
        patterns = [_form_pattern(f) for f in e["forms"]]
        for phrase in e.get("unless", []):
            assert any(p.search(phrase) for p in patterns), (e["id"], phrase)


def test_balance(entries: list[dict[str, Any]]) -> None:
    counts = Counter(e["side"] for e in entries if e["side"] != "general")
    total = sum(counts.values())
    assert total > 0
    for side, n in counts.items():
        assert n / total <= 0.40, (side, n, total)
    for side in ("AZ", "AM", "RU", "TR", "WEST"):
        assert counts[side] / total >= 0.08, (side, counts[side], total)


def test_mirrors_exist_and_are_symmetric(entries: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entries}
    pairs = 0
    for e in entries:
        for other in e.get("mirror", []):
            assert other in by_id, (e["id"], other)
            assert other != e["id"], e["id"]
            assert e["id"] in by_id[other].get("mirror", []), (e["id"], other)
            pairs += 1
    assert pairs >= 20


def test_required_mirror_pairs(entries: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entries}
    for a, b in [
        ("de-besatzer", "de-aserbaidschanische-besatzer"),
        ("de-maertyrer", "de-helden"),
        ("de-chodschali-genozid", "de-sumgait-genozid"),
        ("de-armenische-terroristen", "de-aserbaidschanische-terroristen"),
        ("de-befreite-gebiete", "de-befreiungskrieg-arzach"),
        ("de-armenische-aggression", "de-aserbaidschanische-aggression"),
    ]:
        assert b in by_id[a]["mirror"]
        assert by_id[a]["side"] != by_id[b]["side"]


NEUTRAL_SENTENCES = [
    "Der Platz ist besetzt.",
    "Alle Plätze im Zug waren besetzt.",
    "Die Stelle des Direktors wird im Herbst neu besetzt.",
    "Sie rief später noch einmal an, weil alle Leitungen besetzt waren.",
    "Die Regierung befreite die Bürger von der Steuer.",
    "Die Feuerwehr befreite den Fahrer aus dem Auto.",
    "Die Besatzung des Flugzeugs blieb unverletzt.",
    "Das Gemälde wurde den rechtmäßigen Eigentümern zurückgegeben.",
    "Nach seiner Krankheit begann die stufenweise Wiedereingliederung in den Beruf.",
    "Der Landtag befasste sich mit der beruflichen Wiedereingliederung von Langzeitarbeitslosen.",
    "Die alliierte Besatzungsmacht ließ 1949 freie Wahlen zu.",
    "Die EU-Maßnahmen zur Terrorismusbekämpfung wurden um ein Jahr verlängert.",
    "Die Chemiker haben die Säure mit Natronlauge neutralisiert.",
    "Die Firma wurde im vergangenen Jahr liquidiert.",
    "Er hat den Verein nach zehn Jahren freiwillig verlassen.",
    "Die Mannschaft feierte einen historischen Sieg gegen den Tabellenführer.",
    "Das Parlament in Jerewan hat den Haushalt für das kommende Jahr beschlossen.",
    "Nach Angaben des UNHCR flohen mehr als 100.000 Menschen nach Armenien.",
    "Präsident Ilham Alijew traf Premierminister Nikol Paschinjan in Washington.",
    "Die Regierung in Baku kündigte neue Gespräche mit Jerewan an.",
    "Die Sitzung des Sicherheitsrates wurde auf Donnerstag vertagt.",
    "Die Straße zwischen den beiden Dörfern war wegen Bauarbeiten gesperrt.",
    "Die Gefangenen wurden im Rahmen eines Austauschs freigelassen.",
    "Der Bürgermeister sprach von einem großen Erfolg für die ganze Region.",
    "Die Polizei ermittelt gegen zwei Männer wegen Terrorverdachts.",
    "Beide Regierungen unterzeichneten im August 2025 eine gemeinsame Erklärung.",
    "Die Armee hielt im Süden des Landes ein Manöver ab.",
    "Der Film erzählt die Geschichte einer Familie aus Baku.",
]


@pytest.mark.parametrize("sentence", NEUTRAL_SENTENCES)
def test_neutral_sentences_do_not_match(matcher: ReferenceMatcher, sentence: str) -> None:
    assert matcher.match(sentence) == set()


LOADED_SENTENCES = [
    # seed 000 (machine-translated Turkish state-media text)
    (
        "Die Zusammenstöße begannen, als armenische Streitkräfte Stellungen im besetzten Gebiet"
        " von Oberkarabach angriffen.",
        {"de-armenische-streitkraefte", "de-besetzte-gebiete", "de-oberkarabach"},
    ),
    (
        "Aserbaidschanische Streitkräfte, die die rechtmäßigen Eigentümer der besetzten Region sind,"
        " wie von den Vereinten Nationen anerkannt.",
        {"de-rechtmaessige-eigentuemer", "de-besetzte-gebiete", "de-internationale-gemeinschaft"},
    ),
    (
        "Etwa 20% des Territoriums Aserbaidschans sind seit etwa drei Jahrzehnten von Armenien illegal besetzt.",
        {"de-zwanzig-prozent", "de-illegal-besetzt"},
    ),
    ("Sie fordern den sofortigen bedingungslosen Abzug der Besatzungsmächte.", {"de-besatzer"}),
    (
        "20.000 wurden von armenischen Streitkräften gemartert.",
        {"de-gemartert", "de-armenische-streitkraefte"},
    ),
    ("Über 1 Million Aserbaidschaner wurden Binnenvertriebene.", {"de-million-vertriebene"}),
    (
        "Mehr als 2.000 Aserbaidschaner wurden gefangen genommen und als Geiseln genommen.",
        {"de-als-geiseln"},
    ),
    (
        "Die Türkei hat inzwischen Bakus Recht auf Selbstverteidigung unterstützt.",
        {"de-bakus-selbstverteidigung"},
    ),
    (
        "Das Parlament erklärte nach den Grenzverletzungen und Angriffen Armeniens den Kriegszustand.",
        {"de-grenzverletzungen-armeniens"},
    ),
    # seed 001 (machine-translated Azerbaijani presidential readout)
    (
        "Geheimdienst-Sabotagegruppen der armenischen Streitkräfte haben Minen zum Zwecke des Terrorismus gelegt.",
        {"de-sabotagegruppen", "de-armenische-streitkraefte", "de-zum-zwecke-des-terrorismus"},
    ),
    (
        "Die Abhaltung sogenannter „Präsidentschaftswahlen“ am 9. September.",
        {"de-sogenannt", "de-anfuehrungszeichen"},
    ),
    (
        "Eine Fortsetzung der bewussten Provokationen Armeniens und der geschaffenen sogenannten"
        " separatistischen Organisation.",
        {"de-provokationen", "de-sogenannt", "de-separatistische-organisation"},
    ),
    (
        "Aserbaidschan müsse lokale Anti-Terror-Maßnahmen ergreifen, um provokativen und aufstachelnden"
        " Aktionen vorzubeugen.",
        {"de-anti-terror-massnahmen", "de-provokationen"},
    ),
    ("Es würden nur legitime militärische Ziele zerstört.", {"de-legitime-militaerische-ziele"}),
    (
        "Sie wurden eingeladen, um Fragen der Wiedereingliederung zu besprechen.",
        {"de-wiedereingliederung"},
    ),
    ("Die Maßnahmen zur Terrorismusbekämpfung würden eingestellt.", {"de-anti-terror-massnahmen"}),
    ("Die Einheiten von Unsere Armee wurden mit Mörsern beschossen.", {"de-unsere-armee"}),
    # mirror devices and other sides
    ("Die aserbaidschanischen Besatzer zerstörten die Kirche.", {"de-aserbaidschanische-besatzer"}),
    ("Die armenische Besatzungsarmee zog sich zurück.", {"de-besatzungsarmee"}),
    ("Er ist als Märtyrer gefallen.", {"de-sehit"}),
    ("Die Märtyrer wurden in Baku beigesetzt.", {"de-maertyrer"}),
    ("Die Soldaten sind für die Heimat gefallen.", {"de-helden"}),
    ("Die Heldenarmee ehrte ihre Şehitler.", {"de-heldenarmee", "de-sehit"}),
    (
        "Baku sprach vom Völkermord von Chodschali, Jerewan vom Sumgait-Genozid.",
        {"de-chodschali-genozid", "de-sumgait-genozid"},
    ),
    ("Die Befreiung Schuschas wird jedes Jahr gefeiert.", {"de-befreite-gebiete"}),
    (
        "Die Befreiung von Schuschi jährt sich im Mai.",
        {"de-befreiung-schuschis", "de-toponyme-armenisch"},
    ),
    ("Die armenischen Terroristen wurden entwaffnet.", {"de-armenische-terroristen"}),
    ("Die aserbaidschanischen Terroristen griffen an.", {"de-aserbaidschanische-terroristen"}),
    (
        "Die ethnische Säuberung Arzachs ist vollendet.",
        {"de-ethnische-saeuberung-arzach", "de-arzach"},
    ),
    ("Das war eine ethnische Säuberung.", {"de-ethnische-saeuberung"}),
    (
        "Die sogenannten Umweltaktivisten blockierten die Straße.",
        {"de-sogenannte-umweltaktivisten"},
    ),
    (
        "Der sogenannte Westen betreibt eine russophobe Politik.",
        {"de-sogenannter-westen", "de-russophob"},
    ),
    (
        "Russland als Friedensstifter hat Blutvergießen verhindert.",
        {"de-friedensstifter", "de-blutvergiessen-verhindert"},
    ),
    (
        "Die militärische Spezialoperation und das Kiewer Regime.",
        {"de-spezialoperation", "de-kiewer-regime"},
    ),
    (
        "Hinter allem steckt die westliche Einmischung und eine farbige Revolution.",
        {"de-westliche-einmischung", "de-farbige-revolution"},
    ),
    (
        "Das Paschinjan-Regime ist eine westliche Marionette.",
        {"de-paschinjan-regime", "de-westliche-marionette"},
    ),
    (
        "Ein Volk, zwei Staaten: das Brudervolk steht zusammen.",
        {"de-ein-volk-zwei-staaten", "de-brudervolk"},
    ),
    (
        "Diktator Alijew setzt auf Kaviar-Diplomatie.",
        {"de-diktator-alijew", "de-kaviar-diplomatie"},
    ),
    ("Das Pulverfass im Kaukasus und die Erzfeinde.", {"de-pulverfass", "de-erzfeinde"}),
    (
        "Das christliche Armenien gegen das muslimische Aserbaidschan.",
        {"de-christliches-armenien", "de-muslimisches-aserbaidschan"},
    ),
    (
        "Der uralte Konflikt: uralter Hass und jahrhundertealte Feindschaft.",
        {"de-uralter-hass", "de-jahrhundertealte-feindschaft"},
    ),
    (
        "Es ist ein vergessener Krieg in einer Erdöl-Despotie.",
        {"de-vergessener-krieg", "de-erdoel-despotie"},
    ),
    ("Die russischen Blauhelme zogen ab.", {"de-russische-blauhelme"}),
    ("Das Ministerium meldete, 50 Terroristen neutralisiert zu haben.", {"de-neutralisiert"}),
    (
        "Der Sangesur-Korridor führt durch Westaserbaidschan.",
        {"de-sangesur-korridor", "de-westaserbaidschan"},
    ),
    (
        "Die Ereignisse von 1915 werden von der Diaspora-Lobby instrumentalisiert.",
        {"de-ereignisse-1915", "de-diaspora-lobby"},
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), LOADED_SENTENCES)
def test_loaded_sentences_match_expected_entries(
    matcher: ReferenceMatcher, sentence: str, expected: set[str]
) -> None:
    assert matcher.match(sentence) == expected


def test_expected_ids_exist(entries: list[dict[str, Any]]) -> None:
    ids = {e["id"] for e in entries}
    for _, expected in LOADED_SENTENCES:
        assert expected <= ids, expected - ids


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"  # ../shared beside the checkout


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_seed_articles_hit_required_entries(matcher: ReferenceMatcher) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    found = matcher.match(text)
    for required in [
        "de-illegal-besetzt",
        "de-besetzte-gebiete",
        "de-gemartert",
        "de-besatzer",
        "de-rechtmaessige-eigentuemer",
        "de-anti-terror-massnahmen",
        "de-provokationen",
        "de-separatistische-organisation",
        "de-sogenannt",
        "de-sabotagegruppen",
        "de-armenische-streitkraefte",
        "de-zum-zwecke-des-terrorismus",
        "de-legitime-militaerische-ziele",
        "de-wiedereingliederung",
        "de-zwanzig-prozent",
        "de-million-vertriebene",
        "de-als-geiseln",
        "de-unsere-armee",
        "de-grenzverletzungen-armeniens",
    ]:
        assert required in found, required
