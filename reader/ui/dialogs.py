"""Small dialogs of the window: speaker correction, import report, knowledge entry, shortcuts."""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.importing.pipeline import ImportReport
from reader.core.knowledge.model import SIDES, SPEAKER_KINDS, Entry, KnowledgeBase
from reader.core.knowledge.render import entry_html
from reader.ui.theme import side_name


def ask_speaker(parent: QWidget, kb: KnowledgeBase, lang: str) -> tuple[str, str | None, str, str] | None:
    """Who really speaks: a person or organisation from the knowledge base, or free text."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("Correct the speaker"))
    form = QFormLayout(dialog)
    who = QComboBox()
    who.setEditable(True)
    who.setAccessibleName(dialog.tr("Speaker"))
    speakers = sorted((e for e in kb.entries.values()
                       if e.type in ("person", "organisation", "outlet", "country")),
                      key=lambda e: e.name(lang).casefold())
    for e in speakers:
        who.addItem(e.name(lang), e.id)
    who.setCurrentIndex(-1)
    kind = QComboBox()
    for k in SPEAKER_KINDS:
        kind.addItem(k.replace("_", " "), k)
    side = QComboBox()
    for s in (*SIDES, "unknown"):
        side.addItem(f"{s} – {side_name(s, lang)}", s)
    side.setCurrentIndex(side.findData("unknown"))

    def picked(index: int) -> None:
        entry = kb.get(str(who.itemData(index))) if index >= 0 else None
        if entry is not None:
            kind.setCurrentIndex(max(0, kind.findData(entry.kind or "unknown")))
            side.setCurrentIndex(max(0, side.findData(entry.side)))

    who.currentIndexChanged.connect(picked)
    form.addRow(dialog.tr("Speaker"), who)
    form.addRow(dialog.tr("Kind"), kind)
    form.addRow(dialog.tr("Side"), side)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or not who.currentText().strip():
        return None
    name = who.currentText().strip()
    index = who.findText(name)
    entity = str(who.itemData(index)) if index >= 0 else None
    return name, entity, str(kind.currentData()), str(side.currentData())


def import_report_text(parent: QWidget, report: ImportReport) -> str:
    lines = [parent.tr("Imported: {n}").replace("{n}", str(len(report.imported)))]
    if report.duplicates:
        lines.append(parent.tr("Already in the library: {n}").replace("{n}", str(len(report.duplicates))))
    if report.cancelled:
        lines.append(parent.tr("Cancelled before the end."))
    if report.errors:
        lines.append(parent.tr("Not imported:"))
        lines += [f"  {path}: {message}" for path, message in report.errors]
    return "\n".join(lines)


def show_import_report(parent: QWidget, report: ImportReport) -> None:
    if not report.errors and not report.duplicates and not report.cancelled:
        return
    box = QMessageBox(parent)
    box.setWindowTitle(parent.tr("Import finished"))
    box.setIcon(QMessageBox.Icon.Warning if report.errors else QMessageBox.Icon.Information)
    box.setText(import_report_text(parent, report))
    box.setObjectName("ImportReport")
    box.open()


def show_entry(parent: QWidget, entry: Entry, lang: str) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(entry.name(lang))
    dialog.resize(640, 560)
    layout = QVBoxLayout(dialog)
    view = QTextBrowser()
    view.setOpenExternalLinks(False)
    view.setOpenLinks(False)
    view.setHtml(entry_html(entry, lang))
    layout.addWidget(view)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.open()


def show_shortcuts(parent: QWidget, actions: list[QAction]) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(parent.tr("Keyboard shortcuts"))
    dialog.resize(520, 600)
    layout = QVBoxLayout(dialog)
    native = QKeySequence.SequenceFormat.NativeText
    rows = sorted({(a.text().replace("&", "").split("  ")[0],
                    "   ".join(k.toString(native) for k in a.shortcuts())) for a in actions})
    extra = [(parent.tr("Focus the library search"), "/"),
             (parent.tr("Cycle library → text → margins"), "F6"),
             (parent.tr("Move between cards in a margin"), "↑ ↓"),
             (parent.tr("Close find / unfocus card"), "Esc")]
    table = QTableWidget(len(rows) + len(extra), 2)
    table.setHorizontalHeaderLabels([parent.tr("Action"), parent.tr("Shortcut")])
    for i, (name, keys) in enumerate([*rows, *extra]):
        table.setItem(i, 0, QTableWidgetItem(name))
        table.setItem(i, 1, QTableWidgetItem(keys))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnToContents(0)
    layout.addWidget(table)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.open()


def about_text(parent: QWidget, version: str, kb: KnowledgeBase) -> str:
    packs = ", ".join(f"{p.id} {p.version}" for p in kb.packs)
    return (f"<b>Margin {html.escape(version)}</b><br>"
            + parent.tr("An offline news reader: who says what, background and wording, beside the text.")
            + f"<br><br>{parent.tr('Knowledge packs')}: {html.escape(packs)}<br>"
            + parent.tr("Fonts: Noto (SIL Open Font License)."))


