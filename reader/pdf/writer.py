"""Annotated PDF export: ``export_pdf(lib, analyzer, kb, ids, path, ...)``.

Qt (QtGui only) draws the pages: title block, the article text with its marks, numbered margin
cards level with their lines (compacted, or moved to a footnote area of the same page when the
margin is full), the balance summary and the "Background and references" appendix. pypdf then
adds the real PDF parts: /Highlight annotations with QuadPoints for the user's highlights (the
note in /Contents, a /Popup, /T "Margin"), the outline and the metadata.

The file is written to a temporary file in the target folder and moved into place at the end, so
a failed or cancelled export leaves nothing half-written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import (
    QColor,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)

from reader.core.export_content import (
    ExportArticle,
    ExportOptions,
    build_export_article,
    export_date,
)
from reader.core.notes import notes_for
from reader.core.output_path import OutputError, check_output, replace_into
from reader.pdf import fonts
from reader.pdf.layout import (
    RESOLUTION,
    ArticleBody,
    CardBox,
    Flow,
    Geometry,
    Page,
    PageSlice,
    Placed,
    footnote_doc,
    new_doc,
    place_cards,
    pt,
)
from reader.pdf.paint import paint_page

if TYPE_CHECKING:
    from reader.core.analysis.engine import Analyzer
    from reader.core.knowledge.model import KnowledgeBase
    from reader.core.library import Library

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = (16.0, 14.0, 14.0, 14.0)  # left, top, right, bottom
AUTHOR = "Margin"

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


class ExportError(Exception):
    """An export problem, in one line for the user."""


class ExportCancelled(ExportError):
    def __init__(self) -> None:
        super().__init__("export cancelled")


@dataclass(frozen=True)
class PdfOptions:
    paper: str = "a4"
    sources: bool = True
    background: bool = True
    wording: bool = True
    notes: bool = True
    force: bool = False
    cards_as_annotations: bool = False  # each margin card also as a markup annotation on its span

    def content(self) -> ExportOptions:
        return ExportOptions(self.sources, self.background, self.wording, self.notes)


@dataclass
class ExportResult:
    path: Path
    pages: int
    articles: int
    highlights: int
    cards: int
    article_pages: list[int] = field(default_factory=list)  # first page (0-based) of each article


# -- entry points ------------------------------------------------------------------------------


def check_target(path: Path | str, force: bool = False) -> Path:
    """The output path, or :class:`ExportError` saying in one line why it cannot be written."""
    try:
        return check_output(path, force=force, suffix=".pdf")
    except OutputError as exc:
        raise ExportError(str(exc)) from None


def _prepared(path: Path | str, options: PdfOptions | None, count: int) -> tuple[Path, PdfOptions]:
    """Options filled in and the target checked, before any work is done."""
    options = options or PdfOptions()
    if not count:
        raise ExportError("no articles to export")
    return check_target(path, options.force), options


def export_pdf(
    lib: Library,
    analyzer: Analyzer | None,
    kb: KnowledgeBase | None,
    article_ids: Sequence[int],
    path: Path | str,
    options: PdfOptions | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Export the articles to one annotated PDF at ``path``."""
    target, options = _prepared(path, options, len(article_ids))
    articles = [lib.require_article(i) for i in article_ids]  # every id checked before writing
    from reader.core.analysis_store import corrected_analysis

    def content_for(i: int) -> ExportArticle:
        article = articles[i]
        analysis = corrected_analysis(lib, analyzer, article).analysis if analyzer else None
        return build_export_article(
            article, analysis, kb, notes_for(lib, article.id), options.content()
        )

    titles = [a.title for a in articles]
    return _write(target, len(articles), content_for, titles, options, progress, cancel)


