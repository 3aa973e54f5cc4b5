"""Drivers shared by the stress tests (small sizes) and ``benchmarks/stress.py`` (full sizes).

Everything runs the real ``reader`` command line in subprocesses on a real library file.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.library import Library, content_hash
from reader.core.models import NewArticle

ROOT = Path(__file__).resolve().parents[2]
WORDS = ["Waffenruhe", "Grenze", "Gespräche", "Minsk", "Beobachter", "Region", "Abkommen", "Regierung", "erklärte", "ceasefire", "border", "talks", "observers", "region", "agreement", "government", "said", "corridor"]


def reader_env(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MARGIN_DATA_DIR": str(data_dir),
           "PYTHONPATH": str(ROOT)}
    env.pop("MARGIN_LIBRARY", None)
    return env


def reader_cmd(library: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader", "--library", str(library), *args]


def write_articles(folder: Path, count: int, rng: random.Random, tag: str) -> list[Path]:
    """``count`` distinct plain-text articles (title line, paragraphs)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(count):
        paras = [" ".join(rng.choices(WORDS, k=50)) + "." for _ in range(3)]
        path = folder / f"{tag}-{i:04}.txt"
        path.write_text(f"Meldung {tag} {i}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        files.append(path)
    return files


def check_library(library: Path) -> list[str]:
    """Problems found in the file: integrity, the full-text indexes, torn articles."""
    problems = []
    conn = sqlite3.connect(library)
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        problems.append(f"integrity_check: {result[:3]}")
    for table in ("articles_fts", "notes_fts"):
        try:
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"{table}: {exc}")
    for aid, title, text, digest in conn.execute(
            "SELECT id, title, text, content_hash FROM articles"):
        if not text or content_hash(title, text) != digest:
            problems.append(f"article #{aid} is torn")
    conn.close()
    with Library.open(library) as lib:  # and Margin opens it
        lib.count_articles()
    return problems


@dataclass
class CrashReport:
    kills: int = 0
    finished: int = 0
    confirmed: int = 0
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def line(self, what: str) -> str:
        return (f"{what}: {self.kills} kill -9, {self.finished} runs finished, "
                f"{self.confirmed} confirmed writes, {len(self.lost)} lost, "
                f"{len(self.problems)} integrity problems")


def _kill_group(proc: subprocess.Popen[str]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def crash_imports(library: Path, work: Path, rounds: int, per_round: int,
                  rng: random.Random) -> CrashReport:
    """``rounds`` runs of ``reader import`` of fresh folders, each killed at a random moment
    of its expected run time. Confirmed = the ``imported #id: title`` lines it printed."""
    env = reader_env(work / "data")
    report = CrashReport()
    duration = 0.0
    for r in range(rounds + 1):
        folder = work / f"in{r}"
        write_articles(folder, per_round, rng, f"r{r}")
        started = time.monotonic()
        proc = subprocess.Popen(reader_cmd(library, "import", "--no-analysis", str(folder)),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env, start_new_session=True)
        if r == 0:  # the first run is measured, not killed
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
            duration = time.monotonic() - started
        else:
            time.sleep(rng.uniform(0, duration * 1.1))
            _kill_group(proc)
            out, _ = proc.communicate(timeout=60)
            report.kills += proc.returncode == -signal.SIGKILL
            report.finished += proc.returncode == 0
        confirmed = [(int(m[1]), m[2]) for m in re.finditer(r"^imported #(\d+): (.*)$", out, re.M)]
        report.confirmed += len(confirmed)
        report.problems += check_library(library)
        conn = sqlite3.connect(library)
        for aid, title in confirmed:
            row = conn.execute("SELECT title FROM articles WHERE id = ?", (aid,)).fetchone()
            if row is None or row[0] != title:
                report.lost.append(f"#{aid} {title}")
        conn.close()
    return report


WRITER = r"""
i=0
while :; do
  "$PY" -m reader --library "$LIB" note "$AID" "crash note $ROUND-$i" || exit 3
  "$PY" -m reader --library "$LIB" highlight "$AID" --quote "$QUOTE" --note "crash highlight $ROUND-$i" || exit 3
  i=$((i+1))
done
"""


def crash_notes(library: Path, work: Path, rounds: int, rng: random.Random,
                seconds: tuple[float, float] = (0.3, 2.5)) -> CrashReport:
    """A shell loop of ``reader note`` / ``reader highlight`` runs, killed (the whole process
    group, so the ``reader`` process in flight dies with it) at a random moment, ``rounds``
    times. Confirmed = the lines those runs printed; each must be in the library as printed."""
    env = reader_env(work / "data")
    report = CrashReport()
    with Library.open(library) as lib:
        text = " ".join(rng.choices(WORDS, k=80)) + " Schlusswort."
        aid = lib.add_article(NewArticle(title=f"Notizen {rng.random()}", text=text, language="de"))
    for r in range(rounds):
        proc = subprocess.Popen(
            ["sh", "-c", WRITER], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**env, "PY": sys.executable, "LIB": str(library), "AID": str(aid),
                 "ROUND": str(r), "QUOTE": "Schlusswort"},
            start_new_session=True)
        time.sleep(rng.uniform(*seconds))
        _kill_group(proc)
        out, err = proc.communicate(timeout=60)
        assert "Traceback" not in err and "error:" not in err, err
        report.kills += 1
        lines = [ln for ln in out.splitlines() if ln.strip()]
        report.confirmed += len(lines)
        report.problems += check_library(library)
        conn = sqlite3.connect(library)
        for k, line in enumerate(lines):
            m = re.match(r"(?:added|highlighted) note #(\d+)", line)
            kind = "note" if k % 2 == 0 else "highlight"
            want = f"crash {kind} {r}-{k // 2}"
            row = conn.execute("SELECT body FROM notes WHERE id = ?", (int(m[1]),)).fetchone() if m else None
            if row is None or row[0] != want:
                report.lost.append(f"{line!r} (wanted {want!r})")
        conn.close()
    return report


def start_imports(library: Path, work: Path, processes: int, per_process: int,
                  rng: random.Random, analysis: bool = False) -> list[subprocess.Popen[str]]:
    """``processes`` concurrent ``reader import`` runs, each of its own folder of articles."""
    env = reader_env(work / "data")
    procs = []
    folders = []
    for p in range(processes):
        folder = work / f"conc{p}"
        write_articles(folder, per_process, rng, f"p{p}")
        folders.append(folder)
    for folder in folders:
        args = ["import", str(folder)] + ([] if analysis else ["--no-analysis"])
        procs.append(subprocess.Popen(reader_cmd(library, *args), stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, env=env))
    return procs


def confirmed_ids(out: str) -> list[int]:
    return [int(m[1]) for m in re.finditer(r"^imported #(\d+): ", out, re.M)]
