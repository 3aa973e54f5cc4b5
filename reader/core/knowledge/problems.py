"""Collecting validation problems for one file."""

from __future__ import annotations

from reader.core.knowledge.model import Problem


class Report:
    """Problems found in one file; ``fatal`` is set when the current item cannot be used."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.fatal = False
        self.first_fatal: Problem | None = None

    def reset(self) -> None:
        """Start a new item: forget that the previous one was unusable."""
        self.fatal = False
        self.first_fatal = None

    def error(self, line: int, message: str, *, fatal: bool = False) -> None:
        problem = Problem(self.path, line, message, "error")
        self.problems.append(problem)
        if fatal:
            self.fatal = True
            if self.first_fatal is None:
                self.first_fatal = problem

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, "warning"))


def as_warnings(problems: list[Problem]) -> list[Problem]:
    """The same problems with severity ``warning`` (for a knowledge base that still loads)."""
    return [Problem(p.path, p.line, p.message, "warning") for p in problems]
