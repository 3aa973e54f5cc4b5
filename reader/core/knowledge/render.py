"""Showing a knowledge entry: HTML for the Background panel, plain text for the command line."""

from __future__ import annotations

import html

import markdown
import nh3

from reader.core.knowledge.model import Entry, Fact, Source

TYPE_LABELS = {
    "en": {
        "organisation": "Organisation", "resolution": "Resolution", "person": "Person",
        "place": "Place", "event": "Event", "outlet": "News outlet", "claim": "Claim",
        "country": "Country",
    },
    "de": {
        "organisation": "Organisation", "resolution": "Resolution", "person": "Person",
        "place": "Ort", "event": "Ereignis", "outlet": "Medium", "claim": "Behauptung",
        "country": "Staat",
    },
}
SIDE_LABELS = {
    "en": {
        "AZ": "Azerbaijan", "AM": "Armenia", "RU": "Russia", "TR": "Turkey",
        "US": "United States", "EU": "European Union", "WEST": "Western media",
        "INT": "International organisation", "IND": "Independent", "general": "No side",
    },
    "de": {
        "AZ": "Aserbaidschan", "AM": "Armenien", "RU": "Russland", "TR": "Türkei",
        "US": "Vereinigte Staaten", "EU": "Europäische Union", "WEST": "Westliche Medien",
        "INT": "Internationale Organisation", "IND": "Unabhängig", "general": "Keine Seite",
    },
}
STATUS_LABELS = {
    "en": {"confirmed": "confirmed", "reported": "reported", "disputed": "disputed",
           "unverified": "unverified"},
    "de": {"confirmed": "bestätigt", "reported": "berichtet", "disputed": "umstritten",
           "unverified": "unbestätigt"},
}
WORDS = {
    "en": {"side": "Side", "status": "Status", "facts": "Facts", "source": "Source",
           "sources": "Sources", "also": "Also", "office": "In office", "present": "present",
           "ownership": "Ownership", "affiliation": "Affiliation", "country": "Country",
           "no_source": "no source given"},
    "de": {"side": "Seite", "status": "Status", "facts": "Fakten", "source": "Quelle",
           "sources": "Quellen", "also": "Auch", "office": "Im Amt", "present": "heute",
           "ownership": "Eigentümer", "affiliation": "Zugehörigkeit", "country": "Land",
           "no_source": "keine Quelle angegeben"},
}
ALLOWED_TAGS = {"div", "p", "h3", "span", "b", "strong", "em", "i", "ul", "ol", "li", "a", "br",
                "small", "code", "sub", "sup"}
ALLOWED_ATTRIBUTES = {"*": {"class"}, "a": {"href", "title"}}
_WARN_STATUSES = ("disputed", "unverified")


def _labels(language: str) -> str:
    return language if language in WORDS else "en"


