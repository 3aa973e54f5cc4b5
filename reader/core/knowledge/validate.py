"""Checking knowledge packs and lexicons: every problem with its file and line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.knowledge.entries import FormRef, ParsedEntry, parse_entry, parse_pack_info
from reader.core.knowledge.lexicon import ParsedLexicon, parse_lexicon
from reader.core.knowledge.loader import entry_files, lexicon_files, pack_dirs
from reader.core.knowledge.model import CONFLICT_SIDES, POLITICAL_SIDES, Problem

BALANCE_LIMIT = 0.40  # no conflict side above this share of the one-sided entries
POLITICAL_GAP = 0.10  # LEFT and RIGHT entries of the general layer within 10 % of each other


@dataclass
class _Layer:
    """Everything read from one set of roots (bundled, or the user's)."""

    entries: list[ParsedEntry] = field(default_factory=list)
    lexicons: list[ParsedLexicon] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _read_pack(folder: Path, layer: _Layer) -> None:
    info, languages, problems = parse_pack_info(folder / "pack.yaml")
    layer.problems.extend(problems)
    pack_id = info.id
    for path in entry_files(folder):
        parsed = parse_entry(path, pack_id, tuple(languages))
        layer.problems.extend(parsed.problems)
        layer.entries.append(parsed)


def _read_lexicon(path: Path, layer: _Layer) -> None:
    parsed = parse_lexicon(path)
    layer.problems.extend(parsed.problems)
    layer.lexicons.append(parsed)


def _read_root(root: Path, layer: _Layer) -> None:
    """Read a pack folder, a folder of packs, a lexicon file, an entry file or a resources folder."""
    if not root.exists():
        layer.problems.append(Problem(str(root), 0, "no such file or folder"))
        return
    if root.is_file():
        if root.name == "pack.yaml":
            _read_pack(root.parent, layer)
        elif root.suffix in (".yaml", ".yml"):
            _read_lexicon(root, layer)
        elif root.suffix == ".md":
            pack = root.parent / "pack.yaml"
            parsed = parse_entry(root, root.parent.name if pack.is_file() else "")
            layer.problems.extend(parsed.problems)
            layer.entries.append(parsed)
        else:
            layer.problems.append(Problem(str(root), 0, "not a pack, entry or lexicon file"))
        return
    if (root / "pack.yaml").is_file():
        _read_pack(root, layer)
        return
    found = False
    for knowledge in (root / "knowledge", root):
        for folder in pack_dirs(knowledge):
            _read_pack(folder, layer)
            found = True
    for folder in (root / "lexicon", root):
        for path in lexicon_files(folder):
            _read_lexicon(path, layer)
            found = True
    if not found:
        layer.problems.append(Problem(str(root), 0, "no knowledge packs or lexicon files found", "warning"))


def _where(path: str, line: int) -> str:
    return f"{path}:{line}"


def _check_duplicate_ids(layer: _Layer, problems: list[Problem]) -> None:
    first: dict[str, ParsedEntry] = {}
    for parsed in layer.entries:
        if not parsed.id:
            continue
        earlier = first.get(parsed.id)
        if earlier is None:
            first[parsed.id] = parsed
            continue
        problems.append(Problem(parsed.path, parsed.id_line,
                                f"duplicate id '{parsed.id}' (also at {_where(earlier.path, earlier.id_line)})"))
    lexicon_first: dict[str, tuple[str, int]] = {}
    for lexicon in layer.lexicons:
        for entry_id, line in lexicon.ids:
            if entry_id in lexicon_first:
                problems.append(Problem(lexicon.path, line, f"duplicate lexicon id '{entry_id}' "
                                        f"(also at {_where(*lexicon_first[entry_id])})"))
            else:
                lexicon_first[entry_id] = (lexicon.path, line)


def _key(form: str) -> str:
    return " ".join(form.casefold().split())


def _check_aliases(entries: list[ParsedEntry], problems: list[Problem]) -> None:
    """The same name/form (per language, case-insensitive) on two entries cannot be resolved."""
    owners: dict[tuple[str, str], tuple[str, str, FormRef]] = {}
    roles: dict[tuple[str, str], tuple[str, str, FormRef]] = {}
    for parsed in entries:
        for ref in parsed.surface:
            table = roles if ref.table == "roles" else owners
            table.setdefault((ref.language, _key(ref.form)), (parsed.id, parsed.path, ref))
    reported: set[tuple[str, str, str]] = set()
    for parsed in entries:
        for ref in parsed.surface:
            key = (ref.language, _key(ref.form))
            if ref.table != "roles":
                owner = owners.get(key)
                if owner is not None and owner[0] != parsed.id and (*key, parsed.id) not in reported:
                    reported.add((*key, parsed.id))
                    problems.append(Problem(
                        parsed.path, ref.line,
                        f"alias '{ref.form}' ({ref.language}) is also a name of '{owner[0]}' "
                        f"({_where(owner[1], owner[2].line)}); the matcher cannot tell them apart"))
                role = roles.get(key)
                if role is not None and role[0] != parsed.id:
                    problems.append(Problem(
                        parsed.path, ref.line,
                        f"alias '{ref.form}' ({ref.language}) is a role of '{role[0]}' "
                        f"({_where(role[1], role[2].line)})", "warning"))


def _check_related(entries: list[ParsedEntry], problems: list[Problem]) -> None:
    known = {p.id for p in entries}
    for parsed in entries:
        for related, line in parsed.related:
            if related not in known:
                problems.append(Problem(parsed.path, line, f"related id '{related}' does not exist", "warning"))


def _check_lexicons(lexicons: list[ParsedLexicon], problems: list[Problem]) -> None:
    known = {entry_id for lexicon in lexicons for entry_id in lexicon.id_lines}
    forms: dict[tuple[str, str], tuple[str, str, int]] = {}
    for lexicon in lexicons:
        for entry_id, mirror, line in lexicon.mirrors:
            if mirror not in known:
                problems.append(Problem(lexicon.path, line, f"mirror id '{mirror}' does not exist"))
            elif mirror == entry_id:
                problems.append(Problem(lexicon.path, line, f"entry {entry_id} mirrors itself", "warning"))
        for entry_id, refs in lexicon.surface.items():
            for ref in refs:
                key = (ref.language, _key(ref.form))
                owner = forms.setdefault(key, (entry_id, lexicon.path, ref.line))
                if owner[0] != entry_id:
                    problems.append(Problem(
                        lexicon.path, ref.line,
                        f"form '{ref.form}' is also a form of lexicon entry '{owner[0]}' "
                        f"({_where(owner[1], owner[2])})", "warning"))
    by_language: dict[str, list[ParsedLexicon]] = {}
    for lexicon in lexicons:
        by_language.setdefault(lexicon.language, []).append(lexicon)
    for language, group in by_language.items():
        all_sides = Counter(e.side for lexicon in group for e in lexicon.entries)
        sides = Counter({s: n for s, n in all_sides.items() if s in CONFLICT_SIDES})
        total = sum(sides.values())
        if total >= 5:
            side, count = sides.most_common(1)[0]
            if count / total > BALANCE_LIMIT:
                problems.append(Problem(
                    group[0].path, 1,
                    f"balance: {count} of {total} one-sided {language} entries ({count / total:.0%}) "
                    f"are {side}; no side may exceed {BALANCE_LIMIT:.0%}", "warning"))
        left, right = (all_sides.get(s, 0) for s in POLITICAL_SIDES)
        if not political_balanced(left, right):
            problems.append(Problem(
                group[0].path, 1,
                f"balance: {left} LEFT and {right} RIGHT {language} entries; the two camps must be "
                f"within {POLITICAL_GAP:.0%} of each other", "warning"))


def political_balanced(left: int, right: int) -> bool:
    """LEFT and RIGHT entries (or forms) within ``POLITICAL_GAP`` of each other (one apart is
    always fine)."""
    return abs(left - right) <= max(1, POLITICAL_GAP * max(left, right))


def _effective(bundled: _Layer, user: _Layer) -> tuple[list[ParsedEntry], list[ParsedLexicon]]:
    """Bundled entries with the user's overriding those with the same id."""
    user_ids = {p.id for p in user.entries if p.entry is not None}
    entries = [p for p in bundled.entries if p.id not in user_ids] + user.entries
    user_lexicon_ids = {i for lexicon in user.lexicons for i in lexicon.id_lines}
    trimmed: list[ParsedLexicon] = []
    for lexicon in bundled.lexicons:
        keep = ParsedLexicon(
            lexicon.path, lexicon.info, lexicon.language,
            entries=[e for e in lexicon.entries if e.id not in user_lexicon_ids],
            problems=[],
            id_lines={i: n for i, n in lexicon.id_lines.items() if i not in user_lexicon_ids},
            surface={i: r for i, r in lexicon.surface.items() if i not in user_lexicon_ids},
            mirrors=[m for m in lexicon.mirrors if m[0] not in user_lexicon_ids],
        )
        trimmed.append(keep)
    return entries, trimmed + user.lexicons


def check_packs(root: Path | list[Path], user_roots: list[Path] | None = None) -> list[Problem]:
    """Every problem in the packs and lexicons under ``root`` (file, line, message, severity).

    ``root`` may be a pack folder, a folder of packs, a lexicon file, an entry file, a resources
    folder, or a list of these. ``user_roots`` are read as the user's layer: their entries may
    override ``root``'s entries with the same id without that counting as a duplicate.
    """
    bundled, user = _Layer(), _Layer()
    for path in root if isinstance(root, list) else [root]:
        _read_root(path, bundled)
    for path in user_roots or []:
        _read_root(path, user)
    problems = [*bundled.problems, *user.problems]
    _check_duplicate_ids(bundled, problems)
    _check_duplicate_ids(user, problems)
    entries, lexicons = _effective(bundled, user)
    _check_aliases(entries, problems)
    _check_related(entries, problems)
    _check_lexicons(lexicons, problems)
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.path, p.line, p.severity != "error", p.message))
