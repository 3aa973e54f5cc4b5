"""Parsing an entry's Markdown body into dated, sourced facts."""

from __future__ import annotations

import re

from reader.core.knowledge.model import Fact
from reader.core.knowledge.problems import Report

_ITEM = re.compile(r"^ {0,3}[-*+]\s+(?P<content>.*)$")
_DATED = re.compile(r"^\*\*(?P<date>[^*]+?)\*\*\s*(?:[—–:-]\s*)?(?P<text>.*)$", re.S)
_DATE_OK = re.compile(
    r"^(?:(?:c\.|ca\.|circa|before|after|since|by|until|early|mid|late)\s*)?"
    r"\d{4}(?:s|(?:[-/]\d{1,2}){0,2})"
    r"(?:\s*[–—/-]\s*(?:\d{4}(?:[-/]\d{1,2}){0,2}|\d{1,2}))?$"
)
_REF = re.compile(r"\[(?P<ids>[A-Za-z][\w-]*(?:\s*,\s*[A-Za-z][\w-]*)*)\](?!\()")
_SOURCE_ID = re.compile(r"^s\d+[a-z]?$")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:)!?])")


def _references(text: str, defined: set[str]) -> tuple[list[str], str]:
    """Source ids referenced in ``text`` and the text without those references."""
    found: list[str] = []

    def replace(match: re.Match[str]) -> str:
        ids = [part.strip() for part in match.group("ids").split(",")]
        if not all(_SOURCE_ID.match(i) or i in defined for i in ids):
            return match.group(0)
        for i in ids:
            if i not in found:
                found.append(i)
        return ""

    stripped = _REF.sub(replace, text)
    stripped = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(stripped.split()))
    return found, stripped.strip()


def _items(body: str, first_line: int, report: Report) -> list[tuple[int, str]]:
    """List items as (line, joined text); warns about body text outside the list."""
    items: list[tuple[int, list[str]]] = []
    open_item = False
    for offset, raw in enumerate(body.split("\n")):
        line = first_line + offset
        if not raw.strip():
            open_item = False
            continue
        match = _ITEM.match(raw)
        if match:
            items.append((line, [match.group("content").strip()]))
            open_item = True
        elif items and (open_item or raw.startswith("  ")):
            items[-1][1].append(raw.strip())
            open_item = True
        else:
            report.warn(line, "body text outside the list of dated facts")
    return [(line, " ".join(parts)) for line, parts in items]


def parse_facts(body: str, first_line: int, source_ids: set[str], report: Report) -> list[Fact]:
    """Facts from ``body`` (whose first line is file line ``first_line``), problems to ``report``."""
    facts: list[Fact] = []
    for line, content in _items(body, first_line, report):
        dated = _DATED.match(content)
        if dated is None:
            report.error(line, "fact without a date: start the item with a bold date, e.g. **2020-09-27** —")
            date, text = "", content
        else:
            date, text = dated.group("date").strip(), dated.group("text")
            if not _DATE_OK.match(date):
                report.error(line, f"fact date '{date}' is not an ISO date, a year or a range")
        refs, clean = _references(text, source_ids)
        for ref in refs:
            if ref not in source_ids:
                report.error(line, f"[{ref}] refers to a source that is not defined under 'sources'")
        if not refs:
            report.warn(line, "fact cites no source: end it with a reference such as [s1]")
        if not clean:
            report.error(line, "fact has no text")
        facts.append(Fact(date=date, text=clean, source_ids=tuple(refs)))
    return facts
