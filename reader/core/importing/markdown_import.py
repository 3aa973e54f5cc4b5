"""Markdown articles with optional YAML front matter (title, outlet, author, date, url, language)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from reader.core.importing.dates import parse_date
from reader.core.importing.errors import BadInput
from reader.core.importing.plaintext import blocks_of
from reader.core.models import NewArticle
from reader.core.urls import web_url

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_FIELDS = ("title", "outlet", "author", "date", "published", "url", "language", "dateline")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body). Malformed front matter is a :class:`BadInput`."""
    text = text.lstrip("\ufeff")
    m = _FRONT.match(text.replace("\r\n", "\n"))
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise BadInput(f"malformed front matter{where}") from None
    if not isinstance(data, dict):
        raise BadInput("malformed front matter (not a mapping)")
    return data, text.replace("\r\n", "\n")[m.end() :]


def markdown_to_paragraphs(body: str) -> tuple[str, list[str]]:
    """(first heading or "", plain paragraphs) from Markdown ``body``."""
    heading = ""
    paragraphs: list[str] = []
    for block in blocks_of(body):
        lines: list[str] = []
        for line in block.splitlines():
            h = _HEADING.match(line.strip())
            if h and not heading and not paragraphs and not lines:
                heading = _inline(h.group(1))
                continue
            if h:
                line = h.group(1)
            line = line.strip()
            if line.startswith(">"):
                line = line.lstrip("> ")
            line = _LIST.sub("", line)
            if set(line) <= set("-*_= ") and line:
                continue  # horizontal rule / setext underline
            lines.append(_inline(line))
        text = " ".join(x for x in lines if x)
        if text:
            paragraphs.append(text)
    return heading, paragraphs


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    for _ in range(2):
        text = _EMPH.sub(r"\2", text)
    return " ".join(text.split())


def parse_markdown(text: str) -> NewArticle:
    meta, body = split_front_matter(text)
    heading, paragraphs = markdown_to_paragraphs(body)
    title = str(meta.get("title") or heading or "").strip()
    if not title:
        if not paragraphs:
            raise BadInput("file is empty")
        title = paragraphs.pop(0)
        if len(title) > 400:
            raise BadInput("no title: give one in front matter or as a '# heading'")
    if not paragraphs:
        raise BadInput("no article text after the title")
    date_value = meta.get("date") or meta.get("published") or ""
    return NewArticle(
        title=" ".join(title.split()),
        text="\n\n".join(paragraphs),
        outlet=str(meta.get("outlet") or ""),
        author=str(meta.get("author") or ""),
        url=web_url(meta.get("url")),  # javascript:, data:, file: … are dropped
        published=parse_date(str(date_value)) if date_value else "",
        dateline=str(meta.get("dateline") or ""),
        language=str(meta.get("language") or ""),
        original=text,
        extra={k: v for k, v in meta.items() if k not in _FIELDS},
    )
