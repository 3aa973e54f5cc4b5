"""Precision and recall of the engine on the hand-annotated gold set (tests/data/gold/).

Thresholds are per kind; the measured figures are printed with ``pytest -s``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from analysis_fixtures import real_kb

from reader.core.analysis.engine import Analyzer
from reader.core.analysis.model import Analysis, Attribution

GOLD = Path(__file__).parent / "data" / "gold"
# kind -> (minimum precision, minimum recall)
THRESHOLDS = {
    "attributions": (0.85, 0.75),
    "mentions": (0.85, 0.75),
    "unattributed": (0.75, 0.70),
    "flags": (0.80, 0.75),
    "headline": (0.80, 0.75),
    "speaker_side": (0.80, 0.0),  # share of matched attributions with the right side
}


def _load(language: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((GOLD / f"{language}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == language
    return list(data["items"])


def _att_matches(exp: dict[str, Any], got: Attribution) -> bool:
    if exp["cue"].casefold() not in got.cue.text.casefold():
        return False
    wanted = str(exp.get("speaker", "")).casefold()
    have = ((got.speaker.span.text if got.speaker.span else "") + " | " + got.speaker.name).casefold()
    if wanted and wanted not in have:
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


def evaluate(language: str) -> dict[str, Score]:
    analyzer = Analyzer(real_kb())
    scores = {k: Score() for k in THRESHOLDS}
    for item in _load(language):
        a: Analysis = analyzer.analyze(item.get("title", ""), item["text"], language,
                                       item.get("outlet"))
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
            if "side" in e:
                got = next(g for g in a.attributions if _att_matches(e, g))
                ok = got.speaker.side == e["side"] and (
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
    return scores


@pytest.mark.parametrize("language", ["de", "en"])
def test_gold(language: str) -> None:
    assert len(_load(language)) >= 30
    scores = evaluate(language)
    failures = []
    for kind, score in scores.items():
        p_min, r_min = THRESHOLDS[kind]
        print(f"{language} {kind:13s} precision {score.precision:.2f} recall {score.recall:.2f} "
              f"(pred {score.pred}, gold {score.gold})")
        for miss in score.misses:
            print("    ", miss)
        if score.precision < p_min or score.recall < r_min:
            failures.append(f"{kind}: P={score.precision:.2f} R={score.recall:.2f}")
    assert not failures, failures
