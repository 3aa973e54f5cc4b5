"""The real window over a real library file, offscreen, with settings in a temp INI file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.analysis.engine import Analyzer
from reader.core.knowledge.loader import load_knowledge
from reader.core.knowledge.model import KnowledgeBase
from reader.core.library import Library
from reader.core.paths import resources_dir
from reader.ui.app import create_window, settings_at
from reader.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(resources_dir())


@pytest.fixture(scope="session")
def analyzer(kb: KnowledgeBase) -> Analyzer:
    return Analyzer(kb)


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path, kb: KnowledgeBase, analyzer: Analyzer) -> Iterator[WindowFactory]:
    """Open (and re-open, for restart tests) a window on the same library and settings."""
    libraries: list[Library] = []
    windows: list[MainWindow] = []

    def make(theme: str = "light", size: tuple[int, int] = (1600, 1000)) -> MainWindow:
        lib = Library.open(tmp_path / "library.sqlite")
        libraries.append(lib)
        window = create_window(lib, settings_at(tmp_path / "settings.ini"), kb=kb,
                               analyzer=analyzer, theme=theme)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.area.relayout()
        return window

    yield make
    for window in windows:
        window.close()  # before its library closes: no timer may fire on a closed file
    for lib in libraries:
        lib.close()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()
