"""Nothing lost if the app is killed: every note reported as saved survives SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.core import notes
from reader.core.library import Library
from reader.core.models import NewArticle

WRITER = textwrap.dedent("""
    import sys
    from reader.core import notes_history
    from reader.core.library import Library
    lib = Library.open(sys.argv[1])
    aid = int(sys.argv[2])
    history = notes_history.NoteHistory(lib)
    i = 0
    while True:
        n = history.add_highlight(aid, i % 50, i % 50 + 5, "green", f"note {i}")
        history.edit(n.id, body=f"note {i} edited")
        print(n.id, flush=True)
        i += 1
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_notes_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        aid = lib.add_article(NewArticle(title="T", text="x" * 200 + " Minsk " + "y" * 200))
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(path), str(aid)], stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[1], env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    reported: list[int] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    while len(reported) < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        reported.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert len(reported) >= 150, "the writer did not get going"
    with Library.open(path) as lib:
        stored = {n.id: n for n in notes.notes_for(lib, aid)}
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    missing = [i for i in reported if i not in stored]
    assert not missing
    # the edit reported before each id was printed is there too
    for i, note_id in enumerate(reported):
        assert stored[note_id].body == f"note {i} edited"
