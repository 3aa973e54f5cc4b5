"""PySide6 6.12.0 aborts CPython 3.11 after a few thousand void calls (None's refcount drops).

The pin in pyproject.toml keeps us below 6.12; this test catches a wheel that brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_none_refcount_stays_stable_over_many_void_calls(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for i in range(20_000):
        widget.move(i % 100, 0)
    after = sys.getrefcount(None)
    if before > 10**9:  # immortal None (Python 3.12+): nothing to lose
        return
    assert abs(after - before) <= 50, (before, after)
