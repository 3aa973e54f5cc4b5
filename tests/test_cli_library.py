"""The command line as users run it: real processes, real library files, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__


def run(*args: str, library: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MARGIN_LIBRARY": str(library), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=stdin.decode() if stdin else None,
        capture_output=True, text=True, env=env, timeout=120,
    )


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    return tmp_path / "lib.sqlite"


def test_version_and_help(lib_path: Path) -> None:
    r = run("--version", library=lib_path)
    assert r.returncode == 0 and __version__ in r.stdout
    r = run("--help", library=lib_path)
    assert r.returncode == 0
    for command in ("import", "list", "show", "search", "delete", "analyze", "kb"):
        assert command in r.stdout


def test_import_list_show_search_delete(lib_path: Path, seeds: list[Path]) -> None:
    r = run("import", "--no-analysis", *map(str, seeds), library=lib_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("imported #") == 2
    listed = json.loads(run("list", "--json", library=lib_path).stdout)
    assert {a["title"][:13] for a in listed} == {"Aserbaidschan", "US-Außenminis"}
    for a in listed:
        assert set(a) >= {"id", "title", "outlet", "published", "language", "url"}
    azv = next(a for a in listed if a["outlet"] == "AzVision")
    assert azv["published"] == "2023-09-20"
    shown = json.loads(run("show", str(azv["id"]), "--json", library=lib_path).stdout)
    assert shown["text"].startswith("Am 19. September")
    hits = json.loads(run("search", "Minsk", "--json", library=lib_path).stdout)
    assert [h["title"][:13] for h in hits] == ["Aserbaidschan"]
    r = run("import", "--no-analysis", str(seeds[0]), library=lib_path)
    assert r.returncode == 0 and "duplicate" in r.stdout
    r = run("delete", str(azv["id"]), library=lib_path)
    assert r.returncode == 0
    assert len(json.loads(run("list", "--json", library=lib_path).stdout)) == 1


def test_standard_input(lib_path: Path) -> None:
    r = run("import", "--no-analysis", "-", library=lib_path,
            stdin="Titel aus stdin\n\nDer Text kam über die Standardeingabe.\n".encode())
    assert r.returncode == 0, r.stderr
    assert "Titel aus stdin" in r.stdout


def test_errors_are_one_line_with_nonzero_status(tmp_path: Path, lib_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = run("import", "--no-analysis", str(empty), str(tmp_path / "missing.txt"), library=lib_path)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert lines == [f"error: {empty}: file is empty", f"error: {tmp_path / 'missing.txt'}: no such file"]
    for args in (("show", "999"), ("delete", "999"), ("search", '"open')):
        r = run(*args, library=lib_path)
        assert r.returncode == 1
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_library_option_and_newer_library_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "elsewhere.sqlite"
    r = run("--library", str(path), "list", library=tmp_path / "ignored.sqlite")
    assert r.returncode == 0 and path.exists() and not (tmp_path / "ignored.sqlite").exists()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    r = run("--library", str(path), "list", library=path)
    assert r.returncode == 1 and "newer version of Margin" in r.stderr


@pytest.mark.parametrize("args", [("show", "abc"), ("frobnicate",), ("kb", "show"), ("import",)])
def test_usage_mistakes_are_one_line_with_status_2(lib_path: Path, args: tuple[str, ...]) -> None:
    r = run(*args, library=lib_path)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: reader") and "--help" in lines[0]
