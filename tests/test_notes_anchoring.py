"""Highlights re-attach after the article text changes, or are reported as orphaned."""

from __future__ import annotations

from reader.core import anchoring, notes
from reader.core.library import Library
from reader.core.models import NewArticle

TEXT = (
    "Am Dienstag meldete das Ministerium neue Gefechte an der Grenze. "
    "Die Regierung sprach von einer Provokation der Gegenseite.\n\n"
    "Unabhängige Beobachter konnten die Angaben zunächst nicht überprüfen. "
    "Die Regierung sprach von einer Provokation, die Opposition von einem Vorwand.\n\n"
    "Am Abend beruhigte sich die Lage nach Angaben von Anwohnern."
)


def _add(lib: Library) -> int:
    return lib.add_article(NewArticle(title="Grenze", text=TEXT, language="de"))


def test_locate_methods() -> None:
    start = TEXT.index("Unabhängige Beobachter")
    anchor = anchoring.make_anchor(TEXT, start, start + len("Unabhängige Beobachter konnten"))
    assert anchoring.locate(TEXT, anchor).method == "exact"  # type: ignore[union-attr]
    moved = "Einleitung. " + TEXT
    found = anchoring.locate(moved, anchor)
    assert found is not None and found.method == "moved" and found.start == start + 12
    edited = moved.replace("Unabhängige Beobachter konnten", "Unabhängige Beobachter vermochten")
    found = anchoring.locate(edited, anchor)
    assert found is None or found.method == "fuzzy"
    lightly = moved.replace("Unabhängige Beobachter konnten", "Unabhängigen Beobachter konnten")
    found = anchoring.locate(lightly, anchor)
    assert found is not None and found.method == "fuzzy"
    assert lightly[found.start:found.end].startswith("Unabhängigen Beobachter")
    assert anchoring.locate("Etwas ganz anderes steht jetzt hier.", anchor) is None


def test_reanchor_after_insertion_picks_the_right_occurrence(library: Library) -> None:
    aid = _add(library)
    second = TEXT.index("Die Regierung sprach von einer Provokation", 80)
    note = notes.add_highlight(library, aid, second, second + len("Die Regierung sprach"), body="second one")
    new_text = "Eine neue Einleitung steht nun vorne.\n\n" + TEXT
    report = notes.update_text_and_reanchor(library, aid, "Grenze", new_text)
    assert [n.id for n in report.moved] == [note.id] and not report.orphaned
    stored = notes.require_note(library, note.id)
    # the second occurrence (same quote twice in the text): context decides
    assert stored.start == second + len("Eine neue Einleitung steht nun vorne.\n\n")
    assert new_text[stored.start:stored.end] == "Die Regierung sprach"
    assert stored.status == "attached"


def test_reanchor_fuzzy_after_recleaning(library: Library) -> None:
    aid = _add(library)
    quote = "konnten die Angaben zunächst nicht überprüfen"
    note = notes.highlight_quote(library, aid, quote)
    recleaned = TEXT.replace("zunächst nicht überprüfen", "zunächst nicht  überprüfen.").replace("Am Dienstag", "Am  Dienstag")
    library.update_text(aid, "Grenze", recleaned)
    report = notes.reanchor(library, aid)
    assert not report.orphaned
    stored = notes.require_note(library, note.id)
    assert stored.status == "attached"
    assert recleaned[stored.start:stored.end].startswith("konnten die Angaben zunächst")


def test_orphaned_is_reported_and_listed_then_reattached(library: Library) -> None:
    aid = _add(library)
    keep = notes.highlight_quote(library, aid, "beruhigte sich die Lage")
    lose = notes.highlight_quote(library, aid, "Unabhängige Beobachter konnten", body="important")
    without = TEXT.replace("Unabhängige Beobachter konnten die Angaben zunächst nicht überprüfen. ", "")
    report = notes.update_text_and_reanchor(library, aid, "Grenze", without)
    assert [n.id for n in report.orphaned] == [lose.id]
    assert keep.id in [n.id for n in report.moved]
    listed = notes.notes_for(library, aid)
    assert [n.id for n in listed][-1] == lose.id  # still listed, last
    assert notes.require_note(library, lose.id).status == "orphaned"
    assert [n.id for n in notes.orphaned_notes(library, aid)] == [lose.id]
    # nothing silently dropped: the note's text is kept
    assert notes.require_note(library, lose.id).body == "important"
    # the text is edited back: the orphan attaches again
    report = notes.update_text_and_reanchor(library, aid, "Grenze", TEXT)
    assert lose.id in [n.id for n in report.moved]
    assert notes.require_note(library, lose.id).status == "attached"
