"""Bad-input fuzzing of the command line: generated inputs to ``reader import`` and the other
commands, each checked for the README's contract.

    .venv/bin/python benchmarks/stress_fuzz.py [--fuzz N] [--seed S]

For every input: exit 0 (genuinely valid input) or a non-zero exit with ONE line on stderr, no
traceback (run with MARGIN_DEBUG=1, so a bug surfaces as an exception), no hang past
HANG_LIMIT seconds, and, when the command failed, the library unchanged (sha256 over every row
of every table). A few inputs (FIFO, /dev/zero on stdin, an unreadable folder) also run as real
subprocesses under RLIMIT_AS. Prints counts: inputs, one-line errors, tracebacks, hangs, max
RSS, library changes. tests/stress/test_fuzz_cli.py runs the same checks at a small size.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HANG_LIMIT = 20.0  # seconds for one in-process input
SUBPROCESS_LIMIT = 60.0
MEMORY_LIMIT = 1536 * 2**20  # RLIMIT_AS of subprocess inputs
DE = ("Der Außenminister sagte am Dienstag in Baku, die Gespräche über den Friedensvertrag "
      "würden in der nächsten Woche fortgesetzt. Laut der Nachrichtenagentur dpa trafen sich "
      "beide Delegationen an der Grenze.")
EN = ("The foreign minister said on Tuesday that talks on the peace treaty would continue next "
      "week, according to a statement. Observers described the meeting at the border as calm.")


def library_checksum(path: Path) -> str:
    """sha256 over the schema version and every row of every table (none left out)."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        digest.update(repr(conn.execute("PRAGMA user_version").fetchone()).encode())
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            for row in sorted(repr(r) for r in rows):
                digest.update(row.encode("utf-8", "surrogatepass"))
    finally:
        conn.close()
    return digest.hexdigest()


class _Hang(BaseException):
    pass


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@dataclass
class Outcome:
    argv: list[str]
    rc: int
    stderr: str
    problem: str = ""  # "" when the contract held


@dataclass
class Fuzzer:
    work: Path
    stats: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        from reader.cli import main

        self.main = main
        os.environ["MARGIN_DEBUG"] = "1"
        os.environ["MARGIN_DATA_DIR"] = str(self.work / "data")
        self.base = self.work / "base.sqlite"
        self.lib = self.work / "lib.sqlite"
        self.files = self.work / "files"
        self.files.mkdir(parents=True, exist_ok=True)
        for i, (title, body) in enumerate((("Gespräche in Baku", DE), ("Talks continue", EN))):
            (self.files / f"seed{i}.txt").write_text(f"{title}\n\n{body}\n\n{body}\n", encoding="utf-8")
            self._call(["--library", str(self.base), "import", str(self.files / f"seed{i}.txt")])
        self._call(["--library", str(self.base), "highlight", "1", "--quote", "Gespräche", "--note", "n"])
        self._call(["--library", str(self.base), "note", "2", "about it"])
        self.notes_json = self.work / "notes.json"
        self._call(["--library", str(self.base), "notes", "export", "--format", "json", "-o",
                    str(self.notes_json), "--force"])
        self.notes_sample: dict[str, Any] = json.loads(self.notes_json.read_text(encoding="utf-8"))
        self.baseline = library_checksum(self.base)
        self._restore()

    def _restore(self) -> None:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(self.lib) + suffix).unlink(missing_ok=True)
        shutil.copyfile(self.base, self.lib)

    def _call(self, argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        old_stdin = sys.stdin

        def alarm(signum: int, frame: Any) -> None:
            raise _Hang()

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, HANG_LIMIT)
        sys.stdin = _Stdin(stdin)  # type: ignore[assignment]
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    rc = self.main(argv)
                except SystemExit as exc:
                    rc = exc.code if isinstance(exc.code, int) else 2
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            sys.stdin = old_stdin
        return rc, out.getvalue(), err.getvalue()

    def run(self, argv: list[str], *, stdin: bytes = b"", must_fail: bool = False,
            category: str = "") -> Outcome:
        """Run one input in-process and check the contract; counts go to ``stats``."""
        full = ["--library", str(self.lib), *argv]
        self.stats["inputs"] += 1
        problem = ""
        rc, err = -1, ""
        try:
            rc, _, err = self._call(full, stdin)
        except _Hang:
            self.stats["hangs"] += 1
            problem = f"hang (> {HANG_LIMIT:.0f} s)"
        except BaseException as exc:  # MARGIN_DEBUG=1: a bug reaches us as an exception
            self.stats["tracebacks"] += 1
            problem = f"traceback: {type(exc).__name__}: {exc}"[:300]
        changed = library_checksum(self.lib) != self.baseline
        if changed:
            self.stats["library changes"] += 1
            self._restore()
        if not problem:
            lines = [ln for ln in err.splitlines() if ln.strip()]
            errors = [ln for ln in lines if not ln.startswith("warning: ")]
            if "Traceback" in err:
                self.stats["tracebacks"] += 1
                problem = "traceback on stderr"
            elif rc == 0:
                self.stats["accepted"] += 1
                if must_fail:
                    problem = "accepted input that is not valid"
            else:
                self.stats["errors"] += 1
                if len(errors) > 1:
                    problem = f"{len(errors)}-line error"
                elif errors:
                    self.stats["one-line errors"] += 1
                if "internal error" in err:
                    problem = "internal error: " + err.strip()[:200]
                if changed:
                    problem = "library changed by a failed command"
        if problem:
            self.stats["problems"] += 1
            self.problems.append(f"[{category}] {shorten(argv)}: {problem}")
        return Outcome(argv, rc, err, problem)

    def file(self, name: str | bytes, data: bytes) -> str:
        path = os.path.join(os.fsencode(self.files), os.fsencode(name))
        with open(path, "wb") as fh:
            fh.write(data)
        return os.fsdecode(path)


