"""Synthetic, fully annotated articles for the PDF benchmark, tests and layout checks.

Nothing here is shipped content: the text is generated from a few of our own sentences, and the
annotations are placed by simple rules so every card kind and mark appears.
"""

from __future__ import annotations

import re

from reader.core.analysis.model import (
    Analysis,
    Attribution,
    Balance,
    Flag,
    Mention,
    Span,
    Speaker,
    Unattributed,
)
from reader.core.knowledge.model import Entry, Fact, KnowledgeBase, PackInfo, Source
from reader.core.models import Article
from reader.core.notes import COLORS, Note

SENTENCES = [
    "Ilham Aliyev sagte am Mittwoch, die Verhandlungen in Minsk seien gescheitert.",
    "Die Regierung in Jerewan erklärte, die Öffentlichkeit müsse über den Lachin-Korridor informiert werden.",
    "Nach Angaben der OSZE wurden keine neuen Zwischenfälle gemeldet.",
    "Armenische Streitkräfte hätten zivile Siedlungen angegriffen, was zu Opfern führte.",
    "Die sogenannte Anti-Terror-Maßnahme dauerte nach offiziellen Angaben zwei Tage.",
    "Beobachter in Stepanakert berichteten von langen Schlangen vor den Geschäften.",
    "Der Sprecher des russischen Außenministeriums, Мария Захарова, rief zur Zurückhaltung auf.",
    "Die Resolution 822 des UN-Sicherheitsrates forderte 1993 den Abzug der Truppen aus Kəlbəcər.",
    "Վաղարշապատ liegt westlich von Jerewan und wurde in dem Bericht mehrfach erwähnt.",
    "Die öffentliche Debatte über die Waffenruhe blieb auch in Baku und Jerewan angespannt.",
]

SPEAKERS = {
    "Ilham Aliyev": ("AZ", "government", "President of Azerbaijan"),
    "Die Regierung in Jerewan": ("AM", "government", ""),
    "OSZE": ("INT", "international_organisation", ""),
    "Мария Захарова": ("RU", "government", "spokesperson"),
}
CUES = ("sagte", "erklärte", "Nach Angaben", "rief")


def demo_kb() -> KnowledgeBase:
    src = Source("s1", "Resolution 822 (1993)", "UN Security Council", symbol="S/RES/822 (1993)", date="1993-04-30")
    src2 = Source("s2", "Statement on the Lachin corridor", "ICRC", url="https://example.org/icrc", date="2023-02-01")
    entries = {
        "unsc-822": Entry(
            id="unsc-822", type="resolution", side="INT", pack="demo", path="",
            names={"de": ["Resolution 822 des UN-Sicherheitsrates"], "en": ["UNSC Resolution 822"]},
            summary={"de": "Im April 1993 angenommen; verlangte den Abzug aus Kəlbəcər.",
                     "en": "Adopted April 1993; demanded withdrawal from Kalbajar."},
            sources=[src],
            facts=[Fact("1993-04-30", "The Council demanded the withdrawal of occupying forces from Kalbajar.", ("s1",)),
                   Fact("1993-04-30", "It did not name the forces concerned.", ("s1",))],
        ),
        "lachin-corridor": Entry(
            id="lachin-corridor", type="place", side="general", pack="demo", path="",
            names={"de": ["Lachin-Korridor"], "en": ["Lachin corridor"]},
            summary={"de": "Straße zwischen Armenien und Karabach.", "en": "Road linking Armenia and Karabakh."},
            sources=[src2], status="disputed",
            facts=[Fact("2022-12-12", "Traffic on the road was blocked for months.", ("s2",))],
        ),
        "minsk-group": Entry(
            id="minsk-group", type="organisation", side="INT", pack="demo", path="",
            names={"de": ["Minsk-Gruppe"], "en": ["OSCE Minsk Group"]},
            summary={"de": "Vermittlergruppe der OSZE.", "en": "OSCE mediation format."},
            sources=[Source("s1", "Helsinki Additional Meeting", "OSCE", symbol="CSCE 1992", date="1992-03-24")],
            facts=[Fact("1992-03-24", "The CSCE set up the mediation format.", ("s1",))],
        ),
        "outlet-demo": Entry(
            id="outlet-demo", type="outlet", side="IND", pack="demo", path="",
            names={"en": ["Demo Wire"]}, sources=[], ownership="Fictitious wire service used for tests",
        ),
    }
    return KnowledgeBase(entries=entries, packs=[PackInfo("demo", "1")])


