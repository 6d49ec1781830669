"""The data model of the knowledge base: one pydantic model for each kind of data file.

Models are strict and immutable: unknown fields are refused, text is never coerced from
numbers, and nothing here reads files. Field descriptions end up in the JSON Schemas that
editors use while a coordinator types (see `zorgtoolbox schema`).

Provenance. Every record belongs to one source document (`document`, with the `section`
it comes from) and every statement in it has a *basis*:

* `source`: the document's own words (text fields are checked word for word against the
  document's text by `validate`; a value such as an instrument class needs the `quote`
  that states it);
* `derived`: an editorial reading of the document, with a one-line `reason` and the
  `quote` it reads;
* `setting`: a regional choice that no document makes, with its `reason`;
* `local`: added by the region's coordinator.

A record's `basis` (default `source`) is the basis of its text fields; `provenance` names
the fields whose basis differs, and gives the quote or reason a value field needs. Which
fields are text (`QUOTED`) and which are values (`CLAIMS`) is declared on each model; the
rules live in `provenance.py` and the checks in `checks.py`.
"""

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictBool

# --- vocabularies -------------------------------------------------------------------

Domain = Literal["fraude", "overlast"]
DOMAINS: tuple[str, ...] = get_args(Domain)

Instrument = Literal[
    "signalering", "advies", "correctie", "bestuursrecht", "civielrecht", "strafrecht"
]
#: The Handhavingskader's classes, lightest first, with `signalering` (signalling and
#: analysis, this knowledge base's own class) below them.
INSTRUMENTS: tuple[str, ...] = get_args(Instrument)

Target = Literal["zorgaanbieder", "cliënt", "veroorzaker", "verhuurder", "buurt"]
TARGETS: tuple[str, ...] = get_args(Target)

Financiering = Literal["zin", "pgb", "wlz"]
FINANCIERINGEN: tuple[str, ...] = get_args(Financiering)

EdgeKind = Literal["vervolg", "parallel", "melding"]
EDGE_KINDS: tuple[str, ...] = get_args(EdgeKind)

AgencyKind = Literal["member", "partner"]
FlowKind = Literal["stromenmodel", "proces"]

Basis = Literal["source", "derived", "setting", "local"]
#: Where a statement comes from: the document's words, an editorial reading of it, a
#: regional choice, or an addition by the region's coordinator.
BASES: tuple[str, ...] = get_args(Basis)
RecordBasis = Literal["source", "local"]

Strength = Literal["named", "implied"]
#: How firmly a reconstructed arrow rests on the text: the quoted passage names the
#: step it leads to, or only implies it.
STRENGTHS: tuple[str, ...] = get_args(Strength)

LadderOrder = Literal["ordered", "classes"]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Text is stripped of surrounding white space (model_config) before these constraints.
Id = Annotated[
    str,
    Field(
        strict=True,
        pattern=ID_PATTERN,
        max_length=80,
        description="Lowercase kebab-case identifier: letters, digits and single hyphens.",
    ),
]
#: Text with at least one character that is not white space (`pattern` says so to the
#: JSON Schema, which cannot strip; for validate, stripping already did).
Text = Annotated[str, Field(strict=True, min_length=1, pattern=r"\S")]
OptionalText = Annotated[str, Field(strict=True)]
Position = Annotated[int, Field(strict=True, ge=1)]


class Record(BaseModel):
    """Base of every data record: unknown fields forbidden, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        str_strip_whitespace=True,
        # Build validators on first use: query commands read validated records from the
        # cache and never validate, so they skip the cost.
        defer_build=True,
    )


# --- provenance ---------------------------------------------------------------------


class FieldBasis(Record):
    """Where one field's statement comes from (see the module docstring)."""

    basis: Basis
    document: Id | None = Field(
        None, description="The document quoted or read; default: the record's document."
    )
    section: OptionalText = Field("", description="Its section; default: the record's.")
    quote: OptionalText = Field(
        "",
        description="source: the document's words that state this value; derived: the "
        "passage it reads. Checked word for word against the document's text.",
    )
    reason: OptionalText = Field(
        "", description="derived and setting: one line saying why (the reading or choice)."
    )