def shorten(argv: list[str]) -> str:
    text = " ".join(argv)
    return ascii(text if len(text) < 160 else text[:157] + "...")


# -- generated inputs --------------------------------------------------------------------------

SUFFIXES = (".txt", ".md", ".html", ".htm", "", ".TXT", ".pdf")


def noise(rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(64, 8192))


def broken_unicode(rng: random.Random) -> bytes:
    text = f"Titel\n\n{DE}\n\n{EN}\n"
    codec = rng.choice(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                        "utf-32-le", "utf-32-be"])
    data = bytearray(text.encode(codec))
    for _ in range(rng.randint(1, 6)):
        action = rng.random()
        pos = rng.randrange(len(data))
        if action < 0.4:
            data[pos] = rng.randrange(256)
        elif action < 0.7:
            data[pos:pos] = rng.randbytes(rng.randint(1, 5))
        else:
            del data[pos:]
            if not data:
                data = bytearray(b"\xff")
    return bytes(data)


def text_like(rng: random.Random) -> bytes:
    pick = rng.random()
    if pick < 0.15:  # NUL bytes in text
        body = DE.encode()
        return body[: len(body) // 2] + b"\x00" * rng.randint(1, 50) + body
    if pick < 0.3:  # long single line
        return (" ".join([EN] * rng.randint(50, 3000))).encode()
    if pick < 0.45:  # deeply nested HTML
        depth = rng.choice([100, 1000, 50000, 200000])
        tag = rng.choice(["div", "span", "b", "table"])
        return (f"<html><body>{f'<{tag}>' * depth}<p>{EN}</p>{f'</{tag}>' * (depth // 2)}").encode()
    if pick < 0.6:  # hostile HTML: scripts, iframes, remote resources
        bits = ["<script>fetch('http://127.0.0.1:9/x')</script>", "<iframe src='http://127.0.0.1:9/'>",
                "<img src='http://127.0.0.1:9/i.png' srcset='http://127.0.0.1:9/2x.png 2x'>",
                "<style>@import url(http://127.0.0.1:9/c.css)</style>",
                "<meta http-equiv='refresh' content='0;url=http://127.0.0.1:9/'>",
                "<svg onload=alert(1)><image href='http://127.0.0.1:9/s'/></svg>",
                "<video poster='http://127.0.0.1:9/p'></video>", "<link rel=prefetch href='//127.0.0.1:9/'>"]
        rng.shuffle(bits)
        return (f"<!doctype html><html><head><title>Talks continue</title>{''.join(bits[:4])}</head>"
                f"<body><article><h1>Talks continue</h1><p>{EN}</p><p>{EN}</p>{''.join(bits[4:])}"
                "</article></body></html>").encode()
    if pick < 0.75:  # RTL and zero-width text, BOMs
        marks = ["\u200f", "\u200e", "\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\u2069"]
        words = ["שלום", "مرحبا", "Gespräche", "talks", "\u0627\u0644\u0633\u0644\u0627\u0645"]
        out = []
        for _ in range(rng.randint(1, 300)):
            out.append(rng.choice(words + marks) + rng.choice(marks + [" ", " ", "\n", "\n\n"]))
        return "".join(out).encode(rng.choice(["utf-8", "utf-16", "utf-8-sig"]))
    if pick < 0.85:  # Markdown with random front matter
        junk = "".join(rng.choice(":-[]{}!&*'\"\n\t ab#|>") for _ in range(rng.randint(1, 200)))
        return f"---\n{junk}\n---\n# Title\n\n{DE}\n".encode()
    # plain ASCII/latin-1 soup
    return bytes(rng.choice(b"abc \n\t.,;:!?\xe4\xf6\xfc\xdf0123456789<>&") for _ in range(rng.randint(1, 3000)))


def odd_name(rng: random.Random) -> bytes:
    stems = [b"new\nline", b"bad\xff\xfe", b" lead", b"-dash", b"tab\tname", b"\xe2\x80\xaeevil",
             "ünï cødé".encode(), b"x" * 200, b"quote\"'", b"star*?", b"semi;colon"]
    return rng.choice(stems) + rng.choice([b".txt", b".md", b".html"])


def random_json(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.random()
    if depth > 3 or choice < 0.5:
        return rng.choice([None, True, False, 0, -1, 1.5, 2**64, -(2**70), 10**30, "", "x",
                           "2024-01-01", "\u0000", "a" * rng.choice([1, 1000, 150_000]), float("1e308")])
    if choice < 0.75:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["kind", "start", "end", "body", "x", "article", "notes"]): random_json(rng, depth + 1)
            for _ in range(rng.randint(0, 3))}


