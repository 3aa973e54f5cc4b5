"""Analysis engine throughput.

    .venv/bin/python benchmarks/analysis_bench.py [--quick]

Prints words/s (median of repeated runs) for German and English text at several lengths,
the cost of 10,000 extra synthetic knowledge-base entries, analyser start-up time, and, side
by side, spaCy's PhraseMatcher on ``spacy.blank("de")`` doing only entity matching with the
same aliases (spaCy is not a project dependency; without it the script says so and goes on).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from reader.core.analysis.engine import Analyzer  # noqa: E402
from reader.core.knowledge.loader import load_knowledge  # noqa: E402
from reader.core.knowledge.model import Entry, KnowledgeBase  # noqa: E402

LENGTHS = (100, 1_000, 10_000, 100_000)


def corpus(language: str) -> list[str]:
    """Paragraphs to build test texts from: the gold set (and for German the seeds)."""
    data = yaml.safe_load((ROOT / "tests/data/gold" / f"{language}.yaml").read_text("utf-8"))
    paras = [item["text"] for item in data["items"]]
    if language == "de":
        from analysis_fixtures import seed

        for n in (0, 1):
            try:
                paras.extend(seed(n)[1].split("\n\n"))
            except FileNotFoundError:
                pass
    return paras


def text_of(paras: list[str], words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        p = rng.choice(paras)
        out.append(p)
        count += len(p.split())
    return "\n\n".join(out)


def median_time(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def words_per_second(analyzer: Analyzer, text: str, language: str, repeat: int) -> tuple[float, float]:
    n = len(text.split())
    t = median_time(lambda: analyzer.analyze("", text, language), repeat)
    return n / t, t


def synthetic_kb(base: KnowledgeBase, extra: int) -> KnowledgeBase:
    rng = random.Random(3)
    syllables = ["ka", "ra", "ba", "sch", "lin", "vo", "tar", "mek", "zu", "dor", "pel", "quin"]
    entries = dict(base.entries)
    for i in range(extra):
        name = "".join(rng.choice(syllables) for _ in range(3)).capitalize()
        second = "".join(rng.choice(syllables) for _ in range(2)).capitalize()
        eid = f"synthetic-{i}"
        entries[eid] = Entry(id=eid, type=rng.choice(["person", "place", "organisation"]),
                             names={"en": [f"{name} {second}", f"{name}-{i}"],
                                    "de": [f"{name} {second}", f"{name}s {second}"]},
                             side="general", pack="synthetic", path="")
    return KnowledgeBase(entries=entries, lexicon=base.lexicon, packs=base.packs)


def spacy_bench(kb: KnowledgeBase, text: str, repeat: int) -> None:
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("spaCy not installed (pip install spacy to compare); skipping")
        return
    nlp = spacy.blank("de")
    t = time.perf_counter()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for entry in kb.entries.values():
        forms = entry.all_surface_forms()
        if forms:
            matcher.add(entry.id, [nlp.make_doc(f) for f in forms])
    build = time.perf_counter() - t
    n = len(text.split())

    def run() -> None:
        matcher(nlp.make_doc(text))

    secs = median_time(run, repeat)
    print(f"spaCy {spacy.__version__} PhraseMatcher (blank 'de', entity matching only): "
          f"build {build * 1000:.0f} ms, {n / secs:,.0f} words/s on {n:,} words")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 5 if args.quick else 15
    kb = load_knowledge(ROOT / "resources")
    t = time.perf_counter()
    analyzer = Analyzer(kb)
    print(f"Analyzer start-up with the shipped packs ({len(kb.entries)} entries, "
          f"{sum(len(v) for v in kb.lexicon.values())} lexicon terms): "
          f"{(time.perf_counter() - t) * 1000:.1f} ms")
    texts: dict[str, dict[int, str]] = {}
    for language in ("de", "en"):
        paras = corpus(language)
        texts[language] = {}
        for words in LENGTHS:
            text = text_of(paras, words)
            texts[language][words] = text
            reps = max(3, repeat // (1 + words // 10_000))
            wps, secs = words_per_second(analyzer, text, language, reps)
            print(f"{language} {len(text.split()):>7,} words: {secs * 1000:9.2f} ms  "
                  f"{wps:>10,.0f} words/s")
    text = texts["de"][10_000]
    base_wps, _ = words_per_second(analyzer, text, "de", repeat)
    big = synthetic_kb(kb, 10_000)
    t = time.perf_counter()
    big_analyzer = Analyzer(big)
    build = time.perf_counter() - t
    big_wps, _ = words_per_second(big_analyzer, text, "de", repeat)
    print(f"10,000 extra synthetic entries: start-up {build * 1000:.0f} ms; "
          f"{base_wps:,.0f} -> {big_wps:,.0f} words/s ({(1 - big_wps / base_wps) * 100:+.1f} % slower)")
    tools = analyzer.tools("de")
    n = len(text.split())
    secs = median_time(lambda: tools.matcher.find(text), repeat)
    print(f"Margin Aho-Corasick matcher alone (names, forms, roles, lexicon): "
          f"{n / secs:,.0f} words/s on {n:,} words")
    spacy_bench(kb, text, repeat)
    bad_input_bench(analyzer)


def bad_input_bench(analyzer: Analyzer) -> None:
    """Linear cost on hostile input: the same dense paragraph at 0.25, 1 and 5 MB, no punctuation."""
    para = ("Präsident Ilham Aliyev sagte, dass die Anti-Terror-Maßnahmen fortgesetzt würden. "
            "Armenien hat seine Angriffe auf Zivilisten fortgesetzt. „Das ist eine Lüge“, sagte "
            "Paschinjan. Über 1 Million Aserbaidschaner wurden vertrieben.\n\n")
    for size in (250_000, 1_000_000, 5_000_000):
        text = para * (size // len(para))
        t = time.perf_counter()
        analyzer.analyze("", text, "de")
        secs = time.perf_counter() - t
        print(f"dense statements, {size / 1e6:.2f} MB: {secs:.2f} s, {len(text.split()) / secs:,.0f} words/s")
    words = ["Aliyev", "sagte", "Armenien", "Angriffe", "laut", "Besatzung", "und", "die", "„Wahlen“", "unsere", "Armee", "20", "Prozent", "des", "Territoriums"]
    for n in (20_000, 80_000):
        text = " ".join(words[i % len(words)] for i in range(n))
        t = time.perf_counter()
        analyzer.analyze("", text, "de")
        secs = time.perf_counter() - t
        print(f"no punctuation, {n:,} words: {secs * 1000:.0f} ms, {n / secs:,.0f} words/s")


if __name__ == "__main__":
    main()
