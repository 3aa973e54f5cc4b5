"""The reading window, driven like a user would: real library, real analysis, offscreen."""

from __future__ import annotations

import http.server
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextFormat
from pytestqt.qtbot import QtBot

from reader.core import corrections
from reader.core.samples import sample_files
from reader.ui.main_window import MainWindow
from reader.ui.margin import GAP, MarginPane

TOLERANCE = 3
WindowFactory = Callable[..., MainWindow]


def assert_aligned(pane: MarginPane) -> int:
    """Every shown card's top is level with its anchor, or directly below the previous card."""
    checked = 0
    previous_bottom: int | None = None
    for card in pane.cards:
        anchor = pane.anchor_y(card.data)
        y = pane.placed[card.data.key]
        if card.isVisible():
            assert card.y() == y
        if previous_bottom is None or anchor >= previous_bottom + GAP - TOLERANCE:
            assert abs(y - anchor) <= TOLERANCE, (card.data.key, y, anchor)
        else:
            assert abs(y - (previous_bottom + GAP)) <= TOLERANCE, (card.data.key, y, previous_bottom)
        previous_bottom = y + card.height()
        checked += 1
    return checked


def open_rich(window: MainWindow) -> None:
    """Open sample 01 (an Azerbaijani state-media readout): it has every kind of card."""
    row = next(r for r in window.sidebar.model.rows if r.outlet.startswith("Caspian Daily"))
    window.open_article(row.id)
    window.area.relayout()


def test_samples_load_on_first_start_and_every_sample_opens_with_aligned_cards(window: MainWindow) -> None:
    ids = [r.id for r in window.sidebar.model.rows]
    assert len(ids) == len(sample_files()) >= 6
    total_cards = 0
    for article_id in ids:
        window.open_article(article_id)
        window.area.relayout()
        assert window.area.view.toPlainText().count(window.article.title[:20]) >= 1  # type: ignore[union-attr]
        total_cards += assert_aligned(window.area.left) + assert_aligned(window.area.right)
        assert window.area.cards, window.article.title  # type: ignore[union-attr]
    assert total_cards > 40


def test_cards_follow_scrolling_and_resizing(window: MainWindow, qtbot: QtBot) -> None:
    open_rich(window)
    pane = window.area.right if window.area.right.cards else window.area.left
    first = pane.cards[0]
    before = pane.placed[first.data.key]
    window.area.view.verticalScrollBar().setValue(120)
    qtbot.wait(20)
    assert pane.placed[first.data.key] == pytest.approx(before - 120, abs=TOLERANCE)
    assert_aligned(pane)
    window.resize(1300, 900)
    qtbot.wait(50)
    window.area.relayout()
    assert_aligned(window.area.left)
    assert_aligned(window.area.right)
    window.set_zoom(1.4)
    qtbot.wait(50)
    window.area.relayout()
    assert_aligned(window.area.left)
    assert_aligned(window.area.right)


def test_clicking_a_card_selects_its_span(window: MainWindow, qtbot: QtBot) -> None:
    open_rich(window)
    view = window.area.view
    article = window.article
    assert article is not None
    for card in window.area.right.cards[:3] + window.area.left.cards[:3]:
        card.show()
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
        span = view.selected_span()
        assert span == card.data.span
        assert card.focused
        assert window.area.focused_key == card.data.key
        # the emphasised span is one of the view's formats, at the right place
        emphasis = [s for s in view.extraSelections()
                    if s.format.property(QTextFormat.Property.UserProperty) == "emphasis"]  # type: ignore[attr-defined]
        assert emphasis and emphasis[0].cursor.selectionStart() == view.doc_pos(card.data.span[0])  # type: ignore[attr-defined]


def test_clicking_a_mark_focuses_its_card(window: MainWindow, qtbot: QtBot) -> None:
    open_rich(window)
    view = window.area.view
    wording = next(m for m in view.marks if m.kind == "wording")
    offset = (wording.start + wording.end) // 2
    view.scroll_to(offset)
    rect = view.anchor_rect(offset)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.area.focused_key is not None
    card = window.area.card_widget(window.area.focused_key)
    assert card is not None and card.focused
    assert card.data.kind == "wording"


