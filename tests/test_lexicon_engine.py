"""The lexicons' neutral and loaded example sentences, through the real analysis engine.

The content tests check the lexicon files with a small reference matcher; this checks what a
user actually sees: the engine flags none of the neutral sentences and every loaded one.
"""

from __future__ import annotations

import pytest
import test_lexicon_de_content as de
import test_lexicon_en_content as en
from analysis_fixtures import real_kb

from reader.core.analysis.engine import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(real_kb())


def lexicon_flags(analyzer: Analyzer, text: str, lang: str) -> set[str]:
    analysis = analyzer.analyze_raw(text, lang)
    return {f.entry for f in analysis.flags if f.entry}


# Where a rule says more than the lexicon entry on the same words, the rule's flag is shown.
SUPERSEDED_BY_RULE = {"de-unsere-armee": "rule.outlet_voice", "en-our-army": "rule.outlet_voice"}


@pytest.mark.parametrize(("lang", "sentence"),
                         [("de", s) for s in de.NEUTRAL_SENTENCES] + [("en", s) for s in en.NEUTRAL_SENTENCES])
def test_neutral_sentences_get_no_lexicon_flag(analyzer: Analyzer, lang: str, sentence: str) -> None:
    assert lexicon_flags(analyzer, sentence, lang) == set()


def _loaded(module: object) -> list[tuple[str, set[str]]]:
    out = []
    for item in module.LOADED_SENTENCES:  # type: ignore[attr-defined]
        sentence, expected = item[0], item[1]
        out.append((sentence, {expected} if isinstance(expected, str) else set(expected)))
    return out


@pytest.mark.parametrize(("lang", "sentence", "expected"),
                         [("de", s, e) for s, e in _loaded(de)] + [("en", s, e) for s, e in _loaded(en)])
def test_loaded_sentences_are_flagged_by_the_engine(analyzer: Analyzer, lang: str, sentence: str,
                                                    expected: set[str]) -> None:
    found = lexicon_flags(analyzer, sentence, lang)
    rules = {f.rule for f in analyzer.analyze_raw(sentence, lang).flags}
    superseded = {e for e in expected if SUPERSEDED_BY_RULE.get(e) in rules}
    assert found & expected or superseded, (sentence, expected, found)
