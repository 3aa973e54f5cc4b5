"""Shared helpers for the analysis tests: a small hand-built knowledge base, seed splitting,
and the real shipped knowledge base when the loader is available."""

from __future__ import annotations

import functools
from pathlib import Path

from reader.core.knowledge.model import Entry, KnowledgeBase, LexiconEntry, PackInfo

ROOT = Path(__file__).resolve().parents[1]
# The users' seed articles live beside the checkout (../shared/seeds); they are not ours to commit.
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")


def _entry(id: str, type: str, side: str, names: dict[str, list[str]], **kw: object) -> Entry:
    return Entry(id=id, type=type, names=names, side=side, pack="test", path=f"{id}.md", **kw)  # type: ignore[arg-type]


def small_kb() -> KnowledgeBase:
    """A few entries with the ids of the real packs, for engine unit tests."""
    entries = [
        _entry("azerbaijan", "country", "AZ", {"en": ["Azerbaijan"], "de": ["Aserbaidschan"]},
               kind="government"),
        _entry("armenia", "country", "AM", {"en": ["Armenia"], "de": ["Armenien"]}, kind="government"),
        _entry("russia", "country", "RU", {"en": ["Russia"], "de": ["Russland"]}, kind="government"),
        _entry("usa", "country", "US", {"en": ["United States", "USA", "US"],
                                        "de": ["Vereinigte Staaten", "USA", "Vereinigte Staaten von Amerika"]},
               kind="government"),
        _entry("united-arab-emirates", "country", "general",
               {"en": ["United Arab Emirates", "UAE"], "de": ["Vereinigte Arabische Emirate", "VAE"]}),
        _entry("osce-minsk-group", "organisation", "INT",
               {"en": ["OSCE Minsk Group", "Minsk Group"], "de": ["OSZE-Minsk-Gruppe", "Minsk-Gruppe"]},
               kind="international_organisation"),
        _entry("un-security-council", "organisation", "INT",
               {"en": ["UN Security Council", "Security Council"],
                "de": ["UN-Sicherheitsrat", "Sicherheitsrat"]}, kind="international_organisation"),
        _entry("nagorno-karabakh", "place", "general",
               {"en": ["Nagorno-Karabakh", "Karabakh", "Artsakh"],
                "de": ["Berg-Karabach", "Oberkarabach", "Karabach", "Arzach", "Nagorno-Karabakh"]}),
        _entry("ilham-aliyev", "person", "AZ", {"en": ["Ilham Aliyev", "Aliyev"],
                                                "de": ["Ilham Aliyev", "Alijew", "Aliyev"]},
               kind="government", affiliation="AZ",
               roles={"de": ["Staatsoberhaupt", "Präsident Aserbaidschans"],
                      "en": ["President of Azerbaijan", "Azerbaijani president"]}),
        _entry("nikol-pashinyan", "person", "AM", {"en": ["Nikol Pashinyan", "Pashinyan"],
                                                   "de": ["Nikol Paschinjan", "Paschinjan"]},
               kind="government", affiliation="AM",
               roles={"de": ["armenische Regierungschef"], "en": ["Armenian prime minister"]}),
        _entry("vladimir-putin", "person", "RU", {"en": ["Vladimir Putin", "Putin"],
                                                  "de": ["Wladimir Putin", "Putin"]},
               kind="government", affiliation="RU"),
        _entry("antony-blinken", "person", "US", {"en": ["Antony Blinken", "Blinken"],
                                                  "de": ["Antony Blinken", "Blinken"]},
               kind="government", affiliation="US",
               roles={"de": ["US-Außenminister"], "en": ["Secretary of State"]}),
        _entry("presidential-press-service-az", "organisation", "AZ",
               {"en": ["presidential press service"], "de": ["Pressedienst des Präsidenten"]},
               kind="government", affiliation="AZ",
               forms={"de": ["aserbaidschanische Präsidentschaft"]}),
        _entry("azvision", "outlet", "AZ", {"en": ["AzVision"], "de": ["AzVision"]},
               kind="media", affiliation="AZ"),
        _entry("armenpress", "outlet", "AM", {"en": ["Armenpress"], "de": ["Armenpress"]},
               kind="media", affiliation="AM"),
        _entry("claim-20-percent-occupied", "claim", "AZ", {"en": ["20 percent claim"], "de": ["20-Prozent"]},
               claim_patterns={"de": [r"20\s?(%|Prozent) (des|seines) (Territoriums|Gebiets)"],
                               "en": [r"20\s?(%|per ?cent) of (its|the|Azerbaijan.s) territory"]}),
    ]
    lex = {
        "de": [
            LexiconEntry("de-anti-terror", "de", ["Anti-Terror-Maßnahme*"], "euphemism", "AZ",
                         "always", "Euphemism.", "Militäroffensive", "test", "de.yaml"),
            LexiconEntry("de-provokation", "de", ["Provokation*"], "loaded_label", "general",
                         "unattributed", "Loaded.", "Zwischenfall", "test", "de.yaml"),
            LexiconEntry("de-separatist", "de", ["separatistische Organisation",
                                                 "separatistischen Organisation"],
                         "delegitimising", "AZ", "unattributed", "Label.", "De-facto-Behörden",
                         "test", "de.yaml"),
            LexiconEntry("de-gemartert", "de", ["gemartert*", "Märtyrer*"], "martyrdom", "AZ",
                         "always", "Martyrdom.", "getötet", "test", "de.yaml"),
            LexiconEntry("de-arzach", "de", ["Arzach"], "naming", "AM", "narrator",
                         "Armenian name.", "Berg-Karabach", "test", "de.yaml"),
            LexiconEntry("de-befreit", "de", ["befreit*"], "triumphalism", "AZ", "narrator",
                         "Liberation.", "eingenommen", "test", "de.yaml",
                         unless=["befreit von"]),
        ],
        "en": [
            LexiconEntry("en-anti-terror", "en", ["anti-terror measures", "anti-terrorist operation"],
                         "euphemism", "AZ", "always", "Euphemism.", "military offensive", "test", "en.yaml"),
            LexiconEntry("en-provocation", "en", ["provocation*"], "loaded_label", "general",
                         "unattributed", "Loaded.", "incident", "test", "en.yaml"),
            LexiconEntry("en-artsakh", "en", ["Artsakh"], "naming", "AM", "narrator",
                         "Armenian name.", "Nagorno-Karabakh", "test", "en.yaml"),
        ],
    }
    return KnowledgeBase(entries={e.id: e for e in entries}, lexicon=lex,
                         packs=[PackInfo("test", "1")])


def seed_path(n: int) -> Path:
    files = sorted(SEEDS.glob(f"{n:03d}_*.txt"))
    if not files:
        raise FileNotFoundError(f"seed {n} in {SEEDS}")
    return files[0]


def seed(n: int) -> tuple[str, str]:
    """(title, text) of seed ``n`` exactly as the real importer produces them."""
    from reader.core.importing.pipeline import parse_path

    article = parse_path(seed_path(n))
    return article.title, article.text


@functools.cache
def real_kb() -> KnowledgeBase:
    """The shipped packs and lexicons, through the real loader."""
    from reader.core.knowledge.loader import load_knowledge

    return load_knowledge(ROOT / "resources")