def mutated_notes(rng: random.Random, sample: dict[str, Any]) -> bytes:
    data = json.loads(json.dumps(sample))
    pick = rng.random()
    if pick < 0.1:
        depth = rng.choice([1000, 100_000])
        return ("[" * depth + "]" * depth).encode()
    if pick < 0.15:
        return rng.randbytes(rng.randint(1, 500))
    targets: list[tuple[Any, Any]] = [(data, "version"), (data, "articles"), (data, "format")]
    for item in data.get("articles", []):
        targets += [(item, "article"), (item, "notes")]
        targets += [(item["article"], k) for k in ("title", "content_hash", "url")]
        for note in item.get("notes", []):
            targets += [(note, k) for k in ("kind", "start", "end", "quote", "body", "color",
                                             "created_at", "updated_at", "prefix")]
    for _ in range(rng.randint(1, 3)):
        obj, key = rng.choice(targets)
        if isinstance(obj, dict):
            obj[key] = random_json(rng)
    return json.dumps(data, allow_nan=True).encode()


def fts_query(rng: random.Random) -> str:
    parts = ['"', "NEAR(", ")", "*", "AND", "OR", "NOT", ":", "^", "(", "title:", "Gespräche",
             "talks", "\u0000", "'", "-", "+", "{", "}", "\\", "NEAR/", "..", "שלום"]
    return " ".join(rng.choice(parts) for _ in range(rng.randint(1, 8)))


def bad_id(rng: random.Random) -> str:
    return rng.choice([str(2**64), str(2**63), str(-(2**63) - 1), "-1", "0", "1e3", "١٢", "²",
                       "0x10", " 7", "9" * 40, "1" * 5000, "", "nan", str(rng.randint(-2**70, 2**70)),
                       str(rng.randint(1, 5))])


