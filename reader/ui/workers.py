"""Long work off the GUI thread: bulk import and background re-analysis.

Each worker opens its own connection to the library file (SQLite in WAL mode lets the window
keep reading meanwhile) and reports through signals; ``cancel()`` stops it between files.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

from reader.core.analysis_store import refresh_stale
from reader.core.importing.pipeline import ImportOptions, ImportReport, import_paths
from reader.core.library import Library

if TYPE_CHECKING:
    from reader.core.analysis.engine import Analyzer


class ImportWorker(QThread):
    progress = Signal(int, int, str)  # done, total, current file
    done = Signal(object)  # ImportReport

    def __init__(self, library_path: Path, paths: list[str], analyzer: Analyzer | None,
                 options: ImportOptions | None = None) -> None:
        super().__init__()
        self.library_path = library_path
        self.paths = paths
        self.analyzer = analyzer
        self.options = options or ImportOptions()
        self._cancel = threading.Event()
        self.report: ImportReport | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        lib = Library.open(self.library_path, verify=False)
        try:
            self.report = import_paths(
                lib, self.paths, analyzer=self.analyzer, options=self.options,
                progress=lambda i, n, name: self.progress.emit(i, n, name),
                cancel=self._cancel.is_set,
            )
        except Exception as exc:  # report, never crash the window
            self.report = ImportReport(errors=[("", f"import failed: {exc}")])
        finally:
            lib.close()
        self.done.emit(self.report)


class RefreshWorker(QThread):
    """Re-analyse articles whose stored analysis came from another engine or other packs."""

    done = Signal(int)

    def __init__(self, library_path: Path, analyzer: Analyzer) -> None:
        super().__init__()
        self.library_path = library_path
        self.analyzer = analyzer
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        lib = Library.open(self.library_path, verify=False)
        try:
            count = refresh_stale(lib, self.analyzer, cancel=self._cancel.is_set)
        finally:
            lib.close()
        self.done.emit(count)
