"""Notes as Markdown with YAML front matter, every entry linking back to its exact spot.

The file opens with front matter (``yaml.safe_dump``, so any title or outlet is quoted safely):
for one article its ``title``, ``outlet``, ``date``, ``url``, ``language``, ``tags``; for several,
``title: Notes from Margin`` and an ``articles`` list. Each highlight is a block quote followed by
a line of links:

- ``[In Margin](margin://article/ID#char=START,END)`` — the article in this library and the
  character range of the highlight in its text (RFC 5147 ``char=`` offsets);
- ``[At the source](URL#:~:text=…)`` — when the article has a web address: the original page
  with a text fragment, which current browsers scroll to and mark.

Everything taken from an article (title, outlet, quote, URL) is escaped: it is one line of plain
text and can never become a heading, a list, raw HTML or a link; only ``http``/``https``
addresses become links. Note bodies are the user's Markdown with raw HTML shown as text and
links to anything but the web or e-mail dropped.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from reader.core.library import Library, now_iso
from reader.core.models import Article
from reader.core.notes import Note, note_groups
from reader.core.urls import text_fragment, web_url

_INLINE_SPECIAL = set("\\`*_[]#|~!$")
_LINE_START = re.compile(r"^(?:[-+=>]|\d+[.)])")
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(((?:[^()\n]|\([^()\n]*\))*)\)")
_REF_DEF = re.compile(r"^( {0,3})\[([^\]\n]+)\]:\s*<?(\S*)", re.M)
_SAFE_LINK = re.compile(r"(?i)^(?:https?:|mailto:|#|/|\./|\.\./)|^[^:]*$")


def escape_inline(text: str) -> str:
    """``text`` as one line of literal Markdown: no markup, HTML or line structure survives."""
    flat = one_line(text)
    out: list[str] = []
    for c in flat:
        if c == "&":
            out.append("&amp;")
        elif c == "<":
            out.append("&lt;")
        elif c == ">":
            out.append("&gt;")
        elif c in _INLINE_SPECIAL:
            out.append("\\" + c)
        else:
            out.append(c)
    line = "".join(out)
    if _LINE_START.match(line):
        line = "\\" + line
    return line


def safe_body(body: str) -> str:
    """A note's Markdown for a file: raw HTML becomes text, non-web links lose their target."""
    text = body.strip().replace("<", "&lt;")

    def link(m: re.Match[str]) -> str:
        bang, label, inside = m.groups()
        words = inside.strip().lstrip("<").split()
        target = words[0] if words else ""
        if _SAFE_LINK.match(target) and not bang:
            return m.group(0)
        return label  # the words stay, the link (or image) goes

    text = _LINK.sub(link, text)

    def ref(m: re.Match[str]) -> str:
        if _SAFE_LINK.match(m.group(3)):
            return m.group(0)
        return m.group(1) + "\\[" + m.group(2) + "\\]: " + m.group(3).replace(":", "\\:")

    return _REF_DEF.sub(ref, text)


def article_link(article: Article, note: Note | None = None) -> str:
    """``margin://article/ID`` (with ``#char=START,END`` for an attached highlight)."""
    link = f"margin://article/{article.id}"
    if note is not None and note.attached and note.start is not None and note.end is not None:
        link += f"#char={note.start},{note.end}"
    return link


_MARGIN_LINK = re.compile(r"^margin://article/(\d{1,18})(?:#char=(\d{1,12}),(\d{1,12}))?$")


def parse_article_link(link: str) -> tuple[int, int, int] | None:
    """(article id, start, end) from ``margin://article/ID[#char=START,END]`` (-1, -1 without a
    range), or None if ``link`` is not such a link."""
    m = _MARGIN_LINK.match(link.strip())
    if not m:
        return None
    start, end = (int(m.group(2)), int(m.group(3))) if m.group(2) else (-1, -1)
    if start > end:
        return None
    return int(m.group(1)), start, end


