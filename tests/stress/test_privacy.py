"""Hostile pages referencing a loopback sentinel server: not one request while importing,
reading in the real window, ``reader screenshot`` and ``reader export-pdf``; and the PDF
carries no JavaScript, launch actions, embedded files or links to non-web schemes.

(tests/ui/test_window.py checks the reading view's resource loader on its own.)
"""

from __future__ import annotations

import http.server
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from pytestqt.qtbot import QtBot
from stressing import reader_cmd, reader_env

from reader.core.analysis.engine import Analyzer
from reader.core.knowledge.loader import load_knowledge
from reader.core.library import Library
from reader.core.paths import resources_dir
from reader.ui.app import create_window, settings_at

BODY = """<p>Die Waffenruhe in der Region hielt am Donnerstag nach Angaben beider Seiten weitgehend,
teilten Beobachter der Mission in der Hauptstadt am Abend mit.</p>
<p>Vertreter beider Regierungen trafen sich zu Gesprächen über humanitäre Fragen und den
Austausch von Gefangenen, hieß es aus diplomatischen Kreisen.</p>
<p>Das Rote Kreuz brachte Verletzte in Krankenhäuser, wie die Organisation in einer Erklärung
mitteilte. „Die Lage ist ruhig“, sagte ein Sprecher der Mission.</p>"""


def hostile_page(base: str) -> str:
    """Every way an HTML page can make a browser fetch something, aimed at ``base``."""
    return f"""<!doctype html><html><head><title>Waffenruhe hält in der Region</title>
<base href="{base}/base/">
<meta http-equiv="refresh" content="0; url={base}/refresh">
<link rel="stylesheet" href="{base}/style.css">
<link rel="prefetch" href="{base}/prefetch">
<link rel="preload" href="{base}/preload" as="image">
<link rel="dns-prefetch" href="{base}/dns"><link rel="preconnect" href="{base}/preconnect">
<link rel="icon" href="{base}/favicon.ico">
<style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png) }}
@font-face {{ font-family: x; src: url({base}/font.woff) }}</style>
<script src="{base}/track.js"></script>
<script>fetch("{base}/fetch"); new Image().src = "{base}/beacon";</script>
</head><body background="{base}/body-bg.png"><article>
<h1>Waffenruhe hält in der Region</h1>
<img src="{base}/img.png" srcset="{base}/srcset-1x.png 1x, {base}/srcset-2x.png 2x">
<picture><source srcset="{base}/picture.webp"><img src="{base}/picture.png"></picture>
<iframe src="{base}/iframe.html"></iframe><frame src="{base}/frame.html">
<svg><image href="{base}/svg-image.png"/><use href="{base}/svg-use.svg#x"/>
<image xlink:href="{base}/svg-xlink.png"/></svg>
<video poster="{base}/poster.png" src="{base}/video.mp4"><source src="{base}/video-source.mp4">
<track src="{base}/track.vtt"></video>
<audio src="{base}/audio.mp3"></audio>
<p><object data="{base}/object.swf"></object><embed src="{base}/embed.swf"></p>
<input type="image" src="{base}/input.png"><a href="{base}/link" ping="{base}/ping">Quelle</a>
<a href="javascript:alert(1)">Klick</a> <a href="file:///etc/passwd">Datei</a>
<p style="background-image:url('{base}/inline.png')">Der Bericht erschien am Abend.</p>
{BODY}
<form action="{base}/form"><input name="q"></form>
</article></body></html>"""


def hostile_markdown(base: str) -> str:
    return f"""---
title: Gespräche über Gefangene
outlet: Beispiel-Agentur
url: {base}/source
---

![Bild]({base}/md-image.png)

<img src="{base}/md-raw.png"> <iframe src="{base}/md-iframe"></iframe>

Die Gespräche über den Austausch von Gefangenen sollen nach Angaben der Vermittler in der
kommenden Woche fortgesetzt werden, teilte das Außenministerium mit.

Beide Seiten hätten einer weiteren Runde zugestimmt, sagte ein Diplomat der Nachrichtenagentur.
"""


