"""From paths, bytes or pasted text to stored articles, one file at a time.

Each file is parsed completely before anything is written, and written (with its analysis)
as one unit inside the library's transaction, so a bad file never leaves a trace.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.bounded_read import ReadError, read_stream, too_large
from reader.core.importing.decode import (
    DEFAULT_SIZE_LIMIT,
    decode_bytes,
    has_visible,
    read_limited,
)
from reader.core.importing.errors import BadInput
from reader.core.importing.html_import import parse_html
from reader.core.importing.language import detect_language
from reader.core.importing.markdown_import import parse_markdown
from reader.core.importing.plaintext import parse_plain
from reader.core.library import DuplicateArticle, Library
from reader.core.models import NewArticle
from reader.core.printable import storable

if TYPE_CHECKING:
    from reader.core.analysis.engine import Analyzer

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".xhtml": "html"}
STDIN = "-"
# Inside folders these are about the folder, not articles (given by name, they are imported).
NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "COPYING", "NOTICE"})

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (path, existing id)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line message)
    skipped: list[str] = field(default_factory=list)  # files of other types inside folders
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportOptions:
    outlet: str = ""
    size_limit: int = DEFAULT_SIZE_LIMIT
    known_outlets: tuple[str, ...] = ()


def sniff_kind(name: str, text: str) -> str:
    kind = SUFFIXES.get(Path(name).suffix.lower())
    if kind:
        return kind
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text):
        return "html"
    if head.startswith("---\n") or head.startswith("# "):
        return "markdown"
    return "text"


# Invisible characters that may sit at the ends of a title (BOMs, zero-width spaces, word joiner).
_INVISIBLE_EDGES = "\ufeff\u200b\u2060\u180e"


def parse_text(text: str, name: str, options: ImportOptions = ImportOptions()) -> NewArticle:
    """Parse decoded ``text`` (its kind from ``name``'s suffix or its content)."""
    kind = sniff_kind(name, text)
    if kind == "html":
        article = parse_html(text)
    elif kind == "markdown":
        article = parse_markdown(text)
    else:
        article = parse_plain(text, outlet=options.outlet, known_outlets=options.known_outlets)
    if options.outlet:
        article.outlet = options.outlet
    article.title = article.title.strip(_INVISIBLE_EDGES).strip()
    if not has_visible(article.title):
        raise BadInput("no title: the title line is blank or invisible characters only")
    if not has_visible(article.text):
        raise BadInput("no article text after the title")
    if not article.language:
        article.language = detect_language(article.title + "\n" + article.text)
    article.source_path = name
    return article


def parse_bytes(data: bytes, name: str, options: ImportOptions = ImportOptions()) -> NewArticle:
    if len(data) > options.size_limit:
        raise BadInput(str(too_large(len(data), options.size_limit, "input")))
    return parse_text(decode_bytes(data), name, options)


def parse_path(path: Path | str, options: ImportOptions = ImportOptions()) -> NewArticle:
    """Read and parse one file (``-`` is standard input)."""
    if str(path) == STDIN:
        try:
            data = read_stream(sys.stdin.buffer, options.size_limit, "standard input")
        except ReadError as exc:
            raise BadInput(str(exc)) from None
        return parse_bytes(data, "<stdin>", options)
    path = Path(path)
    article = parse_bytes(read_limited(path, options.size_limit), str(path), options)
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop or a vanished folder
        resolved = os.path.abspath(path)
    article.source_path = storable(resolved)
    return article


def expand(paths: Iterable[str | Path], report: ImportReport) -> Iterator[str]:
    """Files to import: explicit files as given, folders walked recursively (supported types).

    A folder that cannot be listed is an error in the report (never silently empty).
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError as exc:  # e.g. a file inside a folder we may not enter
            report.errors.append((str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        if is_dir:
            yield from _walk(path, report)
        else:
            yield str(path)


def _walk(root: Path, report: ImportReport) -> Iterator[str]:
    def unreadable(exc: OSError) -> None:
        report.errors.append((exc.filename or str(root), f"cannot read this folder: {exc.strerror or exc}"))

    found: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not name.startswith("."):
                found.append(Path(folder) / name)
    for child in sorted(found):
        try:
            regular = child.is_file()
        except OSError:
            regular = False
        if not regular:
            continue  # sockets, FIFOs, devices and dangling links inside a folder
        if child.stem.upper() in NOT_ARTICLES:
            report.skipped.append(str(child))
        elif child.suffix.lower() in SUFFIXES:
            yield str(child)
        else:
            report.skipped.append(str(child))


def store(lib: Library, article: NewArticle, analyzer: Analyzer | None = None) -> int:
    """Write one parsed article (and its analysis) as one unit. Raises DuplicateArticle."""
    with lib.atomic():
        article_id = lib.add_article(article)
        if analyzer is not None:
            from reader.core.analysis_store import analyse_and_store

            stored = lib.get_article(article_id)
            assert stored is not None
            analyse_and_store(lib, analyzer, stored)
        return article_id


def import_paths(
    lib: Library,
    paths: Iterable[str | Path],
    *,
    analyzer: Analyzer | None = None,
    options: ImportOptions = ImportOptions(),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    batch_seconds: float = 0.5,
) -> ImportReport:
    """Import files and folders. Bad files are reported one line each; good ones are kept."""
    report = ImportReport()
    files = list(expand(paths, report))
    total = len(files)
    index = 0
    while index < total:
        # Several files share one commit for speed; each file is its own savepoint in it.
        started = time.monotonic()
        with lib.atomic():
            while index < total and time.monotonic() - started < batch_seconds:
                if cancel is not None and cancel():
                    report.cancelled = True
                    break
                name = files[index]
                index += 1
                if progress is not None:
                    progress(index, total, name)
                _import_one(lib, name, analyzer, options, report)
        if report.cancelled:
            break
    return report


def _import_one(
    lib: Library, name: str, analyzer: Analyzer | None, options: ImportOptions,
    report: ImportReport,
) -> None:
    try:
        article = parse_path(name, options)
        report.imported.append(store(lib, article, analyzer))
    except BadInput as exc:
        report.errors.append((name, str(exc)))
    except DuplicateArticle as exc:
        report.duplicates.append((name, exc.existing_id))
    except RecursionError:
        report.errors.append((name, "input is nested too deeply to read"))


def import_text(
    lib: Library, text: str, *, source: str = "clipboard", analyzer: Analyzer | None = None,
    options: ImportOptions = ImportOptions(),
) -> int:
    """Import pasted text as a new article; raises BadInput or DuplicateArticle."""
    if not text.strip():
        raise BadInput("the clipboard holds no text")
    article = parse_text(text, source, options)
    article.source_path = source
    return store(lib, article, analyzer)
