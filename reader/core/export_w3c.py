"""Notes as W3C Web Annotations (JSON-LD), and W3C annotations read back into the library.

Export (:func:`export_w3c`) writes one ``AnnotationCollection`` whose first page holds every
note as an ``Annotation``:

- ``target.source``: the article's web address, or ``urn:margin:article:sha256:<hash>`` (the
  article's content hash) for local articles;
- ``target.selector``: a ``TextQuoteSelector`` (``exact``, ``prefix``, ``suffix``) and, unless the
  highlight is orphaned, a ``TextPositionSelector`` (``start``, ``end``: character offsets in the
  article text); a note on the whole article has no selector;
- ``body``: the note as a ``TextualBody`` (``format: text/markdown``, ``purpose: commenting``)
  and each tag as a ``TextualBody`` with ``purpose: tagging``;
- ``creator``, ``created``, ``modified``, and the colour as ``target.styleClass`` with the CSS in
  ``stylesheet``.

Import (:func:`w3c_to_margin`) accepts such a collection, an ``AnnotationPage``, one
``Annotation`` or a list of them, checks all of it first, and turns it into Margin's own notes
format so :func:`reader.core.notes_io.import_json` anchors every quote to the current text
(offsets first, then the quote with its context) in one transaction.
"""

from __future__ import annotations

import uuid
from typing import Any

from reader import __version__
from reader.core.library import Library, now_iso
from reader.core.models import Article
from reader.core.notes import (
    COLORS,
    DEFAULT_COLOR,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    Note,
    NoteError,
    normalize_tags,
    note_groups,
)
from reader.core.urls import web_url

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN_PREFIX = "urn:margin:article:sha256:"
STYLE_PREFIX = "margin-"
_NAMESPACE = uuid.UUID("6b1f3c2e-2f0d-4c55-9a55-5d1f0c6a8e11")  # Margin's note ids
_MAX_OFFSET = 10**9


def article_source(article: Article) -> str:
    """The IRI an annotation's target points at: the web address, else a content-hash URN."""
    return web_url(article.url) or f"{URN_PREFIX}{article.content_hash}"


def creator_of(name: str | None) -> dict[str, str]:
    """The person given (``--author``), else Margin itself: no user name is guessed."""
    if name and name.strip():
        return {"type": "Person", "name": " ".join(name.split())}
    return {"type": "Software", "name": "Margin"}


def annotation(article: Article, note: Note, creator: dict[str, str]) -> dict[str, Any]:
    key = f"{article.content_hash}/{note.id}/{note.created_at}"
    out: dict[str, Any] = {
        "id": f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}",
        "type": "Annotation",
        "motivation": "commenting" if note.body.strip() or not note.is_highlight else "highlighting",
        "creator": creator,
        "created": note.created_at,
        "modified": note.updated_at,
    }
    bodies: list[dict[str, Any]] = []
    if note.body.strip():
        bodies.append({"type": "TextualBody", "value": note.body, "format": "text/markdown",
                       "purpose": "commenting"})
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in note.tags]
    if bodies:
        out["body"] = bodies
    source = article_source(article)
    if note.is_highlight:
        selectors: list[dict[str, Any]] = [{
            "type": "TextQuoteSelector", "exact": note.quote, "prefix": note.prefix,
            "suffix": note.suffix,
        }]
        if note.attached and note.start is not None and note.end is not None:
            selectors.append({"type": "TextPositionSelector", "start": note.start, "end": note.end})
        color = note.color if note.color in COLORS else DEFAULT_COLOR
        out["target"] = {"source": source, "selector": selectors,
                         "styleClass": f"{STYLE_PREFIX}{color}"}
        out["stylesheet"] = {
            "type": "CssStylesheet",
            "value": f".{STYLE_PREFIX}{color} {{ background-color: {COLORS[color]}; }}",
        }
    else:
        out["target"] = source
    return out


