"""Margin's core: storage, import, analysis, knowledge, notes, export content.

Nothing under ``reader.core`` may import PySide6 (tests/test_core_without_qt.py proves it).
"""
