"""Canonical dump of the analysis JSON over every text we have, to check that a change to the
engine (e.g. a speed-up) leaves every result byte-identical.

    .venv/bin/python benchmarks/analysis_snapshot.py OUT.json
    (change the engine)
    .venv/bin/python benchmarks/analysis_snapshot.py OUT2.json && cmp OUT.json OUT2.json

Texts: the German Wikinews articles (``../shared/eval/german-news-quotations/{train,dev}``) and
the BABE sentences grouped into articles as in ``analysis_bench.py`` (when the development sets
are beside the checkout), the gold sets (``tests/data/gold``), the bundled sample articles,
runs of 25 news texts joined into one long text, and odd forms of some news texts (upper
case, another language, odd whitespace).
Each is analysed with title (and outlet where one is given) and dumped as ``Analysis.to_json()``
with sorted keys. Write OUT outside the repository: it holds text of the development sets.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.analysis.engine import Analyzer  # noqa: E402
from reader.core.importing.pipeline import parse_path  # noqa: E402
from reader.core.knowledge.loader import load_knowledge  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
# (name, title, text, language, outlet)
Item = tuple[str, str, str, str, str | None]


def german_news() -> Iterator[Item]:
    for split in ("train", "dev"):
        folder = EVAL / "german-news-quotations" / split
        for p in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            d = json.loads(p.read_text("utf-8"))
            yield f"gnq/{split}/{p.stem}", d.get("title") or "", d["text"], "de", None


def babe() -> Iterator[Item]:
    path = EVAL / "babe" / "dev.jsonl"
    if not path.is_file():
        return
    by_outlet: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            by_outlet.setdefault(d.get("outlet") or "", []).append(d["text"])
    for outlet, sents in sorted(by_outlet.items()):
        for i in range(0, len(sents), 10):
            chunk = sents[i:i + 10]
            paras = [" ".join(chunk[j:j + 2]) for j in range(0, len(chunk), 2)]
            yield f"babe/{outlet}/{i // 10 + 1}", f"{outlet} {i // 10 + 1}", "\n\n".join(paras), "en", None


def gold() -> Iterator[Item]:
    for name in ("de", "en"):
        data = yaml.safe_load((ROOT / "tests/data/gold" / f"{name}.yaml").read_text("utf-8"))
        for item in data["items"]:
            yield (f"gold/{name}/{item['id']}", item.get("title") or "", item["text"],
                   data.get("language", name), item.get("outlet"))
    data = yaml.safe_load((ROOT / "tests/data/gold/propaganda.yaml").read_text("utf-8"))
    for item in data["items"]:
        yield f"propaganda/{item['id']}", "", item["text"], item["lang"], None


def samples() -> Iterator[Item]:
    for p in sorted((ROOT / "resources" / "samples").glob("*.md")):
        if p.name.lower() == "readme.md":
            continue
        art = parse_path(p)
        yield f"sample/{p.name}", art.title, art.text, art.language or "en", art.outlet or None


def joined(items: list[Item], size: int) -> Iterator[Item]:
    """Runs of ``size`` texts of one language joined into one long text (state across articles)."""
    for lang in ("de", "en"):
        texts = [text for _, _, text, language, _ in items if language == lang]
        for i in range(0, len(texts), size):
            yield f"joined/{lang}/{i}", "", "\n\n".join(texts[i:i + size]), lang, None


def variants(items: list[Item], count: int) -> Iterator[Item]:
    """Odd forms of the first ``count`` texts of each language: upper case, analysed as another
    language (French: the English rules), and with odd whitespace and a long s."""
    for lang in ("de", "en"):
        chosen = [item for item in items if item[3] == lang][:count]
        for name, title, text, language, outlet in chosen:
            yield f"{name}#upper", title.upper(), text.upper(), language, outlet
            yield f"{name}#fr", title, text, "fr", outlet
            odd = text.replace(" ", "\u3000", 5).replace(" ", "  \n", 3).replace("s", "ſ", 1)
            yield f"{name}#odd", title, odd, language, outlet


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    analyzer = Analyzer(load_knowledge(ROOT / "resources"))
    count = 0
    with args.out.open("w", encoding="utf-8") as f:
        news = list(german_news()) + list(babe())
        for source in (news, gold(), samples(), joined(news, 25), variants(news, 80)):
            for name, title, text, language, outlet in source:
                result = analyzer.analyze(title, text, language, outlet).to_json()
                f.write(json.dumps({"name": name, "analysis": result}, sort_keys=True, ensure_ascii=False))
                f.write("\n")
                # the same text without a title, as `reader analyze --raw` does
                raw = analyzer.analyze_raw(text, language).to_json()
                f.write(json.dumps({"name": name + "#raw", "analysis": raw}, sort_keys=True,
                                   ensure_ascii=False))
                f.write("\n")
                count += 1
    print(f"{count} texts analysed -> {args.out}")


if __name__ == "__main__":
    main()