def demo_text(words: int) -> str:
    paras: list[str] = []
    count = 0
    i = 0
    while count < words:
        para = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
        paras.append(para)
        count += len(para.split())
        i += 3
    return "\n\n".join(paras)


def demo_analysis(text: str, title: str) -> Analysis:
    a = Analysis(language="de", title=title, text=text)
    n = 0
    for name, (side, kind, role) in SPEAKERS.items():
        for m in re.finditer(re.escape(name), text):
            sent_end = text.find(".", m.end())
            cue = next((c for c in CUES if c in text[m.start() - 20:sent_end]), "sagte")
            cpos = text.find(cue, max(0, m.start() - 20))
            if cpos < 0:
                continue
            n += 1
            a.attributions.append(Attribution(
                key=f"a{n}", start=m.start(), end=sent_end, text=text[m.start():sent_end], paragraph=0,
                rule="demo", cue=Span(cpos, cpos + len(cue), cue),
                speaker=Speaker(name=name, span=Span(m.start(), m.end(), name), kind=kind, side=side, role=role),
            ))
    for m in re.finditer(r"Armenische Streitkräfte hätten[^.]*\.", text):
        n += 1
        a.unattributed.append(Unattributed(f"u{n}", m.start(), m.end(), m.group(), 0, "demo",
                                           "Accuses a side of attacks on civilians without naming a source."))
    for entity, pattern in (("unsc-822", "Resolution 822 des UN-Sicherheitsrates"),
                            ("lachin-corridor", "Lachin-Korridor"), ("minsk-group", "Minsk")):
        for m in re.finditer(re.escape(pattern), text):
            n += 1
            a.mentions.append(Mention(f"m{n}", m.start(), m.end(), m.group(), 0, "demo", entity))
    for m in re.finditer(r"sogenannte Anti-Terror-Maßnahme", text):
        n += 1
        a.flags.append(Flag(f"f{n}", m.start(), m.end(), m.group(), 0, "demo", "euphemism", "AZ",
                            "Presents a military offensive as a police action.",
                            "Militäroffensive vom 19./20. September 2023", entry="de-anti-terror"))
    for m in re.finditer(r"Zwischenfälle", text):
        n += 1
        a.flags.append(Flag(f"f{n}", m.start(), m.end(), m.group(), 0, "demo", "exaggeration", "general",
                            "A vague word that hides who did what.", "Schusswechsel", entry="de-incidents",
                            severity="low"))
    by_side: dict[str, int] = {}
    for att in a.attributions:
        by_side[att.speaker.side] = by_side.get(att.speaker.side, 0) + 1
    a.balance = Balance(statements=len(a.attributions), by_side=by_side,
                        unattributed=len(a.unattributed), flags=len(a.flags),
                        summary=f"{len(a.attributions)} statements: "
                        + ", ".join(f"{v} {k}" for k, v in sorted(by_side.items()))
                        + f"; {len(a.unattributed)} unattributed claims.")
    return a


def demo_notes(article_id: int, text: str, count: int) -> list[Note]:
    """``count`` highlights spread over the text, every other one with a note."""
    words = [m for m in re.finditer(r"\w{6,}(?:\s+\w+){2}", text)]
    notes: list[Note] = []
    if not words or count <= 0:
        return notes
    step = max(1, len(words) // count)
    colors = list(COLORS)
    for i in range(count):
        m = words[min(len(words) - 1, i * step)]
        body = f"Note {i + 1}: check this against the Minsk record and the **ICRC** statement." if i % 2 == 0 else ""
        notes.append(Note(
            id=i + 1, article_id=article_id, kind="highlight", start=m.start(), end=m.end(),
            quote=m.group(), prefix=text[max(0, m.start() - 32):m.start()], suffix=text[m.end():m.end() + 32],
            color=colors[i % len(colors)], body=body, status="attached",
            created_at="2026-11-22T00:00:00+00:00", updated_at="2026-11-22T00:00:00+00:00",
        ))
    return notes


def demo_article(article_id: int = 1, words: int = 2000, title: str = "Gespräche über Karabach: Öffentlichkeit wartet auf Ergebnisse") -> Article:
    text = demo_text(words)
    return Article(
        id=article_id, title=title, text=text, language="de", outlet="Demo Wire", author="",
        url=f"https://example.org/demo/{article_id}", published="2023-09-20", dateline="BAKU",
        original="", source_path="", content_hash=f"demo{article_id}", imported_at="2026-11-22",
        read_count=None, bookmarked=False, opened_at="",
    )
