"""Propaganda-technique spans (loaded language, name-calling, exaggeration/minimisation) on our
own sentences (tests/data/gold/propaganda.yaml) through the real engine.

Scored like SemEval-2020 Task 11 span identification, by overlap: a wording flag is right if it
overlaps a gold span of its sentence, and a gold span is found if some flag overlaps it. The
issue's targets are precision >= 0.50 and recall >= 0.35 per language; the figures for the
tuned and the held items are printed with ``pytest -s``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from analysis_fixtures import real_kb

from reader.core.analysis.engine import Analyzer

GOLD = Path(__file__).parent / "data" / "gold" / "propaganda.yaml"
TECHNIQUES = {"LL", "NC", "EM"}
MIN_PRECISION, MIN_RECALL = 0.50, 0.35


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(real_kb())


def _items() -> list[dict[str, Any]]:
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return list(data["items"])


def _gold_spans(item: dict[str, Any]) -> list[tuple[int, int]]:
    text = item["text"]
    spans = []
    for technique, phrase in item["spans"]:
        assert technique in TECHNIQUES, (item["id"], technique)
        start = text.find(phrase)
        assert start >= 0, (item["id"], phrase)
        spans.append((start, start + len(phrase)))
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(analyzer: Analyzer, items: list[dict[str, Any]]) -> dict[str, float]:
    flags = right = gold = found = 0
    for item in items:
        spans = _gold_spans(item)
        got = [(f.start, f.end) for f in analyzer.analyze_raw(item["text"], item["lang"]).flags]
        flags += len(got)
        right += sum(any(_overlaps(f, s) for s in spans) for f in got)
        gold += len(spans)
        found += sum(any(_overlaps(s, f) for f in got) for s in spans)
    return {"precision": right / flags if flags else 0.0, "recall": found / gold if gold else 0.0,
            "flags": flags, "spans": gold}


def test_gold_file_is_well_formed() -> None:
    items = _items()
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    for item in items:
        assert item["lang"] in ("en", "de")
        _gold_spans(item)
    for lang in ("en", "de"):
        mine = [i for i in items if i["lang"] == lang]
        assert sum(not i["spans"] for i in mine) >= len(mine) // 5  # enough neutral traps


@pytest.mark.parametrize("lang", ["en", "de"])
def test_propaganda_spans_precision_and_recall(analyzer: Analyzer, lang: str) -> None:
    items = [i for i in _items() if i["lang"] == lang]
    figures = {split: score(analyzer, [i for i in items if bool(i.get("held")) == held])
               for split, held in (("tuned", False), ("held", True))}
    total = score(analyzer, items)
    for split, f in (*figures.items(), ("all", total)):
        print(f"propaganda {lang} {split:<5} P {f['precision']:.2f} R {f['recall']:.2f} "
              f"({f['flags']} flags, {f['spans']} spans)")
    assert total["precision"] >= MIN_PRECISION and total["recall"] >= MIN_RECALL, total
    held = figures["held"]
    assert held["precision"] >= MIN_PRECISION and held["recall"] >= MIN_RECALL, held


def test_neutral_traps_not_flagged(analyzer: Analyzer) -> None:
    """Neutral copy with trap words ("claimed responsibility", "a total of") stays clean."""
    flagged = [(i["id"], [f.text for f in analyzer.analyze_raw(i["text"], i["lang"]).flags])
               for i in _items() if not i["spans"] and not i.get("other")]
    flagged = [(i, f) for i, f in flagged if f]
    assert len(flagged) <= 2, flagged


# name-calling aimed at the left and at the right, pair by pair: both flagged, alike
LABEL_PAIRS = [
    ("en", "radical leftists", "far-right extremists"), ("en", "libtards", "MAGAts"),
    ("en", "snowflakes", "gun nuts"), ("en", "communists", "fascists"),
    ("en", "Islamofascists", "Christofascists"), ("en", "Dumbocrats", "Rethuglicans"),
    ("en", "globalists", "oligarchs"), ("en", "the deep state", "the MAGA cult"),
    ("de", "Gutmenschen", "Rechtspopulisten"), ("de", "Linksextreme", "Rechtsextremisten"),
    ("de", "Ökoterroristen", "Klimaleugner"), ("de", "Systemparteien", "Faschos"),
    ("de", "Kriegstreiber", "Putin-Versteher"),
]


@pytest.mark.parametrize(("lang", "at_left", "at_right"), LABEL_PAIRS)
def test_labels_for_both_camps_flagged_alike(analyzer: Analyzer, lang: str, at_left: str,
                                             at_right: str) -> None:
    template = {"en": "On Monday {} gathered outside the court.",
                "de": "Am Montag versammelten sich {} vor dem Gericht."}[lang]
    got = [[(f.severity, f.in_quote) for f in analyzer.analyze_raw(template.format(label), lang).flags]
           for label in (at_left, at_right)]
    assert got[0] and got[0] == got[1], (at_left, at_right, got)
