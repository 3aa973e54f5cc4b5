"""Notice changes other processes make to the library (``reader import`` in a terminal, a
second window, an import worker's own connection) so the window shows them without a restart.

SQLite's ``PRAGMA data_version`` changes whenever another connection commits; reading it costs
nothing, so a timer polls it (no file watcher needed, and it works the same for WAL files).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.library import Library

POLL_MS = 1500


class LibraryWatcher(QObject):
    changed = Signal()

    def __init__(self, library: Library, parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.library = library
        self._version = library.data_version()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> bool:
        """Emit ``changed`` (and say so) if another connection committed since the last check."""
        try:
            version = self.library.data_version()
        except sqlite3.Error:
            return False  # closed or busy: try again next time
        if version == self._version:
            return False
        self._version = version
        self.changed.emit()
        return True

    def stop(self) -> None:
        self._timer.stop()
