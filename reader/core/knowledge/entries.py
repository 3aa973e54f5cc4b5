"""Reading and checking one knowledge-entry file (``<pack>/<id>.md``) and a ``pack.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.knowledge.facts import parse_facts
from reader.core.knowledge.model import (
    ENTRY_TYPES,
    SIDES,
    SPEAKER_KINDS,
    STATUSES,
    Entry,
    PackInfo,
    Problem,
    Source,
)
from reader.core.knowledge.problems import Report
from reader.core.knowledge.yamlio import YamlError, YDict, YList, parse_yaml, split_front_matter

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_WIKIDATA_RE = re.compile(r"^Q\d+$")

COMMON_KEYS = (
    "id", "type", "names", "forms", "wikidata", "side", "status", "summary", "related", "sources",
)
SPEAKER_KEYS = ("roles", "kind", "affiliation")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "organisation": (*COMMON_KEYS, *SPEAKER_KEYS),
    "person": (*COMMON_KEYS, *SPEAKER_KEYS, "term"),
    "outlet": (*COMMON_KEYS, *SPEAKER_KEYS, "country", "ownership", "state_affiliation"),
    "country": (*COMMON_KEYS, *SPEAKER_KEYS),
    "claim": (*COMMON_KEYS, "claim_patterns"),
    "resolution": COMMON_KEYS,
    "place": COMMON_KEYS,
    "event": COMMON_KEYS,
}
ALL_ENTRY_KEYS = frozenset(k for keys in TYPE_KEYS.values() for k in keys)
REQUIRED_KEYS = ("id", "type", "names", "side", "summary")
SOURCE_KEYS = ("id", "title", "publisher", "symbol", "url", "date")
STATE_AFFILIATIONS = ("state", "state-aligned", "public", "private", "independent")
PACK_KEYS = ("id", "title", "version", "language")
SOURCELESS_TYPES = ("place", "country")


@dataclass(frozen=True)
class FormRef:
    """Where one surface form (name, form or role) of an entry was written."""

    language: str
    form: str
    line: int
    table: str  # names | forms | roles


@dataclass
class ParsedEntry:
    """An entry file read and checked; ``entry`` is None when it could not be used."""

    path: str
    entry: Entry | None
    problems: list[Problem]
    id: str = ""
    id_line: int = 1
    surface: list[FormRef] = field(default_factory=list)
    related: list[tuple[str, int]] = field(default_factory=list)
    skip_reason: Problem | None = None  # set when ``entry`` is None


def _text(value: Any) -> str | None:
    """``value`` as text, or None when it is a mapping or list."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return None


def _string(report: Report, data: YDict, key: str, *, fatal: bool = False) -> str:
    value = _text(data.get(key))
    if value is None:
        report.error(data.line_of(key), f"'{key}' must be a single value, not a list or mapping",
                     fatal=fatal)
        return ""
    return value


def _string_list(report: Report, value: Any, line: int, what: str) -> list[tuple[str, int]]:
    """Non-empty strings of a list (a single string is read as a one-item list)."""
    if value is None:
        return []
    if isinstance(value, str):
        report.warn(line, f"{what} should be a list, e.g. [{value}]")
        return [(value.strip(), line)] if value.strip() else []
    if not isinstance(value, YList):
        report.error(line, f"{what} must be a list")
        return []
    out: list[tuple[str, int]] = []
    for index, item in enumerate(value):
        item_line = value.line_of(index)
        if not isinstance(item, str) or not item.strip():
            report.error(item_line, f"{what}: item {index + 1} must be non-empty text")
            continue
        out.append((item.strip(), item_line))
    return out


def _per_language_lists(
    report: Report, data: YDict, key: str, surface: list[FormRef] | None
) -> dict[str, list[str]]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, YDict):
        report.error(data.line_of(key), f"'{key}' must map languages to lists, e.g. en: [...]")
        return {}
    out: dict[str, list[str]] = {}
    for lang, items in value.items():
        found = _string_list(report, items, value.line_of(lang), f"{key}.{lang}")
        if found:
            out[lang] = [form for form, _ in found]
        if surface is not None:
            surface.extend(FormRef(lang, form, line, key) for form, line in found)
    return out


def _per_language_text(report: Report, data: YDict, key: str) -> dict[str, str]:
    value = data.get(key)
    if value is None:
        return {}
    if isinstance(value, str):
        report.error(data.line_of(key), f"'{key}' must map languages to text, e.g. en: ...")
        return {"en": value.strip()}
    if not isinstance(value, YDict):
        report.error(data.line_of(key), f"'{key}' must map languages to text, e.g. en: ...")
        return {}
    out: dict[str, str] = {}
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip():
            report.error(value.line_of(lang), f"{key}.{lang} must be non-empty text")
            continue
        out[lang] = " ".join(text.split())
    return out


