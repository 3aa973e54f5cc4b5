"""Highlights and notes: storage, order, search, Markdown safety, undo/redo, import/export."""

from __future__ import annotations

import pytest

from reader.core import notes, notes_history, notes_io, notes_markdown
from reader.core.library import Library
from reader.core.models import NewArticle

TEXT = (
    "Die Gespräche in Minsk begannen am Montag. Beide Seiten nannten die Lage angespannt.\n\n"
    "Der Sprecher sagte, die Waffenruhe gelte weiter. Beobachter in Minsk bestätigten das.\n\n"
    "Am Abend trafen sich die Delegationen erneut."
)


@pytest.fixture
def article_id(library: Library) -> int:
    return library.add_article(NewArticle(
        title="Gespräche in Minsk", text=TEXT, language="de", outlet="Demo Wire",
        published="2023-09-20", url="https://example.org/a",
    ))


def test_highlight_and_article_note_in_text_order(library: Library, article_id: int) -> None:
    late = notes.highlight_quote(library, article_id, "Delegationen", color="blue")
    early = notes.highlight_quote(library, article_id, "Gespräche", body="Start")
    whole = notes.add_article_note(library, article_id, "Overall tone is calm.")
    listed = notes.notes_for(library, article_id)
    assert [n.id for n in listed] == [whole.id, early.id, late.id]
    assert early.quote == "Gespräche" and TEXT[early.start:early.end] == "Gespräche"
    assert early.suffix == TEXT[early.end:early.end + 32]
    assert late.prefix == TEXT[late.start - 32:late.start]
    assert late.color == "blue"


def test_quote_occurrence_and_errors(library: Library, article_id: int) -> None:
    first = notes.highlight_quote(library, article_id, "Minsk")
    second = notes.highlight_quote(library, article_id, "Minsk", occurrence=2)
    assert first.start == TEXT.index("Minsk")
    assert second.start == TEXT.index("Minsk", first.end)
    with pytest.raises(notes.NoteError, match="does not occur"):
        notes.highlight_quote(library, article_id, "Jerewan")
    with pytest.raises(notes.NoteError, match="2 time"):
        notes.highlight_quote(library, article_id, "Minsk", occurrence=3)
    with pytest.raises(notes.NoteError, match="unknown colour"):
        notes.highlight_quote(library, article_id, "Minsk", color="orange")
    with pytest.raises(notes.NoteError):
        notes.add_highlight(library, article_id, 5, 5000)


def test_update_delete_restore(library: Library, article_id: int) -> None:
    n = notes.highlight_quote(library, article_id, "Waffenruhe", body="first")
    changed = notes.update_note(library, n.id, body="second", color="pink")
    assert (changed.body, changed.color) == ("second", "pink")
    gone = notes.delete_note(library, n.id)
    assert notes.get_note(library, n.id) is None
    back = notes.restore_note(library, gone)
    assert back.id == n.id and back.body == "second"


def test_notes_are_in_full_text_search_and_all_notes(library: Library, article_id: int) -> None:
    other = library.add_article(NewArticle(title="Other", text="Nothing about it here at all."))
    notes.add_article_note(library, other, "Compare with the talks in Jerewan next week.")
    notes.highlight_quote(library, article_id, "Beobachter", body="The observers came from Tallinn.")
    hits = library.search("Tallinn")
    assert [(h.article_id, h.where) for h in hits] == [(article_id, "note")]
    hits = library.search("Jerewan")
    assert [(h.article_id, h.where) for h in hits] == [(other, "note")]
    everything = notes.all_notes(library)
    assert {n.article_id for n in everything} == {article_id, other}
    assert {n.article_title for n in everything} == {"Gespräche in Minsk", "Other"}


def test_markdown_is_rendered_and_html_escaped() -> None:
    html = notes.render_markdown(
        "**bold** and <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[link](javascript:alert(1)) [ok](https://example.org)"
    )
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


def test_history_undo_redo(library: Library, article_id: int) -> None:
    h = notes_history.NoteHistory(library)
    seen: list[int] = []
    h.listeners.append(seen.append)
    n = h.add_highlight(article_id, 0, 3, "green", "note")
    h.edit(n.id, body="note, edited")
    h.edit(n.id, body="note, edited twice")  # typing merges into one step
    h.edit(n.id, color="purple")
    assert notes.require_note(library, n.id).color == "purple"
    h.undo()
    assert notes.require_note(library, n.id).color == "green"
    h.undo()
    assert notes.require_note(library, n.id).body == "note"
    h.undo()
    assert notes.get_note(library, n.id) is None
    assert not h.can_undo() and h.can_redo()
    h.redo()
    assert notes.require_note(library, n.id).body == "note"
    h.redo()
    h.redo()
    assert notes.require_note(library, n.id).color == "purple"
    h.delete(n.id)
    assert notes.get_note(library, n.id) is None
    restored = h.undo()
    assert restored is not None and restored.body == "note, edited twice"
    assert seen and set(seen) == {article_id}
    # a new change clears the redo stack
    h.undo()
    h.add_article_note(article_id, "x")
    assert not h.can_redo()


def test_json_round_trip_into_another_library(library: Library, article_id: int, tmp_path) -> None:
    notes.highlight_quote(library, article_id, "angespannt", body="tone", color="pink")
    notes.add_article_note(library, article_id, "whole")
    data = notes_io.export_json(library, article_id)
    assert data["articles"][0]["article"]["title"] == "Gespräche in Minsk"
    other = Library.open(tmp_path / "other.sqlite")
    try:
        # the same article, lightly edited before the import
        new_id = other.add_article(NewArticle(title="Gespräche in Minsk", text="Vorspann. " + TEXT,
                                               url="https://example.org/a"))
        report = notes_io.import_json(other, data)
        assert len(report.added) == 2 and not report.orphaned
        hl = next(n for n in notes.notes_for(other, new_id) if n.is_highlight)
        assert other.require_article(new_id).text[hl.start:hl.end] == "angespannt"
        assert (hl.body, hl.color) == ("tone", "pink")
        again = notes_io.import_json(other, data)
        assert again.duplicates == 2 and not again.added
    finally:
        other.close()
    with pytest.raises(notes.NoteError):
        notes_io.import_json(library, {"format": "something else"})


def test_markdown_export(library: Library, article_id: int) -> None:
    notes.highlight_quote(library, article_id, "Waffenruhe", body="Check <b>this</b>")
    md = notes_markdown.export_markdown(library, article_id)
    for part in ("# Gespräche in Minsk", "Demo Wire", "2023-09-20", "https://example.org/a",
                 "> Waffenruhe", "Check &lt;b>this"):
        assert part in md
    assert "<b>" not in md


def test_bookmarks(library: Library, article_id: int) -> None:
    assert notes_io.bookmarked_ids(library) == []
    library.set_bookmark(article_id, True)
    assert notes_io.bookmarked_ids(library) == [article_id]
    library.set_bookmark(article_id, False)
    assert notes_io.bookmarked_ids(library) == []