class Sourced(Record):
    """A record whose statements each have a basis (see the module docstring).

    Nested records inherit `document`, `section` and `basis` from the record they are in.
    """

    #: Text fields: with basis `source` they are the document's words, checked verbatim.
    QUOTED: ClassVar[tuple[str, ...]] = ()
    #: Value fields: with basis `source` they need a quote that states them.
    CLAIMS: ClassVar[tuple[str, ...]] = ()
    #: Fields whose basis is fixed unless `provenance` says otherwise.
    DEFAULTS: ClassVar[dict[str, str]] = {}

    document: Id | None = Field(
        None, description="Id of the source document (data/documents/<id>.yaml)."
    )
    section: OptionalText = Field("", description="Chapter or section of that document.")
    basis: RecordBasis | None = Field(
        None,
        description="Basis of this record's text fields: source (the document's words, the "
        "default) or local (added by the region). Nested records inherit it.",
    )
    provenance: dict[str, FieldBasis | Basis] = Field(
        default_factory=dict,
        description="Fields whose basis differs from the record's, with their quote or "
        "reason: `instrument: {basis: derived, reason: ..., quote: ...}`, or just a basis "
        "(`contact: local`).",
    )

    def document_id(self) -> str | None:
        """The document this record's statements come from (None: its parent's)."""
        return self.document


class Quote(Record):
    """Words of a document, checked word for word against its text."""

    VERIFIED: ClassVar[tuple[str, ...]] = ("text",)

    text: Text
    document: Id | None = Field(None, description="Default: the document of the record.")
    section: Text


class Link(Record):
    """A link a source gives. Only http, https, mailto and tel are accepted."""

    title: Text
    url: OptionalText = Field(
        "", description="Empty when the source names a link but does not give its address."
    )


class Contact(Record):
    """The contact block of a measure, as in the Toolbox. Fields may be empty."""

    verantwoordelijk: OptionalText = ""
    contactpersoon: OptionalText = ""
    contactgegevens: OptionalText = ""

    def is_empty(self) -> bool:
        return not (self.verantwoordelijk or self.contactpersoon or self.contactgegevens)


# --- documents/<id>.yaml ------------------------------------------------------------


class Scope(Record):
    """What a document covers."""

    law: OptionalText = Field("", description="The law it is about, if one: 'Wmo 2015'.")
    agencies: tuple[Id, ...] = Field((), description="Ids of the agencies it covers.")
    domains: tuple[Domain, ...] = Field((), description="Domains its measures belong to.")


class Document(Sourced):
    """A source document: a published text whose own words the knowledge base quotes.

    Its text lies beside it as `documents/<id>.txt`; `validate` checks every quote of it
    against that text.
    """

    QUOTED = ("title", "subtitle", "version", "date", "region", "owner")
    CLAIMS = ("scope", "ladder")

    id: Id
    title: Text
    subtitle: OptionalText = ""
    version: OptionalText = ""
    date: Text = Field(description="Date as the document writes it: 'maart 2026'.")
    region: Text = Field(description="The region whose document it is.")
    owner: OptionalText = Field("", description="Who wrote or adopted it, as it says.")
    scope: Scope = Scope()
    ladder: LadderOrder = Field(
        description="ordered: its measures are ranked from light to heavy (positions); "
        "classes: it sets no order, its instruments are grouped by class only."
    )

    def document_id(self) -> str | None:
        return self.document or self.id


class Correction(Record):
    """A declared difference between a document's text and the words quoted from it."""

    document: Id
    source: Text = Field(description="The words as the document's text has them.")
    fixed: Text = Field(description="The words as quoted (the correction).")
    why: Text = Field(description="Why: a typo, a footnote marker, a PDF extraction error.")


