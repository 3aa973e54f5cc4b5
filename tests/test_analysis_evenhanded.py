"""Even-handedness: mirrored paragraphs (same structure, the other side's loaded terms) get
flags of the same categories and counts, and the same number of unattributed claims."""

from __future__ import annotations

from collections import Counter

import pytest
from analysis_fixtures import real_kb

from reader.core.analysis.engine import Analyzer

PAIRS = {
    "de": [
        ("Armenische Besatzer haben das Dorf zerstört.",
         "Aserbaidschanische Besatzer haben das Dorf zerstört."),
        ("Die armenische Aggression dauert seit Wochen an.",
         "Die aserbaidschanische Aggression dauert seit Wochen an."),
        ("Das Regime in Jerewan hat die Gespräche abgebrochen.",
         "Das Regime in Baku hat die Gespräche abgebrochen."),
        ("Armenische Faschisten haben die Grenze überschritten.",
         "Aserbaidschanische Faschisten haben die Grenze überschritten."),
        ("Die sogenannte „Regierung“ Armeniens lehnt jeden Kompromiss ab.",
         "Die sogenannte „Regierung“ Aserbaidschans lehnt jeden Kompromiss ab."),
        ("Armenien hat niemals aufgehört, Zivilisten anzugreifen.",
         "Aserbaidschan hat niemals aufgehört, Zivilisten anzugreifen."),
        ("Unsere Armee hat armenische Stellungen zerstört.",
         "Unsere Armee hat aserbaidschanische Stellungen zerstört."),
        ("Armenische Grenzverletzungen nehmen zu, sagte ein Sprecher in Baku.",
         "Aserbaidschanische Grenzverletzungen nehmen zu, sagte ein Sprecher in Jerewan."),
    ],
    "en": [
        ("Armenian occupiers destroyed the village.",
         "Azerbaijani occupiers destroyed the village."),
        ("Armenian aggression has continued for weeks.",
         "Azerbaijani aggression has continued for weeks."),
        ("Armenian fascists crossed the border at dawn.",
         "Azerbaijani fascists crossed the border at dawn."),
        ("The so-called \"government\" of Armenia rejects any compromise.",
         "The so-called \"government\" of Azerbaijan rejects any compromise."),
        ("Armenia has never stopped attacking civilians.",
         "Azerbaijan has never stopped attacking civilians."),
        ("Our army destroyed Armenian positions overnight.",
         "Our army destroyed Azerbaijani positions overnight."),
        ("Armenian war crimes were documented, a spokesman in Baku said.",
         "Azerbaijani war crimes were documented, a spokesman in Yerevan said."),
    ],
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(real_kb())


@pytest.mark.parametrize(("language", "index"),
                         [(lang, i) for lang, pairs in PAIRS.items() for i in range(len(pairs))])
def test_mirrored_pair(analyzer: Analyzer, language: str, index: int) -> None:
    left, right = PAIRS[language][index]
    a = analyzer.analyze("", left, language)
    b = analyzer.analyze("", right, language)
    cats_a = Counter(f.category for f in a.flags)
    cats_b = Counter(f.category for f in b.flags)
    assert cats_a, f"no flag at all for {left!r}"
    assert cats_a == cats_b, (left, [(f.entry or f.rule, f.text) for f in a.flags],
                              right, [(f.entry or f.rule, f.text) for f in b.flags])
    assert len(a.unattributed) == len(b.unattributed)
    assert len(a.attributions) == len(b.attributions)
