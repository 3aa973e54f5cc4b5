"""``reader analyze``: a real file, a real library file, JSON and human output, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from analysis_fixtures import seed_path

from reader.cli import main


@pytest.fixture()
def seed_file(tmp_path: Path) -> Path:
    src = seed_path(1)
    dst = tmp_path / "blinken.txt"
    shutil.copy(src, dst)
    return dst


def test_analyze_path_human(seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["--library", str(tmp_path / "lib.db"), "analyze", str(seed_file)])
    out = capsys.readouterr().out
    assert rc == 0
    first = out.splitlines()[0]
    assert "statements:" in first and "0 Armenian" in first
    assert "Sources (" in out and "Wording (" in out and "Anthony" in out


def test_analyze_path_json_and_raw(seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["--library", str(tmp_path / "lib.db"), "analyze", str(seed_file), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0
    for key in ("language", "title", "text", "attributions", "unattributed", "mentions", "flags",
                "headline", "balance", "engine_version", "knowledge_versions"):
        assert key in data
    assert data["language"] == "de"
    rc = main(["--library", str(tmp_path / "lib.db"), "analyze", str(seed_file), "--json", "--raw"])
    raw = json.loads(capsys.readouterr().out)
    assert rc == 0 and raw["title"] == "" and raw["text"] == seed_file.read_text(encoding="utf-8")


def test_analyze_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(tmp_path / "lib.db")
    assert main(["--library", lib, "analyze", str(tmp_path / "missing.txt")]) == 1
    assert main(["--library", lib, "analyze", "4242"]) == 1
    err = capsys.readouterr().err
    assert "no article #4242" in err
    assert "Traceback" not in err
