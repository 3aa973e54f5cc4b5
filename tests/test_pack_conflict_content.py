"""Content checks for the conflict knowledge pack (resources/knowledge/conflict)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

PACK_DIR = Path(__file__).resolve().parent.parent / "resources" / "knowledge" / "conflict"

TYPES = {"organisation", "resolution", "person", "place", "event", "outlet", "claim", "country"}
SIDES = {"AZ", "AM", "RU", "TR", "US", "EU", "WEST", "INT", "IND", "general"}
KINDS = {
    "government",
    "party_official",
    "media",
    "international_organisation",
    "ngo",
    "military",
    "court",
    "person",
}
STATUSES = {"confirmed", "reported", "disputed", "unverified"}
ID_RE = re.compile(r"^[a-z0-9-]+$")
DATE_PART = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
FACT_RE = re.compile(rf"^- \*\*{DATE_PART}(?:–{DATE_PART})?\*\* — \S.*\[s\d+\]$")
REF_RE = re.compile(r"\[(s\d+)\]")
SOURCE_DATE_RE = re.compile(rf"^{DATE_PART}$")

SEED_MENTIONS = [
    "OSZE-Minsk-Gruppe",
    "Resolutionen des UN-Sicherheitsrates",
    "Generalversammlungen der Vereinten Nationen",
    "Oberkarabach",
    "Berg-Karabach",
    "Ilham Aliyev",
    "Wladimir Putin",
    "Antony Blinken",
    "Anthony Blinken",
    "Pressedienst des Präsidenten",
]


def split_entry(text: str) -> tuple[dict[str, Any], str]:
    """Split a Markdown entry into (front matter, body)."""
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end])
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, text[end + 5 :]


def entry_files() -> list[Path]:
    return sorted(PACK_DIR.glob("*.md"))


def load_all() -> dict[str, tuple[dict[str, Any], str]]:
    return {p.stem: split_entry(p.read_text(encoding="utf-8")) for p in entry_files()}


ENTRIES = load_all()


def surface_strings(meta: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for key in ("names", "forms", "roles"):
        block = meta.get(key) or {}
        for values in block.values():
            found.extend(str(v) for v in values)
    return found


def test_pack_yaml() -> None:
    pack = yaml.safe_load((PACK_DIR / "pack.yaml").read_text(encoding="utf-8"))
    assert pack["id"] == "conflict"
    assert pack["title"]
    assert str(pack["version"])
    assert set(pack["language"]) == {"de", "en"}


def test_entry_count() -> None:
    assert len(ENTRIES) >= 45


def test_split_entry_rejects_missing_front_matter() -> None:
    with pytest.raises(ValueError):
        split_entry("no front matter here\n")


@pytest.mark.parametrize("stem", sorted(ENTRIES))
def test_entry_front_matter(stem: str) -> None:
    meta, _ = ENTRIES[stem]
    assert meta["id"] == stem
    assert ID_RE.match(meta["id"])
    assert meta["type"] in TYPES
    assert meta["side"] in SIDES
    assert meta.get("status", "confirmed") in STATUSES
    names = meta["names"]
    assert names.get("en") and names.get("de"), "names need en and de"
    for lang, values in names.items():
        assert isinstance(values, list) and all(isinstance(v, str) and v.strip() for v in values), (
            lang
        )
    for key in ("forms", "roles"):
        for lang, values in (meta.get(key) or {}).items():
            assert isinstance(values, list) and all(
                isinstance(v, str) and v.strip() for v in values
            ), (key, lang)
            for v in values:
                assert "*" not in v[:-1], f"'*' only allowed at the end: {v}"
    summary = meta["summary"]
    assert isinstance(summary.get("en"), str) and summary["en"].strip()
    assert isinstance(summary.get("de"), str) and summary["de"].strip()
    if meta["type"] in {"person", "organisation"}:
        assert meta.get("kind") in KINDS
    if meta["type"] == "person":
        term = meta.get("term")
        if term is not None:
            assert isinstance(term["from"], dt.date)
            assert term["to"] is None or isinstance(term["to"], dt.date)
    if meta["type"] == "claim":
        patterns = meta["claim_patterns"]
        assert patterns.get("de") and patterns.get("en")
        for values in patterns.values():
            for pattern in values:
                re.compile(pattern, re.IGNORECASE)
    for rel in meta.get("related") or []:
        assert ID_RE.match(rel)


@pytest.mark.parametrize("stem", sorted(ENTRIES))
def test_entry_sources_and_body(stem: str) -> None:
    meta, body = ENTRIES[stem]
    sources = meta["sources"]
    assert isinstance(sources, list) and len(sources) >= 1
    ids = [s["id"] for s in sources]
    assert len(ids) == len(set(ids)), "duplicate source ids"
    for src in sources:
        assert src.get("title") and src.get("publisher")
        assert src.get("url") or src.get("symbol")
        date = src.get("date")
        assert isinstance(date, dt.date) or (
            isinstance(date, str) and SOURCE_DATE_RE.match(date)
        ), date
    lines = [line for line in body.splitlines() if line.strip()]
    assert lines, "body has no facts"
    used: set[str] = set()
    for line in lines:
        assert FACT_RE.match(line), f"not a dated, sourced fact line: {line!r}"
        refs = REF_RE.findall(line)
        assert set(refs) <= set(ids), f"undefined source in {line!r}"
        used.update(refs)
    assert used, "no source referenced in body"


def test_ids_unique() -> None:
    ids = [meta["id"] for meta, _ in ENTRIES.values()]
    assert len(ids) == len(set(ids))


def test_related_ids_point_to_known_entries() -> None:
    general = {
        "azerbaijan",
        "armenia",
        "russia",
        "turkey",
        "usa",
        "france",
        "un-security-council",
        "un-general-assembly",
        "osce",
        "icj",
        "icrc",
        "eu",
        "csto",
        "nato",
        "united-nations",
        "council-of-europe",
    }
    known = set(ENTRIES) | general
    for meta, _ in ENTRIES.values():
        for rel in meta.get("related") or []:
            assert rel in known, (meta["id"], rel)


@pytest.mark.parametrize("mention", SEED_MENTIONS)
def test_seed_mentions_are_covered(mention: str) -> None:
    lowered = mention.casefold()
    hits = [
        meta["id"]
        for meta, _ in ENTRIES.values()
        if any(s.casefold() == lowered for s in surface_strings(meta))
    ]
    assert hits, f"{mention!r} not in any entry's names/forms/roles"


def test_no_country_names_as_surface_forms() -> None:
    countries = {
        "aserbaidschan",
        "armenien",
        "russland",
        "türkei",
        "azerbaijan",
        "armenia",
        "russia",
        "turkey",
    }
    for meta, _ in ENTRIES.values():
        for s in surface_strings(meta):
            assert s.casefold() not in countries, (meta["id"], s)


def test_claims_are_marked_disputed_and_patterns_match_examples() -> None:
    examples = {
        "claim-20-percent-occupied": "Etwa 20% des Territoriums Aserbaidschans sind besetzt.",
        "claim-1-million-displaced": "Über 1 Million Aserbaidschaner wurden Binnenvertriebene.",
        "claim-four-unsc-resolutions": "Vier Resolutionen des UN-Sicherheitsrates fordern den Abzug.",
        "claim-two-unga-resolutions": "und zwei Generalversammlungen der Vereinten Nationen",
        "claim-20000-killed-az": "20.000 wurden von armenischen Streitkräften gemartert",
        "claim-only-military-targets": "sondern nur legitime militärische Ziele zerstört würden",
        "claim-armenian-troops-in-karabakh-2023": "Geheimdienst-Sabotagegruppen der armenischen Streitkräfte",
    }
    for entry_id, text in examples.items():
        meta, _ = ENTRIES[entry_id]
        assert meta["status"] == "disputed"
        assert any(re.search(p, text, re.IGNORECASE) for p in meta["claim_patterns"]["de"]), (
            entry_id
        )
    en_examples = {
        "claim-20-percent-occupied": "Armenia occupied 20% of Azerbaijan's territory for decades.",
        "claim-1-million-displaced": "More than one million Azerbaijanis were displaced.",
        "claim-four-unsc-resolutions": "Four UN Security Council resolutions demanded withdrawal.",
        "claim-two-unga-resolutions": "and two UN General Assembly resolutions",
        "claim-20000-killed-az": "20,000 Azerbaijanis were martyred",
        "claim-only-military-targets": "only legitimate military targets were hit",
        "claim-armenian-troops-in-karabakh-2023": "Armenian sabotage groups laid mines",
    }
    for entry_id, text in en_examples.items():
        meta, _ = ENTRIES[entry_id]
        assert any(re.search(p, text, re.IGNORECASE) for p in meta["claim_patterns"]["en"]), (
            entry_id
        )
    assert not any(
        re.search(p, "Mehr als 120.000 Menschen wurden getötet.", re.IGNORECASE)
        for p in ENTRIES["claim-20000-killed-az"][0]["claim_patterns"]["de"]
    )
    neutral = "Die Regierung in Baku nannte neue Zahlen zum Haushalt."
    for meta, _ in ENTRIES.values():
        for pattern in (meta.get("claim_patterns") or {}).get("de", []):
            assert not re.search(pattern, neutral, re.IGNORECASE), (meta["id"], pattern)
