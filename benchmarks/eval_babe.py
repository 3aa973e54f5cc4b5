"""English biased wording against BABE (expert-labelled news sentences).

    .venv/bin/python benchmarks/eval_babe.py [--path FILE] [--errors N]

Scores exactly as ``../shared/eval/README.md`` says:

- sentence level: a sentence counts as flagged if any wording flag overlaps it; precision,
  recall and F1 against the label ``Biased``;
- word level: a marked word (``biased_words``) is found if a flag overlaps it, and a flag is
  right if it overlaps a marked word of its sentence; precision, recall and F1;
- even-handedness: the share of biased sentences flagged, and of non-biased sentences
  flagged, for left- and right-leaning outlets; the difference must stay within 0.10.

The development set is split by a hash of the sentence text into a tuning part (80 %) and a
held part (20 %), so that tuning on the first shows up as a gap on the second. The data are
read from ``../shared/eval/babe/dev.jsonl`` and never copied into the project.

``score_babe()`` returns the figures as a dict (used by ``benchmarks/accuracy.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.analysis.engine import Analyzer  # noqa: E402
from reader.core.knowledge.loader import load_knowledge  # noqa: E402

DEFAULT_PATH = ROOT.parent / "shared" / "eval" / "babe" / "dev.jsonl"
if not DEFAULT_PATH.is_file():
    DEFAULT_PATH = Path("/work/shared/eval/babe/dev.jsonl")

MAX_LEANING_GAP = 0.10


def split_of(text: str) -> str:
    """'tune' (80 %) or 'held' (20 %), by a hash of the sentence."""
    digest = hashlib.sha1(text.encode("utf-8")).digest()
    return "held" if digest[0] % 5 == 0 else "tune"


def load_rows(path: Path = DEFAULT_PATH) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def word_spans(text: str, word: str) -> list[tuple[int, int]]:
    """Every whole-word, case-insensitive occurrence of a marked word in the sentence."""
    word = word.strip()
    if not word:
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:  # marked words are sometimes cut from a longer token
        spans = [m.span() for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Counts:
    tp: int = 0  # sentences
    fp: int = 0
    fn: int = 0
    tn: int = 0
    words: int = 0  # marked words
    words_found: int = 0
    flags: int = 0
    flags_right: int = 0
    leaning: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (leaning, label) -> [flagged, n]

    def add(self, row: dict[str, Any], flag_spans: list[tuple[int, int]]) -> None:
        text = row["text"]
        biased = row["label"] == "Biased"
        flagged = bool(flag_spans)
        if biased and flagged:
            self.tp += 1
        elif biased:
            self.fn += 1
        elif flagged:
            self.fp += 1
        else:
            self.tn += 1
        marked: list[list[tuple[int, int]]] = []
        for word in dict.fromkeys(w.casefold() for w in row.get("biased_words") or []):
            spans = word_spans(text, word)
            if not spans:
                continue  # a marked word that is not in the text cannot be found or missed
            marked.append(spans)
        self.words += len(marked)
        self.words_found += sum(any(_overlaps(s, f) for s in spans for f in flag_spans) for spans in marked)
        self.flags += len(flag_spans)
        every = [s for spans in marked for s in spans]
        self.flags_right += sum(any(_overlaps(f, s) for s in every) for f in flag_spans)
        cell = self.leaning.setdefault((row.get("leaning") or "", row["label"]), [0, 0])
        cell[0] += flagged
        cell[1] += 1

    def figures(self) -> dict[str, Any]:
        p = _ratio(self.tp, self.tp + self.fp)
        r = _ratio(self.tp, self.tp + self.fn)
        wp = _ratio(self.flags_right, self.flags)
        wr = _ratio(self.words_found, self.words)
        shares: dict[str, float] = {}
        for leaning in ("left", "right"):
            for label, name in (("Biased", "biased"), ("Non-biased", "clean")):
                flagged, n = self.leaning.get((leaning, label), [0, 0])
                shares[f"{leaning}_{name}_flagged"] = _ratio(flagged, n)
        gap_biased = abs(shares["left_biased_flagged"] - shares["right_biased_flagged"])
        gap_clean = abs(shares["left_clean_flagged"] - shares["right_clean_flagged"])
        return {
            "sentences": self.tp + self.fp + self.fn + self.tn,
            "sentence_precision": p,
            "sentence_recall": r,
            "sentence_f1": _f1(p, r),
            "word_precision": wp,
            "word_recall": wr,
            "word_f1": _f1(wp, wr),
            "flags": self.flags,
            **shares,
            "leaning_gap_biased": gap_biased,
            "leaning_gap_clean": gap_clean,
            "leaning_ok": max(gap_biased, gap_clean) <= MAX_LEANING_GAP,
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def flag_spans(analyzer: Analyzer, text: str) -> list[tuple[int, int]]:
    analysis = analyzer.analyze_raw(text, "en")
    return [(f.start, f.end) for f in analysis.flags]


def score_rows(analyzer: Analyzer, rows: Iterable[dict[str, Any]]) -> dict[str, Counts]:
    parts = {"all": Counts(), "tune": Counts(), "held": Counts()}
    for row in rows:
        spans = flag_spans(analyzer, row["text"])
        parts["all"].add(row, spans)
        parts[split_of(row["text"])].add(row, spans)
    return parts


def score_babe(path: Path = DEFAULT_PATH, analyzer: Analyzer | None = None) -> dict[str, Any]:
    """BABE figures for the whole development set and its tuning (80 %) and held (20 %) parts."""
    if analyzer is None:
        analyzer = Analyzer(load_knowledge(ROOT / "resources"))
    parts = score_rows(analyzer, load_rows(path))
    return {name: counts.figures() for name, counts in parts.items()}


def errors(analyzer: Analyzer, rows: list[dict[str, Any]], limit: int) -> None:
    """Print missed biased sentences and flagged clean ones (tuning part only)."""
    shown = {"fp": 0, "fn": 0}
    for row in rows:
        if split_of(row["text"]) != "tune":
            continue
        analysis = analyzer.analyze_raw(row["text"], "en")
        biased = row["label"] == "Biased"
        if analysis.flags and not biased and shown["fp"] < limit:
            shown["fp"] += 1
            print("FP", [(f.text, f.entry or f.rule) for f in analysis.flags], "|", row["text"])
        if biased and not analysis.flags and shown["fn"] < limit:
            shown["fn"] += 1
            print("FN", row["biased_words"], "|", row["text"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--errors", type=int, default=0, help="print N misses and N false flags")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.path.is_file():
        print(f"eval_babe: no BABE file at {args.path}", file=sys.stderr)
        raise SystemExit(1)
    analyzer = Analyzer(load_knowledge(ROOT / "resources"))
    figures = score_babe(args.path, analyzer)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        print("BABE (English biased wording)   sentence P/R/F1     word P/R/F1     "
              "left/right flagged: biased | clean")
        for name, f in figures.items():
            print(f"  {name:<5} n={f['sentences']:<5} "
                  f"{f['sentence_precision']:.2f}/{f['sentence_recall']:.2f}/{f['sentence_f1']:.2f}"
                  f"      {f['word_precision']:.2f}/{f['word_recall']:.2f}/{f['word_f1']:.2f}"
                  f"      {f['left_biased_flagged']:.2f}/{f['right_biased_flagged']:.2f}"
                  f" | {f['left_clean_flagged']:.2f}/{f['right_clean_flagged']:.2f}"
                  f"  gap {max(f['leaning_gap_biased'], f['leaning_gap_clean']):.2f}")
        print("  required: sentence F1 >= 0.65, word F1 >= 0.45, leaning gap <= 0.10")
    if args.errors:
        errors(analyzer, load_rows(args.path), args.errors)


if __name__ == "__main__":
    main()
