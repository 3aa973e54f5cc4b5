"""The pypdf pass over the Qt-made PDF: annotations, outline, metadata.

Every markup annotation is written the way Acrobat writes it, so pdf.js, Chrome, Preview,
PDFium and poppler all show the same thing: an ``/AP /N`` appearance stream (a form XObject
whose ExtGState sets ``/BM /Multiply`` and the opacity, so text under a highlight stays
readable), the print flag ``/F 4``, ``/QuadPoints`` in Acrobat order (top-left, top-right,
bottom-left, bottom-right per line) inside ``/Rect``, the note in ``/Contents`` with the author
``/T``, ``/CreationDate`` and ``/M``, and a ``/Popup`` whose ``/Parent`` points back.
Popups have no appearance of their own (the viewer draws them) and are not printed.

Nothing active is ever added: no JavaScript, no actions other than outline GoTo destinations,
no embedded files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from reader.core.notes import COLORS, Note

if TYPE_CHECKING:
    from reader.core.export_content import Card

AUTHOR = "Margin"
PRINT_FLAG = 4


@dataclass(frozen=True)
class Quad:
    """One line of an annotated span, in PDF points (origin bottom left)."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class AnnotSpec:
    """One markup annotation on one page."""

    page: int
    subtype: str  # Highlight | Underline | Squiggly
    quads: tuple[Quad, ...]
    color: str  # "#rrggbb"
    contents: str
    subject: str
    name: str  # /NM, unique in the file
    created: str = ""  # ISO timestamp (or empty: now)
    modified: str = ""
    opacity: float = 1.0


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    page: int
    children: tuple[tuple[str, int], ...] = ()


def highlight_contents(note: Note) -> str:
    """The /Contents of a user's highlight: the note, else the quote, then its tags.

    The one place that turns a highlight into annotation text.
    """
    text = note.body.strip() or " ".join(note.quote.split())
    if note.tags:
        text += "\n\n" + " ".join(f"#{tag}" for tag in note.tags)
    return text


def highlight_spec(note: Note, page: int, quads: Sequence[Quad]) -> AnnotSpec:
    return AnnotSpec(
        page=page, subtype="Highlight", quads=tuple(quads),
        color=COLORS.get(note.color, COLORS["yellow"]), contents=highlight_contents(note),
        subject="Highlight", name=f"margin-note-{note.id}-{page}",
        created=note.created_at, modified=note.updated_at or note.created_at, opacity=0.9,
    )


# card kind → annotation subtype and subject (what viewers list it as)
CARD_ANNOTATIONS = {
    "source": ("Underline", "Source"),
    "unattributed": ("Squiggly", "Unattributed claim"),
    "background": ("Underline", "Background"),
    "wording": ("Squiggly", "Wording"),
}


