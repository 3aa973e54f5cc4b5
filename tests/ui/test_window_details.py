"""Details of the reading window: typography, the meta line, list titles, dismissed cards, keys."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.core.analysis.engine import Analyzer
from reader.core.analysis_store import corrected_analysis
from reader.core.importing.pipeline import import_paths
from reader.core.knowledge.model import KnowledgeBase
from reader.core.library import Library
from reader.ui import theme as theme_module
from reader.ui.cards import build_cards
from reader.ui.main_window import MainWindow
from reader.ui.sidebar import _two_lines
from reader.ui.theme import LIGHT, UI_FAMILY

WindowFactory = Callable[..., MainWindow]


def open_by_outlet(window: MainWindow, prefix: str) -> None:
    row = next(r for r in window.sidebar.model.rows if r.outlet.startswith(prefix))
    window.open_article(row.id)
    window.area.relayout()


def line_tops(window: MainWindow, paragraph: int) -> list[float]:
    """Document y of every line of the article's ``paragraph``."""
    view = window.area.view
    doc = view.document()
    block = doc.findBlock(view.doc_pos(view.paragraph_top_offset(paragraph)))
    top = doc.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    return [top + layout.lineAt(i).y() for i in range(layout.lineCount())]


def test_body_text_sits_on_a_fixed_line_pitch_that_scales_with_zoom(window: MainWindow) -> None:
    open_by_outlet(window, "Caspian Daily")
    view = window.area.view
    para = max(range(len(view._para_starts)), key=lambda i: len(line_tops(window, i)))
    tops = line_tops(window, para)
    assert len(tops) >= 3
    pitches = {round(b - a, 1) for a, b in pairwise(tops)}
    assert all(abs(p - 26.5) <= 1.0 for p in pitches), pitches
    window.set_zoom(1.25)
    tops = line_tops(window, para)
    assert all(abs((b - a) - 26.5 * 1.25) <= 1.0 for a, b in pairwise(tops))


