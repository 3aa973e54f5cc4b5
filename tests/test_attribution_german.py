"""German reported speech, one phenomenon per case, on sentences we wrote for these tests.

Each case names what a reader should see on the Sources card: the cue in the text, who speaks
(the resolved name) and which words stand for the speaker (the span the card points at), and
where the reported content starts. Negative cases must produce no attribution at all.
"""

from __future__ import annotations

import functools

import pytest
from analysis_fixtures import real_kb

from reader.core.analysis.cues import DE_VERBS, choose_de
from reader.core.analysis.engine import Analyzer
from reader.core.analysis.model import Attribution
from reader.core.analysis.named_persons import find_named_persons, fitting


@functools.lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    return Analyzer(real_kb())


def _atts(text: str) -> list[Attribution]:
    return _analyzer().analyze_raw(text, "de").attributions


# (phenomenon, text, cue, speaker name, speaker span, content starts with, rule starts with)
CASES = [
    ("verb of saying, comma clause",
     "Der Zeuge gab an, er habe nichts gesehen.",
     "gab an", "Der Zeuge", "Der Zeuge", "er habe", "de.verb.angeben"),
    ("separable particle far from its verb",
     "Die Stadtverwaltung teilte am Dienstag mit, dass die Schulen geschlossen bleiben.",
     "teilte am Dienstag mit", "Die Stadtverwaltung", "Die Stadtverwaltung", "dass die Schulen",
     "de.verb.mitteilen"),
    ("same verb, other particle: bekannt geben, not angeben",
     "Die Firma gab am Mittwoch bekannt, dass sie 200 Stellen streicht.",
     "gab am Mittwoch bekannt", "Die Firma", "Die Firma", "dass sie", "de.verb.bekanntgeben"),
    ("speech-act object without a clause",
     "Das Ministerium wies die Vorwürfe zurück.",
     "wies die Vorwürfe zurück", "Das Ministerium", "Das Ministerium", None,
     "de.verb.zurückweisen"),
    ("perfect tense, participle at the end",
     "Die Regierung hat mitgeteilt, dass die Grenze offen bleibt.",
     "mitgeteilt", "Die Regierung", "Die Regierung", "dass die Grenze", "de.verb.mitteilen"),
    ("preposed content, verb before its subject",
     "Der Vertrag sei gültig, erklärte das Gericht.",
     "erklärte", "das Gericht", "das Gericht", "Der Vertrag", "de.verb.erklären"),
    ("colon and a direct quotation",
     "Der Bürgermeister Hans Vogel sagte: „Wir bauen die Brücke neu.“",
     "sagte", "Der Bürgermeister Hans Vogel", "Der Bürgermeister Hans Vogel", "„Wir bauen",
     "de.verb.sagen"),
    ("question verb",
     "Der Angeklagte Peter Schulz fragte, ob er gehen dürfe.",
     "fragte", "Der Angeklagte Peter Schulz", "Der Angeklagte Peter Schulz", "ob er",
     "de.verb.fragen"),
    ("narrative verb after a quotation (historical texts)",
     "»Ich komme morgen«, erwiderte sie.",
     "erwiderte", "sie", "sie", "»Ich komme", "de.verb.erwidern"),
    ("period narrative verb with a separated particle and a colon quotation",
     "Da hub der Schulmeister an: »Hört mich an, ihr Leute!«",
     "hub der Schulmeister an", "der Schulmeister", "der Schulmeister", "»Hört mich",
     "de.verb.anheben"),
    ("old spelling; adverb after the speaker is not part of the name",
     "»Ich weiß es nicht«, erwiederte das Mädchen leise.",
     "erwiederte", "das Mädchen", "das Mädchen", "»Ich weiß", "de.verb.erwiedern"),
    ("manner-of-speaking verb next to a quotation",
     "»Wohl möglich«, bemerkte der Pfarrer.",
     "bemerkte", "der Pfarrer", "der Pfarrer", "»Wohl", "de.verb.bemerken"),
    ("verb of thinking with a Konjunktiv clause; sentence-opening adverb is not the speaker",
     "Da dachte er, die Sache sei erledigt.",
     "dachte", "er", "er", "die Sache", "de.verb.denken"),
    ("ß in a sentence-opening adverb",
     "Schließlich erklärte der Minister, man werde verhandeln.",
     "erklärte", "der Minister", "der Minister", "man werde", "de.verb.erklären"),
    ("so X after the content",
     "Die Brücke sei gesperrt, so ein Sprecher der Polizei.",
     "so", "ein Sprecher der Polizei", "ein Sprecher der Polizei", "Die Brücke", "de.so"),
    ("X zufolge",
     "Dem Bericht zufolge wurden drei Häuser zerstört.",
     "zufolge", "Dem Bericht", "Dem Bericht", "wurden drei", "de.prep_before"),
    ("nach Angaben von: the source phrase from its noun of stating",
     "Nach Angaben von Augenzeugen wurden drei Häuser zerstört.",
     "Nach Angaben", "Angaben von Augenzeugen", "Angaben von Augenzeugen", "wurden drei",
     "de.prep"),
    ("laut",
     "Laut Polizei gab es keine Verletzten.",
     "Laut", "Polizei", "Polizei", "gab es", "de.prep"),
    ("wie X mitteilte",
     "Wie die Polizei mitteilte, wurde niemand verletzt.",
     "Wie die Polizei mitteilte", "die Polizei", "die Polizei", "wurde niemand", "de.wie"),
    ("impersonal es hieß with its document as source",
     "In einer Erklärung hieß es, die Verhandlungen würden fortgesetzt.",
     "hieß es", "In einer Erklärung", "In einer Erklärung", "die Verhandlungen", "de.imp"),
    ("Dem Vernehmen nach: unnamed sources",
     "Dem Vernehmen nach soll der Minister zurücktreten.",
     "Dem Vernehmen nach", "unnamed sources", "Dem Vernehmen", "soll der Minister", "de.post"),
    ("verb of hoping with an adverb before the dass clause",
     "Die Organisation hofft jedoch, dass der Bär gefunden wird.",
     "hofft", "Die Organisation", "Die Organisation", "dass der Bär", "de.verb.hoffen"),
    ("a name in commas before the particle",
     "Am Montag teilte der Sprecher der Polizei, Hans Meier, mit, dass niemand verletzt wurde.",
     "teilte der Sprecher der Polizei, Hans Meier, mit", "der Sprecher der Polizei, Hans Meier",
     "der Sprecher der Polizei, Hans Meier", "dass niemand", "de.verb.mitteilen"),
    ("davon ausgehen with its dass clause",
     "Wolfgang Gerhard geht davon aus, dass seine Partei in die Opposition geht.",
     "geht davon aus", "Wolfgang Gerhard", "Wolfgang Gerhard", "dass seine Partei", "de.verb.ausgehen"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_german_cue(case: tuple[str, str, str, str, str, str | None, str]) -> None:
    _, text, cue, name, span, content, rule = case
    atts = [a for a in _atts(text) if not a.rule.endswith("continuation")]
    assert len(atts) == 1, [(a.rule, a.cue.text) for a in atts]
    att = atts[0]
    assert att.cue.text == cue
    assert att.rule.startswith(rule)
    assert att.speaker.name == name
    assert att.speaker.span is not None and att.speaker.span.text == span
    assert text[att.speaker.span.start:att.speaker.span.end] == span  # offsets point at the text
    if content is None:
        assert att.content is None
    else:
        assert att.content is not None and att.content.text.startswith(content)


NOT_REPORTED = [
    ("so … dass is a degree, not a source", "Die Straße war so voll, dass niemand durchkam."),
    ("an object verb without clause or quotation",
     "Viele Staaten haben ein Ende der Kämpfe gefordert."),
    ("passive: the subject is asked, not speaking", "Der Minister wurde am Montag gefragt."),
    ("first person is the writer, not a source", "Ich sagte ihm, er solle gehen."),
    ("bemerken as noticing, not speech",
     "Ein Autofahrer bemerkte das Feuer und alarmierte die Feuerwehr, die bald kam."),
    ("lachen without a quotation", "Er lachte, als er das hörte."),
    ("a noun of stating alone is no statement", "Die Erklärung des Ministers kam spät."),
    ("hoffen with an object, not a clause", "Das Dorf hofft auf Regen."),
    ("hoffen with an infinitive, no reported clause", "Das Dorf hofft, bald wieder Strom zu haben."),
    ("beschuldigt without a reported accusation", "Er wurde beschuldigt und verhaftet."),
    ("a name in commas, then no particle of a verb of saying",
     "Er teilte das Brot, Hans Meier, mit Freunden."),
    ("the participle as an adjective after das", "Das erklärte Ziel ist der Frieden."),
    ("the participle as an adjective before a noun", "Das bestätigte Ergebnis kam spät."),
    ("a demonstrative before a verb that is no cue", "Das Haus brannte. Dies geschah am Abend."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_REPORTED], ids=[c[0] for c in NOT_REPORTED])
def test_not_reported_speech(text: str) -> None:
    assert _atts(text) == []


def test_demonstrative_object_points_to_the_sentence_before() -> None:
    text = ("Die Partei schließt eine Koalition aus. Dies bestätigte der Vorsitzende Karl Huber "
            "am Abend.")
    (att,) = _atts(text)
    assert att.rule == "de.verb.bestätigen" and att.speaker.name == "der Vorsitzende Karl Huber"
    assert att.content is not None and att.content.text == "Die Partei schließt eine Koalition aus"
    assert att.start == 0 and att.text == text  # the statement covers both sentences


def test_passive_accusation_is_nobodys_readout() -> None:
    # the minister spoke before; the accusation is still not his
    text = ("Der Minister sagte, alles sei gut. Den Behörden wurde vorgeworfen, zu spät "
            "gehandelt zu haben.")
    said, accused = _atts(text)
    assert said.speaker.name == "Der Minister"
    assert accused.rule == "de.imp" and accused.cue.text == "wurde vorgeworfen"
    assert accused.speaker.name == "unnamed source" and accused.speaker.kind == "anonymous"
    assert accused.speaker.span is None
    assert accused.content is not None and accused.content.text == "zu spät gehandelt zu haben"


def test_sentence_opening_das_is_the_object_of_the_verb_after_it() -> None:
    text = "Die Enten waren infiziert. Das erklärte gestern ein Sprecher des Ministeriums."
    (att,) = _atts(text)
    assert att.cue.text == "erklärte" and att.speaker.name == "ein Sprecher des Ministeriums"
    assert att.content is not None and att.content.text == "Die Enten waren infiziert"


def test_a_pronoun_never_refers_to_an_unnamed_accuser() -> None:
    text = ("Dem früheren Gouverneur wird vorgeworfen, Stimmen gekauft zu haben. Er geht davon "
            "aus, dass das Gericht ihn freispricht.")
    accused, hopes = _atts(text)
    assert accused.speaker.name == "unnamed source"
    assert hopes.speaker.name == "Er"  # unresolved, not "unnamed source"


def test_particle_after_a_name_in_commas_and_an_adverb() -> None:
    text = ("Die Wahl ist entschieden. Dies teilte der Vorsitzende der Kommission, Magdalena Chu, "
            "am Abend mit.")
    (att,) = _atts(text)
    assert att.rule == "de.verb.mitteilen"
    assert att.speaker.name == "der Vorsitzende der Kommission, Magdalena Chu"
    assert att.content is not None and att.content.text == "Die Wahl ist entschieden"


def test_demonstrative_object_is_never_the_speaker() -> None:
    text = "Der Beton ist marode. Dies gab heute – nach langen Tests – Professor Bernd Hillemeier bekannt."
    assert all(a.speaker.span is None or a.speaker.span.text != "Dies" for a in _atts(text))


def test_demonstrative_object_without_a_sentence_before_has_no_content() -> None:
    (att,) = _atts("Dies bestätigte Karl Huber am Abend.")
    assert att.speaker.name == "Karl Huber" and att.content is None


def test_demonstrative_object_does_not_reach_into_the_paragraph_before() -> None:
    (att,) = _atts("Die Partei schließt eine Koalition aus.\n\nDies bestätigte Karl Huber.")
    assert att.content is None


# --- speakers named earlier -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "pronoun", "name"), [
    ("Die Ministerin Anna Berger besuchte am Montag das Krankenhaus. Sie sagte, die Lage sei ernst.",
     "Sie", "Anna Berger"),
    ("Die Vorsitzende Eva Roth kam. Sie sagte, sie sei zufrieden.", "Sie", "Eva Roth"),
    ("Der Zeuge Max Bauer kam. Er sagte, er habe nichts gesehen.", "Er", "Max Bauer"),
    ("Die Lehrerin Eva Roth kam spät. Ihr zufolge war der Zug verspätet.", "Ihr", "Eva Roth"),
    ("Der Institutsleiter Paul Meier kam. Seiner Meinung nach ist der Plan gescheitert.",
     "Seiner Meinung", "Paul Meier"),
])
def test_pronoun_resolves_to_the_person_named_before(text: str, pronoun: str, name: str) -> None:
    (att,) = _atts(text)
    assert att.speaker.name == name
    assert att.speaker.span is not None and att.speaker.span.text == pronoun
    assert att.speaker.span.start > text.index(name)  # the pronoun, not the introduction


