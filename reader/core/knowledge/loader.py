"""Loading the bundled knowledge packs and lexicons, then the user's own on top."""

from __future__ import annotations

from pathlib import Path

from reader.core import paths
from reader.core.knowledge.entries import parse_entry, parse_pack_info
from reader.core.knowledge.lexicon import parse_lexicon
from reader.core.knowledge.model import Entry, KnowledgeBase, LexiconEntry, Problem
from reader.core.knowledge.problems import as_warnings


def pack_dirs(root: Path) -> list[Path]:
    """Sub-folders of ``root`` that are packs (hold a ``pack.yaml``), sorted by name."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "pack.yaml").is_file())


def entry_files(pack: Path) -> list[Path]:
    """The entry files of a pack folder (``*.md`` except README), sorted by name."""
    return sorted(
        p for p in pack.glob("*.md") if p.is_file() and p.name.lower() != "readme.md"
    )


def lexicon_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


class _Builder:
    """Adds packs and lexicon files to one knowledge base, remembering which layer set each id."""

    def __init__(self) -> None:
        self.kb = KnowledgeBase()
        self.entry_layer: dict[str, bool] = {}  # id -> True when set by a user pack
        self.lexicon_layer: dict[str, bool] = {}

    def warn(self, problems: list[Problem]) -> None:
        self.kb.warnings.extend(as_warnings(problems))

    def add_packs(self, root: Path, *, user: bool) -> None:
        if user and root.is_dir():
            for folder in sorted(root.iterdir()):
                if folder.is_dir() and not folder.name.startswith(".") and not (folder / "pack.yaml").is_file():
                    self.warn([Problem(str(folder), 0, "folder has no pack.yaml; skipped")])
        for folder in pack_dirs(root):
            info, languages, problems = parse_pack_info(folder / "pack.yaml", user=user)
            self.warn(problems if user else [p for p in problems if p.severity == "error"])
            self.kb.packs.append(info)
            for path in entry_files(folder):
                parsed = parse_entry(path, info.id, tuple(languages))
                if user:
                    self.warn(parsed.problems)
                if parsed.entry is None:
                    why = parsed.skip_reason or parsed.problems[-1]
                    self.warn([Problem(parsed.path, why.line, f"entry skipped: {why.message}")])
                    continue
                self._add_entry(parsed.entry, parsed.id_line, user=user)

    def _add_entry(self, entry: Entry, line: int, *, user: bool) -> None:
        previous = self.kb.entries.get(entry.id)
        if previous is not None and self.entry_layer[entry.id] == user:
            self.warn([Problem(entry.path, line,
                               f"duplicate id '{entry.id}' (already in {previous.path}); skipped")])
            return
        self.kb.entries[entry.id] = entry
        self.entry_layer[entry.id] = user

    def add_lexicons(self, folder: Path, *, user: bool) -> None:
        for path in lexicon_files(folder):
            parsed = parse_lexicon(path, user=user)
            self.warn(parsed.problems if user else parsed.skipped)
            if parsed.info is not None:
                self.kb.packs.append(parsed.info)
            for entry in parsed.entries:
                self._add_lexicon_entry(entry, user=user)

    def _add_lexicon_entry(self, entry: LexiconEntry, *, user: bool) -> None:
        if entry.id in self.lexicon_layer:
            if self.lexicon_layer[entry.id] == user:
                self.warn([Problem(entry.path, entry.line,
                                   f"duplicate lexicon id '{entry.id}'; skipped")])
                return
            for language, items in self.kb.lexicon.items():
                self.kb.lexicon[language] = [e for e in items if e.id != entry.id]
        self.kb.lexicon.setdefault(entry.language, []).append(entry)
        self.lexicon_layer[entry.id] = user


def load_knowledge(
    resources: Path, user_dir: Path | None = None, user_lexicon_dir: Path | None = None
) -> KnowledgeBase:
    """All bundled packs and lexicons under ``resources``, then the user's, which add or override.

    Nothing here raises for bad content: unusable entries are skipped and reported in
    ``kb.warnings`` (for bundled content only what was skipped; for user content every problem).
    """
    builder = _Builder()
    builder.add_packs(resources / "knowledge", user=False)
    builder.add_lexicons(resources / "lexicon", user=False)
    if user_dir is not None:
        builder.add_packs(user_dir, user=True)
    if user_lexicon_dir is not None:
        builder.add_lexicons(user_lexicon_dir, user=True)
    return builder.kb


def default_knowledge() -> KnowledgeBase:
    """The bundled knowledge plus the user's packs and lexicons from the user data folder."""
    return load_knowledge(paths.resources_dir(), paths.user_knowledge_dir(), paths.user_lexicon_dir())
