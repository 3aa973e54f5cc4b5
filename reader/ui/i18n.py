"""PLACEHOLDER (the theme helper replaces this file)."""

from __future__ import annotations

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication


def install_language(app: QApplication, lang: str) -> QTranslator | None:
    return None


def available_languages() -> list[tuple[str, str]]:
    return [("system", "System"), ("en", "English"), ("de", "Deutsch")]
