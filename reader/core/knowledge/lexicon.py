"""Reading and checking one wording-lexicon file (``resources/lexicon/<lang>.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.core.knowledge.entries import ID_RE, FormRef
from reader.core.knowledge.inflect import INFLECT_KINDS, inflections
from reader.core.knowledge.model import (
    LEXICON_CATEGORIES,
    LEXICON_RULES,
    LEXICON_SIDES,
    LexiconEntry,
    PackInfo,
    Problem,
)
from reader.core.knowledge.problems import Report
from reader.core.knowledge.yamlio import YamlError, YDict, YList, parse_yaml

FILE_KEYS = ("id", "version", "language", "entries")
ENTRY_KEYS = (
    "id", "forms", "category", "side", "rule", "explanation", "explanation_de", "alternative",
    "mirror", "unless", "severity_note", "inflect",
)
REQUIRED_KEYS = ("id", "forms", "category", "side", "rule", "explanation")


@dataclass
class ParsedLexicon:
    """A lexicon file read and checked; unusable entries are left out of ``entries``."""

    path: str
    info: PackInfo | None
    language: str
    entries: list[LexiconEntry]
    problems: list[Problem]
    id_lines: dict[str, int] = field(default_factory=dict)  # every entry id seen -> first line
    ids: list[tuple[str, int]] = field(default_factory=list)  # every entry id seen, with its line
    surface: dict[str, list[FormRef]] = field(default_factory=dict)  # entry id -> forms
    mirrors: list[tuple[str, str, int]] = field(default_factory=list)  # (entry id, mirror id, line)
    skipped: list[Problem] = field(default_factory=list)  # what could not be loaded, and why


def form_problem(form: str) -> str | None:
    """Why a lexicon form cannot be matched, or None when it is fine."""
    text = form.strip()
    if not text or not text.strip("*").strip():
        return "empty form"
    star = text.find("*")
    if star != -1 and star != len(text) - 1:
        return f"form {form!r}: '*' is allowed only at the end of the last word"
    if star != -1 and not text[-2].isalnum():
        return f"form {form!r}: '*' must directly follow a word"
    return None


def _text(report: Report, item: YDict, key: str, *, fatal: bool = False) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        report.error(item.line_of(key), f"'{key}' must be text", fatal=fatal)
        return ""
    return " ".join(value.split())


def _list(report: Report, item: YDict, key: str) -> list[tuple[str, int]]:
    value = item.get(key)
    line = item.line_of(key)
    if value is None:
        return []
    if isinstance(value, str):
        report.warn(line, f"'{key}' should be a list, e.g. [{value}]")
        return [(value, line)]
    if not isinstance(value, YList):
        report.error(line, f"'{key}' must be a list")
        return []
    out: list[tuple[str, int]] = []
    for index, element in enumerate(value):
        if not isinstance(element, str):
            report.error(value.line_of(index), f"{key}: item {index + 1} must be text")
            continue
        out.append((element, value.line_of(index)))
    return out


def _choice(report: Report, item: YDict, key: str, allowed: tuple[str, ...]) -> str:
    value = _text(report, item, key, fatal=True)
    if value and value not in allowed:
        report.error(item.line_of(key), f"unknown {key} '{value}' (allowed: {', '.join(allowed)})",
                     fatal=True)
    return value


def _entry(report: Report, item: YDict, parsed: ParsedLexicon, pack: str) -> LexiconEntry | None:
    report.reset()
    for key in item:
        if key not in ENTRY_KEYS:
            report.error(item.line_of(key), f"unknown key '{key}' (allowed: {', '.join(ENTRY_KEYS)})")
    for key, line in item.duplicate_keys:
        report.error(line, f"key '{key}' appears twice")
    for key in REQUIRED_KEYS:
        if item.get(key) in (None, "", []):
            report.error(item.line, f"missing required key '{key}'", fatal=True)
    entry_id = _text(report, item, "id", fatal=True)
    if entry_id and not ID_RE.match(entry_id):
        report.error(item.line_of("id"), f"id '{entry_id}' must use only a-z, 0-9 and '-'", fatal=True)
    if entry_id:
        parsed.id_lines.setdefault(entry_id, item.line)
        parsed.ids.append((entry_id, item.line))
    forms: list[str] = []
    refs: list[FormRef] = []
    for form, line in _list(report, item, "forms"):
        problem = form_problem(form)
        if problem:
            report.error(line, problem)
            continue
        forms.append(form.strip())
        refs.append(FormRef(parsed.language, form.strip(), line, "forms"))
    if "forms" in item and item["forms"] not in (None, "", []) and not forms:
        report.error(item.line_of("forms"), "no usable form", fatal=True)
    inflect = _choice(report, item, "inflect", INFLECT_KINDS) if "inflect" in item else ""
    if inflect:
        forms = list(dict.fromkeys(v for f in forms for v in inflections(f, inflect, parsed.language)))
    category = _choice(report, item, "category", LEXICON_CATEGORIES)
    side = _choice(report, item, "side", LEXICON_SIDES)
    rule = _choice(report, item, "rule", LEXICON_RULES)
    explanation = _text(report, item, "explanation", fatal=True)
    alternative = _text(report, item, "alternative")
    if not alternative and rule and rule != "info":
        report.warn(item.line, f"lexicon entry {entry_id} has no neutral 'alternative'")
    mirror = _list(report, item, "mirror")
    unless = [u.strip() for u, _ in _list(report, item, "unless") if u.strip()]
    parsed.mirrors.extend((entry_id, m.strip(), line) for m, line in mirror)
    if entry_id:
        parsed.surface.setdefault(entry_id, refs)
    if report.fatal:
        why = report.first_fatal or report.problems[-1]
        name = entry_id or "without id"
        parsed.skipped.append(Problem(parsed.path, why.line, f"lexicon entry {name} skipped: {why.message}"))
        return None
    return LexiconEntry(
        id=entry_id,
        language=parsed.language,
        forms=forms,
        category=category,
        side=side,
        rule=rule,
        explanation=explanation,
        alternative=alternative,
        pack=pack,
        path=parsed.path,
        line=item.line,
        explanation_de=_text(report, item, "explanation_de"),
        mirror=[m.strip() for m, _ in mirror],
        unless=unless,
        severity_note=_text(report, item, "severity_note"),
        inflect=inflect,
    )


def parse_lexicon(path: Path, *, user: bool = False) -> ParsedLexicon:
    """Read and check a lexicon file; bad entries are reported and left out."""
    report = Report(str(path))
    parsed = ParsedLexicon(str(path), None, path.stem, [], report.problems)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        report.error(1, f"cannot read lexicon: {exc}")
        parsed.skipped.extend(report.problems)
        return parsed
    except YamlError as exc:
        report.error(exc.line, exc.message)
        parsed.skipped.extend(report.problems)
        return parsed
    if not isinstance(data, YDict):
        report.error(1, "a lexicon file must be a mapping with id, version, language, entries")
        parsed.skipped.extend(report.problems)
        return parsed
    for key in data:
        if key not in FILE_KEYS:
            report.error(data.line_of(key), f"unknown key '{key}' (allowed: {', '.join(FILE_KEYS)})")
    for key in FILE_KEYS:
        if data.get(key) in (None, ""):
            report.error(data.line, f"missing required key '{key}'")
    language = data.get("language")
    if isinstance(language, str) and language.strip():
        parsed.language = language.strip()
        if path.stem != parsed.language and not path.stem.endswith(f"-{parsed.language}"):
            report.warn(data.line_of("language"), f"language '{parsed.language}' differs from the file name {path.name}")
    version = data.get("version")
    file_id = data.get("id")
    pack_id = file_id.strip() if isinstance(file_id, str) and file_id.strip() else f"lexicon-{path.stem}"
    parsed.info = PackInfo(id=pack_id, version=version.strip() if isinstance(version, str) and version.strip() else "0",
                           title=f"Wording lexicon ({parsed.language})", path=str(path), user=user)
    entries = data.get("entries")
    if entries is None:
        return parsed
    if not isinstance(entries, YList):
        report.error(data.line_of("entries"), "'entries' must be a list")
        parsed.skipped.append(report.problems[-1])
        return parsed
    for index, item in enumerate(entries):
        if not isinstance(item, YDict):
            report.error(entries.line_of(index), "a lexicon entry must be a mapping (id, forms, category …)")
            parsed.skipped.append(report.problems[-1])
            continue
        entry = _entry(report, item, parsed, pack_id)
        if entry is not None:
            parsed.entries.append(entry)
    return parsed
