"""Analysis engine throughput on real news, beside spaCy's tokenizer + PhraseMatcher.

    .venv/bin/python benchmarks/analysis_bench.py [--quick] [--cpu N] [--repeat R]

Measures the FULL analysis the app runs at import (``Analyzer.analyze`` with title, then the
analysis JSON that ``analyse_and_store`` writes) on real news text, read at run time from the
development sets beside the checkout (never copied into the project):

- German: Wikinews articles, ``../shared/eval/german-news-quotations/train/*.json``;
- English: BABE news sentences, ``../shared/eval/babe/dev.jsonl``, grouped by outlet into
  articles of ten sentences (paragraphs of two);

falling back to the gold sets (``tests/data/gold``) when they are absent. In the same run, on
the same texts, it times Margin's alias matcher alone and ``spacy.blank(lang)``'s tokenizer + a
``PhraseMatcher`` (attr LOWER) over the same aliases (every entity name/form/role and lexicon
form). spaCy only tokenises and matches, a small part of what Margin's analysis does; it is not a
project dependency, and without it the script says so and goes on.

Two workloads, both printed:

- **import** (what the app does): the articles are shuffled (seeded) and cut in two disjoint
  parts; each repetition builds every tool afresh, runs it over the first third (so spaCy's
  tokenizer cache holds the words of other news, as it would in a running app) and then times
  one pass over the rest: one by one, and joined into texts of 10k and 100k words;
- **the same text again and again**: the old microbenchmark of 1k, 10k and 100k words run
  repeatedly. It favours spaCy, whose tokenizer caches every string it has split: on a short
  text seen before it does almost no work.

The process pins itself to one core (``--cpu``, default 0; like ``taskset -c 0``). Further
lines: the cost of 10,000 extra synthetic knowledge-base entries, start-up time, and linear cost
on hostile input.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from reader.core.analysis.engine import Analyzer  # noqa: E402
from reader.core.knowledge.loader import load_knowledge  # noqa: E402
from reader.core.knowledge.model import Entry, KnowledgeBase  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
LENGTHS = (1_000, 10_000, 100_000)
Article = tuple[str, str]  # (title, text)


def news(language: str) -> tuple[list[Article], str]:
    """Real news articles of ``language`` and where they came from."""
    if language == "de":
        folder = EVAL / "german-news-quotations" / "train"
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        if files:
            arts = []
            for p in files:
                d = json.loads(p.read_text("utf-8"))
                arts.append((d.get("title") or "", d["text"]))
            return arts, f"{len(arts)} Wikinews articles ({folder})"
    else:
        path = EVAL / "babe" / "dev.jsonl"
        if path.is_file():
            by_outlet: dict[str, list[str]] = {}
            for line in path.read_text("utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    by_outlet.setdefault(d.get("outlet") or "", []).append(d["text"])
            arts = []
            for outlet, sents in sorted(by_outlet.items()):
                for i in range(0, len(sents), 10):
                    chunk = sents[i:i + 10]
                    paras = [" ".join(chunk[j:j + 2]) for j in range(0, len(chunk), 2)]
                    arts.append((f"{outlet} {i // 10 + 1}", "\n\n".join(paras)))
            return arts, f"{len(arts)} articles of BABE news sentences ({path})"
    data = yaml.safe_load((ROOT / "tests/data/gold" / f"{language}.yaml").read_text("utf-8"))
    arts = [(item.get("title") or "", item["text"]) for item in data["items"]]
    return arts, f"{len(arts)} gold items (eval set not found: fallback)"


def words_of(text: str) -> int:
    return len(text.split())


def pick(articles: list[Article], words: int, seed: int = 7) -> list[Article]:
    """Whole articles in a seeded random order until ``words`` words (reused if too few)."""
    rng = random.Random(seed)
    order = list(articles)
    rng.shuffle(order)
    out: list[Article] = []
    count = 0
    i = 0
    while count < words:
        art = order[i % len(order)]
        out.append(art)
        count += words_of(art[1])
        i += 1
    return out


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def import_all(analyzer: Analyzer, articles: list[Article], language: str) -> None:
    """What import does for each article: the analysis and its JSON."""
    for title, text in articles:
        analyzer.analyze(title, text, language).to_json()


class SpacyRef:
    """spaCy's blank tokenizer + PhraseMatcher over the same aliases, or None if absent."""

    def __init__(self, kb: KnowledgeBase, language: str) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.version = spacy.__version__
        self.nlp = spacy.blank(language)
        t = time.perf_counter()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        forms = aliases(kb, language)
        for key, group in forms.items():
            self.matcher.add(key, [self.nlp.make_doc(f) for f in group])
        self.build = time.perf_counter() - t
        self.patterns = sum(len(g) for g in forms.values())

    def run(self, articles: list[Article]) -> None:
        for title, text in articles:
            if title:
                self.matcher(self.nlp.make_doc(title))
            self.matcher(self.nlp.make_doc(text))


