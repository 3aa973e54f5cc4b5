"""Knowledge-pack and lexicon loading, validation and rendering (reader.core.knowledge)."""

from __future__ import annotations

from pathlib import Path

from reader.core.knowledge.loader import load_knowledge
from reader.core.knowledge.model import Problem
from reader.core.knowledge.render import entry_html, entry_text
from reader.core.knowledge.validate import check_packs

REAL_RESOURCES = Path(__file__).resolve().parent.parent / "resources"

PACK_YAML = "id: {id}\ntitle: Test pack\nversion: '{version}'\nlanguage: [de, en]\n"

RESOLUTION = """\
---
id: unsc-822
type: resolution
names:
  en: [UN Security Council Resolution 822, Resolution 822]
  de: [Resolution 822 des UN-Sicherheitsrates, Resolution 822]
side: INT
status: confirmed
summary:
  en: Adopted on 30 April 1993 after the Kalbajar offensive.
  de: Am 30. April 1993 nach der Kalbadschar-Offensive angenommen.
sources:
  - id: s1
    title: Resolution 822 (1993)
    publisher: UN Security Council
    symbol: S/RES/822 (1993)
    url: https://undocs.org/S/RES/822(1993)
    date: 1993-04-30
  - id: s2
    title: Report
    publisher: Example
    url: https://example.org/report
---
- **1993-04-30** — The Council demanded a withdrawal from **Kalbajar**. [s1]
- **1992–1994** — Two figures: 10 [s1]; 20 [s2]; range 10–20.
"""

PERSON = """\
---
id: ilham-aliyev
type: person
names:
  en: [Ilham Aliyev, Aliyev]
  de: [Ilham Alijew, Alijew]
roles:
  de: [Präsident Aserbaidschans]
  en: [President of Azerbaijan]
side: AZ
kind: government
term: {from: 2003-10-31, to: null}
summary:
  en: President of Azerbaijan since 2003.
  de: Seit 2003 Präsident Aserbaidschans.
sources:
  - id: s1
    title: President of Azerbaijan
    publisher: Example encyclopaedia
    url: https://example.org/president
    date: 2024
---
- **2003-10-31** — Took office. [s1]
"""

PLACE = """\
---
id: kalbajar
type: place
names:
  en: [Kalbajar]
  de: [Kalbadschar]
side: general
summary:
  en: A district west of Karabakh.
  de: Ein Bezirk westlich von Karabach.
---
"""

