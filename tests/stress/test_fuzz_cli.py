"""Bad input to every command, generated (Hypothesis and a seeded generator), at a small size.

The full-size run (10,000 inputs) is ``benchmarks/stress_fuzz.py --fuzz N``; both use the same
checks: exit 0 for valid input, else one line on stderr and a non-zero exit, no traceback, no
hang, and a failed command leaves every row of the library as it was.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.stress_fuzz import (
    Fuzzer,
    one_case,
    run_subprocess,
    subprocess_cases,
    without_root_override,
)

FAST = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzer]:
    from PySide6.QtWidgets import QApplication

    # export-pdf in-process starts Qt; make it the widgets application pytest-qt expects later
    _app = QApplication.instance() or QApplication([])
    saved = {k: os.environ.get(k) for k in ("MARGIN_DEBUG", "MARGIN_DATA_DIR")}
    fz = Fuzzer(tmp_path_factory.mktemp("fuzz"))
    yield fz
    del _app
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _ok(fz: Fuzzer) -> None:
    assert fz.problems == []


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ""]))
def test_import_of_any_bytes_keeps_the_contract(fuzzer: Fuzzer, data: bytes, suffix: str) -> None:
    path = fuzzer.file(f"h{abs(hash(data)) % 10**9}{suffix}", data)
    fuzzer.run(["import", "--no-analysis", path], category="import bytes")
    os.unlink(path)
    _ok(fuzzer)


@FAST
@given(text=st.text(max_size=400), encoding=st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig"]))
def test_import_of_any_text_keeps_the_contract(fuzzer: Fuzzer, text: str, encoding: str) -> None:
    data = text.encode(encoding, "surrogatepass")
    path = fuzzer.file(f"t{abs(hash(data)) % 10**9}.txt", data)
    fuzzer.run(["import", "--no-analysis", path] if len(text) % 2 else ["import", path],
               category="import text")
    os.unlink(path)
    _ok(fuzzer)


@FAST
@given(query=st.text(max_size=60), limit=st.one_of(st.none(), st.integers(-2**70, 2**70).map(str), st.text(max_size=8)))
def test_search_queries_and_limits(fuzzer: Fuzzer, query: str, limit: str | None) -> None:
    query = query.replace("\x00", "")
    fuzzer.run(["search", query, *(["--limit", limit.replace("\x00", "")] if limit is not None else [])],
               category="search")
    _ok(fuzzer)


@FAST
@given(ident=st.one_of(st.integers(-2**80, 2**80).map(str), st.text(max_size=25)),
       command=st.sampled_from(["show", "delete", "analyze", "bookmark", "notes"]))
def test_ids_of_every_command(fuzzer: Fuzzer, ident: str, command: str) -> None:
    ident = ident.replace("\x00", "")
    if command == "analyze" and os.path.lexists(ident):
        return
    fuzzer.run([command, ident], category="id")
    _ok(fuzzer)


def test_seeded_mix_of_every_kind_of_bad_input(fuzzer: Fuzzer) -> None:
    rng = random.Random(12)
    for _ in range(100):
        one_case(fuzzer, rng)
    _ok(fuzzer)
    assert fuzzer.stats["tracebacks"] == 0 and fuzzer.stats["hangs"] == 0


def test_random_bytes_are_never_an_article(fuzzer: Fuzzer) -> None:
    rng = random.Random(3)
    for _ in range(40):
        path = fuzzer.file("noise.txt", rng.randbytes(rng.randint(64, 4096)))
        out = fuzzer.run(["import", "--no-analysis", path], must_fail=True, category="noise")
        assert out.rc == 1
    _ok(fuzzer)


def test_fifo_dev_zero_and_unreadable_folders_as_real_processes(fuzzer: Fuzzer) -> None:
    if os.geteuid() == 0 and not without_root_override():
        pytest.skip("running as root without setpriv: file permissions cannot be made to apply")
    before = fuzzer.stats["subprocess inputs"]
    subprocess_cases(fuzzer)
    assert fuzzer.stats["subprocess inputs"] - before == 5
    _ok(fuzzer)


def test_unexpected_errors_are_one_line_without_debug(fuzzer: Fuzzer, tmp_path: Path) -> None:
    """The last-resort handler: a deeply nested notes file in a real process, no MARGIN_DEBUG."""
    nested = tmp_path / "deep.json"
    nested.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    out = run_subprocess(fuzzer, ["notes", "import", str(nested)], category="deep json")
    assert out.rc == 1 and out.problem == "" and out.stderr.count("\n") == 1