def aliases(kb: KnowledgeBase, language: str) -> dict[str, list[str]]:
    """Every surface form Margin's matcher holds for ``language``, by entry id."""
    out: dict[str, list[str]] = {}
    for entry in kb.entries.values():
        forms = [f for table in (entry.names, entry.forms) for fs in table.values() for f in fs]
        forms += entry.roles.get(language, [])
        forms = [f for f in dict.fromkeys(forms) if f.strip()]
        if forms:
            out[entry.id] = forms
    for lex in kb.lexicon_for(language):
        forms = [f.strip().rstrip("*") for f in lex.forms if f.strip().rstrip("*")]
        if forms:
            out[f"lexicon:{lex.id}"] = forms
    return out


def split(articles: list[Article], seed: int = 7) -> tuple[list[Article], list[Article]]:
    """A seeded shuffle cut into a warm-up third and a measured two thirds, disjoint."""
    order = list(articles)
    random.Random(seed).shuffle(order)
    cut = len(order) // 3
    return order[:cut], order[cut:]


def take(articles: list[Article], words: int) -> list[Article]:
    """Distinct whole articles, in order, until ``words`` words (all of them if too few)."""
    out: list[Article] = []
    count = 0
    for art in articles:
        if count >= words:
            break
        out.append(art)
        count += words_of(art[1])
    return out


def once(make: Callable[[], Callable[[list[Article]], object]], warm: list[Article],
         work: list[Article], repeat: int) -> float:
    """Median seconds for one pass over ``work`` by a fresh tool warmed on ``warm`` first.

    This is import: every article is new to the tool, but the tool has already seen other news
    (spaCy's tokenizer cache holds their words)."""
    times = []
    for _ in range(repeat):
        run = make()
        run(warm)
        t = time.perf_counter()
        run(work)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def margin_runner(kb: KnowledgeBase, language: str) -> Callable[[list[Article]], object]:
    return partial(import_all, Analyzer(kb), language=language)


def matcher_runner(kb: KnowledgeBase, language: str) -> Callable[[list[Article]], object]:
    matcher = Analyzer(kb).tools(language).matcher

    def run(articles: list[Article]) -> None:
        for title, text in articles:
            if title:
                matcher.find(title)
            matcher.find(text)
    return run


def spacy_runner(kb: KnowledgeBase, language: str) -> Callable[[list[Article]], object]:
    return SpacyRef(kb, language).run


Runner = Callable[[list[Article]], object]
Maker = Callable[[KnowledgeBase, str], Runner]


def again(make: Callable[[], Runner], warm: list[Article], work: list[Article], reps: int) -> float:
    """The same text run again and again by one tool (spaCy's tokenizer cache is hot)."""
    run = make()
    run(work)
    return median_time(partial(run, work), reps)


def row(label: str, tools: list[tuple[str, Maker]], kb: KnowledgeBase, language: str,
        warm: list[Article], work: list[Article],
        measure: Callable[[Callable[[], Runner], list[Article], list[Article], int], float],
        reps: int) -> None:
    n = sum(words_of(text) for _, text in work)
    rate = {name: n / measure(partial(make, kb, language), warm, work, reps) for name, make in tools}
    line = f"  {label:<34} {n:>7,} words: " + "  ".join(
        f"{name} {value:>9,.0f}" for name, value in rate.items())
    if "spaCy" in rate:
        line += (f"   | margin/spaCy {rate['margin'] / rate['spaCy']:.2f}x"
                 f"  matcher/spaCy {rate['matcher'] / rate['spaCy']:.2f}x")
    print(line, flush=True)


