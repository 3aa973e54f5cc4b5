"""Precision and recall of the engine on the hand-annotated gold set (tests/data/gold/).

Items marked ``held_out: true`` were written and annotated by hand without running the
engine on them and were never used to tune it; the others ("tuned") were. Both splits are
scored separately and printed with ``pytest -s``. The pass/fail thresholds apply to the
**held-out** figures, the only honest estimate; the tuned split only has to stay high so a
change cannot silently break what it was built on.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml
from analysis_fixtures import real_kb

from reader.core.analysis.engine import Analyzer
from reader.core.analysis.model import Analysis, Attribution

GOLD = Path(__file__).parent / "data" / "gold"
SPLITS = ("tuned", "held_out")
# kind -> (minimum precision, minimum recall) on the HELD-OUT items, per language.
# The targets (attributions and mentions: P >= 0.85, R >= 0.75). Blind measurement
# on the 34+34 held-out items, before any engine change: attributions de P 0.83 / R 0.73,
# en P 0.83 / R 0.86; mentions de 0.92 / 0.98, en 0.95 / 1.00. The engine was then fixed
# for the general causes of those misses, so the held-out items have since been looked at;
# new blind items (de-h35…, en-h35…) are the way to re-measure honestly.
HELD_OUT_THRESHOLDS: dict[str, dict[str, tuple[float, float]]] = {
    "de": {
        "attributions": (0.85, 0.75),
        "mentions": (0.85, 0.75),
        "unattributed": (0.75, 0.70),
        "flags": (0.75, 0.70),
        "headline": (0.80, 0.75),
        "speaker_side": (0.80, 0.0),  # share of matched attributions with the right side/kind
    },
    "en": {
        "attributions": (0.85, 0.75),
        "mentions": (0.85, 0.75),
        "unattributed": (0.75, 0.70),
        "flags": (0.75, 0.70),
        "headline": (0.80, 0.75),
        "speaker_side": (0.80, 0.0),
    },
}
# the tuned items must stay near-perfect (regression guard, not a quality claim)
TUNED_THRESHOLDS = {
    "attributions": (0.90, 0.90),
    "mentions": (0.90, 0.90),
    "unattributed": (0.85, 0.85),
    "flags": (0.85, 0.85),
    "headline": (0.80, 0.80),
    "speaker_side": (0.85, 0.0),
}
KINDS = tuple(TUNED_THRESHOLDS)


def _load(language: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((GOLD / f"{language}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == language
    return list(data["items"])


def _split(item: dict[str, Any]) -> str:
    return "held_out" if item.get("held_out") else "tuned"


def _att_matches(exp: dict[str, Any], got: Attribution) -> bool:
    if exp["cue"].casefold() not in got.cue.text.casefold():
        return False
    wanted = exp.get("speaker", "")
    options = [str(w).casefold() for w in (wanted if isinstance(wanted, list) else [wanted])]
    have = ((got.speaker.span.text if got.speaker.span else "") + " | " + got.speaker.name).casefold()
    if any(options) and not any(o and o in have for o in options):
        return False
    if exp.get("entity") and got.speaker.entity != exp["entity"]:
        return False
    return True


class Score:
    def __init__(self) -> None:
        self.tp_pred = self.pred = self.tp_gold = self.gold = 0
        self.misses: list[str] = []

    def add(self, tp_pred: int, pred: int, tp_gold: int, gold: int) -> None:
        self.tp_pred += tp_pred
        self.pred += pred
        self.tp_gold += tp_gold
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0


def _score_item(item: dict[str, Any], a: Analysis, scores: dict[str, Score]) -> None:
    iid = item["id"]
    # attributions
    exp_atts = item.get("attributions", [])
    matched_pred = {i for i, got in enumerate(a.attributions)
                    if any(_att_matches(e, got) for e in exp_atts)}
    matched_gold = [e for e in exp_atts if any(_att_matches(e, g) for g in a.attributions)]
    scores["attributions"].add(len(matched_pred), len(a.attributions), len(matched_gold), len(exp_atts))
    for e in exp_atts:
        if e not in matched_gold:
            scores["attributions"].misses.append(f"{iid}: missed {e}")
    for i, got in enumerate(a.attributions):
        if i not in matched_pred:
            scores["attributions"].misses.append(
                f"{iid}: extra {got.cue.text!r} by {got.speaker.name!r} ({got.speaker.entity})")
    side = scores["speaker_side"]
    for e in matched_gold:
        if "side" in e or "kind" in e:
            got = next(g for g in a.attributions if _att_matches(e, g))
            ok = ("side" not in e or got.speaker.side == e["side"]) and (
                "kind" not in e or got.speaker.kind == e["kind"]) and (
                not e.get("relayed") or bool(got.relayed_by))
            side.add(int(ok), 1, int(ok), 1)
            if not ok:
                side.misses.append(f"{iid}: {e} got {got.speaker.side}/{got.speaker.kind}")
    # mentions (sets of ids per item)
    exp_m = set(item.get("mentions", []))
    got_m = {m.entity for m in a.mentions}
    scores["mentions"].add(len(exp_m & got_m), len(got_m), len(exp_m & got_m), len(exp_m))
    if exp_m != got_m:
        scores["mentions"].misses.append(f"{iid}: missing {sorted(exp_m - got_m)} extra {sorted(got_m - exp_m)}")
    # unattributed claims (sentences)
    exp_u = list(item.get("unattributed", []))
    hit_gold = [u for u in exp_u if any(u in x.text for x in a.unattributed)]
    hit_pred = [x for x in a.unattributed if any(u in x.text for u in exp_u)]
    scores["unattributed"].add(len(hit_pred), len(a.unattributed), len(hit_gold), len(exp_u))
    if len(hit_pred) != len(a.unattributed) or len(hit_gold) != len(exp_u):
        scores["unattributed"].misses.append(
            f"{iid}: expected {exp_u} got {[x.text[:40] for x in a.unattributed]}")
    # flags
    exp_f = list(item.get("flags", []))

    def f_ok(e: dict[str, Any], f: Any) -> bool:
        if "entry" in e and f.entry != e["entry"]:
            return False
        if "rule" in e and f.rule != e["rule"]:
            return False
        return "in_quote" not in e or f.in_quote == e["in_quote"]

    fp = [f for f in a.flags if any(f_ok(e, f) for e in exp_f)]
    fg = [e for e in exp_f if any(f_ok(e, f) for f in a.flags)]
    scores["flags"].add(len(fp), len(a.flags), len(fg), len(exp_f))
    if len(fp) != len(a.flags) or len(fg) != len(exp_f):
        scores["flags"].misses.append(
            f"{iid}: expected {exp_f} got {[(f.entry or f.rule, f.text, f.in_quote) for f in a.flags]}")
    # headline
    exp_h = list(item.get("headline", []))
    got_h = [h.rule for h in a.headline]
    tp = sum(min(exp_h.count(r), got_h.count(r)) for r in set(exp_h))
    scores["headline"].add(tp, len(got_h), tp, len(exp_h))
    if sorted(exp_h) != sorted(got_h):
        scores["headline"].misses.append(f"{iid}: expected {exp_h} got {got_h}")


@functools.cache
def _analyzer() -> Analyzer:
    return Analyzer(real_kb())


def evaluate(language: str) -> dict[str, dict[str, Score]]:
    """Scores per split ("tuned", "held_out") and kind."""
    analyzer = _analyzer()
    scores = {s: {k: Score() for k in KINDS} for s in SPLITS}
    for item in _load(language):
        a = analyzer.analyze(item.get("title", ""), item["text"], language, item.get("outlet"))
        _score_item(item, a, scores[_split(item)])
    return scores


def _report(language: str, split: str, scores: dict[str, Score],
            thresholds: dict[str, tuple[float, float]]) -> list[str]:
    failures = []
    for kind, score in scores.items():
        p_min, r_min = thresholds[kind]
        print(f"{language} {split:8s} {kind:13s} precision {score.precision:.2f} recall "
              f"{score.recall:.2f} (pred {score.pred}, gold {score.gold}; min {p_min:.2f}/{r_min:.2f})")
        for miss in score.misses:
            print("    ", miss)
        if score.precision < p_min or score.recall < r_min:
            failures.append(f"{split} {kind}: P={score.precision:.2f} R={score.recall:.2f}")
    return failures


@pytest.mark.parametrize("language", ["de", "en"])
def test_gold_held_out(language: str) -> None:
    items = _load(language)
    held = [i for i in items if _split(i) == "held_out"]
    assert len(held) >= 30, "the held-out split must stay large enough to mean something"
    scores = evaluate(language)
    failures = _report(language, "held_out", scores["held_out"], HELD_OUT_THRESHOLDS[language])
    assert not failures, failures


@pytest.mark.parametrize("language", ["de", "en"])
def test_gold_tuned(language: str) -> None:
    assert len([i for i in _load(language) if _split(i) == "tuned"]) >= 25
    scores = evaluate(language)
    failures = _report(language, "tuned", scores["tuned"], TUNED_THRESHOLDS)
    assert not failures, failures


def test_held_out_items_are_marked() -> None:
    """Every item with an -h id is held out and vice versa (a typo must not move an item)."""
    for language in ("de", "en"):
        for item in _load(language):
            assert bool(item.get("held_out")) == ("-h" in item["id"]), item["id"]
