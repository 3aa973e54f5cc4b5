"""One line for the user when the library refuses a change (read-only file, a note over the
length limit, any other one-line ``LibraryError``), in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.core.library import LibraryError, ReadOnlyLibrary
from reader.core.notes import MAX_NOTE_BODY, NoteTooLong


def refusal_text(exc: LibraryError) -> str:
    if isinstance(exc, ReadOnlyLibrary):
        return QCoreApplication.translate(
            "Refusal", "This library is read-only (no write permission); nothing was changed.")
    if isinstance(exc, NoteTooLong):
        return (QCoreApplication.translate(
            "Refusal", "The note is {n} characters long, over the limit of {max}; it was not saved.")
            .replace("{n}", f"{exc.length:,}").replace("{max}", f"{MAX_NOTE_BODY:,}"))
    message = " ".join(str(exc).split())
    return QCoreApplication.translate("Refusal", "Not changed:") + f" {message}"


def read_only_notice() -> str:
    return QCoreApplication.translate("Refusal", "Read-only library")