def test_marks_are_formats_and_each_kind_can_be_switched_off(window: MainWindow) -> None:
    open_rich(window)
    view = window.area.view

    def kinds() -> set[str]:
        return {s.format.property(QTextFormat.Property.UserProperty) for s in view.extraSelections()}  # type: ignore[attr-defined]

    assert {"sources", "background", "wording"} <= kinds()
    window.act_panels["wording"].setChecked(False)
    assert "wording" not in kinds()
    assert not any(c.data.kind == "wording" for c in window.area.right.cards)
    window.act_panels["wording"].setChecked(True)
    assert "wording" in kinds()


def test_search_and_filters_narrow_the_list(window: MainWindow, qtbot: QtBot) -> None:
    sidebar = window.sidebar
    everything = sidebar.model.rowCount()
    qtbot.keyClicks(sidebar.search, "Minsk")
    qtbot.waitUntil(lambda: sidebar.model.rowCount() < everything, timeout=2000)
    assert sidebar.model.rowCount() >= 1
    sidebar.search.clear()
    qtbot.waitUntil(lambda: sidebar.model.rowCount() == everything, timeout=2000)
    sidebar.language.setCurrentIndex(sidebar.language.findData("de"))
    assert 0 < sidebar.model.rowCount() < everything
    assert all(r.language == "de" for r in sidebar.model.rows)
    sidebar.language.setCurrentIndex(0)
    window.open_article(sidebar.model.rows[0].id)
    window.act_bookmark.setChecked(True)
    sidebar.bookmarked.setChecked(True)
    assert [r.id for r in sidebar.model.rows] == [window.article.id]  # type: ignore[union-attr]


def test_import_with_a_bad_file_lists_the_error_and_keeps_the_good(window: MainWindow, qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Neue Gespräche in Brüssel\n\nDer armenische Außenminister sagte, die Gespräche "
                    "seien konstruktiv gewesen.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary\x00" * 100)
    before = window.library.count_articles()
    worker = window.start_import([str(good), str(bad)])
    with qtbot.waitSignal(worker.done, timeout=10000):
        pass
    report = window.last_import
    assert report is not None
    assert len(report.imported) == 1 and [Path(p).name for p, _ in report.errors] == ["bad.txt"]
    assert window.library.count_articles() == before + 1
    assert window.article is not None and window.article.title == "Neue Gespräche in Brüssel"


def test_dismissal_persists_across_restart_and_is_reversible(make_window: WindowFactory) -> None:
    window = make_window()
    open_rich(window)
    article_id = window.article.id  # type: ignore[union-attr]
    card = next(c for c in window.area.cards if c.kind == "wording")
    window.dismiss_card(card.key)
    assert window.area.data_for(card.key) is None
    window.close()

    again = make_window()
    assert again.article is not None and again.article.id == article_id  # last article restored
    assert again.area.data_for(card.key) is None
    stored = corrections.corrections_for(again.library, article_id)
    assert card.key in {c.key for c in stored}
    for c in stored:
        again.undo_correction(c.key)
    assert again.area.data_for(card.key) is not None


def test_settings_are_restored(make_window: WindowFactory) -> None:
    window = make_window()
    window.set_zoom(1.25)
    window.act_panels["background"].setChecked(False)
    window.splitter.setSizes([200, 1400])
    window.close()
    again = make_window()
    assert again.zoom == 1.25
    assert not again.act_panels["background"].isChecked()
    assert "background" not in again.area.visible_panels
    assert abs(again.splitter.sizes()[0] - 200) <= 5


