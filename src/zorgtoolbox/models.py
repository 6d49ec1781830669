"""The data model of the knowledge base: one pydantic model for each kind of data file.

Models are strict and immutable: unknown fields are refused, text is never coerced from
numbers, and nothing here reads files. Field descriptions end up in the JSON Schemas that
editors use while a coordinator types (see `zorgtoolbox schema`).
"""

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

# --- vocabularies -------------------------------------------------------------------

Domain = Literal["fraude", "overlast"]
DOMAINS: tuple[str, ...] = get_args(Domain)

Instrument = Literal[
    "signalering", "advies", "correctie", "bestuursrecht", "civielrecht", "strafrecht"
]
#: The Handhavingskader's ladder, lightest first, with `signalering` (signalling and
#: analysis) below it.
INSTRUMENTS: tuple[str, ...] = get_args(Instrument)

Target = Literal["zorgaanbieder", "cliënt", "veroorzaker", "verhuurder", "buurt"]
TARGETS: tuple[str, ...] = get_args(Target)

Financiering = Literal["zin", "pgb", "wlz"]
FINANCIERINGEN: tuple[str, ...] = get_args(Financiering)

EdgeKind = Literal["vervolg", "parallel", "melding"]
EDGE_KINDS: tuple[str, ...] = get_args(EdgeKind)

AgencyKind = Literal["member", "partner"]
FlowKind = Literal["stromenmodel", "proces"]

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


class SourceRef(Record):
    """Where a record comes from, so a reviewer can check it against the text."""

    document: Id = Field(description="Id of a source document listed in toolbox.yaml.")
    section: Text = Field(description="Chapter or section of that document.")


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


# --- toolbox.yaml -------------------------------------------------------------------


class SourceDocument(Record):
    """A document the knowledge base is transcribed from."""

    id: Id
    title: Text
    version: OptionalText = ""
    date: OptionalText = ""
    region: OptionalText = ""
    publisher: OptionalText = ""
    description: OptionalText = ""


class Section(Record):
    """An introductory text of the handbook (Inleiding, Aanleiding, Gebruik, ...)."""

    id: Id
    title: Text
    text: Text
    source: SourceRef


class Toolbox(Record):
    """`toolbox.yaml`: what this knowledge base is, its sources and introductory texts."""

    title: Text
    subtitle: OptionalText = ""
    version: Text = Field(description='Version of the toolbox, as text: "1.0".')
    date: Text = Field(description='Date of this version as the document writes it: "maart 2026".')
    region: Text
    notice: OptionalText = Field("", description="Who may read the handbook (internal use).")
    sources: tuple[SourceDocument, ...] = Field(min_length=1)
    sections: tuple[Section, ...] = ()


# --- agencies.yaml ------------------------------------------------------------------


class Agency(Record):
    """An organisation: a toolbox member with its own ladder of measures, or a partner."""

    id: Id
    name: Text = Field(description="Short name as the sources use it: DJI, IGJ, Gemeente.")
    full_name: Text
    kind: AgencyKind = Field(description="member: a toolbox agency; partner: named by the texts.")
    description: Text
    organisations: tuple[Text, ...] = Field(
        (), description="Organisations this entry stands for (the three reclassering ones)."
    )
    links: tuple[Link, ...] = ()
    source: SourceRef


class AgencyFile(Record):
    """`agencies.yaml`."""

    agencies: tuple[Agency, ...] = Field(min_length=1)


# --- measures/<agency>/<id>.yaml ----------------------------------------------------


class Placement(Record):
    """A measure's rung on its agency's ladder in one domain: 1 = least intrusive."""

    position: Position


class Measure(Record):
    """One measure of one agency: `measures/<agency>/<id>.yaml`."""

    id: Id
    title: Text
    agency: Id = Field(description="Id of the agency in agencies.yaml; also the folder name.")
    domains: dict[Domain, Placement] = Field(
        min_length=1,
        description="For each domain the measure belongs to, its position on the agency's "
        "ladder in that domain (1 = least intrusive).",
    )
    description: Text
    instrument: Instrument = Field(description="Class on the Handhavingskader's ladder.")
    instrument_reason: Text = Field(description="One line: why this instrument class.")
    target: Target = Field(description="Whom the measure is aimed at.")
    decided_by: OptionalText = Field("", description="Who decides to take the measure.")
    collegebesluit: bool | None = Field(
        None, description="Whether a decision of the college van B&W is needed."
    )
    legal_basis: OptionalText = ""
    financiering: tuple[Financiering, ...] = Field(
        (), description="Forms of financing the measure applies to; empty: not restricted."
    )
    contact: Contact
    links: tuple[Link, ...] = ()
    related: tuple[Id, ...] = Field(
        (), description="Ids of measures from another source that are the same kind of step."
    )
    notes: OptionalText = ""
    source: SourceRef


