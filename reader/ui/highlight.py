"""Highlight a selection: a small popup with the five colours and an optional note.

Integration (for the main window)::

    result = HighlightPopup.ask(parent, selection_text, known_tags=[...])  # modal; None if cancelled
    if result is not None:
        color, note, tags = result
        history.add_highlight(article_id, start, end, color, note, tags)   # NoteHistory: undoable

    # or non-modal, next to the selection:
    popup = HighlightPopup(selection_text, parent)
    popup.chosen.connect(lambda color, note, tags: ...)
    popup.move(global_pos); popup.show()

Clicking a colour swatch highlights at once (empty note); writing a note and/or tags (comma
separated; the library's tags are offered as you type) and pressing Ctrl+Enter (or "Save") saves
colour, note and tags; Esc cancels. Keys 1–5 pick a colour.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.notes import (
    COLORS,
    DEFAULT_COLOR,
    NoteError,
    NoteTooLong,
    check_body,
    normalize_tags,
)
from reader.ui.refusals import refusal_text


class HighlightPopup(QDialog):
    chosen = Signal(str, str, list)  # colour name, note (Markdown, may be empty), tags

    def __init__(self, selection_text: str, parent: QWidget | None = None, *,
                 color: str = DEFAULT_COLOR, note: str = "", tags: list[str] | None = None,
                 known_tags: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Highlight"))
        self.color = color if color in COLORS else DEFAULT_COLOR
        quote = " ".join(selection_text.split())
        self.quote_label = QLabel(f"“{quote[:140]}{'…' if len(quote) > 140 else ''}”")
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        swatches = QHBoxLayout()
        self.swatches: dict[str, QToolButton] = {}
        for i, (name, hex_color) in enumerate(COLORS.items(), 1):
            button = QToolButton()
            button.setObjectName(f"swatch-{name}")
            button.setCheckable(True)
            button.setChecked(name == self.color)
            label = _color_name(name)
            button.setToolTip(f"{label} ({i})")
            button.setAccessibleName(self.tr("{colour} highlight").replace("{colour}", label))
            button.setFixedSize(26, 26)
            border = "#2F3540"
            button.setStyleSheet(
                f"QToolButton {{ background: {hex_color}; border: 1px solid #C9C4BA; border-radius: 13px; }}"
                f"QToolButton:checked {{ border: 2px solid {border}; }}"
            )
            button.clicked.connect(lambda _=False, n=name: self._pick(n))
            self.group.addButton(button)
            self.swatches[name] = button
            swatches.addWidget(button)
            shortcut = QShortcut(QKeySequence(str(i)), self)
            shortcut.activated.connect(lambda n=name: self._select(n))
        swatches.addStretch(1)

        self.editor = QPlainTextEdit(note)
        self.editor.setPlaceholderText(self.tr("Optional note (Markdown). Ctrl+Enter saves."))
        self.editor.setMaximumHeight(100)
        self.tags_edit = QLineEdit(", ".join(tags or []))
        self.tags_edit.setObjectName("highlightTags")
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags_edit.returnPressed.connect(self._save)
        self.tags_model = QStringListModel(sorted(known_tags or [], key=str.casefold), self)
        self.completer = QCompleter(self.tags_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.tags_edit)
        self.completer.activated.connect(self._complete)
        self.tags_edit.textEdited.connect(self._suggest)
        self.error = QLabel()
        self.error.setObjectName("highlightError")
        self.error.setStyleSheet("color: #B3261E;")
        self.error.hide()
        save = QPushButton(self.tr("Save"))
        save.setDefault(True)
        save.clicked.connect(self._save)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        save_shortcut.activated.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.quote_label)
        layout.addLayout(swatches)
        layout.addWidget(self.editor)
        tags_row = QHBoxLayout()
        tags_label = QLabel(self.tr("Tags:"))
        tags_label.setBuddy(self.tags_edit)
        tags_row.addWidget(tags_label)
        tags_row.addWidget(self.tags_edit, 1)
        layout.addLayout(tags_row)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.result_value: tuple[str, str, list[str]] | None = None

    def _suggest(self, text: str) -> None:
        """Offer the library's tags for the tag being typed (the text after the last comma)."""
        word = text.rsplit(",", 1)[-1].strip()
        popup = self.completer.popup()
        if word:
            self.completer.setCompletionPrefix(word)
        if word and self.completer.completionCount():
            self.completer.complete()
        elif popup is not None:
            popup.hide()

    def _complete(self, tag: str) -> None:
        head = self.tags_edit.text().rsplit(",", 1)
        done = [t.strip() for t in head[0].split(",") if t.strip()] if len(head) > 1 else []
        self.tags_edit.setText(", ".join([*done, tag]) + ", ")

    def _select(self, name: str) -> None:
        self.color = name
        self.swatches[name].setChecked(True)

    def _pick(self, name: str) -> None:
        """A swatch click: with no note typed, highlight right away."""
        self._select(name)
        if not self.editor.toPlainText().strip():
            self._save()

    def _save(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return  # Enter picked a suggestion
        try:
            tags = list(normalize_tags(self.tags_edit.text()))
        except NoteError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        body = self.editor.toPlainText().strip()
        try:
            check_body(body)
        except NoteTooLong as exc:  # the popup stays open with the text as it is
            self.error.setText(refusal_text(exc))
            self.error.show()
            return
        self.result_value = (self.color, body, tags)
        self.chosen.emit(*self.result_value)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, selection_text: str, *, color: str = DEFAULT_COLOR,
            note: str = "", known_tags: list[str] | None = None,
            ) -> tuple[str, str, list[str]] | None:
        """Show the popup modally; (colour, note, tags) or None if cancelled."""
        popup = cls(selection_text, parent, color=color, note=note, known_tags=known_tags)
        if popup.exec() == QDialog.DialogCode.Accepted:
            return popup.result_value
        return None


def swatch_color(name: str) -> QColor:
    return QColor(COLORS.get(name, COLORS[DEFAULT_COLOR]))


def _color_name(name: str) -> str:
    names = {
        "yellow": QCoreApplication.translate("HighlightPopup", "Yellow"),
        "green": QCoreApplication.translate("HighlightPopup", "Green"),
        "blue": QCoreApplication.translate("HighlightPopup", "Blue"),
        "pink": QCoreApplication.translate("HighlightPopup", "Pink"),
        "purple": QCoreApplication.translate("HighlightPopup", "Purple"),
    }
    return names.get(name, name)
