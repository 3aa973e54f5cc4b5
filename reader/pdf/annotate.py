"""The pypdf pass over the Qt-made PDF: highlight annotations, outline, metadata."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Popup
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from reader.core.notes import COLORS, Note

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF

AUTHOR = "Margin"


def annotate(
    src: str,
    dst: str,
    *,
    quads: list[tuple[int, Note, list[QRectF]]],
    margin_left: float,
    margin_top: float,
    page_height: float,
    scale: float,
    outline: list[tuple[str, int, int | None]],
    metadata: dict[str, str],
) -> None:
    """Copy ``src`` to ``dst`` adding /Highlight (+ /Popup) annotations, outline and metadata.

    ``quads`` holds, per page, the note and its line rectangles in device pixels of the printable
    area; ``scale`` converts pixels to points.
    """
    reader = PdfReader(src)
    writer = PdfWriter(clone_from=reader)

    def X(x: float) -> float:
        return margin_left + x * scale

    def Y(y: float) -> float:
        return page_height - (margin_top + y * scale)

    for page_index, note, rects in quads:
        if not rects:
            continue
        points: list[float] = []
        xs: list[float] = []
        ys: list[float] = []
        for r in rects:
            x1, x2 = X(r.left()), X(r.right())
            y_top, y_bottom = Y(r.top()), Y(r.bottom())
            points += [x1, y_top, x2, y_top, x1, y_bottom, x2, y_bottom]
            xs += [x1, x2]
            ys += [y_top, y_bottom]
        bbox = (min(xs), min(ys), max(xs), max(ys))
        color = COLORS.get(note.color, COLORS["yellow"]).lstrip("#").lower()
        hl = Highlight(
            rect=bbox,
            quad_points=ArrayObject([FloatObject(round(v, 3)) for v in points]),
            highlight_color=color,
            printing=True,
        )
        contents = note.body.strip() or " ".join(note.quote.split())
        hl[NameObject("/Contents")] = TextStringObject(contents)
        hl[NameObject("/T")] = TextStringObject(AUTHOR)
        hl[NameObject("/Subj")] = TextStringObject("Highlight")
        hl[NameObject("/NM")] = TextStringObject(f"margin-note-{note.id}-{page_index}")
        added = writer.add_annotation(page_index, hl)
        popup_rect = (bbox[2] + 4, bbox[3] - 80, bbox[2] + 184, bbox[3])
        popup = writer.add_annotation(page_index, Popup(rect=popup_rect, parent=added))
        added[NameObject("/Popup")] = popup.indirect_reference

    for title, page, appendix in outline:
        if page >= len(writer.pages):
            continue
        item = writer.add_outline_item(title=title, page_number=page)
        if appendix is not None and appendix < len(writer.pages):
            writer.add_outline_item(title="Background and references", page_number=appendix, parent=item)
    writer.add_metadata(metadata)
    if len(outline) > 1:
        writer.page_mode = "/UseOutlines"
    with open(dst, "wb") as fh:
        writer.write(fh)
