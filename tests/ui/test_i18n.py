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
