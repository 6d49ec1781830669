"""The models of `handhavingskader.yaml`: the enforcement framework's instrument classes,
weighing factors, principles, parties, goals and rules, as its document has them."""

from typing import Literal

from pydantic import Field, StrictBool

from .base import Id, Instrument, OptionalText, Sourced, Text


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