class Corrections(Record):
    """`corrections.yaml`: every correction of the documents' texts, in one place."""

    corrections: tuple[Correction, ...] = ()


# --- toolbox.yaml -------------------------------------------------------------------


class Section(Sourced):
    """An introductory text of the handbook (Inleiding, Aanleiding, Gebruik, ...)."""

    QUOTED = ("title", "text")

    id: Id
    title: Text
    text: Text


class Toolbox(Sourced):
    """`toolbox.yaml`: what this knowledge base is and its introductory texts."""

    QUOTED = ("title", "subtitle", "region", "notice")

    title: Text
    subtitle: OptionalText = ""
    document: Id = Field(description="The document this knowledge base publishes first.")
    region: Text = Field(description="The region that keeps this knowledge base.")
    notice: OptionalText = Field("", description="Who may read the handbook (internal use).")
    sections: tuple[Section, ...] = ()


# --- agencies.yaml ------------------------------------------------------------------


class Agency(Sourced):
    """An organisation: a toolbox member with its own ladder of measures, or a partner."""

    QUOTED = ("name", "full_name", "description", "organisations")
    CLAIMS = ("kind", "links")

    id: Id
    name: Text = Field(description="Short name as the sources use it: DJI, IGJ, Gemeente.")
    full_name: OptionalText = Field("", description="The full name, when a source gives it.")
    kind: AgencyKind = Field(description="member: a toolbox agency; partner: named by the texts.")
    description: Text
    organisations: tuple[Text, ...] = Field((), description="Organisations this entry stands for.")
    links: tuple[Link, ...] = ()


class AgencyFile(Record):
    """`agencies.yaml`."""

    agencies: tuple[Agency, ...] = Field(min_length=1)


# --- measures/<agency>/<id>.yaml ----------------------------------------------------


class Placement(Record):
    """A measure's rung on its agency's ladder in one domain: 1 = least intrusive.

    Only documents that rank their measures (`ladder: ordered`) give positions.
    """

    position: Position | None = None


class Measure(Sourced):
    """One measure of one agency: `measures/<agency>/<id>.yaml`."""

    QUOTED = ("title", "description", "decided_by", "legal_basis", "notes")
    CLAIMS = ("instrument", "target", "collegebesluit", "financiering", "related", "links")
    DEFAULTS = {"contact": "local"}

    id: Id
    title: Text
    document: Id = Field(description="Id of the source document whose measure this is.")
    agency: Id = Field(description="Id of the agency in agencies.yaml; also the folder name.")
    domains: dict[Domain, Placement] = Field(
        min_length=1,
        description="For each domain the measure belongs to, its position on the agency's "
        "ladder in that domain (1 = least intrusive) when its document ranks measures.",
    )
    description: Text
    instrument: Instrument = Field(description="Class on the Handhavingskader's ladder.")
    target: Target = Field(description="Whom the measure is aimed at.")
    decided_by: OptionalText = Field("", description="Who decides to take the measure.")
    collegebesluit: StrictBool | None = Field(
        None, description="Whether a decision of the college van B&W is needed."
    )
    legal_basis: OptionalText = ""
    financiering: tuple[Financiering, ...] = Field(
        (), description="Forms of financing the measure applies to; empty: not restricted."
    )
    contact: Contact = Contact()
    links: tuple[Link, ...] = ()
    related: tuple[Id, ...] = Field(
        (), description="Ids of measures of another document that are the same kind of step."
    )
    notes: OptionalText = ""


# --- flows/<id>.yaml ----------------------------------------------------------------


class Step(Sourced):
    """A node of a flow that is not a measure: a process step (melding, onderzoek) or the
    work of a partner without measures of its own (the OM deciding on prosecution)."""

    QUOTED = ("title", "description")
    CLAIMS = ("agency",)

    id: Id
    title: Text
    agency: Id | None = Field(None, description="Id in agencies.yaml of who takes this step.")
    description: OptionalText = ""