LEXICON_DE = """\
id: lexicon-de
version: 2026.11.1
language: de
entries:
  - id: de-anti-terror
    forms: [Anti-Terror-Maßnahme*, Antiterroroperation*]
    category: euphemism
    side: AZ
    rule: always
    explanation: Government label for a military offensive.
    alternative: Militäroffensive
    mirror: [de-befreiungskampf]

  - id: de-befreiungskampf
    forms: [Befreiungskampf*]
    category: loaded_label
    side: AM
    rule: narrator
    explanation: Casts one side's armed struggle as liberation.
    alternative: bewaffneter Konflikt
    mirror: [de-anti-terror]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_pack(root: Path, pack: str, entries: dict[str, str], version: str = "1.0") -> Path:
    folder = root / pack
    write(folder / "pack.yaml", PACK_YAML.format(id=pack, version=version))
    for name, text in entries.items():
        write(folder / f"{name}.md", text)
    return folder


def make_resources(tmp_path: Path) -> Path:
    resources = tmp_path / "resources"
    make_pack(resources / "knowledge", "conflict", {"unsc-822": RESOLUTION, "ilham-aliyev": PERSON})
    make_pack(resources / "knowledge", "general", {"kalbajar": PLACE}, version="2.0")
    write(resources / "lexicon" / "de.yaml", LEXICON_DE)
    return resources


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def find(problems: list[Problem], fragment: str) -> Problem:
    matches = [p for p in problems if fragment in p.message]
    assert matches, f"no problem mentioning {fragment!r} in {[str(p) for p in problems]}"
    return matches[0]


# --- loading -----------------------------------------------------------------------------------


def test_loads_entries_facts_terms_and_versions(tmp_path: Path) -> None:
    kb = load_knowledge(make_resources(tmp_path))

    assert kb.warnings == []
    assert sorted(kb.entries) == ["ilham-aliyev", "kalbajar", "unsc-822"]
    resolution = kb.entries["unsc-822"]
    assert resolution.pack == "conflict"
    assert resolution.name("de") == "Resolution 822 des UN-Sicherheitsrates"
    assert resolution.sources[0].date == "1993-04-30"  # stays text, not a date object
    assert resolution.sources[0].cite() == (
        "UN Security Council, Resolution 822 (1993), S/RES/822 (1993), 1993-04-30")
    first, second = resolution.facts
    assert first.date == "1993-04-30"
    assert first.text == "The Council demanded a withdrawal from **Kalbajar**."
    assert first.source_ids == ("s1",)
    assert second.date == "1992–1994"
    assert second.source_ids == ("s1", "s2")
    assert "[s" not in second.text and second.text.startswith("Two figures: 10; 20;")

    person = kb.entries["ilham-aliyev"]
    assert (person.term_from, person.term_to) == ("2003-10-31", "")
    assert person.roles["de"] == ["Präsident Aserbaidschans"]
    assert person.sources[0].date == "2024"
    assert kb.versions() == "conflict@1.0;general@2.0;lexicon-de@2026.11.1"


def test_lexicon_entries_carry_their_yaml_line(tmp_path: Path) -> None:
    kb = load_knowledge(make_resources(tmp_path))

    entries = {e.id: e for e in kb.lexicon_for("de")}
    assert entries["de-anti-terror"].line == 5
    assert entries["de-befreiungskampf"].line == 14
    assert entries["de-anti-terror"].forms == ["Anti-Terror-Maßnahme*", "Antiterroroperation*"]
    assert entries["de-anti-terror"].mirror == ["de-befreiungskampf"]
    assert entries["de-anti-terror"].pack == "lexicon-de"
    lines = (tmp_path / "resources" / "lexicon" / "de.yaml").read_text().splitlines()
    assert lines[entries["de-befreiungskampf"].line - 1].strip() == "- id: de-befreiungskampf"


def test_user_pack_overrides_bundled_entry_and_adds_new_ones(tmp_path: Path) -> None:
    resources = make_resources(tmp_path)
    user = tmp_path / "user"
    override = RESOLUTION.replace("Adopted on 30 April 1993", "USER VERSION, adopted 1993")
    extra = PLACE.replace("kalbajar", "aghdam").replace("Kalbajar", "Aghdam").replace("Kalbadschar", "Agdam")
    make_pack(user, "mine", {"unsc-822": override, "aghdam": extra})
    user_lexicon = tmp_path / "user-lexicon"
    write(user_lexicon / "de.yaml", LEXICON_DE.replace(
        "Government label for a military offensive.", "My own explanation."))

    kb = load_knowledge(resources, user, user_lexicon)

    # user content is reported in full (the place has no source), but nothing was skipped
    assert [w.message for w in kb.warnings] == ["no sources: give at least one under 'sources'"]
    assert kb.entries["unsc-822"].summary["en"].startswith("USER VERSION")
    assert kb.entries["unsc-822"].pack == "mine"
    assert kb.entries["aghdam"].name("en") == "Aghdam"
    assert "ilham-aliyev" in kb.entries and "kalbajar" in kb.entries
    de = kb.lexicon_for("de")
    assert [e.id for e in de].count("de-anti-terror") == 1
    assert next(e for e in de if e.id == "de-anti-terror").explanation == "My own explanation."
    assert any(p.id == "mine" and p.user for p in kb.packs)


def test_broken_user_pack_is_skipped_with_warning_rest_loads(tmp_path: Path) -> None:
    resources = make_resources(tmp_path)
    user = tmp_path / "user"
    broken_yaml = "---\nid: broken-one\ntype: event\nnames: [unclosed\nside: AM\n---\n"
    no_type = PLACE.replace("kalbajar", "shusha").replace("type: place\n", "")
    good = PLACE.replace("kalbajar", "lachin").replace("Kalbajar", "Lachin").replace("Kalbadschar", "Latschin")
    folder = make_pack(user, "mine", {"broken-one": broken_yaml, "shusha": no_type, "lachin": good})
    write(user / "no-pack-file" / "x.md", PLACE)
    user_lexicon = tmp_path / "user-lexicon"
    write(user_lexicon / "en.yaml", "id: mine\nversion: 1\nlanguage: en\nentries:\n"
          "  - id: en-bad\n    forms: [so-called]\n    category: nonsense\n    side: AZ\n"
          "    rule: always\n    explanation: x\n"
          "  - id: en-good\n    forms: [so-called]\n    category: delegitimising\n    side: general\n"
          "    rule: info\n    explanation: Signals doubt.\n")

    kb = load_knowledge(resources, user, user_lexicon)

    assert "lachin" in kb.entries and "unsc-822" in kb.entries
    assert "broken-one" not in kb.entries and "shusha" not in kb.entries
    assert [e.id for e in kb.lexicon_for("en")] == ["en-good"]
    assert kb.warnings and all(w.severity == "warning" for w in kb.warnings)
    broken = [w for w in kb.warnings if w.path == str(folder / "broken-one.md")]
    assert broken and all(w.line == 5 for w in broken)  # the YAML parser stops at line 5
    assert any("skipped" in w.message for w in broken)
    shusha = [w for w in kb.warnings if w.path == str(folder / "shusha.md")]
    assert any("'type'" in w.message and "skipped" in w.message for w in shusha)
    bad_lex = [w for w in kb.warnings if w.path == str(user_lexicon / "en.yaml")]
    assert any(w.line == 7 and "nonsense" in w.message for w in bad_lex)
    assert any("no pack.yaml" in w.message for w in kb.warnings)


def test_broken_bundled_pack_yaml_still_loads_entries(tmp_path: Path) -> None:
    resources = make_resources(tmp_path)
    write(resources / "knowledge" / "general" / "pack.yaml", "id: general\ntitle: A: B\nversion: 1\n")

    kb = load_knowledge(resources)

    assert "kalbajar" in kb.entries
    assert kb.warnings[0].line == 2 and kb.warnings[0].path.endswith("pack.yaml")
    assert "general@0" in kb.versions()


def test_yaml_scalars_stay_text(tmp_path: Path) -> None:
    resources = make_resources(tmp_path)
    write(resources / "lexicon" / "en.yaml", "id: lexicon-en\nversion: 2026.11.1\nlanguage: en\n"
          "entries:\n  - id: en-no\n    forms: [no, 'yes']\n    category: naming\n    side: general\n"
          "    rule: info\n    explanation: test\n")

    kb = load_knowledge(resources)

    assert kb.lexicon_for("en")[0].forms == ["no", "yes"]
    assert "lexicon-en@2026.11.1" in kb.versions()


# --- validation --------------------------------------------------------------------------------

BROKEN_ENTRY = """\
---
id: bad-event
type: event
names:
  en: [Bad event]
