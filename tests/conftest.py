"""Shared test set-up. Qt must run offscreen, and that must be set before Qt is imported."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest

from reader.core.library import Library

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
if not SEEDS.is_dir():  # a clean clone in CI has shared/ beside the checkout
    SEEDS = Path(os.environ.get("MARGIN_SEEDS", "/work/shared/seeds"))


def pytest_configure(config: pytest.Config) -> None:
    """One QApplication for the whole run, made before any test. In-process PDF export makes a
    bare QGuiApplication when none exists (as the CLI needs); if a PDF test ran first, every
    later widget test would abort, so a subset like ``-k "not stress"`` crashed."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:  # the core-only CI job has no Qt
        return
    if QApplication.instance() is None:
        config._margin_qapp = QApplication(["margin-tests"])  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _private_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder or library from a test."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("MARGIN_DATA_DIR", str(data))
    monkeypatch.delenv("MARGIN_LIBRARY", raising=False)
    # a bug in a command reaches the test as its exception, not as the one-line last resort
    monkeypatch.setenv("MARGIN_DEBUG", "1")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite")
    yield lib
    lib.close()


@pytest.fixture
def seeds() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) < 2:
        pytest.skip("the seed articles (../shared/seeds) are not beside this checkout")
    return files
