"""``reader kb …``: handlers called directly, then the real command line in a subprocess."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.commands import kb as kb_command
from reader.commands.context import CliError
from reader.core.knowledge.loader import load_knowledge
from reader.core.knowledge.model import KnowledgeBase
from tests.test_knowledge_loader import BROKEN_ENTRY, PLACE, make_pack, make_resources

ROOT = Path(__file__).resolve().parent.parent


class FakeContext:
    """The part of AppContext the kb commands use, with a fixture knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.lines: list[str] = []
        self.json: list[Any] = []

    def knowledge(self) -> KnowledgeBase:
        return self.kb

    def out(self, text: str = "") -> None:
        self.lines.extend(text.splitlines() or [""])

    def out_json(self, obj: Any) -> None:
        self.json.append(json.loads(json.dumps(obj, ensure_ascii=False)))


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="reader")
    kb_command.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def run(ctx: FakeContext, argv: list[str]) -> int:
    args = parse(argv)
    return int(args.func(args, ctx))


@pytest.fixture
def ctx(tmp_path: Path) -> FakeContext:
    return FakeContext(load_knowledge(make_resources(tmp_path)))


def test_list_json_has_id_type_pack_names_side_sources(ctx: FakeContext) -> None:
    assert run(ctx, ["kb", "list", "--json"]) == 0
    rows = {row["id"]: row for row in ctx.json[0]}
    assert set(rows) == {"unsc-822", "ilham-aliyev", "kalbajar"}
    assert rows["unsc-822"] == {
        "id": "unsc-822", "type": "resolution", "pack": "conflict", "side": "INT", "sources": 2,
        "names": {"en": ["UN Security Council Resolution 822", "Resolution 822"],
                  "de": ["Resolution 822 des UN-Sicherheitsrates", "Resolution 822"]},
    }
    assert rows["kalbajar"]["sources"] == 0


def test_list_text_and_type_filter(ctx: FakeContext) -> None:
    assert run(ctx, ["kb", "list", "--type", "person"]) == 0
    assert len(ctx.lines) == 2
    assert ctx.lines[0].startswith("ilham-aliyev") and "Ilham Aliyev" in ctx.lines[0]
    assert ctx.lines[-1] == "1 entries"


def test_show_text_json_and_unknown_id(ctx: FakeContext) -> None:
    assert run(ctx, ["kb", "show", "ilham-aliyev", "--lang", "de"]) == 0
    assert ctx.lines[0] == "Ilham Alijew  [ilham-aliyev]"
    assert run(ctx, ["kb", "show", "unsc-822", "--json"]) == 0
    shown = ctx.json[0]
    assert shown["facts"][0]["source_ids"] == ["s1"]
    assert shown["sources"][0]["symbol"] == "S/RES/822 (1993)"
    with pytest.raises(CliError) as caught:
        run(ctx, ["kb", "show", "unsc-82"])
    message = str(caught.value)
    assert "unsc-82" in message and "unsc-822" in message and "\n" not in message


def test_lexicon_listing_by_language(ctx: FakeContext) -> None:
    assert run(ctx, ["kb", "lexicon", "--lang", "de", "--json"]) == 0
    rows = ctx.json[0]
    assert [r["id"] for r in rows] == ["de-anti-terror", "de-befreiungskampf"]
    assert rows[0] == {"id": "de-anti-terror", "language": "de",
                       "forms": ["Anti-Terror-Maßnahme*", "Antiterroroperation*"],
                       "category": "euphemism", "side": "AZ", "rule": "always"}
    assert run(ctx, ["kb", "lexicon", "--lang", "en", "--json"]) == 0
    assert ctx.json[1] == []


def test_check_path_reports_file_line_and_exit_status(ctx: FakeContext, tmp_path: Path) -> None:
    broken = make_pack(tmp_path / "check", "broken", {"bad-event": BROKEN_ENTRY})
    assert run(ctx, ["kb", "check", str(broken)]) == 1
    path = broken / "bad-event.md"
    assert any(line.startswith(f"{path}:7: error: unknown key 'colour'") for line in ctx.lines)
    assert ctx.lines[-1].endswith("in 1 file(s)") and "error(s)" in ctx.lines[-1]

    ctx.lines.clear()
    good = make_pack(tmp_path / "check", "good", {"kalbajar": PLACE})
    assert run(ctx, ["kb", "check", str(good)]) == 0  # a warning alone does not fail
    assert "warning: no sources" in ctx.lines[0]


# --- the real command line ---------------------------------------------------------------------


def reader(*argv: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MARGIN_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "reader", *argv], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60, check=False)


def test_cli_check_broken_pack_exits_1_with_file_and_line(tmp_path: Path) -> None:
    broken = make_pack(tmp_path / "packs", "broken", {"bad-event": BROKEN_ENTRY})
    result = reader("kb", "check", str(broken), data_dir=tmp_path / "data")
    assert result.returncode == 1, result.stderr
    assert f"{broken / 'bad-event.md'}:19: error: fact without a date" in result.stdout
    assert "Traceback" not in result.stderr


def test_cli_user_pack_shows_up_and_unknown_id_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    mine = PLACE.replace("kalbajar", "zz-test-place").replace("[Kalbajar]", "[Zz Test Place]")
    make_pack(data / "knowledge", "mine", {"zz-test-place": mine})

    listed = reader("kb", "list", "--json", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows["zz-test-place"]["pack"] == "mine"

    shown = reader("kb", "show", "zz-test-place", data_dir=data)
    assert shown.returncode == 0 and shown.stdout.startswith("Zz Test Place  [zz-test-place]")

    missing = reader("kb", "show", "no-such-entry", data_dir=data)
    assert missing.returncode == 1
    errors = [line for line in missing.stderr.splitlines() if not line.startswith("warning:")]
    assert len(errors) == 1 and "no-such-entry" in errors[0]
    assert "Traceback" not in missing.stderr


def test_cli_lexicon_json_parses(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "lexicon").mkdir(parents=True)
    (data / "lexicon" / "en.yaml").write_text(
        "id: mine\nversion: 1\nlanguage: en\nentries:\n  - id: zz-en-test\n    forms: [zz so-called]\n"
        "    category: delegitimising\n    side: general\n    rule: info\n    explanation: Doubt.\n",
        encoding="utf-8")
    result = reader("kb", "lexicon", "--lang", "en", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"id": "zz-en-test", "language": "en", "forms": ["zz so-called"],
            "category": "delegitimising", "side": "general", "rule": "info"} in rows
