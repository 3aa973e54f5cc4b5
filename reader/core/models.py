"""Plain data objects for articles in the library."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class NewArticle:
    """An article parsed from some input, not yet in the library."""

    title: str
    text: str  # cleaned text: paragraphs separated by blank lines
    language: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) or ""
    dateline: str = ""
    original: str = ""  # the input as imported (decoded), kept for provenance
    source_path: str = ""
    read_count: int | None = None
    removed_lines: list[str] = field(default_factory=list)  # boilerplate dropped from the text
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Article:
    """An article stored in the library."""

    id: int
    title: str
    text: str
    language: str
    outlet: str
    author: str
    url: str
    published: str
    dateline: str
    original: str
    source_path: str
    content_hash: str
    imported_at: str
    read_count: int | None
    bookmarked: bool
    opened_at: str

    def word_count(self) -> int:
        return len(self.text.split())

    def summary_json(self) -> dict[str, Any]:
        """The stable ``list --json`` shape (docs/cli-json.md)."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "url": self.url,
            "bookmarked": self.bookmarked,
            "words": self.word_count(),
        }

    def full_json(self) -> dict[str, Any]:
        """The stable ``show --json`` shape (docs/cli-json.md)."""
        data = self.summary_json()
        data.update(
            author=self.author,
            dateline=self.dateline,
            text=self.text,
            source_path=self.source_path,
            content_hash=self.content_hash,
            imported_at=self.imported_at,
            read_count=self.read_count,
        )
        return data


@dataclass(frozen=True)
class ArticleSummary:
    """What the library list shows of an article (no text: cheap for 100,000 rows)."""

    id: int
    title: str
    outlet: str
    published: str
    language: str
    bookmarked: bool
    notes: int
    opened: bool
    digest: str = ""  # JSON: {"sides": {side: statements}, "unattributed": n, "flags": n}, or ""


@dataclass(frozen=True)
class ArticleFilter:
    """What the library list shows. Empty fields mean "any"."""

    outlet: str = ""
    language: str = ""
    bookmarked: bool = False
    has_notes: bool = False
    query: str = ""  # full-text query; results ranked by relevance
    sort: str = "date"  # date | title | outlet
    limit: int = 0  # 0 = no limit


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    title: str
    outlet: str
    published: str
    snippet: str  # with [ and ] around matched terms
    rank: float
    where: str = "article"  # article | note
