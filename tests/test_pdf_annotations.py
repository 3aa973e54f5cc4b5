"""PDF annotations as every viewer needs them, read back with pypdf and rendered by poppler and PDFium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from reader.core.export_content import build_export_article
from reader.pdf import demo
from reader.pdf.annotate import pdf_date
from reader.pdf.writer import PdfOptions, write_pdf

DATE = re.compile(r"^D:\d{14}(Z|[+-]\d{2}'\d{2}')$")
MARKUP = ("/Highlight", "/Underline", "/Squiggly")


@pytest.fixture(autouse=True)
def _app(qapp):  # type: ignore[no-untyped-def]
    return qapp


def _content(article_id: int = 1, words: int = 500, notes: int = 4):  # type: ignore[no-untyped-def]
    art = demo.demo_article(article_id, words)
    return build_export_article(art, demo.demo_analysis(art.text, art.title), demo.demo_kb(),
                                demo.demo_notes(article_id, art.text, notes))


def _annots(reader: PdfReader) -> list[tuple[int, dict]]:
    return [(i, ref.get_object()) for i, page in enumerate(reader.pages)
            for ref in (page.get("/Annots") or [])]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, qapp):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("pdf") / "cards.pdf"
    content = _content()
    write_pdf([content], path, PdfOptions(cards_as_annotations=True))
    return path, content


def test_every_markup_annotation_is_complete(exported) -> None:  # type: ignore[no-untyped-def]
    path, content = exported
    reader = PdfReader(path)
    annots = _annots(reader)
    markup = [(i, a) for i, a in annots if a["/Subtype"] in MARKUP]
    kinds = {a["/Subtype"] for _, a in markup}
    assert kinds == set(MARKUP), kinds
    popups = [a for _, a in annots if a["/Subtype"] == "/Popup"]
    assert len(popups) == len(markup)
    for _, a in markup:
        assert a["/F"] == 4
        assert a["/T"] == "Margin" and a["/Contents"].strip()
        assert DATE.match(a["/CreationDate"]) and DATE.match(a["/M"]), (a["/CreationDate"], a["/M"])
        form = a["/AP"]["/N"].get_object()
        assert form["/Subtype"] == "/Form" and form.get_data().strip()
        gs = form["/Resources"]["/ExtGState"]["/GS0"]
        assert gs["/BM"] == "/Multiply" and 0 < float(gs["/CA"]) <= 1
        rect = [float(v) for v in a["/Rect"]]
        q = [float(v) for v in a["/QuadPoints"]]
        assert len(q) % 8 == 0 and q
        for k in range(0, len(q), 8):
            tl, tr, bl, br = q[k:k + 2], q[k + 2:k + 4], q[k + 4:k + 6], q[k + 6:k + 8]
            # Acrobat order: top-left, top-right, bottom-left, bottom-right
            assert tl[0] < tr[0] and bl[0] < br[0] and tl[1] == tr[1] > bl[1] == br[1]
            for x, y in (tl, tr, bl, br):
                assert rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]
        popup = a["/Popup"].get_object()
        assert popup["/Subtype"] == "/Popup" and popup["/Parent"].get_object() == a
    # the user's notes on highlights; the cards' text and reasons on the cards
    contents = [a["/Contents"] for _, a in markup]
    assert {n.body for n in content.highlights if n.body} <= set(contents)
    joined = " ".join(" ".join(c.split()) for c in contents)
    assert "Presents a military offensive as a police action." in joined  # a wording card's reason
    assert "Ilham Aliyev" in joined  # a source card
    subjects = {a["/Subj"] for _, a in markup}
    assert {"Highlight", "Source", "Wording", "Background"} <= subjects


def test_no_card_annotations_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    write_pdf([_content()], path)
    subtypes = {a["/Subtype"] for _, a in _annots(PdfReader(path))}
    assert subtypes == {"/Highlight", "/Popup"}


def test_no_active_content(exported) -> None:  # type: ignore[no-untyped-def]
    raw = exported[0].read_bytes()
    for key in (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/URI"):
        assert key not in raw, key


def test_outline_has_sections_per_article(tmp_path: Path) -> None:
    path = tmp_path / "two.pdf"
    write_pdf([_content(1), _content(2)], path)
    outline = PdfReader(path).outline
    assert len([o for o in outline if not isinstance(o, list)]) == 2
    children = [[c.title for c in o] for o in outline if isinstance(o, list)]
    assert len(children) == 2
    for titles in children:
        assert titles[0] == "Text" and "Source balance" in titles and "Background and references" in titles


def test_pdftotext_separates_words(exported) -> None:  # type: ignore[no-untyped-def]
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(["pdftotext", str(exported[0]), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "die Verhandlungen in Minsk seien gescheitert" in flat
    assert "Öffentlichkeit" in flat
    # no run-together words: long letter runs are rare in German prose at word boundaries
    assert not re.search(r"[a-zäöü]{3}(die|und|der)(Verhandlungen|Regierung)", flat)


def test_pdf_date() -> None:
    assert pdf_date("2026-03-04T05:06:07+00:00") == "D:20260304050607Z"
    assert pdf_date("2026-03-04T05:06:07+02:00") == "D:20260304050607+02'00'"
    assert DATE.match(pdf_date(""))


# -- rendering ------------------------------------------------------------------------------------


def _ppm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P6"
    return int(parts[1]), int(parts[2]), parts[4]


def _poppler(pdf: Path, page: int, dpi: int, out: Path, annots: bool = True) -> tuple[int, int, bytes]:
    hide = [] if annots else ["-hide-annotations"]
    subprocess.run(["pdftoppm", *hide, "-f", str(page + 1), "-l", str(page + 1), "-r", str(dpi),
                    "-singlefile", str(pdf), str(out)], check=True, capture_output=True)
    return _ppm(out.with_suffix(".ppm"))


def _pdfium(pdf: Path, page: int, dpi: int, annots: bool = True) -> tuple[int, int, bytes]:
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = doc[page].render(scale=dpi / 72, draw_annots=annots, rev_byteorder=True)
        w, h, stride, n = bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
        buf = bytes(bitmap.buffer)
        rows = b"".join(
            bytes(b for j in range(w) for b in buf[y * stride + j * n: y * stride + j * n + 3])
            for y in range(h)
        )
        return w, h, rows
    finally:
        doc.close()


def _pixels(img: tuple[int, int, bytes], box: tuple[float, float, float, float], dpi: int,
            page_h: float) -> list[tuple[int, int, int]]:
    w, _, data = img
    k = dpi / 72
    left, bottom, right, top = box
    out = []
    for y in range(int((page_h - top) * k) + 1, int((page_h - bottom) * k) - 1):
        for x in range(int(left * k) + 1, int(right * k) - 1):
            i = (y * w + x) * 3
            out.append((data[i], data[i + 1], data[i + 2]))
    return out


def test_highlight_visible_and_text_readable_in_poppler_and_pdfium(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed")
    path, _ = exported
    reader = PdfReader(path)
    dpi = 100
    checked = 0
    for page_index, a in _annots(reader):
        if a["/Subtype"] != "/Highlight":
            continue
        page_h = float(reader.pages[page_index].mediabox.height)
        q = [float(v) for v in a["/QuadPoints"]][:8]
        box = (q[0], q[5], q[2], q[1])
        if box[2] - box[0] < 20:
            continue
        renders = {
            "poppler": (_poppler(path, page_index, dpi, tmp_path / f"p{page_index}"),
                        _poppler(path, page_index, dpi, tmp_path / f"h{page_index}", annots=False)),
            "pdfium": (_pdfium(path, page_index, dpi), _pdfium(path, page_index, dpi, annots=False)),
        }
        for name, (img, bare) in renders.items():
            px = _pixels(img, box, dpi, page_h)
            assert px, name
            # the colour comes from the annotation: without annotations the words are on white
            plain = [p for p in _pixels(bare, box, dpi, page_h) if p != (255, 255, 255)]
            assert len(plain) < 0.5 * len(px), (name, len(plain), len(px))
            # the highlight colour: most pixels are tinted, not white
            tinted = [p for p in px if p != (255, 255, 255) and min(p) < 245]
            assert len(tinted) > 0.6 * len(px), (name, len(tinted), len(px))
            # the text still shows through (Multiply): dark glyph pixels inside the box
            dark = [p for p in px if sum(p) < 250]
            assert 0.02 * len(px) < len(dark) < 0.6 * len(px), (name, len(dark), len(px))
        checked += 1
        if checked >= 2:
            break
    assert checked


def test_every_page_renders_in_both(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed")
    path, _ = exported
    r = subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "pg")],
                       capture_output=True, text=True)
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr
    pages = len(PdfReader(path).pages)
    assert len(list(tmp_path.glob("pg*.png"))) == pages
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(path))
    try:
        assert len(doc) == pages
        for i in range(pages):
            bitmap = doc[i].render(scale=30 / 72)
            assert bitmap.width > 100 and len(set(bytes(bitmap.buffer)[:40000])) > 2
    finally:
        doc.close()


def test_cli_cards_as_annotations_and_progress(tmp_path: Path) -> None:
    import os
    import sys

    from reader.core.library import Library
    from reader.core.models import NewArticle

    lib_path = tmp_path / "lib.sqlite"
    lib = Library.open(lib_path)
    ids = [lib.add_article(NewArticle(title=f"Artikel {i}", text=demo.demo_article(i, 200).text,
                                      language="de", outlet="Demo Wire")) for i in (1, 2)]
    lib.close()
    out = tmp_path / "cli.pdf"
    env = {**os.environ, "MARGIN_LIBRARY": str(lib_path), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "reader", "export-pdf", *map(str, ids), "-o", str(out),
                        "--cards-as-annotations", "--progress"], capture_output=True, text=True,
                       env=env, timeout=180)
    assert r.returncode == 0, r.stderr
    assert "[1/2] Artikel 1" in r.stderr and "[2/2] Artikel 2" in r.stderr
    assert list(tmp_path.glob(".margin-*")) == []
    r2 = subprocess.run([sys.executable, "-m", "reader", "export-pdf", str(ids[0]), "-o",
                         str(tmp_path / "quiet.pdf")], capture_output=True, text=True, env=env,
                        timeout=180)
    assert r2.returncode == 0 and "[1/" not in r2.stderr  # not a terminal, no --progress


def test_dialog_checkbox_sets_the_option(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.core.library import Library
    from reader.core.models import NewArticle
    from reader.ui.export_dialog import ExportDialog

    lib = Library.open(tmp_path / "lib.sqlite")
    aid = lib.add_article(NewArticle(title="Artikel", text=demo.demo_article(1, 120).text, language="de"))
    dialog = ExportDialog(lib, None, None, [aid])
    qtbot.addWidget(dialog)
    assert not dialog.options().cards_as_annotations
    dialog.cards_as_annotations.setChecked(True)
    assert dialog.options().cards_as_annotations
    out = tmp_path / "d.pdf"
    dialog.set_path(out)
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        assert dialog.start_export()
    assert PdfReader(out).pages
    lib.close()


def test_highlight_tags_travel_into_the_pdf_annotation(tmp_path: Path) -> None:
    import os
    import sys

    from reader.core.library import Library
    from reader.core.models import NewArticle

    lib_path = tmp_path / "lib.sqlite"
    lib = Library.open(lib_path)
    text = demo.demo_article(1, 200).text
    art_id = lib.add_article(NewArticle(title="Artikel", text=text, language="de", outlet="Demo"))
    lib.close()
    quote = " ".join(text.split()[3:6])
    env = {**os.environ, "MARGIN_LIBRARY": str(lib_path), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "reader", "highlight", str(art_id), "--quote", quote,
                        "--note", "Prüfen", "--tag", "ceasefire", "--tag", "Minsk"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "tags.pdf"
    r = subprocess.run([sys.executable, "-m", "reader", "export-pdf", str(art_id), "-o", str(out)],
                       capture_output=True, text=True, env=env, timeout=180)
    assert r.returncode == 0, r.stderr
    highlights = [a for _, a in _annots(PdfReader(out)) if a["/Subtype"] == "/Highlight"]
    assert highlights
    contents = str(highlights[0]["/Contents"])
    assert contents.startswith("Prüfen") and "#ceasefire" in contents and "#Minsk" in contents


def test_popups_stay_inside_their_page(exported) -> None:  # type: ignore[no-untyped-def]
    path, _ = exported
    reader = PdfReader(path)
    popups = 0
    for i, annot in _annots(reader):
        if annot["/Subtype"] != "/Popup":
            continue
        popups += 1
        box = reader.pages[i].mediabox
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        assert float(box.left) <= x0 < x1 <= float(box.right)
        assert float(box.bottom) <= y0 < y1 <= float(box.top)
    assert popups


def test_popup_beside_a_highlight_at_the_page_corner_is_pulled_inside() -> None:
    from pypdf.generic import RectangleObject

    from reader.pdf.annotate import _popup_rect

    page = RectangleObject([0, 0, 595, 842])
    x0, y0, x1, y1 = _popup_rect((480.0, 820.0, 590.0, 841.0), page)  # near the top-right corner
    assert 0 <= x0 < x1 <= 595 and 0 <= y0 < y1 <= 842
    assert (x1 - x0, y1 - y0) == (180.0, 80.0)
    x0, y0, x1, y1 = _popup_rect((40.0, 2.0, 120.0, 20.0), page)  # near the bottom
    assert y0 >= 0 and x0 == 124.0
