"""Write a fixture library of one schema version as an SQL text dump, with the code of that time.

    git archive COMMIT | tar -x -C /tmp/margin-COMMIT
    PYTHONPATH=/tmp/margin-COMMIT python tests/data/libraries/make_fixture.py COMMIT vN.sql

Runs that commit's own ``reader`` command line (import with analysis, highlight, note, bookmark,
a dismissed card) on its bundled samples, then dumps the schema (as SQLite stored it, without
the full-text shadow tables, which the triggers refill on load) and every row of every table.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from reader.cli import main
from reader.core import corrections
from reader.core.library import Library


def build(lib_path: Path, samples: Path) -> None:
    files = sorted(samples.glob("0*.md"))
    base = ["--library", str(lib_path)]
    assert main([*base, "import", *map(str, files[:3])]) == 0
    assert main([*base, "import", "--no-analysis", *map(str, files[3:5])]) == 0
    with Library.open(lib_path) as lib:
        first, second = (lib.require_article(i).text.split() for i in (1, 2))
    assert main([*base, "highlight", "1", "--quote", " ".join(first[3:6]),
                 "--note", "Whose *words*?"]) == 0
    assert main([*base, "highlight", "2", "--quote", second[8], "--color", "green"]) == 0
    assert main([*base, "note", "3", "Compare with **#1**; ask the outlet."]) == 0
    assert main([*base, "bookmark", "2"]) == 0
    with Library.open(lib_path) as lib:
        corrections.dismiss(lib, 1, "wording:fixture", "wording", first[3])


def dump(lib_path: Path, commit: str) -> str:
    conn = sqlite3.connect(lib_path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY rowid").fetchall()
    virtual = [name for kind, name, sql in rows if sql and sql.startswith("CREATE VIRTUAL")]
    shadow = {name for _, name, _ in rows if any(name.startswith(v + "_") for v in virtual)}
    tables = [name for kind, name, sql in rows
              if kind == "table" and name not in shadow and name not in virtual]
    out = [f"-- Margin library, schema version {version}, written by commit {commit}",
           "-- by tests/data/libraries/make_fixture.py. Load with sqlite3 executescript.",
           "BEGIN;"]
    out += [sql + ";" for _, name, sql in rows if sql and name not in shadow]
    inserts = {t: [] for t in tables}
    for line in conn.iterdump():
        for t in tables:
            if line.startswith(f'INSERT INTO "{t}" '):
                inserts[t].append(line)
    for t in tables:
        out += inserts[t]
    out += [f"PRAGMA user_version = {version};", "COMMIT;", ""]
    conn.close()
    return "\n".join(out)


def run() -> None:
    commit, target = sys.argv[1], Path(sys.argv[2])
    import reader

    samples = Path(reader.__file__).resolve().parent.parent / "resources" / "samples"
    with tempfile.TemporaryDirectory() as tmp:
        lib_path = Path(tmp) / "library.sqlite"
        build(lib_path, samples)
        target.write_text(dump(lib_path, commit), encoding="utf-8")


if __name__ == "__main__":
    run()
