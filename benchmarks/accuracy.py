"""Analysis accuracy on the development sets in ``../shared/eval`` (never copied into the project).

    .venv/bin/python benchmarks/accuracy.py [--json]

Prints, for both development sets, the figures issue 10 asks for, scored exactly as
``../shared/eval/README.md`` says:

- German news quotations (Wikinews): precision / recall / speaker span right
  (``benchmarks/eval_quotes.py``);
- English biased wording (BABE): sentence and word P/R/F1, and the left- vs right-leaning
  difference in the share of biased and of non-biased sentences flagged
  (``benchmarks/eval_babe.py``);

and, from our own hand-annotated sets in ``tests/data/gold``, the propaganda-span P/R (English
and German) and the period German reported-speech cues (``historical-de.yaml``, blind).

Each scorer also prints its tuning and held-out split (by a hash of the document id), so
over-fitting to the development set shows. When ``../shared/eval`` is absent the script says so
and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

EVAL = ROOT.parent / "shared" / "eval"


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _print_block(title: str, figures: dict[str, Any]) -> None:
    print(f"\n{title}")
    for key, value in figures.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k} {_fmt(v)}" for k, v in value.items())
            print(f"  {key:<28} {inner}")
        else:
            print(f"  {key:<28} {_fmt(value)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    own = _own_sets()
    if not EVAL.is_dir():
        print(f"no development sets at {EVAL}; only our own sets are scored")
        _print_block("Our own hand-annotated sets (tests/data/gold)", own)
        return 0

    import eval_babe
    import eval_quotes

    results = {
        "german_quotations": eval_quotes.score_quotes(),
        "english_biased_wording": eval_babe.score_babe(),
        "own_sets": own,
    }
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    _print_block("German news quotations (Wikinews dev set)", results["german_quotations"])
    _print_block("English biased wording (BABE dev set)", results["english_biased_wording"])
    _print_block("Our own hand-annotated sets (tests/data/gold)", own)
    return 0


def _own_sets() -> dict[str, Any]:
    """The sets we wrote for the measures no development set covers: propaganda spans
    (loaded language, name-calling, exaggeration) and period German reported speech (written
    and annotated blind)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_attribution_historical as historical
    import test_lexicon_propaganda as propaganda
    from analysis_fixtures import real_kb

    from reader.core.analysis.engine import Analyzer

    analyzer = Analyzer(real_kb())
    items = propaganda._items()
    out: dict[str, Any] = {}
    for lang in ("en", "de"):
        mine = [i for i in items if i["lang"] == lang]
        out[f"propaganda_{lang}_all"] = propaganda.score(analyzer, mine)
        out[f"propaganda_{lang}_held"] = propaganda.score(analyzer, [i for i in mine if i.get("held")])
    out["historical_de"] = historical.score(analyzer, historical.items())
    return out


if __name__ == "__main__":
    raise SystemExit(main())
