"""Starting the window: QApplication, fonts, theme, language, library, samples, settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reader import APP_ID, APP_NAME
from reader.core.analysis.engine import Analyzer
from reader.core.knowledge.loader import default_knowledge
from reader.core.knowledge.model import KnowledgeBase
from reader.core.library import Library
from reader.core.samples import load_samples_if_empty
from reader.ui.i18n import install_language
from reader.ui.icons import app_icon
from reader.ui.main_window import MainWindow
from reader.ui.theme import apply_theme, load_fonts, theme_for


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with Margin's fonts and identity."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    load_fonts()
    return app


def settings_at(path: Path | None) -> QSettings:
    """The user's settings, or an INI file at ``path`` (tests, screenshots)."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(APP_NAME, APP_NAME)


def create_window(
    library: Library, settings: QSettings, *, kb: KnowledgeBase | None = None,
    analyzer: Analyzer | None = None, theme: str | None = None,
) -> MainWindow:
    """A ready window over ``library`` (the bundled samples are loaded into an empty library)."""
    app = application()
    kb = kb or default_knowledge()
    analyzer = analyzer or Analyzer(kb)
    load_samples_if_empty(library, analyzer)
    theme_name = theme or str(settings.value("theme", "system"))
    apply_theme(app, theme_for(theme_name))
    install_language(app, str(settings.value("language", "system")))
    window = MainWindow(library, analyzer, kb, settings, theme_name=theme_name)
    for problem in kb.warnings:
        window.statusBar().showMessage(f"{problem.path}:{problem.line}: {problem.message}", 15000)
    for notice in library.notices:  # e.g. where the copy made before an upgrade is
        window.statusBar().showMessage(notice, 30000)
    return window


def run(library_path: Path, settings_path: Path | None = None, files: list[str] | None = None) -> int:
    """Open the window; ``files`` (from the desktop file's %F) are imported at once, and
    ``margin://article/…`` links among them open that article at that spot."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and \
            not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux"):
        print("error: no display to open the window on (set DISPLAY, or use the command-line "
              "commands: reader --help)", file=sys.stderr)
        return 1
    app = application()
    library = Library.open(library_path)
    window = create_window(library, settings_at(settings_path))
    window.show()
    links = [f for f in files or [] if f.startswith("margin://")]
    files = [f for f in files or [] if not f.startswith("margin://")]
    if files:
        window.start_import(files)
    else:
        window.start_refresh()
    for link in links:  # margin://article/ID#char=START,END from an exported notes file
        window.open_link(link)
    code = app.exec()
    library.close()
    return int(code)
