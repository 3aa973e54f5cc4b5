"""Changes the library refuses, in the real window (issue 13): a read-only library file, and a
note over the length limit (and the summary strip's note on a text analysed only in part). Each refusal is one line in the status bar (and the notes panel),
never a traceback (pytest-qt fails a test on an exception in a slot), the library is left as
it was, and text the user typed stays in the editor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from benchmarks.stress_fuzz import library_checksum
from reader.core import corrections, notes
from reader.core.analysis.engine import Analyzer
from reader.core.notes import MAX_NOTE_BODY
from reader.ui.main_window import MainWindow

WindowFactory = Callable[..., MainWindow]
READ_ONLY = "This library is read-only (no write permission); nothing was changed."
TOO_LONG = (f"The note is {MAX_NOTE_BODY + 1:,} characters long, over the limit of "
            f"{MAX_NOTE_BODY:,}; it was not saved.")


def open_rich(window: MainWindow) -> int:
    row = next(r for r in window.sidebar.model.rows if r.outlet.startswith("Caspian Daily"))
    window.open_article(row.id)
    window.area.relayout()
    return row.id


def refused_with(window: MainWindow, action: Callable[[], object], message: str = READ_ONLY) -> None:
    window.statusBar().clearMessage()
    action()
    assert window.statusBar().currentMessage() == message


def test_every_change_in_a_read_only_library_is_refused_in_one_line(
        make_window: WindowFactory, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui import dialogs, highlight

    first = make_window()  # loads the samples; then a note, a highlight and a dismissed card
    article_id = open_rich(first)
    note = notes.add_article_note(first.library, article_id, "Meine Notiz")
    highlighted = notes.highlight_quote(first.library, article_id, "Telefongespräch")
    card = next(c for c in first.area.cards if c.kind == "wording")
    first.dismiss_card(card.key)
    first.library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "library.sqlite"
    path.chmod(0o444)
    before = library_checksum(path)

    window = make_window()
    assert window.library.read_only
    assert "(read-only)" in window.windowTitle()
    assert window.read_only_label is not None and window.read_only_label.text() == "Read-only library"
    assert window.read_only_label.isVisible()
    open_rich(window)
    assert "(read-only)" in window.windowTitle() and window.article is not None

    # bookmark: refused, and the button shows what is stored
    refused_with(window, lambda: window.act_bookmark.trigger())
    assert not window.act_bookmark.isChecked()
    # highlight (and the card menu's "Add a note", which highlights)
    text = window.article.text
    start = text.index("Karabach")
    window.area.view.select_span(start, start + len("Karabach"))
    monkeypatch.setattr(highlight.HighlightPopup, "ask", staticmethod(lambda parent, t, **kw: ("green", "x", [])))
    refused_with(window, window.highlight_selection)
    wording = next(c for c in window.area.cards if c.kind == "wording")
    refused_with(window, lambda: window.note_on_card(wording.key))
    # dismissing, correcting and restoring cards
    refused_with(window, lambda: window.dismiss_card(wording.key))
    assert window.area.data_for(wording.key) is not None
    statement = next(c for c in window.area.cards if c.kind == "statement")
    monkeypatch.setattr(dialogs, "ask_speaker", lambda parent, kb, lang: ("Antony Blinken", "antony-blinken", "government", "US"))
    refused_with(window, lambda: window.correct_card(statement.key))
    assert [c.key for c in corrections.corrections_for(window.library, article_id)] == [card.key]
    refused_with(window, lambda: window.undo_correction(card.key))
    # importing files, pasting an article, re-analysing
    page = tmp_path / "neu.txt"
    page.write_text("Neuer Artikel\n\nDie Gespräche in Wien gingen weiter.\n", encoding="utf-8")
    refused_with(window, lambda: window.start_import([str(page)]))
    assert window.import_worker is None
    QGuiApplication.clipboard().setText("Eingefügt\n\nDie Waffenruhe hielt auch in der Nacht.\n")
    refused_with(window, window.paste_article)
    assert window.start_refresh() is None
    # the notes panel: editing, tags, colour, a new note, deleting; undo has nothing to undo
    panel = window.notes_panel
    window.notes_dock.show()
    panel.set_scope("article")
    assert panel.add_button.isEnabled()
    panel.select_note(note.id)
    panel.editor.setPlainText("Geänderte Notiz")
    refused_with(window, panel.save_now)
    assert panel.warning.text() == READ_ONLY and panel.warning.isVisible()
    assert panel.editor.toPlainText() == "Geänderte Notiz"  # the user's text stays
    panel.select_note(highlighted.id)
    panel.select_note(note.id)
    assert panel.editor.toPlainText() == "Geänderte Notiz"  # and is there again on coming back
    panel.tags_edit.setText("wichtig")
    refused_with(window, panel.save_tags)
    refused_with(window, panel.delete_current)
    assert notes.get_note(window.library, note.id) is not None
    refused_with(window, lambda: panel.add_button.click())
    assert library_checksum(path) == before


def test_a_note_over_the_limit_is_refused_and_the_text_kept(window: MainWindow, qtbot: QtBot,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui.highlight import HighlightPopup

    article_id = open_rich(window)
    note = notes.add_article_note(window.library, article_id, "kurz")
    panel = window.notes_panel
    window.notes_dock.show()
    panel.set_scope("article")  # (lists the new note)
    panel.select_note(note.id)
    assert panel._editing == note.id
    long_text = "Ä" * (MAX_NOTE_BODY + 1)
    panel.editor.setPlainText(long_text)  # typing: the autosave timer saves, and is refused
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == TOO_LONG, timeout=3000)
    assert panel.warning.text() == TOO_LONG
    assert notes.require_note(window.library, note.id).body == "kurz"
    assert panel.editor.toPlainText() == long_text
    other = notes.add_article_note(window.library, article_id, "andere")
    panel.reload()  # as after any change: the refused text is still what the editor shows
    panel.select_note(other.id)
    panel.select_note(note.id)
    assert panel.editor.toPlainText() == long_text
    panel.editor.setPlainText("gekürzt")  # shortened: saved, and the message goes
    panel.save_now()
    assert notes.require_note(window.library, note.id).body == "gekürzt"
    assert not panel.warning.isVisible()

    # the highlight popup keeps itself and its text open when the note is too long
    popup = HighlightPopup("Baku", window)
    qtbot.addWidget(popup)
    popup.editor.setPlainText(long_text)
    popup._save()
    assert popup.result_value is None and popup.error.text() == TOO_LONG
    assert popup.editor.toPlainText() == long_text


def test_summary_strip_says_when_only_the_beginning_was_analysed(qtbot: QtBot, analyzer: Analyzer) -> None:
    from reader.ui.summary import SummaryStrip
    from reader.ui.theme import LIGHT

    strip = SummaryStrip(LIGHT)
    qtbot.addWidget(strip)
    para = "Der Außenminister sagte am Dienstag in Baku, die Gespräche würden fortgesetzt."
    text = "\n\n".join([para] * 200)
    whole = analyzer.analyze("Gespräche", text, "de")
    strip.set_analysis(whole)
    assert "beginning only" not in strip.statements.text() and strip.statements.toolTip() == ""
    part = analyzer.analyze("Gespräche", text, "de", limit=4000)
    assert part.analysed_chars is not None
    strip.set_analysis(part)
    assert strip.statements.text().endswith("(beginning only)")
    assert strip.statements.toolTip() == (f"Only the first {part.analysed_chars:,} of {len(text):,} "
                                          "characters were analysed.")
    strip.set_analysis(whole)  # the next article analysed whole: the note goes
    assert "beginning only" not in strip.statements.text()
