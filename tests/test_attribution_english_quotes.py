"""English quotations that run past their frame, on sentences we wrote for these tests.

News English quotes a speaker once and goes on: '"…," said X. "More."' is still X, and
'"We are ready," the minister said, "to talk."' is one statement the frame interrupts. The
second part gets its own attribution (rule ``en.continuation``) with the first part's speaker,
so neither part is left without a source.
"""

from __future__ import annotations

import functools

import pytest
from analysis_fixtures import real_kb

from reader.core.analysis.engine import Analyzer
from reader.core.analysis.model import Attribution


@functools.lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    return Analyzer(real_kb())


def _atts(text: str) -> list[Attribution]:
    return _analyzer().analyze_raw(text, "en").attributions


def _content(a: Attribution) -> str:
    assert a.content is not None
    return a.content.text


@pytest.mark.parametrize(("text", "speaker", "first", "rest"), [
    ('"We are ready," the minister said, "to talk to anyone who wants peace."',
     "the minister", '"We are ready,"', '"to talk to anyone who wants peace."'),
    ('"We are ready," said the minister, "to talk."',
     "the minister", '"We are ready,"', '"to talk."'),
    ('"The road is open," a police spokeswoman told reporters, "but drive slowly."',
     "a police spokeswoman", '"The road is open,"', '"but drive slowly."'),
])
def test_quotation_interrupted_by_its_frame(text: str, speaker: str, first: str, rest: str) -> None:
    head, tail = _atts(text)
    assert head.speaker.name == speaker and _content(head) == first
    assert tail.rule == "en.continuation" and tail.direct_quote
    assert tail.speaker.name == speaker and _content(tail) == rest
    assert tail.cue.text == '"' and tail.cue.start == text.index(rest)


def test_next_quotation_continues_the_quoted_speaker() -> None:
    text = '"This is a lie," said Nikol Pashinyan. "We never attacked civilians. Never." He left.'
    first, more = _atts(text)
    assert first.rule == "en.verb.say" and first.speaker.entity == "nikol-pashinyan"
    assert more.rule == "en.continuation" and more.speaker.entity == "nikol-pashinyan"
    assert _content(more) == '"We never attacked civilians. Never."'


def test_a_quotation_after_reported_speech_is_not_continued() -> None:
    # only a quotation continues a quotation: after indirect speech the quote is its own claim
    text = 'The ministry said the talks would resume. "This is a disgrace." Nobody answered.'
    assert [a.rule for a in _atts(text)] == ["en.verb.say"]


def test_a_new_paragraph_ends_the_continuation() -> None:
    text = '"We are ready," the minister said.\n\n"Peace is close."'
    assert [a.rule for a in _atts(text)] == ["en.verb.say"]


def test_a_quotation_with_its_own_speaker_is_not_taken_over() -> None:
    text = '"We are ready," the minister said. "We are not," Ilham Aliyev said.'
    first, second = _atts(text)
    assert first.speaker.name == "the minister"
    assert second.rule == "en.verb.say" and second.speaker.entity == "ilham-aliyev"


def test_english_has_no_konjunktiv_continuation() -> None:
    # German reads "sei"/"habe" as reported speech; English words must not trigger that
    text = "The ministry said the talks failed. Sei and Habe are names of two villages."
    assert [a.rule for a in _atts(text)] == ["en.verb.say"]


def test_continued_quotation_is_not_a_claim_that_cites_nobody() -> None:
    text = ('"The heroic army ended the occupation," the president said. '
            '"We will never forget the martyrs who died in the war."')
    analysis = _analyzer().analyze_raw(text, "en")
    assert [a.rule for a in analysis.attributions] == ["en.verb.say", "en.continuation"]
    assert not analysis.unattributed


@pytest.mark.parametrize(("text", "span"), [
    ("A police spokeswoman said the road was open.", "A police spokeswoman"),
    ("The road was open, a police spokeswoman said.", "a police spokeswoman"),
    ("An official said the road was open.", "An official"),
    ("The minister said the road was open.", "The minister"),
])
def test_speaker_span_is_the_whole_noun_phrase_with_its_article(text: str, span: str) -> None:
    (att,) = _atts(text)
    assert att.speaker.span is not None and att.speaker.span.text == span
