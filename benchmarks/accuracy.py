"""Analysis accuracy on the development sets in ``../shared/eval`` (never copied into the project).

    .venv/bin/python benchmarks/accuracy.py [--json]

Prints, for both development sets, the figures issue 10 asks for, scored exactly as
``../shared/eval/README.md`` says:

- German news quotations (Wikinews): precision / recall / speaker span right
  (``benchmarks/eval_quotes.py``);
- English biased wording (BABE): sentence and word P/R/F1, and the left- vs right-leaning
  difference in the share of biased and of non-biased sentences flagged
  (``benchmarks/eval_babe.py``).

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
    if not EVAL.is_dir():
        print(f"no development sets at {EVAL}; nothing to score")
        return 0

    import eval_babe
    import eval_quotes

    results = {
        "german_quotations": eval_quotes.score_quotes(),
        "english_biased_wording": eval_babe.score_babe(),
    }
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    _print_block("German news quotations (Wikinews dev set)", results["german_quotations"])
    _print_block("English biased wording (BABE dev set)", results["english_biased_wording"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
