"""Window figures: cold start, opening long articles, scroll relayout, library search.

    .venv/bin/python benchmarks/ui_bench.py [--search-articles 100000]

Runs offscreen. Prints:
- cold start to a painted window with a 1,000-article library (median of 5 fresh processes);
- opening a 2,000- and a 5,000-word article with all panels (median of 7, analysis stored);
- margin relayout per scroll step (median over 200 steps);
- library search updating the list at N articles (median and p95 of 30 queries).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.warning=false")

from reader.core.analysis.engine import Analyzer
from reader.core.analysis_store import analyse_and_store
from reader.core.importing.pipeline import parse_path
from reader.core.knowledge.loader import default_knowledge
from reader.core.library import Library
from reader.core.models import NewArticle
from reader.core.samples import sample_files

START_SCRIPT = """
import os, sys, time
t0 = float(sys.argv[2])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from pathlib import Path
from reader.core.library import Library
from reader.ui.app import application, create_window, settings_at
app = application()
lib = Library.open(sys.argv[1])
w = create_window(lib, settings_at(Path(sys.argv[1]).with_suffix('.ini')), theme='light')
w.resize(1600, 1000); w.show()
def painted():
    w.grab()
    print(f"{time.time() - t0:.4f}")
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""


def sample_paragraphs() -> list[tuple[str, str]]:
    out = []
    for path in sample_files():
        a = parse_path(path)
        out += [(a.language, p) for p in a.text.split("\n\n")]
    return out


def long_article(words: int, language: str, paras: list[tuple[str, str]], seed: int) -> NewArticle:
    rng = random.Random(seed)
    pool = [p for lang, p in paras if lang == language]
    chosen: list[str] = []
    while sum(len(p.split()) for p in chosen) < words:
        chosen.append(rng.choice(pool))
    return NewArticle(title=f"Long article of {words} words ({seed})", text="\n\n".join(chosen),
                      language=language, outlet="Caspian Daily (sample)")


def cold_start(tmp: Path, paras: list[tuple[str, str]], analyzer: Analyzer) -> list[float]:
    path = tmp / "start.sqlite"
    lib = Library.open(path)
    with lib.atomic():
        for i in range(1000):
            art = long_article(300, "de" if i % 2 else "en", paras, i)
            art.title = f"Artikel {i}"
            lib.add_article(art)
    for article_id in lib.article_ids()[:20]:
        analyse_and_store(lib, analyzer, lib.require_article(article_id))
    lib.close()
    times = []
    for _ in range(5):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", START_SCRIPT, str(path), str(t0)],
                             capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--search-articles", type=int, default=100_000)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import application, create_window, settings_at

    kb = default_knowledge()
    analyzer = Analyzer(kb)
    paras = sample_paragraphs()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        starts = cold_start(tmp, paras, analyzer)
        print(f"cold start to painted window, 1,000 articles: median {statistics.median(starts):.2f} s "
              f"(min {min(starts):.2f}, max {max(starts):.2f})")

        application()
        lib = Library.open(tmp / "open.sqlite")
        ids = {}
        for words in (2000, 5000):
            for lang in ("de", "en"):
                for seed in (1, 2):
                    article_id = lib.add_article(long_article(words, lang, paras, seed * 10 + words))
                    analyse_and_store(lib, analyzer, lib.require_article(article_id))
                    ids.setdefault((words, lang), []).append(article_id)
        window = create_window(lib, settings_at(tmp / "s.ini"), kb=kb, analyzer=analyzer, theme="light")
        window.resize(1600, 1000)
        window.show()
        QApplication.processEvents()
        for (words, lang), pair in sorted(ids.items()):
            times = []
            cards = 0
            for i in range(7):
                t0 = time.perf_counter()
                window.open_article(pair[i % 2])
                window.area.relayout()
                times.append((time.perf_counter() - t0) * 1000)
                cards = len(window.area.cards)
                QApplication.processEvents()
            print(f"open a {words:,}-word {lang} article with all panels ({cards} cards): "
                  f"median {statistics.median(times):.0f} ms")
        bar = window.area.view.verticalScrollBar()
        steps = []
        for i in range(200):
            t0 = time.perf_counter()
            bar.setValue((i * 60) % max(1, bar.maximum()))
            steps.append((time.perf_counter() - t0) * 1000)
        print(f"relayout per scroll step ({len(window.area.left.cards) + len(window.area.right.cards)} cards): "
              f"median {statistics.median(steps):.2f} ms, max {max(steps):.1f} ms")
        window.close()
        lib.close()

        big = Library.open(tmp / "big.sqlite")
        rng = random.Random(5)
        with big.atomic():
            for i in range(args.search_articles):
                lang, text = rng.choice(paras)
                big.add_article(NewArticle(title=f"Meldung {i} {rng.choice(paras)[1][:40]}",
                                           text=f"{text}\n\n{rng.choice(paras)[1]} {i}", language=lang))
        window = create_window(big, settings_at(tmp / "s2.ini"), kb=kb, analyzer=analyzer, theme="light")
        window.show()
        QApplication.processEvents()
        queries = ["Minsk", "Aliyev", "Waffenstillstand", "ceasefire", "Karabach", "Lachin", "Putin",
                   "Sicherheitsrat", "Stepanakert", "Erdogan"] * 3
        times = []
        for q in queries:
            window.sidebar.search.setText(q)
            t0 = time.perf_counter()
            window.sidebar.refresh()
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(f"library search updating the list at {args.search_articles:,} articles: "
              f"median {statistics.median(times):.0f} ms, p95 {times[int(len(times) * 0.95) - 1]:.0f} ms")
        window.close()
        big.close()


if __name__ == "__main__":
    main()
