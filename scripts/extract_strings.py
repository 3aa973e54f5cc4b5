"""List the UI's translatable strings missing from a catalogue (``--update`` adds them).

    python scripts/extract_strings.py [--lang de] [--update]
"""

from __future__ import annotations

import argparse
import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def strings() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "reader" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]

        def context_of(node: ast.AST, classes: list[ast.ClassDef] = classes) -> str:
            for cls in classes:
                if cls.lineno <= getattr(node, "lineno", 0) <= (cls.end_lineno or 0):
                    return cls.name
            return "*"

        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = node.args
            if name == "tr" and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                ctx = context_of(node) if isinstance(func, ast.Attribute) else "Cards"
                found.setdefault(ctx, set()).add(args[0].value)
            elif name == "translate" and len(args) >= 2 and all(isinstance(a, ast.Constant) for a in args[:2]):
                found.setdefault(str(args[0].value), set()).add(str(args[1].value))  # type: ignore[attr-defined]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="de")
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    path = ROOT / "resources" / "translations" / f"{args.lang}.json"
    data: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    missing = 0
    for ctx, texts in sorted(strings().items()):
        for text in sorted(texts):
            if text not in data.get(ctx, {}) and text not in data.get("*", {}):
                missing += 1
                print(f"{ctx}\t{text}")
                if args.update:
                    data.setdefault(ctx, {})[text] = ""
    if args.update:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{missing} missing")


if __name__ == "__main__":
    main()
