"""Content checks for the sample articles in resources/samples (real files)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
FILES = sorted(SAMPLES.glob("0*.md"))
GERMAN = {"01-az-state-readout-de.md", "04-ru-state-de.md", "06-west-analysis-de.md"}
DE_MARKERS = {"der", "die", "und", "das", "nicht", "mit"}
EN_MARKERS = {"the", "and", "of", "said", "with", "was"}


def parse(path: Path) -> tuple[dict, list[str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return meta, paragraphs


def test_seven_samples() -> None:
    assert len(FILES) == 7
    assert (SAMPLES / "README.md").is_file()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_front_matter(path: Path) -> None:
    meta, paragraphs = parse(path)
    for key in ("title", "outlet", "author", "date", "url", "language", "dateline"):
        assert meta.get(key), f"{path.name}: missing {key}"
    date = (
        meta["date"]
        if isinstance(meta["date"], dt.date)
        else dt.date.fromisoformat(str(meta["date"]))
    )
    assert dt.date(2020, 1, 1) <= date <= dt.date(2025, 12, 31)
    assert "(sample)" in meta["outlet"]
    assert ".example.org/" in meta["url"]
    assert len(paragraphs) >= 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_word_count(path: Path) -> None:
    _, paragraphs = parse(path)
    words = sum(len(p.split()) for p in paragraphs)
    assert 180 <= words <= 350, f"{path.name}: {words} words"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_language(path: Path) -> None:
    meta, paragraphs = parse(path)
    expected = "de" if path.name in GERMAN else "en"
    assert meta["language"] == expected
    tokens = re.findall(r"[a-zäöüß]+", " ".join(paragraphs).lower())
    de_hits = sum(t in DE_MARKERS for t in tokens)
    en_hits = sum(t in EN_MARKERS for t in tokens)
    assert (de_hits > en_hits) == (expected == "de"), f"{path.name}: de={de_hits} en={en_hits}"


def test_no_shared_paragraphs() -> None:
    seen: dict[str, str] = {}
    for path in FILES:
        for para in parse(path)[1]:
            key = " ".join(para.split()).lower()
            assert key not in seen, f"paragraph repeated in {path.name} and {seen[key]}"
            seen[key] = path.name


def test_headline_check_sample() -> None:
    meta, paragraphs = parse(SAMPLES / "06-west-analysis-de.md")
    assert "Georgien" in meta["title"]
    assert not any("Georgien" in p for p in paragraphs)
