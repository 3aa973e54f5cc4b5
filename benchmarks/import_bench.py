"""Import of one very long plain-text file through the real command line, with analysis.

    .venv/bin/python benchmarks/import_bench.py [--sizes 2 19]

For each size (in MB of 1,000,000 bytes; the import limit is 20 MB) writes a news-like text
(German and English paragraphs, blank lines between them) to a temporary folder, runs
``reader --library LIB import FILE`` as a real process and prints its wall-clock seconds and
peak resident memory (from ``wait4``), the stored analysis's size and how much of the text it
covers. Nothing is written outside the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DE = ["Der Außenminister sagte am Dienstag in Baku, die Gespräche über den Friedensvertrag "
      "würden in der nächsten Woche fortgesetzt.",
      "Laut der Nachrichtenagentur dpa trafen sich beide Delegationen an der Grenze.",
      "Das Außenministerium Aserbaidschans erklärte, Armenien habe die Vereinbarung verletzt.",
      "Präsident Ilham Alijew betonte, der Frieden in der Region sei möglich.",
      "Nikol Paschinjan sagte, Armenien sei zu Kompromissen bereit.",
      "Beobachter der OSZE berichteten von einer ruhigen Lage in Bergkarabach.",
      "Die Regierung in Eriwan kritisierte die Blockade des Latschin-Korridors scharf."]
EN = ["The foreign minister said on Tuesday that talks on the peace treaty would continue "
      "next week, according to a statement.",
      "Observers described the meeting at the border as calm.",
      "Azerbaijan's Ministry of Defence said Armenian forces had opened fire on its positions.",
      "Prime Minister Nikol Pashinyan told reporters the agreement was a historic step.",
      "The UN Security Council called for restraint on both sides.",
      "Refugees from Nagorno-Karabakh arrived in Goris, the ICRC said.",
      "Critics claim the so-called peace deal is a capitulation."]


def make_file(path: Path, megabytes: float, seed: int = 5) -> None:
    rng = random.Random(seed)
    size = int(megabytes * 1_000_000)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Ein sehr langer Bericht über die Verhandlungen\n\n")
        written = 0
        while written < size:
            pool = DE if rng.random() < 0.5 else EN
            para = " ".join(rng.choice(pool) for _ in range(rng.randint(3, 7))) + "\n\n"
            fh.write(para)
            written += len(para.encode("utf-8"))


def run(megabytes: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "long.txt"
        make_file(source, megabytes)
        lib = Path(tmp) / "library.sqlite"
        env = {**os.environ, "MARGIN_DATA_DIR": str(Path(tmp) / "data")}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "reader", "--library", str(lib), "import",
                                 str(source)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode:
            raise SystemExit(f"import failed: {err.strip()}")
        conn = sqlite3.connect(lib)
        result, = conn.execute("SELECT result FROM analyses").fetchone()
        conn.close()
        data = json.loads(result)
        covered = data.get("analysed_chars") or len(data["text"])
        print(f"{megabytes:>5g} MB file: {elapsed:5.1f} s, peak RSS {usage.ru_maxrss / 1024:5.0f} MB; "
              f"analysis {len(result.encode()) / 1e6:.1f} MB stored, {len(data['attributions']):,} "
              f"statements, covers {covered:,} of {len(data['text']):,} characters", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=float, nargs="+", default=[2, 19])
    for megabytes in parser.parse_args().sizes:
        run(megabytes)


if __name__ == "__main__":
    main()
