"""Bad input: no crash, no hang, still linear."""

from __future__ import annotations

import pytest
from analysis_fixtures import real_kb, small_kb

from reader.core.analysis.engine import Analyzer
from reader.core.analysis.model import Analysis


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(real_kb())


def _check(a: Analysis) -> None:
    n = len(a.text)
    for item in [*a.attributions, *a.unattributed, *a.mentions, *a.flags]:
        assert 0 <= item.start <= item.end <= n
        assert a.text[item.start:item.end] == item.text
    for h in a.headline:
        assert a.title[h.start:h.end] == h.text


@pytest.mark.parametrize("text", [
    "",
    " ",
    "\n\n\n",
    ".",
    "„",
    "“ ” „ “ « » ' \" ‚ ‘ ’",
    "\x00\x01\x02 sagte \x7f Aliyev \u200b\ufeff",
    "Ərazi İlham Əliyev dedi ki, Qarabağ Azərbaycandır. İİİ",
    "Пашинян заявил, что Армения готова. Ильхам Алиев сказал: «Карабах — это Азербайджан».",
    "Փաշինյանը հայտարարեց, որ Արցախը. Ալիևը",
    "laut laut laut laut zufolge zufolge heißt es heißt es",
    "sagte, sagte, sagte, sagte.",
    "According to according to said said told. \"\"\"\"",
    "Aliyev sagte: „" + "x " * 3000,
    "Aliyev sagte,\r\nAliyev\tsagte\u00a0dass\u2028es\u2029so sei.",
])
def test_odd_inputs(analyzer: Analyzer, text: str) -> None:
    for lang in ("de", "en", "az", "ru", ""):
        a = analyzer.analyze("Titel „" + text[:50], text, lang)
        _check(a)
        a = analyzer.analyze_raw(text)
        _check(a)


def test_five_megabytes(analyzer: Analyzer) -> None:
    para = ("Präsident Ilham Aliyev sagte, dass die Anti-Terror-Maßnahmen fortgesetzt würden. "
            "Armenien hat seine Angriffe auf Zivilisten fortgesetzt. „Das ist eine Lüge“, sagte "
            "Paschinjan. Über 1 Million Aserbaidschaner wurden vertrieben.\n\n")
    text = para * (5_000_000 // len(para))
    # the engine at scale (an imported article is analysed up to ANALYSIS_LIMIT characters:
    # tests/test_import_large.py); speed and linearity: benchmarks/analysis_bench.py
    a = analyzer.analyze("Titel", text, "de", limit=None)
    assert len(a.text) >= 4_900_000
    per_copy = text.count("sagte")
    assert len(a.attributions) == per_copy  # every statement found, none lost at scale
    assert a.flags


def test_very_long_line_and_controls(analyzer: Analyzer) -> None:
    line = "".join(chr(c) for c in range(1, 32)) * 2000 + "A" * 200_000 + " sagte Aliyev."
    a = analyzer.analyze("", line, "de")
    _check(a)
    assert all(s.end - s.start <= 800 for s in __import__(
        "reader.core.analysis.text", fromlist=["Layout"]).Layout(line).sentences)


def test_bad_claim_regex_is_skipped() -> None:
    kb = small_kb()
    kb.entries["claim-20-percent-occupied"].claim_patterns["de"].append("([unclosed")
    a = Analyzer(kb).analyze("", "Etwa 20% des Territoriums sind besetzt.", "de")
    assert any(m.entity == "claim-20-percent-occupied" for m in a.mentions)


def test_empty_kb() -> None:
    from reader.core.knowledge.model import KnowledgeBase

    a = Analyzer(KnowledgeBase()).analyze("T", "Aliyev sagte, dass es regnet.", "de")
    assert a.attributions and a.attributions[0].speaker.entity is None
    assert a.mentions == [] and a.balance.statements == 1