def _choice(report: Report, data: YDict, key: str, allowed: tuple[str, ...], *,
            fatal: bool = False) -> str:
    value = _string(report, data, key, fatal=fatal)
    if value and value not in allowed:
        report.error(data.line_of(key), f"unknown {key} '{value}' (allowed: {', '.join(allowed)})",
                     fatal=fatal)
        return ""
    return value


def _sources(report: Report, data: YDict, entry_type: str) -> list[Source]:
    value = data.get("sources")
    line = data.line_of("sources")
    if value is None or (isinstance(value, YList) and not value):
        message = "no sources: give at least one under 'sources'"
        if entry_type in SOURCELESS_TYPES:
            report.warn(line, message)
        else:
            report.error(line, message)
        return []
    if not isinstance(value, YList):
        report.error(line, "'sources' must be a list of sources (id, title, publisher, url/symbol, date)")
        return []
    sources: list[Source] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        item_line = value.line_of(index)
        if not isinstance(item, YDict):
            report.error(item_line, "a source must be a mapping with id, title, publisher, url/symbol, date")
            continue
        for key in item:
            if key not in SOURCE_KEYS:
                report.error(item.line_of(key),
                             f"unknown source key '{key}' (allowed: {', '.join(SOURCE_KEYS)})")
        fields = {k: _string(report, item, k) for k in SOURCE_KEYS}
        if not fields["id"]:
            report.error(item_line, "source without an id (e.g. id: s1)")
            continue
        if fields["id"] in seen:
            report.error(item.line_of("id"), f"source id '{fields['id']}' is used twice")
            continue
        seen.add(fields["id"])
        if not fields["title"]:
            report.error(item_line, f"source {fields['id']} has no title")
        if not fields["url"] and not fields["symbol"]:
            report.error(item_line, f"source {fields['id']} has neither url nor symbol")
        if fields["date"] and not _DATE_RE.match(fields["date"]):
            report.warn(item.line_of("date"), f"source {fields['id']} date '{fields['date']}' is not an ISO date or year")
        sources.append(Source(**fields))
    return sources


def _term(report: Report, data: YDict) -> tuple[str, str]:
    value = data.get("term")
    if value is None:
        return "", ""
    if not isinstance(value, YDict):
        report.error(data.line_of("term"), "'term' must be a mapping, e.g. {from: 2003-10-31, to: null}")
        return "", ""
    out: list[str] = []
    for key in value:
        if key not in ("from", "to"):
            report.error(value.line_of(key), f"unknown term key '{key}' (allowed: from, to)")
    for key in ("from", "to"):
        text = _string(report, value, key)
        if text and not _DATE_RE.match(text):
            report.error(value.line_of(key), f"term {key} '{text}' is not an ISO date")
        out.append(text)
    return out[0], out[1]


def _claim_patterns(report: Report, data: YDict) -> dict[str, list[str]]:
    value = data.get("claim_patterns")
    if value is None:
        return {}
    if not isinstance(value, YDict):
        report.error(data.line_of("claim_patterns"), "'claim_patterns' must map languages to lists")
        return {}
    out: dict[str, list[str]] = {}
    for lang, items in value.items():
        good: list[str] = []
        for pattern, line in _string_list(report, items, value.line_of(lang), f"claim_patterns.{lang}"):
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                report.error(line, f"invalid regular expression {pattern!r}: {exc}")
                continue
            good.append(pattern)
        if good:
            out[lang] = good
    return out