def write_pdf(
    contents: Sequence[ExportArticle],
    path: Path | str,
    options: PdfOptions | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportResult:
    """Export already-built contents (tests, benchmarks, callers with their own analysis)."""
    target, options = _prepared(path, options, len(contents))
    titles = [c.article.title for c in contents]
    return _write(target, len(contents), lambda i: contents[i], titles, options, progress, cancel)


# -- the writer --------------------------------------------------------------------------------


@dataclass
class _Laid:
    content: ExportArticle
    body: ArticleBody
    pages: list[Page]
    boxes: list[CardBox]


def _write(
    target: Path, n: int, content_for: Callable[[int], ExportArticle], titles: list[str],
    options: PdfOptions, progress: Progress | None, cancel: Cancel | None,
) -> ExportResult:
    try:
        fonts.ensure_app()
    except fonts.QtUnavailable as exc:
        raise ExportError(str(exc)) from exc
    fonts.load_fonts()
    if options.paper not in PAPERS:
        raise ExportError(f"unknown paper size {options.paper!r} (a4 or letter)")
    temps: list[str] = []
    try:
        for suffix in (".qt.pdf", ".pdf.part"):
            fd, tmp = tempfile.mkstemp(prefix=".margin-", suffix=suffix, dir=target.parent)
            os.close(fd)
            temps.append(tmp)
        qt_tmp, final_tmp = temps
        result = _render(qt_tmp, final_tmp, n, content_for, titles, options, progress, cancel)
        replace_into(final_tmp, target)
        result.path = target
        return result
    except OutputError as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(f"{target}: cannot write the PDF ({exc.strerror or exc})") from None
    finally:
        for tmp in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _render(
    qt_path: str, out_path: str, n: int, content_for: Callable[[int], ExportArticle],
    titles: list[str], options: PdfOptions, progress: Progress | None, cancel: Cancel | None,
) -> ExportResult:
    writer = QPdfWriter(qt_path)
    writer.setResolution(RESOLUTION)
    left, top, right, bottom = MARGINS_MM
    writer.setPageLayout(QPageLayout(
        QPageSize(PAPERS[options.paper]), QPageLayout.Orientation.Portrait,
        QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter,
    ))
    writer.setCreator("Margin")
    writer.setAuthor(AUTHOR)
    writer.setTitle(titles[0] if n == 1 else f"{titles[0]} and {n - 1} more")
    rect = writer.pageLayout().paintRectPixels(RESOLUTION)
    geo = Geometry.for_page(rect.width(), rect.height())

    laid: list[_Laid] = []
    for i in range(n):
        if cancel is not None and cancel():
            raise ExportCancelled()
        if progress is not None:
            progress(i, n, titles[i])
        content = content_for(i)
        laid.append(_lay_out_article(writer, content, geo, i))
    if cancel is not None and cancel():
        raise ExportCancelled()

    toc_pages = _toc_pages(writer, laid, geo) if n > 1 else []
    first_pages: list[int] = []
    page_no = len(toc_pages)
    for item in laid:
        first_pages.append(page_no)
        page_no += len(item.pages)
    total = page_no
    if toc_pages:
        toc_pages = _toc_pages(writer, laid, geo, first_pages)

    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{qt_path}: cannot write the PDF")
    from reader.pdf.annotate import AnnotSpec, OutlineEntry, Quad, card_spec, highlight_spec

    margins = writer.pageLayout().margins(QPageLayout.Unit.Point)
    page_h = writer.pageLayout().fullRectPoints().height()
    scale = 72.0 / RESOLUTION

    def to_quads(rects: list[QRectF]) -> list[Quad]:
        return [Quad(margins.left() + r.left() * scale, page_h - (margins.top() + r.top() * scale),
                     margins.left() + r.right() * scale, page_h - (margins.top() + r.bottom() * scale))
                for r in rects]

    specs: list[AnnotSpec] = []
    highlighted: set[int] = set()
    card_count = 0
    try:
        index = 0
        for page in toc_pages:
            if index:
                writer.newPage()
            paint_page(painter, page, geo, index, total)
            index += 1
        for k, item in enumerate(laid):
            first = first_pages[k]
            for page in item.pages:
                if cancel is not None and cancel():
                    raise ExportCancelled()
                if index:
                    writer.newPage()
                paint_page(painter, page, geo, index, total)
                card_count += len(page.cards) + len(page.footnotes)
                index += 1
            for note in item.content.highlights:
                assert note.start is not None and note.end is not None
                rects = item.body.line_rects(note.start, note.end)
                for page_index, page_rects in _to_pages(rects, item, first).items():
                    specs.append(highlight_spec(note, page_index, to_quads(page_rects)))
                    highlighted.add(id(note))
            if options.cards_as_annotations:
                for box in item.boxes:
                    if box.card.kind == "note":  # the highlight itself carries the note
                        continue
                    rects = item.body.line_rects(box.card.start, box.card.end)
                    for page_index, page_rects in _to_pages(rects, item, first).items():
                        specs.append(card_spec(box.card, k, page_index, to_quads(page_rects)))
    finally:
        painter.end()
    if cancel is not None and cancel():
        raise ExportCancelled()
    if progress is not None:
        progress(n, n, "")
    from reader.pdf.annotate import annotate

    annotate(
        qt_path, out_path, annotations=specs,
        outline=[OutlineEntry(item.content.article.title, first_pages[i],
                              tuple(_sections(item, first_pages[i])))
                 for i, item in enumerate(laid)],
        metadata=_metadata(laid),
    )
    return ExportResult(
        path=Path(out_path), pages=total, articles=n, highlights=len(highlighted),
        cards=card_count, article_pages=first_pages,
    )


def _metadata(laid: list[_Laid]) -> dict[str, str]:
    articles = [item.content.article for item in laid]
    outlets = list(dict.fromkeys(a.outlet for a in articles if a.outlet))
    authors = list(dict.fromkeys(a.author for a in articles if a.author))
    keywords: dict[str, None] = {}
    for item in laid:
        for k in item.content.keywords:
            keywords[k] = None
    title = articles[0].title if len(articles) == 1 else f"{len(articles)} articles: " + "; ".join(
        a.title for a in articles[:3]) + ("…" if len(articles) > 3 else "")
    subject = (
        f"Annotated article from {articles[0].outlet or 'an unknown outlet'}"
        + (f", {articles[0].published}" if articles[0].published else "")
        if len(articles) == 1 else f"Annotated articles from {', '.join(outlets) or 'several outlets'}"
    ) + ": sources, background, wording and notes, exported by Margin"
    return {
        "/Title": title,
        "/Author": "; ".join(authors + outlets) or AUTHOR,
        "/Subject": subject,
        "/Keywords": ", ".join(list(keywords)[:40]),
        "/Creator": "Margin",
    }


def _sections(item: _Laid, first: int) -> list[tuple[str, int]]:
    """Outline children of one article: its text, source balance, notes, background."""
    out: list[tuple[str, int]] = [("Text", first)]
    for i, page in enumerate(item.pages):
        for title in page.sections:
            out.append((title, first + i))
    return out


def _to_pages(rects: list[QRectF], item: _Laid, first: int) -> dict[int, list[QRectF]]:
    """Document rectangles of the article body → page index and page rectangles."""
    out: dict[int, list[QRectF]] = {}
    for r in rects:
        for i, page in enumerate(item.pages):
            sl = page.body_slice
            if sl is None:
                continue
            mid = r.center().y()
            if sl.y_from <= mid < sl.y_to:
                out.setdefault(first + i, []).append(
                    QRectF(r.x() + sl.flow.x, r.y() - sl.y_from + sl.page_y, r.width(), r.height())
                )
                break
    return out


# -- laying out an article ----------------------------------------------------------------------


def _title_flow(writer: QPdfWriter, content: ExportArticle, geo: Geometry) -> Flow:
    a = content.article
    doc = new_doc(writer, fonts.font(fonts.SANS, 8.5))
    cursor = QTextCursor(doc)
    title_fmt = QTextCharFormat()
    title_fmt.setFont(fonts.font(fonts.DISPLAY, 18.5, bold=True))
    title_fmt.setForeground(QColor("#16181B"))
    bf = QTextBlockFormat()
    bf.setBottomMargin(pt(5))
    bf.setLineHeight(112, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.setBlockFormat(bf)
    cursor.insertText(a.title, title_fmt)

    meta = QTextCharFormat()
    meta.setForeground(QColor("#3F4754"))
    meta_bold = QTextCharFormat(meta)
    meta_bold.setFontWeight(700)
    grey = QTextCharFormat()
    grey.setForeground(QColor("#6C727B"))
    mb = QTextBlockFormat()
    mb.setBottomMargin(pt(1.5))

    cursor.insertBlock(mb)
    cursor.insertText(a.outlet or "Unknown outlet", meta_bold)
    if content.ownership:
        cursor.insertText(f" — {content.ownership}", meta)
    line2 = " · ".join(p for p in (a.published and f"Published {a.published}", a.dateline and f"Dateline {a.dateline}", a.author and f"By {a.author}") if p)
    if line2:
        cursor.insertBlock(mb)
        cursor.insertText(line2, meta)
    if a.url:
        cursor.insertBlock(mb)
        cursor.insertText(a.url, grey)
    cursor.insertBlock(mb)
    cursor.insertText(f"Exported from Margin on {export_date()} · {a.word_count():,} words", grey)

    if content.legend:
        lb = QTextBlockFormat()
        lb.setTopMargin(pt(5))
        cursor.insertBlock(lb)
        small = QTextCharFormat()
        small.setFont(fonts.font(fonts.SANS, 7.2))
        small.setForeground(QColor("#585F69"))
        lead = QTextCharFormat(small)
        lead.setFontWeight(700)
        cursor.insertText("Legend  ", lead)
        for j, (kind, color, label) in enumerate(content.legend):
            sample = QTextCharFormat(small)
            sample.setForeground(QColor("#24272B"))
            if kind == "highlight":
                sample.setBackground(QColor(color))
            elif kind == "flag":
                from reader.core.export_content import WORDING_WASH
                sample.setBackground(QColor(WORDING_WASH))
            else:
                sample.setUnderlineStyle({
                    "source": QTextCharFormat.UnderlineStyle.SingleUnderline,
                    "unattributed": QTextCharFormat.UnderlineStyle.DashUnderline,
                    "mention": QTextCharFormat.UnderlineStyle.DotLine,
                }[kind])
                sample.setUnderlineColor(QColor(color))
            cursor.insertText("Sample", sample)
            cursor.insertText(f" {label}" + ("   " if j < len(content.legend) - 1 else ""), small)
        cursor.insertText("   ·   Numbers in the margin refer to the notes beside the line.", small)

    if content.article_notes:
        from reader.core.notes import render_markdown
        html = "".join(
            f'<div style="margin-top:3px">{render_markdown(n.body)}</div>' for n in content.article_notes
        )
        cursor.insertBlock(lb if content.legend else mb)
        cursor.insertHtml(
            '<p style="margin-top:6px"><b style="color:#24272B">Your notes on this article</b></p>'
            f'<div style="color:#24272B">{html}</div>'
        )
    return Flow(doc, geo.width)


def _end_flow(
    writer: QPdfWriter, content: ExportArticle, geo: Geometry
) -> tuple[Flow, list[tuple[str, float]]]:
    """Balance summary, orphaned notes and the appendix; returns the flow and its section tops."""
    parts: list[str] = []
    if content.balance_summary or content.balance_by_side:
        sides = ", ".join(f"{escape(k)}: {v}" for k, v in sorted(content.balance_by_side.items()))
        parts.append("<h3>Source balance</h3>")
        if content.balance_summary:
            parts.append(f"<p>{escape(content.balance_summary)}</p>")
        if sides:
            parts.append(f'<p style="color:#585F69">Statements by side — {sides}</p>')
    if content.orphaned:
        parts.append("<h3>Notes that lost their place</h3><p style=\"color:#585F69\">The text changed "
                     "after these highlights were made and they could not be re-attached.</p>")
        for note in content.orphaned:
            parts.append(f"<p>“{escape(' '.join(note.quote.split()))}”"
                         + (f" — {escape(note.body)}" if note.body.strip() else "") + "</p>")
    marker = len(parts)
    if content.background or content.references:
        parts.append("<h3>Background and references</h3>")
        for b in content.background:
            status = f' <span style="color:#966012">({escape(b.status)})</span>' if b.status != "confirmed" else ""
            parts.append(f"<p><b>{escape(b.name)}</b>{status} — {escape(b.summary)}</p>")
            if b.facts:
                items = "".join(
                    f"<li><b>{escape(d)}</b> — {escape(t.replace('**', ''))} "
                    + "".join(f"[{n}]" for n in nums) + "</li>"
                    for d, t, nums in b.facts
                )
                parts.append(f"<ul>{items}</ul>")
        if content.references:
            parts.append("<h4>References</h4>")
            for ref in content.references:
                parts.append(f'<p class="ref">[{ref.number}] {escape(ref.cite)}</p>')
    css = ("h3 { font-size: 10.5pt; margin-top: 10px; margin-bottom: 3px; color: #16181B; } "
           "h4 { font-size: 9pt; margin-top: 6px; margin-bottom: 2px; } "
           "p { margin-top: 0; margin-bottom: 3px; } ul { margin-top: 0; margin-bottom: 4px; } "
           "p.ref { margin-left: 12px; color: #3F4754; }")
    doc = new_doc(writer, fonts.font(fonts.SANS, 8.2), css)
    doc.setHtml("".join(parts[:marker]) + '<a name="appendix"></a>' + "".join(parts[marker:]))
    flow = Flow(doc, geo.width)
    heads = ("Source balance", "Notes that lost their place", "Background and references")
    sections: list[tuple[str, float]] = []
    block = doc.begin()
    while block.isValid():
        if block.text() in heads:
            sections.append((block.text(), doc.documentLayout().blockBoundingRect(block).top()))
        block = block.next()
    return flow, sections


def _lay_out_article(writer: QPdfWriter, content: ExportArticle, geo: Geometry, index: int) -> _Laid:
    title = _title_flow(writer, content, geo)
    body = ArticleBody(writer, content, geo.text_w)
    boxes = [CardBox(card, writer, geo.note_w) for card in content.cards]
    for box in boxes:
        top, h = body.anchor_y(box.card.start)
        box.anchor_top, box.anchor_h = top, h
        box.line = body.flow.line_at(top + h / 2)
    end, sections = _end_flow(writer, content, geo)

    pages: list[Page] = []
    page = Page(article_index=index)
    # title block
    page.slices.append(PageSlice(title, 0, title.height, 0))
    y = title.height + pt(10)
    rule_y = title.height + pt(4)
    page.label = f"rule:{rule_y}"

    lines = body.flow.lines
    n = len(lines)
    i = 0
    while i < n:
        space_top = y
        avail = geo.height - space_top
        y0 = lines[i][0]
        fh = 0.0
        end_i = max(i + 1, _fit(lines, i, avail))
        placed: list[Placed] = []
        foot: list[CardBox] = []
        for _ in range(10):
            mine = [b for b in boxes if i <= b.line < end_i]
            for b in mine:
                b.page_anchor = b.anchor_top - y0 + space_top
            bottom = geo.height - (fh + pt(4) if fh else 0.0)
            placed, foot = place_cards(mine, space_top, bottom)
            need = _foot_h(writer, foot, geo)
            if need <= fh:
                break
            fh = need
            end_i = max(i + 1, _fit(lines, i, avail - fh - pt(4)))
        if foot:
            # the footnote area may have been sized for more cards than are left: take lines back
            fh = _foot_h(writer, foot, geo)
            for _ in range(12):
                if end_i >= n:
                    break
                trial = end_i + 1
                mine = [b for b in boxes if i <= b.line < trial]
                for b in mine:
                    b.page_anchor = b.anchor_top - y0 + space_top
                _, t_foot = place_cards(mine, space_top, geo.height)
                t_need = _foot_h(writer, t_foot, geo)
                t_placed, t_foot = place_cards(mine, space_top, geo.height - t_need - pt(4))
                t_need2 = _foot_h(writer, t_foot, geo)
                if t_need2 > t_need or lines[trial - 1][1] - y0 > avail - t_need2 - pt(4):
                    break
                end_i, placed, foot, fh = trial, t_placed, t_foot, t_need2
            for b in boxes:
                if i <= b.line < end_i:
                    b.page_anchor = b.anchor_top - y0 + space_top
        y1 = lines[end_i - 1][1]
        sl = PageSlice(body.flow, y0, y1 + 0.5, space_top)
        page.slices.append(sl)
        page.body_slice = sl
        page.cards = placed
        page.footnotes = foot
        if foot:
            page.footnote_top = geo.height - fh
        i = end_i
        y = space_top + (y1 - y0)
        if i < n:
            pages.append(page)
            page = Page(article_index=index)
            y = 0.0
    # the end flow (balance, appendix) continues after the text, below the last cards
    for card in page.cards:
        y = max(y, card.y + card.box.height(card.form))
    y += pt(8)
    bottom = page.footnote_top - pt(6) if page.footnotes else geo.height
    if end.lines:
        j = 0
        m = len(end.lines)
        while j < m:
            avail = bottom - y
            k = _fit(end.lines, j, avail, base=end.lines[j][0])
            if k == j:
                if page.slices:
                    pages.append(page)
                page = Page(article_index=index)
                y = 0.0
                bottom = geo.height
                continue
            y0 = end.lines[j][0]
            y1 = end.lines[k - 1][1]
            page.slices.append(PageSlice(end, y0, y1 + 0.5, y))
            for head, top in sections:
                if y0 <= top + 1 < y1 + 1:
                    page.sections.append(head)
            j = k
            y += y1 - y0
            if j < m:
                pages.append(page)
                page = Page(article_index=index)
                y = 0.0
            bottom = geo.height
    pages.append(page)
    return _Laid(content, body, pages, boxes)


def _fit(lines: list[tuple[float, float]], i: int, avail: float, base: float | None = None) -> int:
    """Index after the last line (from ``i``) that fits in ``avail`` pixels."""
    y0 = lines[i][0] if base is None else base
    end = i
    while end < len(lines) and lines[end][1] - y0 <= avail:
        end += 1
    return end


def _foot_h(writer: QPdfWriter, boxes: list[CardBox], geo: Geometry) -> float:
    if not boxes:
        return 0.0
    return footnote_doc(writer, boxes, geo.width).size().height() + pt(8)


# -- contents page -----------------------------------------------------------------------------


def _toc_pages(
    writer: QPdfWriter, laid: list[_Laid], geo: Geometry, first_pages: list[int] | None = None
) -> list[Page]:
    doc = new_doc(writer, fonts.font(fonts.SANS, 9))
    cursor = QTextCursor(doc)
    head = QTextCharFormat()
    head.setFont(fonts.font(fonts.DISPLAY, 18, bold=True))
    bf = QTextBlockFormat()
    bf.setBottomMargin(pt(10))
    cursor.setBlockFormat(bf)
    cursor.insertText("Contents", head)
    sub = QTextCharFormat()
    sub.setForeground(QColor("#6C727B"))
    cursor.insertBlock(bf)
    cursor.insertText(f"{len(laid)} articles · exported from Margin on {export_date()}", sub)
    entry = QTextBlockFormat()
    entry.setBottomMargin(pt(4))
    entry.setTopMargin(pt(5))
    meta_block = QTextBlockFormat()
    meta_block.setLeftMargin(pt(14))
    title_fmt = QTextCharFormat()
    title_fmt.setFontWeight(700)
    for i, item in enumerate(laid):
        a = item.content.article
        cursor.insertBlock(entry)
        cursor.insertText(f"{i + 1}.  {a.title}", title_fmt)
        page = f"page {first_pages[i] + 1}" if first_pages else "page 000"
        meta = " · ".join(p for p in (a.outlet, a.published, page) if p)
        cursor.insertBlock(meta_block)
        cursor.insertText(meta, sub)
    flow = Flow(doc, geo.width)
    pages: list[Page] = []
    j, m = 0, len(flow.lines)
    while j < m:
        k = max(j + 1, _fit(flow.lines, j, geo.height))
        toc_page = Page(label="toc")
        toc_page.slices.append(PageSlice(flow, flow.lines[j][0], flow.lines[k - 1][1] + 0.5, 0))
        pages.append(toc_page)
        j = k
    return pages


def describe(result: ExportResult) -> str:
    return (f"wrote {result.path} ({result.pages} pages, {result.articles} article(s), "
            f"{result.cards} margin notes, {result.highlights} highlight annotations)")