def source_link(article: Article, note: Note) -> str:
    """The article's web address with a text fragment pointing at ``note``'s quote, or ""."""
    url = web_url(article.url)
    if not url or not note.is_highlight or not note.quote.strip():
        return ""
    prefix, suffix = "", ""
    if note.attached and note.start is not None and note.end is not None:
        before = article.text[:note.start].rsplit("\n", 1)[-1]
        after = article.text[note.end:].split("\n", 1)[0]
        if before[-1:].isspace():
            prefix = " ".join(before.split()[-3:])
        if after[:1].isspace():
            suffix = " ".join(after.split()[:3])
    return text_fragment(url, note.quote, prefix, suffix)


def _meta(article: Article, notes: list[Note]) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": article.title}
    for key, value in (("outlet", article.outlet), ("date", article.published),
                       ("url", web_url(article.url)), ("language", article.language)):
        if value:
            meta[key] = value
    tags = _tags(notes)
    if tags:
        meta["tags"] = tags
    meta["margin"] = article_link(article)
    return meta


def _tags(notes: list[Note]) -> list[str]:
    seen: dict[str, str] = {}
    for note in notes:
        for tag in note.tags:
            seen.setdefault(tag.casefold(), tag)
    return sorted(seen.values(), key=str.casefold)


def one_line(text: str) -> str:
    """``text`` with every line break, control character and run of white space as one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def front_matter(data: dict[str, Any]) -> str:
    """YAML front matter of ``data``: every value one line of text, quoted by ``yaml.safe_dump``."""
    dumped = yaml.safe_dump(_clean(data), allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


def export_markdown(lib: Library, article_id: int | None = None, tag: str | None = None) -> str:
    """The notes (of one article, or every article with notes) as Markdown; see the module doc."""
    groups = note_groups(lib, article_id, tag)
    every = [n for _, items in groups for n in items]
    if article_id is not None and groups:
        head = {**_meta(groups[0][0], every)}
    else:
        head = {"title": "Notes from Margin"}
        tags = _tags(every)
        if tags:
            head["tags"] = tags
        head["articles"] = [_meta(a, items) for a, items in groups]
    head["exported"] = now_iso()
    if tag:
        head["filter"] = {"tag": tag}
    out = [front_matter(head)]
    single = article_id is not None
    if not single:
        out.append("# Notes from Margin\n")
    for article, items in groups:
        out.append(f"{'#' if single else '##'} {escape_inline(article.title)}\n")
        meta = " · ".join(escape_inline(p) for p in (article.outlet, article.published,
                                                      article.dateline) if p.strip())
        url = web_url(article.url)
        line = " · ".join(p for p in (meta, f"<{url}>" if url else "") if p)
        if line:
            out.append(line + "\n")
        if not items:
            out.append("*No notes.*\n")
        for note in items:
            out.extend(_entry(article, note))
    return "\n".join(out).rstrip() + "\n"


def _entry(article: Article, note: Note) -> list[str]:
    out: list[str] = []
    links = [f"[In Margin]({article_link(article, note)})"]
    if note.is_highlight:
        paragraphs = [p for p in re.split(r"\n\s*\n", note.quote) if p.strip()] or [note.quote]
        out.append("\n>\n".join(f"> {escape_inline(p)}" for p in paragraphs) + "\n")
        source = source_link(article, note)
        if source:
            links.append(f"[At the source](<{source}>)")
        kind = f"{note.color} highlight" + (", **orphaned**" if not note.attached else "")
    else:
        kind = "note on the whole article"
    parts = [*links, f"*{kind}*"]
    if note.tags:
        parts.append("tags: " + ", ".join(f"`{_code(t)}`" for t in note.tags))
    out.append(" · ".join(parts) + "\n")
    if note.body.strip():
        out.append(safe_body(note.body) + "\n")
    out.append("---\n")
    return out


def _code(tag: str) -> str:
    return tag.replace("`", "'")
