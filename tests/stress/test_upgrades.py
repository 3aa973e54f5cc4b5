"""Upgrades and refusals: every earlier schema migrates with nothing lost; files that are not a
healthy Margin library of a version this Margin reads are refused in one line and never touched.

The fixtures in ``tests/data/libraries/vN.sql`` are SQL text dumps written by the code of each
schema version (``make_fixture.py`` says how); a new schema version needs a new dump.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import stat
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.cli import main
from reader.core import corrections, notes, schema
from reader.core.library import KEEP_BACKUPS, Library, LibraryError
from reader.core.models import NewArticle

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "libraries"


def fixture_version(path: Path) -> int:
    match = re.fullmatch(r"v(\d+)\.sql", path.name)
    assert match, path
    return int(match.group(1))


OLDER = [p for p in sorted(FIXTURES.glob("v*.sql")) if fixture_version(p) < schema.SCHEMA_VERSION]


def load(fixture: Path, target: Path) -> Path:
    conn = sqlite3.connect(target)
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    return target


def user_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Real tables (not full-text shadow tables) and their columns."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [n for n, sql in rows if sql.startswith("CREATE VIRTUAL")]
    names = [n for n, _ in rows if n not in virtual and not any(n.startswith(v + "_") for v in virtual)]
    return {n: [r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}


def snapshot(path: Path, tables: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for name, cols in tables.items():
        quoted = ", ".join(f'"{c}"' for c in cols)
        out[name] = conn.execute(f'SELECT {quoted} FROM "{name}" ORDER BY rowid').fetchall()
    conn.close()
    return out


def test_every_earlier_schema_has_a_fixture() -> None:
    for version in range(1, schema.SCHEMA_VERSION):
        assert (FIXTURES / f"v{version}.sql").is_file(), f"no fixture library for schema {version}"


@pytest.mark.parametrize("fixture", OLDER, ids=lambda p: p.stem)
def test_earlier_schema_migrates_with_nothing_lost(fixture: Path, tmp_path: Path) -> None:
    path = load(fixture, tmp_path / "library.sqlite")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == fixture_version(fixture)
    old_tables = user_tables(conn)
    conn.close()
    before = snapshot(path, old_tables)
    assert before["articles"] and before["notes"] and before["analyses"] and before["corrections"]

    lib = Library.open(path)
    assert lib.schema_version == schema.SCHEMA_VERSION
    assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the automatic copy, and one line saying where it is
    backup = tmp_path / f"library.sqlite.v{fixture_version(fixture)}-backup"
    assert len(lib.notices) == 1 and str(backup) in lib.notices[0] and "\n" not in lib.notices[0]
    assert snapshot(backup, old_tables) == before
    # every row of every old table, column for column
    assert set(user_tables(lib.conn)) >= set(old_tables)
    after = snapshot(path, old_tables)
    for name in old_tables:
        assert len(after[name]) == len(before[name]), name
        assert after[name] == before[name], name
    # and the library works on it: list, full-text search of articles and notes, notes, cards
    titles = [r[1] for r in before["articles"]]
    assert sorted(a.title for a in lib.list_articles()) == sorted(titles)
    first = lib.require_article(1)
    word = max(first.text.split()[:20], key=len).strip(".,:;\"'()")
    assert 1 in {h.article_id for h in lib.search(word)}
    note_bodies = [b for b in (r[old_tables["notes"].index("body")] for r in before["notes"]) if b]
    for body in note_bodies:
        term = max(re.findall(r"\w+", body), key=len)
        assert any(h.where == "note" for h in lib.search(term)), term
    assert len(notes.all_notes(lib)) == len(before["notes"])
    assert [c.key for c in corrections.corrections_for(lib, 1)] == ["wording:fixture"]
    assert lib.list_summaries()  # the list view's query runs on the migrated schema
    new_id = lib.add_article(NewArticle(title="Nach dem Upgrade", text="Neu hinzugefügt."))
    assert lib.search("hinzugefügt")[0].article_id == new_id
    lib.close()
    # opening again neither migrates nor copies
    with Library.open(path) as again:
        assert again.notices == []
    assert sorted(p.name for p in tmp_path.glob("*-backup")) == [backup.name]


def test_only_the_last_few_backups_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    for _ in range(KEEP_BACKUPS + 2):
        path.unlink(missing_ok=True)
        load(OLDER[0], path)
        Library.open(path).close()
    backups = list(tmp_path.glob("library.sqlite.v*-backup"))
    assert len(backups) == KEEP_BACKUPS
    for b in backups:
        assert stat.S_IMODE(b.stat().st_mode) == 0o600


# -- refusals -----------------------------------------------------------------------------------


def current_library(path: Path) -> Path:
    with Library.open(path) as lib:
        for i in range(40):
            aid = lib.add_article(NewArticle(
                title=f"Bericht {i}", text=f"Die Minsk-Gruppe tagte zum {i}. Mal. " * 40))
            notes.add_article_note(lib, aid, f"Notiz {i}")
    return path


def newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()


def negative(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -3")
    conn.close()


def garbage(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(50_000))


def text_file(path: Path) -> None:
    path.write_text("Dies ist ein Artikel, keine Bibliothek.\n" * 50)


def foreign_sqlite(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3 // 4096 * 4096])


def damaged_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096 * (len(data) // 4096 // 2)
    data[page : page + 512] = random.Random(2).randbytes(512)
    path.write_bytes(bytes(data))


REFUSED = {
    "newer": (newer, "newer version of Margin"),
    "negative-version": (negative, "not a Margin library"),
    "garbage": (garbage, "not a Margin library"),
    "text-file": (text_file, "not a Margin library"),
    "foreign-sqlite": (foreign_sqlite, "not a Margin library"),
    "truncated": (truncated, "damaged"),
    "damaged-page": (damaged_page, "damaged"),
}


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_library_is_refused_in_one_line_and_never_modified(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spoil, message = REFUSED[case]
    folder = tmp_path / "lib"
    folder.mkdir()
    path = current_library(folder / "library.sqlite")
    spoil(path)
    before = files_in(folder)
    with pytest.raises(LibraryError, match=message) as exc:
        Library.open(path)
    assert "\n" not in str(exc.value)
    article = tmp_path / "neu.txt"
    article.write_text("Neuer Artikel\n\nDie Gespräche in Wien gingen weiter.\n")
    for command in (["list"], ["search", "Minsk"], ["show", "1"], ["note", "1", "noch eine"],
                    ["bookmark", "1"], ["import", "--no-analysis", str(article)],
                    ["notes", "--json"], ["delete", "2"]):
        capsys.readouterr()
        assert main(["--library", str(path), *command]) == 1, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: ") and message in err, (command, err)
    assert files_in(folder) == before  # byte for byte, and no -wal, -shm or backup left behind


def test_read_only_library_reads_and_refuses_writes_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    path = current_library(folder / "library.sqlite")
    path.chmod(0o444)
    before = path.read_bytes()
    base = ["--library", str(path)]
    assert main([*base, "list"]) == 0
    assert "40 article(s)" in capsys.readouterr().out
    assert main([*base, "search", "Notiz"]) == 0
    assert "(note)" in capsys.readouterr().out
    assert main([*base, "show", "3"]) == 0
    assert "Bericht 2" in capsys.readouterr().out
    article = tmp_path / "neu.txt"
    article.write_text("Neuer Artikel\n\nDie Gespräche in Wien gingen weiter.\n")
    for command in (["note", "1", "noch eine"], ["bookmark", "1"], ["delete", "2"],
                    ["highlight", "1", "--quote", "Minsk"]):
        assert main([*base, *command]) == 1, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "read-only" in err, (command, err)
    main([*base, "import", "--no-analysis", str(article)])
    assert "read-only" in capsys.readouterr().err
    with Library.open(path) as lib:
        assert lib.read_only and lib.count_articles() == 40
        lib.mark_opened(1)  # reading records nothing, and does not fail
    assert path.read_bytes() == before


def test_read_only_library_of_an_older_schema_is_refused_not_upgraded(tmp_path: Path) -> None:
    path = load(OLDER[0], tmp_path / "library.sqlite")
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="read-only and needs an upgrade"):
        Library.open(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*-backup"))


def test_new_library_and_its_folder_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = tmp_path / "data" / "margin"
        lib = Library.open(folder / "library.sqlite")
        lib.add_article(NewArticle(title="Privat", text="Nur für mich."))
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for name in ("library.sqlite", "library.sqlite-wal", "library.sqlite-shm"):
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
        lib.close()
    finally:
        os.umask(old)


def test_processes_opening_a_new_library_at_once_migrate_it_once(tmp_path: Path) -> None:
    """Two openers of one fresh file: the second sees the first's migration and skips it."""
    path = tmp_path / "library.sqlite"
    first = Library.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.close()
    second = Library(sqlite3.connect(path, isolation_level=None), path)
    second._migrate(0)  # as if it had read version 0 just before the first one committed
    assert second.schema_version == schema.SCHEMA_VERSION
    first.close()
    second.close()


def test_window_says_where_the_pre_upgrade_copy_is(tmp_path: Path, qtbot: QtBot) -> None:
    from reader.core.analysis.engine import Analyzer
    from reader.core.knowledge.loader import load_knowledge
    from reader.core.paths import resources_dir
    from reader.ui.app import create_window, settings_at

    path = load(OLDER[0], tmp_path / "library.sqlite")
    lib = Library.open(path)
    kb = load_knowledge(resources_dir())
    window = create_window(lib, settings_at(tmp_path / "settings.ini"), kb=kb,
                           analyzer=Analyzer(kb), theme="light")
    qtbot.addWidget(window)
    assert f"library.sqlite.v{fixture_version(OLDER[0])}-backup" in window.statusBar().currentMessage()
    window.close()
    lib.close()