def test_meta_line_gives_date_language_and_length(window: MainWindow) -> None:
    open_by_outlet(window, "Caspian Daily")
    article = window.article
    assert article is not None
    text = window.area.view.toPlainText()
    words = article.word_count()
    assert f"{words} words" in text
    assert f"{max(1, -(-words // 200))} min read" in text
    assert "English" in text or "German" in text
    year = article.published[:4]
    assert year and year in text
    assert article.published not in text.split("\n")[0]  # ISO dates are written out, not shown raw
    # the body still maps offsets exactly (the meta lines sit before the first paragraph)
    view = window.area.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.doc_pos(0))
    cursor.setPosition(view.doc_pos(40), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == article.text[:40].replace("\n", "\u2029")


def test_long_titles_break_into_two_lines_that_fit() -> None:
    font = QFont(UI_FAMILY)
    font.setPixelSize(13)
    font.setBold(True)
    metrics = QFontMetrics(font)
    title = ("Separatist parliament in Azerbaijan's breakaway Nagorno-Karabakh region votes to "
             "dissolve all institutions by the first of January")
    lines = _two_lines(title, font, metrics, 220)
    assert len(lines) == 2
    assert all(metrics.horizontalAdvance(line) <= 220 for line in lines)
    assert lines[1].endswith("…")
    assert title.startswith(lines[0])
    assert _two_lines("Short title", font, metrics, 220) == ["Short title"]


def test_dismissed_cards_are_offered_back_from_the_summary_strip(window: MainWindow, qtbot: QtBot) -> None:
    open_by_outlet(window, "Caspian Daily")
    strip = window.area.summary
    assert strip.dismissed.isHidden()
    card = next(c for c in window.area.cards if c.kind == "wording")
    window.dismiss_card(card.key)
    assert window.area.data_for(card.key) is None
    assert not strip.dismissed.isHidden()
    assert strip.dismissed.text().startswith("1 dismissed")

    shown: list[QMenu] = []
    window.dismissed_menu.aboutToShow.connect(lambda: shown.append(window.dismissed_menu))
    strip.dismissed.click()
    qtbot.waitUntil(lambda: bool(shown))
    restore = [a for a in window.dismissed_menu.actions() if a.isEnabled()]
    assert restore
    window.dismissed_menu.hide()
    restore[0].trigger()
    assert window.area.data_for(card.key) is not None
    assert strip.dismissed.isHidden()


def test_second_keys_for_search_and_article_stepping(window: MainWindow, qtbot: QtBot) -> None:
    assert "Ctrl+PgDown" in {k.toString() for k in window.act_next_article.shortcuts()}
    assert QKeySequence("Ctrl+PgUp") in window.act_prev_article.shortcuts()
    rows = window.sidebar.model.rows
    window.open_article(rows[0].id)
    window.area.view.setFocus()
    qtbot.keyClick(window.area.view, "/")
    qtbot.waitUntil(window.sidebar.search.hasFocus)
    # typing "/" into the search box types it, it does not re-trigger the shortcut
    qtbot.keyClicks(window.sidebar.search, "a/b")
    assert window.sidebar.search.text().endswith("a/b")
    window.sidebar.search.clear()
    qtbot.waitUntil(lambda: len(window.sidebar.model.rows) == len(rows))
    window.area.view.setFocus()
    for action in window.act_next_article.shortcuts()[1:]:
        window.act_next_article.trigger()
        assert window.article is not None and window.article.id == rows[1].id, action


def test_follow_the_system_switches_live(make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(theme="system")
    window.set_theme("system")
    assert window.theme.name == "light"  # the offscreen platform reports no dark scheme
    hints = QGuiApplication.styleHints()
    monkeypatch.setattr(theme_module, "system_is_dark", lambda: True)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.theme.name == "dark"
    assert window.area.view.theme.name == "dark"
    window.set_theme("light")  # an explicit choice is not overridden by the desktop
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.theme.name == "light"


def test_relay_chains_show_each_link_and_relays_are_named(
    library: Library, analyzer: Analyzer, kb: KnowledgeBase, seeds: list[Path],
) -> None:
    """The AzVision seed: AzVision ← press service chain, and Blinken relayed by the press service."""
    report = import_paths(library, seeds, analyzer=analyzer)
    assert not report.errors
    chained = relayed = 0
    for article_id in report.imported:
        analysis = corrected_analysis(library, analyzer, library.require_article(article_id)).analysis
        cards, _marks = build_cards(analysis, kb, LIGHT, "en")
        by_key = {c.key: c for c in cards}
        for a in analysis.attributions:
            html = by_key[a.key].html
            if a.chain:
                chained += 1
                assert html.count("●") == len(a.chain)
                run = html[html.index("●") - 80:]
                positions = [run.index(name) for name in a.chain]
                assert positions == sorted(positions)  # outermost first
            if a.relayed_by:
                relayed += 1
                entry = kb.get(a.relayed_by)
                assert entry is not None and entry.name("en") in html
                assert a.relayed_by not in html  # never the raw entry id
    assert chained >= 2 and relayed >= 1


def test_overview_ruler_has_a_tick_per_mark_and_a_click_focuses_its_card(
    window: MainWindow, qtbot: QtBot,
) -> None:
    open_by_outlet(window, "Caspian Daily")
    area = window.area
    analysis = area.analysis
    assert analysis is not None and analysis.flags
    ruler = area.scrollbar
    assert len(ruler.ticks) == len(analysis.flags) + len(analysis.unattributed) + bool(analysis.headline)
    positions = ruler.tick_positions()
    ys = [y for y, _o, _c in positions]
    assert ys == sorted(ys)  # document order
    # the last flag: a click on its tick focuses its card and scrolls it into view
    flag = max(analysis.flags, key=lambda f: f.start)
    y = next(y for y, offset, _c in positions if offset == flag.start)
    qtbot.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=QPoint(ruler.width() // 2, round(y)))
    card = area.data_for(flag.key)
    assert card is not None and area.focused_key == card.key
    assert area.view.verticalScrollBar().value() > 0
    # hiding the Wording panel removes its ticks
    window.act_panels["wording"].setChecked(False)
    assert len(ruler.ticks) == len(analysis.unattributed) + bool(analysis.headline)


def test_dropping_a_folder_imports_its_files(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "dropped"
    folder.mkdir()
    (folder / "a.txt").write_text("Gespräche in Genf\n\nDie Delegationen trafen sich am Montag, "
                                  "sagte ein Sprecher der Vereinten Nationen.\n", encoding="utf-8")
    (folder / "b.md").write_text("# Talks resume in Geneva\n\nDelegations met on Monday, a UN "
                                 "spokesperson said.\n", encoding="utf-8")
    before = window.library.count_articles()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    worker = window.import_worker
    assert worker is not None
    qtbot.waitUntil(lambda: window.last_import is not None, timeout=15000)
    assert window.last_import is not None and len(window.last_import.imported) == 2
    assert window.library.count_articles() == before + 2
    titles = {r.title for r in window.sidebar.model.rows}
    assert {"Gespräche in Genf", "Talks resume in Geneva"} <= titles


def test_pasting_text_makes_a_new_article(window: MainWindow) -> None:
    QGuiApplication.clipboard().setText(
        "Waffenruhe an der Grenze hält\n\nDie Waffenruhe hielt auch in der Nacht, teilte das "
        "Verteidigungsministerium mit.\n")
    before = window.library.count_articles()
    window.paste_article()
    assert window.library.count_articles() == before + 1
    assert window.article is not None and window.article.title == "Waffenruhe an der Grenze hält"
    assert "Verteidigungsministerium" in window.area.view.toPlainText()


def test_a_curve_joins_the_focused_card_to_its_line(window: MainWindow) -> None:
    open_by_outlet(window, "Caspian Daily")
    area = window.area
    assert area._connector_link() is None  # nothing focused or hovered
    card = next(c for c in area.cards if c.kind == "wording")
    area.activate_card(card.key)
    area.relayout()
    link = area._connector_link()
    assert link is not None
    start, end, _color = link
    widget = area.card_widget(card.key)
    assert widget is not None
    header = widget.mapTo(area, QPoint(0, 16))
    assert abs(end.x() - header.x()) <= 1 and abs(end.y() - header.y()) <= 1
    line = area.view.anchor_rect(card.span[0])
    line_top = area.view.viewport().mapTo(area, QPoint(0, line.top())).y()
    assert line_top <= start.y() <= line_top + line.height()
    assert start.x() < end.x()  # from the text column out to the right margin
    area.clear_focus()
    assert area._connector_link() is None


def test_continued_statements_show_compactly_with_their_cue(kb: KnowledgeBase,
                                                             analyzer: Analyzer) -> None:
    """A statement by a speaker already carded shows in one line: its Konjunktiv verb, or
    words for a quotation that goes on (its cue is only a quote mark)."""
    text = ("Die Bürgermeisterin Anna Berger sagte, die Brücke sei nicht sicher. Die Sanierung "
            "werde dauern.\n\n„Wir bauen neu“, erklärte der Baudezernent. „Das Geld steht bereit.“")
    analysis = analyzer.analyze("", text, "de")
    cards, _marks = build_cards(analysis, kb, LIGHT, "en")
    compact = [c.compact_html for c in cards if c.kind == "statement"
               and c.compact_html.startswith("<span")]  # one-line form, not the full card
    assert len(compact) == 2
    assert "“werde”" in compact[0] and "Anna Berger" in compact[0]  # the window's marks
    assert "quotation continues" in compact[1] and "“„”" not in compact[1]
    german, _marks = build_cards(analysis, kb, LIGHT, "de")
    assert any("„werde“" in c.compact_html for c in german if c.kind == "statement")


def test_unnamed_sources_show_in_the_window_language_and_are_never_one_speaker(
        kb: KnowledgeBase, analyzer: Analyzer, qtbot: QtBot) -> None:
    """Two accusations by nobody named are two unknown sources, each with its own full card,
    named in German in the German window."""
    from PySide6.QtWidgets import QApplication

    from reader.ui.i18n import install_language

    text = ("Dem Bürgermeister wird vorgeworfen, Geld genommen zu haben.\n\n"
            "Der Stadträtin wurde vorgeworfen, davon gewusst zu haben.")
    analysis = analyzer.analyze("", text, "de")
    assert [a.speaker.name for a in analysis.attributions] == ["unnamed source"] * 2
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "de")
    try:
        cards, _marks = build_cards(analysis, kb, LIGHT, "de")
    finally:
        install_language(app, "en")
    statements = [c for c in cards if c.kind == "statement"]
    assert len(statements) == 2
    assert all("ungenannte Quelle" in c.html and "unnamed" not in c.html for c in statements)
    # neither is shown as a one-line repeat of the other
    assert not any(c.compact_html.startswith("<span") for c in statements)


def test_a_long_particle_cue_is_named_by_verb_and_particle(kb: KnowledgeBase,
                                                           analyzer: Analyzer) -> None:
    text = "Dies teilte der Sprecher der Polizei, Hans Meier, am Abend mit."
    analysis = analyzer.analyze("", "Die Straße ist frei. " + text, "de")
    (att,) = analysis.attributions
    assert att.cue.text.startswith("teilte der Sprecher")  # the span in the text stays whole
    cards, _marks = build_cards(analysis, kb, LIGHT, "en")
    (card,) = [c for c in cards if c.kind == "statement"]
    assert "“teilte … mit”" in card.html and "“teilte der" not in card.html