def test_person_named_by_role_keeps_the_role_as_written() -> None:
    (att,) = _atts("Die Ministerin Anna Berger kam. Sie sagte, die Lage sei ernst.")
    assert att.speaker.role == "Ministerin"


def test_role_noun_resolves_to_the_person_with_that_role() -> None:
    text = "Der Minister Karl Huber reiste nach Brüssel. Der Minister erklärte, man werde verhandeln."
    (att,) = _atts(text)
    assert att.speaker.name == "Karl Huber"
    assert att.speaker.span is not None and att.speaker.span.start == text.rindex("Der Minister")


def test_pronoun_gender_picks_the_fitting_person() -> None:
    text = ("Die Ministerin Anna Berger und der Botschafter Karl Huber trafen sich. "
            "Er sagte, man sei sich einig.")
    (att,) = _atts(text)
    assert att.speaker.name == "Karl Huber"


def test_pronoun_without_antecedent_stays_the_pronoun() -> None:
    (att,) = _atts("Ihr zufolge war der Zug verspätet.")
    assert att.speaker.name == "Ihr" and att.speaker.entity is None


# --- reported speech across sentences ---------------------------------------------------------

def test_konjunktiv_sentences_continue_the_speaker_within_the_paragraph() -> None:
    text = ("Die Polizei teilte mit, es habe keine Verletzten gegeben. Die Straße sei wieder frei. "
            "Es gebe keinen Grund zur Sorge.\n\nDer Verkehr läuft normal.")
    atts = _atts(text)
    assert [a.rule for a in atts] == ["de.verb.mitteilen", "de.continuation", "de.continuation"]
    assert all(a.speaker.name == "Die Polizei" for a in atts)
    assert [a.cue.text for a in atts[1:]] == ["sei", "gebe"]
    assert atts[1].content is not None and atts[1].content.text == "Die Straße sei wieder frei"
    assert all("Verkehr" not in a.text for a in atts)  # a new paragraph is the writer again


