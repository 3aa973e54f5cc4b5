"""The bundled sample articles (written by the Margin team), loaded into an empty library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.importing.pipeline import import_paths
from reader.core.library import Library
from reader.core.paths import resources_dir

if TYPE_CHECKING:
    from reader.core.analysis.engine import Analyzer


def sample_files() -> list[Path]:
    """The sample articles (the folder's README is not one)."""
    return sorted(p for p in (resources_dir() / "samples").glob("*.md") if p.name.lower() != "readme.md")


def load_samples(lib: Library, analyzer: Analyzer | None = None) -> list[int]:
    """Import every sample not yet in the library; returns the new ids."""
    report = import_paths(lib, sample_files(), analyzer=analyzer)
    return report.imported


def load_samples_if_empty(lib: Library, analyzer: Analyzer | None = None) -> list[int]:
    if lib.read_only or lib.count_articles():
        return []  # (an empty read-only library stays empty: nothing may be written to it)
    return load_samples(lib, analyzer)