def throughput(kb: KnowledgeBase, repeat: int) -> None:
    print("words/s, median of repetitions. Columns: margin = the full analysis + JSON (what import "
          "runs); matcher = Margin's Aho-Corasick alias matcher alone; spaCy = spacy.blank tokenizer "
          "+ PhraseMatcher(LOWER) on the same aliases.")
    for language in ("de", "en"):
        articles, where = news(language)
        warm, rest = split(articles)
        print(f"\n[{language}] {where}; {len(warm)} of them warm each tool up first, "
              f"the other {len(rest)} are measured")
        tools: list[tuple[str, Maker]] = [("margin", margin_runner), ("matcher", matcher_runner)]
        try:
            ref = SpacyRef(kb, language)
        except ImportError:
            print("  spaCy not installed (pip install spacy to compare)")
        else:
            tools.append(("spaCy", spacy_runner))
            print(f"  spaCy {ref.version} spacy.blank({language!r}), {ref.patterns} aliases, "
                  f"built in {ref.build * 1000:.0f} ms")
        print("  import: new articles, each analysed once by a fresh tool warmed on the others")
        row(f"all {len(rest)} articles one by one", tools, kb, language, warm, rest, once, repeat)
        for words in (10_000, 100_000):
            work = take(rest, words)
            joined = [("", "\n\n".join(text for _, text in work))]
            row(f"{len(work)} articles as one text", tools, kb, language, warm, joined, once,
                max(3, repeat // (1 + words // 20_000)))
        print("  the same text analysed again and again (a microbenchmark; spaCy's cache is hot)")
        for words in LENGTHS:
            work = pick(articles, words)
            row(f"{len(work)} articles one by one", tools, kb, language, warm, work, again,
                max(3, repeat // (1 + words // 20_000)))


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


def big_kb_bench(kb: KnowledgeBase, analyzer: Analyzer, repeat: int) -> None:
    articles, _ = news("de")
    chosen = pick(articles, 10_000)
    n = sum(words_of(text) for _, text in chosen)
    base = n / median_time(lambda: import_all(analyzer, chosen, "de"), repeat)
    big = synthetic_kb(kb, 10_000)
    t = time.perf_counter()
    big_analyzer = Analyzer(big)
    build = time.perf_counter() - t
    more = n / median_time(lambda: import_all(big_analyzer, chosen, "de"), repeat)
    print(f"\n10,000 extra synthetic entries: start-up {build * 1000:.0f} ms; "
          f"{base:,.0f} -> {more:,.0f} words/s ({(more / base - 1) * 100:+.1f} %; within noise "
          f"when near 0)")


def bad_input_bench(analyzer: Analyzer) -> None:
    """Linear cost on hostile input: the same dense paragraph at 0.25, 1 and 5 MB, no punctuation."""
    para = ("Präsident Ilham Aliyev sagte, dass die Anti-Terror-Maßnahmen fortgesetzt würden. "
            "Armenien hat seine Angriffe auf Zivilisten fortgesetzt. „Das ist eine Lüge“, sagte "
            "Paschinjan. Über 1 Million Aserbaidschaner wurden vertrieben.\n\n")
    print()
    for size in (250_000, 1_000_000, 5_000_000):
        text = para * (size // len(para))
        t = time.perf_counter()
        analyzer.analyze("", text, "de", limit=None)  # the engine itself, past ANALYSIS_LIMIT
        secs = time.perf_counter() - t
        print(f"dense statements, {size / 1e6:.2f} MB: {secs:.2f} s, {words_of(text) / secs:,.0f} words/s")
    words = ["Aliyev", "sagte", "Armenien", "Angriffe", "laut", "Besatzung", "und", "die", "„Wahlen“",
             "unsere", "Armee", "20", "Prozent", "des", "Territoriums"]
    for n in (20_000, 80_000):
        text = " ".join(words[i % len(words)] for i in range(n))
        t = time.perf_counter()
        analyzer.analyze("", text, "de")
        secs = time.perf_counter() - t
        print(f"no punctuation, {n:,} words: {secs * 1000:.0f} ms, {n / secs:,.0f} words/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, throughput only")
    parser.add_argument("--repeat", type=int, default=0, help="repetitions (default 9, quick 3)")
    parser.add_argument("--cpu", type=int, default=0, help="pin to this core (-1: do not pin)")
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.quick else 9)
    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
        print(f"pinned to core {args.cpu}; load average {os.getloadavg()[0]:.1f}")
    load_knowledge(ROOT / "resources")  # warm imports
    t = time.perf_counter()
    kb = load_knowledge(ROOT / "resources")
    print(f"loading the shipped knowledge packs and lexicons: {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    analyzer = Analyzer(kb)
    print(f"Analyzer start-up with the shipped packs ({len(kb.entries)} entries, "
          f"{sum(len(v) for v in kb.lexicon.values())} lexicon terms): "
          f"{(time.perf_counter() - t) * 1000:.1f} ms")
    throughput(kb, repeat)
    if args.quick:
        return
    big_kb_bench(kb, analyzer, repeat)
    bad_input_bench(analyzer)


if __name__ == "__main__":
    main()
