"""Reported speech that runs on past its cue: quotations that go on in the next sentences or
resume after the frame (German and English), and German indirect speech in Konjunktiv I in
the following sentences.

``continuations`` adds an attribution (rule ``de.continuation`` / ``en.continuation``) for
each such sentence or quotation, with the earlier statement's speaker;
``reported_continuations`` widens the set of sentences the engine counts as reported (so
German Konjunktiv I sentences are not "claims that cite nobody").
"""

from __future__ import annotations

import re

from reader.core.analysis.keys import make_key
from reader.core.analysis.model import Attribution, Span
from reader.core.analysis.phrases import _trim
from reader.core.analysis.text import Layout

# Konjunktiv I forms that are not also third-person indicative: reported speech on its own
KONJUNKTIV_I = re.compile(
    r"\b(?:sei|seien|habe|werde|könne|müsse|solle|dürfe|wolle|möge|gebe|wisse|lasse|brauche|"
    r"gelte|fehle|liege|stehe|gehe|komme|bleibe|handle|handele|trage|zeige|plane|arbeite|"
    r"befinde|sehe|erhalte|biete|führe|halte|nehme|mache|gehöre|drohe|fordere|bereite|strebe|"
    r"versuche|setze|lehne|"
    r"verfüge|benötige|entspreche|existiere|beabsichtige|erwarte|hoffe|glaube|wünsche)\b")
_FIRST_PERSON_BEFORE = re.compile(r"\b(?:ich|Ich)\s+$")


def continuations(text: str, layout: Layout, atts: list[Attribution], lang: str) -> list[Attribution]:
    """Reported speech runs on without a verb of saying. A quotation that fills (or opens and
    runs over) the sentence right after a quoted statement of the same paragraph is still that
    speaker ('"…," said X. "More."'); so is, in German, a sentence in Konjunktiv I ("Die Lage
    sei ernst."). Each gets its own attribution, rule ``{lang}.continuation``, with the
    opening quotation mark or the Konjunktiv verb as its cue and the earlier speaker (and
    span). A quotation the frame interrupts gets one for the part after it."""
    by_sentence: dict[int, Attribution] = {}
    for a in atts:
        si = layout.sentence_index(a.cue.start)
        if si >= 0 and (a.speaker.kind != "anonymous" or a.speaker.span is not None):
            by_sentence.setdefault(si, a)
        if a.content is not None:
            last = layout.sentence_index(max(a.content.start, a.content.end - 1))
            for sj in range(si + 1, last + 1):
                by_sentence.setdefault(sj, a)
    added: list[Attribution] = [
        part for a in atts if (part := _resumed_quote(text, layout, a, lang)) is not None]
    for si in range(1, len(layout.sentences)):
        if si in by_sentence:
            continue
        prev = by_sentence.get(si - 1)
        sent = layout.sentences[si]
        if prev is None or prev.paragraph != sent.paragraph:
            continue
        quotes = layout.quotes_in(sent.start, sent.end)
        whole = _trim(text, sent.start, sent.end)
        # a quotation filling the sentence, or opening it and running on over later
        # sentences of the paragraph („Die Mannschaft ist stark. Wir gewinnen.“)
        direct = next((q for q in layout.quotes_in(sent.start, layout.paragraphs[sent.paragraph][1])
                       if q.closed and q.depth == 0 and whole[0] <= q.start <= whole[0] + 1
                       and q.end >= whole[1] - 1), None)
        if direct is not None and prev.direct_quote is False and not any(
                q.closed for q in layout.quotes_in(prev.start, prev.end)):
            direct = None  # a quotation continues only a quotation
        if direct is not None:
            # „…“, sagte X. „Weitere Sätze.“: the quotation goes on
            cue = Span(direct.start, direct.start + 1, text[direct.start])
        elif lang != "de":
            continue  # Konjunktiv I marks reported speech in German only
        else:
            m = KONJUNKTIV_I.search(text, sent.start, sent.end)
            if m is None or any(q.inner_start <= m.start() < q.inner_end for q in quotes):
                continue
            if _FIRST_PERSON_BEFORE.search(text, max(sent.start, m.start() - 4), m.start()):
                continue  # "ich habe", "ich werde": indicative
            cue = Span(m.start(), m.end(), m.group())
        end = sent.end
        if direct is not None and direct.end > sent.end:
            end = direct.end
            for sj in range(si + 1, len(layout.sentences)):
                if layout.sentences[sj].start < direct.end:
                    by_sentence[sj] = prev
        content = _trim(text, sent.start, end)
        att = Attribution(
            key=make_key("attribution", f"{lang}.continuation@{cue.start}", sent.start,
                         end, text[sent.start:end]),
            start=sent.start,
            end=end,
            text=text[sent.start:end],
            paragraph=sent.paragraph,
            rule=f"{lang}.continuation",
            cue=cue,
            speaker=prev.speaker,
            content=Span(content[0], content[1], text[content[0]:content[1]]),
            relayed_by=prev.relayed_by,
            direct_quote=direct is not None,
        )
        by_sentence[si] = att
        added.append(att)
    if not added:
        return atts
    return sorted(atts + added, key=lambda a: (a.cue.start, a.cue.end))

_ADDRESSEE = re.compile(r"[ \u00a0]+(?:[\w’'-]+[ \u00a0]+){0,3}?[\w’'-]+(?=,)")


def _resumed_quote(text: str, layout: Layout, a: Attribution, lang: str) -> Attribution | None:
    """„Wir haben“, sagte der Sprecher, „keine weiteren Informationen.“ / "We have," the
    spokesman told reporters, "no more news.": the quotation the frame interrupts resumes
    right after it (and a short addressee), said by the same speaker."""
    if a.content is None or a.content.end > a.cue.start or a.speaker.span is None:
        return None
    if layout.quote_opening(a.content.start, a.content.start + 1) is None:
        return None
    frame_end = max(a.cue.end, a.speaker.span.end)
    if lang == "en" and (m := _ADDRESSEE.match(text, frame_end)) is not None:
        frame_end = m.end()  # "told reporters", "told the BBC"
    pos = frame_end
    while pos < len(text) and text[pos] in " ,\u00a0":
        pos += 1
    if pos == frame_end or pos >= len(text):
        return None  # the quotation must follow the frame's comma
    quote = layout.quote_opening(pos, pos + 1)
    if quote is None or layout.paragraph_index(quote.start) != a.paragraph:
        return None
    return Attribution(
        key=make_key("attribution", f"{lang}.continuation@{quote.start}", quote.start,
                     quote.end, text[quote.start:quote.end]),
        start=quote.start,
        end=quote.end,
        text=text[quote.start:quote.end],
        paragraph=a.paragraph,
        rule=f"{lang}.continuation",
        cue=Span(quote.start, quote.start + 1, text[quote.start]),
        speaker=a.speaker,
        content=Span(quote.start, quote.end, text[quote.start:quote.end]),
        relayed_by=a.relayed_by,
        direct_quote=True,
    )


def reported_continuations(text: str, layout: Layout, attributed: frozenset[int]) -> frozenset[int]:
    """German indirect speech runs on without a cue verb: a sentence in Konjunktiv I right
    after a reported statement in the same paragraph is still the source speaking."""
    out = set(attributed)
    for si in range(1, len(layout.sentences)):
        sent, prev = layout.sentences[si], layout.sentences[si - 1]
        if si in out or (si - 1) not in out or sent.paragraph != prev.paragraph:
            continue
        if KONJUNKTIV_I.search(text, sent.start, sent.end):
            out.add(si)
    return frozenset(out)