class Edge(Record):
    """An arrow of a flow: a suggested next (`vervolg`), parallel or reporting step.

    Arrows reconstructed from the text are `derived`: `reason` says in one line what the
    arrow means, `quotes` are the passages it rests on (checked word for word), `strength`
    says whether they name the step it leads to or only imply it, and `against` holds
    passages that pull the other way.
    """

    from_: Id = Field(alias="from", description="Id of a measure or of a step of this flow.")
    to: Id = Field(description="Id of a measure or of a step of this flow.")
    kind: EdgeKind
    basis: Basis = Field("derived", description="derived (default), source, setting or local.")
    strength: Strength | None = Field(
        None, description="named: the quote names the step; implied: it only implies it."
    )
    reason: OptionalText = Field("", description="One line: what the arrow means and why.")
    quotes: tuple[Quote, ...] = Field((), description="The passages the arrow rests on.")
    against: tuple[Quote, ...] = Field(
        (), description="Passages that pull the other way, shown beside the arrow."
    )


class Flow(Sourced):
    """A flow: the stromenmodel of a domain, or a process."""

    QUOTED = ("title", "description")
    CLAIMS = ("entry_points",)

    id: Id
    title: Text
    document: Id = Field(description="Id of the source document whose flow this is.")
    kind: FlowKind
    domain: Domain | None = Field(None, description="Required for a stromenmodel.")
    description: OptionalText = ""
    entry_points: tuple[Id, ...] = Field(
        (), description="Measures deliberately marked as starting points of this flow."
    )
    steps: tuple[Step, ...] = ()
    edges: tuple[Edge, ...] = ()


# --- glossary.yaml ------------------------------------------------------------------


class Term(Sourced):
    """A term or abbreviation with its definition."""

    QUOTED = ("term", "abbreviation", "definition")
    CLAIMS = ("see_also",)

    term: Text
    abbreviation: OptionalText = ""
    definition: Text
    see_also: tuple[Text, ...] = ()


class Glossary(Record):
    """`glossary.yaml`."""

    terms: tuple[Term, ...] = ()


# --- classification.yaml ------------------------------------------------------------


class ClassCriterion(Sourced):
    """When a measure of another document belongs to one class of the ladder."""

    QUOTED = ("title", "criterion", "examples")

    id: Instrument
    title: Text
    criterion: Text = Field(description="The test a measure meets to be in this class.")
    examples: tuple[Text, ...] = ()


class Classification(Sourced):
    """`classification.yaml`: the one principle by which measures of a document without
    classes (the Toolbox) are placed on the Handhavingskader's classes."""

    QUOTED = ("title", "principle")

    title: Text
    principle: Text
    classes: tuple[ClassCriterion, ...] = Field(min_length=1)


# --- handhavingskader.yaml ----------------------------------------------------------


class InstrumentClass(Sourced):
    """A class of the instrument ladder, with who decides and whether the college must."""

    QUOTED = ("title", "description", "decided_by", "examples")
    CLAIMS = ("collegebesluit",)

    id: Instrument
    title: Text
    description: Text
    decided_by: Text
    collegebesluit: StrictBool | None = Field(
        None,
        description="True for the heavy ('blue') part that needs a college decision; "
        "empty when the text does not say.",
    )
    examples: tuple[Text, ...] = ()


class ScaleAspect(Sourced):
    """One aspect of a weighing factor, with its scale."""

    QUOTED = ("title", "scale")

    id: Id
    title: Text
    scale: tuple[Text, ...] = ()


class WeighingFactor(Sourced):
    """A weighing factor (ernst, kans op herhaling) with its scale and aspects."""

    QUOTED = ("title", "scale")

    id: Id
    title: Text
    scale: tuple[Text, ...] = Field(min_length=1)
    aspects: tuple[ScaleAspect, ...] = ()


class Principle(Sourced):
    """A principle of enforcement."""

    QUOTED = ("title", "text")

    id: Id
    title: Text
    text: Text