side: XX
colour: red
status: maybe
summary:
  en: Something happened.
claim_patterns:
  en: ['(unclosed']
sources:
  - id: s1
    title: Nothing to find
    publisher: Nobody
---
- **2020-09-27** — The first fact cites a missing source. [s3]
- A fact without any date. [s1]
- **sometime** — A fact with a bad date. [s1]
"""


def test_validation_points_at_file_and_line(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, "broken", {"bad-event": BROKEN_ENTRY})
    path = str(folder / "bad-event.md")

    problems = check_packs(folder)

    assert all(p.path == path for p in problems)
    assert find(problems, "unknown side 'XX'").line == 6
    assert find(problems, "unknown key 'colour'").line == 7
    assert "allowed for event" in find(problems, "unknown key 'colour'").message
    assert find(problems, "unknown status 'maybe'").line == 8
    assert find(problems, "invalid regular expression").line == 12
    assert find(problems, "neither url nor symbol").line == 14
    assert find(problems, "[s3]").line == 18
    assert find(problems, "without a date").line == 19
    assert find(problems, "'sometime'").line == 20
    assert find(problems, "no summary in language 'de'").severity == "warning"
    assert all(p.severity == "error" for p in problems if "unknown" in p.message)


def test_yaml_syntax_error_line_and_missing_keys(tmp_path: Path) -> None:
    bad_yaml = "---\nid: x\ntype: event\nnames:\n  en: [A, B\nside: AM\n---\n"
    missing = "---\nid: no-sources\ntype: event\nnames:\n  en: [No sources]\nside: AM\n---\n"
    no_front = "Just text.\n"
    folder = make_pack(tmp_path, "p", {"x": bad_yaml, "no-sources": missing, "no-front": no_front})

    problems = check_packs(folder)

    syntax = [p for p in problems if p.path.endswith("x.md")]
    assert len(syntax) == 1 and syntax[0].line == 6 and "invalid YAML" in syntax[0].message
    no_sources = [p for p in problems if p.path.endswith("no-sources.md")]
    assert find(no_sources, "missing required key 'summary'").line == 2
    assert find(no_sources, "no sources").severity == "error"
    assert find(problems, "no front matter").line == 1


def test_place_without_source_is_only_a_warning(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, "p", {"kalbajar": PLACE})
    problems = check_packs(folder)
    assert errors(problems) == []
    assert find(problems, "no sources").severity == "warning"


def test_clean_fixture_has_no_errors(tmp_path: Path) -> None:
    problems = check_packs(make_resources(tmp_path))
    assert errors(problems) == [], [str(p) for p in problems]


def test_duplicate_aliases_and_ids_across_packs(tmp_path: Path) -> None:
    resources = make_resources(tmp_path)
    # A second entry using "Resolution 822" (de) as an alias, another using a role as a name,
    # and a third with an id that already exists in another pack.
    clash = RESOLUTION.replace("id: unsc-822", "id: unsc-822-copy").replace(
        "  de: [Resolution 822 des UN-Sicherheitsrates, Resolution 822]",
        "  de: [Kopie, RESOLUTION  822]")
    role_clash = PLACE.replace("kalbajar", "office").replace("[Kalbajar]", "[President of Azerbaijan]")
    duplicate = PLACE
    make_pack(resources / "knowledge", "extra",
              {"unsc-822-copy": clash, "office": role_clash, "kalbajar": duplicate})

    problems = check_packs(resources)
    extra = resources / "knowledge" / "extra"

    alias = find(problems, "'RESOLUTION  822' (de)")
    assert alias.severity == "error" and alias.path == str(extra / "unsc-822-copy.md") and alias.line == 6
    assert "unsc-822" in alias.message
    role = find(problems, "is a role of 'ilham-aliyev'")
    assert role.severity == "warning" and role.path == str(extra / "office.md") and role.line == 5
    dup = find(problems, "duplicate id 'kalbajar'")
    assert dup.severity == "error" and dup.line == 2
    # English "Resolution 822" is on the copy too, but the same form in another language is fine
    assert not any("'Resolution 822' (de)" in p.message and "unsc-822-copy" in p.path and "en" in p.message
                   for p in problems)


def test_user_override_is_not_a_duplicate(tmp_path: Path) -> None:
    resources = make_resources(tmp_path)
    user = tmp_path / "user"
    make_pack(user, "mine", {"unsc-822": RESOLUTION})

    problems = check_packs(resources, user_roots=[user])

    assert errors(problems) == [], [str(p) for p in problems]
    assert any("duplicate id" in p.message for p in check_packs([resources, user]))


BROKEN_LEXICON = """\
id: lexicon-en
version: 1
language: en
entries:
  - id: en-one
    forms: [so-called, 'terror* attack', '', '*']
    category: delegitimising
    side: WEST
    rule: sometimes
    explanation: Doubt.
    mirror: [en-missing]
  - id: en-two
    forms: [So-Called]
    category: delegitimising
    side: AM
    rule: always
    explanation: Doubt.
    alternative: none
    extra: 1
  - id: en-one
    forms: [occupiers]
    category: bad_category
    side: AZ
    rule: always
    explanation: x
