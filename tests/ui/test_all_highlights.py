"""The All-highlights view and tags in the real window: filter by tag, click to open the spot,
edit tags in the panel and in the highlight popup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core import notes
from reader.core.library import Library
from reader.core.models import NewArticle
from reader.ui.highlight import HighlightPopup
from reader.ui.main_window import MainWindow
from reader.ui.notes_panel import NotesPanel

_ID = Qt.ItemDataRole.UserRole
WindowFactory = Callable[..., MainWindow]


def _rows(panel: NotesPanel) -> list[int | None]:
    return [panel.list.item(i).data(_ID) for i in range(panel.list.count())]


def _row_of(panel: NotesPanel, note_id: int) -> int:
    return _rows(panel).index(note_id)


def test_all_highlights_view_filters_by_tag_and_opens_the_spot(window: MainWindow, qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    lib = window.library
    ids = [r.id for r in window.sidebar.model.rows][:3]
    made = []
    for i, aid in enumerate(ids):
        text = lib.require_article(aid).text
        word = [w for w in text.split() if w.isalpha() and len(w) > 6][3 + i]
        made.append(notes.highlight_quote(lib, aid, word, body=f"note {i}",
                                          tags=["ceasefire"] if i != 1 else ["other"]))
    notes.add_article_note(lib, ids[2], "about the whole article", tags=["Ceasefire", "tone"])
    window.open_article(ids[0])
    window.act_all_notes.trigger()
    panel = window.notes_panel
    assert window.notes_dock.isVisible() and panel.all_button.isChecked()
    everything = notes.all_notes(lib)
    assert [r for r in _rows(panel) if r is not None] == [n.id for n in everything]
    assert len(everything) == 4 and {n.id for n in made} <= {n.id for n in everything}
    assert panel.heading.text() == "All highlights (4) in 3 articles"
    labels = [panel.tag_filter.itemText(i) for i in range(panel.tag_filter.count())]
    assert labels == ["All tags", "ceasefire (3)", "other (1)", "tone (1)"]

    panel.tag_filter.setCurrentIndex(1)  # ceasefire: case-insensitive, so the article note too
    tagged = [n for n in everything if n.id in (made[0].id, made[2].id) or not n.is_highlight]
    assert [r for r in _rows(panel) if r is not None] == [n.id for n in tagged]
    assert "tagged “ceasefire”" in panel.heading.text()
    heads = [panel.list.item(i).text() for i in range(panel.list.count()) if panel.list.item(i).data(_ID) is None]
    assert heads == list(dict.fromkeys(n.article_title for n in tagged))
    assert len(heads) == 2

    target = made[2]
    with qtbot.waitSignal(panel.articleRequested):
        panel.list.itemClicked.emit(panel.list.item(_row_of(panel, target.id)))
    assert window.article is not None and window.article.id == ids[2]
    assert window.area.view.selected_span() == (target.start, target.end)
    assert panel.all_button.isChecked() and panel.tag == "ceasefire"  # the view stays for the next one
    window.notes_panel.grab().save(str(tmp_path / "all-highlights.png"))

    panel.article_button.click()
    assert panel.scope == "article" and panel.heading.text().startswith("Notes (")
    assert {r for r in _rows(panel) if r is not None} <= {n.id for n in notes.notes_for(lib, ids[2])}


def test_tags_are_edited_in_the_panel_and_undone(qtbot: QtBot, library: Library) -> None:
    aid = library.add_article(NewArticle(title="Gespräche", text="Die Gespräche in Minsk begannen am Montag."))
    hl = notes.highlight_quote(library, aid, "Minsk", tags=["a"])
    panel = NotesPanel(library, article_id=aid)
    qtbot.addWidget(panel)
    panel.select_note(hl.id)
    assert panel.tags_edit.text() == "a" and panel.tags_edit.isEnabled()
    panel.tags_edit.setText("#Minsk, talks, minsk")
    panel.tags_edit.editingFinished.emit()
    assert notes.require_note(library, hl.id).tags == ("Minsk", "talks")
    assert panel.tags_edit.text() == "Minsk, talks"
    assert "Tags: Minsk · talks" in panel.list.item(_row_of(panel, hl.id)).text()
    panel.undo()
    assert notes.require_note(library, hl.id).tags == ("a",)
    panel.select_note(hl.id)
    panel.tags_edit.setText("x" * 61)
    panel.tags_edit.editingFinished.emit()
    assert notes.require_note(library, hl.id).tags == ("a",) and "longer than" in panel.tags_edit.toolTip()


def test_highlight_popup_takes_tags_and_suggests_known_ones(qtbot: QtBot) -> None:
    popup = HighlightPopup("Die Gespräche in Minsk", known_tags=["ceasefire", "Minsk talks"])
    qtbot.addWidget(popup)
    popup.show()
    qtbot.keyClicks(popup.tags_edit, "tone, mi")
    assert popup.completer.completionCount() == 1 and popup.completer.currentCompletion() == "Minsk talks"
    popup.completer.activated.emit("Minsk talks")
    assert popup.tags_edit.text() == "tone, Minsk talks, "
    popup.completer.popup().hide()
    with qtbot.waitSignal(popup.chosen) as sig:
        popup.swatches["green"].click()  # no note typed: a swatch click saves, tags included
    assert sig.args == ["green", "", ["tone", "Minsk talks"]]
    bad = HighlightPopup("x")
    qtbot.addWidget(bad)
    bad.tags_edit.setText(", ".join(str(i) for i in range(40)))
    bad._save()
    assert bad.result_value is None and "at most 30 tags" in bad.error.text()


def test_highlight_from_the_window_stores_the_popup_tags(window: MainWindow, monkeypatch) -> None:
    seen: dict[str, object] = {}

    def ask(parent: object, text: str, **kw: object) -> tuple[str, str, list[str]]:
        seen.update(kw)
        return "blue", "why?", ["tone", "check"]

    notes.add_article_note(window.library, window.sidebar.model.rows[0].id, "x", tags=["known"])
    monkeypatch.setattr(HighlightPopup, "ask", staticmethod(ask))
    article = window.library.require_article(window.sidebar.model.rows[1].id)
    window.open_article(article.id)
    word = next(w for w in article.text.split() if w.isalpha() and len(w) > 6)
    start = article.text.index(word)
    window.area.view.select_span(start, start + len(word))
    window.highlight_selection()
    assert seen["known_tags"] == ["known"]
    (hl,) = [n for n in notes.notes_for(window.library, article.id) if n.is_highlight]
    assert (hl.quote, hl.tags) == (word, ("tone", "check"))


def test_margin_links_from_an_export_open_the_spot(window: MainWindow) -> None:
    from reader.core.notes_markdown import export_markdown, parse_article_link

    aid = window.sidebar.model.rows[2].id
    text = window.library.require_article(aid).text
    word = next(w for w in text.split()[20:] if w.isalpha() and len(w) > 6)
    hl = notes.highlight_quote(window.library, aid, word)
    link = f"margin://article/{aid}#char={hl.start},{hl.end}"
    assert link in export_markdown(window.library, aid)
    assert parse_article_link(link) == (aid, hl.start, hl.end)
    assert parse_article_link(f"margin://article/{aid}") == (aid, -1, -1)
    for bad in ("margin://article/x", "https://example.org", "margin://article/1#char=9,3", "margin://article/1#char=1"):
        assert parse_article_link(bad) is None
    window.open_article(window.sidebar.model.rows[0].id)
    assert window.open_link(link)
    assert window.article is not None and window.article.id == aid
    assert window.area.view.selected_span() == (hl.start, hl.end)
    assert not window.open_link("margin://article/99999#char=1,2")
    assert "No such article" in window.statusBar().currentMessage()
    assert window.open_link(f"margin://article/{aid}#char=0,{10**9}") and window.article.id == aid
