"""A non-editable install carries everything under resources/ and finds it at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        cwd=build, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return next(out.glob("margin_reader-*.whl"))


def test_wheel_contains_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert shipped
    for path in shipped:
        assert f"reader/resources/{path.relative_to(ROOT / 'resources').as_posix()}" in names, path
    assert "reader/cli.py" in names


def test_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import reader, reader.core.paths as p; "
        "assert reader.__file__.startswith(sys.argv[1]), reader.__file__; "
        "r = p.resources_dir(); print(r); assert (r / 'fonts').is_dir(), r; "
        "assert str(r).startswith(sys.argv[1]), r"
    )
    result = subprocess.run([sys.executable, "-c", code, str(target)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