"""


def test_lexicon_validation_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "en.yaml", BROKEN_LEXICON)

    problems = check_packs(path)

    assert find(problems, "'terror* attack'").line == 6
    assert find(problems, "empty form").line == 6
    assert find(problems, "unknown rule 'sometimes'").line == 9
    assert find(problems, "mirror id 'en-missing'").line == 11
    assert find(problems, "unknown key 'extra'").line == 19
    assert find(problems, "duplicate lexicon id 'en-one'").line == 20
    assert find(problems, "unknown category 'bad_category'").line == 22
    same_form = find(problems, "form 'So-Called' is also a form of lexicon entry 'en-one'")
    assert same_form.severity == "warning" and same_form.line == 13


def test_check_missing_path_is_a_problem(tmp_path: Path) -> None:
    problems = check_packs(tmp_path / "nope")
    assert len(problems) == 1 and "no such file" in problems[0].message


# --- rendering ---------------------------------------------------------------------------------

HOSTILE = RESOLUTION.replace(
    "The Council demanded a withdrawal from **Kalbajar**.",
    "Attack <script>alert('x')</script> & <b onclick=\"steal()\">bold</b> [link](javascript:alert(1))",
).replace("status: confirmed", "status: disputed").replace(
    "title: Report", "title: \"<img src=x onerror=alert(1)>\"")


def test_entry_html_escapes_raw_html_and_marks_status(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "resources" / "knowledge", "p", {"unsc-822": HOSTILE})
    kb = load_knowledge(folder.parent.parent)
    entry = kb.entries["unsc-822"]

    page = entry_html(entry, "en")

    assert "<script" not in page
    assert "<b onclick" not in page
    assert "javascript:" not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page  # shown as text, not dropped
    assert "&amp;" in page
    assert "DISPUTED" in page and "kb-status-disputed" in page
    assert "S/RES/822 (1993)" in page and "UN Security Council" in page and "1993-04-30" in page
    assert 'href="https://undocs.org/S/RES/822(1993)"' in page
    assert "<b>1993-04-30</b>" in page


def test_entry_html_renders_markdown_and_german(tmp_path: Path) -> None:
    kb = load_knowledge(make_resources(tmp_path))
    page = entry_html(kb.entries["unsc-822"], "de")
    assert "<strong>Kalbajar</strong>" in page
    assert "Resolution 822 des UN-Sicherheitsrates" in page
    assert "Seite" in page and "bestätigt" in page
    assert page.count('class="kb-fact"') == 2


def test_entry_text_lists_facts_and_sources(tmp_path: Path) -> None:
    kb = load_knowledge(make_resources(tmp_path))
    text = entry_text(kb.entries["ilham-aliyev"], "en")
    assert text.splitlines()[0] == "Ilham Aliyev  [ilham-aliyev]"
    assert "In office: 2003-10-31 – present" in text
    assert "- 2003-10-31 — Took office. [s1]" in text
    assert "[s1] Example encyclopaedia, President of Azerbaijan, https://example.org/president, 2024" in text
