"""Annotated PDF export speed.

    .venv/bin/python benchmarks/pdf_bench.py [--runs 7] [--articles 50]

1. One 2,000-word article with every panel (sources, unattributed claims, background, wording)
   and 20 user notes: median of ``--runs`` exports (target ≤ 1 s), plus the first (cold) run.
2. ``--articles`` such articles (1,000 words, 5 notes each) into one PDF (target ≤ 5 s), also with
   ``cards_as_annotations``; sizes per page.
3. The same single export through the real library path (``export_pdf`` with notes stored in
   SQLite) to include reading notes.

Synthetic content comes from ``reader.pdf.demo``; prints pages, annotation counts and sizes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader

from reader.core import notes as notes_core
from reader.core.export_content import build_export_article
from reader.core.library import Library
from reader.core.models import NewArticle
from reader.pdf import demo
from reader.pdf.writer import PdfOptions, export_pdf, write_pdf


def content(article_id: int, words: int, n_notes: int):  # type: ignore[no-untyped-def]
    art = demo.demo_article(article_id, words, title=f"Benchmark article {article_id}: Öffentlichkeit")
    analysis = demo.demo_analysis(art.text, art.title)
    return build_export_article(art, analysis, demo.demo_kb(), demo.demo_notes(article_id, art.text, n_notes))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--articles", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            c = content(1, 2000, 20)
            result = write_pdf([c], folder / "one.pdf", PdfOptions(force=True))
            times.append(time.perf_counter() - t)
        reader = PdfReader(folder / "one.pdf")
        annots = sum(len(p["/Annots"].get_object()) for p in reader.pages if "/Annots" in p)
        print(f"single article, 2,000 words, all panels, 20 notes: median {statistics.median(times) * 1000:.0f} ms "
              f"(first {times[0] * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, {args.runs} runs); "
              f"{result.pages} pages, {result.cards} margin notes, {annots} annotations, "
              f"{(folder / 'one.pdf').stat().st_size // 1024} KB  [target ≤ 1000 ms]")

        for cards in (False, True):
            t = time.perf_counter()
            contents = [content(i + 1, 1000, 5) for i in range(args.articles)]
            result = write_pdf(contents, folder / "many.pdf",
                               PdfOptions(force=True, cards_as_annotations=cards))
            elapsed = time.perf_counter() - t
            size = (folder / "many.pdf").stat().st_size
            annots = sum(len(p["/Annots"].get_object())
                         for p in PdfReader(folder / "many.pdf").pages if "/Annots" in p)
            print(f"{args.articles} articles (1,000 words, 5 notes each) into one PDF"
                  f"{' with cards as annotations' if cards else ''}: {elapsed:.2f} s; "
                  f"{result.pages} pages, {annots} annotations, {size // 1024} KB "
                  f"({size / result.pages / 1024:.1f} KB/page)  [target ≤ 5 s]")

        lib = Library.open(folder / "lib.sqlite")
        art = demo.demo_article(1, 2000)
        aid = lib.add_article(NewArticle(title=art.title, text=art.text, language="de", outlet="Demo Wire"))
        for n in demo.demo_notes(aid, art.text, 20):
            assert n.start is not None and n.end is not None
            notes_core.add_highlight(lib, aid, n.start, n.end, color=n.color, body=n.body)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            export_pdf(lib, None, None, [aid], folder / "lib.pdf", PdfOptions(force=True))
            times.append(time.perf_counter() - t)
        print(f"library path (text + 20 stored notes, no analysis): median {statistics.median(times) * 1000:.0f} ms")
        lib.close()


if __name__ == "__main__":
    main()
