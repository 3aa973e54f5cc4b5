"""User corrections of machine annotations: stored with provenance, reversible, survive re-analysis."""

from __future__ import annotations

from pathlib import Path

from reader.core import corrections
from reader.core.analysis.model import Analysis, Attribution, Flag, Span, Speaker
from reader.core.library import Library
from reader.core.models import NewArticle

TEXT = "Der Präsident sagte, die Provokationen müssten enden."


def make_analysis() -> Analysis:
    speaker = Speaker(name="Präsident", span=Span(4, 13, "Präsident"), entity=None,
                      kind="unknown", side="unknown")
    attribution = Attribution(
        key="attr:1", start=0, end=len(TEXT), text=TEXT, paragraph=0, rule="de.cue.sagte",
        cue=Span(14, 19, "sagte"), speaker=speaker, content=Span(21, len(TEXT) - 1, TEXT[21:-1]),
    )
    flag = Flag(key="flag:1", start=25, end=38, text="Provokationen", paragraph=0,
                rule="lexicon", category="unattributed_accusation", side="general",
                explanation="x", alternative="Zwischenfälle", entry="de-provokation")
    return Analysis(language="de", title="T", text=TEXT, attributions=[attribution], flags=[flag])


def test_dismiss_and_correct_survive_reopen_and_reanalysis(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite"
    lib = Library.open(path)
    article_id = lib.add_article(NewArticle(title="T", text=TEXT, language="de"))
    corrections.dismiss(lib, article_id, "flag:1", "flag", "Provokationen")
    corrections.correct_speaker(lib, article_id, "attr:1", TEXT, name="Ilham Aliyev",
                                entity="ilham-aliyev", kind="government", side="AZ")
    lib.close()

    lib = Library.open(path)  # a restart
    stored = corrections.corrections_for(lib, article_id)
    assert [(c.kind, c.action) for c in stored] == [("flag", "dismiss"), ("attribution", "correct")]
    assert all(c.created_at for c in stored)
    result = corrections.apply(make_analysis(), stored)  # a fresh analysis of the same text
    assert result.analysis.flags == []
    assert "flag:1" in result.dismissed
    speaker = result.analysis.attributions[0].speaker
    assert (speaker.name, speaker.entity, speaker.side, speaker.kind) == (
        "Ilham Aliyev", "ilham-aliyev", "AZ", "government")
    assert "attr:1" in result.corrected

    corrections.undo_key(lib, article_id, "flag:1")  # reversible
    result = corrections.apply(make_analysis(), corrections.corrections_for(lib, article_id))
    assert [f.key for f in result.analysis.flags] == ["flag:1"]
    lib.close()


def test_dismissal_does_not_apply_when_the_span_text_changed(library: Library) -> None:
    article_id = library.add_article(NewArticle(title="T", text=TEXT, language="de"))
    corrections.dismiss(library, article_id, "flag:1", "flag", "Provokation (old text)")
    result = corrections.apply(make_analysis(), corrections.corrections_for(library, article_id))
    assert [f.key for f in result.analysis.flags] == ["flag:1"]


def test_corrections_go_with_the_article(library: Library) -> None:
    article_id = library.add_article(NewArticle(title="T", text=TEXT, language="de"))
    corrections.dismiss(library, article_id, "flag:1", "flag", "Provokationen")
    library.delete_article(article_id)
    assert library.conn.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
