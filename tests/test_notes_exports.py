"""Notes exports (Markdown with front matter, W3C Web Annotations, CSL-JSON) and W3C import."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import pytest
import yaml

from reader.core import export_csl, export_w3c, notes, notes_io, notes_markdown
from reader.core.importing.markdown_import import parse_markdown
from reader.core.library import Library
from reader.core.models import NewArticle

TEXT = ("Die Gespräche in Minsk begannen am Montag. Beide Seiten nannten die Lage angespannt.\n\n"
        "Der Sprecher sagte, die Waffenruhe gelte weiter. Beobachter in Minsk bestätigten das.")


@pytest.fixture
def article_id(library: Library) -> int:
    return library.add_article(NewArticle(
        title="Gespräche in Minsk", text=TEXT, language="de", outlet="Demo Wire",
        published="2023-09-20", url="https://example.org/a", author="Anna Beispiel",
    ))


def _front(md: str) -> dict[str, Any]:
    assert md.startswith("---\n")
    data = yaml.safe_load(md.split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data


def test_markdown_front_matter_and_links_back_to_the_spot(library: Library, article_id: int) -> None:
    hl = notes.highlight_quote(library, article_id, "die Waffenruhe gelte weiter", body="Check **this**",
                               tags=["ceasefire", "Minsk talks"])
    notes.add_article_note(library, article_id, "Overall calm.", tags=["tone"])
    md = notes_markdown.export_markdown(library, article_id)
    front = _front(md)
    assert {k: front[k] for k in ("title", "outlet", "date", "url", "language", "tags")} == {
        "title": "Gespräche in Minsk", "outlet": "Demo Wire", "date": "2023-09-20",
        "url": "https://example.org/a", "language": "de", "tags": ["ceasefire", "Minsk talks", "tone"],
    }
    assert f"(margin://article/{article_id}#char={hl.start},{hl.end})" in md
    fragment = md.split("[At the source](<", 1)[1].split(">)", 1)[0]
    assert fragment.startswith("https://example.org/a#:~:text=")
    directive = fragment.split("text=", 1)[1]
    # whole words before it (the prefix); "." follows the quote directly, so no suffix
    assert [unquote(p) for p in directive.split(",")] == ["Der Sprecher sagte,-", "die Waffenruhe gelte weiter"]
    other = notes.highlight_quote(library, article_id, "Beide Seiten")
    link = notes_markdown.source_link(library.require_article(article_id), other)
    assert [unquote(p) for p in link.split("text=", 1)[1].split(",")] == [
        "begannen am Montag.-", "Beide Seiten", "-nannten die Lage"]
    html = markdown.markdown(md.split("---\n", 2)[2])
    assert "<strong>this</strong>" in html and "ceasefire" in html


def test_markdown_escapes_everything_taken_from_the_article(library: Library) -> None:
    hostile = library.add_article(NewArticle(
        title="Headline <img src=x onerror=alert(1)>\n# Not a heading",
        text="Before [link](javascript:alert(1)) and <script>alert(2)</script> after the words.",
        outlet="Wire\n# Injected heading\n- list", url="javascript:alert(3)", published="2024-01-01",
    ))
    notes.highlight_quote(library, hostile, "[link](javascript:alert(1)) and <script>alert(2)</script>",
                          body="mine: <b>bold</b> [bad](javascript:alert(4)) [ok](https://example.org/x) "
                               "![img](https://tracker.example/p.png)",
                          tags=["`code`"])
    md = notes_markdown.export_markdown(library, hostile)
    front = _front(md)
    assert front["title"] == "Headline <img src=x onerror=alert(1)> # Not a heading"
    assert front["outlet"] == "Wire # Injected heading - list" and "url" not in front
    body = md.split("---\n", 2)[2]
    html = markdown.markdown(body)
    assert html.count("<h1>") == 1 and "<h1>Headline" in html  # the title, and nothing else
    assert "<h2" not in html and "<ul>" not in html
    for bad in ("<img", "<script", "href=\"javascript", "<b>", "tracker.example"):
        assert bad not in html, bad
    assert "[link](javascript:alert(1))" in html  # the quote stays readable, as text
    assert 'href="https://example.org/x"' in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text


def test_w3c_export_has_quote_position_body_tags_and_source(library: Library, article_id: int) -> None:
    local = library.add_article(NewArticle(title="Lokal", text="Nur eine Datei ohne Adresse hier."))
    hl = notes.highlight_quote(library, article_id, "angespannt", body="tone", color="pink", tags=["Lage"])
    notes.highlight_quote(library, local, "Datei")
    notes.add_article_note(library, article_id, "whole", tags=["a", "b"])
    data = export_w3c.export_w3c(library, author="Ada Reporter")
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    items = data["first"]["items"]
    anno = next(a for a in items if a["body"][0].get("value") == "tone")
    assert anno["type"] == "Annotation" and anno["motivation"] == "commenting"
    assert anno["creator"] == {"type": "Person", "name": "Ada Reporter"}
    assert anno["created"] == hl.created_at and anno["modified"] == hl.updated_at
    assert anno["body"] == [
        {"type": "TextualBody", "value": "tone", "format": "text/markdown", "purpose": "commenting"},
        {"type": "TextualBody", "value": "Lage", "purpose": "tagging"},
    ]
    target = anno["target"]
    assert target["source"] == "https://example.org/a" and target["styleClass"] == "margin-pink"
    quote, position = target["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": "angespannt", "prefix": hl.prefix, "suffix": hl.suffix}
    assert position == {"type": "TextPositionSelector", "start": hl.start, "end": hl.end}
    assert TEXT[position["start"]:position["end"]] == quote["exact"]
    sources = {a["target"]["source"] if isinstance(a["target"], dict) else a["target"] for a in items}
    content_hash = library.require_article(local).content_hash
    assert sources == {"https://example.org/a", f"urn:margin:article:sha256:{content_hash}"}
    # stable ids: exporting again names every annotation the same
    assert [a["id"] for a in export_w3c.export_w3c(library)["first"]["items"]] == [a["id"] for a in items]
    assert export_w3c.export_w3c(library)["first"]["items"][0]["creator"] == {"type": "Software", "name": "Margin"}


def test_w3c_import_anchors_quotes_in_changed_text(library: Library, article_id: int, tmp_path: Path) -> None:
    notes.highlight_quote(library, article_id, "Beobachter in Minsk", body="who?", tags=["OSCE"], color="blue")
    notes.add_article_note(library, article_id, "whole article", tags=["tone"])
    data = json.loads(json.dumps(export_w3c.export_w3c(library)))
    other = Library.open(tmp_path / "other.sqlite")
    try:
        edited = "Vorspann mit neuen Sätzen am Anfang.\n\n" + TEXT.replace("Montag", "Dienstag")
        new_id = other.add_article(NewArticle(title="anders betitelt", text=edited, url="https://example.org/a"))
        assert export_w3c.looks_like_w3c(data) and not export_w3c.looks_like_w3c({"format": "margin-notes"})
        report = notes_io.import_json(other, export_w3c.w3c_to_margin(data))
        assert len(report.added) == 2 and not report.orphaned and not report.missing_articles
        hl = next(n for n in notes.notes_for(other, new_id) if n.is_highlight)
        assert edited[hl.start:hl.end] == "Beobachter in Minsk"
        assert (hl.body, hl.tags, hl.color) == ("who?", ("OSCE",), "blue")
        whole = next(n for n in notes.notes_for(other, new_id) if not n.is_highlight)
        assert (whole.body, whole.tags) == ("whole article", ("tone",))
        again = notes_io.import_json(other, export_w3c.w3c_to_margin(data))
        assert again.duplicates == 2 and not again.added
    finally:
        other.close()


def test_w3c_import_from_other_tools_shapes(library: Library, article_id: int) -> None:
    """A bare list, one Annotation, bodyValue, a single selector object, no position."""
    one = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
           "bodyValue": "plain note",
           "target": {"source": "https://example.org/a",
                      "selector": {"type": "TextQuoteSelector", "exact": "Lage angespannt"}}}
    report = notes_io.import_json(library, export_w3c.w3c_to_margin(one))
    (hl,) = report.added
    assert TEXT[hl.start:hl.end] == "Lage angespannt" and hl.body == "plain note"
    listed = [{"type": ["Annotation"], "target": "https://example.org/a",
               "body": [{"type": "TextualBody", "value": "x", "purpose": ["tagging"]},
                        {"value": "about it", "purpose": "commenting"}]}]
    report = notes_io.import_json(library, export_w3c.w3c_to_margin(listed))
    assert [(n.kind, n.body, n.tags) for n in report.added] == [("article", "about it", ("x",))]
    missing = {"type": "Annotation", "bodyValue": "n", "target": "https://elsewhere.example/"}
    report = notes_io.import_json(library, export_w3c.w3c_to_margin(missing))
    assert report.missing_articles == ["https://elsewhere.example/"] and not report.added


GOOD = {"type": "Annotation", "bodyValue": "n",
        "target": {"source": "https://example.org/a",
                   "selector": [{"type": "TextQuoteSelector", "exact": "Montag"},
                                {"type": "TextPositionSelector", "start": 36, "end": 42}]}}


def _bad(change: Any) -> Any:
    anno = copy.deepcopy(GOOD)
    change(anno)
    return {"type": "AnnotationCollection", "first": {"items": [copy.deepcopy(GOOD), anno]}}


@pytest.mark.parametrize("data, message", [
    ({"type": "Something"}, "not W3C Web Annotation data"),
    ("text", "expected an object or a list"),
    ({"type": "AnnotationCollection", "first": "https://example.org/page1"}, "pages are not in the file"),
    ({"type": "AnnotationPage", "items": {"a": 1}}, "not a list"),
    (_bad(lambda a: a.pop("target")), "annotation 2: no target"),
    (_bad(lambda a: a["target"].update(selector=[{"type": "XPathSelector"}])), "annotation 2: .*TextQuoteSelector"),
    (_bad(lambda a: a["target"]["selector"][0].update(exact=5)), "annotation 2: TextQuoteSelector.exact must be text"),
    (_bad(lambda a: a["target"]["selector"][0].update(exact="  ")), "annotation 2: .*empty"),
    (_bad(lambda a: a["target"]["selector"][1].update(start=10**30)), "annotation 2: TextPositionSelector.start"),
    (_bad(lambda a: a["target"]["selector"][1].update(end="9")), "annotation 2: TextPositionSelector.end"),
    (_bad(lambda a: a.update(type="Note")), "annotation 2: not an Annotation"),
    (_bad(lambda a: a.update(bodyValue=["x"])), "annotation 2: bodyValue must be text"),
    (_bad(lambda a: (a.pop("bodyValue"), a.update(target="https://example.org/a"))), "annotation 2: has neither"),
    (_bad(lambda a: a.update(body=[{"value": "t" * 99, "purpose": "tagging"}])), "longer than 60"),
])
def test_bad_w3c_input_is_one_line_and_changes_nothing(library: Library, article_id: int, data: Any,
                                                      message: str) -> None:
    before = library.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    with pytest.raises(notes.NoteError, match=message) as err:
        notes_io.import_json(library, export_w3c.w3c_to_margin(data))
    assert "\n" not in str(err.value)
    assert library.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == before


def test_csl_json_one_item_per_article(library: Library, article_id: int) -> None:
    notes.highlight_quote(library, article_id, "Montag", tags=["Minsk", "talks"])
    notes.highlight_quote(library, article_id, "Lage", tags=["minsk"])
    bad = library.add_article(NewArticle(title="Ohne", text="Nur ein kurzer Text hier.", url="javascript:x",
                                         language="und", published="2024-05"))
    notes.add_article_note(library, bad, "x")
    items = {i["id"]: i for i in export_csl.export_csl(library)}
    item = items[f"margin-{article_id}"]
    imported = library.require_article(article_id).imported_at
    assert item == {
        "id": f"margin-{article_id}", "type": "article-newspaper", "title": "Gespräche in Minsk",
        "container-title": "Demo Wire", "author": [{"literal": "Anna Beispiel"}],
        "issued": {"date-parts": [[2023, 9, 20]]}, "URL": "https://example.org/a", "language": "de",
        "accessed": {"date-parts": [[int(imported[:4]), int(imported[5:7]), int(imported[8:10])]]},
        "keyword": "Minsk, talks",
    }
    other = items[f"margin-{bad}"]
    assert "URL" not in other and "language" not in other and other["issued"] == {"date-parts": [[2024, 5]]}
    assert [i["id"] for i in export_csl.export_csl(library, tag="talks")] == [f"margin-{article_id}"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                                 "vbscript:x", "https://", "http://exa mple.org", "ftp://example.org/a"])
def test_markdown_import_drops_urls_that_are_not_web_addresses(url: str) -> None:
    text = f"---\ntitle: T\nurl: {json.dumps(url)}\n---\n\nSome article text here.\n"
    assert parse_markdown(text).url == ""


def test_markdown_import_keeps_web_addresses() -> None:
    text = "---\ntitle: T\nurl: https://example.org/a?b=1#c\n---\n\nSome article text here.\n"
    assert parse_markdown(text).url == "https://example.org/a?b=1#c"


def test_front_matter_round_trips_any_text() -> None:
    """Whatever an article's fields hold, the front matter reads back as exactly that text."""
    import random

    rng = random.Random(13)
    alphabet = "ab #:-'\"\\\n\r\t>|&*!%@`{}[],?~\u0085\u2028\u2029\ufeff\x00\x07\x1bäß€😀"
    for _ in range(300):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 25)))
        data = {"title": value, "outlet": value[::-1], "tags": [value, "yes", "1.5", "null"], "date": "2024-01-02"}
        text = notes_markdown.front_matter(data)
        assert text.startswith("---\n") and text.endswith("\n---\n")
        clean = " ".join("".join(c if c.isprintable() else " " for c in value).split())
        expected = {"title": clean, "outlet": " ".join("".join(c if c.isprintable() else " " for c in value[::-1]).split()),
                    "tags": [clean, "yes", "1.5", "null"], "date": "2024-01-02"}
        assert yaml.safe_load(text[4:-4]) == expected, repr(value)
        assert text.count("\n---\n") == 1 and len(text.splitlines()) == 10
