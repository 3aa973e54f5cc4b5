"""The reading window: library on the left, the article with its margins in the middle.

Collaborators (library, analyzer, knowledge base, settings) are passed in; nothing global.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME, __version__
from reader.core import corrections
from reader.core.analysis_store import corrected_analysis
from reader.core.importing.errors import BadInput
from reader.core.importing.pipeline import ImportReport, import_text
from reader.core.knowledge.model import KnowledgeBase
from reader.core.library import DuplicateArticle, Library, LibraryError, ReadOnlyLibrary
from reader.core.models import Article
from reader.core.notes import notes_for, tag_counts
from reader.core.notes_history import NoteHistory
from reader.core.related import related_articles
from reader.ui import dialogs
from reader.ui.article_view import Mark
from reader.ui.cards import build_cards
from reader.ui.i18n import install_language
from reader.ui.icons import app_icon, icon
from reader.ui.library_watch import LibraryWatcher
from reader.ui.notes_panel import NotesPanel
from reader.ui.reader_area import PANELS, ReaderArea
from reader.ui.refusals import read_only_notice, refusal_text
from reader.ui.sidebar import LibrarySidebar
from reader.ui.theme import Theme, apply_theme, theme_for
from reader.ui.workers import ImportWorker, RefreshWorker

if TYPE_CHECKING:
    from reader.core.analysis.engine import Analyzer

ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)


class MainWindow(QMainWindow):
    def __init__(self, library: Library, analyzer: Analyzer, kb: KnowledgeBase,
                 settings: QSettings, theme_name: str = "system") -> None:
        super().__init__()
        self.library = library
        self.analyzer = analyzer
        self.kb = kb
        self.settings = settings
        self.theme_name = theme_name  # create_window passes the saved choice unless told otherwise
        self.theme: Theme = theme_for(self.theme_name)
        self.article: Article | None = None
        self.history: list[int] = []
        self.history_pos = -1
        self.zoom = float(str(settings.value("zoom", 1.0)))
        self.import_worker: ImportWorker | None = None
        self.last_import: ImportReport | None = None
        self.note_history = NoteHistory(library)
        self._set_title("")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.sidebar = LibrarySidebar(library, self.theme)
        self.area = ReaderArea(self.theme)
        self.find_bar = QLineEdit()
        self.find_bar.setPlaceholderText(self.tr("Find in article… (Enter: next, Esc: close)"))
        self.find_bar.setAccessibleName(self.tr("Find in article"))
        self.find_bar.hide()
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(0)
        center_layout.addWidget(self.find_bar)
        center_layout.addWidget(self.area, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(center)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 1300])
        self.setCentralWidget(self.splitter)

        self.notes_panel = NotesPanel(library, self.note_history)
        self.notes_dock = QDockWidget(self.tr("Notes"), self)
        self.notes_dock.setObjectName("NotesDock")
        self.notes_dock.setWidget(self.notes_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self.notes_dock.hide()

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._connect()
        QShortcut(QKeySequence("/"), self, self.sidebar.focus_search)
        QShortcut(QKeySequence("F6"), self, self.cycle_focus)
        QShortcut(QKeySequence("Escape"), self, self.escape)
        self.statusBar().showMessage(self.tr("Offline. Nothing you read leaves this computer."), 6000)
        self.read_only_label: QLabel | None = None
        if library.read_only:  # said once, for good: every change will be refused
            self.read_only_label = QLabel(read_only_notice())
            self.read_only_label.setObjectName("ReadOnlyNotice")
            self.read_only_label.setToolTip(
                self.tr("Margin may not write this library file; you can read, search and export, "
                        "but not change anything.") + f"\n{library.path}")
            self.statusBar().addPermanentWidget(self.read_only_label)
        self.sidebar.refresh()
        self._restore_settings()
        self.library_watch = LibraryWatcher(library, self)
        self.library_watch.changed.connect(self._library_changed)

    # -- actions, menus, toolbar ------------------------------------------------------------------

    def _action(self, text: str, slot: object,
                shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
                icon_name: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name, self.theme.text))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_import = a(self.tr("&Import files…"), self.import_files, QKeySequence.StandardKey.Open, "import")
        self.act_import_folder = a(self.tr("Import &folder…"), self.import_folder, "Ctrl+Shift+O")
        self.act_paste = a(self.tr("&Paste as new article"), self.paste_article, "Ctrl+Shift+V")
        self.act_export = a(self.tr("&Export PDF…"), self.export_pdf, "Ctrl+E", "export-pdf")
        self.act_quit = a(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_bookmark = a(self.tr("&Bookmark"), self.toggle_bookmark, "Ctrl+D", "bookmark", checkable=True)
        self.act_highlight = a(self.tr("&Highlight selection…"), self.highlight_selection, "Ctrl+H", "highlight")
        self.act_notes = a(self.tr("&Notes panel"), self.notes_dock.setVisible, "Ctrl+Shift+N", "note", checkable=True)
        self.act_all_notes = a(self.tr("&All highlights"), self.show_all_notes)
        self.act_panels = {
            "sources": a(self.tr("&Sources"), lambda on: self.set_panel("sources", on), "Ctrl+1", "sources", True),
            "background": a(self.tr("&Background"), lambda on: self.set_panel("background", on), "Ctrl+2", "background", True),
            "wording": a(self.tr("&Wording"), lambda on: self.set_panel("wording", on), "Ctrl+3", "wording", True),
        }
        self.act_library = a(self.tr("&Library"), lambda _on: self._adapt_layout(), "Ctrl+L", "library", True)
        self.act_all_right = a(self.tr("All cards in the right margin"), lambda _on: self._adapt_layout(), None, "", True)
        self.act_zoom_in = a(self.tr("Zoom &in"), lambda: self.step_zoom(1), QKeySequence.StandardKey.ZoomIn, "zoom-in")
        self.act_zoom_out = a(self.tr("Zoom &out"), lambda: self.step_zoom(-1), QKeySequence.StandardKey.ZoomOut, "zoom-out")
        self.act_zoom_reset = a(self.tr("&Actual size"), lambda: self.set_zoom(1.0), "Ctrl+0")
        self.act_next_article = a(self.tr("&Next article"), lambda: self.sidebar.step(1), "Alt+Down")
        self.act_prev_article = a(self.tr("&Previous article"), lambda: self.sidebar.step(-1), "Alt+Up")
        self.act_back = a(self.tr("&Back"), lambda: self.go_history(-1), QKeySequence.StandardKey.Back, "back")
        self.act_forward = a(self.tr("&Forward"), lambda: self.go_history(1), QKeySequence.StandardKey.Forward, "forward")
        self.act_next_card = a(self.tr("Next &card"), lambda: self.area.step_card(1), "]")
        self.act_prev_card = a(self.tr("Previous c&ard"), lambda: self.area.step_card(-1), "[")
        self.act_find = a(self.tr("&Find in article"), self.open_find, QKeySequence.StandardKey.Find)
        self.act_search = a(self.tr("&Search library"), self.sidebar.focus_search, "Ctrl+K")
        self.act_shortcuts = a(self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1")
        self.act_about = a(self.tr("&About Margin"), self.show_about)
        self.act_undo = self.notes_panel.undo_action(self)
        self.act_redo = self.notes_panel.redo_action(self)
        for action in self.act_panels.values():
            action.setChecked(True)
        self.act_library.setChecked(True)
        # second keys: Ctrl+PgDn/PgUp for articles ("/" for the search is a QShortcut above)
        self.act_next_article.setShortcuts([QKeySequence("Alt+Down"), QKeySequence("Ctrl+PgDown")])
        self.act_prev_article.setShortcuts([QKeySequence("Alt+Up"), QKeySequence("Ctrl+PgUp")])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        for act in (self.act_import, self.act_import_folder, self.act_paste, None, self.act_export, None, self.act_quit):
            file.addSeparator() if act is None else file.addAction(act)
        edit = bar.addMenu(self.tr("&Edit"))
        for act in (self.act_undo, self.act_redo, None, self.act_highlight, self.act_find):
            edit.addSeparator() if act is None else edit.addAction(act)
        view = bar.addMenu(self.tr("&View"))
        view.addAction(self.act_library)
        for act in self.act_panels.values():
            view.addAction(act)
        view.addAction(self.act_notes)
        view.addAction(self.act_all_right)
        view.addSeparator()
        for act in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            view.addAction(act)
        view.addSeparator()
        theme_menu = view.addMenu(self.tr("&Appearance"))
        for key, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            act = theme_menu.addAction(label, partial(self.set_theme, key))
            act.setCheckable(True)
            act.setChecked(key == self.theme_name)
        self.theme_menu = theme_menu
        lang_menu = view.addMenu(self.tr("&Language"))
        from reader.ui.i18n import available_languages

        current = str(self.settings.value("language", "system"))
        for code, label in available_languages():
            act = lang_menu.addAction(label, partial(self.set_language, code))
            act.setCheckable(True)
            act.setChecked(code == current)
        go = bar.addMenu(self.tr("&Go"))
        for act in (self.act_next_article, self.act_prev_article, self.act_back, self.act_forward, None,
                    self.act_next_card, self.act_prev_card, None, self.act_search, self.act_find):
            go.addSeparator() if act is None else go.addAction(act)
        article = bar.addMenu(self.tr("&Article"))
        article.addAction(self.act_bookmark)
        article.addAction(self.act_notes)
        article.addAction(self.act_all_notes)
        self.dismissed_menu = article.addMenu(self.tr("&Dismissed cards"))
        self.dismissed_menu.aboutToShow.connect(self._fill_dismissed_menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_shortcuts)
        help_menu.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Toolbar"))
        tb.setObjectName("Toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        for act in (self.act_library, self.act_back, self.act_forward):
            tb.addAction(act)
            tb.widgetForAction(act).setProperty("iconOnly", True)
            tb.widgetForAction(act).setAccessibleName(act.text().replace("&", ""))
            btn = tb.widgetForAction(act)
            assert isinstance(btn, QToolButton)
            btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addSeparator()
        tb.addAction(self.act_import)
        import_button = tb.widgetForAction(self.act_import)
        import_button.setObjectName("PrimaryButton")
        self.act_import.setIcon(icon("import", self.theme.primary_text))
        for act in (self.act_bookmark, self.act_highlight, self.act_export):
            tb.addAction(act)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        for act in (*self.act_panels.values(), self.act_notes):
            tb.addAction(act)
        self.toolbar = tb

    def _connect(self) -> None:
        self.sidebar.articleChosen.connect(self.open_article)
        self.area.dismissRequested.connect(self.dismiss_card)
        self.area.noteRequested.connect(self.note_on_card)
        self.area.correctRequested.connect(self.correct_card)
        self.area.undoRequested.connect(self.undo_correction)
        self.area.entryRequested.connect(self.show_entry)
        self.area.summary.showDismissed.connect(self._popup_dismissed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self.notes_panel.noteActivated.connect(lambda s, e: self.area.view.select_span(s, e))
        self.notes_panel.articleRequested.connect(self._open_at)
        self.notes_panel.notesChanged.connect(lambda _aid: self.refresh_highlights())
        self.notes_panel.refused.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.notes_dock.visibilityChanged.connect(self.act_notes.setChecked)
        self.find_bar.returnPressed.connect(self.find_next)
        self.area.view.anchorClicked.connect(self._anchor_clicked)

    # -- opening articles ---------------------------------------------------------------------------

    def open_article(self, article_id: int, record: bool = True) -> None:
        article = self.library.get_article(article_id)
        if article is None:
            return
        self.article = article
        if record:
            del self.history[self.history_pos + 1 :]
            if not self.history or self.history[-1] != article_id:
                self.history.append(article_id)
            self.history_pos = len(self.history) - 1
        self._show_current()
        self.library.mark_opened(article_id)
        self.settings.setValue("last_article", article_id)
        self.act_bookmark.blockSignals(True)
        self.act_bookmark.setChecked(article.bookmarked)
        self.act_bookmark.blockSignals(False)
        self.notes_panel.show_article(article_id)
        self.sidebar.select(article_id, emit=False)
        self._set_title(article.title)

    def _set_title(self, article_title: str) -> None:
        title = f"{article_title} — {APP_NAME}" if article_title else APP_NAME
        if self.library.read_only:
            title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)

    def refuse(self, exc: LibraryError) -> None:
        """A change the library refused (read-only, a note too long …): one line, no traceback."""
        self.statusBar().showMessage(refusal_text(exc), 10000)

    def _show_current(self, keep_scroll: bool = False) -> None:
        article = self.article
        if article is None:
            self.area.show_article(None, [], None, [], [])
            return
        scroll = self.area.view.verticalScrollBar().value()
        result = corrected_analysis(self.library, self.analyzer, article)
        self.current = result
        lang = self.ui_language()
        cards, marks = build_cards(result.analysis, self.kb, self.theme, lang, set(result.corrected))
        self.area.view.set_related([
            (hit.article_id, hit.title, " · ".join(b for b in (hit.outlet, hit.published) if b))
            for hit in related_articles(self.library, article.id, result.analysis, self.kb)
        ])
        self.area.show_article(article, self._header(article), result.analysis, cards,
                               marks + self._highlight_marks(), len(result.dismissed))
        self._update_counts()
        if keep_scroll:
            self.area.view.verticalScrollBar().setValue(scroll)

    def _header(self, article: Article) -> list[tuple[str, str]]:
        lines: list[tuple[str, str]] = []
        if article.outlet:
            entry = self.kb.outlet_for(article.outlet)
            line = article.outlet
            if entry is not None:
                bits = [entry.side, entry.ownership]
                line += "  ·  " + "  ·  ".join(b for b in bits if b)
            lines.append(("outlet", line))
        return lines

    def _highlight_marks(self) -> list[Mark]:
        if self.article is None:
            return []
        colors = self.theme.highlights
        return [Mark(n.start, n.end, "highlights", f"note:{n.id}", colors.get(n.color, colors["yellow"]), "highlight")
                for n in notes_for(self.library, self.article.id)
                if n.kind == "highlight" and n.status == "attached" and n.start is not None and n.end is not None]

    def refresh_highlights(self) -> None:
        if self.article is None:
            return
        marks = [m for m in self.area.view.marks if m.kind != "highlights"] + self._highlight_marks()
        self.area.set_marks(marks)
        self.sidebar.refresh()

    def _update_counts(self) -> None:
        counts = self.area.panel_counts()
        names = {"sources": self.tr("Sources"), "background": self.tr("Background"), "wording": self.tr("Wording")}
        for panel in PANELS:
            self.act_panels[panel].setText(f"{names[panel]} {counts[panel]}")

    def _anchor_clicked(self, url: QUrl) -> None:
        """Links inside the article view: only "article:ID" (related articles) do anything."""
        text = url.toString()
        if text.startswith("article:") and text[8:].isdigit():
            self.open_article(int(text[8:]))

    def _open_at(self, article_id: int, start: int, end: int) -> None:
        self.open_article(article_id)
        if 0 <= start < end:
            self.area.view.select_span(start, end)

    def open_link(self, link: str) -> bool:
        """Open a ``margin://article/ID#char=START,END`` link (as exported notes have them)."""
        from reader.core.notes_markdown import parse_article_link

        target = parse_article_link(link)
        if target is None or self.library.get_article(target[0]) is None:
            self.statusBar().showMessage(self.tr("No such article in this library:") + f" {link}", 8000)
            return False
        article_id, start, end = target
        if end > len(self.library.require_article(article_id).text):
            start = end = -1
        self._open_at(article_id, start, end)
        return True

    def go_history(self, delta: int) -> None:
        target = self.history_pos + delta
        if 0 <= target < len(self.history):
            self.history_pos = target
            self.open_article(self.history[target], record=False)

    # -- corrections ------------------------------------------------------------------------------

    def dismiss_card(self, key: str) -> None:
        data = self.area.data_for(key)
        if data is None or self.article is None:
            return
        kind = {"statement": "attribution", "background": "mention", "wording": "flag"}.get(data.kind, data.kind)
        try:
            with self.library.atomic():  # all of the card's keys, or none
                for k, quote in data.quotes.items():
                    corrections.dismiss(self.library, self.article.id, k, kind, quote)
        except LibraryError as exc:
            self.refuse(exc)
            return
        self._show_current(keep_scroll=True)
        self.statusBar().showMessage(self.tr("Card dismissed. Article → Dismissed cards brings it back."), 6000)

    def note_on_card(self, key: str) -> None:
        """Card menu → Add a note: highlight the card's words and write a note on them."""
        data = self.area.data_for(key)
        if data is not None:
            self.area.view.select_span(*data.span)
            self.highlight_selection()

    def correct_card(self, key: str) -> None:
        data = self.area.data_for(key)
        if data is None or self.article is None:
            return
        choice = dialogs.ask_speaker(self, self.kb, self.ui_language())
        if choice is None:
            return
        name, entity, kind, side = choice
        try:
            corrections.correct_speaker(self.library, self.article.id, data.key, data.quotes.get(data.key, ""),
                                        name=name, entity=entity, kind=kind, side=side)
        except LibraryError as exc:
            self.refuse(exc)
            return
        self._show_current(keep_scroll=True)

    def undo_correction(self, key: str) -> None:
        if self.article is not None:
            try:
                corrections.undo_key(self.library, self.article.id, key)
            except LibraryError as exc:
                self.refuse(exc)
                return
            self._show_current(keep_scroll=True)

    def _popup_dismissed(self, anchor: QWidget) -> None:
        """The summary strip's "N dismissed — show": the same list as Article → Dismissed cards."""
        self.dismissed_menu.popup(anchor.mapToGlobal(anchor.rect().bottomLeft()))

    def _fill_dismissed_menu(self) -> None:
        self.dismissed_menu.clear()
        if self.article is None:
            return
        items = [c for c in corrections.corrections_for(self.library, self.article.id)]
        if not items:
            self.dismissed_menu.addAction(self.tr("Nothing dismissed or corrected")).setEnabled(False)
            return
        for c in items:
            label = f"{c.kind}: {c.quote[:50]}" + (" (" + self.tr("corrected") + ")" if c.action == "correct" else "")
            self.dismissed_menu.addAction(self.tr("Restore") + f" {label}",
                                          partial(self.undo_correction, c.key))

    # -- library actions ----------------------------------------------------------------------------

    def toggle_bookmark(self, on: bool) -> None:
        if self.article is None:
            return
        try:
            self.library.set_bookmark(self.article.id, on)
        except LibraryError as exc:
            self.act_bookmark.blockSignals(True)
            self.act_bookmark.setChecked(self.article.bookmarked)  # the button shows what is stored
            self.act_bookmark.blockSignals(False)
            self.refuse(exc)
            return
        self.article = self.library.get_article(self.article.id)
        self.sidebar.refresh()

    def highlight_selection(self) -> None:
        span = self.area.view.selected_span()
        if self.article is None or span is None:
            self.statusBar().showMessage(self.tr("Select some text in the article first."), 4000)
            return
        from reader.ui.highlight import HighlightPopup

        known = [tag for tag, _ in tag_counts(self.library)]
        result = HighlightPopup.ask(self, self.article.text[span[0]:span[1]], known_tags=known)
        if result is not None:
            color, note, tags = result
            try:
                self.note_history.add_highlight(self.article.id, span[0], span[1], color, note, tags)
            except LibraryError as exc:
                self.refuse(exc)
                return
            self.refresh_highlights()
            self.notes_panel.show_article(self.article.id)

    def show_all_notes(self) -> None:
        self.notes_dock.show()
        self.notes_panel.show_all()

    def export_pdf(self) -> None:
        from reader.ui.export_dialog import ExportDialog

        ids = [self.article.id] if self.article is not None else []
        if not ids:
            self.statusBar().showMessage(self.tr("Open an article to export it."), 4000)
            return
        dialog = ExportDialog(self.library, self.analyzer, self.kb, ids, parent=self)
        dialog.exported.connect(lambda path: self.statusBar().showMessage(self.tr("Saved") + f" {path}", 8000))
        dialog.failed.connect(lambda message: QMessageBox.warning(self, APP_NAME, message))
        dialog.open()

    def import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import articles"), "",
                                                self.tr("Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"))
        if files:
            self.start_import(files)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"))
        if folder:
            self.start_import([folder])

    def start_import(self, paths: list[str]) -> ImportWorker | None:
        """Import off the GUI thread with a cancellable progress dialog; errors listed at the end.
        None (and a one-line message) when the library is read-only."""
        from reader.core.analysis.engine import Analyzer

        if self.library.read_only:
            self.refuse(ReadOnlyLibrary(f"the library {self.library.path} is read-only"))
            return None

        # its own analyzer: the window's stays with the GUI thread
        worker = ImportWorker(self.library.path, paths, Analyzer(self.kb))
        progress = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.tr("Import"))
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(worker.cancel)

        def on_progress(done: int, total: int, name: str) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(self.tr("Importing {done} of {total}\n{name}")
                                  .replace("{done}", str(done)).replace("{total}", str(total))
                                  .replace("{name}", Path(name).name))

        worker.progress.connect(on_progress)
        worker.done.connect(lambda report: self._import_done(report, progress))
        self.import_worker = worker
        worker.start()
        return worker

    def start_refresh(self) -> RefreshWorker | None:
        """Re-analyse, in the background, articles analysed by another engine or other packs."""
        from reader.core.analysis.engine import Analyzer
        from reader.core.analysis.model import ENGINE_VERSION

        if self.library.read_only or not self.library.stale_analysis_ids(ENGINE_VERSION, self.kb.versions()):
            return None  # (a read-only library cannot keep the new analyses)
        # its own analyzer: the window's stays with the GUI thread
        worker = RefreshWorker(self.library.path, Analyzer(self.kb))
        worker.done.connect(lambda n: self.statusBar().showMessage(
            self.tr("Re-analysed {n} articles with the current knowledge packs.").replace("{n}", str(n)), 6000))
        self.refresh_worker = worker
        worker.start()
        return worker

    def _import_done(self, report: ImportReport, progress: QProgressDialog) -> None:
        progress.reset()
        self.last_import = report
        self.sidebar.reload_facets()
        self.sidebar.refresh()
        if report.imported:
            self.open_article(report.imported[-1])
        dialogs.show_import_report(self, report)

    def paste_article(self) -> None:
        text = QGuiApplication.clipboard().text()
        try:
            article_id = import_text(self.library, text, analyzer=self.analyzer)
        except (BadInput, DuplicateArticle) as exc:
            QMessageBox.information(self, APP_NAME, self.tr("Could not paste as an article:") + f" {exc}")
            return
        except LibraryError as exc:
            self.refuse(exc)
            return
        self.sidebar.reload_facets()
        self.sidebar.refresh()
        self.open_article(article_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if isinstance(u, QUrl) and u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    # -- view -------------------------------------------------------------------------------------

    def set_panel(self, panel: str, on: bool) -> None:
        self.area.set_panel_visible(panel, on)

    def step_zoom(self, direction: int) -> None:
        nearest = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - self.zoom))
        self.set_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, nearest + direction))])

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.area.set_zoom(zoom)

    def set_theme(self, name: str) -> None:
        self.theme_name = name
        self.theme = theme_for(name)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme)
        for act in self.theme_menu.actions():
            act.setChecked(act.text() in ({"system": self.tr("Follow the system"), "light": self.tr("Light"),
                                            "dark": self.tr("Dark")}[name],))
        self.sidebar.set_theme(self.theme)
        self.area.set_theme(self.theme)
        self._show_current(keep_scroll=True)

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        """With "Follow the system", switch live when the desktop switches light/dark."""
        if self.theme_name == "system" and theme_for("system") is not self.theme:
            self.set_theme("system")

    def ui_language(self) -> str:
        lang = str(self.settings.value("language", "system"))
        if lang == "system":
            from PySide6.QtCore import QLocale

            lang = QLocale.system().name()[:2]
        return "de" if lang == "de" else "en"

    def set_language(self, code: str) -> None:
        self.settings.setValue("language", code)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_language(app, code)
        self.retranslate()

    def retranslate(self) -> None:
        """Rebuild menus and toolbar with the new language (applied at once)."""
        self.menuBar().clear()
        self.removeToolBar(self.toolbar)
        for act in self.actions():
            self.removeAction(act)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._show_current(keep_scroll=True)

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_bar.setFocus()
        self.find_bar.selectAll()

    def find_next(self) -> None:
        text = self.find_bar.text()
        if text and not self.area.view.find(text):
            cursor = self.area.view.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.area.view.setTextCursor(cursor)
            self.area.view.find(text)

    def escape(self) -> None:
        if self.find_bar.isVisible():
            self.find_bar.hide()
            self.area.view.setFocus()
        else:
            self.area.clear_focus()

    def cycle_focus(self) -> None:
        order: list[QWidget] = [self.sidebar.list, self.area.view]
        order += [c for c in (self.area.left.cards[:1] + self.area.right.cards[:1])]
        focused = QApplication.focusWidget()
        index = next((i for i, w in enumerate(order) if w is focused or (focused and w.isAncestorOf(focused))), -1)
        order[(index + 1) % len(order)].setFocus(Qt.FocusReason.TabFocusReason)

    def show_entry(self, entry_id: str) -> None:
        entry = self.kb.get(entry_id)
        if entry is not None:
            dialogs.show_entry(self, entry, self.ui_language())

    def show_shortcuts(self) -> None:
        dialogs.show_shortcuts(self, [a for a in self.actions() if not a.shortcut().isEmpty()])

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Margin"), dialogs.about_text(self, __version__, self.kb))

    # -- settings ---------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = s.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        for panel in PANELS:
            visible = str(s.value(f"panel/{panel}", "true")) == "true"
            self.act_panels[panel].setChecked(visible)
        self.act_library.setChecked(str(s.value("library_visible", "true")) == "true")
        self.act_all_right.setChecked(str(s.value("all_right", "false")) == "true")
        self.set_zoom(float(str(s.value("zoom", 1.0))))
        last = s.value("last_article")
        opened = False
        if last is not None:
            try:
                if self.library.get_article(int(str(last))) is not None:
                    self.open_article(int(str(last)))
                    opened = True
            except ValueError:
                pass
        if not opened:
            self.sidebar.select_first()

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.splitter.saveState())
        for panel in PANELS:
            s.setValue(f"panel/{panel}", "true" if self.act_panels[panel].isChecked() else "false")
        s.setValue("library_visible", "true" if self.act_library.isChecked() else "false")
        s.setValue("all_right", "true" if self.act_all_right.isChecked() else "false")
        s.setValue("zoom", self.zoom)
        s.setValue("theme", self.theme_name)
        s.sync()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._adapt_layout()

    def _adapt_layout(self) -> None:
        """Narrow windows: collapse the library first, then fold the left margin into the right.

        The text keeps its measure; the user's own choices (View menu) are not changed.
        """
        width = self.width()
        text = self.area.view.width() + 56
        wants_library = self.act_library.isChecked()
        library = self.splitter.sizes()[0] if self.sidebar.isVisible() else 290
        fits_all = width >= library + text + 2 * 190
        self.sidebar.setVisible(wants_library and fits_all)
        fold = not fits_all and width < text + 2 * 190
        self.area.set_all_right(self.act_all_right.isChecked() or fold)

    def _library_changed(self) -> None:
        """Another process (or an import worker) wrote to the library: show the new state."""
        self.sidebar.reload_facets()
        self.sidebar.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.library_watch.stop()
        self.sidebar.stop()
        self.notes_panel.save_now()
        self.save_settings()
        for worker in (self.import_worker, getattr(self, "refresh_worker", None)):
            if worker is not None and worker.isRunning():
                worker.cancel()
                worker.wait(5000)
        super().closeEvent(event)
