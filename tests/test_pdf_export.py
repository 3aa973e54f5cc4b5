"""Annotated PDF export, read back with pypdf: text, margin notes, annotations, metadata, outline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from reader.core.export_content import build_export_article
from reader.core.notes import Note
from reader.pdf import demo
from reader.pdf.writer import ExportCancelled, ExportError, PdfOptions, write_pdf


@pytest.fixture(autouse=True)
def _app(qapp):  # type: ignore[no-untyped-def]
    """Share pytest-qt's QApplication, so widget tests in the same run still work.

    The writer creating its own offscreen QGuiApplication is tested in a fresh process below.
    """
    return qapp


def test_headless_in_a_fresh_process_without_qtwidgets(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from reader.pdf import demo\n"
        "from reader.core.export_content import build_export_article\n"
        "from reader.pdf.writer import write_pdf\n"
        "a = demo.demo_article(1, 200)\n"
        "c = build_export_article(a, demo.demo_analysis(a.text, a.title), demo.demo_kb(), demo.demo_notes(1, a.text, 2))\n"
        "r = write_pdf([c], sys.argv[1])\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "assert QGuiApplication.platformName() == 'offscreen', QGuiApplication.platformName()\n"
        "assert 'PySide6.QtWidgets' not in sys.modules\n"
        "print(r.pages)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "fresh.pdf"
    r = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True, text=True, env=env,
                       cwd=Path(__file__).resolve().parents[1], timeout=120)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) >= 1 and PdfReader(out).pages


def _content(article_id: int = 1, words: int = 900, notes: int = 8, title: str | None = None):
    art = demo.demo_article(article_id, words, **({"title": title} if title else {}))
    analysis = demo.demo_analysis(art.text, art.title)
    return build_export_article(art, analysis, demo.demo_kb(), demo.demo_notes(article_id, art.text, notes))


def _text(reader: PdfReader) -> str:
    return "\n".join(" ".join(p.extract_text().split()) for p in reader.pages)


def _annots(reader: PdfReader, subtype: str) -> list[tuple[int, dict]]:
    out = []
    for i, page in enumerate(reader.pages):
        for ref in page.get("/Annots", []) or []:
            a = ref.get_object()
            if a.get("/Subtype") == subtype:
                out.append((i, a))
    return out


def test_single_article_export(tmp_path: Path) -> None:
    content = _content()
    path = tmp_path / "one.pdf"
    result = write_pdf([content], path)
    assert path.exists() and result.pages >= 2
    reader = PdfReader(path)
    text = _text(reader)
    first = " ".join(reader.pages[0].extract_text().split())
    # title block on page 1: title, outlet with ownership, date, dateline, URL, export date
    assert "Öffentlichkeit wartet auf Ergebnisse" in first
    assert "Demo Wire" in first and "Fictitious wire service used for tests" in first
    assert "2023-09-20" in first and "BAKU" in first and "https://example.org/demo/1" in first
    assert "Exported from Margin on" in first and "Legend" in first
    # article text, searchable (no ligatures), with names in Cyrillic, Armenian and ə
    assert "die Verhandlungen in Minsk seien gescheitert" in " ".join(text.split())
    assert "Öffentlichkeit" in text and "öffentliche" in text
    assert "Захарова" in text and "Վաղարշապատ" in text and "Kəlbəcər" in text
    # margin cards: a wording explanation with its alternative, a background fact with its source
    assert "Presents a military offensive as a police action." in " ".join(text.split())
    assert "Militäroffensive vom 19./20. September 2023" in " ".join(text.split())
    assert "Background and references" in text and "Source balance" in text
    assert "UN Security Council, Resolution 822 (1993), S/RES/822 (1993)" in " ".join(text.split())
    # the user's notes as cards and as real annotations
    noted = [n for n in content.highlights if n.body]
    assert "check this against the Minsk record" in text
    highlights = _annots(reader, "/Highlight")
    assert len(highlights) >= len(content.highlights)
    contents = {a["/Contents"] for _, a in highlights}
    assert {n.body for n in noted} <= contents
    for _, a in highlights:
        assert a["/T"] == "Margin"
        quads = a["/QuadPoints"]
        assert len(quads) % 8 == 0 and len(quads) >= 8
        popup = a["/Popup"].get_object()
        assert popup["/Subtype"] == "/Popup" and popup["/Parent"].get_object() == a
    # metadata
    meta = reader.metadata
    assert meta.title == content.article.title
    assert "Demo Wire" in meta.author
    assert "Annotated article" in meta.subject and "Lachin-Korridor" in meta["/Keywords"]
    # page size A4
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_highlight_quads_cover_the_quoted_words(tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    content = _content(notes=4)
    path = tmp_path / "q.pdf"
    write_pdf([content], path)
    reader = PdfReader(path)
    page_index, annot = _annots(reader, "/Highlight")[0]
    q = [float(v) for v in annot["/QuadPoints"]]
    x1, y_top, x2, y_bottom = q[0], q[1], q[2], q[5]
    height = float(reader.pages[page_index].mediabox.height)
    # crop the first quad with pdftotext and compare with the start of the quote
    out = subprocess.run(
        ["pdftotext", "-f", str(page_index + 1), "-l", str(page_index + 1), "-x", str(int(x1) + 1),
         "-y", str(int(height - y_top) + 1), "-W", str(int(x2 - x1) - 2), "-H", str(int(y_top - y_bottom) - 2),
         str(path), "-"], capture_output=True, text=True, check=True,
    ).stdout
    note = next(n for n in content.highlights if (n.body.strip() or " ".join(n.quote.split())) == annot["/Contents"])
    assert out.split() and out.split()[0] in note.quote.split()


def test_margin_notes_stay_on_the_page_of_their_line(tmp_path: Path) -> None:
    """A crowded page: 30 notes on two paragraphs; every note is on its highlight's page."""
    art = demo.demo_article(1, 700)
    analysis = demo.demo_analysis(art.text, art.title)
    base = demo.demo_notes(1, art.text, 30)
    crowded = [replace(n, body=f"Marker{n.id:02d} " + "a long remark about the wording here " * 3) for n in base]
    content = build_export_article(art, analysis, demo.demo_kb(), crowded)
    path = tmp_path / "crowded.pdf"
    write_pdf([content], path)
    reader = PdfReader(path)
    page_texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    first_page: dict[str, int] = {}
    for page_index, annot in _annots(reader, "/Highlight"):
        # a highlight crossing a page break has one annotation per page; its card is on the first
        first_page.setdefault(annot["/Contents"].split()[0], page_index)
    assert len(first_page) == 30
    for marker, page_index in first_page.items():
        assert marker in page_texts[page_index], f"{marker} not on page {page_index + 1}"


