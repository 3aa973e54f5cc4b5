"""Full-size hardening figures: crash safety, concurrency, and search at 100,000 articles.

    .venv/bin/python benchmarks/stress.py [--only crash concurrency search] [--rounds 100]
        [--search-library /tmp/margin-stress-100k/library.sqlite] [--articles 100000]

- crash: 100 runs of ``reader import`` (200 files each) and 100 of a ``reader note`` /
  ``reader highlight`` loop, each killed with SIGKILL at a random moment; after each,
  ``PRAGMA integrity_check``, the FTS5 integrity checks and every confirmed write.
- concurrency: 4 ``reader import`` processes (with analysis) while this process uses the library
  as the window does (list, search, data_version poll, bookmark and note writes); counts
  "database is locked" errors and lost rows, and the longest wait of a window write.
- search: the 100k library is built once (real import pipeline, 20,000 notes) and reused;
  median and p95 of ``Library.search`` per kind of query beside raw FTS5 on the same file.

The tests in ``tests/stress/`` run the same drivers at a small size. ``benchmarks/stress_fuzz.py``
(bad input) runs at the end when it is present.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "stress"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from library_bench import make_files, vocabulary  # noqa: E402
from stressing import (  # noqa: E402
    check_library,
    confirmed_ids,
    crash_imports,
    crash_notes,
    start_imports,
)

from reader.core import notes  # noqa: E402
from reader.core.importing.pipeline import import_paths  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.models import ArticleFilter, NewArticle  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p * len(ordered)) - 1))]


def fig(values: list[float]) -> str:
    return f"median {statistics.median(values):6.1f} ms, p95 {pct(values, 0.95):6.1f} ms"


# -- crash ---------------------------------------------------------------------------------------


def bench_crash(rounds: int) -> None:
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        report = crash_imports(Path(tmp) / "library.sqlite", Path(tmp), rounds, 200, rng)
        print(report.line("bulk import  ") + f" ({time.monotonic() - t0:.0f} s)")
        for item in (report.lost + report.problems)[:5]:
            print("   ", item)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        report = crash_notes(Path(tmp) / "library.sqlite", Path(tmp), rounds, rng)
        print(report.line("note/highlight") + f" ({time.monotonic() - t0:.0f} s)")
        for item in (report.lost + report.problems)[:5]:
            print("   ", item)


# -- concurrency ---------------------------------------------------------------------------------


def bench_concurrency(per_process: int) -> None:
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "library.sqlite"
        lib = Library.open(path)
        first = lib.add_article(NewArticle(title="Schon da", text="Die Gespräche gehen weiter."))
        t0 = time.monotonic()
        procs = start_imports(path, Path(tmp), 4, per_process, rng, analysis=True)
        version = lib.data_version()
        refreshes = ui_writes = ui_errors = 0
        waits: list[float] = []
        reads: list[float] = []
        while any(p.poll() is None for p in procs):
            t = time.perf_counter()
            try:
                lib.set_bookmark(first, ui_writes % 2 == 0)
                notes.add_article_note(lib, first, f"während des Imports {ui_writes}")
                ui_writes += 1
            except Exception as exc:  # counted, not hidden
                ui_errors += 1
                print("    window write failed:", exc)
            waits.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            if lib.data_version() != version:
                version = lib.data_version()
                lib.list_summaries(ArticleFilter(limit=2000))
                refreshes += 1
            lib.search("Waffenruhe", limit=20)
            reads.append((time.perf_counter() - t) * 1000)
            time.sleep(0.1)
        results = [p.communicate() for p in procs]
        elapsed = time.monotonic() - t0
        locked = sum(err.count("locked") + err.count("busy") for _, err in results)
        failed = sum(p.returncode != 0 for p in procs)
        imported = [i for out, _ in results for i in confirmed_ids(out)]
        stored = set(lib.article_ids())
        lost = [i for i in imported if i not in stored]
        lost_notes = ui_writes - len(notes.notes_for(lib, first))
        lib.close()
        problems = check_library(path)
    print(f"concurrency: 4 importers x {per_process} articles (with analysis) in {elapsed:.0f} s, "
          f"{len(imported)} confirmed, {len(lost)} lost; {failed} importer failures, "
          f"{locked} 'locked/busy' messages; window: {ui_writes} writes ({ui_errors} failed, "
          f"{lost_notes} lost), write wait {fig(waits)}, max {max(waits):.0f} ms; "
          f"reads {fig(reads)}; {refreshes} list refreshes; {len(problems)} integrity problems")


# -- search --------------------------------------------------------------------------------------


def build_search_library(path: Path, count: int) -> dict[str, float]:
    info_path = path.with_name("build.json")
    if path.exists() and info_path.exists():
        info: dict[str, float] = json.loads(info_path.read_text())
        if info.get("articles") == count:
            return info
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    rng = random.Random(count)
    folder = path.parent / f"in-{count}"
    t0 = time.perf_counter()
    if not folder.exists():
        folder.mkdir()
        make_files(folder, count, rng)
    t1 = time.perf_counter()
    lib = Library.open(path)
    report = import_paths(lib, [folder])
    t2 = time.perf_counter()
    vocab = vocabulary(random.Random(count))
    note_rng = random.Random(7)
    with lib.atomic():
        for aid in range(1, count + 1, 5):
            notes.add_article_note(lib, aid, " ".join(note_rng.choices(vocab[:4000], k=12)))
    t3 = time.perf_counter()
    lib.close()
    info = {"articles": len(report.imported), "notes": len(range(1, count + 1, 5)),
            "files_seconds": t1 - t0, "import_seconds": t2 - t1, "note_seconds": t3 - t2,
            "build_seconds": t3 - t1}
    info_path.write_text(json.dumps(info))
    return info


def search_queries(count: int) -> dict[str, list[tuple[str, bool]]]:
    vocab = vocabulary(random.Random(count))
    rng = random.Random(99)
    common = ["Minsk", "the", "Regierung", "ceasefire", "Waffenstillstand", "observers",
              "Größe", "Straße", "president", "Verhandlungen"]
    return {
        "single words": [(w, False) for w in common + rng.sample(vocab[:200], 10)
                         + rng.sample(vocab[2000:], 10)],
        "phrases": [(f'"{a} {b}"', False) for a, b in
                    [("peace", "agreement"), ("humanitarian", "corridor"), ("der", "Regierung"),
                     ("the", "president")] + [tuple(rng.sample(vocab[:300], 2)) for _ in range(16)]],
        "prefixes": [(w[:n], True) for w in common + rng.sample(vocab[:500], 10) for n in (3, 5)],
        "note text": [(w, False) for w in rng.sample(vocab[:4000], 20)],
    }


def raw_fts(conn: sqlite3.Connection, query: str, table: str) -> None:
    conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT 50",
                 (query,)).fetchall()


def bench_search(path: Path, count: int, repeats: int) -> None:
    info = build_search_library(path, count)
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    t0 = time.perf_counter()
    lib = Library.open(path)
    opened = (time.perf_counter() - t0) * 1000
    raw = sqlite3.connect(path)
    print(f"search library: {lib.count_articles():,} articles, "
          f"{lib.conn.execute('SELECT count(*) FROM notes').fetchone()[0]:,} notes, "
          f"{size:,.0f} MB, built in {info.get('build_seconds', 0):.0f} s "
          f"(import {info.get('import_seconds', 0):.0f} s); opening (with quick_check) {opened:.0f} ms")
    for kind, queries in search_queries(count).items():
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(repeats):
            for query, simple in queries:
                t = time.perf_counter()
                lib.search(query, limit=50, simple=simple)
                ours.append((time.perf_counter() - t) * 1000)
                match = lib._fts_query(query, simple=simple)
                t = time.perf_counter()
                raw_fts(raw, match, "notes_fts" if kind == "note text" else "articles_fts")
                theirs.append((time.perf_counter() - t) * 1000)
        print(f"  {kind:<13} Library.search {fig(ours)} | raw FTS5 ORDER BY rank LIMIT 50 "
              f"{fig(theirs)}  ({len(queries)} queries x {repeats})")
    typing: list[float] = []
    for word in ("Min", "Minsk", "cea", "obser", "Reg", "Waffen"):
        t = time.perf_counter()
        lib.list_summaries(ArticleFilter(query=word, limit=2000))
        typing.append((time.perf_counter() - t) * 1000)
    print(f"  library list filter (sidebar, 2,000 rows by date) {fig(typing)}")
    raw.close()
    lib.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="+", default=["crash", "concurrency", "search"])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--per-importer", type=int, default=300)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--search-library", type=Path,
                        default=Path(tempfile.gettempdir()) / "margin-stress-100k" / "library.sqlite")
    args = parser.parse_args()
    if "crash" in args.only:
        bench_crash(args.rounds)
    if "concurrency" in args.only:
        bench_concurrency(args.per_importer)
    if "search" in args.only:
        bench_search(args.search_library, args.articles, args.repeats)
    print(f"peak RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    fuzz = Path(__file__).with_name("stress_fuzz.py")
    if fuzz.exists() and "fuzz" in args.only + ["fuzz"]:
        subprocess.run([sys.executable, str(fuzz)], check=False)


if __name__ == "__main__":
    main()