def test_indicative_sentence_ends_the_continuation() -> None:
    text = "Die Polizei teilte mit, es habe keine Verletzten gegeben. Die Straße ist wieder frei."
    assert [a.rule for a in _atts(text)] == ["de.verb.mitteilen"]


def test_direct_quotation_over_several_sentences_after_a_colon() -> None:
    text = "Der Bürgermeister Hans Vogel sagte: „Wir bauen die Brücke neu. Sie wird breiter.“ Dann ging er."
    (att,) = _atts(text)
    assert att.direct_quote
    assert att.content is not None and att.content.text == "„Wir bauen die Brücke neu. Sie wird breiter.“"


def test_next_quotation_continues_a_quoted_speaker() -> None:
    text = "„Wir sind bereit“, sagte der Trainer. „Die Mannschaft ist stark. Wir gewinnen.“ Danach ging er."
    first, more = _atts(text)
    assert first.rule == "de.verb.sagen"
    assert more.rule == "de.continuation" and more.direct_quote
    assert more.speaker.name == "der Trainer"
    assert more.content is not None and more.content.text == "„Die Mannschaft ist stark. Wir gewinnen.“"


def test_quotation_interrupted_by_its_frame() -> None:
    text = "„Wir haben“, sagte der Sprecher, „keine weiteren Informationen.“ Dann ging er."
    first, rest = _atts(text)
    assert first.content is not None and first.content.text == "„Wir haben“"
    assert rest.rule == "de.continuation" and rest.speaker.name == "der Sprecher"
    assert rest.content is not None and rest.content.text == "„keine weiteren Informationen.“"


