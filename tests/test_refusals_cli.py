"""Every bad input fuzzing found (issue 13), as one table through the real ``reader`` command
line: a non-zero exit, exactly one line on stderr ("error: …"), no traceback, and the library
(when there is a good one) unchanged, row for row. In-process with MARGIN_DEBUG=1 (a bug
raises here instead of being turned into a line); a real process where the OS decides
(permissions, which need root's override dropped)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.stress_fuzz import library_checksum, without_root_override
from reader.cli import main

TEXT = ("Ein Titel über Gespräche\n\nDer Außenminister sagte am Dienstag in Baku, die Gespräche "
        "würden fortgesetzt. Beide Seiten trafen sich an der Grenze.\n")

# Each case: (a function of the temporary folder giving the arguments after --library LIB,
# a function that spoils the library file first, or None to keep the good one-article library).
Case = Callable[[Path], list[str]]


def _fifo(tmp: Path) -> list[str]:
    os.mkfifo(tmp / "pipe.txt")
    return ["import", str(tmp / "pipe.txt")]


def _non_utf8_name(tmp: Path) -> list[str]:
    name = os.path.join(os.fsencode(tmp), b"kaputt\xff\xfe.txt")
    with open(name, "wb") as fh:
        fh.write(bytes(range(256)) * 20)  # not text
    return ["import", os.fsdecode(name)]


def _spoil_garbage(path: Path) -> None:
    path.write_bytes(b"\x00garbage, not SQLite\xff" * 3000)


def _spoil_negative(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -3")
    conn.close()


CASES: dict[str, tuple[Case, Callable[[Path], None] | None]] = {
    "newline in file name": (lambda tmp: ["import", str(tmp / "neue\nZeile.txt")], None),
    "non-UTF-8 file name of a binary file": (_non_utf8_name, None),
    "FIFO": (_fifo, None),
    "/dev/zero": (lambda tmp: ["import", "/dev/zero"], None),
    "folder given as a file to notes import": (lambda tmp: ["notes", "import", str(tmp)], None),
    "show id beyond 64 bits": (lambda tmp: ["show", str(2**64)], None),
    "delete id beyond 64 bits": (lambda tmp: ["delete", str(2**70)], None),
    "analyze id beyond 64 bits": (lambda tmp: ["analyze", str(2**64 + 1)], None),
    "search --limit beyond 64 bits": (lambda tmp: ["search", "Baku", "--limit", str(2**64)], None),
    "negative id": (lambda tmp: ["bookmark", "-1"], None),
    "export-pdf into a missing folder": (lambda tmp: ["export-pdf", "1", "-o", str(tmp / "nicht" / "da.pdf")], None),
    "notes export to /dev/full": (lambda tmp: ["notes", "export", "-o", "/dev/full", "--force"], None),
    "corrupt library": (lambda tmp: ["list"], _spoil_garbage),
    "negative user_version": (lambda tmp: ["show", "1"], _spoil_negative),
}


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "library.sqlite"
    path.parent.mkdir()
    src = tmp_path / "seed.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["--library", str(path), "import", "--no-analysis", str(src)]) == 0
    return path


def checksum(path: Path) -> object:
    try:
        return library_checksum(path)
    except sqlite3.DatabaseError:
        return path.read_bytes()  # not a database: byte for byte


@pytest.mark.parametrize("case", list(CASES))
def test_every_refusal_is_one_line_without_traceback(case: str, lib: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    make_argv, spoil = CASES[case]
    argv = make_argv(tmp_path)
    if spoil is not None:
        spoil(lib)
    before = checksum(lib)
    capsys.readouterr()
    try:
        rc = main(["--library", str(lib), *argv])
    except SystemExit as exc:  # usage errors exit through argparse
        rc = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert rc != 0, (out, err)
    assert err.count("\n") == 1 and err.startswith("error: ") and err.endswith("\n"), err
    assert "Traceback" not in err and "\r" not in err
    assert checksum(lib) == before


@pytest.mark.skipif(os.geteuid() == 0 and not without_root_override(),
                    reason="root without setpriv: permissions cannot be made to apply")
@pytest.mark.parametrize("what", ["folder", "file in it"])
def test_unreadable_folder_is_one_line_in_a_real_process(what: str, lib: Path, tmp_path: Path) -> None:
    locked = tmp_path / "gesperrt"
    locked.mkdir()
    (locked / "a.txt").write_text(TEXT.replace("Titel", "Zweiter"), encoding="utf-8")
    target = locked if what == "folder" else locked / "a.txt"
    os.chmod(locked, 0)
    before = checksum(lib)
    env = {k: v for k, v in os.environ.items() if k != "MARGIN_DEBUG"}
    try:
        proc = subprocess.run([*without_root_override(), sys.executable, "-m", "reader", "--library",
                               str(lib), "import", str(target)], capture_output=True, text=True,
                              timeout=60, env=env)
    finally:
        os.chmod(locked, 0o755)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    assert checksum(lib) == before
