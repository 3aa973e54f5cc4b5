"""Content checks for the `outlets` and `general` knowledge packs (real files, PyYAML)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parents[1] / "resources" / "knowledge"
PACKS = ("outlets", "general")
SIDES = {"AZ", "AM", "RU", "TR", "US", "EU", "INT", "IND", "general"}
TYPES = {"organisation", "resolution", "person", "place", "event", "outlet", "claim", "country"}
STATE_AFFILIATIONS = {"state", "state-aligned", "public", "private", "independent"}
STATUSES = {"confirmed", "reported", "disputed", "unverified"}
REQUIRED = ("id", "type", "names", "side", "summary", "sources")
DATE_PREFIX = re.compile(r"^- \*\*(\d{4}(-\d{2}(-\d{2})?)?)([–/-]\d{4}(-\d{2}(-\d{2})?)?)?\*\* — ")
REF = re.compile(r"\[(s\d+)\]")


def split_entry(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    assert isinstance(data, dict), f"{path.name}: front matter is not a mapping"
    return data, body


def entry_files(pack: str) -> list[Path]:
    return sorted((KNOWLEDGE / pack).glob("*.md"))


ALL_FILES = [p for pack in PACKS for p in entry_files(pack)]


@pytest.mark.parametrize("pack", PACKS)
def test_pack_yaml(pack: str) -> None:
    data = yaml.safe_load((KNOWLEDGE / pack / "pack.yaml").read_text(encoding="utf-8"))
    assert data["id"] == pack
    assert data["title"]
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", str(data["version"]))
    assert set(data["language"]) == {"de", "en"}


def test_there_are_entries() -> None:
    assert len(ALL_FILES) >= 40


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_entry_structure(path: Path) -> None:
    data, _body = split_entry(path)
    for key in REQUIRED:
        assert data.get(key), f"{path.name}: missing {key}"
    assert data["id"] == path.stem
    assert re.fullmatch(r"[a-z0-9-]+", data["id"])
    assert data["type"] in TYPES
    assert data["side"] in SIDES
    assert data.get("status", "confirmed") in STATUSES
    for lang in ("en", "de"):
        names = data["names"].get(lang)
        assert names and all(isinstance(n, str) and n.strip() for n in names), (
            f"{path.name}: names.{lang}"
        )
        assert isinstance(data["summary"].get(lang), str) and data["summary"][lang].strip()
    forms = data.get("forms") or {}
    for lang, values in forms.items():
        assert lang in ("en", "de") and all(isinstance(v, str) and v.strip() for v in values)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_sources_and_body_refs(path: Path) -> None:
    data, body = split_entry(path)
    sources = data["sources"]
    assert len(sources) >= 1
    ids = [s["id"] for s in sources]
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate source ids"
    for source in sources:
        assert source.get("title") and source.get("publisher")
        assert source.get("url") or source.get("symbol"), (
            f"{path.name}: {source['id']} has no url or symbol"
        )
        if source.get("url"):
            assert str(source["url"]).startswith(("http://", "https://"))
    lines = [line for line in body.splitlines() if line.strip()]
    assert lines, f"{path.name}: empty body"
    for line in lines:
        assert DATE_PREFIX.match(line), f"{path.name}: body line is not a dated fact: {line[:60]}"
        refs = REF.findall(line)
        assert refs, f"{path.name}: fact without source reference: {line[:60]}"
        assert line.rstrip().endswith("]"), f"{path.name}: fact must end with a reference"
        for ref in refs:
            assert ref in ids, f"{path.name}: [{ref}] is not defined in sources"


@pytest.mark.parametrize("path", entry_files("outlets"), ids=lambda p: p.stem)
def test_outlet_fields(path: Path) -> None:
    data, _ = split_entry(path)
    assert data["type"] == "outlet"
    assert data["kind"] == "media"
    assert re.fullmatch(r"[A-Z]{2}", str(data["country"]))
    assert isinstance(data["ownership"], str) and data["ownership"].strip()
    assert "\n" not in data["ownership"]
    assert data["state_affiliation"] in STATE_AFFILIATIONS
    if data["state_affiliation"] in ("state", "state-aligned"):
        assert data["side"] in {"AZ", "AM", "RU", "TR"}
    if data["state_affiliation"] == "public":
        assert data["side"] == "IND"


def test_outlet_count() -> None:
    assert len(entry_files("outlets")) >= 22


def test_ids_unique_across_packs() -> None:
    seen: dict[str, str] = {}
    for path in ALL_FILES:
        data, _ = split_entry(path)
        assert data["id"] not in seen, f"{data['id']} in {path} and {seen[data['id']]}"
        seen[data["id"]] = str(path)


def test_countries_are_governments() -> None:
    countries = [
        split_entry(p)[0] for p in entry_files("general") if split_entry(p)[0]["type"] == "country"
    ]
    assert {c["id"] for c in countries} >= {"azerbaijan", "armenia", "russia", "turkey", "usa"}
    for c in countries:
        assert c["kind"] == "government"


def test_general_names_requested_in_brief() -> None:
    by_id = {split_entry(p)[0]["id"]: split_entry(p)[0] for p in entry_files("general")}
    unsc = by_id["un-security-council"]
    surface = set(unsc["names"]["de"]) | set(unsc["forms"]["de"])
    assert {
        "UN-Sicherheitsrat",
        "UN-Sicherheitsrates",
        "Sicherheitsrat",
        "Weltsicherheitsrat",
    } <= surface
    az = by_id["azerbaijan"]
    assert (
        "Baku" not in az["names"]["en"] + az["names"]["de"] + az["forms"]["en"] + az["forms"]["de"]
    )
    csto = by_id["csto"]
    assert csto["side"] == "INT" and csto["affiliation"] == "RU"
