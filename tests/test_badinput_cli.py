"""Regression tests for the bad-input defects of issue 13, through the real ``reader`` CLI
(``reader.cli.main`` in-process, or a real process where the OS matters) on a real library."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.stress_fuzz import library_checksum, without_root_override
from reader.cli import main

TEXT = ("Ein Titel über Gespräche\n\nDer Außenminister sagte am Dienstag in Baku, die Gespräche "
        "würden fortgesetzt. Beide Seiten trafen sich an der Grenze.\n")


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite"
    src = tmp_path / "seed.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["--library", str(path), "import", "--no-analysis", str(src)]) == 0
    assert main(["--library", str(path), "highlight", "1", "--quote", "Gespräche"]) == 0
    return path


def run(lib: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        rc = main(["--library", str(lib), *argv])
    except SystemExit as exc:
        rc = int(exc.code or 0)
    out, err = capsys.readouterr()
    return rc, out, err


def refused(lib: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    before = library_checksum(lib)
    rc, _, err = run(lib, *argv, capsys=capsys)
    assert rc != 0, err
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert library_checksum(lib) == before
    return err


def test_non_utf8_file_name_imports_and_newline_name_is_one_line(lib: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"bad\xff.txt")
    with open(name, "wb") as fh:
        fh.write("Anderer Titel\n\nEin ganz anderer Text über die Verhandlungen in Wien.\n".encode())
    rc, out, err = run(lib, "import", "--no-analysis", os.fsdecode(name), capsys=capsys)
    assert rc == 0 and "imported #2" in out, err
    err = refused(lib, capsys, "import", str(tmp_path / "new\nline.txt"))
    assert "new\\nline.txt: no such file" in err


def test_fifo_and_devices_are_refused_without_reading(lib: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "named pipe" in refused(lib, capsys, "import", str(fifo))
    assert "device" in refused(lib, capsys, "import", "/dev/zero")


def test_dev_zero_on_stdin_stops_at_the_limit(lib: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([sys.executable, "-m", "reader", "--library", str(lib), "import", "-",
                               "--max-size", "2"], stdin=zero, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr == "error: -: standard input is over the 2 MB limit\n"


def test_one_megabyte_definition_in_help_and_errors(lib: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Titel\n\n" + b"Wort " * 300_000)  # 1.5 MB
    assert "file is 1.5 MB, over the 1 MB limit" in refused(lib, capsys, "import", "--max-size", "1", str(big))
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "default 20 MB" in capsys.readouterr().out
    for bad in ("inf", "nan", "0", "-3"):
        assert "--max-size" in refused(lib, capsys, "import", "--max-size", bad, str(big))


@pytest.mark.skipif(os.geteuid() == 0 and not without_root_override(),
                    reason="root without setpriv: permissions cannot be made to apply")
def test_unreadable_folders_are_errors(lib: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(TEXT.replace("Titel", "Zweiter"), encoding="utf-8")
    os.chmod(locked, 0)
    try:
        for target, message in ((locked, "cannot read this folder: Permission denied"),
                                (locked / "a.txt", "cannot read: Permission denied")):
            before = library_checksum(lib)
            proc = subprocess.run([*without_root_override(), sys.executable, "-m", "reader",
                                   "--library", str(lib), "import", str(target)],
                                  capture_output=True, text=True, timeout=60)
            assert proc.returncode == 1 and proc.stderr == f"error: {target}: {message}\n"
            assert library_checksum(lib) == before
    finally:
        os.chmod(locked, 0o755)


def test_empty_folder_warns_and_fails(lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    rc, _, err = run(lib, "import", str(tmp_path / "empty"), capsys=capsys)
    assert rc == 1 and err.startswith("warning: nothing imported")


@pytest.mark.parametrize("argv", [
    ["show", str(2**64)], ["delete", str(2**70)], ["analyze", "99999999999999999999999"],
    ["search", "x", "--limit", str(2**64)], ["bookmark", "-1"], ["note", "0", "x"],
    ["highlight", "1", "--quote", "Titel", "--occurrence", str(2**65)], ["notes", str(2**64)],
    ["export-pdf", str(2**64), "-o", "x.pdf"], ["show", "١"],
])
def test_ids_and_limits_beyond_64_bits(lib: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    refused(lib, capsys, *argv)


def test_outputs_into_missing_unwritable_or_device_paths(lib: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert "does not exist" in refused(lib, capsys, "export-pdf", "1", "-o", str(tmp_path / "no" / "x.pdf"))
    refused(lib, capsys, "export-pdf", "1", "-o", "/proc/x.pdf")
    err = refused(lib, capsys, "notes", "export", "-o", "/dev/full", "--force")
    assert "not a regular file" in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    refused(lib, capsys, "notes", "export", "-o", str(fifo), "--force")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def _notes_file(lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    out = tmp_path / "notes.json"
    assert run(lib, "notes", "export", "--format", "json", "-o", str(out), capsys=capsys)[0] == 0
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(version="1"), "version"),
    (lambda d: d.update(version=[1]), "version"),
    (lambda d: d.update(articles={}), "articles"),
    (lambda d: d["articles"][0].update(article=[]), "articles[0].article"),
    (lambda d: d["articles"][0]["notes"][0].update(start=10**30), "articles[0].notes[0].start"),
    (lambda d: d["articles"][0]["notes"][0].update(end=1.5), "articles[0].notes[0].end"),
    (lambda d: d["articles"][0]["notes"][0].update(created_at=7), "articles[0].notes[0].created_at"),
    (lambda d: d["articles"][0]["notes"][0].update(body="x" * 100_001), "articles[0].notes[0].body"),
    (lambda d: d["articles"][0]["notes"][0].update(kind=["highlight"]), "articles[0].notes[0].kind"),
])
def test_notes_import_names_the_json_path(lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          change: object, where: str) -> None:
    data = _notes_file(lib, tmp_path, capsys)
    main(["--library", str(lib), "notes", "export", "-o", str(tmp_path / "x.md")])
    # a second, good note first: the import must be all or nothing
    data["articles"][0]["notes"].insert(0, {"kind": "article", "body": "good note"})  # type: ignore[index]
    change(data)  # type: ignore[operator]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    err = refused(lib, capsys, "notes", "import", str(path))
    assert f"malformed notes file: {where}" in err


def test_deep_and_oversized_notes_files(lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nested too deeply" in refused(lib, capsys, "notes", "import", str(deep))
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(60_000_000)
    assert "over the 50 MB limit" in refused(lib, capsys, "notes", "import", str(huge))


def test_random_bytes_and_invisible_titles_are_not_articles(lib: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import random

    rng = random.Random(7)
    for i in range(30):
        path = tmp_path / f"noise{i}.txt"
        path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(200)) if i % 2
                         else rng.randbytes(300))
        refused(lib, capsys, "import", str(path))
    boms = tmp_path / "boms.txt"
    boms.write_text("\ufeff \ufeff\n\n\ufeff \u200b\n\n  \ufeff\n", encoding="utf-8")
    assert "empty" in refused(lib, capsys, "import", str(boms))
    invisible_title = tmp_path / "title.txt"
    invisible_title.write_text("\ufeff\u200b\n\nEin Text über die Gespräche in Wien und Baku.\n\nDie Delegationen trafen sich am Montag.\n", encoding="utf-8")
    rc, out, _ = run(lib, "import", "--no-analysis", str(invisible_title), capsys=capsys)
    assert rc == 0 and "#2: Ein Text über die Gespräche" in out  # the first visible line is the title


def test_last_resort_handler_is_one_line_and_debug_shows_the_traceback(lib: Path, tmp_path: Path) -> None:
    """A bug (forced here by replacing a command with one that raises) ends as one line;
    MARGIN_DEBUG=1 keeps the traceback."""
    env = {k: v for k, v in os.environ.items() if k != "MARGIN_DEBUG"}
    code = ("import reader.commands.library as m\n"
            "def boom(*a):\n    raise ValueError('bad\\nthing')\n"
            "m.cmd_list = boom\nimport sys\nfrom reader.cli import main\n"
            f"sys.exit(main(['--library', {str(lib)!r}, 'list']))\n")
    quiet = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert quiet.returncode == 1
    assert quiet.stderr == "error: internal error: ValueError: bad thing (set MARGIN_DEBUG=1 for details)\n"
    loud = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**env, "MARGIN_DEBUG": "1"}, timeout=60)
    assert loud.returncode == 1 and "Traceback" in loud.stderr


def test_usage_errors_with_a_newline_are_one_line(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(lib, capsys, "list", "\n", "x")
    assert "unrecognized arguments: \\n x" in err