def parse_entry(path: Path, pack: str, languages: tuple[str, ...] = ("de", "en")) -> ParsedEntry:
    """Read and check one entry file. Structural problems make ``entry`` None."""
    report = Report(str(path))
    parsed = ParsedEntry(str(path), None, report.problems)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.error(1, f"cannot read entry: {exc}", fatal=True)
        parsed.skip_reason = report.first_fatal
        return parsed
    try:
        front, front_line, body, body_line = split_front_matter(text)
        data = parse_yaml(front, front_line)
    except YamlError as exc:
        report.error(exc.line, exc.message, fatal=True)
        parsed.skip_reason = report.first_fatal
        return parsed
    if not isinstance(data, YDict):
        report.error(front_line, "front matter must be a mapping of keys (id, type, names …)", fatal=True)
        parsed.skip_reason = report.first_fatal
        return parsed
    for key, line in data.duplicate_keys:
        report.error(line, f"key '{key}' appears twice")

    entry_id = _string(report, data, "id", fatal=True)
    parsed.id, parsed.id_line = entry_id, data.line_of("id")
    for key in REQUIRED_KEYS:
        if key not in data or data[key] in (None, ""):
            report.error(data.line, f"missing required key '{key}'", fatal=True)
    if entry_id and not ID_RE.match(entry_id):
        report.error(data.line_of("id"), f"id '{entry_id}' must use only a-z, 0-9 and '-'", fatal=True)
    if entry_id and path.stem != entry_id:
        report.warn(data.line_of("id"), f"file name should be {entry_id}.md")
    entry_type = _choice(report, data, "type", ENTRY_TYPES, fatal=True)
    allowed = TYPE_KEYS.get(entry_type, COMMON_KEYS)
    for key in data:
        if key in allowed:
            continue
        line = data.line_of(key)
        if key in ALL_ENTRY_KEYS:
            report.warn(line, f"key '{key}' is not used for type {entry_type} (allowed: {', '.join(allowed)})")
        else:
            report.error(line, f"unknown key '{key}' (allowed for {entry_type or 'entries'}: {', '.join(allowed)})")

    names = _per_language_lists(report, data, "names", parsed.surface)
    if "names" in data and not names:
        report.error(data.line_of("names"), "'names' needs at least one name", fatal=True)
    forms = _per_language_lists(report, data, "forms", parsed.surface)
    roles = _per_language_lists(report, data, "roles", parsed.surface)
    summary = _per_language_text(report, data, "summary")
    for lang in languages:
        if names and lang not in names:
            report.warn(data.line_of("names"), f"no name in language '{lang}'")
        if summary and lang not in summary:
            report.warn(data.line_of("summary"), f"no summary in language '{lang}'")
    side = _choice(report, data, "side", SIDES, fatal=True)
    kind = _choice(report, data, "kind", SPEAKER_KINDS)
    status = _choice(report, data, "status", STATUSES) or "confirmed"
    state_affiliation = _choice(report, data, "state_affiliation", STATE_AFFILIATIONS)
    if entry_type == "outlet" and kind and kind != "media":
        report.warn(data.line_of("kind"), "outlets should have kind: media")
    wikidata = _string(report, data, "wikidata")
    if wikidata and not _WIKIDATA_RE.match(wikidata):
        report.warn(data.line_of("wikidata"), f"wikidata '{wikidata}' is not a Q-number")
    related = _string_list(report, data.get("related"), data.line_of("related"), "related")
    parsed.related = related
    term_from, term_to = _term(report, data)
    sources = _sources(report, data, entry_type)
    facts = parse_facts(body, body_line, {s.id for s in sources}, report)
    claim_patterns = _claim_patterns(report, data)
    affiliation = _string(report, data, "affiliation")
    country = _string(report, data, "country")
    ownership = _string(report, data, "ownership")
    if report.fatal:
        parsed.skip_reason = report.first_fatal
        return parsed
    parsed.entry = Entry(
        id=entry_id,
        type=entry_type,
        names=names,
        side=side,
        pack=pack,
        path=str(path),
        summary=summary,
        forms=forms,
        roles=roles,
        kind=kind,
        wikidata=wikidata,
        term_from=term_from,
        term_to=term_to,
        affiliation=affiliation,
        status=status,
        related=[r for r, _ in related],
        claim_patterns=claim_patterns,
        sources=sources,
        body=body.strip("\n"),
        facts=facts,
        country=country,
        ownership=ownership,
        state_affiliation=state_affiliation,
    )
    return parsed


def parse_pack_info(path: Path, *, user: bool = False) -> tuple[PackInfo, list[str], list[Problem]]:
    """Read ``pack.yaml``: (info, languages, problems).

    An unreadable ``pack.yaml`` is reported and replaced by the folder name with version "0",
    so the pack's entries still load.
    """
    report = Report(str(path))
    fallback = PackInfo(id=path.parent.name, version="0", path=str(path.parent), user=user)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        report.error(1, f"cannot read pack.yaml: {exc}")
        return fallback, ["de", "en"], report.problems
    except YamlError as exc:
        report.error(exc.line, exc.message)
        return fallback, ["de", "en"], report.problems
    if not isinstance(data, YDict):
        report.error(1, "pack.yaml must be a mapping with id, title, version, language")
        return fallback, ["de", "en"], report.problems
    for key in data:
        if key not in PACK_KEYS:
            report.error(data.line_of(key), f"unknown key '{key}' (allowed: {', '.join(PACK_KEYS)})")
    for key, line in data.duplicate_keys:
        report.error(line, f"key '{key}' appears twice")
    pack_id = _string(report, data, "id") or path.parent.name
    if "id" not in data:
        report.error(data.line, "missing required key 'id'")
    elif pack_id != path.parent.name:
        report.warn(data.line_of("id"), f"pack id '{pack_id}' differs from its folder name '{path.parent.name}'")
    version = _string(report, data, "version")
    if not version:
        report.error(data.line, "missing required key 'version'")
        version = "0"
    languages = [lang for lang, _ in _string_list(report, data.get("language"), data.line_of("language"), "language")]
    info = PackInfo(id=pack_id, version=version, title=_string(report, data, "title"),
                    path=str(path.parent), user=user)
    return info, languages or ["de", "en"], report.problems
