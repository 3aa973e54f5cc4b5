"""German UI: the catalogue covers every translatable string, and switching applies."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.i18n import install_language

ROOT = Path(__file__).resolve().parents[2]


def test_catalogue_has_no_empty_translations() -> None:
    data = json.loads((ROOT / "resources" / "translations" / "de.json").read_text(encoding="utf-8"))
    assert data and all(v.strip() for table in data.values() for v in table.values())


def test_every_ui_string_is_translated() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract_strings.py")],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("0 missing"), result.stdout


def test_switching_language(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "de")
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "&Datei"
        assert QCoreApplication.translate("Anything", "not in the catalogue") == "not in the catalogue"
    finally:
        install_language(app, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


UI_TEXT_CALLS = {"setText", "setWindowTitle", "setPlaceholderText", "setToolTip", "addAction", "addRow",
                 "QPushButton", "QCheckBox", "QAction", "QLabel", "addButton", "setLabelText", "addMenu",
                 "QToolBar", "QDockWidget", "showMessage"}


def test_no_visible_string_bypasses_the_translator() -> None:
    """A literal shown to users must go through tr(); otherwise German users see English."""
    import ast

    offenders = []
    for path in sorted((ROOT / "reader" / "ui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name not in UI_TEXT_CALLS:
                continue
            if isinstance(first, ast.Constant):
                text = first.value
            elif isinstance(first, ast.JoinedStr):  # only the literal parts of an f-string count
                text = "".join(v.value for v in first.values if isinstance(v, ast.Constant))
            else:
                continue
            if isinstance(text, str) and any(c.isalpha() for c in text):
                offenders.append(f"{path.name}:{node.lineno}: {text!r}")
    assert offenders == []
