"""Articles as CSL-JSON, for citing them with Zotero, Pandoc (citeproc) or any CSL processor.

One item per article (the one exported, or every article with notes): ``type``
``article-newspaper``, ``title``, ``container-title`` (the outlet), ``author`` (as a literal name:
bylines are not split into given and family names), ``issued`` and ``accessed`` as
``date-parts``, ``URL`` (web addresses only), ``language``, and the notes' tags as ``keyword``.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.library import Library
from reader.core.models import Article
from reader.core.notes import Note, note_groups
from reader.core.urls import web_url

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_parts(value: str) -> dict[str, Any] | None:
    """``{"date-parts": [[Y, M, D]]}`` from an ISO date or timestamp (as much as it gives)."""
    m = _DATE.match(value or "")
    if not m:
        return None
    return {"date-parts": [[int(p) for p in m.groups() if p]]}


def csl_item(article: Article, notes: list[Note]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f"margin-{article.id}",
        "type": "article-newspaper",
        "title": article.title,
    }
    if article.outlet:
        item["container-title"] = article.outlet
    if article.author:
        item["author"] = [{"literal": article.author}]
    issued = date_parts(article.published)
    if issued:
        item["issued"] = issued
    url = web_url(article.url)
    if url:
        item["URL"] = url
    if article.language and article.language != "und":
        item["language"] = article.language
    accessed = date_parts(article.opened_at or article.imported_at)
    if accessed:
        item["accessed"] = accessed
    tags: dict[str, str] = {}
    for note in notes:
        for tag in note.tags:
            tags.setdefault(tag.casefold(), tag)
    if tags:
        item["keyword"] = ", ".join(sorted(tags.values(), key=str.casefold))
    return item


def export_csl(lib: Library, article_id: int | None = None, tag: str | None = None) -> list[dict[str, Any]]:
    """CSL-JSON items for one article or every article with notes (with ``tag``, only those)."""
    return [csl_item(a, notes) for a, notes in note_groups(lib, article_id, tag)]
