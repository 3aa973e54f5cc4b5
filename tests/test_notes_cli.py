"""``reader bookmark | highlight | note | notes | export-pdf`` as users run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def run(*args: str, library: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MARGIN_LIBRARY": str(library), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True,
                          env=env, timeout=180)


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    path = tmp_path / "lib.sqlite"
    samples = sorted(SAMPLES.glob("0*.md"))[:2]
    r = run("import", "--no-analysis", *map(str, samples), library=path)
    assert r.returncode == 0, r.stderr
    return path


def _text(lib_path: Path, article_id: int) -> str:
    r = run("show", str(article_id), "--json", library=lib_path)
    assert r.returncode == 0, r.stderr
    return str(json.loads(r.stdout)["text"])


def test_bookmark(lib_path: Path) -> None:
    r = run("bookmark", "1", library=lib_path)
    assert r.returncode == 0 and "bookmarked #1" in r.stdout
    listed = json.loads(run("list", "--json", library=lib_path).stdout)
    assert {a["id"]: a["bookmarked"] for a in listed}[1] is True
    assert run("bookmark", "1", "--off", library=lib_path).returncode == 0
    listed = json.loads(run("list", "--json", library=lib_path).stdout)
    assert {a["id"]: a["bookmarked"] for a in listed}[1] is False
    r = run("bookmark", "99", library=lib_path)
    assert r.returncode == 1 and r.stderr.strip() == "error: no article #99 in the library"


def test_highlight_notes_export_import(lib_path: Path, tmp_path: Path) -> None:
    text = _text(lib_path, 1)
    word = next(w for w in text.split() if len(w) > 6 and text.count(w) >= 2)
    r = run("highlight", "1", "--quote", word, "--note", "Check **this** <script>x</script>",
            "--color", "green", "--occurrence", "2", "--json", library=lib_path)
    assert r.returncode == 0, r.stderr
    note = json.loads(r.stdout)
    assert note["start"] == text.index(word, text.index(word) + 1) and note["color"] == "green"
    r = run("highlight", "1", "--quote", "no such words anywhere", library=lib_path)
    assert r.returncode == 1 and "does not occur" in r.stderr and "Traceback" not in r.stderr
    assert run("note", "1", "Whole-article remark about Minsk", library=lib_path).returncode == 0

    listed = json.loads(run("notes", "1", "--json", library=lib_path).stdout)
    assert [n["kind"] for n in listed] == ["article", "highlight"]
    everything = run("notes", library=lib_path)
    assert "Whole-article remark" in everything.stdout
    hits = json.loads(run("search", "Minsk", "--json", library=lib_path).stdout)
    assert any(h.get("where") == "note" for h in hits)

    md = tmp_path / "notes.md"
    r = run("notes", "export", "1", "--format", "markdown", "-o", str(md), library=lib_path)
    assert r.returncode == 0, r.stderr
    body = md.read_text()
    assert word in body and "Check **this** &lt;script>" in body
    r = run("notes", "export", "1", "--format", "markdown", "-o", str(md), library=lib_path)
    assert r.returncode == 1 and "already exists" in r.stderr

    js = tmp_path / "notes.json"
    assert run("notes", "export", "--format", "json", "-o", str(js), library=lib_path).returncode == 0
    other = tmp_path / "other.sqlite"
    samples = sorted(SAMPLES.glob("0*.md"))[:2]
    assert run("import", "--no-analysis", *map(str, samples), library=other).returncode == 0
    r = run("notes", "import", str(js), library=other)
    assert r.returncode == 0 and "imported 2 note(s)" in r.stdout, r.stderr
    again = json.loads(run("notes", "--json", library=other).stdout)
    assert {n["body"] for n in again} == {"Check **this** <script>x</script>", "Whole-article remark about Minsk"}
    r = run("notes", "import", str(tmp_path / "missing.json"), library=other)
    assert r.returncode == 1 and "no such file" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = run("notes", "import", str(bad), library=other)
    assert r.returncode == 1 and "not JSON" in r.stderr


def test_export_pdf_cli(lib_path: Path, tmp_path: Path) -> None:
    text = _text(lib_path, 1)
    quote = " ".join(text.split()[5:9])
    assert run("highlight", "1", "--quote", quote, "--note", "Zebra note text", library=lib_path).returncode == 0
    out = tmp_path / "out.pdf"
    r = run("export-pdf", "1", "2", "-o", str(out), "--paper", "letter", library=lib_path)
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stdout
    reader = PdfReader(out)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert len(reader.outline) >= 2
    annots = [a.get_object() for p in reader.pages for a in (p.get("/Annots") or [])]
    assert any(a.get("/Contents") == "Zebra note text" for a in annots)
    # errors: one line, no traceback, no file left behind
    r = run("export-pdf", "1", "-o", str(out), library=lib_path)
    assert r.returncode == 1 and "already exists" in r.stderr and r.stderr.count("\n") == 1
    r = run("export-pdf", "1", "-o", str(tmp_path / "nope" / "x.pdf"), library=lib_path)
    assert r.returncode == 1 and "does not exist" in r.stderr
    r = run("export-pdf", "42", "-o", str(tmp_path / "y.pdf"), library=lib_path)
    assert r.returncode == 1 and "no article #42" in r.stderr and not (tmp_path / "y.pdf").exists()
    assert run("bookmark", "2", library=lib_path).returncode == 0
    r = run("export-pdf", "--bookmarked", "--no-notes", "-o", str(tmp_path / "b.pdf"), library=lib_path)
    assert r.returncode == 0, r.stderr
    assert len([o for o in PdfReader(tmp_path / "b.pdf").outline if not isinstance(o, list)]) == 1