class Item(Sourced):
    """A numbered item of a list in the document: a goal, a step, a beslispunt, a risk."""

    QUOTED = ("title", "text")

    id: Id
    title: OptionalText = ""
    text: Text


class Party(Sourced):
    """A party involved in enforcement: who, what, how (Bijlage 2)."""

    QUOTED = ("name", "what", "how")

    name: Text
    what: Text
    how: OptionalText = ""


class NalevingPhase(Sourced):
    """A phase of the Cirkel van Naleving, with its goal and its means."""

    QUOTED = ("title", "goal", "items")

    id: Id
    title: Text
    goal: Text
    items: tuple[Text, ...] = ()


class NalevingCircle(Sourced):
    """The Cirkel van Naleving for one audience (Bijlage 3: cliënten, 4: aanbieders)."""

    QUOTED = ("title", "center")
    CLAIMS = ("audience",)

    audience: Literal["cliënt", "aanbieder"]
    title: Text
    center: OptionalText = ""
    phases: tuple[NalevingPhase, ...] = Field(min_length=1)


class Rule(Sourced):
    """A rule stated by the Handhavingskader (e.g. no bestuurlijke boete under the Wmo)."""

    QUOTED = ("title", "text")

    id: Id
    title: Text
    text: Text


class Handhavingskader(Sourced):
    """`handhavingskader.yaml`: the enforcement framework's classes, factors, parties,
    goals and rules, as its document has them."""

    QUOTED = ("title", "description")

    title: Text
    document: Id = Field(description="Id of the Handhavingskader's document.")
    description: OptionalText = ""
    decisions: tuple[Item, ...] = Field(
        (), description="The beslispunten the portefeuillehouders agreed to (1.1)."
    )
    steps: tuple[Item, ...] = Field((), description="The steps of Hoogwaardig Handhaven (2.1).")
    goals: tuple[Item, ...] = Field((), description="The goals of enforcement (3.1).")
    risks: tuple[Item, ...] = Field((), description="Where the risks are (3.2).")
    principles: tuple[Principle, ...] = ()
    instrument_classes: tuple[InstrumentClass, ...] = ()
    weighing_factors: tuple[WeighingFactor, ...] = ()
    parties: tuple[Party, ...] = ()
    cirkel_van_naleving: tuple[NalevingCircle, ...] = ()
    rules: tuple[Rule, ...] = ()


# --- advies.yaml --------------------------------------------------------------------
#
# The weighing of the Handhavingskader (4.2) made usable. The document names two factors,
# each with a scale and aspects, and five classes of instruments (4.4); it gives no rule
# from the one to the other ("Handhaven is maatwerk", 4.3). Everything `advise` adds to
# that (how aspects combine, which range of classes fits a case) is a regional choice:
# a `setting`, with its reason, never presented as the document's words.

Level = Literal["klein", "gemiddeld", "groot"]
#: The scale of both factors of the Handhavingskader (4.2): ernst and kans op herhaling.
LEVELS: tuple[str, ...] = get_args(Level)

Risico = Literal["niet-zo-ernstig", "ernstig", "zeer-ernstig"]
#: Ernst van het risico en/of schade (4.2: "niet zo ernstig, ernstig en zeer ernstig").
RISICOS: tuple[str, ...] = get_args(Risico)

Structuur = Literal["goed", "matig", "slecht"]
#: How the structure of the service is organised (4.2: "goed, matig, slecht").
STRUCTUREN: tuple[str, ...] = get_args(Structuur)

Houding = Literal["niet-weten", "niet-kunnen", "niet-willen"]
#: The houding van de aanbieder/cliënt (4.2), an aspect of the kans op herhaling.
HOUDINGEN: tuple[str, ...] = get_args(Houding)

RecidiveValue = Literal["nee", "ja"]
#: Recidive as yes/no: the Handhavingskader gives recidive no scale, so this scale is a
#: regional setting (advies.yaml says so, with its reason).
RECIDIVE_VALUES: tuple[str, ...] = get_args(RecidiveValue)

