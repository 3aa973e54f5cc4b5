"""The command line for tags and the new export/import formats, as users run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def run(*args: str, library: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MARGIN_LIBRARY": str(library), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          env=env, timeout=180)


def ok(*args: str, library: Path) -> str:
    r = run(*args, library=library)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "" or r.stderr.startswith("warning:"), r.stderr
    return r.stdout


def one_line_error(r: subprocess.CompletedProcess[str], text: str) -> None:
    assert r.returncode != 0 and r.stderr.count("\n") == 1, r.stderr
    assert text in r.stderr and "Traceback" not in r.stderr, r.stderr


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    path = tmp_path / "lib.sqlite"
    ok("import", "--no-analysis", *map(str, sorted(SAMPLES.glob("0*.md"))[:2]), library=path)
    return path


def _words(lib_path: Path, article_id: int) -> list[str]:
    text = json.loads(ok("show", str(article_id), "--json", library=lib_path))["text"]
    return [w for w in text.split() if w.isalpha() and len(w) > 7]


def test_tags_from_the_command_line(lib_path: Path) -> None:
    word = _words(lib_path, 1)[0]
    note = json.loads(ok("highlight", "1", "--quote", word, "--tag", "ceasefire", "--tag", "Zebra talks, EU",
                         "--json", library=lib_path))
    assert note["tags"] == ["ceasefire", "Zebra talks", "EU"]
    assert "added note" in ok("note", "2", "About the whole thing", "--tag", "eu", library=lib_path)
    assert ok("notes", "tag", str(note["id"]), "#Quagga", "ceasefire", library=lib_path).strip() == \
        f"note #{note['id']} tags: ceasefire, Zebra talks, EU, Quagga"
    assert "tags: ceasefire, EU, Quagga" in ok("notes", "untag", str(note["id"]), "zebra talks", library=lib_path)
    assert json.loads(ok("notes", "tags", "--json", library=lib_path)) == [
        {"tag": "ceasefire", "notes": 1}, {"tag": "EU", "notes": 2}, {"tag": "Quagga", "notes": 1}]
    listed = json.loads(ok("notes", "--tag", "quagga", "--json", library=lib_path))
    assert [n["id"] for n in listed] == [note["id"]]
    assert "#Quagga" in ok("notes", "1", library=lib_path)
    hits = json.loads(ok("search", "Quagga", "--json", library=lib_path))
    assert [(h["id"], h["where"]) for h in hits] == [(1, "note")]
    one_line_error(run("notes", "tag", str(note["id"]), "x" * 70, library=lib_path), "longer than 60")
    one_line_error(run("notes", "tag", "999", "x", library=lib_path), "no note #999")
    one_line_error(run("notes", "tag", "abc", "x", library=lib_path), "not a note id")
    one_line_error(run("notes", "tag", "1", library=lib_path), "usage: reader notes tag NOTE_ID TAG")
    one_line_error(run("notes", "tag", "9" * 30, "x", library=lib_path), "no note #")


def test_exports_and_w3c_round_trip(lib_path: Path, tmp_path: Path) -> None:
    word = _words(lib_path, 1)[1]
    ok("highlight", "1", "--quote", word, "--note", "Check <img src=x onerror=alert(1)>", "--tag", "Lage",
       "--color", "green", library=lib_path)
    ok("note", "2", "second article", "--tag", "other", library=lib_path)

    md = tmp_path / "notes.md"
    ok("notes", "export", "1", "-o", str(md), library=lib_path)
    text = md.read_text()
    front = yaml.safe_load(text.split("---\n", 2)[1])
    assert front["tags"] == ["Lage"] and front["margin"] == "margin://article/1"
    assert "margin://article/1#char=" in text and "&lt;img" in text and "<img" not in text

    w3c = tmp_path / "notes.jsonld"
    out = ok("notes", "export", "-o", str(w3c), "--author", "Ada", library=lib_path)
    assert "wrote 2 note(s)" in out and "(w3c)" in out
    data = json.loads(w3c.read_text())
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    assert {a["creator"]["name"] for a in data["first"]["items"]} == {"Ada"}

    csl = tmp_path / "cite.json"
    assert "wrote 1 article(s)" in ok("notes", "export", "--format", "csl", "--tag", "lage", "-o", str(csl),
                                       library=lib_path)
    (item,) = json.loads(csl.read_text())
    assert item["type"] == "article-newspaper" and item["id"] == "margin-1" and item["keyword"] == "Lage"

    other = tmp_path / "other.sqlite"
    ok("import", "--no-analysis", *map(str, sorted(SAMPLES.glob("0*.md"))[:2]), library=other)
    assert "imported 2 note(s)" in ok("notes", "import", str(w3c), library=other)
    again = json.loads(ok("notes", "--json", library=other))
    assert sorted((n["kind"], n["tags"], n["color"]) for n in again) == [
        ("article", ["other"], "yellow"), ("highlight", ["Lage"], "green")]
    assert "skipped 2 already present" in ok("notes", "import", str(w3c), "--format", "w3c", library=other)

    # bad input: one line, nothing changed
    bad = tmp_path / "bad.jsonld"
    items = data["first"]["items"]
    items[1]["target"] = {"source": items[1]["target"], "selector": {"type": "FragmentSelector"}}
    bad.write_text(json.dumps(data))
    one_line_error(run("notes", "import", str(bad), library=other), "annotation 2:")
    one_line_error(run("notes", "import", str(w3c), "--format", "csl", library=other), "cannot import --format csl")
    margin_json = tmp_path / "m.json"
    ok("notes", "export", "-o", str(margin_json), library=lib_path)
    one_line_error(run("notes", "import", str(margin_json), "--format", "w3c", library=other),
                   "not W3C Web Annotation data")
    assert len(json.loads(ok("notes", "--json", library=other))) == 2


def test_hostile_article_fields_stay_text_in_the_markdown_export(tmp_path: Path) -> None:
    """Issue 13 item 6, end to end: import a hostile Markdown file, highlight, export."""
    import markdown

    lib = tmp_path / "lib.sqlite"
    src = tmp_path / "hostile.md"
    src.write_text('---\ntitle: "Title <img src=x onerror=alert(1)>"\noutlet: "Wire\\n# Injected"\n'
                   'url: "javascript:alert(document.cookie)"\ndate: 2024-03-01\n---\n\n'
                   "Erster Absatz mit <script>alert(1)</script> darin und noch mehr Worten.\n\n"
                   "Zweiter Absatz mit [klick](javascript:alert(2)) und Schluss.\n", encoding="utf-8")
    ok("import", "--no-analysis", str(src), library=lib)
    shown = json.loads(ok("show", "1", "--json", library=lib))
    assert shown["url"] == ""  # dropped at import
    assert "<script>alert(1)</script>" in shown["text"]  # kept as the words the file has
    ok("highlight", "1", "--quote", "<script>alert(1)</script>", library=lib)
    out = tmp_path / "notes.md"
    ok("notes", "export", "1", "-o", str(out), library=lib)
    text = out.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n", 2)[1])
    assert front["outlet"] == "Wire # Injected" and "url" not in front
    html = markdown.markdown(text.split("---\n", 2)[2])
    assert "<img" not in html and "<script" not in html and 'href="javascript' not in html
    assert html.count("<h1>") == 1 and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h1>Title &lt;img" in html
