"""The weighing of a case and its range: ernst and kans op herhaling from their aspects
(the tables of advies.yaml), the range of the matrix, and how that range would move one
step lighter or heavier. Every table and every cell is a regional setting.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..errors import NoAdviceSettings
from ..kb import KnowledgeBase
from ..models import LADDER, LEVELS, AdviceCell, AdviceConfig, Choice
from .factors import SCALES, Factors

ADVICE_FILE = "advies.yaml"


class Weighed(NamedTuple):
    """One weighing factor of a case: its level and how it was found."""

    factor: str  # "ernst" or "herhaling"
    level: str
    aspects: tuple[tuple[str, str], ...]  # (aspect, value) as given; () when given directly
    table_level: str | None  # from the table, before recidive (herhaling only)
    shift: int  # steps recidive moved the level up
    rule: Choice | None  # the setting that combined the aspects; None when given directly

    @property
    def direct(self) -> bool:
        return not self.aspects


class Range(NamedTuple):
    """The proportionate range on the ladder and the matrix cell that gives it."""

    lower: str
    upper: str
    cell: AdviceCell

    @property
    def classes(self) -> tuple[str, ...]:
        """The ladder classes of the range, lightest first."""
        return LADDER[LADDER.index(self.lower) : LADDER.index(self.upper) + 1]


class Sensitivity(NamedTuple):
    """The range if one factor or aspect were one step lighter or heavier."""

    factor: str  # "ernst", "risico", … "recidive"
    value: str  # as given
    other: str  # the value one step away
    direction: str  # "lighter" or "heavier"
    lower: str
    upper: str
    changed: bool  # whether that range differs from the advice's


# --- the weighing and the range -------------------------------------------------------


def advice_config(kb: KnowledgeBase) -> AdviceConfig:
    """The settings of advies.yaml; raises `NoAdviceSettings` when the data has none."""
    if kb.advies is None:
        raise NoAdviceSettings(kb.data_dir / ADVICE_FILE)
    return kb.advies


def _lookup(table: dict[str, dict[str, str]], row: str, column: str, what: str) -> str:
    try:
        return table[row][column]
    except KeyError:  # validation guarantees every entry; a guard for hand-built configs
        raise NoAdviceSettings(Path(ADVICE_FILE), f"{what} {row} × {column}") from None


def weigh(config: AdviceConfig, factors: Factors) -> tuple[Weighed, Weighed]:
    """Ernst and kans op herhaling of a case, as given or from their aspects."""
    if factors.ernst is not None:
        ernst = Weighed("ernst", factors.ernst, (), None, 0, None)
    else:
        rule = config.weighing.ernst
        assert factors.risico is not None and factors.omvang is not None
        level = _lookup(rule.table, factors.risico, factors.omvang, "ernst table entry")
        aspects = (("risico", factors.risico), ("omvang", factors.omvang))
        ernst = Weighed("ernst", level, aspects, level, 0, rule)
    if factors.herhaling is not None:
        herhaling = Weighed("herhaling", factors.herhaling, (), None, 0, None)
    else:
        rule_h = config.weighing.herhaling
        assert factors.structuur is not None and factors.houding is not None
        base = _lookup(rule_h.table, factors.structuur, factors.houding, "herhaling table entry")
        recidive = factors.value("recidive")
        assert recidive is not None
        shift = rule_h.recidive.get(recidive, 0)  # type: ignore[call-overload]
        level = LEVELS[min(len(LEVELS) - 1, LEVELS.index(base) + shift)]
        aspects = (
            ("structuur", factors.structuur),
            ("houding", factors.houding),
            ("recidive", recidive),
        )
        moved = LEVELS.index(level) - LEVELS.index(base)
        herhaling = Weighed("herhaling", level, aspects, base, moved, rule_h)
    return ernst, herhaling


def proportionate_range(config: AdviceConfig, ernst: str, herhaling: str) -> Range:
    """The range the matrix gives for ernst × kans op herhaling."""
    for cell in config.matrix.cells:
        if (cell.ernst, cell.herhaling) == (ernst, herhaling):
            return Range(cell.from_, cell.to, cell)
    # validation guarantees every cell; a guard for hand-built configs
    raise NoAdviceSettings(Path(ADVICE_FILE), f"cell {ernst} × {herhaling}")


def range_of(config: AdviceConfig, factors: Factors) -> Range:
    """The range for a case: weigh it, then look it up in the matrix."""
    ernst, herhaling = weigh(config, factors)
    return proportionate_range(config, ernst.level, herhaling.level)


def sensitivity(config: AdviceConfig, factors: Factors, current: Range) -> list[Sensitivity]:
    """For every factor or aspect the case gives, the range one step lighter and one
    step heavier on its scale (only values that exist)."""
    out = []
    for name, value in factors.given():
        scale = SCALES[name]
        index = scale.index(value)
        for direction, other in (("lighter", index - 1), ("heavier", index + 1)):
            if not 0 <= other < len(scale):
                continue
            new = scale[other]
            variant = factors._replace(**{name: (new == "ja") if name == "recidive" else new})
            r = range_of(config, variant)
            changed = (r.lower, r.upper) != (current.lower, current.upper)
            out.append(Sensitivity(name, value, new, direction, r.lower, r.upper, changed))
    return out
