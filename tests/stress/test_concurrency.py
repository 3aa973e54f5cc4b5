"""The window open while 4 ``reader import`` processes write to the same library: nobody sees
"database is locked", no row is lost, and the window's list shows the new articles by itself."""

from __future__ import annotations

import random
import time
from pathlib import Path

from pytestqt.qtbot import QtBot
from stressing import check_library, confirmed_ids, start_imports

from reader.core import notes
from reader.core.analysis.engine import Analyzer
from reader.core.knowledge.loader import load_knowledge
from reader.core.library import Library
from reader.core.models import NewArticle
from reader.core.paths import resources_dir
from reader.ui.app import create_window, settings_at
from reader.ui.library_watch import LibraryWatcher


def test_window_and_four_importers_share_the_library(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    lib = Library.open(path)
    first = lib.add_article(NewArticle(title="Schon da", text="Die Gespräche gehen weiter.", language="de"))
    kb = load_knowledge(resources_dir())
    window = create_window(lib, settings_at(tmp_path / "settings.ini"), kb=kb,
                           analyzer=Analyzer(kb), theme="light")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert len(window.sidebar.model.article_rows()) == 1

    procs = start_imports(path, tmp_path, processes=4, per_process=30, rng=random.Random(4),
                          analysis=True)
    ui_writes = 0
    deadline = time.monotonic() + 240
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        # the user keeps working meanwhile: open, bookmark, annotate (all writes)
        window.open_article(first)
        window.toggle_bookmark(ui_writes % 2 == 0)
        notes.add_article_note(window.library, first, f"während des Imports {ui_writes}")
        ui_writes += 1
        qtbot.wait(100)
    results = [p.communicate(timeout=60) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err and "busy" not in err and "Traceback" not in err, err
    imported = [i for out, _ in results for i in confirmed_ids(out)]
    assert len(imported) == len(set(imported)) == 120
    assert ui_writes >= 3
    # nothing lost, on either side
    assert sorted(lib.article_ids()) == sorted([first, *imported])
    assert len(notes.notes_for(lib, first)) == ui_writes
    assert check_library(path) == []
    # the list caught up without being told
    qtbot.waitUntil(lambda: len(window.sidebar.model.article_rows()) == 121, timeout=10_000)
    window.close()
    lib.close()


def test_watcher_notices_another_connection_only(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as lib, Library.open(path) as other:
        watcher = LibraryWatcher(lib, interval_ms=50)
        lib.add_article(NewArticle(title="Eigene", text="Selbst geschrieben."))
        assert not watcher.check()  # its own writes are already on screen
        other.add_article(NewArticle(title="Fremde", text="Von einem anderen Prozess."))
        with qtbot.waitSignal(watcher.changed, timeout=2000):
            pass
        assert not watcher.check()
        watcher.stop()


def test_four_importers_creating_a_new_library_at_once(tmp_path: Path) -> None:
    path = tmp_path / "new" / "library.sqlite"
    procs = start_imports(path, tmp_path, processes=4, per_process=10, rng=random.Random(5))
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0 and err == "", err
    imported = [i for out, _ in results for i in confirmed_ids(out)]
    assert len(set(imported)) == 40
    assert check_library(path) == []