def export_w3c(
    lib: Library, article_id: int | None = None, tag: str | None = None,
    author: str | None = None,
) -> dict[str, Any]:
    """An ``AnnotationCollection`` of the notes (of one article or all; only ``tag``'s if given)."""
    creator = creator_of(author)
    items = [annotation(a, n, creator) for a, notes in note_groups(lib, article_id, tag)
             for n in notes]
    return {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": "Notes from Margin",
        "total": len(items),
        "generator": {"type": "Software", "name": f"Margin {__version__}"},
        "generated": now_iso(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


# -- import -------------------------------------------------------------------------------------


def looks_like_w3c(data: Any) -> bool:
    """Whether parsed JSON is (meant to be) W3C Web Annotation data."""
    if isinstance(data, list):
        return bool(data) and all(isinstance(x, dict) and _is(x, "Annotation") for x in data)
    if not isinstance(data, dict):
        return False
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if any(isinstance(c, str) and "w3.org/ns/anno" in c for c in contexts):
        return True
    return any(_is(data, t) for t in ("Annotation", "AnnotationCollection", "AnnotationPage"))


def _is(obj: dict[str, Any], kind: str) -> bool:
    value = obj.get("type")
    return value == kind or (isinstance(value, list) and kind in value)


def _annotations(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise NoteError("not W3C Web Annotation data (expected an object or a list)")
    if _is(data, "AnnotationCollection"):
        first = data.get("first")
        if isinstance(first, dict):
            items = first.get("items", [])
        elif first is None:
            items = data.get("items", [])
        else:
            raise NoteError("the collection's pages are not in the file (\"first\" is a link)")
    elif _is(data, "AnnotationPage"):
        items = data.get("items", [])
    elif _is(data, "Annotation"):
        items = [data]
    else:
        raise NoteError("not W3C Web Annotation data (no Annotation, AnnotationPage or "
                        "AnnotationCollection)")
    if not isinstance(items, list):
        raise NoteError("the annotations (\"items\") are not a list")
    return items


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text")
    return value


def _offset(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_OFFSET:
        raise ValueError(f"{what} must be a whole number from 0 to {_MAX_OFFSET}")
    return value


def _purposes(body: dict[str, Any]) -> list[Any]:
    return _as_list(body.get("purpose"))


def _bodies(anno: dict[str, Any]) -> tuple[str, list[str]]:
    comments: list[str] = []
    tags: list[str] = []
    if "bodyValue" in anno:
        comments.append(_text(anno["bodyValue"], "bodyValue"))
    for body in _as_list(anno.get("body")):
        if isinstance(body, str):
            continue  # a link to a body elsewhere: nothing to keep offline
        if not isinstance(body, dict):
            raise ValueError("a body must be an object")
        if "value" not in body:
            continue  # not a textual body (an image, a link…)
        value = _text(body["value"], "a body's value")
        if "tagging" in _purposes(body):
            tags.append(value)
        elif value.strip():
            comments.append(value)
    return "\n\n".join(c.strip() for c in comments if c.strip()), tags


def _target(anno: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str]:
    """(source IRI, TextQuoteSelector-based anchor or None, colour)."""
    targets = _as_list(anno.get("target"))
    if not targets:
        raise ValueError("no target")
    chosen: Any = targets[0]
    for t in targets:  # prefer a target that can be anchored
        if isinstance(t, dict) and any(isinstance(s, dict) and s.get("type") == "TextQuoteSelector"
                                       for s in _as_list(t.get("selector"))):
            chosen = t
            break
    if isinstance(chosen, str):
        return chosen, None, DEFAULT_COLOR
    if not isinstance(chosen, dict):
        raise ValueError("a target must be a link or an object")
    source = chosen.get("source", chosen.get("id"))
    if isinstance(source, dict):
        source = source.get("id")
    source = _text(source, "the target's source")
    style = chosen.get("styleClass")
    color = DEFAULT_COLOR
    if isinstance(style, str) and style.removeprefix(STYLE_PREFIX) in COLORS:
        color = style.removeprefix(STYLE_PREFIX)
    selectors = _as_list(chosen.get("selector"))
    if not selectors:
        return source, None, color
    quote = next((s for s in selectors if isinstance(s, dict)
                  and s.get("type") == "TextQuoteSelector"), None)
    if quote is None:
        raise ValueError("its selector has no TextQuoteSelector (only quotes can be anchored)")
    exact = _text(quote.get("exact"), "TextQuoteSelector.exact")
    if not exact.strip():
        raise ValueError("TextQuoteSelector.exact is empty")
    anchor: dict[str, Any] = {
        "quote": exact,
        "prefix": _text(quote.get("prefix", ""), "TextQuoteSelector.prefix"),
        "suffix": _text(quote.get("suffix", ""), "TextQuoteSelector.suffix"),
        "start": 0, "end": len(exact),
    }
    position = next((s for s in selectors if isinstance(s, dict)
                     and s.get("type") == "TextPositionSelector"), None)
    if position is not None:
        start = _offset(position.get("start"), "TextPositionSelector.start")
        end = _offset(position.get("end"), "TextPositionSelector.end")
        if start < end:
            anchor["start"], anchor["end"] = start, end
    return source, anchor, color


def _stamp(anno: dict[str, Any], key: str) -> str | None:
    value = anno.get(key)
    return value if isinstance(value, str) and value.strip() else None


def w3c_to_margin(data: Any) -> dict[str, Any]:
    """W3C annotations as Margin's notes file (``margin-notes``), checked through and through.

    Raises :class:`NoteError` naming the first bad annotation (1-based) and what is wrong.
    """
    items = _annotations(data)
    groups: dict[str, list[dict[str, Any]]] = {}
    for number, anno in enumerate(items, 1):
        try:
            if not isinstance(anno, dict) or not _is(anno, "Annotation"):
                raise ValueError("not an Annotation")
            body, tags = _bodies(anno)
            source, anchor, color = _target(anno)
            if anchor is None and not body:
                raise ValueError("has neither a quote to highlight nor a note")
            tags = list(normalize_tags(tags))
        except (ValueError, NoteError) as exc:
            raise NoteError(f"annotation {number}: {exc}") from None
        note: dict[str, Any] = {
            "kind": "highlight" if anchor else "article", "body": body, "tags": tags,
            "color": color, "created_at": _stamp(anno, "created"),
            "updated_at": _stamp(anno, "modified") or _stamp(anno, "created"),
        }
        if anchor:
            note.update(anchor)
        groups.setdefault(source, []).append(note)
    articles = []
    for source, notes in groups.items():
        if source.startswith(URN_PREFIX):
            meta = {"content_hash": source.removeprefix(URN_PREFIX), "title": source}
        else:
            meta = {"url": source, "title": source}
        articles.append({"article": meta, "notes": notes})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "articles": articles}