#: The aspects of each weighing factor (4.2), each with its scale, lightest first.
ASPECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "ernst": {"risico": RISICOS, "omvang": LEVELS},
    "herhaling": {"structuur": STRUCTUREN, "houding": HOUDINGEN, "recidive": RECIDIVE_VALUES},
}

LadderClass = Literal["advies", "correctie", "bestuursrecht", "civielrecht", "strafrecht"]
#: The Handhavingskader's own ladder (4.4), lightest first: the instrument classes
#: without `signalering`, which lies below it.
LADDER: tuple[str, ...] = get_args(LadderClass)

Shift = Annotated[int, Field(strict=True, ge=0, le=2)]


class Reason(Record):
    """Why a setting is as it is: the reasoning, and only those quotes whose words say
    what is claimed (checked word for word against their document)."""

    text: Text = Field(description="The reasoning, in a sentence or two (Dutch, B1).")
    quotes: tuple[Quote, ...] = Field(
        (),
        description="Passages that say what the text claims; none when no document does. "
        "Their document defaults to the file's `document`.",
    )


class Choice(Record):
    """A statement of advies.yaml with a basis: by default a regional `setting`.

    `setting` needs the reason (`why.text`); `source` and `derived` need quotes too.
    """

    basis: Basis = Field(
        "setting",
        description="setting (a regional choice, the default), derived (a reading of the "
        "quotes), source (the quotes state it) or local.",
    )
    why: Reason


class ErnstWeighing(Choice):
    """How ernst follows from its two aspects: for each ernst van het risico en/of schade,
    for each omvang van de groep, the level of ernst."""

    table: dict[Risico, dict[Level, Level]] = Field(
        description="risico → omvang → ernst; all 3 × 3 entries."
    )


class HerhalingWeighing(Choice):
    """How the kans op herhaling follows from its three aspects: a table structuur ×
    houding, then recidive moves the level up a number of steps (at most to groot)."""

    table: dict[Structuur, dict[Houding, Level]] = Field(
        description="structuur → houding → kans op herhaling; all 3 × 3 entries."
    )
    recidive: dict[RecidiveValue, Shift] = Field(
        description="For recidive nee and ja: how many steps the level goes up (0, 1, 2)."
    )
    recidive_why: Reason = Field(description="Why recidive is yes/no and moves as it does.")


class Weighing(Record):
    """How each factor follows from its aspects (when a case gives the aspects)."""

    ernst: ErnstWeighing
    herhaling: HerhalingWeighing


class AdviceCell(Choice):
    """One cell of the matrix: for an ernst and a kans op herhaling, the range on the
    ladder, from the lightest to the heaviest class the region finds in proportion."""

    ernst: Level
    herhaling: Level = Field(description="Kans op herhaling.")
    from_: LadderClass = Field(alias="from", description="Lightest class that fits.")
    to: LadderClass = Field(description="Heaviest class that is still proportionate.")


class Matrix(Choice):
    """The intervention matrix: ernst × kans op herhaling → a range of classes."""

    cells: tuple[AdviceCell, ...] = Field(
        min_length=1, description="One cell for every ernst × herhaling (3 × 3)."
    )


class StrafbaarFeit(Choice):
    """What the advice says whenever a case involves a criminal offence, whatever the
    range: aangifte, and who does it."""

    basis: Basis = "derived"
    who: Text = Field(description="Who does aangifte and who decides on prosecution.")
    measures: tuple[Id, ...] = Field(
        (), description="The document's instruments for aangifte, listed with it."
    )


class AdviceConfig(Record):
    """`advies.yaml`: how `zorgtoolbox advise` weighs a case with the factors of one
    document (the Handhavingskader) and which range of its ladder it advises.

    The document gives the factors and the classes, not a rule between them: the
    weighing and the matrix are regional settings, tunable here.
    """

    title: Text
    description: OptionalText = ""
    document: Id = Field(description="The document whose factors and ladder this applies.")
    section: Text
    weighing: Weighing
    matrix: Matrix
    strafbaar_feit: StrafbaarFeit
    financiering: tuple[Financiering, ...] = Field(
        min_length=1,
        description="The forms of financing the document's instruments are for; a case "
        "with another form gets none of them, and is told why.",
    )
    financiering_why: Reason
    meld_en_deel: StrictBool = Field(
        description="Whether advise lists the signalling measures (below the ladder) as "
        "'meld en deel' steps besides the range.",
    )
    meld_en_deel_why: Reason


