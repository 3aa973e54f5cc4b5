"""Undo/redo for note and highlight changes: each step is its own transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reader.core.library import Library
from reader.core.notes import (
    DEFAULT_COLOR,
    Note,
    _write_state,
    add_article_note,
    add_highlight,
    delete_note,
    get_note,
    require_note,
    restore_note,
    update_note,
)


@dataclass(frozen=True)
class _Change:
    text: str  # "Add highlight", "Edit note" …
    before: Note | None
    after: Note | None


class NoteHistory:
    """Undo/redo for note changes on one library. Each step is its own transaction.

    The window calls the methods below instead of the module functions, then ``undo()`` /
    ``redo()``; ``listeners`` are called with the affected article id after every change.
    """

    def __init__(self, lib: Library, limit: int = 500) -> None:
        self.lib = lib
        self.limit = limit
        self._undo: list[_Change] = []
        self._redo: list[_Change] = []
        self.listeners: list[Callable[[int], None]] = []

    # commands
    def add_highlight(
        self, article_id: int, start: int, end: int, color: str = DEFAULT_COLOR, body: str = "",
        tags: Any = None,
    ) -> Note:
        note = add_highlight(self.lib, article_id, start, end, color=color, body=body, tags=tags)
        self._push(_Change("Add highlight", None, note))
        return note

    def add_article_note(self, article_id: int, body: str) -> Note:
        note = add_article_note(self.lib, article_id, body)
        self._push(_Change("Add note", None, note))
        return note

    def edit(
        self, note_id: int, *, body: str | None = None, color: str | None = None, tags: Any = None
    ) -> Note:
        before = require_note(self.lib, note_id)
        after = update_note(self.lib, note_id, body=body, color=color, tags=tags)
        if tags is not None and body is None and color is None:
            label = "Edit tags"
        else:
            label = "Change colour" if color is not None and body is None else "Edit note"
        # typing into a note: successive edits of the same note merge into one step
        if self._undo and self._undo[-1].text == label and self._undo[-1].after is not None \
                and self._undo[-1].after.id == note_id and label == "Edit note":
            merged = _Change(label, self._undo[-1].before, after)
            self._undo[-1] = merged
            self._redo.clear()
            self._notify(after.article_id)
        else:
            self._push(_Change(label, before, after))
        return after

    def delete(self, note_id: int) -> Note:
        note = delete_note(self.lib, note_id)
        self._push(_Change("Delete note", note, None))
        return note

    # stack
    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_text(self) -> str:
        return self._undo[-1].text if self._undo else ""

    def redo_text(self) -> str:
        return self._redo[-1].text if self._redo else ""

    def undo(self) -> Note | None:
        """Revert the last change; returns the note as it is now (None if it no longer exists)."""
        if not self._undo:
            return None
        change = self._undo[-1]
        result = self._apply(change.after, change.before)
        self._undo.pop()  # only once it is done: a refused undo (read-only library) stays
        # the note may come back with a new id; keep the redo step pointing at it
        self._redo.append(_Change(change.text, result, change.after))
        return result

    def redo(self) -> Note | None:
        if not self._redo:
            return None
        change = self._redo[-1]
        result = self._apply(change.before, change.after)
        self._redo.pop()
        self._undo.append(_Change(change.text, change.before, result))
        return result

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def _push(self, change: _Change) -> None:
        self._undo.append(change)
        del self._undo[:-self.limit]
        self._redo.clear()
        note = change.after or change.before
        if note is not None:
            self._notify(note.article_id)

    def _apply(self, current: Note | None, target: Note | None) -> Note | None:
        """Make the stored state go from ``current`` to ``target``."""
        if target is None:
            if current is not None and get_note(self.lib, current.id) is not None:
                delete_note(self.lib, current.id)
            result = None
        elif current is None or get_note(self.lib, target.id) is None:
            result = restore_note(self.lib, target)
        else:
            result = _write_state(self.lib, target)
        note = target or current
        if note is not None:
            self._notify(note.article_id)
        return result

    def _notify(self, article_id: int) -> None:
        for listener in list(self.listeners):
            listener(article_id)
