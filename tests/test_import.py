"""Importing what users actually have: seeds, encodings, Markdown, HTML, folders, bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.core.importing.decode import decode_bytes
from reader.core.importing.errors import BadInput
from reader.core.importing.language import detect_language
from reader.core.importing.pipeline import ImportOptions, import_paths, import_text, parse_path
from reader.core.library import Library

GERMAN = "Über die Straße gingen Äpfel und Öl; die Größe der Grüße ist schön."
BOILERPLATE = ("Share.", "Leave A Reply", "Tags:", "Newsticker", "Bitte TEILEN Sie diesen Beitrag",
               "Gelesen:")


def snapshot(lib: Library) -> list[tuple[object, ...]]:
    return lib.conn.execute("SELECT * FROM articles ORDER BY id").fetchall()


def test_seeds_import_with_titles_dates_outlet_and_no_boilerplate(library: Library, seeds: list[Path]) -> None:
    report = import_paths(library, seeds)
    assert report.ok and len(report.imported) == 2
    first, second = (library.require_article(i) for i in report.imported)
    assert first.title.startswith("Aserbaidschan und Russland diskutieren")
    assert first.dateline == "ANKARA"
    assert first.language == "de"
    assert second.title == "US-Außenminister Anthony Blinken rief Präsident Ilham Aliyev an"
    assert second.published == "2023-09-20"
    assert second.read_count == 419
    assert second.outlet == "AzVision"
    for a in (first, second):
        for junk in BOILERPLATE:
            assert junk not in a.text
        assert a.title not in a.text  # the repeated title is gone
        assert not a.text.startswith(("0", "ANKARA"))
        assert "\n\n" in a.text
        # what was removed is still in the stored original
        assert "Share." in first.original or "Tags:" in second.original
    assert "Oberer Karabach-Konflikt" in first.text  # a sub-heading is text, not boilerplate
    assert library.search("Minsk")[0].article_id == first.id


def test_reimport_is_a_duplicate(library: Library, seeds: list[Path]) -> None:
    import_paths(library, seeds)
    report = import_paths(library, seeds)
    assert report.imported == [] and len(report.duplicates) == 2 and report.ok
    assert library.count_articles() == 2


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("cp1252"),
        lambda s: s.encode("latin-1"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1252", "latin1"],
)
def test_encodings_give_correct_umlauts(tmp_path: Path, library: Library, encode: object) -> None:
    text = f"Ein Titel mit Größe\n\n{GERMAN}\n\n«Zitat» und ß."
    data = encode(text)  # type: ignore[operator]
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    article = parse_path(path)
    assert article.title == "Ein Titel mit Größe"
    assert GERMAN in article.text
    assert article.language == "de"


def test_language_detection() -> None:
    assert detect_language("Der Präsident sagte, dass die Gespräche mit Armenien fortgesetzt werden.") == "de"
    assert detect_language("The president said that the talks with Armenia would continue.") == "en"
    assert detect_language("Президент заявил, что переговоры с Арменией продолжатся.") == "ru"
    assert detect_language("Հայաստանի վարչապետը հայտարարել է բանակցությունների մասին։") == "hy"
    assert detect_language("12345 67890") == "und"


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Waffenruhe hält\noutlet: Wire Desk\nauthor: A. Autor\ndate: 2023-09-21\n"
        "url: https://example.org/a\nlanguage: de\n---\n\n# Ignored heading? no\n\n"
        "Der **Waffenstillstand** hielt am [Morgen](https://example.org).\n\n- Punkt eins\n",
        encoding="utf-8",
    )
    a = parse_path(path)
    assert (a.title, a.outlet, a.author, a.published, a.url, a.language) == (
        "Waffenruhe hält", "Wire Desk", "A. Autor", "2023-09-21", "https://example.org/a", "de")
    assert "Der Waffenstillstand hielt am Morgen." in a.text
    assert "https://" not in a.text and "**" not in a.text


def test_markdown_without_front_matter_uses_heading(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text("# The ceasefire held\n\nThe ceasefire held overnight, officials said.\n", encoding="utf-8")
    a = parse_path(path)
    assert a.title == "The ceasefire held" and a.language == "en"


def test_html_keeps_article_drops_scripts_and_remote_references(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>Waffenruhe in Karabach | Example News</title>
    <meta property="og:site_name" content="Example News"><meta name="author" content="Eva Muster">
    <meta property="article:published_time" content="2023-09-21T10:00:00Z">
    <script>fetch('http://127.0.0.1:9/track')</script><style>body{background:url(http://127.0.0.1:9/bg.png)}</style>
    </head><body><nav>Home | World | Sport</nav><article><h1>Waffenruhe in Karabach</h1>
    <img src="http://127.0.0.1:9/pixel.png">
    <p>Die Waffenruhe in der Region hielt am Donnerstag nach Angaben beider Seiten weitgehend, teilten Beobachter mit.</p>
    <p>Vertreter der Regierung in Baku und der Behörden in Stepanakert trafen sich in Jewlach zu ersten Gesprächen über die Zukunft der Region.</p>
    <p onclick="alert(1)">Das Internationale Komitee vom Roten Kreuz brachte Verletzte in Krankenhäuser in Armenien.</p>
    </article><footer>Impressum · Datenschutz</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    a = parse_path(path)
    assert "Waffenruhe" in a.title
    assert "Roten Kreuz" in a.text
    assert "Impressum" not in a.text and "fetch(" not in a.text
    assert a.published == "2023-09-21"
    for bad in ("<script", "fetch(", "127.0.0.1", "onclick", "<img", "url("):
        assert bad not in a.original, bad


def test_folder_with_bad_files_imports_good_and_reports_bad(tmp_path: Path, library: Library) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(f"Guter Titel\n\n{GERMAN}\n", encoding="utf-8")
    (folder / "sub" / "good2.md").write_text("# Second\n\nThe talks resumed on Monday.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "nothing.html").write_text("<html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    (folder / "mixed.txt").write_bytes("Titel\n\nGröße ".encode() + b"\xff\xfe kaputt \xc3")
    (folder / "image.png").write_bytes(b"\x89PNG....")
    report = import_paths(library, [folder])
    assert len(report.imported) == 2
    errors = dict((Path(p).name, m) for p, m in report.errors)
    assert errors == {
        "binary.txt": errors["binary.txt"],
        "empty.txt": "file is empty",
        "mixed.txt": errors["mixed.txt"],
        "nothing.html": "no article text found in this HTML page",
    }
    assert "binary" in errors["binary.txt"]
    assert "undecodable bytes" in errors["mixed.txt"]
    assert [Path(p).name for p in report.skipped] == ["image.png"]
    for message in errors.values():
        assert "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"  \n\n ", "file is empty"),
        ("bin.txt", b"\x00\x01\x02binary\x00" * 50, "binary file"),
        ("doc.pdf", b"%PDF-1.4 ...", "binary file (a PDF document)"),
        ("bad.txt", "Titel\n\nÄrger ".encode() + b"\xc3\x28 broken", "undecodable bytes"),
        ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable bytes"),
        ("only-title.txt", b"Just a title\n", "no article text after the title"),
        ("nohtml.html", b"<html><body><script>x()</script></body></html>", "no article text found"),
    ],
)
def test_bad_input_one_line_and_library_unchanged(
    tmp_path: Path, library: Library, name: str, data: bytes, message: str
) -> None:
    library.add_article(parse_path(_good(tmp_path)))
    before = snapshot(library)
    path = tmp_path / name
    path.write_bytes(data)
    report = import_paths(library, [path])
    assert report.imported == []
    assert len(report.errors) == 1 and message in report.errors[0][1]
    assert snapshot(library) == before


def test_size_limit_and_missing_path(tmp_path: Path, library: Library) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Titel\n\n" + "Wort " * 50_000, encoding="utf-8")
    report = import_paths(library, [big, tmp_path / "missing.txt"], options=ImportOptions(size_limit=100_000))
    messages = [m for _, m in report.errors]
    assert "over the 0 MB limit" in messages[0] or "limit" in messages[0]
    assert messages[1] == "no such file"
    assert library.count_articles() == 0


def test_cancel_stops_between_files(tmp_path: Path, library: Library) -> None:
    paths = []
    for i in range(5):
        p = tmp_path / f"{i}.txt"
        p.write_text(f"Titel {i}\n\nText Nummer {i} über die Gespräche.\n", encoding="utf-8")
        paths.append(p)
    seen: list[int] = []
    report = import_paths(library, paths, progress=lambda i, n, name: seen.append(i),
                          cancel=lambda: len(seen) >= 2)
    assert report.cancelled and len(report.imported) == 2 and library.count_articles() == 2


def test_pasted_text(library: Library) -> None:
    article_id = import_text(library, f"Eingefügter Titel\n\n{GERMAN}")
    assert library.require_article(article_id).source_path == "clipboard"
    with pytest.raises(BadInput):
        import_text(library, "   ")


def test_decode_rejects_control_garbage() -> None:
    with pytest.raises(BadInput, match="binary"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16]) * 100)


def _good(tmp_path: Path) -> Path:
    p = tmp_path / "good-one.txt"
    p.write_text(f"Vorhandener Artikel\n\n{GERMAN}\n", encoding="utf-8")
    return p
