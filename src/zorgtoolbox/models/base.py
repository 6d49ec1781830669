"""The building blocks of every model: the vocabularies, the base records and provenance.

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
rules live in `provenance.py` and the checks in `checks/`.
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
#: Text with at least one character that is not white space (`pattern` says so to the
#: JSON Schema, which cannot strip; for validate, stripping already did).
Text = Annotated[str, Field(strict=True, min_length=1, pattern=r"\S")]
OptionalText = Annotated[str, Field(strict=True)]
#: Where a measure stands on its ladder: any number above 0, smallest first. Only the
#: order counts (the rungs are numbered 1, 2, 3 … when shown), so a measure goes between
#: two others with a number between theirs (2.5 between 2 and 3), one line in one file.
Position = Annotated[float, Field(strict=True, gt=0)]


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

    def filled(self) -> tuple[str, ...]:
        """The names of the fields that hold something."""
        return tuple(name for name in type(self).model_fields if getattr(self, name))

    def missing(self, fields: tuple[str, ...]) -> tuple[str, ...]:
        """Those of `fields` that are still empty."""
        return tuple(name for name in fields if not getattr(self, name))