def _inline_markdown(text: str) -> str:
    """Inline Markdown (bold, italics, links) of text in which raw HTML has been escaped."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    rendered = markdown.markdown(escaped, output_format="html").strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def _citation_html(source: Source) -> str:
    parts = [html.escape(p) for p in (source.publisher, source.title) if p]
    reference = source.symbol or source.url
    if source.url:
        parts.append(f'<a href="{html.escape(source.url, quote=True)}">{html.escape(reference)}</a>')
    elif reference:
        parts.append(html.escape(reference))
    if source.date:
        parts.append(html.escape(source.date))
    return ", ".join(parts)


def _fact_html(entry: Entry, fact: Fact, words: dict[str, str]) -> str:
    date = f"<b>{html.escape(fact.date)}</b> — " if fact.date else ""
    cites: list[str] = []
    for source_id in fact.source_ids:
        source = entry.source(source_id)
        cites.append(_citation_html(source) if source else html.escape(f"[{source_id}]"))
    label = words["source"] if len(cites) == 1 else words["sources"]
    cited = "; ".join(cites) if cites else words["no_source"]
    return (f'<li class="kb-fact">{date}{_inline_markdown(fact.text)}'
            f'<br><small class="kb-cite">{label}: {cited}</small></li>')


def _status_html(entry: Entry, language: str) -> str:
    status = entry.status or "confirmed"
    label = html.escape(STATUS_LABELS[language].get(status, status))
    if status in _WARN_STATUSES:
        return f'<span class="kb-status kb-status-{status}"><b>⚠ {label.upper()}</b></span>'
    return f'<span class="kb-status kb-status-{html.escape(status)}">{label}</span>'


def entry_html(entry: Entry, language: str = "en") -> str:
    """The Background-panel HTML for ``entry`` in ``language`` (de or en); safe to display."""
    lang = _labels(language)
    words = WORDS[lang]
    type_label = TYPE_LABELS[lang].get(entry.type, entry.type)
    side_label = SIDE_LABELS[lang].get(entry.side, entry.side)
    out = [f'<div class="kb-entry kb-type-{html.escape(entry.type)}">',
           f"<h3>{html.escape(entry.name(language))}</h3>",
           f'<p class="kb-meta">{html.escape(type_label)} · {words["side"]}: '
           f"{html.escape(side_label)} ({html.escape(entry.side)}) · {words['status']}: "
           f"{_status_html(entry, lang)}</p>"]
    aliases = [n for n in entry.names.get(language, [])[1:]]
    if aliases:
        out.append(f'<p class="kb-aliases"><small>{words["also"]}: '
                   f"{html.escape(', '.join(aliases))}</small></p>")
    details = _details(entry, words)
    if details:
        out.append(f'<p class="kb-details">{html.escape(" · ".join(details))}</p>')
    summary = entry.summary.get(language) or entry.summary.get("en") or next(iter(entry.summary.values()), "")
    if summary:
        out.append(f'<p class="kb-summary">{_inline_markdown(summary)}</p>')
    if entry.facts:
        out.append('<ul class="kb-facts">')
        out.extend(_fact_html(entry, fact, words) for fact in entry.facts)
        out.append("</ul>")
    elif entry.sources:
        out.append(f'<p class="kb-sources"><small>{words["sources"]}: '
                   f"{'; '.join(_citation_html(s) for s in entry.sources)}</small></p>")
    out.append("</div>")
    return nh3.clean("\n".join(out), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https"})


def _details(entry: Entry, words: dict[str, str]) -> list[str]:
    details: list[str] = []
    if entry.term_from or entry.term_to:
        details.append(f"{words['office']}: {entry.term_from or '?'} – {entry.term_to or words['present']}")
    if entry.ownership:
        details.append(f"{words['ownership']}: {entry.ownership}")
    if entry.state_affiliation:
        details.append(entry.state_affiliation)
    if entry.country:
        details.append(f"{words['country']}: {entry.country}")
    if entry.affiliation:
        details.append(f"{words['affiliation']}: {entry.affiliation}")
    return details


def entry_text(entry: Entry, language: str = "en") -> str:
    """``entry`` as plain text for the command line (``reader kb show``)."""
    lang = _labels(language)
    words = WORDS[lang]
    status = STATUS_LABELS[lang].get(entry.status, entry.status)
    if entry.status in _WARN_STATUSES:
        status = f"{status.upper()} (!)"
    lines = [f"{entry.name(language)}  [{entry.id}]",
             f"{TYPE_LABELS[lang].get(entry.type, entry.type)} · {words['side']}: {entry.side} · "
             f"{words['status']}: {status} · pack: {entry.pack}"]
    aliases = [n for n in entry.names.get(language, [])[1:]]
    if aliases:
        lines.append(f"{words['also']}: {', '.join(aliases)}")
    lines.extend(_details(entry, words))
    summary = entry.summary.get(language) or entry.summary.get("en") or next(iter(entry.summary.values()), "")
    if summary:
        lines += ["", summary]
    if entry.facts:
        lines += ["", f"{words['facts']}:"]
        for fact in entry.facts:
            refs = "".join(f"[{s}]" for s in fact.source_ids)
            date = f"{fact.date} — " if fact.date else ""
            lines.append(f"- {date}{fact.text} {refs}".rstrip())
    if entry.sources:
        lines += ["", f"{words['sources']}:"]
        for source in entry.sources:
            url = f" <{source.url}>" if source.url and source.url != (source.symbol or source.url) else ""
            lines.append(f"  [{source.id}] {source.cite()}{url}")
    return "\n".join(lines)
