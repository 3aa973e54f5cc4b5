"""Highlight a selection: a small popup with the five colours and an optional note.

Integration (for the main window)::

    result = HighlightPopup.ask(parent, selection_text)     # modal; None if cancelled
    if result is not None:
        color, note = result
        history.add_highlight(article_id, start, end, color, note)   # NoteHistory: undoable

    # or non-modal, next to the selection:
    popup = HighlightPopup(selection_text, parent)
    popup.chosen.connect(lambda color, note: ...)
    popup.move(global_pos); popup.show()

Clicking a colour swatch highlights at once (empty note); writing a note and pressing
Ctrl+Enter (or "Save") saves colour and note; Esc cancels. Keys 1–5 pick a colour.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.notes import COLORS, DEFAULT_COLOR


class HighlightPopup(QDialog):
    chosen = Signal(str, str)  # colour name, note (Markdown, may be empty)

    def __init__(self, selection_text: str, parent: QWidget | None = None, *,
                 color: str = DEFAULT_COLOR, note: str = "") -> None:
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
        layout.addLayout(buttons)
        self.result_value: tuple[str, str] | None = None

    def _select(self, name: str) -> None:
        self.color = name
        self.swatches[name].setChecked(True)

    def _pick(self, name: str) -> None:
        """A swatch click: with no note typed, highlight right away."""
        self._select(name)
        if not self.editor.toPlainText().strip():
            self._save()

    def _save(self) -> None:
        self.result_value = (self.color, self.editor.toPlainText().strip())
        self.chosen.emit(*self.result_value)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, selection_text: str, *, color: str = DEFAULT_COLOR,
            note: str = "") -> tuple[str, str] | None:
        """Show the popup modally; (colour, note) or None if cancelled."""
        popup = cls(selection_text, parent, color=color, note=note)
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
