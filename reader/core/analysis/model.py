"""Analysis results: spans with character offsets into the article text.

Every annotation carries ``start``/``end`` (Python string indices into ``Analysis.text``),
the paragraph index it sits in, and the ``rule`` (and, where one exists, the lexicon or
knowledge ``entry``) that produced it. ``key`` is stable across re-analysis of the same text
and is what user corrections refer to.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

ENGINE_VERSION = "3"  # bump when results change shape or meaning: stored analyses are redone


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


# Names the engine gives a speaker it cannot name (docs/analysis-json.md): each stands for
# someone unknown, so two of them are not the same source, and no pronoun refers to one
PLACEHOLDER_NAMES = frozenset({"unnamed source", "unnamed sources", "unidentified speaker"})


@dataclass
class Speaker:
    """Who is speaking: the span naming them, resolved entity, kind and side."""

    name: str  # canonical display name (entity name if resolved, else the text)
    span: Span | None
    entity: str | None = None
    kind: str = "unknown"  # government | party_official | media | international_organisation | ngo | military | court | person | anonymous | unknown
    side: str = "unknown"  # side code (docs/formats.md) or "unknown"
    role: str = ""  # e.g. "President of Azerbaijan"


def is_placeholder(speaker: Speaker) -> bool:
    """Whether ``speaker`` is one of the engine's names for someone unknown."""
    return speaker.entity is None and speaker.name in PLACEHOLDER_NAMES


@dataclass
class Attribution:
    """A reported statement: cue, speaker, content."""

    key: str
    start: int
    end: int
    text: str
    paragraph: int
    rule: str
    cue: Span
    speaker: Speaker
    content: Span | None = None
    chain: list[str] = field(default_factory=list)  # outermost first, e.g. ["AzVision", "Pressedienst des Präsidenten"]
    relayed_by: str | None = None  # entity id or name of the side relaying a third party's statement
    direct_quote: bool = False
    factive: bool = False  # cue presents the content as established fact ("erwähnte die Tatsachen")


@dataclass
class Unattributed:
    """A sentence asserting a contested fact with no source."""

    key: str
    start: int
    end: int
    text: str
    paragraph: int
    rule: str
    reason: str  # English
    entry: str | None = None  # lexicon/claim entry that triggered it, if any
    reason_de: str = ""  # the same in German


@dataclass
class Mention:
    """A mention of a knowledge-base entity (or a known contested claim)."""

    key: str
    start: int
    end: int
    text: str
    paragraph: int
    rule: str
    entity: str
    entity_type: str = ""


@dataclass
class Flag:
    """A wording flag: lexicon match or rule-based signal."""

    key: str
    start: int
    end: int
    text: str
    paragraph: int
    rule: str
    category: str
    side: str
    explanation: str
    alternative: str
    entry: str | None = None  # lexicon entry id, None for rule-based flags
    severity: str = "medium"  # high | medium | low
    in_quote: bool = False


@dataclass
class HeadlineCheck:
    """A headline/body mismatch. Offsets are into the title."""

    key: str
    start: int
    end: int
    text: str
    rule: str
    message: str  # in the article's language
    entity: str | None = None
    detail: str = ""  # the other spelling, or the missing entity's name (for UI messages)


@dataclass
class Balance:
    statements: int = 0
    by_side: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    sides_quoted_directly: list[str] = field(default_factory=list)
    unattributed: int = 0
    unattributed_share: float = 0.0  # share of the text's characters in unattributed claims
    flags: int = 0
    summary: str = ""


@dataclass
class Analysis:
    language: str
    title: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)
    unattributed: list[Unattributed] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    headline: list[HeadlineCheck] = field(default_factory=list)
    balance: Balance = field(default_factory=Balance)
    engine_version: str = ENGINE_VERSION
    knowledge_versions: str = ""
    # None: the whole text was analysed. A number: only ``text[:analysed_chars]`` was (a text
    # over ``ANALYSIS_LIMIT`` characters is analysed up to a paragraph break below the limit).
    analysed_chars: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (docs/analysis-json.md)."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        def span(d: dict[str, Any] | None) -> Span | None:
            return Span(**d) if d else None

        attributions = []
        for a in data.get("attributions", []):
            a = dict(a)
            sp = dict(a.pop("speaker"))
            speaker = Speaker(span=span(sp.pop("span")), **sp)
            cue = Span(**a.pop("cue"))
            content = span(a.pop("content"))
            attributions.append(Attribution(cue=cue, speaker=speaker, content=content, **a))
        return cls(
            language=data["language"],
            title=data["title"],
            text=data["text"],
            attributions=attributions,
            unattributed=[Unattributed(**u) for u in data.get("unattributed", [])],
            mentions=[Mention(**m) for m in data.get("mentions", [])],
            flags=[Flag(**f) for f in data.get("flags", [])],
            headline=[HeadlineCheck(**h) for h in data.get("headline", [])],
            balance=Balance(**data.get("balance", {})),
            engine_version=data.get("engine_version", ENGINE_VERSION),
            knowledge_versions=data.get("knowledge_versions", ""),
            analysed_chars=data.get("analysed_chars"),
        )

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of each paragraph in ``text`` (paragraphs are separated by blank lines)."""
        return paragraph_bounds(self.text)


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the paragraphs of ``text``, split on blank lines."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for chunk in text.split("\n\n"):
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            bounds.append((pos + lead, pos + lead + len(stripped)))
        pos += len(chunk) + 2
    return bounds


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # a cache: field names per dataclass


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


_ATOMS = frozenset({str, int, bool, float, type(None)})  # values taken as they are


def _plain(obj: Any) -> Any:
    """What ``dataclasses.asdict`` gives, without its deep copies (a tenth of the time):
    dataclasses become dicts, lists/tuples/dicts are rebuilt, other values copied as there."""
    cls = type(obj)
    if cls in _ATOMS:
        return obj
    if cls is list:
        return [x if type(x) in _ATOMS else _plain(x) for x in obj]
    if cls is dict:
        return {_plain(k): _plain(v) for k, v in obj.items()}
    if not is_dataclass(obj):
        if isinstance(obj, tuple):
            return cls(*[_plain(x) for x in obj]) if hasattr(obj, "_fields") else cls(_plain(x) for x in obj)
        if isinstance(obj, (list, dict)):
            return cls(_plain(x) for x in obj) if isinstance(obj, list) else cls(
                (_plain(k), _plain(v)) for k, v in obj.items())
        return copy.deepcopy(obj)
    out = {}
    for name in _field_names(cls):  # atoms without a call
        value = getattr(obj, name)
        out[name] = value if type(value) in _ATOMS else _plain(value)
    return out
