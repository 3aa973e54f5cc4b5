"""Saved web pages: the article's text and metadata, nothing remote, nothing executable."""

from __future__ import annotations

import nh3

from reader.core.importing.dates import parse_date
from reader.core.importing.errors import BadInput
from reader.core.models import NewArticle

# What we keep of the page for provenance: structure and text only. No attributes at all, so
# no src/href/style/on* survives; script and style elements are dropped with their content.
_KEEP_TAGS = {
    "html", "body", "article", "main", "section", "header", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "p", "br", "ul", "ol", "li", "blockquote", "em", "strong", "b", "i", "q",
    "span", "div", "time", "figcaption", "table", "tr", "td", "th", "thead", "tbody",
}


def sanitize_html(html: str) -> str:
    """The page without scripts, styles, embeds or any attribute (so no remote reference)."""
    return nh3.clean(html, tags=_KEEP_TAGS, attributes={}, url_schemes=set(), link_rel=None,
                     strip_comments=True)


def parse_html(html: str, *, source_url: str = "") -> NewArticle:
    """Extract the main article from ``html`` with trafilatura (no network)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=source_url or None, with_metadata=True, include_comments=False,
            include_images=False, include_links=False, include_tables=False,
            favor_precision=True, deduplicate=True,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise BadInput(f"cannot read this HTML ({type(exc).__name__})") from None
    if doc is None:
        raise BadInput("no article text found in this HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if len(body.split()) < 15:
        raise BadInput("no article text found in this HTML page")
    paragraphs = [" ".join(p.split()) for p in body.splitlines() if p.strip()]
    title = " ".join((data.get("title") or "").split()) or paragraphs.pop(0)
    if paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs.pop(0)
    return NewArticle(
        title=title,
        text="\n\n".join(paragraphs),
        outlet=" ".join((data.get("sitename") or "").split()),
        author=" ".join((data.get("author") or "").split()),
        url=data.get("url") or source_url or "",
        published=parse_date(data.get("date") or "") if data.get("date") else "",
        language=(data.get("language") or "")[:2],
        original=sanitize_html(html),
    )