def one_case(fz: Fuzzer, rng: random.Random) -> None:
    """One generated input to one command, checked."""
    kind = rng.choices(["import", "stdin", "name", "special", "notes", "search", "id", "output",
                        "argv", "pack"], weights=[30, 6, 6, 6, 14, 8, 12, 6, 8, 4])[0]
    analysis = [] if rng.random() < 0.7 else ["--no-analysis"]
    if kind == "import":
        if rng.random() < 0.25:
            data, must_fail = noise(rng), True
        elif rng.random() < 0.35:
            data, must_fail = broken_unicode(rng), False
        elif rng.random() < 0.05:
            data, must_fail = ("\ufeff \ufeff\n\n \ufeff\u200b\n" * rng.randint(1, 50)).encode(), True
        else:
            data, must_fail = text_like(rng), False
        path = fz.file(f"in{rng.randrange(10**9)}{rng.choice(SUFFIXES)}", data)
        fz.run(["import", *analysis, path], must_fail=must_fail, category="import")
        os.unlink(path)
    elif kind == "stdin":
        data = noise(rng) if rng.random() < 0.5 else text_like(rng)
        fz.run(["import", *analysis, "-"], stdin=data, category="stdin")
    elif kind == "name":
        path = fz.file(odd_name(rng), f"Ein Titel\n\n{DE}\n".encode())
        fz.run(["import", "--no-analysis", path], category="file name")
        fz.run(["import", "--no-analysis", path + "-missing\n"], must_fail=True, category="file name")
        os.unlink(path)
    elif kind == "special":
        fifo = str(fz.files / "pipe.txt")
        if not os.path.exists(fifo):
            os.mkfifo(fifo)
        target = rng.choice([fifo, "/dev/zero", "/dev/null", "/dev/full", str(fz.files / "empty-dir"),
                             str(fz.files / "nope.txt"), "/proc/self/mem", "/dev", str(fz.work / "loop.txt")])
        (fz.files / "empty-dir").mkdir(exist_ok=True)
        loop = fz.work / "loop.txt"
        if not os.path.lexists(loop):
            os.symlink(loop, loop)
        fz.run(["import", "--no-analysis", target], must_fail=True, category="special file")
    elif kind == "notes":
        path = fz.file(f"notes{rng.randrange(10**9)}.json", mutated_notes(rng, fz.notes_sample))
        fz.run(["notes", "import", path], category="notes import")
        os.unlink(path)
    elif kind == "search":
        limit = rng.choice([[], ["--limit", bad_id(rng)]])
        fz.run(["search", fts_query(rng), *limit], category="search")
    elif kind == "id":
        command = rng.choice([["show"], ["delete"], ["analyze"], ["bookmark"], ["note", "ID", "x"],
                              ["highlight", "ID", "--quote", "talks"], ["notes"],
                              ["notes", "export", "ID", "-o", str(fz.work / "n.md"), "--force"],
                              ["export-pdf", "ID", "-o", str(fz.work / "missing" / "x.pdf")],
                              ["search", "talks", "--limit", "ID"], ["highlight", "1", "--quote", "talks",
                                                                     "--occurrence", "ID"]])
        ident = bad_id(rng)
        argv = [ident if w == "ID" else w for w in command]
        if "ID" not in command:
            argv.append(ident)
        fz.run(argv, category="id")
    elif kind == "output":
        fifo = str(fz.work / "out-pipe.pdf")
        if not os.path.exists(fifo):
            os.mkfifo(fifo)
        target = rng.choice([str(fz.work / "missing" / "x.pdf"), "/proc/x.pdf", "/dev/full", fifo,
                             str(fz.work), "/sys/x.json", str(fz.work / "missing" / "x.json")])
        argv = rng.choice([["export-pdf", "1", "-o", target], ["notes", "export", "-o", target, "--force"],
                           ["notes", "export", "1", "--format", "json", "-o", target]])
        fz.run(argv, must_fail=True, category="output")
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode), "/dev/full was replaced"
    elif kind == "argv":
        words = ["import", "list", "show", "search", "delete", "analyze", "kb", "notes", "export-pdf",
                 "--json", "--limit", "-o", "--max-size", "0", "-1", "nan", "inf", "1e400", "--force",
                 "--format", "xml", "--sort", "--paper", "b5", "--outlet", "\n", "\x00", "--", "--occurrence"]
        argv = [rng.choice(words[1:9])] + [rng.choice(words[1:]) for _ in range(rng.randint(0, 5))]
        if "-o" in argv and "notes" in argv:
            argv = ["list"]
        fz.run([w.replace("\x00", "") for w in argv], category="argv")
    else:  # malformed packs
        pack = fz.work / f"pack{rng.randrange(10**9)}"
        pack.mkdir()
        (pack / "pack.yaml").write_bytes(rng.choice([noise(rng)[:300], b"id: [", b"{}", b"- a\n- b",
                                                     b"id: x\nversion: 99999999999999999999"]))
        (pack / "entry.md").write_bytes(b"---\n" + noise(rng)[:200] + b"\n---\ntext")
        fz.run(["kb", "check", str(pack)], category="pack")
        shutil.rmtree(pack)


# -- subprocess inputs (real process, RLIMIT_AS, timeout) -------------------------------------

