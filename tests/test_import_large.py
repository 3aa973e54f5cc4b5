"""Very long texts (issue 13): importing one stays bounded because only the beginning of a text
over ``ANALYSIS_LIMIT`` characters is analysed, cut at a paragraph break, and the analysis says
so. Normal articles are analysed whole, exactly as before. Speed and memory are measured by
``benchmarks/import_bench.py`` (2 MB and 19 MB files), not here."""

from __future__ import annotations

from pathlib import Path

from analysis_fixtures import real_kb

from reader.core.analysis.engine import ANALYSIS_LIMIT, Analyzer, analysis_cut
from reader.core.analysis.model import Analysis
from reader.core.analysis_store import stored_or_fresh
from reader.core.importing.pipeline import import_paths
from reader.core.library import Library

PARAGRAPHS = [
    "Der Außenminister Aserbaidschans sagte am Dienstag in Baku, die Gespräche über den "
    "Friedensvertrag würden in der nächsten Woche fortgesetzt.",
    "Laut der Nachrichtenagentur dpa trafen sich beide Delegationen an der Grenze. Armenien "
    "habe die Vereinbarung verletzt, erklärte das Verteidigungsministerium.",
    "Nikol Paschinjan sagte, Armenien sei zu Kompromissen bereit. Beobachter der OSZE "
    "berichteten von einer ruhigen Lage.",
]


def long_text(chars: int) -> str:
    parts: list[str] = []
    total = i = 0
    while total < chars:
        para = f"{PARAGRAPHS[i % 3]} Absatz {i}."
        parts.append(para)
        total += len(para) + 2
        i += 1
    return "\n\n".join(parts)


def spans(a: Analysis) -> list[tuple[int, int]]:
    return ([(x.start, x.end) for x in a.attributions] + [(x.start, x.end) for x in a.mentions]
            + [(x.start, x.end) for x in a.flags] + [(x.start, x.end) for x in a.unattributed])


def test_text_over_the_limit_is_analysed_to_a_paragraph_break_and_says_so() -> None:
    analyzer = Analyzer(real_kb())
    text = long_text(12_000)
    result = analyzer.analyze("Gespräche in Baku", text, "de", limit=4000)
    cut = result.analysed_chars
    assert cut is not None and 2000 <= cut <= 4000
    assert text[cut:cut + 2] == "\n\n"  # at a paragraph break, no paragraph cut in two
    assert result.text == text  # offsets stay offsets into the whole article
    assert result.attributions and all(end <= cut for _, end in spans(result))
    assert f"only the first {cut:,} of {len(text):,} characters were analysed" in result.balance.summary
    # the analysed part is analysed exactly as that text on its own would be
    alone = analyzer.analyze("Gespräche in Baku", text[:cut], "de", limit=4000)
    assert alone.analysed_chars is None
    assert [a.key for a in result.attributions] == [a.key for a in alone.attributions]
    assert [f.key for f in result.flags] == [f.key for f in alone.flags]
    again = Analysis.from_json(result.to_json())
    assert again.analysed_chars == cut and again.text == text


def test_text_within_the_limit_is_analysed_whole() -> None:
    analyzer = Analyzer(real_kb())
    text = long_text(6000)
    result = analyzer.analyze("Gespräche in Baku", text, "de", limit=len(text))
    assert result.analysed_chars is None and "analysed" not in result.balance.summary
    assert max(end for _, end in spans(result)) > len(text) - 200  # the last paragraph too
    assert Analysis.from_json(result.to_json()).analysed_chars is None


def test_cut_without_paragraph_breaks_ends_at_a_sentence_or_a_space() -> None:
    one_paragraph = " ".join(PARAGRAPHS * 20)
    cut = analysis_cut(one_paragraph, 1000)
    assert 500 <= cut <= 1000 and one_paragraph[cut - 1] == "." and one_paragraph[cut] == " "
    words = "wort " * 400
    cut = analysis_cut(words, 1000)
    assert words[cut] == " " and 500 <= cut <= 1000
    assert analysis_cut("x" * 3000, 1000) == 1000


def test_importing_a_text_over_the_real_limit_stores_a_bounded_analysis(tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    text = long_text(ANALYSIS_LIMIT + 150_000)
    source.write_text("Ein sehr langer Bericht\n\n" + text + "\n", encoding="utf-8")
    analyzer = Analyzer(real_kb())
    with Library.open(tmp_path / "library.sqlite") as lib:
        report = import_paths(lib, [source], analyzer=analyzer)
        assert report.ok and len(report.imported) == 1
        article = lib.require_article(report.imported[0])
        assert len(article.text) > ANALYSIS_LIMIT
        stored = stored_or_fresh(lib, analyzer, article)
        cut = stored.analysed_chars
        assert cut is not None and ANALYSIS_LIMIT // 2 <= cut <= ANALYSIS_LIMIT
        assert stored.text == article.text and all(end <= cut for _, end in spans(stored))
        assert lib.search("Absatz")[0].article_id == article.id  # the whole text is searchable
