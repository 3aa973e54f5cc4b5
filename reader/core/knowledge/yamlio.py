"""YAML reading that keeps line numbers and reads every scalar as text.

Values come back as plain ``str`` (or ``None`` for an empty/``null`` scalar), so dates, years,
versions and words like ``no`` stay exactly as written. Mappings and sequences come back as
:class:`YDict` / :class:`YList`, which remember the 1-based file line of each key and item.
"""

from __future__ import annotations

from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NULL_TAG = "tag:yaml.org,2002:null"


class YamlError(Exception):
    """A YAML syntax error at a 1-based file line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class YDict(dict[str, Any]):
    """A mapping that remembers where it and each of its keys were written."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.duplicate_keys: list[tuple[str, int]] = []

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list[Any]):
    """A sequence that remembers where it and each of its items were written."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


def parse_yaml(text: str, first_line: int = 1) -> Any:
    """Parse one YAML document; ``first_line`` is the file line of the text's first line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark is not None else 0)
        what = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise YamlError(line, f"invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()
        raise YamlError(first_line, f"invalid YAML: {first[0] if first else 'unreadable'}") from None
    finally:
        loader.dispose()
    if node is None:
        return None
    return _convert(node, first_line, {})


def _convert(node: Any, base: int, seen: dict[int, Any]) -> Any:
    done = seen.get(id(node))
    if done is not None:
        return done
    if isinstance(node, yaml.MappingNode):
        mapping = YDict(node.start_mark.line + base)
        seen[id(node)] = mapping
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + base
            if key in mapping:
                mapping.duplicate_keys.append((key, line))
            mapping[key] = _convert(value_node, base, seen)
            mapping.key_lines[key] = line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = YList(node.start_mark.line + base)
        seen[id(node)] = sequence
        for item in node.value:
            sequence.append(_convert(item, base, seen))
            sequence.item_lines.append(item.start_mark.line + base)
        return sequence
    value: str = node.value
    if node.tag == _NULL_TAG or (not node.style and value in _NULLS):
        return None
    return value


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split an entry file into (front matter, its first line, body, its first line).

    Raises :class:`YamlError` when the file does not start with a closed ``---`` block.
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise YamlError(1, "no front matter: an entry must start with a '---' line")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return front, 2, body, index + 2
    raise YamlError(len(lines), "front matter is not closed: missing the second '---' line")
