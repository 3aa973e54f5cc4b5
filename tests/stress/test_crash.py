"""kill -9 at random moments of real ``reader`` processes: the library stays intact and every
write the user saw confirmed is there (small size; ``benchmarks/stress.py`` runs 100 of each)."""

from __future__ import annotations

import random
import signal
from pathlib import Path

import pytest
from stressing import crash_imports, crash_notes

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")


def test_bulk_import_killed_at_random_moments(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    report = crash_imports(library, tmp_path, rounds=4, per_round=40, rng=random.Random(12))
    assert report.kills + report.finished == 4
    assert report.confirmed >= 40  # the measured first run's confirmations at least
    assert report.lost == [] and report.problems == []


def test_note_and_highlight_writes_killed_at_random_moments(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    report = crash_notes(library, tmp_path, rounds=3, rng=random.Random(13), seconds=(1.0, 2.5))
    assert report.kills == 3 and report.confirmed >= 3
    assert report.lost == [] and report.problems == []
