"""Details of the reading window: typography, the meta line, list titles, dismissed cards, keys."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.sidebar import _two_lines
from reader.ui.theme import UI_FAMILY

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
