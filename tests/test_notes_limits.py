"""The note length limit (issue 13) holds in core for every way a note is written: new
highlights and article notes, edits, restores and undo/redo steps, imports. Over the limit is
refused with one line and nothing written; exactly at the limit is stored."""

from __future__ import annotations

from dataclasses import replace

import pytest

from benchmarks.stress_fuzz import library_checksum
from reader.core import notes
from reader.core.library import Library
from reader.core.models import NewArticle
from reader.core.notes import MAX_NOTE_BODY, NoteTooLong
from reader.core.notes_history import NoteHistory

TEXT = "Die Gespräche in Minsk begannen am Montag.\n\nBeobachter bestätigten die Waffenruhe."
AT_LIMIT = "ß" * MAX_NOTE_BODY
OVER = "ß" * (MAX_NOTE_BODY + 1)
MESSAGE = f"the note is {MAX_NOTE_BODY + 1:,} characters, over the limit of {MAX_NOTE_BODY:,}"


@pytest.fixture
def article(library: Library) -> int:
    return library.add_article(NewArticle(title="Gespräche", text=TEXT, language="de"))


WRITES = {
    "add_article_note": lambda lib, aid, n: notes.add_article_note(lib, aid, OVER),
    "add_highlight": lambda lib, aid, n: notes.add_highlight(lib, aid, 4, 14, body=OVER),
    "highlight_quote": lambda lib, aid, n: notes.highlight_quote(lib, aid, "Minsk", body=OVER),
    "update_note": lambda lib, aid, n: notes.update_note(lib, n.id, body=OVER),
    "restore_note": lambda lib, aid, n: notes.restore_note(lib, replace(n, id=n.id + 100, body=OVER)),
    "history.add_article_note": lambda lib, aid, n: NoteHistory(lib).add_article_note(aid, OVER),
    "history.add_highlight": lambda lib, aid, n: NoteHistory(lib).add_highlight(aid, 4, 14, body=OVER),
    "history.edit": lambda lib, aid, n: NoteHistory(lib).edit(n.id, body=OVER),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_refuses_a_note_over_the_limit(library: Library, article: int, write: str) -> None:
    existing = notes.add_article_note(library, article, "kurz")
    before = library_checksum(library.path)
    with pytest.raises(NoteTooLong) as exc:
        WRITES[write](library, article, existing)
    assert str(exc.value) == MESSAGE
    assert library_checksum(library.path) == before


def test_a_note_at_the_limit_is_stored_and_undo_redo_keep_it(library: Library, article: int) -> None:
    history = NoteHistory(library)
    note = history.add_article_note(article, "kurz")
    history.edit(note.id, body=AT_LIMIT)
    assert notes.require_note(library, note.id).body == AT_LIMIT
    history.undo()
    assert notes.require_note(library, note.id).body == "kurz"
    history.redo()
    assert notes.require_note(library, note.id).body == AT_LIMIT
    highlight = notes.highlight_quote(library, article, "Minsk", body=AT_LIMIT)
    assert highlight.body == AT_LIMIT


def test_undo_and_redo_steps_are_checked_too(library: Library, article: int) -> None:
    """The state an undo/redo step writes back is checked like any other write."""
    note = notes.add_article_note(library, article, "kurz")
    before = library_checksum(library.path)
    with pytest.raises(NoteTooLong):
        notes._write_state(library, replace(note, body=OVER))
    assert library_checksum(library.path) == before
