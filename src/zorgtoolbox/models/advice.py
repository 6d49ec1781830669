"""The models of the advice: the settings of `advies.yaml` (how a case is weighed and
which range of the ladder fits), case files and reference cases, with their scales.

The weighing of the Handhavingskader (4.2) made usable. The document names two factors,
each with a scale and aspects, and five classes of instruments (4.4); it gives no rule
from the one to the other ("Handhaven is maatwerk", 4.3). Everything `advise` adds to
that (how aspects combine, which range of classes fits a case) is a regional choice:
a `setting`, with its reason, never presented as the document's words.
"""

from typing import Annotated, Literal, get_args

from pydantic import Field, StrictBool

from .base import Basis, Domain, Financiering, Id, OptionalText, Quote, Record, Text

# --- scales -------------------------------------------------------------------------

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


# --- advies.yaml --------------------------------------------------------------------


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
    org: Name | None = Field(None, description="Only the measures of this agency: its id or name.")
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