def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def without_root_override() -> list[str]:
    """A prefix that makes root subject to file permissions (chmod 000 then blocks reads)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if setpriv else []


def run_subprocess(fz: Fuzzer, argv: list[str], *, stdin: int | None = None,
                   prefix: list[str] | None = None, category: str = "subprocess") -> Outcome:
    env = {k: v for k, v in os.environ.items() if k != "MARGIN_DEBUG"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    cmd = [*(prefix or []), sys.executable, "-m", "reader", "--library", str(fz.lib), *argv]
    fz.stats["inputs"] += 1
    fz.stats["subprocess inputs"] += 1
    problem = ""
    try:
        proc = subprocess.run(cmd, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                              capture_output=True, timeout=SUBPROCESS_LIMIT, preexec_fn=_limits, env=env)
        err = proc.stderr.decode("utf-8", "replace")
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        fz.stats["hangs"] += 1
        rc, err, problem = -1, "", f"hang (> {SUBPROCESS_LIMIT:.0f} s)"
    changed = library_checksum(fz.lib) != fz.baseline
    if changed:
        fz.stats["library changes"] += 1
        fz._restore()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if not problem:
        if "Traceback" in err or "internal error" in err:
            fz.stats["tracebacks"] += 1
            problem = "traceback: " + err[-200:]
        elif rc == 0:
            problem = "accepted"
        elif len(lines) != 1:
            problem = f"{len(lines)}-line error"
        else:
            fz.stats["errors"] += 1
            fz.stats["one-line errors"] += 1
        if changed:
            problem = "library changed by a failed command"
    if problem:
        fz.stats["problems"] += 1
        fz.problems.append(f"[{category}] {shorten(argv)}: {problem}")
    return Outcome(argv, rc, err, problem)


def subprocess_cases(fz: Fuzzer) -> None:
    fifo = fz.work / "sub-pipe.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    run_subprocess(fz, ["import", str(fifo)], category="FIFO")
    with open("/dev/zero", "rb") as zero:
        run_subprocess(fz, ["import", "-"], stdin=zero.fileno(), category="/dev/zero on stdin")
    run_subprocess(fz, ["import", "/dev/zero"], category="/dev/zero")
    prefix = without_root_override()
    if os.geteuid() == 0 and not prefix:
        fz.stats["skipped (no setpriv as root)"] += 1
        return
    locked = fz.work / "locked"
    (locked / "inner").mkdir(parents=True, exist_ok=True)
    (locked / "inner" / "a.txt").write_text(f"Titel\n\n{DE}\n", encoding="utf-8")
    os.chmod(locked / "inner", 0)
    try:
        run_subprocess(fz, ["import", str(locked)], prefix=prefix, category="unreadable folder")
        run_subprocess(fz, ["import", str(locked / "inner" / "a.txt")], prefix=prefix,
                       category="file in unreadable folder")
    finally:
        os.chmod(locked / "inner", 0o755)


def fuzz(n: int, seed: int = 1, work: Path | None = None,
         progress: Callable[[int], None] | None = None) -> Fuzzer:
    """Run ``n`` in-process inputs plus the subprocess inputs; returns the fuzzer with its counts."""
    owned = work is None
    root = Path(tempfile.mkdtemp(prefix="margin-fuzz-")) if work is None else work
    try:
        fz = Fuzzer(root)
        rng = random.Random(seed)
        for i in range(n):
            one_case(fz, rng)
            if progress is not None and (i + 1) % 500 == 0:
                progress(i + 1)
        subprocess_cases(fz)
        return fz
    finally:
        if owned:
            shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fuzz", type=int, default=10_000, metavar="N", help="generated inputs (default 10,000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.monotonic()
    fz = fuzz(args.fuzz, args.seed, progress=lambda i: print(f"  … {i} inputs", file=sys.stderr))
    secs = time.monotonic() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    s = fz.stats
    print(f"bad-input fuzz: {s['inputs']} inputs ({s['subprocess inputs']} as subprocesses) in {secs:.0f} s")
    print(f"  accepted (valid input, exit 0): {s['accepted']}")
    print(f"  refused with an error:          {s['errors']} ({s['one-line errors']} one-line)")
    print(f"  tracebacks / internal errors:   {s['tracebacks']}")
    print(f"  hangs (> {HANG_LIMIT:.0f} s in-process, > {SUBPROCESS_LIMIT:.0f} s subprocess): {s['hangs']}")
    print(f"  library changes:                {s['library changes']} (all by accepted input: "
          f"{'yes' if not any('library changed' in p for p in fz.problems) else 'NO'})")
    print(f"  max RSS: {rss:.0f} MB in-process runner, {child:.0f} MB largest subprocess "
          f"(RLIMIT_AS {MEMORY_LIMIT / 2**20:.0f} MB)")
    print(f"  contract broken: {s['problems']}")
    for p in fz.problems[:40]:
        print(f"    {p}")
    return 1 if s["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
