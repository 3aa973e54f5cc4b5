"""Import throughput and full-text search latency on synthetic libraries.

    .venv/bin/python benchmarks/library_bench.py [--sizes 10000 100000]

Writes N plain-text articles (German/English mix, 150-400 words each, Zipf-like vocabulary)
to a temporary folder, imports them with the real pipeline (no analysis), then times 50
queries (rare words, common words, phrases, prefixes, AND) through Library.search and the
as-you-type search. Prints articles/s, median and p95 latency, file size and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from reader.core.importing.pipeline import import_paths
from reader.core.library import Library

WORDS_DE = ["der", "die", "das", "und", "Regierung", "Präsident", "Außenminister", "Waffenstillstand", "Gespräche", "Region", "Karabach", "Grenze", "Armee", "Bevölkerung", "erklärte", "sagte", "Minsk", "Sicherheitsrat", "Resolution", "Flüchtlinge", "Straße", "Größe", "Verhandlungen", "Frieden", "Abkommen", "Truppen", "Beobachter"]
WORDS_EN = ["the", "and", "of", "to", "government", "president", "minister", "ceasefire", "talks", "region", "Karabakh", "border", "army", "population", "said", "stated", "Minsk", "council", "resolution", "refugees", "peace", "agreement", "troops", "observers", "corridor", "humanitarian"]


def vocabulary(rng: random.Random, n: int = 12000) -> list[str]:
    letters = "abcdefghijklmnoprstuvwyzäöü"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 11))) for _ in range(n)]


def make_files(folder: Path, count: int, rng: random.Random) -> None:
    vocab = vocabulary(rng)
    weights = [1 / (i + 1) for i in range(len(vocab))]
    for i in range(count):
        base = WORDS_DE if i % 2 else WORDS_EN
        words = rng.choices(vocab, weights, k=rng.randint(150, 400)) + rng.choices(base, k=60)
        rng.shuffle(words)
        paras = [" ".join(words[j : j + 60]) + "." for j in range(0, len(words), 60)]
        title = " ".join(rng.choices(vocab[:3000], k=7)).capitalize() + f" {i}"
        (folder / f"{i:06}.txt").write_text(title + "\n\n" + "\n\n".join(paras), encoding="utf-8")


def run(count: int) -> None:
    rng = random.Random(count)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_files(folder, count, rng)
        lib = Library.open(Path(tmp) / "lib.sqlite")
        started = time.perf_counter()
        report = import_paths(lib, [folder])
        elapsed = time.perf_counter() - started
        assert len(report.imported) == count, report.errors[:3]
        queries = ["Minsk", "Waffenstillstand", "ceasefire AND Karabakh", '"peace agreement"',
                   "Größe", "Straße", "observers", "Verhandlungen OR talks", "Sicherheitsrat",
                   "humanitarian corridor"]
        queries += [w for w in rng.sample(vocabulary(random.Random(count)), 40)]
        timings, typing = [], []
        for q in queries:
            t0 = time.perf_counter()
            lib.search(q, limit=50)
            timings.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            lib.search(q.split()[0][:5], limit=50, simple=True)
            typing.append((time.perf_counter() - t0) * 1000)
        size = (Path(tmp) / "lib.sqlite").stat().st_size / 1e6
        lib.close()
    timings.sort()
    typing.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count:>7} articles: import {count / elapsed:,.0f} articles/s ({elapsed:.1f} s), "
          f"search median {statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * .95) - 1]:.1f} ms; "
          f"as-you-type (5-letter prefix) median {statistics.median(typing):.1f} ms, "
          f"p95 {typing[int(len(typing) * .95) - 1]:.1f} ms; library {size:.0f} MB; peak RSS {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    for count in parser.parse_args().sizes:
        run(count)


if __name__ == "__main__":
    main()