def card_text(html: str) -> str:
    """Plain text of a margin card's HTML: lines kept, tags dropped, entities decoded."""
    text = re.sub(r"<br\s*/?>|</p>|</li>|</div>", "\n", html)
    text = unescape(re.sub(r"<[^>]+>", "", text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def card_spec(card: Card, article: int, page: int, quads: Sequence[Quad]) -> AnnotSpec:
    """A margin card as a markup annotation: its full text (with the reason or rule) in /Contents."""
    subtype, subject = CARD_ANNOTATIONS.get(card.kind, ("Underline", card.kind.capitalize()))
    return AnnotSpec(
        page=page, subtype=subtype, quads=tuple(quads), color=card.accent,
        contents=f"[{card.number}] " + card_text(card.html), subject=subject,
        name=f"margin-card-{article}-{card.number}-{page}",
    )


def pdf_date(stamp: str = "") -> str:
    """``D:YYYYMMDDHHmmSS+HH'mm'`` from an ISO timestamp (now, in UTC, if empty or unreadable)."""
    when: datetime | None = None
    if stamp:
        try:
            when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            when = None
    if when is None:
        when = datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    offset = when.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    if minutes == 0:
        return when.strftime("D:%Y%m%d%H%M%SZ")
    return when.strftime("D:%Y%m%d%H%M%S") + f"{sign}{minutes // 60:02d}'{minutes % 60:02d}'"


def _rgb(color: str) -> tuple[float, float, float]:
    c = color.lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", c):
        c = "ffd400"
    return tuple(int(c[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _n(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def _appearance_ops(spec: AnnotSpec, bbox: tuple[float, float, float, float]) -> str:
    """Content stream of the appearance, in the form's coordinates (= page coordinates)."""
    r, g, b = _rgb(spec.color)
    ops = ["/GS0 gs"]
    if spec.subtype == "Highlight":
        ops.append(f"{_n(r)} {_n(g)} {_n(b)} rg")
        for q in spec.quads:
            ops.append(f"{_n(q.left)} {_n(q.top)} m {_n(q.right)} {_n(q.top)} l "
                       f"{_n(q.right)} {_n(q.bottom)} l {_n(q.left)} {_n(q.bottom)} l h f")
    else:
        ops.append(f"{_n(r)} {_n(g)} {_n(b)} RG")
        for q in spec.quads:
            h = q.top - q.bottom
            width = max(0.5, h * 0.06)
            ops.append(f"{_n(width)} w")
            y = q.bottom + h * 0.12
            if spec.subtype == "Underline":
                ops.append(f"{_n(q.left)} {_n(y)} m {_n(q.right)} {_n(y)} l S")
            else:  # Squiggly: a zigzag just under the words
                step = max(1.2, h * 0.12)
                amp = step * 0.6
                x = q.left
                pts = [f"{_n(x)} {_n(y)} m"]
                up = True
                while x < q.right:
                    x = min(q.right, x + step)
                    pts.append(f"{_n(x)} {_n(y + amp if up else y)} l")
                    up = not up
                ops.append(" ".join(pts) + " S")
    return "\n".join(ops)


def _add_markup(writer: PdfWriter, spec: AnnotSpec) -> None:
    xs = [v for q in spec.quads for v in (q.left, q.right)]
    ys = [v for q in spec.quads for v in (q.top, q.bottom)]
    bbox = (min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)
    quad_points: list[float] = []
    for q in spec.quads:  # Acrobat order: top-left, top-right, bottom-left, bottom-right
        quad_points += [q.left, q.top, q.right, q.top, q.left, q.bottom, q.right, q.bottom]
    r, g, b = _rgb(spec.color)

    gs = DictionaryObject({
        NameObject("/Type"): NameObject("/ExtGState"),
        NameObject("/BM"): NameObject("/Multiply"),
        NameObject("/CA"): FloatObject(spec.opacity),
        NameObject("/ca"): FloatObject(spec.opacity),
    })
    form = DecodedStreamObject()
    form.set_data(_appearance_ops(spec, bbox).encode("ascii"))
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/FormType"): NumberObject(1),
        NameObject("/BBox"): ArrayObject([FloatObject(round(v, 3)) for v in bbox]),
        NameObject("/Resources"): DictionaryObject({
            NameObject("/ExtGState"): DictionaryObject({NameObject("/GS0"): gs}),
        }),
        NameObject("/Group"): DictionaryObject({
            NameObject("/Type"): NameObject("/Group"),
            NameObject("/S"): NameObject("/Transparency"),
        }),
    })
    form_ref = writer._add_object(form.flate_encode())

    created = pdf_date(spec.created)
    annot = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject(f"/{spec.subtype}"),
        NameObject("/Rect"): ArrayObject([FloatObject(round(v, 3)) for v in bbox]),
        NameObject("/QuadPoints"): ArrayObject([FloatObject(round(v, 3)) for v in quad_points]),
        NameObject("/C"): ArrayObject([FloatObject(round(c, 4)) for c in (r, g, b)]),
        NameObject("/CA"): FloatObject(spec.opacity),
        NameObject("/F"): NumberObject(PRINT_FLAG),
        NameObject("/Contents"): TextStringObject(spec.contents),
        NameObject("/T"): TextStringObject(AUTHOR),
        NameObject("/Subj"): TextStringObject(spec.subject),
        NameObject("/NM"): TextStringObject(spec.name),
        NameObject("/CreationDate"): TextStringObject(created),
        NameObject("/M"): TextStringObject(pdf_date(spec.modified) if spec.modified else created),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): form_ref}),
    })
    added = writer.add_annotation(spec.page, annot)
    popup = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Popup"),
        NameObject("/Rect"): ArrayObject([FloatObject(round(v, 3)) for v in
                                          _popup_rect(bbox, writer.pages[spec.page].mediabox)]),
        NameObject("/Open"): _false(),
        NameObject("/Parent"): added.indirect_reference,
    })
    popup_added = writer.add_annotation(spec.page, popup)
    added[NameObject("/Popup")] = popup_added.indirect_reference


def _popup_rect(bbox: Sequence[float], page_box: object) -> tuple[float, float, float, float]:
    """Where the note's popup opens: beside the highlight, kept inside the page."""
    left, bottom = float(page_box.left), float(page_box.bottom)  # type: ignore[attr-defined]
    right, top = float(page_box.right), float(page_box.top)  # type: ignore[attr-defined]
    width, height = min(180.0, right - left), min(80.0, top - bottom)
    x0 = min(max(bbox[2] + 4, left), right - width)
    y1 = min(max(bbox[3], bottom + height), top)
    return x0, y1 - height, x0 + width, y1


def _false() -> object:
    from pypdf.generic import BooleanObject

    return BooleanObject(False)


def annotate(
    src: str,
    dst: str,
    *,
    annotations: Sequence[AnnotSpec],
    outline: Sequence[OutlineEntry],
    metadata: dict[str, str],
) -> None:
    """Copy ``src`` to ``dst`` adding the annotations, the outline and the metadata."""
    reader = PdfReader(src)
    writer = PdfWriter(clone_from=reader)
    pages = len(writer.pages)
    for spec in annotations:
        if spec.quads and 0 <= spec.page < pages:
            _add_markup(writer, spec)
    for entry in outline:
        if entry.page >= pages:
            continue
        item = writer.add_outline_item(title=entry.title, page_number=entry.page)
        for title, page in entry.children:
            if page < pages:
                writer.add_outline_item(title=title, page_number=page, parent=item)
    writer.add_metadata(metadata)
    if len(outline) > 1:
        writer.page_mode = "/UseOutlines"
    with open(dst, "wb") as fh:
        writer.write(fh)
