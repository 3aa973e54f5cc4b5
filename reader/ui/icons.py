"""PLACEHOLDER (the theme helper replaces this file)."""

from __future__ import annotations

from PySide6.QtGui import QIcon


def icon(name: str, color: str | None = None) -> QIcon:
    return QIcon()


def app_icon() -> QIcon:
    return QIcon()
