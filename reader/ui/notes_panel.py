"""The Notes panel: an article's highlights and notes in text order, or all of the library's.

Two views, switched by the buttons at the top: **This article** (the open article's notes in
text order) and **All highlights** (every highlight and note in the library, grouped by article;
clicking one opens its article at that spot). Both can be narrowed to one tag.

Integration (for the main window)::

    history = NoteHistory(library)                 # one per window; shared with HighlightPopup use
    panel = NotesPanel(library, history, article_id=None)   # None = "All highlights" view
    panel.show_article(article_id)                 # when the reader opens an article
    panel.show_all()                               # the library-wide "All highlights" view
    panel.noteActivated.connect(lambda start, end: reader.scroll_to_span(start, end))
    panel.articleRequested.connect(open_article)   # (article_id, start, end) from All highlights
    panel.notesChanged.connect(reader.refresh_highlights)   # article_id after any change
    undo_action = panel.undo_action(parent); redo_action = panel.redo_action(parent)

Opening another article keeps the All-highlights view (so one can walk through them); the
This-article button goes back. Editing a note's text or tags autosaves (each change is committed
at once, through ``NoteHistory`` so it can be undone); colours change from the context menu;
Delete removes a note (undoable). Orphaned highlights are listed last with a warning. Note
bodies are shown as Markdown with raw HTML escaped (``reader.core.notes.render_markdown``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core import notes as notes_core
from reader.core.library import Library, LibraryError
from reader.core.notes import COLORS, Note, NoteError
from reader.core.notes_history import NoteHistory
from reader.ui.refusals import refusal_text

_ROLE_ID = Qt.ItemDataRole.UserRole
AUTOSAVE_MS = 400


class NotesPanel(QWidget):
    noteActivated = Signal(int, int)  # start, end of the highlight in the article text
    articleRequested = Signal(int, int, int)  # article id, start, end (All-notes view)
    notesChanged = Signal(int)  # article id
    refused = Signal(str)  # one line: a change the library refused (read-only, note too long)

    def __init__(
        self, library: Library, history: NoteHistory | None = None, article_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.history = history or NoteHistory(library)
        self.article_id: int | None = article_id
        self.scope = "library" if article_id is None else "article"
        self.tag: str | None = None
        self._editing: int | None = None
        self._loading = False
        # Text typed into a note that the library refused to store: kept (and shown again for
        # that note) until it is saved, so nothing the user wrote is lost.
        self._drafts: dict[int, str] = {}

        self.article_button = QToolButton()
        self.article_button.setText(self.tr("This article"))
        self.all_button = QToolButton()
        self.all_button.setText(self.tr("All highlights"))
        self.all_button.setToolTip(self.tr("Every highlight and note in the library; click one to open it"))
        self.scope_group = QButtonGroup(self)
        for button in (self.article_button, self.all_button):
            button.setCheckable(True)
            button.setAutoRaise(True)
            self.scope_group.addButton(button)
        self.article_button.clicked.connect(lambda: self.set_scope("article"))
        self.all_button.clicked.connect(lambda: self.set_scope("library"))
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("notesTagFilter")
        self.tag_filter.setToolTip(self.tr("Show only notes with this tag"))
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag_filter.currentIndexChanged.connect(self._tag_chosen)

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
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("notesTags")
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags_edit.setToolTip(self.tr("Tags of this note; Enter saves"))
        self.tags_edit.editingFinished.connect(self.save_tags)
        self.warning = QLabel()
        self.warning.setObjectName("notesWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #B3261E;")
        self.warning.hide()
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
        scopes = QHBoxLayout()
        scopes.addWidget(self.article_button)
        scopes.addWidget(self.all_button)
        scopes.addStretch(1)
        scopes.addWidget(self.tag_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(scopes)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.editor)
        layout.addWidget(self.warning)
        tags_row = QHBoxLayout()
        self.tags_label = QLabel(self.tr("Tags:"))
        self.tags_label.setBuddy(self.tags_edit)
        tags_row.addWidget(self.tags_label)
        tags_row.addWidget(self.tags_edit, 1)
        layout.addLayout(tags_row)
        layout.addLayout(buttons)
        self.history.listeners.append(self._history_changed)
        self.reload()

    # -- public API -----------------------------------------------------------------------------

    def show_article(self, article_id: int | None) -> None:
        """The reader opened ``article_id``: list its notes (the All-highlights view stays)."""
        self.save_now()
        self.article_id = article_id
        if article_id is None:
            self.scope = "library"
        self.reload()

    def show_all(self) -> None:
        self.set_scope("library")

    def set_scope(self, scope: str) -> None:
        """"article" (the open article's notes) or "library" (All highlights)."""
        self.save_now()
        self.scope = "article" if scope == "article" and self.article_id is not None else "library"
        self.reload()

    def set_tag(self, tag: str | None) -> None:
        """Show only notes tagged ``tag`` (any case); None shows every note."""
        self.save_now()
        self.tag = tag or None
        self.reload()

    def notes(self) -> list[Note]:
        if self.scope == "library" or self.article_id is None:
            items = notes_core.all_notes(self.library)
        else:
            items = notes_core.notes_for(self.library, self.article_id)
        return notes_core.with_tag(items, self.tag)

    def save_tags(self) -> None:
        """Write the tags field to the note being edited."""
        if self._editing is None or self._loading:
            return
        note = notes_core.get_note(self.library, self._editing)
        if note is None:
            return
        try:
            tags = notes_core.normalize_tags(self.tags_edit.text())
        except NoteError as exc:
            self.tags_edit.setToolTip(str(exc))
            return
        if tags != note.tags:
            self._attempt(self.history.edit, note.id, tags=list(tags))

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
        self._attempt(self.history.undo)

    def redo(self) -> None:
        self.save_now()
        self._attempt(self.history.redo)

    def delete_current(self) -> None:
        note = self._current_note()
        if note is not None and self._attempt(self.history.delete, note.id):
            self._drafts.pop(note.id, None)
            self._editing = None

    def save_now(self) -> None:
        """Write the editor's text (and tags) to the note being edited (autosave does this too)."""
        self._timer.stop()
        if self._editing is None or self._loading:
            return
        self.save_tags()
        if self._editing is None:
            return
        note = notes_core.get_note(self.library, self._editing)
        text = self.editor.toPlainText()
        if note is None:
            return
        if note.body == text or self._attempt(self.history.edit, note.id, body=text):
            self._drafts.pop(note.id, None)
        else:
            self._drafts[note.id] = text  # refused: the editor keeps it, and so does the panel

    def _attempt(self, change: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Make a change; if the library refuses it, say why in one line (here and through
        ``refused``) and return False. A change that goes through clears the message."""
        try:
            change(*args, **kwargs)
        except LibraryError as exc:
            self._refuse(exc)
            return False
        self.warning.hide()
        return True

    def _refuse(self, exc: LibraryError) -> None:
        message = refusal_text(exc)
        self.warning.setText(message)
        self.warning.show()
        self.refused.emit(message)

    # -- internals ------------------------------------------------------------------------------

    def reload(self) -> None:
        current = self._editing
        self._loading = True
        try:
            self.list.clear()
            self._fill_tags()
            items = self.notes()
            library = self.scope == "library" or self.article_id is None
            self.article_button.setEnabled(self.article_id is not None)
            (self.all_button if library else self.article_button).setChecked(True)
            n = str(len(items))
            if library:
                articles = len({note.article_id for note in items})
                if articles == 1:
                    text = self.tr("All highlights ({n}) in 1 article").replace("{n}", n)
                else:
                    text = self.tr("All highlights ({n}) in {m} articles").replace("{n}", n).replace("{m}", str(articles))
            else:
                text = self.tr("Notes ({n})").replace("{n}", n)
            if self.tag:
                text += " · " + self.tr("tagged “{tag}”").replace("{tag}", self.tag)
            self.heading.setText(text)
            last_article = None
            for note in items:
                if library and note.article_id != last_article:
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
            self.add_button.setEnabled(not library)
            if current is not None:
                self.select_note(current)
        finally:
            self._loading = False
        self._show_current()

    def _fill_tags(self) -> None:
        counts = notes_core.tag_counts(self.library)
        self.tag_filter.blockSignals(True)
        try:
            self.tag_filter.clear()
            self.tag_filter.addItem(self.tr("All tags"), None)
            for tag, count in counts:
                self.tag_filter.addItem(f"{tag} ({count})", tag)
            wanted = (self.tag or "").casefold()
            index = next((i for i, (t, _) in enumerate(counts, 1) if t.casefold() == wanted), 0)
            if self.tag and not index:  # the last note with this tag lost it
                self.tag = None
            self.tag_filter.setCurrentIndex(index)
            self.tag_filter.setEnabled(bool(counts))
        finally:
            self.tag_filter.blockSignals(False)

    def _tag_chosen(self, index: int) -> None:
        self.set_tag(self.tag_filter.itemData(index))

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
            self.tags_edit.setEnabled(note is not None)
            self.delete_button.setEnabled(note is not None)
            if note is None:
                self.editor.setPlainText("")
                self.tags_edit.setText("")
                self.preview.setHtml("")
            else:
                self.tags_edit.setText(", ".join(note.tags))
                text = self._drafts.get(note.id, note.body)
                if self.editor.toPlainText() != text:
                    self.editor.setPlainText(text)
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
        if self.scope == "library" or self.article_id is None:
            self.articleRequested.emit(note.article_id, start, end)
        elif start >= 0:
            self.noteActivated.emit(start, end)

    def _schedule_save(self) -> None:
        if self._loading or self._editing is None:
            return
        self._timer.start()

    def _add_article_note(self) -> None:
        if self.article_id is None or self.scope == "library":
            return
        self.save_now()
        try:
            note = self.history.add_article_note(self.article_id, self.tr("New note"))
        except LibraryError as exc:
            self._refuse(exc)
            return
        self.warning.hide()
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
                action.triggered.connect(lambda _=False, n=name: self._attempt(self.history.edit, note.id, color=n))
            menu.addSeparator()
        menu.addAction(self.tr("Delete"), self.delete_current)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _history_changed(self, article_id: int) -> None:
        if self.scope == "library" or self.article_id is None or article_id == self.article_id:
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
        return f"{prefix}“{quote}”" + (f"\n{body}" if body else "") + _tag_line(note)
    return QCoreApplication.translate("NotesPanel", "Note on the article:") + f" {body}" + _tag_line(note)


def _tag_line(note: Note) -> str:
    if not note.tags:
        return ""
    return "\n" + QCoreApplication.translate("NotesPanel", "Tags:") + " " + " · ".join(note.tags)
