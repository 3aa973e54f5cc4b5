"""The Notes panel: an article's highlights and notes in text order, or all notes in the library.

Integration (for the main window)::

    history = NoteHistory(library)                 # one per window; shared with HighlightPopup use
    panel = NotesPanel(library, history, article_id=None)   # None = "All notes" view
    panel.show_article(article_id)                 # when the reader opens an article
    panel.show_all()                               # the library-wide "All notes" view
    panel.noteActivated.connect(lambda start, end: reader.scroll_to_span(start, end))
    panel.articleRequested.connect(open_article)   # (article_id, start, end) in the All-notes view
    panel.notesChanged.connect(reader.refresh_highlights)   # article_id after any change
    undo_action = panel.undo_action(parent); redo_action = panel.redo_action(parent)

Editing a note's text autosaves (each change is committed at once, through ``NoteHistory`` so it
can be undone); colours change from the context menu; Delete removes a note (undoable). Orphaned
highlights are listed last with a warning. Note bodies are shown as Markdown with raw HTML
escaped (``reader.core.notes.render_markdown``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core import notes as notes_core
from reader.core.library import Library
from reader.core.notes import COLORS, Note
from reader.core.notes_history import NoteHistory

_ROLE_ID = Qt.ItemDataRole.UserRole
AUTOSAVE_MS = 400


class NotesPanel(QWidget):
    noteActivated = Signal(int, int)  # start, end of the highlight in the article text
    articleRequested = Signal(int, int, int)  # article id, start, end (All-notes view)
    notesChanged = Signal(int)  # article id

    def __init__(
        self, library: Library, history: NoteHistory | None = None, article_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.history = history or NoteHistory(library)
        self.article_id: int | None = article_id
        self._editing: int | None = None
        self._loading = False

        self.heading = QLabel()
        self.heading.setObjectName("notesHeading")
        self.list = QListWidget()
        self.list.setObjectName("notesList")
        self.list.setWordWrap(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.customContextMenuRequested.connect(self._menu)
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(False)
        self.preview.setOpenLinks(False)
        self.preview.setMaximumHeight(120)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Write a note (Markdown). Saved as you type."))
        self.editor.setMaximumHeight(110)
        self.editor.textChanged.connect(self._schedule_save)
        self.add_button = QPushButton(self.tr("Note on the article"))
        self.add_button.clicked.connect(self._add_article_note)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        self.history.listeners.append(self._history_changed)
        self.reload()

    # -- public API -----------------------------------------------------------------------------

    def show_article(self, article_id: int | None) -> None:
        self.save_now()
        self.article_id = article_id
        self.reload()

    def show_all(self) -> None:
        self.show_article(None)

    def notes(self) -> list[Note]:
        if self.article_id is None:
            return notes_core.all_notes(self.library)
        return notes_core.notes_for(self.library, self.article_id)

    def select_note(self, note_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(_ROLE_ID) == note_id:
                self.list.setCurrentRow(i)
                return

    def undo_action(self, parent: QWidget) -> QAction:
        action = QAction(self.tr("Undo note change"), parent)
        action.setShortcut(QKeySequence.StandardKey.Undo)
        action.triggered.connect(self.undo)
        return action

    def redo_action(self, parent: QWidget) -> QAction:
        action = QAction(self.tr("Redo note change"), parent)
        action.setShortcut(QKeySequence.StandardKey.Redo)
        action.triggered.connect(self.redo)
        return action

    def undo(self) -> None:
        self.save_now()
        self.history.undo()

    def redo(self) -> None:
        self.save_now()
        self.history.redo()

    def delete_current(self) -> None:
        note = self._current_note()
        if note is not None:
            self._editing = None
            self.history.delete(note.id)

    def save_now(self) -> None:
        """Write the editor's text to the note being edited (autosave also does this)."""
        self._timer.stop()
        if self._editing is None or self._loading:
            return
        note = notes_core.get_note(self.library, self._editing)
        text = self.editor.toPlainText()
        if note is not None and note.body != text:
            self.history.edit(note.id, body=text)

    # -- internals ------------------------------------------------------------------------------

    def reload(self) -> None:
        current = self._editing
        self._loading = True
        try:
            self.list.clear()
            items = self.notes()
            if self.article_id is None:
                self.heading.setText(self.tr("All notes ({n})").replace("{n}", str(len(items))))
            else:
                self.heading.setText(self.tr("Notes ({n})").replace("{n}", str(len(items))))
            last_article = None
            for note in items:
                if self.article_id is None and note.article_id != last_article:
                    last_article = note.article_id
                    head = QListWidgetItem(note.article_title)
                    head.setFlags(Qt.ItemFlag.NoItemFlags)
                    font = head.font()
                    font.setBold(True)
                    head.setFont(font)
                    self.list.addItem(head)
                item = QListWidgetItem(_label(note))
                item.setData(_ROLE_ID, note.id)
                if note.is_highlight:
                    item.setBackground(QColor(COLORS.get(note.color, COLORS["yellow"])).lighter(125))
                if not note.attached:
                    item.setForeground(QColor("#966012"))
                    item.setToolTip(self.tr("The text changed and this highlight could not be re-attached."))
                self.list.addItem(item)
            self.add_button.setEnabled(self.article_id is not None)
            if current is not None:
                self.select_note(current)
        finally:
            self._loading = False
        self._show_current()

    def _current_note(self) -> Note | None:
        item = self.list.currentItem()
        if item is None or item.data(_ROLE_ID) is None:
            return None
        return notes_core.get_note(self.library, int(item.data(_ROLE_ID)))

    def _current_changed(self, *_: object) -> None:
        if self._loading:
            return
        self.save_now()
        self._show_current()

    def _show_current(self) -> None:
        note = self._current_note()
        self._loading = True
        try:
            self._editing = note.id if note is not None else None
            self.editor.setEnabled(note is not None)
            self.delete_button.setEnabled(note is not None)
            if note is None:
                self.editor.setPlainText("")
                self.preview.setHtml("")
            else:
                if self.editor.toPlainText() != note.body:
                    self.editor.setPlainText(note.body)
                self.preview.setHtml(notes_core.render_markdown(note.body) if note.body else "")
        finally:
            self._loading = False

    def _activate(self, item: QListWidgetItem) -> None:
        note_id = item.data(_ROLE_ID)
        if note_id is None:
            return
        note = notes_core.get_note(self.library, int(note_id))
        if note is None:
            return
        start = note.start if note.start is not None and note.attached else -1
        end = note.end if note.end is not None and note.attached else -1
        if self.article_id is None:
            self.articleRequested.emit(note.article_id, start, end)
        elif start >= 0:
            self.noteActivated.emit(start, end)

    def _schedule_save(self) -> None:
        if self._loading or self._editing is None:
            return
        self._timer.start()

    def _add_article_note(self) -> None:
        if self.article_id is None:
            return
        self.save_now()
        note = self.history.add_article_note(self.article_id, self.tr("New note"))
        self.select_note(note.id)
        self.editor.setFocus()
        self.editor.selectAll()

    def _menu(self, pos: QPoint) -> None:
        note = self._current_note()
        if note is None:
            return
        menu = QMenu(self)
        if note.is_highlight:
            for name in COLORS:
                action = menu.addAction(name.capitalize())
                action.setCheckable(True)
                action.setChecked(name == note.color)
                action.triggered.connect(lambda _=False, n=name: self.history.edit(note.id, color=n))
            menu.addSeparator()
        menu.addAction(self.tr("Delete"), self.delete_current)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _history_changed(self, article_id: int) -> None:
        if self.article_id is None or article_id == self.article_id:
            # keep the editor's cursor when the change came from typing in it
            if self._editing is not None and notes_core.get_note(self.library, self._editing) is None:
                self._editing = None
            self.reload()
        self.notesChanged.emit(article_id)

    def closeEvent(self, event: object) -> None:
        self.save_now()
        if self._history_changed in self.history.listeners:
            self.history.listeners.remove(self._history_changed)
        super().closeEvent(event)  # type: ignore[arg-type]


def _label(note: Note) -> str:
    body = " ".join(note.body.split())
    if len(body) > 120:
        body = body[:119] + "…"
    if note.is_highlight:
        quote = " ".join(note.quote.split())
        if len(quote) > 90:
            quote = quote[:89] + "…"
        prefix = QCoreApplication.translate("NotesPanel", "⚠ not found in the current text — ") if not note.attached else ""
        return f"{prefix}“{quote}”" + (f"\n{body}" if body else "")
    return QCoreApplication.translate("NotesPanel", "Note on the article:") + f" {body}"
