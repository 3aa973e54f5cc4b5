"""Plain data objects for knowledge packs and wording lexicons (see docs/formats.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTRY_TYPES = (
    "organisation", "resolution", "person", "place", "event", "outlet", "claim", "country",
)
SIDES = ("AZ", "AM", "RU", "TR", "US", "EU", "WEST", "INT", "IND", "general")
SPEAKER_KINDS = (
    "government", "party_official", "media", "international_organisation", "ngo",
    "military", "court", "person", "anonymous", "unknown",
)
STATUSES = ("confirmed", "reported", "disputed", "unverified")
LEXICON_CATEGORIES = (
    "loaded_label", "delegitimising", "euphemism", "martyrdom", "triumphalism", "dehumanising",
    "pejorative", "legal_characterisation", "exaggeration", "unattributed_accusation",
    "disputed_figure", "conflation", "naming", "religious",
    # general loaded-language layer (resources/lexicon/general-*.yaml)
    "emotive", "intensifier", "loaded_verb", "minimisation",
)
LEXICON_RULES = ("always", "unattributed", "narrator", "info")
LEXICON_SIDES = ("AZ", "AM", "RU", "TR", "WEST", "LEFT", "RIGHT", "general")
CONFLICT_SIDES = ("AZ", "AM", "RU", "TR", "WEST")  # the conflict lexicon's balance rule
POLITICAL_SIDES = ("LEFT", "RIGHT")  # political camps of the general layer


@dataclass(frozen=True)
class Source:
    """A document a fact rests on."""

    id: str
    title: str
    publisher: str = ""
    url: str = ""
    symbol: str = ""
    date: str = ""

    def cite(self) -> str:
        """One line naming the source: publisher, title, symbol or URL, date."""
        parts = [p for p in (self.publisher, self.title, self.symbol or self.url, self.date) if p]
        return ", ".join(parts)


@dataclass(frozen=True)
class Fact:
    """One dated fact from an entry's body, with the sources it cites."""

    date: str
    text: str  # Markdown, without the date and without the [sN] references
    source_ids: tuple[str, ...]


@dataclass
class Entry:
    """One knowledge-base entry (organisation, resolution, person, place, event, outlet, claim…)."""

    id: str
    type: str
    names: dict[str, list[str]]  # language -> canonical name first, then aliases
    side: str
    pack: str
    path: str  # file the entry came from
    summary: dict[str, str] = field(default_factory=dict)
    forms: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)
    kind: str = ""
    wikidata: str = ""
    term_from: str = ""
    term_to: str = ""
    affiliation: str = ""
    status: str = "confirmed"
    related: list[str] = field(default_factory=list)
    claim_patterns: dict[str, list[str]] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    body: str = ""  # Markdown body as written
    facts: list[Fact] = field(default_factory=list)
    # outlets
    country: str = ""
    ownership: str = ""
    state_affiliation: str = ""

    def name(self, language: str = "en") -> str:
        """The canonical name in ``language`` (falls back to English, then any)."""
        for lang in (language, "en", "de"):
            names = self.names.get(lang)
            if names:
                return names[0]
        for names in self.names.values():
            if names:
                return names[0]
        return self.id

    def all_surface_forms(self, language: str | None = None) -> list[str]:
        """Names, forms and (for speakers) role nouns, for ``language`` or all languages."""
        out: list[str] = []
        for table in (self.names, self.forms, self.roles):
            for lang, items in table.items():
                if language is None or lang == language or lang not in ("de", "en"):
                    out.extend(items)
        return out

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


@dataclass
class LexiconEntry:
    """One wording-lexicon term."""

    id: str
    language: str
    forms: list[str]
    category: str
    side: str
    rule: str
    explanation: str
    alternative: str
    pack: str
    path: str
    line: int = 0
    explanation_de: str = ""
    mirror: list[str] = field(default_factory=list)
    unless: list[str] = field(default_factory=list)
    severity_note: str = ""  # why this entry is rated less severe than its mirror, if it is
    inflect: str = ""  # "verb" | "noun" | "adjective": forms were expanded with their inflections


@dataclass(frozen=True)
class PackInfo:
    id: str
    version: str
    title: str = ""
    path: str = ""
    user: bool = False


@dataclass(frozen=True)
class Problem:
    """A validation problem, pointing at file and line."""

    path: str
    line: int
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass
class KnowledgeBase:
    """All loaded entries and lexicon terms, with the versions that produced them."""

    entries: dict[str, Entry] = field(default_factory=dict)
    lexicon: dict[str, list[LexiconEntry]] = field(default_factory=dict)  # language -> entries
    packs: list[PackInfo] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def lexicon_for(self, language: str) -> list[LexiconEntry]:
        return self.lexicon.get(language, [])

    def versions(self) -> str:
        """A stable string naming every pack and version, stored with analysis results."""
        return ";".join(sorted(f"{p.id}@{p.version}" for p in self.packs))

    def outlet_for(self, name: str) -> Entry | None:
        """The outlet entry whose name or alias equals ``name`` (case-insensitive)."""
        wanted = name.strip().casefold()
        for entry in self.entries.values():
            if entry.type != "outlet":
                continue
            if entry.id == wanted:
                return entry
            for forms in entry.names.values():
                if any(f.casefold() == wanted for f in forms):
                    return entry
        return None
