"""The models of the records of a knowledge base: documents and their corrections, the
toolbox and its sections, agencies, measures, flows, the glossary and the classification.
"""

from typing import Annotated, ClassVar

from pydantic import Field, StrictBool

from .base import (
    AgencyKind,
    Basis,
    Contact,
    Domain,
    EdgeKind,
    Financiering,
    FlowKind,
    Id,
    Instrument,
    LadderOrder,
    Link,
    OptionalText,
    Position,
    Quote,
    Record,
    Sourced,
    Strength,
    Target,
    Text,
)

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


#: A calendar date as YYYY-MM-DD.
IsoDate = Annotated[
    str, Field(strict=True, pattern=r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
]


class Edition(Record):
    """Which version of the knowledge base this is and who keeps it: the region's own
    data, in no source document. Empty fields are shown as not filled in."""

    version: OptionalText = Field("", description="The region's version of the data: '2026.2'.")
    date: IsoDate | None = Field(None, description="When the data last changed: 2026-11-30.")
    owner: OptionalText = Field("", description="Who keeps the knowledge base: a team or role.")
    feedback: OptionalText = Field(
        "", description="Where readers send corrections: an e-mail address or a web page."
    )


class Toolbox(Sourced):
    """`toolbox.yaml`: what this knowledge base is and its introductory texts."""

    QUOTED = ("title", "subtitle", "region", "notice")
    #: the region's own data, in no source document
    DEFAULTS: ClassVar[dict[str, str]] = {"edition": "local", "accessibility_contact": "local"}

    title: Text
    subtitle: OptionalText = ""
    document: Id = Field(description="The document this knowledge base publishes first.")
    region: Text = Field(description="The region that keeps this knowledge base.")
    notice: OptionalText = Field("", description="Who may read the handbook (internal use).")
    accessibility_contact: OptionalText = Field(
        "",
        description="Where a reader reports a problem with the handbook's accessibility (an "
        "e-mail address, a phone number or a team); shown in its accessibility statement.",
    )
    sections: tuple[Section, ...] = ()
    edition: Edition = Edition()


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
    """Where a measure stands on its agency's ladder in one domain.

    Only documents that rank their measures (`ladder: ordered`) give positions. The
    position orders the ladder, least intrusive first; any number above 0 does, gaps
    allowed, so that a measure is put between two others by one number (2.5).
    """

    position: Position | None = Field(
        None,
        description="Order on the ladder: a number above 0, least intrusive first; only the "
        "order counts, so 2.5 goes between 2 and 3.",
    )


class Measure(Sourced):
    """One measure of one agency: `measures/<agency>/<id>.yaml`."""

    QUOTED = ("title", "description", "decided_by", "legal_basis", "notes")
    CLAIMS = ("instrument", "target", "collegebesluit", "financiering", "related", "links")
    DEFAULTS: ClassVar[dict[str, str]] = {"contact": "local", "replaced_by": "local"}

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
    replaced_by: Id | None = Field(
        None,
        description="Retired: the id of the measure that takes its place. The file stays, so "
        "old references and case files still resolve (validate warns where they are).",
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
