"""One line for the user when the library refuses a change (read-only file, a note over the
length limit, any other one-line ``LibraryError``), in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from reader.core.library import LibraryError, ReadOnlyLibrary
from reader.core.notes import MAX_NOTE_BODY, NoteTooLong
from reader.ui.article_view import _ui_language


def refusal_text(exc: LibraryError) -> str:
    if isinstance(exc, ReadOnlyLibrary):
        return QCoreApplication.translate(
            "Refusal", "This library is read-only (no write permission); nothing was changed.")
    if isinstance(exc, NoteTooLong):
        return (QCoreApplication.translate(
            "Refusal", "The note is {n} characters long, over the limit of {max}; it was not saved.")
            .replace("{n}", _number(exc.length)).replace("{max}", _number(MAX_NOTE_BODY)))
    message = " ".join(str(exc).split())
    return QCoreApplication.translate("Refusal", "Not changed:") + f" {message}"


def read_only_notice() -> str:
    return QCoreApplication.translate("Refusal", "Read-only library")


def _number(n: int) -> str:
    """``n`` with the window language's digit grouping (100,001 / 100.001)."""
    return QLocale(_ui_language()).toString(n)