def test_quotation_without_a_frame_before_it_is_not_continued() -> None:
    text = "Die Polizei teilte mit, es gebe Verletzte. „Das ist schlimm“, hieß es im Dorf."
    atts = _atts(text)
    assert not any(a.rule == "de.continuation" and a.direct_quote for a in atts)


# --- the pieces under the engine -------------------------------------------------------------

def test_verb_table_reads_separable_verbs_by_their_particle() -> None:
    gab = DE_VERBS["gab"]
    assert {"angeben", "bekanntgeben"} <= {cue.lemma for cue in gab}
    chosen_bekannt, chosen_an = choose_de(gab, "bekannt"), choose_de(gab, "an")
    assert chosen_bekannt is not None and chosen_bekannt.lemma == "bekanntgeben"
    assert chosen_an is not None and chosen_an.lemma == "angeben"
    # every form of a verb with principal parts: present, past, participle
    assert {"teilt", "teilte", "teilten", "mitgeteilt"} <= set(DE_VERBS)


def test_named_persons_read_role_and_name_both_ways() -> None:
    text = "Die Ministerin Anna Berger traf Karl Huber, den Botschafter des Landes."
    persons = find_named_persons(text)
    assert [(p.name, p.gender) for p in persons] == [("Anna Berger", "f"), ("Karl Huber", "m")]
    assert fitting(persons, len(text), "sie") == persons[0]
    assert fitting(persons, len(text), "er") == persons[1]
