"""Attributions: reported statements, their cue, speaker and content.

Cues come from one regex pass per cue type over the whole text (see ``cues.py``). Each cue is
then examined inside its sentence: the speaker is the noun phrase before the cue (or after it
in inverted/pre-posed word order), resolved to a knowledge-base entity through the entity
mentions in that phrase, role nouns ("Das Staatsoberhaupt") and, failing that, grammar tables
(``sides.py``). Impersonal cues ("heißt es", "Es wurde darauf aufmerksam gemacht") go to the
article's readout source: the first organisation that publishes something ("teilte … mit",
a chain "AzVision teilt mit, dass der Pressedienst … veröffentlicht hat"). Statements of a
third party inside such a readout are marked as relayed by it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from reader.core.analysis import cues as C
from reader.core.analysis import german_np, sides
from reader.core.analysis.continuation import continuations
from reader.core.analysis.keys import make_key
from reader.core.analysis.mentions import SPEAKER_TYPES, Resolved, speaker_kind
from reader.core.analysis.model import Attribution, Span, Speaker, is_placeholder
from reader.core.analysis.named_persons import NamedPerson, find_named_persons, fitting
from reader.core.analysis.phrases import (
    _anonymous_np,
    _clause_stop,
    _interrupted_first,
    _last_boundary,
    _last_comma,
    _last_word,
    _np_after,
    _np_before,
    _particle_end,
    _particle_start,
    _preposed,
    _quote_before,
    _skip_comma,
    _source_np_end,
    _strip_conj,
    _trim,
)
from reader.core.analysis.text import Layout, Sentence
from reader.core.analysis.verb_cue import (
    CLAUSE_END,
    DEMONSTRATIVE_OBJECT,
    Cue,
    de_clause_end,
    sentence_initial,
    verb_ok,
)
from reader.core.knowledge.model import Entry, KnowledgeBase

_ACCUSATION = re.compile(r"vorgeworfen|beschuldigt", re.IGNORECASE)
_PUBLISH = {
    "de": re.compile(
        r"\b(?:veröffentlicht(?:e|en)?|mitgeteilt|berichtet(?:e|en)?|bekanntgegeben|"
        r"verbreitet(?:e|en)?|gemeldet)\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:published|released|reported|issued|announced)\b", re.IGNORECASE),
}
_FACTIVE = re.compile(r"\s*(?:die\s+Tatsachen?|the\s+facts?)\b", re.IGNORECASE)
_SUBJ_START = re.compile(r"^\s*(?:dass|that)\s+", re.IGNORECASE)
_CONJ_ONLY = re.compile(r"^\s*(?:und|sowie|and|,)?\s*$", re.IGNORECASE)
_TAIL_ANGABEN = re.compile(r"Angaben\s*$", re.IGNORECASE)
_LINKING = frozenset({"in", "aus", "von", "des", "der", "of", "for", "from", "at"})
_NOT_SUBJECT = frozenset({"einen", "den", "dem", "einem", "des", "eines"})
_TELL = frozenset({"told", "tells"})
_LEAD_ARTICLE = re.compile(r"\s*(?:dem|der|den|des|einem|einer|the)\s+(?=\w)", re.IGNORECASE)
_COORD = re.compile(r"\s(?:und|and|sowie)\s", re.IGNORECASE)
_DEFINITE = frozenset({"der", "die", "das", "the"})
_DATIVE_PRONOUNS = frozenset({"ihm", "ihr", "ihnen"})
_HEAD_OF_STATE = {"head of state": "president", "staatsoberhaupt": "präsident", "staatschef": "präsident"}
_PRON_AUX = {
    "de": re.compile(r"(?:^|[,;]\s*|\bdass\s+)(er|sie)\s+(?:habe|hätte|hat|hatte|sei|wäre|werde|würde)\b",
                     re.IGNORECASE),
    "en": re.compile(r"\b(?:that\s+)(he|she|they)\s+(?:had|has|have|would|will|was|were)\b",
                     re.IGNORECASE),
}


def _last_strong_boundary(text: str, ss: int, pos: int) -> int:
    """Start of the stretch before ``pos`` that may hold a subject with an apposition: after
    the last ; : quotation mark or dash (commas do not count)."""
    i = pos - 1
    lo = max(ss, pos - 300)
    while i >= lo:
        if text[i] in ";:„“”\"«»()–—":
            return i + 1
        i -= 1
    return lo


# after "so X": nothing but an adverb or two before the sentence (or clause) ends
_SO_TAIL = re.compile(
    r"(?:\s+(?:weiter|abschließend|gegenüber\s+[^.,;]{1,40}|in\s+[^.,;]{1,50}|am\s+\w+|"
    r"zuletzt|damals|heute|gestern|später|einmal|außerdem|zudem|ergänzend|wörtlich|"
    r"sinngemäß)){0,2}\s*(?:[.;!?:,)]|$|\n)")


_PRONOUN_AFTER = re.compile(r"\s+(er|sie|es|man|wir|ich)\b(?!\s*[,.;:!?])")
_SO_BEFORE = re.compile(r"(?:,\s|[“”»«\"]\s?)$")
_FIRST_PERSON = frozenset({"ich", "du", "wir", "ihr", "man"})
def _sentence_before(text: str, layout: Layout, ss: int, paragraph: int) -> tuple[int, int] | None:
    """The sentence before the one starting at ``ss``, if it is in the same paragraph."""
    si = layout.sentence_index(ss)
    if si <= 0 or layout.sentences[si - 1].paragraph != paragraph:
        return None
    before = layout.sentences[si - 1]
    return _trim(text, before.start, before.end)


@dataclass
class ArticleState:
    """What earlier sentences established: last speaker, readout source, recency."""

    last_speaker: Speaker | None = None
    readout: Speaker | None = None
    readout_paragraph: int = -1
    recency: dict[str, int] = field(default_factory=dict)
    history: list[Speaker] = field(default_factory=list)  # resolved speakers, oldest first
    text: str = ""  # the German article, for ``persons()``
    cursor: int = 0  # where the cue being examined starts
    _names: list[NamedPerson] | None = None

    def persons(self) -> list[NamedPerson]:
        """People introduced by role and name ("Die Ministerin Anna Berger"), found once."""
        if self._names is None:
            self._names = find_named_persons(self.text) if self.text else []
        return self._names


class AttributionFinder:
    def __init__(self, kb: KnowledgeBase, language: str) -> None:
        self.kb = kb
        self.lang = "de" if language == "de" else "en"
        # title word ("präsident") -> persons whose role nouns contain it
        self.persons_by_title: dict[str, list[Entry]] = {}
        titles = sides.TITLES.get(self.lang, ())
        for e in kb.entries.values():
            if e.type == "person" and e.roles:
                roles = " | ".join(r.casefold() for rs in e.roles.values() for r in rs)
                for t in titles:
                    if t in roles:
                        self.persons_by_title.setdefault(t, []).append(e)

    # ------------------------------------------------------------------ cue discovery
    def find_cues(self, text: str, layout: Layout) -> list[Cue]:
        out: list[Cue] = []
        if self.lang == "de":
            for m in C.DE_IMP.finditer(text):
                out.append(Cue(m.start(), m.end(), "imp", m.end()))
            for m in C.DE_WIE.finditer(text):
                out.append(Cue(m.start(), m.end(), "wie", m.end()))
            for m in C.DE_PREP.finditer(text):
                kind = "prep_before" if m.group().casefold() == "zufolge" else "prep"
                out.append(Cue(m.start(), m.end(), kind, m.end()))
            for m in C.DE_NACH.finditer(text):
                out.append(Cue(m.start(), m.end(), "prep", m.end()))
            for m in C.DE_NACH_POST.finditer(text):
                out.append(Cue(m.start(), m.end(), "post", m.end()))
            for m in C.DE_SO.finditer(text):
                if _SO_BEFORE.search(text, max(0, m.start() - 3), m.start()):
                    out.append(Cue(m.start(), m.end(), "so", m.end()))
            for m in C.DE_REF.finditer(text):
                word = m.group()
                if word == "wonach" and not text[max(0, m.start() - 2):m.start()].startswith(","):
                    continue  # "…, wonach …" only
                if word == "Demnach" and not sentence_initial(text, max(0, m.start() - 3), m.start()):
                    continue
                out.append(Cue(m.start(), m.end(), "ref", m.end()))
            for m in C.DE_SPRACH.finditer(text):
                out.append(Cue(m.start(), m.end(), "verb", m.end(),
                                C.VerbCue("sprechen", "object")))
            for m in C.DE_VERB_RE.finditer(text):
                forms = C.DE_VERBS.get(m.group().lower())  # not casefold: ß
                if not forms:
                    continue
                last = _last_word(text, m.end(), de_clause_end(text, m.end(), len(text))[0])
                de_verb = C.choose_de(forms, last)
                if de_verb is not None:
                    out.append(Cue(m.start(), m.end(), "verb", m.end(), de_verb))
            verbs: dict[str, C.VerbCue] = {}
            verb_re = None
        else:
            for m in C.EN_IMP.finditer(text):
                out.append(Cue(m.start(), m.end(), "imp", m.end()))
            for m in C.EN_PREP.finditer(text):
                out.append(Cue(m.start(), m.end(), "prep", m.end()))
            for m in C.EN_MULTI.finditer(text):
                out.append(Cue(m.start(), m.end(), "verb", m.end(), C.VerbCue("call", "object")))
            verbs, verb_re = C.EN_VERBS, C.EN_VERB_RE
        for m in verb_re.finditer(text) if verb_re is not None else ():
            verb = verbs.get(m.group().casefold()) or verbs.get(m.group())
            if verb is None:
                continue
            out.append(Cue(m.start(), m.end(), "verb", m.end(), verb))
        out.sort(key=lambda c: (c.start, -(c.end - c.start)))
        kept: list[Cue] = []
        last_end = -1
        last_type = ""
        for c in out:
            if c.start < last_end and not (last_type == "wie" and c.type == "prep"):
                continue
            last_type = c.type if c.start >= last_end else last_type
            kept.append(c)
            last_end = max(last_end, c.end)
        return kept

    # ------------------------------------------------------------------ main pass
    def find(
        self,
        text: str,
        layout: Layout,
        mentions: list[Resolved],
        state: ArticleState,
        outlet: Entry | None,
    ) -> list[Attribution]:
        cues = self.find_cues(text, layout)
        starts = [m.start for m in mentions]
        if self.lang == "de":
            state.text = text  # people named in it are found when a pronoun first needs them
        out: list[Attribution] = []
        prev_in_sentence: tuple[int, Speaker] | None = None
        mention_pos = 0
        for index, cue in enumerate(cues):
            si = layout.sentence_index(cue.start)
            if si < 0:
                continue
            sent = layout.sentences[si]
            if cue.start >= sent.end:
                continue
            # keep recency up to date with mentions before this cue
            while mention_pos < len(mentions) and mentions[mention_pos].start < cue.start:
                state.recency[mentions[mention_pos].entity] = mentions[mention_pos].start
                mention_pos += 1
            nxt = cues[index + 1].start if index + 1 < len(cues) else sent.end
            state.cursor = cue.start
            att = self._examine(text, layout, sent, cue, mentions, starts, state, outlet,
                                prev_in_sentence, min(nxt, sent.end))
            if att is None:
                continue
            prev_in_sentence = (si, att.speaker)
            out.extend(self._with_chain(text, layout, sent, att, mentions, starts, state))
            state.last_speaker = out[-1].speaker if out[-1].rule.endswith("chain") else att.speaker
            state.history.append(att.speaker)
        out = continuations(text, layout, out, self.lang)
        self._mark_relayed(out, state)
        return out

    # ------------------------------------------------------------------ one cue
    def _examine(
        self,
        text: str,
        layout: Layout,
        sent: Sentence,
        cue: Cue,
        mentions: list[Resolved],
        starts: list[int],
        state: ArticleState,
        outlet: Entry | None,
        prev: tuple[int, Speaker] | None,
        next_cue: int,
    ) -> Attribution | None:
        ss, se = sent.start, sent.end
        # clause after the cue
        if self.lang == "de":
            clause_end, boundary = de_clause_end(text, cue.end, se)
        else:
            m = CLAUSE_END.search(text, cue.end, se)
            clause_end = m.start() if m else se
            boundary = m.group() if m else "."
        before_start = _last_boundary(text, ss, cue.start)
        preposed = _preposed(text, ss, cue.start)
        content: tuple[int, int] | None = None
        speaker: Speaker | None = None
        rule = f"{self.lang}.{cue.type}"

        if cue.type == "verb":
            assert cue.verb is not None
            verb = cue.verb
            if not verb_ok(text, ss, cue, clause_end, boundary, preposed, before_start, self.lang):
                return None
            if verb.particles:
                cue.cue_end = _particle_end(text, cue.end, clause_end)
            rule = f"{self.lang}.verb.{verb.lemma.replace(' ', '_')}"
            before = (before_start, cue.start)
            after = (cue.end, clause_end if not verb.particles else _particle_start(text, cue.end, clause_end))
            same = prev is not None and prev[0] == layout.sentence_index(cue.start)
            addressee_after = self.lang == "en" and text[cue.start:cue.end].casefold() in _TELL
            if preposed:
                speaker = None if addressee_after else self._speaker_in(
                    text, after, mentions, starts, state, "after")
                weak = speaker is None or (speaker.entity is None and speaker.kind == "unknown")
                appos = self._apposition(text, ss, before[0], mentions, starts, state) if weak else None
                if same and prev is not None and (speaker is None or speaker.entity is None):
                    speaker = prev[1]  # "…, forderte einen Waffenstillstand und sagte, …"
                    preposed = False
                elif appos is not None:
                    speaker = appos  # "Officials in Baku, speaking on condition …, said"
                    preposed = False
                else:
                    content = _trim(text, ss, _last_comma(text, ss, cue.start))
            if not preposed:
                segment = text[before[0]:before[1]]
                speaker = self._pronoun_subject(text, before[0], cue.start, state)
                if speaker is None and not (_CONJ_ONLY.match(segment) and same):
                    speaker = self._speaker_in(text, before, mentions, starts, state, "before")
                if speaker is None and same and prev is not None:
                    speaker = prev[1]
                if speaker is None and not segment.strip():
                    speaker = self._apposition(text, ss, before[0], mentions, starts, state)
                if speaker is None and not addressee_after:
                    speaker = self._speaker_in(text, after, mentions, starts, state, "after")
                if speaker is None and text[cue.start:cue.end].casefold().startswith("ge"):
                    # perfect participle: the subject opens the sentence
                    speaker = self._speaker_in(text, (ss, _clause_stop(text, ss, cue.start)),
                                               mentions, starts, state, "after")
                content = self._content_after(text, cue, clause_end, boundary, se, speaker)
                if content is None or content[1] - content[0] < 2:  # '"We are ready," he said.'
                    content = _quote_before(layout, ss, cue.start)
                elif self.lang == "en" and speaker is not None and speaker.span is not None:
                    # '"We are ready," the minister said, "to talk."': the statement opens
                    # before the frame; the part after it is its continuation
                    content = _interrupted_first(text, layout, ss, speaker.span.start,
                                                 content) or content
                if content is not None and next_cue < content[1] and next_cue > cue.end:
                    content = _trim(text, content[0] if content[0] < next_cue else cue.cue_end,
                                    _strip_conj(text, cue.cue_end, next_cue))
        elif cue.type in ("prep", "prep_before"):
            inside = self._speaker_in(text, (cue.start, cue.end), mentions, starts, state, "after",
                                      entities_only=True)
            side = sides.side_of_words(text[cue.start:cue.end], self.lang)
            if inside is not None:
                speaker, cue_phrase_end = inside, cue.end
            elif side is not None and cue.type == "prep" and _TAIL_ANGABEN.search(text, cue.start, cue.end):
                # "nach armenischen Angaben": the side, not a named source
                speaker = Speaker(text[cue.start:cue.end], Span(cue.start, cue.end, text[cue.start:cue.end]),
                                  None, "government", side)
                cue_phrase_end = cue.end
            elif cue.type == "prep":
                np_end = _clause_stop(text, cue.end, se)
                art = _LEAD_ARTICLE.match(text, cue.end, np_end)
                np_start = art.end() if art else cue.end
                speaker = self._speaker_in(text, (np_start, np_end), mentions, starts, state, "after")
                if speaker is None:
                    speaker = _anonymous_np(text, cue.end, _source_np_end(text, cue.end, np_end, self.lang),
                                            self.lang)
                cue_phrase_end = speaker.span.end if speaker and speaker.span else np_end
            else:
                before_text = text[before_start:cue.start].strip()
                if before_text.casefold() in _DATIVE_PRONOUNS:  # "Ihr zufolge", "Ihm zufolge"
                    ante = self._antecedent(state, before_text)
                    at = text.index(before_text, before_start)
                    pspan = Span(at, at + len(before_text), before_text)
                    # no antecedent: the pronoun stays the speaker, as "sagte sie" does
                    speaker = Speaker(before_text, pspan, None, "unknown", "unknown") \
                        if ante is None else Speaker(ante.name, pspan, ante.entity, ante.kind,
                                                     ante.side, ante.role)
                else:
                    speaker = self._speaker_in(text, (before_start, cue.start), mentions, starts,
                                               state, "before")
                cue_phrase_end = cue.end
            if self.lang == "de":
                speaker = self._de_prep_speaker(text, se, cue, speaker, mentions, starts, state)
                if speaker is not None and speaker.span is not None and cue.type == "prep":
                    cue_phrase_end = max(cue.end, speaker.span.end)
            if speaker is None:
                return None
            phrase_start = speaker.span.start if (cue.type == "prep_before" and speaker.span) else cue.start
            if phrase_start - ss < se - cue_phrase_end:
                content = _trim(text, _skip_comma(text, cue_phrase_end, se), se)
            else:
                content = _trim(text, ss, phrase_start)
        elif cue.type == "wie":
            inner = text[cue.start:cue.end]
            words = inner.split()
            inner_start = cue.start + len(words[0]) + 1
            inner_end = cue.end - len(words[-1]) - 1
            speaker = self._speaker_in(text, (inner_start, inner_end), mentions, starts, state, "after")
            if speaker is None:
                return None
            content = _trim(text, ss, cue.start) if cue.start - ss > se - cue.end else _trim(
                text, _skip_comma(text, cue.end, se), se)
        elif cue.type == "so":
            np = german_np.np_after(text, cue.end, se)
            if np is None or not _SO_TAIL.match(text, np[1], se + 1):
                return None  # "so dass", "so schnell wie möglich": not a source
            speaker = self._de_resolve(text, np, None, mentions, starts, state)
            content = _quote_before(layout, ss, cue.start) or _trim(text, ss, cue.start)
        elif cue.type == "post":
            first = text[cue.start:cue.end].split()[0].casefold()
            if first in ("seiner", "ihrer", "dessen", "deren"):
                ante = self._antecedent(state, first)
                head = text[cue.start:cue.end].rsplit(None, 1)[0]  # "Seiner Meinung"
                span = Span(cue.start, cue.start + len(head), head)
                speaker = Speaker(span.text, span, None, "unknown", "unknown") if ante is None else \
                    Speaker(ante.name, span, ante.entity, ante.kind, ante.side, ante.role)
            else:  # "Dem Vernehmen nach": unnamed sources
                head = text[cue.start:cue.end].rsplit(None, 1)[0]
                speaker = Speaker("unnamed sources", Span(cue.start, cue.start + len(head), head),
                                  None, "anonymous", "unknown")
            content = _trim(text, ss, cue.start) if cue.start - ss > se - cue.end else _trim(
                text, _skip_comma(text, cue.end, se), se)
        elif cue.type == "ref":
            # "Demnach": the source just named speaks; the word itself stands for it
            ref = self._readout_speaker(state, outlet) if state.last_speaker is None else \
                state.last_speaker
            speaker = Speaker(ref.name, Span(cue.start, cue.end, text[cue.start:cue.end]),
                              ref.entity, ref.kind, ref.side, ref.role)
            content = _trim(text, _skip_comma(text, cue.end, se), se)
        else:  # imp
            after = (cue.end, clause_end)
            found = self._speaker_in(text, after, mentions, starts, state, "after", entities_only=True)
            if _ACCUSATION.search(text, cue.start, cue.end):
                if not text[cue.end:cue.end + 3].lstrip(" \u00a0").startswith(","):
                    return None  # "wurde beschuldigt und verhaftet": no accusation reported
                # "Ihm wird vorgeworfen, …": nobody's readout; the accuser is not named
                found = found or Speaker("unnamed source", None, None, "anonymous", "unknown")
            speaker = found or self._readout_speaker(state, outlet)
            if self.lang == "de":
                speaker = self._de_imp_source(text, ss, se, cue, speaker, mentions, starts, state)
            if preposed or clause_end >= se - 1:
                content = _trim(text, ss, _last_comma(text, ss, cue.start))
            else:
                content = _trim(text, _skip_comma(text, clause_end, se), se)
        if cue.type == "verb" and self.lang == "de":
            if any(q.closed and q.words >= 3 and q.inner_start <= cue.start and cue.end <= q.inner_end
                   for q in layout.quotes_in(ss, se)):
                return None  # a verb inside a quotation is the quoted person's own words
            speaker = self._de_whole_speaker(text, ss, se, cue, preposed, speaker, mentions,
                                             starts, state)
            if speaker.span is not None and speaker.span.text.casefold() in _FIRST_PERSON:
                return None  # "würde ich sagen", "kann man sagen": no reported source
        if speaker is None:
            return None
        cue_span = Span(cue.start, cue.cue_end if cue.cue_end > cue.end else cue.end,
                        text[cue.start:max(cue.end, cue.cue_end)])
        if content is not None and content[1] <= content[0]:
            content = None
        start = min(ss, cue.start)
        if self.lang == "de" and cue.type == "verb" and DEMONSTRATIVE_OBJECT.fullmatch(text, ss, cue.start):
            # "Dies bestätigte der Sprecher.": what "dies" stands for is the sentence before
            content = _sentence_before(text, layout, ss, sent.paragraph)
            start = content[0] if content is not None else ss
            if speaker.span is not None and speaker.span.start < cue.start:
                # "Dies gab heute – … – Professor Huber bekannt": "dies" is the object
                found = self._speaker_in(text, (cue.end, se), mentions, starts, state, "after")
                if found is None:
                    return None
                speaker = found
        end = se
        if content is not None:
            # a quotation opening the content may run on over later sentences: Sie sagte:
            # „Wir bauen neu. Die Brücke wird breiter.“
            opening = layout.quote_opening(content[0], content[0] + 1)
            if opening is not None and opening.end > content[1]:
                content = (content[0], opening.end)
                end = max(se, opening.end)
        content_span = Span(content[0], content[1], text[content[0]:content[1]]) if content else None
        direct = False
        if content_span is not None:
            for q in layout.quotes_in(ss, end):
                if q.words >= 4 and q.inner_start >= content_span.start - 2 and q.inner_end <= content_span.end + 2:
                    direct = True
                    break
        factive = bool(content_span and cue.type == "verb" and _FACTIVE.match(text, cue.cue_end, se))
        att = Attribution(
            key=make_key("attribution", f"{rule}@{cue.start}", start, end, text[start:end]),
            start=start,
            end=end,
            text=text[start:end],
            paragraph=sent.paragraph,
            rule=rule,
            cue=cue_span,
            speaker=speaker,
            content=content_span,
            direct_quote=direct,
            factive=factive,
        )
        if cue.type == "verb" and cue.verb is not None and cue.verb.publication:
            self._maybe_readout(att, state)
        if cue.type == "imp" and state.readout is None and speaker.kind != "anonymous":
            self._maybe_readout(att, state)
        return att

    def _de_whole_speaker(self, text: str, ss: int, se: int, cue: Cue, preposed: bool,
                          speaker: Speaker | None, mentions: list[Resolved], starts: list[int],
                          state: ArticleState) -> Speaker:
        """The speaker's whole noun phrase as its span ("der Vorsitzende des Verbandes, Elmar
        Gesse"); a phrase the first pass missed is resolved here; with no phrase at all the
        statement stays reported by an unidentified speaker."""
        np: tuple[int, int] | None = None
        pm = _PRONOUN_AFTER.match(text, cue.end)
        if pm is not None and pm.group(1) in ("sie", "es") and german_np.np_covering(
                text, _last_boundary(text, ss, cue.start), cue.start) is not None:
            pm = None  # "Der Hauptgeschäftsführer nannte sie „fahrlässig“": sie is the object
        if pm is not None and not preposed:
            # "Der Politik schlug er vor": a nominative pronoun right after the verb is its
            # subject, whatever opens the clause
            np = pm.span(1)
        nxt = text[cue.cue_end:cue.cue_end + 3].lstrip()
        if np is None and not preposed and (not nxt or nxt[0] in ",.;:!?„“”\"«»()–—"):
            # the verb closes its clause: "wie die Polizei mitteilte", "hat … angekündigt"
            np = german_np.verb_final_subject(text, _last_boundary(text, ss, cue.start), cue.start)
        if np is None and not preposed:
            start = _last_strong_boundary(text, ss, cue.start)
            np = german_np.np_covering(text, start, cue.start)
            if np is None:
                np = german_np.np_covering(text, _last_boundary(text, ss, cue.start), cue.start)
        if np is None:
            np = german_np.np_after(text, cue.end, se)
        if np is None:
            if speaker is not None:
                return speaker
            return Speaker("unidentified speaker", None, None, "anonymous", "unknown")
        np_span = Span(np[0], np[1], text[np[0]:np[1]])
        if speaker is not None and speaker.span is not None and (
                (speaker.span.start < np[1] and np[0] < speaker.span.end)
                or (speaker.span.end <= cue.start < np[0] and speaker.entity)):
            # an unresolved speaker is named by its phrase ("das Mädchen", not "das Mädchen leise")
            name = speaker.name if speaker.entity or speaker.kind == "anonymous" or \
                speaker.name != speaker.span.text else np_span.text
            return Speaker(name, np_span, speaker.entity, speaker.kind, speaker.side,
                           speaker.role)
        found = self._speaker_in(text, np, mentions, starts, state, "after")
        if found is None:
            found = self._unresolved(text, np, state)
        if found is None:
            return Speaker(np_span.text, np_span, None, "unknown", "unknown")
        return Speaker(found.name, np_span, found.entity, found.kind, found.side, found.role)

    def _de_imp_source(self, text: str, ss: int, se: int, cue: Cue, speaker: Speaker,
                       mentions: list[Resolved], starts: list[int], state: ArticleState) -> Speaker:
        """"In einer Erklärung der Regierung heißt es", "heißt es in der Ankündigung des
        Komitees": the document or place the impersonal cue points to is its source phrase."""
        np = german_np.prepositional_source(text, _last_boundary(text, ss, cue.start), cue.start)
        if np is None:
            m = re.match(r"\s+(?:in|im|aus|bei)\s+", text[cue.end:cue.end + 8])
            if m is not None:
                np = german_np.np_from(text, cue.end + m.end(), se)
        if np is None:
            return speaker
        return self._de_resolve(text, np, speaker, mentions, starts, state)

    def _de_prep_speaker(self, text: str, se: int, cue: Cue, speaker: Speaker | None,
                         mentions: list[Resolved], starts: list[int],
                         state: ArticleState) -> Speaker | None:
        """"laut „Welt“", "nach Angaben des Direktors, Jefferson Jauwena": the whole source
        phrase; after "nach", from its noun of stating on ("Angaben der Polizei")."""
        phrase = text[cue.start:cue.end]
        if cue.type == "prep_before":
            np = german_np.np_ending_at(text, max(0, cue.start - 200), cue.start)
            if np is None or text[np[0]:np[1]].casefold() in _DATIVE_PRONOUNS:
                return speaker
            return self._de_resolve(text, np, speaker, mentions, starts, state)
        if phrase[:4].casefold() in ("nach", "gemä"):
            # the phrase after "nach", modifiers included: "offiziellen Angaben", "Angaben der
            # Polizei"
            np = german_np.np_from(text, cue.start + phrase.find(" ") + 1, se)
            noun_start = cue.start + phrase.rstrip().rfind(" ") + 1
            if np is None or np[1] < cue.end:
                np = german_np.np_from(text, noun_start, se)
                if np is not None:
                    np = (cue.start + phrase.find(" ") + 1, np[1])
        else:
            np = german_np.np_from(text, cue.end, se)
        if np is None:
            return speaker
        return self._de_resolve(text, np, speaker, mentions, starts, state)

    def _de_resolve(self, text: str, np: tuple[int, int], speaker: Speaker | None,
                    mentions: list[Resolved], starts: list[int], state: ArticleState) -> Speaker:
        """``speaker`` with the phrase ``np`` as its span when they overlap; else whoever the
        phrase names (a knowledge-base entity, a title, a pronoun or just the phrase)."""
        np_span = Span(np[0], np[1], text[np[0]:np[1]])
        if speaker is not None and speaker.span is not None and \
                speaker.span.start < np[1] and np[0] < speaker.span.end:
            name = speaker.name if speaker.entity or speaker.kind == "anonymous" else np_span.text
            return Speaker(name, np_span, speaker.entity, speaker.kind, speaker.side, speaker.role)
        found = self._speaker_in(text, np, mentions, starts, state, "after", entities_only=True)
        if found is None:
            found = self._unresolved(text, np, state)
        if found is None:
            return Speaker(np_span.text, np_span, None, "unknown", "unknown")
        return Speaker(found.name, np_span, found.entity, found.kind, found.side, found.role)

    def _content_after(self, text: str, cue: Cue, clause_end: int, boundary: str, se: int,
                       speaker: Speaker | None) -> tuple[int, int] | None:
        if boundary in ",:" or boundary.casefold() in ("dass", "that"):
            start = clause_end + (1 if boundary in ",:" else 0)
            return _trim(text, start, se)
        if boundary in "„“”\"«»":
            return _trim(text, clause_end, se)
        start = cue.cue_end
        if speaker is not None and speaker.span is not None and speaker.span.start >= cue.end:
            start = max(start, speaker.span.end)
        return _trim(text, start, se)

    # ------------------------------------------------------------------ speakers
    def _speaker_in(
        self,
        text: str,
        rng: tuple[int, int],
        mentions: list[Resolved],
        starts: list[int],
        state: ArticleState,
        where: str,
        entities_only: bool = False,
    ) -> Speaker | None:
        a, b = rng
        if b <= a:
            return None
        segment = text[a:b]
        # noun phrase: before the cue, take the tail after the last stop word; after, the head
        np = _np_before(text, a, b, self.lang) if where == "before" else _np_after(text, a, b, self.lang)
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b)
        found: list[tuple[int, Resolved, Entry]] = []
        for r in mentions[lo:hi]:
            if r.end > b:
                continue
            entry = self.kb.get(r.entity)
            if entry is None or entry.type not in SPEAKER_TYPES:
                continue
            if np is not None and not (np[0] <= r.start and r.end <= np[1]):
                if r.end > np[0] and r.start < np[1]:
                    np = (min(np[0], r.start), max(np[1], r.end))  # "Komitee vom Roten Kreuz"
                elif not entities_only:
                    continue  # outside the noun phrase
            prio = {"person": 3, "outlet": 2, "organisation": 2, "country": 1}[entry.type]
            if r.via_role:
                prio = 3
            found.append((prio, r, entry))
        if np is None and not found:
            # a pronoun: "Er sagte", and after a quote "…, sagte er" / "…, fügte sie hinzu"
            words = segment.split()
            pron = (segment.strip() if where == "before" else (words[0] if words else "")).casefold()
            ante = self._antecedent(state, pron) if pron in sides.PRONOUNS[self.lang] else None
            if pron in sides.PRONOUNS[self.lang] and (where == "before" or len(words) <= 2):
                at = a + segment.casefold().find(pron)
                span = Span(at, at + len(pron), text[at:at + len(pron)])
                if ante is None:  # a pronoun with no one to refer to: keep it, unresolved
                    return Speaker(span.text, span, None, "unknown", "unknown")
                return Speaker(ante.name, span, ante.entity, ante.kind, ante.side, ante.role)
            return None
        np_span = np if np is not None else (found[0][1].start, found[0][1].end)
        np_text = text[np_span[0]:np_span[1]]
        if found:
            # in a noun phrase the head comes first ("der Pressedienst des Präsidenten")
            top = max(p for p, _, _ in found)
            head = min((x for x in found if x[0] == top), key=lambda x: x[1].start)
            tops = [x for x in found if x[0] == top]
            if len({speaker_kind(x[2])[1] for x in tops}) > 1 and _COORD.search(np_text):
                # "Armenien und Aserbaidschan warfen sich gegenseitig vor": no single side
                return Speaker(np_text.strip(), Span(np_span[0], np_span[1], np_text), None,
                               speaker_kind(tops[0][2])[0], "unknown")
            _, r, entry = head
            first_pos = min(x[1].start for x in found)
            inst = sides.institution_kind(text[np_span[0]:first_pos], self.lang)
            if inst and inst not in ("statement",) and entry.type != "person":
                # "Sprecher des Außenministeriums Armeniens": the institution speaks
                kind, side = speaker_kind(entry)
                return Speaker(np_text.strip(), Span(np_span[0], np_span[1], np_text), None,
                               inst if inst != "media" else "media", side)
            if entry.type == "country":
                title = sides.title_in(np_text, self.lang)
                person = self._person_by_title(title, entry.side, state) if title else None
                if person is not None:
                    kind, side = speaker_kind(person)
                    return Speaker(person.name(self.lang), Span(np_span[0], np_span[1], np_text),
                                   person.id, kind, side, np_text.strip())
                inst = sides.institution_kind(np_text, self.lang)
                kind = inst if inst and inst not in ("statement",) else "government"
                _, side = speaker_kind(entry)
                if np_text.strip().casefold() == text[r.start:r.end].casefold():
                    return Speaker(entry.name(self.lang), Span(r.start, r.end, text[r.start:r.end]),
                                   entry.id, kind, side)
                return Speaker(np_text.strip(), Span(np_span[0], np_span[1], np_text), entry.id if kind == "government" else None, kind, side)
            kind, side = speaker_kind(entry)
            span = Span(np_span[0], np_span[1], np_text) if np is not None else Span(r.start, r.end, text[r.start:r.end])
            return Speaker(entry.name(self.lang), span, entry.id, kind, side, r.via_role)
        if entities_only:
            return None
        # unresolved noun phrase
        assert np is not None
        return self._unresolved(text, np, state)

    def _apposition(self, text: str, ss: int, clause_start: int, mentions: list[Resolved],
                    starts: list[int], state: ArticleState) -> Speaker | None:
        """"Hikmet Hajiyev, an aide to the president, warned …": the speaker is the noun
        phrase before the apposition."""
        c1 = clause_start - 1  # the comma right before the cue
        if c1 <= ss or text[c1] != ",":
            return None
        c0 = text.rfind(",", ss, c1)
        if c0 <= ss:
            return None
        head_start = _last_boundary(text, ss, c0)
        head_text = text[head_start:c0]
        if sides.is_anonymous(head_text, self.lang):  # "A source close to the government, who …,"
            lead = len(head_text) - len(head_text.lstrip())
            return Speaker(head_text.strip(), Span(head_start + lead, c0, head_text.strip()), None,
                           "anonymous", sides.side_of_words(head_text, self.lang) or "unknown")
        head = self._speaker_in(text, (head_start, c0), mentions, starts, state, "before")
        if head is not None and (head.entity or head.kind == "anonymous" or head.side != "unknown"):
            return head
        appos = self._speaker_in(text, (c0 + 1, c1), mentions, starts, state, "before")
        if head is not None and appos is not None and appos.side != "unknown":
            # "Armen Grigoryan, secretary of Armenia's Security Council, …"
            kind = head.kind if head.kind != "unknown" else appos.kind
            return Speaker(head.name, head.span, None, kind, appos.side, appos.role or appos.name)
        return head or appos

    def _antecedent(self, state: ArticleState, pronoun: str = "") -> Speaker | None:
        """What "er"/"she" refers to: the last speaker, else the person mentioned last; in
        German also a person introduced by role and name since then ("Die Ministerin Anna
        Berger …. Sie sagte"), if the pronoun's gender fits."""
        if state.text:
            pron = {"seiner": "er", "ihm": "er", "ihrer": "sie", "ihr": "sie"}.get(
                pronoun.casefold(), pronoun)
            person = fitting(state.persons(), state.cursor, pron)
            last = state.last_speaker
            last_at = last.span.start if last is not None and last.span is not None else -1
            if person is not None and person.start > last_at:
                role = person.role[:1].upper() + person.role[1:]  # a German noun: "Ministerin"
                return Speaker(person.name, None, None, "person", "unknown", role)
        if state.last_speaker is not None and not is_placeholder(state.last_speaker):
            return state.last_speaker  # "Ihm wird vorgeworfen … Er sagte": not the accuser
        best: tuple[int, Entry] | None = None
        for entity, pos in state.recency.items():
            entry = self.kb.get(entity)
            if entry is not None and entry.type == "person" and (best is None or pos > best[0]):
                best = (pos, entry)
        if best is None:
            return None
        kind, side = speaker_kind(best[1])
        return Speaker(best[1].name(self.lang), None, best[1].id, kind, side)

    def _pronoun_subject(self, text: str, a: int, cue_start: int, state: ArticleState) -> Speaker | None:
        """"…, sie habe Aliyev gesagt", "that she had told Aliyev": the pronoun opening the
        clause is the subject, not the noun phrase right before the verb."""
        m = _PRON_AUX[self.lang].search(text, max(0, a - 2), cue_start)
        if m is None:
            return None
        ante = self._antecedent(state, m.group(1))
        if ante is None:
            return None
        g = m.group(1)
        return Speaker(ante.name, Span(m.start(1), m.end(1), g), ante.entity, ante.kind, ante.side, ante.role)

    def _definite_anaphor(self, np_text: str, state: ArticleState) -> Speaker | None:
        ws = np_text.split()
        if len(ws) != 2 or ws[0].casefold() not in _DEFINITE:
            return None
        head = ws[1].casefold()
        if len(head) < 4:
            return None
        for sp in reversed(state.history[-6:]):
            have = ((sp.span.text if sp.span else "") + " " + sp.name).casefold()
            if any(w.endswith(head) for w in re.findall(r"[\w-]+", have)) and sp.side != "unknown":
                return sp
        return None

    def _unresolved(self, text: str, np: tuple[int, int], state: ArticleState) -> Speaker | None:
        np_text = text[np[0]:np[1]].strip()
        span = Span(np[0], np[1], text[np[0]:np[1]])
        low = np_text.casefold()
        if low in sides.PRONOUNS[self.lang]:
            ante = self._antecedent(state, low)
            if ante is None:  # a pronoun with no one to refer to: keep it, unresolved
                return Speaker(np_text, span, None, "unknown", "unknown")
            return Speaker(ante.name, span, ante.entity, ante.kind, ante.side, ante.role)
        earlier = self._definite_anaphor(np_text, state)
        if earlier is not None:  # "Das Ministerium meldete …" after "… Verteidigungsministerium"
            return Speaker(earlier.name, span, earlier.entity, earlier.kind, earlier.side, earlier.role)
        side = sides.side_of_words(np_text, self.lang)
        inst = sides.institution_kind(np_text, self.lang)
        if inst == "statement" and state.readout is not None:
            ro = state.readout
            return Speaker(ro.name, span, ro.entity, ro.kind, ro.side, ro.role)
        if sides.is_anonymous(np_text, self.lang):
            return Speaker(np_text, span, None, "anonymous", side or "unknown")
        title = sides.title_in(np_text, self.lang)
        if title:
            person = self._person_by_title(title, side, state)
            if person is not None:
                kind, pside = speaker_kind(person)
                return Speaker(person.name(self.lang), span, person.id, kind, pside, np_text)
            if side:
                return Speaker(np_text, span, None, "government", side, np_text)
        if state.text and np_text.split()[0].casefold() in _DEFINITE | {"den", "dem"}:
            # "Der Minister betonte" after "Der Minister Karl Huber kam …": that minister
            named = fitting(state.persons(), np[0], role=np_text.split()[-1])
            if named is not None:
                return Speaker(named.name, span, None, "person", side or "unknown", np_text)
        if inst and inst != "statement":
            return Speaker(np_text, span, None, inst, side or "unknown")
        if side:
            return Speaker(np_text, span, None, "unknown", side)
        return Speaker(np_text, span, None, "unknown", "unknown")

    def _person_by_title(self, title: str | None, side: str | None, state: ArticleState) -> Entry | None:
        if not title:
            return None
        by_title = self.persons_by_title.get(title, [])
        if not by_title and title in _HEAD_OF_STATE:
            by_title = self.persons_by_title.get(_HEAD_OF_STATE[title], [])
        candidates = [p for p in by_title if not side or (p.affiliation or p.side) == side]
        if not candidates:
            return None
        seen = [c for c in candidates if c.id in state.recency]
        if seen:
            return max(seen, key=lambda c: state.recency[c.id])
        if side or len(candidates) == 1:
            return candidates[0]
        return None

    def _readout_speaker(self, state: ArticleState, outlet: Entry | None) -> Speaker:
        if state.readout is not None:
            sp = state.readout
            return Speaker(sp.name, None, sp.entity, sp.kind, sp.side, sp.role)
        if state.last_speaker is not None and state.last_speaker.kind != "anonymous":
            sp = state.last_speaker  # "X said … It was stressed …": X's own readout
            return Speaker(sp.name, None, sp.entity, sp.kind, sp.side, sp.role)
        if outlet is not None:
            kind, side = speaker_kind(outlet)
            return Speaker(outlet.name(self.lang), None, outlet.id, kind, side)
        return Speaker("unnamed source", None, None, "anonymous", "unknown")

    def _maybe_readout(self, att: Attribution, state: ArticleState) -> None:
        if state.readout is None and att.paragraph <= 3 and att.speaker.kind in (
            "government", "media", "military", "international_organisation"
        ):
            state.readout = att.speaker
            state.readout_paragraph = att.paragraph

    # ------------------------------------------------------------------ chains, relays
    def _with_chain(
        self,
        text: str,
        layout: Layout,
        sent: Sentence,
        att: Attribution,
        mentions: list[Resolved],
        starts: list[int],
        state: ArticleState,
    ) -> list[Attribution]:
        content = att.content
        if content is None or not _SUBJ_START.match(content.text):
            return [att]
        pm = _PUBLISH[self.lang].search(text, content.start, content.end)
        if pm is None:
            return [att]
        subj_start = content.start + _SUBJ_START.match(content.text).end()  # type: ignore[union-attr]
        inner = self._speaker_in(text, (subj_start, pm.start()), mentions, starts, state, "after")
        if inner is None:
            return [att]
        chain = [att.speaker.name, inner.name]
        att.chain = chain
        rule = f"{self.lang}.chain"
        inner_att = Attribution(
            key=make_key("attribution", rule, subj_start, content.end, text[subj_start:content.end]),
            start=att.start,
            end=att.end,
            text=att.text,
            paragraph=att.paragraph,
            rule=rule,
            cue=Span(pm.start(), pm.end(), pm.group()),
            speaker=inner,
            content=Span(subj_start, content.end, text[subj_start:content.end]),
            chain=list(chain),
        )
        if state.readout is None or state.readout is att.speaker:
            if inner.kind in ("government", "media", "military", "international_organisation"):
                state.readout = inner
                state.readout_paragraph = att.paragraph
        return [att, inner_att]

    def _mark_relayed(self, atts: list[Attribution], state: ArticleState) -> None:
        readout = state.readout
        if readout is None or readout.side in ("unknown", "general", "INT", "IND"):
            return
        for att in atts:
            if att.paragraph < state.readout_paragraph:
                continue
            side = att.speaker.side
            if side in ("unknown", "general") or side == readout.side:
                continue
            att.relayed_by = readout.entity or readout.name
