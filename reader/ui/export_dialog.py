"""File → Export PDF: choices, target file, and a cancellable export in a worker thread.

Integration (for the main window)::

    dialog = ExportDialog(library, analyzer, kb, article_ids, parent=window)
    dialog.exported.connect(lambda path: window.statusBar().showMessage(f"Saved {path}"))
    dialog.failed.connect(lambda message: window.show_error(message))
    dialog.open()            # or exec(); "Export…" asks for the file, then exports

    # programmatic / tests: no file chooser
    dialog.set_path("/tmp/out.pdf"); dialog.start_export()

The export runs on a QThread with its own connection to the library file; a QProgressDialog
(shown for several articles) reports "article i of n" and its Cancel stops the export, which
then leaves no file behind. Errors arrive as one line through ``failed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.library import Library


class ExportWorker(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)  # ExportResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, library_path: Path, analyzer: Any, kb: Any, article_ids: Sequence[int],
                 path: Path, options: Any) -> None:
        super().__init__()
        self.library_path = library_path
        self.analyzer = analyzer
        self.kb = kb
        self.article_ids = list(article_ids)
        self.path = path
        self.options = options
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    @Slot()
    def run(self) -> None:
        from reader.pdf.writer import ExportCancelled, ExportError, export_pdf

        try:
            lib = Library.open(self.library_path, create=False, verify=False)
        except Exception as exc:  # one line for the user, whatever went wrong
            self.failed.emit(str(exc))
            return
        try:
            result = export_pdf(
                lib, self.analyzer, self.kb, self.article_ids, self.path, self.options,
                progress=lambda i, n, t: self.progress.emit(i, n, t), cancel=lambda: self._cancel,
            )
        except ExportCancelled:
            self.cancelled.emit()
        except ExportError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:
            self.failed.emit(f"export failed: {exc}")
        else:
            self.done.emit(result)
        finally:
            lib.close()


class ExportDialog(QDialog):
    exported = Signal(str)  # path of the written PDF
    failed = Signal(str)  # one-line error
    cancelled = Signal()

    def __init__(self, library: Library, analyzer: Any, kb: Any, article_ids: Sequence[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.analyzer = analyzer
        self.kb = kb
        self.article_ids = list(article_ids)
        self.setWindowTitle(self.tr("Export PDF"))
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self.progress_dialog: QProgressDialog | None = None

        count = len(self.article_ids)
        self.summary = QLabel(
            self.tr("1 article into one annotated PDF.") if count == 1 else
             self.tr("{n} articles into one annotated PDF.").replace("{n}", str(count)))
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem(self.tr("US Letter"), "letter")
        self.sources = QCheckBox(self.tr("Sources (who says what, unattributed claims)"))
        self.background = QCheckBox(self.tr("Background facts and references"))
        self.wording = QCheckBox(self.tr("Wording flags"))
        self.notes = QCheckBox(self.tr("My highlights and notes"))
        for box in (self.sources, self.background, self.wording, self.notes):
            box.setChecked(True)
        self.cards_as_annotations = QCheckBox(self.tr("Margin cards also as PDF annotations"))
        self.cards_as_annotations.setToolTip(self.tr(
            "Each source, background and wording card is also written as an annotation on its "
            "words, so it appears in the viewer's annotation list and imports into Zotero."))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Choose where to save…"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Include"), self.sources)
        form.addRow("", self.background)
        form.addRow("", self.wording)
        form.addRow("", self.notes)
        form.addRow(self.tr("Annotations"), self.cards_as_annotations)
        form.addRow(self.tr("File"), path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self._export_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if count == 1:
            article = library.get_article(self.article_ids[0])
            if article is not None:
                self.path_edit.setText(str(Path.home() / f"{_safe_name(article.title)}.pdf"))

    # -- API ------------------------------------------------------------------------------------

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))

    def options(self) -> Any:
        from reader.pdf.writer import PdfOptions

        return PdfOptions(
            paper=str(self.paper.currentData()), sources=self.sources.isChecked(),
            background=self.background.isChecked(), wording=self.wording.isChecked(),
            notes=self.notes.isChecked(), force=True,
            cards_as_annotations=self.cards_as_annotations.isChecked(),
        )

    def start_export(self) -> bool:
        """Start exporting to the chosen path; False (and ``failed``) if it cannot start."""
        from reader.pdf.writer import ExportError, check_target

        text = self.path_edit.text().strip()
        if not text:
            self.failed.emit("choose a file to export to")
            return False
        path = Path(text)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(path.suffix + ".pdf") if path.suffix else path.with_suffix(".pdf")
        try:
            check_target(path, force=True)  # the file chooser already asked about overwriting
        except ExportError as exc:
            self.failed.emit(str(exc))
            return False
        from reader.pdf import fonts

        fonts.load_fonts()  # register the fonts from the GUI thread, before the worker draws
        self.export_button.setEnabled(False)
        worker = ExportWorker(self.library.path, self.analyzer, self.kb, self.article_ids, path, self.options())
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._progress)
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        for signal in (worker.done, worker.failed, worker.cancelled):
            signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(worker.deleteLater)
        self._thread, self._worker = thread, worker
        if len(self.article_ids) > 1:
            dialog = QProgressDialog(self.tr("Preparing…"), self.tr("Cancel"), 0, len(self.article_ids), self)
            dialog.setWindowTitle(self.tr("Exporting PDF"))
            dialog.setMinimumDuration(300)
            dialog.canceled.connect(worker.cancel)
            self.progress_dialog = dialog
        thread.start()
        return True

    def cancel_export(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    # -- internals ------------------------------------------------------------------------------

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PDF"), self.path_edit.text(), "PDF (*.pdf)")
        if path:
            self.path_edit.setText(path)

    def _export_clicked(self) -> None:
        if not self.path_edit.text().strip():
            self._browse()
        self.start_export()

    def _progress(self, i: int, n: int, title: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setValue(i)
            if i < n:
                self.progress_dialog.setLabelText(
                    self.tr("Article {i} of {n}:").replace("{i}", str(i + 1)).replace("{n}", str(n)) + f" {title[:70]}")

    def _finish(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(10000)
        self._thread = None
        self._worker = None
        self.export_button.setEnabled(True)

    def _done(self, result: Any) -> None:
        self._finish()
        self.exported.emit(str(result.path))
        self.accept()

    def _failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
        if self.isVisible():
            QMessageBox.warning(self, self.tr("Export PDF"), message)

    def _cancelled(self) -> None:
        self._finish()
        self.cancelled.emit()

    def closeEvent(self, event: Any) -> None:
        self.cancel_export()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(10000)
        super().closeEvent(event)


def _safe_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return "-".join(keep.split())[:60] or "article"
