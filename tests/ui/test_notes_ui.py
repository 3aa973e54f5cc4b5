"""The notes widgets: panel (list, activate, autosave, undo), highlight popup, export dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from reader.core import notes
from reader.core.library import Library
from reader.core.models import NewArticle
from reader.ui.export_dialog import ExportDialog
from reader.ui.highlight import HighlightPopup
from reader.ui.notes_panel import NotesPanel

TEXT = ("Die Gespräche in Minsk begannen am Montag.\n\nBeobachter bestätigten die Waffenruhe. "
        "Am Abend trafen sich die Delegationen erneut.")


@pytest.fixture
def article(library: Library) -> int:
    return library.add_article(NewArticle(title="Gespräche", text=TEXT, language="de", outlet="Demo Wire"))


def test_panel_lists_in_text_order_and_emits_span(qtbot, library: Library, article: int) -> None:
    later = notes.highlight_quote(library, article, "Delegationen", body="later")
    earlier = notes.highlight_quote(library, article, "Minsk", body="earlier <script>x</script>")
    panel = NotesPanel(library, article_id=article)
    qtbot.addWidget(panel)
    ids = [panel.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.list.count())]
    assert ids == [earlier.id, later.id]
    with qtbot.waitSignal(panel.noteActivated) as sig:
        panel.list.itemClicked.emit(panel.list.item(0))
    assert sig.args == [earlier.start, earlier.end]
    panel.list.setCurrentRow(0)
    assert "&lt;script&gt;" in panel.preview.toHtml() and "<script>" not in panel.preview.toHtml()


def test_panel_autosaves_and_undoes(qtbot, library: Library, article: int) -> None:
    n = notes.highlight_quote(library, article, "Waffenruhe", body="old")
    panel = NotesPanel(library, article_id=article)
    qtbot.addWidget(panel)
    panel.select_note(n.id)
    panel.editor.setPlainText("new text about Minsk")
    qtbot.waitUntil(lambda: notes.require_note(library, n.id).body == "new text about Minsk", timeout=3000)
    panel.undo()
    assert notes.require_note(library, n.id).body == "old"
    panel.redo()
    assert notes.require_note(library, n.id).body == "new text about Minsk"
    panel.select_note(n.id)
    panel.delete_current()
    assert notes.get_note(library, n.id) is None and panel.list.count() == 0
    panel.undo()
    assert notes.get_note(library, n.id) is not None and panel.list.count() == 1


def test_panel_all_notes_view(qtbot, library: Library, article: int) -> None:
    other = library.add_article(NewArticle(title="Anderer Artikel", text="Etwas anderes."))
    notes.add_article_note(library, other, "remark")
    h = notes.highlight_quote(library, article, "Minsk")
    panel = NotesPanel(library)
    qtbot.addWidget(panel)
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert "Gespräche" in texts and "Anderer Artikel" in texts
    assert panel.heading.text() == "All highlights (2) in 2 articles"
    row = next(i for i in range(panel.list.count()) if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == h.id)
    with qtbot.waitSignal(panel.articleRequested) as sig:
        panel.list.itemClicked.emit(panel.list.item(row))
    assert sig.args == [article, h.start, h.end]


def test_highlight_popup(qtbot) -> None:
    popup = HighlightPopup("Die Gespräche in Minsk")
    qtbot.addWidget(popup)
    popup.editor.setPlainText("a *note*")
    popup.swatches["blue"].click()  # with a note typed, a swatch only selects
    assert popup.isVisible() is False or popup.result_value is None
    with qtbot.waitSignal(popup.chosen) as sig:
        popup._save()
    assert sig.args == ["blue", "a *note*", []]
    quick = HighlightPopup("x")
    qtbot.addWidget(quick)
    with qtbot.waitSignal(quick.chosen) as sig:
        quick.swatches["pink"].click()  # no note: a click highlights at once
    assert sig.args == ["pink", "", []]


def test_export_dialog_runs_in_a_thread(qtbot, library: Library, article: int, tmp_path: Path) -> None:
    notes.highlight_quote(library, article, "Minsk", body="Dialog note")
    second = library.add_article(NewArticle(title="Zweiter Artikel", text=TEXT + " Noch ein Satz."))
    dialog = ExportDialog(library, None, None, [article, second])
    qtbot.addWidget(dialog)
    target = tmp_path / "dialog.pdf"
    dialog.set_path(target)
    dialog.paper.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.exported, timeout=20000) as sig:
        assert dialog.start_export()
    assert sig.args == [str(target)]
    reader = PdfReader(target)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    annots = [a.get_object() for p in reader.pages for a in (p.get("/Annots") or [])]
    assert any(a.get("/Contents") == "Dialog note" for a in annots)


def test_export_dialog_cancel_and_errors(qtbot, library: Library, article: int, tmp_path: Path) -> None:
    ids = [article] + [library.add_article(NewArticle(title=f"A{i}", text=TEXT + f" {i}.")) for i in range(30)]
    dialog = ExportDialog(library, None, None, ids)
    qtbot.addWidget(dialog)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "cancel.pdf"
    dialog.set_path(target)
    with qtbot.waitSignal(dialog.cancelled, timeout=20000):
        dialog.start_export()
        dialog.cancel_export()
    assert not target.exists() and list(out.iterdir()) == []
    with qtbot.waitSignal(dialog.failed) as sig:
        dialog.set_path(tmp_path / "missing" / "x.pdf")
        dialog.start_export()
    assert "does not exist" in sig.args[0]
