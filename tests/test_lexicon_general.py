"""The general loaded-language layer (resources/lexicon/general-*.yaml) through the real engine:
political balance, inflections, quoted speech, mirror pairs, and a small propaganda-style set
of our own sentences per technique."""

from __future__ import annotations

from collections import Counter

import pytest
from analysis_fixtures import real_kb

from reader.core.analysis.engine import Analyzer
from reader.core.knowledge.model import POLITICAL_SIDES
from reader.core.knowledge.validate import political_balanced


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return real_kb()


@pytest.fixture(scope="module")
def analyzer(kb) -> Analyzer:  # type: ignore[no-untyped-def]
    return Analyzer(kb)


def entries(analyzer: Analyzer, text: str, lang: str = "en") -> set[str]:
    return {f.entry for f in analyzer.analyze_raw(text, lang).flags if f.entry}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_left_and_right_balanced(kb, lang: str) -> None:  # type: ignore[no-untyped-def]
    general = [e for e in kb.lexicon_for(lang) if e.pack.startswith("lexicon-general")]
    sides = Counter(e.side for e in general)
    left, right = (sides[s] for s in POLITICAL_SIDES)
    assert left and right and political_balanced(left, right), sides
    assert sides["general"] > left  # intensifiers and sneer verbs are for everyone
    for e in general:
        for m in e.mirror:
            other = next(o for o in general if o.id == m)
            assert e.id in other.mirror
            if e.side in POLITICAL_SIDES:
                assert other.side in POLITICAL_SIDES and other.side != e.side, (e.id, m)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_left_and_right_forms_balanced(kb, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Not only as many LEFT as RIGHT entries: about as many words for each camp's framing."""
    forms = Counter()
    for e in kb.lexicon_for(lang):
        if e.pack.startswith("lexicon-general"):
            forms[e.side] += len(e.forms)
    left, right = (forms[s] for s in POLITICAL_SIDES)
    assert political_balanced(left, right), forms


@pytest.mark.parametrize("form", ["slams", "slammed", "slamming", "lashed out", "lashes out"])
def test_inflected_sneer_verbs(analyzer: Analyzer, form: str) -> None:
    assert "en-gen-slammed" in entries(analyzer, f"The senator {form} at the plan on Tuesday.")


def test_cue_verb_is_the_outlets_word(analyzer: Analyzer) -> None:
    flags = analyzer.analyze_raw("Senator Smith slammed the plan on Tuesday.", "en").flags
    assert [(f.entry, f.in_quote) for f in flags] == [("en-gen-slammed", False)]


def test_quoted_speech_is_the_speakers_wording(analyzer: Analyzer) -> None:
    assert not entries(analyzer, '"This plan is a disaster and a hoax," Smith said.')
    assert "en-gen-disastrous" in entries(analyzer, "The disastrous plan failed.")


# our own sentences, per propaganda technique (SemEval-2020 task 11 kinds)
PROPAGANDA = {
    "loaded_language": ["The outrageous bill was rammed through the chamber at night.",
                        "A vicious smear campaign followed the hearing.",
                        "Die Regierung plant eine skandalöse Kürzung."],
    "name_calling": ["The radical left wants to abolish the police.",
                     "MAGA extremists gathered outside the courthouse.",
                     "Gutmenschen und Klimakleber blockierten die Straße.",
                     "Rechtspopulisten und Querdenker marschierten durch die Stadt."],
    "exaggeration": ["A flood of migrants has overrun the border towns.",
                     "The city has descended into total chaos.",
                     "Die Flüchtlingsflut überrollt die Gemeinden."],
    "minimisation": ["The fine was merely a slap on the wrist.",
                     "Die Maßnahme ist nur ein Feigenblatt."],
    "doubt": ["The minister claimed that the figures were correct.",
              "Der Minister behauptete, die Zahlen stimmten."],
}
NEUTRAL = ["The committee approved the budget on Tuesday.", "Heavy rain flooded streets in the city.",
           "Der Ausschuss billigte am Dienstag den Haushalt.", "The company claimed responsibility for the delay.",
           "She was admitted to hospital on Monday.", "Amnesty International published a report."]


def _lang(s: str) -> str:
    return "de" if any(w in s for w in (" die ", "Die ", "Der ", "Gutmenschen", "Rechtspopulisten")) else "en"


@pytest.mark.parametrize(("technique", "sentence"),
                         [(t, s) for t, items in PROPAGANDA.items() for s in items])
def test_propaganda_sentences_flagged(analyzer: Analyzer, technique: str, sentence: str) -> None:
    assert entries(analyzer, sentence, _lang(sentence)), (technique, sentence)


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_neutral_sentences_not_flagged(analyzer: Analyzer, sentence: str) -> None:
    assert not entries(analyzer, sentence, _lang(sentence))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_mirror_pair_flagged_alike(kb, analyzer: Analyzer, lang: str) -> None:  # type: ignore[no-untyped-def]
    template = {"en": "The debate on Monday was about {}.", "de": "Am Montag ging es um {}."}[lang]
    by_id = {e.id: e for e in kb.lexicon_for(lang)}
    bad = []
    for e in by_id.values():
        for m in e.mirror:
            o = by_id.get(m)
            if o is None or e.id > o.id:
                continue
            fa = analyzer.analyze_raw(template.format(e.forms[0]), lang).flags
            fb = analyzer.analyze_raw(template.format(o.forms[0]), lang).flags
            if bool(fa) != bool(fb) or (e.rule == o.rule and sorted(f.severity for f in fa)
                                        != sorted(f.severity for f in fb)):
                bad.append((e.id, o.id))
    assert not bad