# --- flows/<id>.yaml ----------------------------------------------------------------


class Step(Record):
    """A node of a flow that is not a measure: a process step (melding, onderzoek) or the
    work of a partner without measures of its own (the OM deciding on prosecution)."""

    id: Id
    title: Text
    agency: Id | None = Field(None, description="Id in agencies.yaml of who takes this step.")
    description: OptionalText = ""


class Edge(Record):
    """An arrow of a flow: a suggested next (`vervolg`), parallel or reporting step."""

    from_: Id = Field(alias="from", description="Id of a measure or of a step of this flow.")
    to: Id = Field(description="Id of a measure or of a step of this flow.")
    kind: EdgeKind
    why: Text = Field(description="The sentence of the source this arrow rests on.")


class Flow(Record):
    """A flow: the stromenmodel of a domain, or a process."""

    id: Id
    title: Text
    kind: FlowKind
    domain: Domain | None = Field(None, description="Required for a stromenmodel.")
    description: OptionalText = ""
    source: SourceRef
    entry_points: tuple[Id, ...] = Field(
        (), description="Measures deliberately marked as starting points of this flow."
    )
    steps: tuple[Step, ...] = ()
    edges: tuple[Edge, ...] = ()


# --- glossary.yaml ------------------------------------------------------------------


class Term(Record):
    """A term or abbreviation with its definition."""

    term: Text
    abbreviation: OptionalText = ""
    definition: Text
    see_also: tuple[Text, ...] = ()
    source: SourceRef


class Glossary(Record):
    """`glossary.yaml`."""

    terms: tuple[Term, ...] = ()


# --- handhavingskader.yaml ----------------------------------------------------------


class InstrumentClass(Record):
    """A class of the instrument ladder, with who decides and whether the college must."""

    id: Instrument
    title: Text
    description: Text
    decided_by: Text
    collegebesluit: bool = Field(
        description="True for the heavy ('blue') part that needs a college decision."
    )
    examples: tuple[Text, ...] = ()
    source: SourceRef


class ScaleAspect(Record):
    """One aspect of a weighing factor, with its scale."""

    id: Id
    title: Text
    scale: tuple[Text, ...] = ()


class WeighingFactor(Record):
    """A weighing factor (ernst, kans op herhaling) with its scale and aspects."""

    id: Id
    title: Text
    scale: tuple[Text, ...] = Field(min_length=1)
    aspects: tuple[ScaleAspect, ...] = ()
    source: SourceRef


class Principle(Record):
    """A principle of enforcement."""

    id: Id
    title: Text
    text: Text
    source: SourceRef


class Party(Record):
    """A party involved in enforcement: who, what, how (Bijlage 2)."""

    name: Text
    agency: Id | None = Field(None, description="Id in agencies.yaml, when it has one.")
    what: Text
    how: OptionalText = ""


class NalevingPhase(Record):
    """A phase of the Cirkel van Naleving, with its goal and its means."""

    id: Id
    title: Text
    goal: Text
    items: tuple[Text, ...] = ()


class NalevingCircle(Record):
    """The Cirkel van Naleving for one audience (Bijlage 3: cliënten, 4: aanbieders)."""

    audience: Literal["cliënt", "aanbieder"]
    title: Text
    center: OptionalText = ""
    phases: tuple[NalevingPhase, ...] = Field(min_length=1)
    source: SourceRef


class Rule(Record):
    """A rule stated by the Handhavingskader (e.g. no bestuurlijke boete under the Wmo)."""

    id: Id
    title: Text
    text: Text
    source: SourceRef


class Handhavingskader(Record):
    """`handhavingskader.yaml`: the enforcement framework's ladder, factors and parties."""

    title: Text
    region: OptionalText = ""
    date: OptionalText = ""
    description: OptionalText = ""
    source: SourceRef
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
    """Why a cell or an adjustment is as it is: the reasoning and the source it rests on."""

    text: Text = Field(description="The reasoning, in a sentence or two.")
    quote: OptionalText = Field(
        "", description="The words of the Handhavingskader it rests on, word for word."
    )
    source: SourceRef = Field(
        description="The Handhavingskader and the section quoted or cited: '4.1 …'."
    )


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
    source: SourceRef
    meld_en_deel: bool = Field(
        description="Whether advise lists the signalling measures (below the ladder) as "
        "'meld en deel' steps besides the range."
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
    recidive: bool | None = Field(None, description="Of er sprake is van recidive (4.2).")
    financiering: Financiering | None = None
    taken: tuple[Id, ...] = Field((), description="Ids of the measures already taken.")
