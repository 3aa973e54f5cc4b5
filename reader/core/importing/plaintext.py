"""Plain text as users have it: title line, date, dateline, counters and share boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.importing.dates import find_date
from reader.core.importing.decode import has_visible
from reader.core.importing.errors import BadInput
from reader.core.models import NewArticle

# Whole lines that are page furniture, not article text (matched case-insensitively).
_BOILERPLATE = re.compile(
    r"""^(?:
        share\.?|teilen\.?|drucken\.?|print\.?|e-?mail\.?|facebook|twitter|x|whatsapp|telegram|
        leave\s+a\s+(?:reply|comment)|kommentar(?:e|\s+schreiben)?|comments?|
        (?:tun\s+sie\s+mir\s+einen\s+gefallen:?\s*)?bitte\s+teilen\s+sie\s+diesen\s+(?:beitrag|artikel)\.?|
        teilen\s+sie\s+diesen\s+(?:beitrag|artikel)\.?|please\s+share\s+this\s+(?:post|article)\.?|
        tags?:.*|schlagw(?:ö|oe)rter:.*|stichw(?:ö|oe)rter:.*|
        newsticker|related(?:\s+(?:news|articles|posts))?|read\s+more|weiterlesen|mehr\s+zum\s+thema|
        advertisement|anzeige|werbung|
        (?:gelesen|views?|aufrufe|read):\s*\d[\d.,]*
    )$""",
    re.I | re.X,
)
_COUNTER = re.compile(r"^\d{1,7}$")
_READS = re.compile(r"(?:gelesen|views?|aufrufe|read)\s*:\s*(\d[\d.,]*)", re.I)
_DATELINE_LINE = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ .\-/]{1,38}(?:\s*\([A-Za-z]{1,10}\))?$")
_DATELINE_PREFIX = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][A-ZÄÖÜ\-]{2,}(?:[ /][A-ZÄÖÜ][A-ZÄÖÜ\-]{2,}){0,2})"
    r"(?:,\s*[^–—\n]{1,25}?)?\s*(?P<agency>\([A-Za-z]{1,10}\))?\s*[–—-]\s+"
)
_AGENCIES = {"aa": "Anadolu Agency", "dpa": "dpa", "afp": "AFP", "ap": "AP", "reuters": "Reuters"}
_OUTLET_SAYS = re.compile(
    r"^(?P<name>[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*)?)\s+"
    r"(?:teilt|teilte|berichtet|berichtete|meldet|meldete|reports|reported)\b"
)
HEADER_LINES = 6


def blocks_of(text: str) -> list[str]:
    """Blocks separated by blank lines (line breaks inside kept); lines if there are no blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\t", "    ")
    if re.search(r"\n\s*\n", text):
        return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    return [line for line in text.splitlines() if line.strip()]


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs: blocks separated by blank lines, each folded onto one line."""
    return [_squash(b) for b in blocks_of(text)]


def parse_plain(text: str, *, outlet: str = "", known_outlets: tuple[str, ...] = ()) -> NewArticle:
    """Split a plain-text article into title, metadata and cleaned paragraphs."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [_strip_controls(ln) for ln in lines]
    first = next((i for i, ln in enumerate(lines) if has_visible(ln)), None)  # not BOMs alone
    if first is None:
        raise BadInput("file is empty")
    title = _squash(lines[first])
    if len(title) > 400:
        raise BadInput("no title line: the first line is a whole paragraph (over 400 characters)")
    rest = "\n".join(lines[first + 1 :])
    removed: list[str] = []
    published = dateline = ""
    read_count: int | None = None
    kept: list[str] = []
    for index, block in enumerate(blocks_of(rest)):
        para = _squash(block)
        header = index < HEADER_LINES and not kept
        if header:
            para, info = _header_bits(block, title)
            published = published or info.published
            read_count = read_count if read_count is not None else info.read_count
            dateline = dateline or info.dateline
            removed.extend(info.removed)
            if not para:
                continue
        if _BOILERPLATE.match(para) or _COUNTER.match(para):
            removed.append(para)
            continue
        if _squash(para).casefold() == title.casefold():
            removed.append(para)
            continue
        kept.append(para)
    if kept and not dateline:
        m = _DATELINE_PREFIX.match(kept[0])
        if m:
            dateline = m.group("place")
            agency = (m.group("agency") or "").strip("()").casefold()
            if agency in _AGENCIES and not outlet:
                outlet = _AGENCIES[agency]
            removed.append(kept[0][: m.end()])
            kept[0] = kept[0][m.end() :]
    if not kept:
        raise BadInput("no article text after the title")
    if not outlet:
        outlet = _outlet_from_text(kept, known_outlets)
    return NewArticle(
        title=title,
        text="\n\n".join(kept),
        outlet=outlet,
        published=published,
        dateline=dateline,
        read_count=read_count,
        original=text,
        removed_lines=removed,
    )


@dataclass
class _Header:
    published: str = ""
    read_count: int | None = None
    dateline: str = ""
    removed: list[str] = field(default_factory=list)


def _header_bits(para: str, title: str) -> tuple[str, _Header]:
    """Take date, read counter, dateline and a repeated title out of a header paragraph."""
    info = _Header()
    removed = info.removed
    lines = [ln for ln in re.split(r"\s{3,}|\n", para) if ln.strip()]
    keep: list[str] = []
    for raw in lines:
        line = raw.strip()
        reads = _READS.search(line)
        if reads:
            info.read_count = int(re.sub(r"[.,]", "", reads.group(1)))
            removed.append(line)
            continue
        found = find_date(line)
        if found and len(line) - len(found[1].group(0)) <= 3:
            info.published = found[0]
            removed.append(line)
            continue
        if _squash(line).casefold() == title.casefold():
            removed.append(line)
            continue
        if _COUNTER.match(line) or _BOILERPLATE.match(line):
            removed.append(line)
            continue
        if _DATELINE_LINE.match(line) and len(line.split()) <= 4 and not info.dateline:
            info.dateline = line
            removed.append(line)
            continue
        keep.append(line)
    return " ".join(keep), info


def _outlet_from_text(paragraphs: list[str], known: tuple[str, ...]) -> str:
    """An outlet that names itself near the top ("AzVision teilt mit, dass …")."""
    for para in paragraphs[:4]:
        for sentence in re.split(r"(?<=[.!?])\s+", para):
            m = _OUTLET_SAYS.match(sentence)
            if not m:
                continue
            name = m.group("name")
            if not known or any(name.casefold() == k.casefold() for k in known):
                if name.split()[0].casefold() not in _NOT_OUTLETS:
                    return name
    return ""


_NOT_OUTLETS = frozenset(
    ["der", "die", "das", "er", "sie", "es", "man", "wir", "the", "he", "she", "it", "they", "we", "ein", "eine", "a", "an"]
)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _strip_controls(line: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", line)
