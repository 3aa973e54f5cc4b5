"""Even-handedness of the wording lexicons in *severity*, not only in counts.

"A biased bias-detector is worse than none": where one side's device is linked to another
side's with ``mirror``, both must be flagged with the same severity class and a category from
the same design group, unless the words themselves justify a difference. Such a difference
must be explained in a ``severity_note`` on the less severe entry (for a category difference
at equal severity, on either entry). The same device must also carry the same rule in German
and English, and the share of ``always`` entries may not lean towards one side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

LEXICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "lexicon"
LANGUAGES = ("de", "en")

# severity class of each rule, as the Wording panel shows it (reader/core/analysis/wording.py)
SEVERITY = {"always": 3, "unattributed": 2, "narrator": 2, "info": 1}
GROUPS = {
    "delegitimising": {"loaded_label", "delegitimising"},
    "sacralising": {"martyrdom", "triumphalism", "religious"},
    "hostile": {"dehumanising", "pejorative"},
    "attribution": {
        "legal_characterisation",
        "exaggeration",
        "unattributed_accusation",
        "disputed_figure",
        "conflation",
    },
    "euphemism": {"euphemism"},
    "naming": {"naming"},
}
GROUP_OF = {category: group for group, members in GROUPS.items() for category in members}
MAX_ALWAYS_GAP = 0.15  # AZ vs AM share of `always` among their side-specific entries

# The same device in both languages must carry the same rule and category group.
CROSS_LANGUAGE = [
    ("de-maertyrer", "en-martyrs"),
    ("de-helden", "en-heroes-of-artsakh"),
    ("de-sehit", "en-sehit"),
    ("de-illegal-besetzt", "en-illegally-occupied"),
    ("de-besetztes-armenisches-gebiet", "en-occupied-armenian-territory"),
    ("de-westaserbaidschan", "en-western-azerbaijan"),
    ("de-westarmenien", "en-western-armenia"),
    ("de-chodschali-genozid", "en-khojaly-genocide"),
    ("de-zweiter-voelkermord", "en-genocide-2023"),
    ("de-voelkermord-aserbaidschaner", "en-genocide-of-azerbaijanis"),
    ("de-sumgait-ereignisse", "en-sumgait-events"),
    ("de-sumgait-genozid", "en-sumgait-genocide"),
    ("de-ereignisse-1915", "en-events-of-1915"),
    ("de-jerewaner-regime", "en-armenian-junta"),
    ("de-alijew-regime", "en-aliyev-regime"),
    ("de-paschinjan-regime", "en-pashinyan-regime"),
    ("de-diktator-alijew", "en-dictator-aliyev"),
    ("de-arzach", "en-artsakh"),
    ("de-befreite-gebiete", "en-liberated-territories"),
    ("de-sicherheitsguertel", "en-security-belt"),
    ("de-befreiungskrieg-arzach", "en-artsakh-liberation-war"),
    ("de-umweltaktivisten", "en-eco-activists"),
    ("de-sogenannte-umweltaktivisten", "en-so-called-eco-activists"),
    ("de-freiwillig-verlassen", "en-left-voluntarily"),
    ("de-deportation-karabach-armenier", "en-forcibly-displaced"),
    ("de-armenischer-vandalismus", "en-armenian-vandalism"),
    ("de-tuerkische-barbarei", "en-azerbaijani-vandalism"),
    ("de-armenische-terroristen", "en-armenian-terrorists"),
    ("de-aserbaidschanische-terroristen", "en-azerbaijani-terrorists"),
    ("de-sogenannter-westen", "en-so-called-west"),
    ("de-westliche-marionette", "en-western-puppets"),
    ("de-russische-friedenstruppen", "en-russian-peacekeepers"),
    ("de-russische-blauhelme", "en-russian-blue-helmets"),
    ("de-kaviar-diplomatie", "en-caviar-diplomacy"),
]


def _entries(language: str) -> list[dict[str, Any]]:
    with (LEXICON_DIR / f"{language}.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    entries: list[dict[str, Any]] = data["entries"]
    return entries


@pytest.fixture(scope="module")
def lexicons() -> dict[str, dict[str, dict[str, Any]]]:
    return {lang: {e["id"]: e for e in _entries(lang)} for lang in LANGUAGES}


def _pairs(by_id: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    seen: set[tuple[str, str]] = set()
    pairs = []
    for entry in by_id.values():
        for other_id in entry.get("mirror", []):
            key = (min(entry["id"], other_id), max(entry["id"], other_id))
            if key not in seen and other_id in by_id:
                seen.add(key)
                pairs.append((by_id[key[0]], by_id[key[1]]))
    return pairs


def _note(entry: dict[str, Any]) -> str:
    note = entry.get("severity_note")
    return note.strip() if isinstance(note, str) else ""


def _describe(entry: dict[str, Any]) -> str:
    return f"{entry['id']} ({entry['side']}, {entry['rule']}, {entry['category']})"


@pytest.mark.parametrize("language", LANGUAGES)
def test_mirror_pairs_exist(lexicons: dict[str, dict[str, dict[str, Any]]], language: str) -> None:
    assert len(_pairs(lexicons[language])) >= 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_mirror_pairs_same_severity_or_explained(
    lexicons: dict[str, dict[str, dict[str, Any]]], language: str
) -> None:
    bad = []
    for a, b in _pairs(lexicons[language]):
        sa, sb = SEVERITY[a["rule"]], SEVERITY[b["rule"]]
        if sa == sb:
            continue
        lower = a if sa < sb else b
        if not _note(lower):
            bad.append(f"{_describe(a)} <-> {_describe(b)}: align or add severity_note to {lower['id']}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("language", LANGUAGES)
def test_mirror_pairs_same_category_group_or_explained(
    lexicons: dict[str, dict[str, dict[str, Any]]], language: str
) -> None:
    bad = []
    for a, b in _pairs(lexicons[language]):
        if GROUP_OF[a["category"]] == GROUP_OF[b["category"]]:
            continue
        sa, sb = SEVERITY[a["rule"]], SEVERITY[b["rule"]]
        candidates = [a] if sa < sb else [b] if sb < sa else [a, b]
        if not any(_note(c) for c in candidates):
            bad.append(f"{_describe(a)} <-> {_describe(b)}: category groups differ, no severity_note")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("language", LANGUAGES)
def test_severity_notes_are_sentences(
    lexicons: dict[str, dict[str, dict[str, Any]]], language: str
) -> None:
    for entry in lexicons[language].values():
        if "severity_note" in entry:
            note = _note(entry)
            assert note.endswith("."), entry["id"]
            assert len(note.split()) >= 8, entry["id"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_always_share_balanced_between_az_and_am(
    lexicons: dict[str, dict[str, dict[str, Any]]], language: str
) -> None:
    shares = {}
    for side in ("AZ", "AM"):
        side_entries = [e for e in lexicons[language].values() if e["side"] == side]
        assert side_entries, side
        shares[side] = sum(e["rule"] == "always" for e in side_entries) / len(side_entries)
    print(f"{language}: always share AZ {shares['AZ']:.1%}, AM {shares['AM']:.1%}")
    assert abs(shares["AZ"] - shares["AM"]) <= MAX_ALWAYS_GAP, shares


@pytest.mark.parametrize(("de_id", "en_id"), CROSS_LANGUAGE)
def test_same_device_same_rule_across_languages(
    lexicons: dict[str, dict[str, dict[str, Any]]], de_id: str, en_id: str
) -> None:
    de, en = lexicons["de"][de_id], lexicons["en"][en_id]
    assert de["side"] == en["side"], (de_id, en_id)
    assert SEVERITY[de["rule"]] == SEVERITY[en["rule"]], (_describe(de), _describe(en))
    assert GROUP_OF[de["category"]] == GROUP_OF[en["category"]], (_describe(de), _describe(en))
