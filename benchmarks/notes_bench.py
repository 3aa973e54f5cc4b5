"""Notes at scale: the schema 2 → 3 migration (tags; the notes index rebuilt) and the exports.

    .venv/bin/python benchmarks/notes_bench.py [--articles 500] [--notes 20] [--runs 3]

Builds a schema-2 library (the first two migrations only) with ARTICLES articles of ~800 words
and NOTES highlights each, times opening it with this Margin (which migrates it to schema 3),
then the Markdown, W3C, CSL and JSON exports of every note, and a tag-filtered listing. Prints
medians of RUNS runs (each on a fresh copy) and the file sizes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core import export_csl, export_w3c, notes, notes_io, notes_markdown, schema  # noqa: E402
from reader.core.library import Library  # noqa: E402

WORDS = ["Gespräche", "Minsk", "Waffenruhe", "Beobachter", "Delegation", "Sprecher", "Grenze",
         "Vermittler", "Erklärung", "Regierung", "Armee", "Zivilisten", "Verhandlungen", "Abkommen",
         "Bericht", "Quelle", "sagte", "heute"]


def build_v2(path: Path, articles: int, per_article: int) -> None:
    rng = random.Random(7)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for migration in schema.MIGRATIONS[:2]:
        migration(conn)
    conn.execute("PRAGMA user_version = 2")
    for a in range(1, articles + 1):
        text = " ".join(rng.choice(WORDS) for _ in range(800))
        conn.execute("INSERT INTO articles (id, title, text, url, published, content_hash, imported_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (a, f"Artikel {a}", text, f"https://example.org/{a}", f"2023-{1 + a % 12:02d}-01",
                      f"h{a}", "2025-01-01T00:00:00+00:00"))
        for _ in range(per_article):
            start = rng.randrange(0, len(text) - 60)
            start = text.index(" ", start) + 1
            end = text.index(" ", start + 20)
            conn.execute('INSERT INTO notes (article_id, kind, start, "end", quote, prefix, suffix, body, '
                         "created_at, updated_at) VALUES (?, 'highlight', ?, ?, ?, ?, ?, ?, 'x', 'x')",
                         (a, start, end, text[start:end], text[max(0, start - 32):start],
                          text[end:end + 32], "Vergleiche mit dem **Bericht**."))
    conn.execute("COMMIT")
    conn.close()


def one_run(path: Path) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds per step and bytes per export, on a fresh schema-2 copy at ``path``."""
    times: dict[str, float] = {}
    sizes: dict[str, int] = {}
    t = time.perf_counter()
    lib = Library.open(path)
    times["open + migrate 2→3"] = time.perf_counter() - t
    try:
        with lib.atomic():
            for note in notes.all_notes(lib)[::3]:
                notes.update_note(lib, note.id, tags=["ceasefire", f"t{note.id % 7}"])
        exports: dict[str, Callable[[], str]] = {
            "markdown": lambda: notes_markdown.export_markdown(lib),
            "w3c": lambda: json.dumps(export_w3c.export_w3c(lib)),
            "csl": lambda: json.dumps(export_csl.export_csl(lib)),
            "json": lambda: notes_io.dumps(notes_io.export_json(lib)),
        }
        for name, make in exports.items():
            t = time.perf_counter()
            text = make()
            times[f"export {name}"] = time.perf_counter() - t
            sizes[name] = len(text.encode())
        t = time.perf_counter()
        notes.with_tag(notes.all_notes(lib), "t3")
        times["list notes tagged t3"] = time.perf_counter() - t
        t = time.perf_counter()
        lib.search("ceasefire", limit=50)
        times["search a tag (FTS)"] = time.perf_counter() - t
    finally:
        lib.close()
    return times, sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "v2.sqlite"
        build_v2(base, args.articles, args.notes)
        for run in range(args.runs):
            path = Path(tmp) / f"run{run}.sqlite"
            shutil.copy(base, path)
            times, sizes = one_run(path)
            for name, value in times.items():
                results.setdefault(name, []).append(value)
    total = args.articles * args.notes
    print(f"{args.articles} articles × {args.notes} highlights = {total} notes; median of {args.runs} runs")
    for name, values in results.items():
        print(f"  {name:<24} {statistics.median(values) * 1000:8.0f} ms")
    for name, size in sizes.items():
        print(f"  size {name:<19} {size / 1e6:8.2f} MB")


if __name__ == "__main__":
    main()
