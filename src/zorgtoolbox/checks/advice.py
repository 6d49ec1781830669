"""Checks of advies.yaml, the intervention matrix of `zorgtoolbox advise`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..findings import Finding, error
from ..loader import LoadedData
from ..models import ADJUSTING_FACTORS, LADDER, LEVELS, Reason
from ..provenance import find
from ._common import suggest, unique


def check_advice_matrix_complete(data: LoadedData) -> Iterable[Finding]:
    """The matrix has every ernst × herhaling cell (3 × 3), each exactly once."""
    adv = data.advies
    if adv is None:
        return
    cells = adv.model.matrix
    yield from unique(
        (
            ((c.ernst, c.herhaling), adv.locate("matrix", i), f"{c.ernst} × {c.herhaling}")
            for i, c in enumerate(cells)
        ),
        "duplicate-cell",
        "cell ernst × herhaling",
        "each cell of the matrix is listed once",
    )
    present = {(c.ernst, c.herhaling) for c in cells}
    for ernst in LEVELS:
        for herhaling in LEVELS:
            if (ernst, herhaling) not in present:
                yield error(
                    "missing-cell",
                    adv.locate("matrix"),
                    f"the matrix has no cell for ernst {ernst} × herhaling {herhaling}; "
                    f"add one with its from, to and why (every one of the "
                    f"{len(LEVELS) * len(LEVELS)} cells is needed)",
                )


def check_advice_ranges_ordered(data: LoadedData) -> Iterable[Finding]:
    """In every cell `from` is not above `to` on the ladder, and no adjustment asks for
    an end to be at least a class above the one it must be at most."""
    adv = data.advies
    if adv is None:
        return
    for i, cell in enumerate(adv.model.matrix):
        if LADDER.index(cell.from_) > LADDER.index(cell.to):
            yield error(
                "inverted-range",
                adv.locate("matrix", i, "from", key=False),
                f"cell {cell.ernst} × {cell.herhaling} runs from {cell.from_} down to "
                f"{cell.to}; `from` is the lighter end (ladder: {', '.join(LADDER)})",
            )
    for i, adj in enumerate(adv.model.adjustments):
        for end, move in (("from", adj.from_), ("to", adj.to)):
            if (
                move.at_least is not None
                and move.at_most is not None
                and LADDER.index(move.at_least) > LADDER.index(move.at_most)
            ):
                yield error(
                    "inverted-range",
                    adv.locate("adjustments", i, end, "at_least", key=False),
                    f"adjustment {adj.factor} {adj.value}: {end}.at_least {move.at_least} is "
                    f"above {end}.at_most {move.at_most}",
                )


def check_advice_adjustments_known(data: LoadedData) -> Iterable[Finding]:
    """Adjustments name a known factor (houding, recidive) and one of its values, and
    each factor value is adjusted once."""
    adv = data.advies
    if adv is None:
        return
    adjustments = adv.model.adjustments
    for i, adj in enumerate(adjustments):
        if adj.factor not in ADJUSTING_FACTORS:
            known = list(ADJUSTING_FACTORS)
            yield error(
                "unknown-factor-value",
                adv.locate("adjustments", i, "factor", key=False),
                f"unknown factor '{adj.factor}'; the range is adjusted by: {', '.join(known)}"
                + suggest(adj.factor, known),
            )
        elif adj.value not in ADJUSTING_FACTORS[adj.factor]:
            values = list(ADJUSTING_FACTORS[adj.factor])
            yield error(
                "unknown-factor-value",
                adv.locate("adjustments", i, "value", key=False),
                f"{adj.factor} has no value '{adj.value}'; known: {', '.join(values)}"
                + suggest(adj.value, values),
            )
    yield from unique(
        (
            ((a.factor, a.value), adv.locate("adjustments", i), f"{a.factor} {a.value}")
            for i, a in enumerate(adjustments)
        ),
        "duplicate-adjustment",
        "adjustment",
        "give each factor value one adjustment",
    )


#: A section reference starts with its number ("4.2 …", "2.1 …") or names a Bijlage.
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s|Bijlage\s+\d+)")


def check_advice_reasons_cited(data: LoadedData) -> Iterable[Finding]:
    """Every `why` of advies.yaml cites the document the advice applies (its `document`)
    with a numbered section."""
    adv = data.advies
    if adv is None:
        return
    document = adv.model.document
    for path, reason in find(adv.model, Reason):
        cited = reason
        if cited.document not in (None, document):
            yield error(
                "uncited-reason",
                adv.locate(*path, "document", key=False),
                f"this why cites '{cited.document}'; the advice rests on the "
                f"Handhavingskader: cite '{document}' and its section",
            )
        elif not _SECTION_NUMBER.match(cited.section):
            yield error(
                "uncited-reason",
                adv.locate(*path, "section", key=False),
                f"section '{cited.section}' has no section number; cite it as the "
                "Handhavingskader numbers it, e.g. '4.2 Wegingsfactoren voor inzet van "
                "maatregelen' or 'Bijlage 3'",
            )