# --- case files (zorgtoolbox advise --case) and reference cases (casuistiek/) ---------

CASE_LABEL_PATTERN = r"^[a-z-]*[0-9][a-z0-9-]*$"

#: A name of a record as a person writes it (an id, a part of one, or a title): it must
#: name exactly one record, so it cannot carry anything else (such as personal data).
Name = Annotated[str, Field(strict=True, min_length=1, max_length=200, pattern=r"\S")]


class CaseFactors(Record):
    """The factors of one case: only categorical values, never a name or free text.

    Each weighing factor is given directly (`ernst`, `herhaling`) or through all of its
    aspects (`risico` and `omvang`; `structuur`, `houding` and `recidive`), never both:
    no aspect is counted twice.
    """

    domain: Domain | None = None
    org: Name | None = Field(
        None, description="Only the measures of this agency: its id or name."
    )
    ernst: Level | None = Field(None, description="Ernst van de situatie (4.2), given directly.")
    risico: Risico | None = Field(None, description="Ernst van het risico en/of schade (4.2).")
    omvang: Level | None = Field(None, description="Omvang van de groep (4.2).")
    herhaling: Level | None = Field(None, description="Kans op herhaling (4.2), given directly.")
    structuur: Structuur | None = Field(None, description="Structuur van de dienstverlening (4.2).")
    houding: Houding | None = Field(None, description="Houding van de aanbieder/cliënt (4.2).")
    recidive: StrictBool | None = Field(None, description="Of er sprake is van recidive (4.2).")
    strafbaar_feit: StrictBool | None = Field(
        None,
        description="Whether a criminal offence is involved: the advice then always says "
        "aangifte and who does it.",
    )
    financiering: Financiering | None = None
    taken: tuple[Name, ...] = Field(
        (),
        description="The measures already taken: each an id, a part of an id or a title, "
        "as on the command line; every one must name exactly one measure.",
    )


class Case(CaseFactors):
    """A case file for `zorgtoolbox advise --case FILE`: the factors of one case and the
    measures taken, so that a case meeting keeps its plan in one file.

    There are deliberately no fields for names, BSN, addresses or free text (no notes):
    a case file describes a situation, not a person, and can be shared without personal
    data. The only identifier is `label`, a case number.
    """

    label: str | None = Field(
        None,
        strict=True,
        max_length=40,
        pattern=CASE_LABEL_PATTERN,
        description="A case number such as 'zaak-2026-014': lowercase letters, digits and "
        "hyphens, at least one digit, at most 40 characters. Never a name.",
    )


class ExpectedRange(Record):
    """The range a reference case must get."""

    from_: LadderClass = Field(alias="from")
    to: LadderClass


class Expectation(Record):
    """What the advice for a reference case must be."""

    range: ExpectedRange
    includes: tuple[Id, ...] = Field(
        (),
        description="Measures the advice must list: as candidates in the range, or with "
        "the aangifte of a strafbaar feit.",
    )
    excludes: tuple[Id, ...] = Field((), description="Measures the advice must not list.")


class ReferenceCase(Record):
    """`casuistiek/<id>.yaml`: a reference case, recomputed by `validate`, so that an edit
    of the weighing, the matrix or the ladders that changes the advice cannot land
    unnoticed."""

    id: Id
    title: Text
    document: Id | None = Field(
        None, description="The document the quotes of `why` come from (default for each)."
    )
    factors: CaseFactors
    expect: Expectation
    why: Reason = Field(description="Why this is the right outcome, with the source's words.")
