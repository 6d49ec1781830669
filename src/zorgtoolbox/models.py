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

from pydantic import BaseModel, ConfigDict, Field

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
Text = Annotated[str, Field(strict=True, min_length=1)]
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
    collegebesluit: bool | None = Field(
        None, strict=True, description="Whether a decision of the college van B&W is needed."
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
    collegebesluit: bool | None = Field(
        None,
        strict=True,
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

Level = Literal["klein", "gemiddeld", "groot"]
#: The scale of both axes of the Handhavingskader (4.2): ernst and kans op herhaling.
LEVELS: tuple[str, ...] = get_args(Level)

Houding = Literal["niet-weten", "niet-kunnen", "niet-willen"]
#: The houding van de aanbieder/cliënt (4.2), an aspect of the kans op herhaling.
HOUDINGEN: tuple[str, ...] = get_args(Houding)

LadderClass = Literal["advies", "correctie", "bestuursrecht", "civielrecht", "strafrecht"]
#: The Handhavingskader's own ladder (4.4), lightest first: the instrument classes
#: without `signalering`, which lies below it.
LADDER: tuple[str, ...] = get_args(LadderClass)

#: The factors that adjust the range, with their values (4.2: houding and recidive).
ADJUSTING_FACTORS: dict[str, tuple[str, ...]] = {
    "houding": HOUDINGEN,
    "recidive": ("ja", "nee"),
}

Shift = Annotated[int, Field(strict=True, ge=-4, le=4)]


class Reason(Record):
    """Why a cell or an adjustment is as it is: the reasoning and the words it rests on."""

    VERIFIED: ClassVar[tuple[str, ...]] = ("quote",)

    text: Text = Field(description="The reasoning, in a sentence or two.")
    quote: OptionalText = Field(
        "", description="The words of the document it rests on, word for word."
    )
    document: Id | None = Field(
        None, description="The document quoted or cited; default: the advice's document."
    )
    section: Text = Field(description="The section quoted or cited: '4.1 …'.")


class AdviceCell(Record):
    """One cell of the intervention matrix: for an ernst and a kans op herhaling, the
    proportionate range on the ladder, from the lightest to the heaviest class."""

    ernst: Level
    herhaling: Level = Field(description="Kans op herhaling.")
    from_: LadderClass = Field(alias="from", description="Lightest class that fits.")
    to: LadderClass = Field(description="Heaviest class that is still proportionate.")
    why: Reason


class Move(Record):
    """How an adjustment moves one end of the range: first `shift` rungs up (negative:
    down), then to at least `at_least`, then to at most `at_most`."""

    shift: Shift = 0
    at_least: LadderClass | None = None
    at_most: LadderClass | None = None


class Adjustment(Record):
    """How a value of houding or recidive moves the range found in the matrix."""

    factor: Id = Field(description="houding or recidive.")
    value: Id = Field(
        description="houding: niet-weten, niet-kunnen, niet-willen; recidive: ja, nee."
    )
    from_: Move = Field(Move(), alias="from", description="How the lower end moves.")
    to: Move = Field(Move(), description="How the upper end moves.")
    why: Reason


class AdviceConfig(Record):
    """`advies.yaml`: the intervention matrix of `zorgtoolbox advise`, from the
    Handhavingskader's weighing factors to a proportionate range on its ladder."""

    title: Text
    description: OptionalText = ""
    document: Id = Field(description="The document whose weighing factors this applies.")
    section: Text
    meld_en_deel: bool = Field(
        strict=True,
        description="Whether advise lists the signalling measures (below the ladder) as "
        "'meld en deel' steps besides the range.",
    )
    meld_en_deel_why: Reason
    matrix: tuple[AdviceCell, ...] = Field(
        min_length=1, description="One cell for every ernst × herhaling (3 × 3)."
    )
    adjustments: tuple[Adjustment, ...] = Field(
        (), description="Applied in this order after the matrix, for the values a case has."
    )


# --- case files (zorgtoolbox advise --case) ------------------------------------------

CASE_LABEL_PATTERN = r"^[a-z-]*[0-9][a-z0-9-]*$"


class Case(Record):
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
    domain: Domain | None = None
    org: Id | None = Field(None, description="Only the measures of this agency (its id).")
    ernst: Level | None = Field(None, description="Ernst van de situatie (4.2).")
    herhaling: Level | None = Field(None, description="Kans op herhaling (4.2).")
    houding: Houding | None = Field(None, description="Houding van de aanbieder/cliënt (4.2).")
    recidive: bool | None = Field(
        None, strict=True, description="Of er sprake is van recidive (4.2)."
    )
    financiering: Financiering | None = None
    taken: tuple[Id, ...] = Field((), description="Ids of the measures already taken.")
