"""reader.core must be importable with Qt absent (the house rule), proven in a fresh process."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import reader.core

BLOCK_QT = """
import importlib, importlib.abc, pkgutil, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ImportError(f'{name} is blocked in this test')
        return None
sys.meta_path.insert(0, NoQt())
import reader.core
names = sorted(m.name for m in pkgutil.walk_packages(reader.core.__path__, 'reader.core.'))
for name in names:
    importlib.import_module(name)
assert not any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules)
print(len(names))
"""


def test_every_core_module_imports_without_qt() -> None:
    expected = len(list(pkgutil.walk_packages(reader.core.__path__, "reader.core.")))
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1], timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) == expected >= 10


def test_no_core_source_mentions_qt() -> None:
    root = Path(reader.core.__file__).parent
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(PySide6|shiboken6)", source, re.M), path