class Sentinel(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []
    timeout = 2  # a half-open connection cannot hold the server

    def do_GET(self) -> None:
        Sentinel.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def sentinel() -> Iterator[str]:
    Sentinel.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sentinel)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_sentinel_counts_requests(sentinel: str) -> None:
    """The sentinel itself works: a real request is counted (so 0 below means 0)."""
    import urllib.request

    with urllib.request.urlopen(sentinel + "/probe", timeout=5) as response:
        assert response.status == 200
    assert Sentinel.hits == ["/probe"]


def run_reader(library: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(reader_cmd(library, *args), capture_output=True, text=True,
                          env=reader_env(tmp / "data"), timeout=180)


def walk(obj: object, seen: set[int]) -> Iterator[DictionaryObject]:
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        yield obj
        for value in obj.values():
            yield from walk(value, seen)
    elif isinstance(obj, list):
        for value in obj:
            yield from walk(value, seen)


def test_hostile_pages_cause_no_request_anywhere(sentinel: str, tmp_path: Path, qtbot: QtBot) -> None:
    library = tmp_path / "library.sqlite"
    page = tmp_path / "page.html"
    page.write_text(hostile_page(sentinel), encoding="utf-8")
    markdown = tmp_path / "talks.md"
    markdown.write_text(hostile_markdown(sentinel), encoding="utf-8")

    r = run_reader(library, tmp_path, "import", str(page), str(markdown))  # with analysis
    assert r.returncode == 0, r.stderr
    ids = [int(m) for m in re.findall(r"^imported #(\d+)", r.stdout, re.M)]
    assert len(ids) == 2
    note = f"![x]({sentinel}/note.png) <img src='{sentinel}/note-raw.png'> [k](javascript:alert(1))"
    r = run_reader(library, tmp_path, "highlight", str(ids[0]), "--quote", "Waffenruhe",
                   "--note", note)
    assert r.returncode == 0, r.stderr
    r = run_reader(library, tmp_path, "note", str(ids[1]), note)
    assert r.returncode == 0, r.stderr
    with Library.open(library) as lib:  # the page's text only; Markdown keeps raw HTML as text
        text = lib.require_article(ids[0]).text
        assert "Gefangenen" in text and sentinel.split("//")[1] not in text and "<" not in text

    # reading, in the real window: each article, with the notes panel showing its notes
    lib = Library.open(library)
    kb = load_knowledge(resources_dir())
    window = create_window(lib, settings_at(tmp_path / "settings.ini"), kb=kb,
                           analyzer=Analyzer(kb), theme="light")
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.notes_dock.show()
    for aid in ids:
        window.open_article(aid)
        qtbot.wait(300)
        assert window.article is not None and window.article.id == aid
    window.show_all_notes()
    qtbot.wait(300)
    window.close()
    lib.close()

    shot = tmp_path / "shot.png"
    r = run_reader(library, tmp_path, "screenshot", str(ids[0]), "-o", str(shot))
    assert r.returncode == 0 and shot.stat().st_size > 10_000, r.stderr
    r = run_reader(library, tmp_path, "screenshot", str(page), "-o", str(shot))
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "out.pdf"
    r = run_reader(library, tmp_path, "export-pdf", *map(str, ids), "-o", str(pdf))
    assert r.returncode == 0, r.stderr

    assert Sentinel.hits == []

    # the PDF: the articles are in it, and nothing active is
    reader = PdfReader(pdf)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Waffenruhe" in text and "Gefangenen" in text
    raw = pdf.read_bytes()
    for bad in (b"/JavaScript", b"/JS ", b"/JS(", b"/JS<", b"/Launch", b"/EmbeddedFile",
                b"/EmbeddedFiles", b"/SubmitForm", b"/ImportData", b"/GoToR", b"/RichMedia"):
        assert bad not in raw, bad
    seen: set[int] = set()
    dicts = list(walk(reader.trailer["/Root"], seen))
    for page_obj in reader.pages:
        dicts += list(walk(page_obj, seen))
    uris = []
    for d in dicts:
        action = d.get("/S")
        assert action not in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR")
        if "/URI" in d:
            uris.append(str(d["/URI"]))
        if "/OpenAction" in d:
            open_action = d["/OpenAction"]
            open_action = open_action.get_object() if hasattr(open_action, "get_object") else open_action
            assert not isinstance(open_action, DictionaryObject) or open_action.get("/S") != "/JavaScript"
        assert "/AA" not in d  # no additional (event-triggered) actions
    for uri in uris:
        assert uri.startswith(("http://", "https://")), uri
