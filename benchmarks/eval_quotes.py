"""German news quotation attribution against the development set in ``../shared/eval``.

    .venv/bin/python benchmarks/eval_quotes.py [--limit N]

Scores exactly as ``shared/eval/README.md`` says: a predicted attribution is right if its cue
overlaps a gold cue or its speaker overlaps a gold speaker (precision); a gold quotation with a
cue is found if some predicted cue overlaps it (recall); its speaker is right if a predicted
speaker span has Jaccard >= 0.5 with a gold speaker span (speaker accuracy, over found
quotations). The set is split by a hash of the article id: ``tune`` (80 %) and ``check``
(20 %), to tell tuning from overfitting. The data is read in place, never copied.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.analysis.engine import Analyzer  # noqa: E402
from reader.core.knowledge.loader import load_knowledge  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "german-news-quotations" / "train"

Spans = list[tuple[int, int]]


def split_of(article_id: str) -> str:
    """"tune" for about 80 % of the articles, "check" for the rest, fixed by the id."""
    digest = hashlib.sha1(article_id.encode("utf-8")).digest()
    return "check" if digest[0] % 5 == 0 else "tune"


def _spans(role: dict[str, Any] | None) -> Spans:
    if not role:
        return []
    return [(s["start"], s["end"]) for s in role.get("spans", []) if s["end"] > s["start"]]


def _overlaps(a: tuple[int, int], spans: Spans) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


class Tally:
    def __init__(self) -> None:
        self.pred = self.pred_ok = self.gold = self.found = self.speaker_ok = 0

    def add(self, other: Tally) -> None:
        self.pred += other.pred
        self.pred_ok += other.pred_ok
        self.gold += other.gold
        self.found += other.found
        self.speaker_ok += other.speaker_ok

    def figures(self) -> dict[str, float]:
        return {
            "precision": self.pred_ok / self.pred if self.pred else 0.0,
            "recall": self.found / self.gold if self.gold else 0.0,
            "speaker": self.speaker_ok / self.found if self.found else 0.0,
            "predicted": float(self.pred),
            "gold": float(self.gold),
        }


def score_article(analyzer: Analyzer, doc: dict[str, Any], tally: Tally) -> None:
    a = analyzer.analyze(doc.get("title") or "", doc["text"], "de")
    pred_cues = [(x.cue.start, x.cue.end) for x in a.attributions]
    pred_speakers = [(x.speaker.span.start, x.speaker.span.end) if x.speaker.span else None
                     for x in a.attributions]
    gold_cues: Spans = []
    gold_speakers: Spans = []
    for ann in doc.get("annotations", []):
        gold_cues.extend(_spans(ann.get("cue")))
        gold_speakers.extend(_spans(ann.get("speaker")))
    for cue, spk in zip(pred_cues, pred_speakers, strict=True):
        tally.pred += 1
        if _overlaps(cue, gold_cues) or (spk is not None and _overlaps(spk, gold_speakers)):
            tally.pred_ok += 1
    for ann in doc.get("annotations", []):
        cues = _spans(ann.get("cue"))
        if not cues:
            continue
        tally.gold += 1
        hits = [i for i, c in enumerate(pred_cues) if _overlaps(c, cues)]
        if not hits:
            continue
        tally.found += 1
        gold_spk = _spans(ann.get("speaker"))
        if any(pred_speakers[i] is not None and any(
                _jaccard(pred_speakers[i], g) >= 0.5 for g in gold_spk)  # type: ignore[arg-type]
               for i in hits):
            tally.speaker_ok += 1


def score_quotes(limit: int | None = None, analyzer: Analyzer | None = None) -> dict[str, Any]:
    """Figures for the whole dev set and its two splits; ``{"missing": path}`` without data."""
    if not DEV.is_dir():
        return {"missing": str(DEV)}
    analyzer = analyzer or Analyzer(load_knowledge(ROOT / "resources"))
    files = sorted(DEV.glob("*.json"))
    if limit is not None:
        files = files[:limit]
    tallies = {"all": Tally(), "tune": Tally(), "check": Tally()}
    for path in files:
        doc = json.loads(path.read_text("utf-8"))
        part = split_of(str(doc.get("id", path.stem)))
        one = Tally()
        score_article(analyzer, doc, one)
        for name in ("all", part):
            tallies[name].add(one)
    return {name: t.figures() for name, t in tallies.items()} | {"articles": len(files)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    result = score_quotes(args.limit)
    if "missing" in result:
        print(f"error: development set not found at {result['missing']}", file=sys.stderr)
        return 1
    print(f"German news quotations, {result['articles']} articles")
    for name in ("tune", "check", "all"):
        f = result[name]
        print(f"  {name:5s}  P {f['precision']:.3f}  R {f['recall']:.3f}  speaker {f['speaker']:.3f}"
              f"  (predicted {int(f['predicted'])}, gold with cue {int(f['gold'])})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