def test_several_articles_toc_outline_letter(tmp_path: Path) -> None:
    contents = [_content(i, 400, 2, title=f"Artikel Nummer {i}") for i in (1, 2, 3)]
    path = tmp_path / "many.pdf"
    calls: list[tuple[int, int, str]] = []
    result = write_pdf(contents, path, PdfOptions(paper="letter"), progress=lambda i, n, t: calls.append((i, n, t)))
    assert [c[0] for c in calls[:3]] == [0, 1, 2] and calls[0][2] == "Artikel Nummer 1"
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    toc = " ".join(reader.pages[0].extract_text().split())
    assert "Contents" in toc and all(f"Artikel Nummer {i}" in toc for i in (1, 2, 3))
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles == ["Artikel Nummer 1", "Artikel Nummer 2", "Artikel Nummer 3"]
    # each article starts on a new page, at the page the outline points to
    starts = [reader.get_destination_page_number(o) for o in outline if not isinstance(o, list)]
    assert starts == result.article_pages and len(set(starts)) == 3
    for title, page in zip(titles, starts, strict=True):
        assert " ".join(reader.pages[page].extract_text().split()).startswith(title)
    assert any(isinstance(o, list) for o in outline)  # "Background and references" children


def test_options_leave_parts_out(tmp_path: Path) -> None:
    art = demo.demo_article(1, 500)
    analysis = demo.demo_analysis(art.text, art.title)
    from reader.core.export_content import ExportOptions

    content = build_export_article(art, analysis, demo.demo_kb(), demo.demo_notes(1, art.text, 4),
                                   ExportOptions(sources=False, background=False, wording=True, notes=False))
    path = tmp_path / "some.pdf"
    write_pdf([content], path)
    reader = PdfReader(path)
    text = " ".join(_text(reader).split())
    assert "Presents a military offensive" in text
    assert "Background and references" not in text and "UNATTRIBUTED" not in text
    assert not _annots(reader, "/Highlight")


def test_bad_paths_and_force(tmp_path: Path) -> None:
    content = _content(words=200, notes=1)
    with pytest.raises(ExportError, match="does not exist"):
        write_pdf([content], tmp_path / "missing" / "x.pdf")
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(ExportError, match="folder"):
        write_pdf([content], tmp_path / "dir.pdf")
    target = tmp_path / "x.pdf"
    target.write_bytes(b"keep me")
    with pytest.raises(ExportError, match="already exists"):
        write_pdf([content], target)
    assert target.read_bytes() == b"keep me"
    write_pdf([content], target, PdfOptions(force=True))
    assert target.read_bytes().startswith(b"%PDF")
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(ExportError, match="permission"):
                write_pdf([content], locked / "x.pdf")
        finally:
            locked.chmod(0o700)


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    contents = [_content(i, 300, 1) for i in (1, 2, 3)]
    target = tmp_path / "c.pdf"
    calls: list[int] = []

    def cancel() -> bool:
        return len(calls) >= 2

    with pytest.raises(ExportCancelled):
        write_pdf(contents, target, progress=lambda i, n, t: calls.append(i), cancel=cancel)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_failure_midway_leaves_no_file(tmp_path: Path) -> None:
    good = _content(1, 300, 1)
    target = tmp_path / "f.pdf"

    class Boom(Exception):
        pass

    def progress(i: int, n: int, title: str) -> None:
        if i == 1:
            raise Boom

    with pytest.raises(Boom):
        write_pdf([good, good], target, progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_fonts_are_embedded(tmp_path: Path) -> None:
    path = tmp_path / "fonts.pdf"
    write_pdf([_content(words=200, notes=1)], path)
    reader = PdfReader(path)
    fonts: dict[str, bool] = {}
    for page in reader.pages[:1]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            fonts[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("NotoSerif" in name for name in fonts)
    assert all(fonts.values()), fonts


def test_orphaned_notes_are_listed(tmp_path: Path) -> None:
    art = demo.demo_article(1, 300)
    orphan = Note(99, 1, "highlight", 5, 10, "verschwundener Satz", "", "", "yellow", "lost remark",
                  "orphaned", "", "")
    content = build_export_article(art, None, None, [orphan])
    path = tmp_path / "o.pdf"
    write_pdf([content], path)
    text = " ".join(_text(PdfReader(path)).split())
    assert "Notes that lost their place" in text and "lost remark" in text
