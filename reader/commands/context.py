"""What every sub-command gets: the library, the knowledge base, the analyzer, output."""

from __future__ import annotations

import json
import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.library import Library
from reader.core.printable import shown

if TYPE_CHECKING:
    from reader.core.analysis.engine import Analyzer
    from reader.core.knowledge.model import KnowledgeBase


class CliError(Exception):
    """An error shown to the user as one line on stderr, exit status ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class AppContext:
    """Lazily opened collaborators for one command-line invocation."""

    def __init__(self, library_path: Path, *, stdout: Any = None, stderr: Any = None) -> None:
        self.library_path = library_path
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self._library: Library | None = None

    def open_library(self) -> Library:
        if self._library is None:
            self._library = Library.open(self.library_path)
            for notice in self._library.notices:
                print(f"note: {notice}", file=self.stderr)
        return self._library

    def knowledge(self) -> KnowledgeBase:
        return self._knowledge

    @cached_property
    def _knowledge(self) -> KnowledgeBase:
        from reader.core.knowledge.loader import default_knowledge

        kb = default_knowledge()
        for problem in kb.warnings:
            self.warn(f"{problem.path}:{problem.line}: {problem.message}")
        return kb

    def analyzer(self) -> Analyzer:
        return self._analyzer

    @cached_property
    def _analyzer(self) -> Analyzer:
        from reader.core.analysis.engine import Analyzer

        return Analyzer(self.knowledge())

    def out(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def out_json(self, obj: Any) -> None:
        print(json.dumps(obj, ensure_ascii=False, indent=2), file=self.stdout)

    def warn(self, text: str) -> None:
        print(f"warning: {shown(text)}", file=self.stderr)

    def error(self, text: str) -> None:
        """One line on stderr, whatever ``text`` holds (newlines and odd bytes escaped)."""
        print(f"error: {shown(text)}", file=self.stderr)

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None