def test_language_switch_changes_visible_strings(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&File" in titles
    window.set_language("de")
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Datei" in titles and "&File" not in titles
    window.set_language("en")
    assert "&File" in [a.text() for a in window.menuBar().actions()]


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_no_network_when_reading_an_imported_page(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = tmp_path / "page.html"
        page.write_text(
            f"""<html><head><title>Waffenruhe hält</title>
            <link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
            <script src="http://127.0.0.1:{port}/track.js"></script></head><body><article>
            <h1>Waffenruhe hält</h1><img src="http://127.0.0.1:{port}/pixel.png">
            <p>Die Waffenruhe in der Region hielt am Donnerstag nach Angaben beider Seiten weitgehend,
            teilten Beobachter der Mission in der Hauptstadt am Abend mit.</p>
            <p>Vertreter beider Regierungen trafen sich zu Gesprächen über humanitäre Fragen und den
            Austausch von Gefangenen, hieß es aus diplomatischen Kreisen.</p>
            <p style="background:url(http://127.0.0.1:{port}/bg.png)">Das Rote Kreuz brachte Verletzte
            in Krankenhäuser, wie die Organisation in einer Erklärung mitteilte.</p></article></body></html>""",
            encoding="utf-8")
        worker = window.start_import([str(page)])
        with qtbot.waitSignal(worker.done, timeout=10000):
            pass
        assert window.article is not None and "Waffenruhe" in window.article.title
        view = window.area.view
        view.setHtml(f'<img src="http://127.0.0.1:{port}/direct.png">')  # even if HTML got in
        assert view.loadResource(2, QUrl(f"http://127.0.0.1:{port}/x.png")) is None
        window.open_article(window.article.id)
        qtbot.wait(500)
        assert _Counter.hits == []
    finally:
        server.shutdown()


def test_shortcuts_are_listed_and_keyboard_reaches_cards(window: MainWindow, qtbot: QtBot) -> None:
    shortcuts = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    for keys in ("Ctrl+D", "Ctrl+F", "Ctrl+K", "Ctrl+0", "]", "[", "Ctrl+Shift+V", "Ctrl+E"):
        assert keys in shortcuts
    open_rich(window)
    window.act_next_card.trigger()
    first = window.area.focused_key
    window.act_next_card.trigger()
    assert window.area.focused_key not in (None, first)
    window.act_prev_card.trigger()
    assert window.area.focused_key == first
    for widget in (window.sidebar.search, window.sidebar.list, window.area.view):
        assert widget.accessibleName()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
def test_screenshot_command_writes_the_requested_size(tmp_path: Path) -> None:
    sample = next(p for p in sample_files() if p.name.startswith("01"))
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(tmp_path / "lib.sqlite"), "screenshot",
         str(sample), "-o", str(out), "--size", "1200x800", "--theme", "dark"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert _png_size(out) == (1200, 800)


def test_highlight_selection_shows_as_a_mark_and_in_the_notes_panel(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui import highlight

    open_rich(window)
    article = window.article
    assert article is not None
    start = article.text.index("Anti-Terror-Maßnahmen")
    window.area.view.select_span(start, start + len("Anti-Terror-Maßnahmen"))
    monkeypatch.setattr(highlight.HighlightPopup, "ask",
                        staticmethod(lambda parent, text, **kw: ("green", f"Compare the **US readout** of {text}", [])))
    window.highlight_selection()
    marks = [m for m in window.area.view.marks if m.kind == "highlights"]
    assert [(m.start, m.end) for m in marks] == [(start, start + len("Anti-Terror-Maßnahmen"))]
    kinds = {s.format.property(QTextFormat.Property.UserProperty) for s in window.area.view.extraSelections()}
    assert "highlights" in kinds
    assert [n.quote for n in window.notes_panel.notes()] == ["Anti-Terror-Maßnahmen"]
    window.act_undo.trigger()
    assert not [m for m in window.area.view.marks if m.kind == "highlights"]
    window.act_redo.trigger()
    assert [m for m in window.area.view.marks if m.kind == "highlights"]
    # the note is found by the library search
    window.sidebar.search.setText("readout")
    window.sidebar.refresh()
    assert article.id in [r.id for r in window.sidebar.model.rows]


def test_correcting_a_speaker_is_shown_and_undone(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui import dialogs

    open_rich(window)
    card = next(c for c in window.area.cards if c.kind == "statement" and c.entity != "antony-blinken")
    monkeypatch.setattr(dialogs, "ask_speaker",
                        lambda parent, kb, lang: ("Antony Blinken", "antony-blinken", "government", "US"))
    window.correct_card(card.key)
    fixed = window.area.data_for(card.key)
    assert fixed is not None and fixed.corrected and fixed.side == "US" and "Blinken" in fixed.html
    window.undo_correction(card.key)
    again = window.area.data_for(card.key)
    assert again is not None and not again.corrected and again.side == card.side


def test_stale_analyses_are_redone_in_the_background(window: MainWindow, qtbot: QtBot) -> None:
    from reader.core.analysis.model import ENGINE_VERSION

    window.library.conn.execute("UPDATE analyses SET knowledge_versions = 'old-pack@0'")
    assert window.library.stale_analysis_ids(ENGINE_VERSION, window.kb.versions())
    worker = window.start_refresh()
    assert worker is not None
    with qtbot.waitSignal(worker.done, timeout=20000):
        pass
    assert window.library.stale_analysis_ids(ENGINE_VERSION, window.kb.versions()) == []


def test_card_menu_copies_text_and_adds_a_note(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QGuiApplication

    from reader.ui import highlight

    open_rich(window)
    data = next(c for c in window.area.cards if c.kind == "wording")
    window.area.activate_card(data.key)
    card = window.area.card_widget(data.key)
    assert card is not None
    card.copy_text()
    copied = QGuiApplication.clipboard().text()
    assert window.article is not None
    assert window.article.text[data.span[0]:data.span[1]] in copied
    monkeypatch.setattr(highlight.HighlightPopup, "ask", staticmethod(lambda parent, text, **kw: ("blue", "why?", ["card"])))
    card.noteRequested.emit(data.key)
    assert [(n.start, n.end, n.body) for n in window.notes_panel.notes()] == [(*data.span, "why?")]


def test_library_is_grouped_by_month_and_stepping_skips_headings(window: MainWindow) -> None:
    model = window.sidebar.model
    headings = [item for item in model.items if isinstance(item, str)]
    months = {r.published[:7] for r in model.rows}
    assert len(headings) == len(months) >= 2
    assert model.flags(model.index(model.items.index(headings[0]))) == Qt.ItemFlag.NoItemFlags
    window.sidebar.select_first()
    seen = []
    for _ in range(len(model.rows) + 2):
        assert window.article is not None
        seen.append(window.article.id)
        window.act_next_article.trigger()
    assert sorted(set(seen)) == sorted(r.id for r in model.rows)
    window.sidebar.search.setText("Karabach")
    window.sidebar.refresh()
    assert not any(isinstance(item, str) for item in model.items)  # ranked results: no months


def test_related_articles_are_listed_after_the_text_and_open(window: MainWindow) -> None:
    open_rich(window)
    view = window.area.view
    assert "ELSEWHERE IN YOUR LIBRARY" in view.toPlainText()
    hrefs = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href:
                hrefs.append(href)
            it += 1
        block = block.next()
    assert hrefs and all(h.startswith("article:") for h in hrefs)
    current = window.article.id  # type: ignore[union-attr]
    view.anchorClicked.emit(QUrl(hrefs[0]))
    assert window.article is not None and window.article.id == int(hrefs[0][8:]) != current
    # the related block is not part of the article: no offsets map into it
    assert view.article_offset(view.document().characterCount() - 2) is None


def test_headline_check_speaks_the_ui_language(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    page = tmp_path / "blinken.txt"
    page.write_text("US-Außenminister Anthony Blinken rief Präsident Ilham Aliyev an\n\n"
                    "Am 19. September rief US-Außenminister Antony Blinken den Präsidenten Ilham Aliyev an. "
                    "Das Staatsoberhaupt sagte, die Gespräche seien offen gewesen.\n", encoding="utf-8")
    worker = window.start_import([str(page)])
    with qtbot.waitSignal(worker.done, timeout=10000):
        pass
    strip = window.area.summary
    assert "The headline spells “Anthony”, the body “Antony”." in strip.headline.toolTip()
    window.set_language("de")
    window.open_article(window.article.id)  # type: ignore[union-attr]
    assert "Die Überschrift schreibt „Anthony“, der Text „Antony“." in window.area.summary.headline.toolTip()
