"""The Qt side of PDF export: a GUI application (offscreen if none exists) and the Noto fonts.

Only ``QtGui`` is used, never ``QtWidgets``: export runs headless from the command line.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from reader.core.paths import resources_dir

SERIF = ["Noto Serif", "Noto Serif Armenian", "Noto Sans", "Noto Sans Armenian"]
SANS = ["Noto Sans", "Noto Sans Armenian", "Noto Serif"]
DISPLAY = ["Noto Serif Display", "Noto Serif", "Noto Serif Armenian"]

_app: QGuiApplication | None = None
_loaded = False
_lock = threading.Lock()


class QtUnavailable(RuntimeError):
    pass


def ensure_app() -> None:
    """Make sure a QGuiApplication exists; create one on the ``offscreen`` platform if not."""
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise QtUnavailable("a Qt application without GUI support is running; cannot draw a PDF")
        return
    if threading.current_thread() is not threading.main_thread():
        raise QtUnavailable("PDF export needs a Qt application created on the main thread")
    with _lock:
        if QCoreApplication.instance() is None:
            # always offscreen: export must work without a display, whatever the environment says
            _app = QGuiApplication(["margin-pdf", "-platform", "offscreen"])


def load_fonts() -> None:
    """Register the bundled Noto fonts (once per process)."""
    global _loaded
    with _lock:
        if _loaded:
            return
        folder = resources_dir() / "fonts"
        for path in sorted(folder.glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
        _loaded = True


def font(families: list[str], points: float, *, bold: bool = False) -> QFont:
    """A font with ligatures switched off (so "öffentlich" stays searchable in the PDF)."""
    f = QFont()
    f.setFamilies(families)
    f.setPointSizeF(points)
    f.setBold(bold)
    f.setKerning(True)
    for tag in ("liga", "clig", "dlig"):
        f.setFeature(QFont.Tag(tag), 0)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f
