"""German verbs of saying, thinking and publishing, with every form a cue can take.

Each line of ``_SPEC`` gives a verb by its principal parts: ``infinitive | 3rd person present |
3rd person past | past participle | class`` and, for separable verbs, the particle before the
infinitive (``mit|teilen``). The forms are derived from those parts:

- main clause: present and past, singular and plural ("teilt", "teilen", "teilte", "teilten"),
  with the particle closing the clause ("teilte … mit");
- subordinate clause and perfect: particle joined to the verb ("mitteilte", "mitgeteilt");

Classes (what the verb needs to count as a cue, see ``attribution.py``):

- ``clause``: a reported clause (comma, colon, quotation, "dass") or pre-posed position
  ("…, sagte sie");
- ``object``: also with a plain object ("forderte einen Waffenstillstand");
- ``think``: verbs of believing and expecting ("glaubt", "geht davon aus"), only with a
  "dass" clause, a comma clause in Konjunktiv, or a quotation;
- ``quote``: verbs of manner of speaking and others that mostly mean something else
  ("bemerkte das Feuer", "lachte", "widerspricht dem Grundsatz"): only next to a quotation
  ("»Still!«, zischte sie", "hub an: »…«");
- ``pub``: ``clause`` verbs that publish ("teilte mit", "berichtete", "meldete"): they can
  frame a press readout.

The list draws on the usual inventories of German *verba dicendi* (communication verbs in
valency dictionaries and in quotation-attribution research), written out here by us; older
spellings found in historical texts ("erwiederte", "sprach") are included.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    cls: str  # clause | object | think | quote | pub
    particles: tuple[str, ...] = ()  # one of these must close the clause (main-clause order)
    publication: bool = False


# infinitive | present 3sg | past 3sg | participle | class  ("-" = no such form needed)
_SPEC = """
sagen|sagt|sagte|gesagt|clause
erklären|erklärt|erklärte|erklärt|clause
betonen|betont|betonte|betont|clause
unterstreichen|unterstreicht|unterstrich|unterstrichen|clause
bekräftigen|bekräftigt|bekräftigte|bekräftigt|clause
bestätigen|bestätigt|bestätigte|bestätigt|clause
erwähnen|erwähnt|erwähnte|erwähnt|clause
behaupten|behauptet|behauptete|behauptet|clause
berichten|berichtet|berichtete|berichtet|pub
melden|meldet|meldete|gemeldet|pub
vermelden|vermeldet|vermeldete|vermeldet|pub
verlauten|verlautet|verlautete|verlautet|pub
nennen|nennt|nannte|-|object
schreiben|schreibt|schrieb|geschrieben|clause
versichern|versichert|versicherte|versichert|clause
beteuern|beteuert|beteuerte|beteuert|clause
erinnern|erinnert|erinnerte|erinnert|clause
an|merken|merkt|merkte|angemerkt|clause
antworten|antwortet|antwortete|geantwortet|clause
beantworten|beantwortet|beantwortete|beantwortet|object
entgegnen|entgegnet|entgegnete|entgegnet|clause
erwidern|erwidert|erwiderte|erwidert|clause
erwiedern|erwiedert|erwiederte|erwiedert|clause
versetzen|versetzt|versetzte|versetzt|clause
argumentieren|argumentiert|argumentierte|argumentiert|clause
verkünden|verkündet|verkündete|verkündet|pub
mit|teilen|teilt|teilte|mitgeteilt|pub
hinzu|fügen|fügt|fügte|hinzugefügt|clause
ergänzen|ergänzt|ergänzte|ergänzt|clause
hin|weisen|weist|wies|hingewiesen|clause
zurück|weisen|weist|wies|zurückgewiesen|object
hervor|heben|hebt|hob|hervorgehoben|clause
bekannt|geben|gibt|gab|bekanntgegeben|pub
an|geben|gibt|gab|angegeben|clause
zu|geben|gibt|gab|zugegeben|clause
an|kündigen|kündigt|kündigte|angekündigt|object
auf|rufen|ruft|rief|aufgerufen|object
rufen|ruft|rief|gerufen|clause
aus|rufen|ruft|rief|ausgerufen|clause
klar|stellen|stellt|stellte|klargestellt|clause
fest|stellen|stellt|stellte|festgestellt|clause
ein|räumen|räumt|räumte|eingeräumt|clause
aufmerksam|machen|macht|machte|aufmerksam gemacht|clause
fordern|fordert|forderte|gefordert|object
verlangen|verlangt|verlangte|verlangt|object
warnen|warnt|warnte|gewarnt|object
mahnen|mahnt|mahnte|gemahnt|object
kritisieren|kritisiert|kritisierte|kritisiert|object
bemängeln|bemängelt|bemängelte|bemängelt|object
beanstanden|beanstandet|beanstandete|beanstandet|object
monieren|moniert|monierte|moniert|object
rügen|rügt|rügte|gerügt|object
beklagen|beklagt|beklagte|beklagt|object
klagen|klagt|klagte|geklagt|clause
an|prangern|prangert|prangerte|angeprangert|object
begrüßen|begrüßt|begrüßte|begrüßt|object
loben|lobt|lobte|gelobt|object
würdigen|würdigt|würdigte|gewürdigt|object
bestreiten|bestreitet|bestritt|bestritten|object
dementieren|dementiert|dementierte|dementiert|object
leugnen|leugnet|leugnete|geleugnet|object
äußern|äußert|äußerte|geäußert|object
drohen|droht|drohte|gedroht|object
an|drohen|droht|drohte|angedroht|object
appellieren|appelliert|appellierte|appelliert|object
beschuldigen|beschuldigt|beschuldigte|beschuldigt|object
vor|werfen|wirft|warf|vorgeworfen|object
bezeichnen|bezeichnet|bezeichnete|bezeichnet|object
kommentieren|kommentiert|kommentierte|kommentiert|object
begründen|begründet|begründete|begründet|object
erzählen|erzählt|erzählte|erzählt|clause
schildern|schildert|schilderte|geschildert|object
beschreiben|beschreibt|beschrieb|beschrieben|object
dar|legen|legt|legte|dargelegt|clause
aus|führen|führt|führte|ausgeführt|clause
erläutern|erläutert|erläuterte|erläutert|clause
zitieren|zitiert|zitierte|zitiert|clause
versprechen|verspricht|versprach|versprochen|object
zu|sichern|sichert|sicherte|zugesichert|object
vor|schlagen|schlägt|schlug|vorgeschlagen|object
empfehlen|empfiehlt|empfahl|empfohlen|object
raten|rät|riet|-|clause
an|regen|regt|regte|angeregt|object
plädieren|plädiert|plädierte|plädiert|object
fragen|fragt|fragte|gefragt|clause
bitten|bittet|bat|gebeten|object
ein|wenden|wendet|wandte|eingewandt|clause
verweisen|verweist|verwies|verwiesen|object
beharren|beharrt|beharrte|beharrt|object
bekennen|bekennt|bekannte|-|clause
gestehen|gesteht|gestand|gestanden|clause
verraten|verrät|verriet|verraten|clause
enthüllen|enthüllt|enthüllte|enthüllt|clause
signalisieren|signalisiert|signalisierte|signalisiert|object
an|deuten|deutet|deutete|angedeutet|clause
prognostizieren|prognostiziert|prognostizierte|prognostiziert|object
voraus|sagen|sagt|sagte|vorausgesagt|object
vorher|sagen|sagt|sagte|vorhergesagt|object
rechtfertigen|rechtfertigt|rechtfertigte|gerechtfertigt|object
folgern|folgert|folgerte|gefolgert|clause
bilanzieren|bilanziert|bilanzierte|bilanziert|clause
resümieren|resümiert|resümierte|resümiert|clause
präzisieren|präzisiert|präzisierte|präzisiert|clause
verdeutlichen|verdeutlicht|verdeutlichte|verdeutlicht|clause
twittern|twittert|twitterte|getwittert|clause
skandieren|skandiert|skandierte|skandiert|object
schreien|schreit|schrie|geschrien|clause
flüstern|flüstert|flüsterte|geflüstert|clause
murmeln|murmelt|murmelte|gemurmelt|clause
seufzen|seufzt|seufzte|geseufzt|clause
sprechen|spricht|sprach|gesprochen|clause
aus|sprechen|spricht|sprach|ausgesprochen|object
fort|fahren|fährt|fuhr|fortgefahren|clause
bemerken|bemerkt|bemerkte|bemerkt|quote
an|heben|hebt|hub|angehoben|quote
ein|werfen|wirft|warf|eingeworfen|clause
ein|fallen|fällt|fiel|eingefallen|quote
zu|rufen|ruft|rief|zugerufen|clause
nach|rufen|ruft|rief|nachgerufen|quote
wiederholen|wiederholt|wiederholte|wiederholt|quote
widersprechen|widerspricht|widersprach|widersprochen|quote
befehlen|befiehlt|befahl|befohlen|clause
gebieten|gebietet|gebot|geboten|quote
lachen|lacht|lachte|gelacht|quote
brummen|brummt|brummte|gebrummt|quote
knurren|knurrt|knurrte|geknurrt|quote
stammeln|stammelt|stammelte|gestammelt|quote
stottern|stottert|stotterte|gestottert|quote
flehen|fleht|flehte|gefleht|quote
jammern|jammert|jammerte|gejammert|quote
schluchzen|schluchzt|schluchzte|geschluchzt|quote
keuchen|keucht|keuchte|gekeucht|quote
zischen|zischt|zischte|gezischt|quote
kreischen|kreischt|kreischte|gekreischt|quote
jubeln|jubelt|jubelte|gejubelt|quote
schimpfen|schimpft|schimpfte|geschimpft|quote
fluchen|flucht|fluchte|geflucht|quote
spotten|spottet|spottete|gespottet|quote
höhnen|höhnt|höhnte|gehöhnt|quote
scherzen|scherzt|scherzte|gescherzt|quote
raunen|raunt|raunte|geraunt|quote
hauchen|haucht|hauchte|gehaucht|quote
wispern|wispert|wisperte|gewispert|quote
brüllen|brüllt|brüllte|gebrüllt|quote
beichten|beichtet|beichtete|gebeichtet|clause
ermahnen|ermahnt|ermahnte|ermahnt|clause
telegraphieren|telegraphiert|telegraphierte|telegraphiert|pub
telegrafieren|telegrafiert|telegrafierte|telegrafiert|pub
überlegen|überlegt|überlegte|überlegt|think
ahnen|ahnt|ahnte|geahnt|think
wähnen|wähnt|wähnte|gewähnt|think
sinnen|sinnt|sann|gesonnen|think
meinen|meint|meinte|gemeint|think
glauben|glaubt|glaubte|geglaubt|think
denken|denkt|dachte|gedacht|think
hoffen|hofft|hoffte|gehofft|think
befürchten|befürchtet|befürchtete|befürchtet|think
fürchten|fürchtet|fürchtete|gefürchtet|think
vermuten|vermutet|vermutete|vermutet|think
erwarten|erwartet|erwartete|erwartet|think
schätzen|schätzt|schätzte|geschätzt|think
bezweifeln|bezweifelt|bezweifelte|bezweifelt|think
an|nehmen|nimmt|nahm|angenommen|think
aus|gehen|geht|ging|ausgegangen|think
überzeugen|überzeugt|überzeugte|überzeugt|think
spekulieren|spekuliert|spekulierte|spekuliert|think
mutmaßen|mutmaßt|mutmaßte|gemutmaßt|think
beschließen|beschließt|beschloss|beschlossen|think
urteilen|urteilt|urteilte|geurteilt|think
"""

# finite forms that are far more often something else ("meinen Sohn", "Wissen"); a capitalised
# form inside a sentence is a noun anyway (checked where cues are examined)
_NOT_VERBS = frozenset({"meinen", "wissen", "glauben"})


def _stem(infinitive: str) -> str:
    if infinitive.endswith("en"):
        return infinitive[:-2]
    return infinitive[:-1]  # "erinnern", "äußern" -> "erinner", "äußer"


def _past_plural(past: str) -> str:
    return past + ("n" if past.endswith("e") else "en")


def _parse() -> dict[str, tuple[VerbForm, ...]]:
    table: dict[str, list[VerbForm]] = {}

    def put(form: str, verb: VerbForm) -> None:
        if form in _NOT_VERBS:
            return
        have = table.setdefault(form, [])
        if verb not in have:
            have.append(verb)

    for line in _SPEC.strip().splitlines():
        parts = line.split("|")
        particle = parts.pop(0) if len(parts) == 6 else ""
        inf, pres, past, part, cls = parts
        lemma = "aufmerksam machen" if particle == "aufmerksam" else particle + inf
        publication = cls == "pub"
        kind = "clause" if publication else cls
        plural = inf if inf.endswith("en") else _stem(inf) + "n"
        finite = [pres, plural, past, _past_plural(past)]
        if particle:
            main = VerbForm(lemma, kind, (particle,), publication)
            joined = VerbForm(lemma, kind, (), publication)
            for f in finite:
                put(f, main)
            if particle.isalpha() and particle != "aufmerksam":
                for f in finite:
                    put(particle + f, joined)
            if " " not in part:
                put(part, joined)
        else:
            verb = VerbForm(lemma, kind, (), publication)
            for f in finite:
                put(f, verb)
            if part != "-":
                put(part, verb)
    return {form: tuple(verbs) for form, verbs in table.items()}


DE_VERB_FORMS: dict[str, tuple[VerbForm, ...]] = _parse()

