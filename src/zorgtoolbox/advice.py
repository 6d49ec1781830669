"""Proportionality advice: the Handhavingskader's weighing factors made usable.

`advise(kb, factors)` looks up a case's ernst × kans op herhaling in the intervention
matrix of advies.yaml, lets houding and recidive move that range as the data says (each
step with the `why` it rests on), and lists the measures of the domain whose instrument
class lies in the range: least intrusive first, grouped by agency. Measures already taken
are left out; their suggested next steps come from the stromenmodel.

Every number and choice lives in advies.yaml, none here. Nothing here prints, and nothing
here decides: the answer is advice (`ADVICE_NOTICE`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .errors import InvalidDataError, InvalidFileError, UsageError
from .findings import error
from .kb import KnowledgeBase
from .models import (
    DOMAINS,
    FINANCIERINGEN,
    HOUDINGEN,
    LADDER,
    LEVELS,
    AdviceConfig,
    Agency,
    Case,
    Measure,
    Move,
    Reason,
)
from .queries import choose, resolve_agency, resolve_measure

if TYPE_CHECKING:
    from .flowgraph import Step
    from .loader import Loaded

ADVICE_FILE = "advies.yaml"

#: The notice every advice carries, in the Handhavingskader's own words.
ADVICE_NOTICE = (
    'This is advice, not a decision: "Handhaven is maatwerk." (Handhavingskader 4.3) '
    '"Een lichte maatregel gaat niet vanzelfsprekend vooraf aan een zware maatregel. Als de '
    "ernst van de situatie daar om vraagt, kunnen gemeenten ervoor kiezen om ook bij de "
    'eerste overtreding direct de zwaarste maatregel in te zetten." (4.1)'
)

#: The class below the ladder: signalling measures, listed as "meld en deel" steps.
SIGNALERING = "signalering"


class Factors(NamedTuple):
    """The weighing factors of one case, checked and normalised (see `make_factors`)."""

    domain: str
    ernst: str
    herhaling: str
    houding: str | None = None
    recidive: bool | None = None
    financiering: str | None = None
    agency: str | None = None
    taken: tuple[str, ...] = ()
    label: str | None = None


class TraceStep(NamedTuple):
    """One step in setting the range: the matrix cell, or an adjustment, and why."""

    factor: str  # "ernst × herhaling", "houding" or "recidive"
    value: str  # "groot × groot", "niet-willen", "ja"
    before: tuple[str, str] | None  # (from, to) before this step; None for the cell
    after: tuple[str, str]
    why: Reason

    @property
    def changed(self) -> bool:
        return self.before is None or self.before != self.after


class Candidate(NamedTuple):
    """A measure in the range, with who decides on it."""

    measure: Measure
    position: int | None  # on its agency's ladder in the domain; None: its document ranks none
    decided_by: str
    collegebesluit: bool | None
    #: Where `decided_by` comes from: "measure", "instrument_class" (the Handhavingskader's
    #: rule for the class, for the agencies it covers) or None when no source says.
    decided_by_source: str | None


class AgencyGroup(NamedTuple):
    """The candidates of one agency, least intrusive first."""

    agency: Agency
    candidates: list[Candidate]


class NextStep(NamedTuple):
    """A suggested next step after a taken measure, and where it stands in the advice."""

    step: Step
    candidate: bool  # listed among the candidates or the meld-en-deel steps
    taken: bool


class TakenMeasure(NamedTuple):
    """A measure already taken, with its suggested next steps (stromenmodel, depth 1)."""

    measure: Measure
    in_domain: bool  # whether it belongs to the advice's domain
    domains: list[str]  # the domains whose flows were followed
    next: list[NextStep]


class Advice(NamedTuple):
    """The proportionate range, how it was found, and the measures in it."""

    factors: Factors
    lower: str
    upper: str
    trace: list[TraceStep]
    candidates: list[AgencyGroup]
    meld_en_deel: list[AgencyGroup]
    taken: list[TakenMeasure]
    notice: str

    @property
    def classes(self) -> tuple[str, ...]:
        """The ladder classes of the range, lightest first."""
        return LADDER[LADDER.index(self.lower) : LADDER.index(self.upper) + 1]


# --- the factors ------------------------------------------------------------------------


def make_factors(
    kb: KnowledgeBase,
    *,
    case: Loaded[Case] | None = None,
    domain: str | None = None,
    org: str | None = None,
    ernst: str | None = None,
    herhaling: str | None = None,
    houding: str | None = None,
    recidive: bool | None = None,
    financiering: str | None = None,
    taken: str | Sequence[str] | None = None,
) -> Factors:
    """The factors of a case: the command line's values over those of the case file.

    Values typed on the command line are matched forgivingly (`queries.choose`); a bad
    one raises `UsageError` listing the valid ones. A case file's agency or measure that
    does not exist raises `InvalidFileError` located in the file.
    """
    c = case.model if case is not None else Case()
    chosen_domain = _required(domain, c.domain, DOMAINS, "domain")
    agency: str | None = None
    if org is not None:
        agency = resolve_agency(kb, org).id
    elif c.org is not None:
        agency = _from_case(case, ("org",), "unknown-agency", lambda: resolve_agency(kb, c.org).id)
    if taken is not None:
        names = taken.split(",") if isinstance(taken, str) else list(taken)
        ids = [resolve_measure(kb, name.strip()).id for name in names if name.strip()]
    else:
        ids = [
            _from_case(case, ("taken", i), "unknown-measure", lambda n=n: resolve_measure(kb, n).id)
            for i, n in enumerate(c.taken)
        ]
    return Factors(
        domain=chosen_domain,
        ernst=_required(ernst, c.ernst, LEVELS, "ernst"),
        herhaling=_required(herhaling, c.herhaling, LEVELS, "herhaling"),
        houding=choose(houding, HOUDINGEN, "houding") if houding is not None else c.houding,
        recidive=recidive if recidive is not None else c.recidive,
        financiering=choose(financiering, FINANCIERINGEN, "financiering")
        if financiering is not None
        else c.financiering,
        agency=agency,
        taken=tuple(dict.fromkeys(ids)),
        label=c.label,
    )


def _required(value: str | None, from_case: str | None, choices: Sequence[str], name: str) -> str:
    if value is not None:
        return choose(value, choices, name)
    if from_case is not None:
        return from_case
    raise UsageError(f"give --{name} ({', '.join(choices)}), or set {name} in the case file")


def _from_case(
    case: Loaded[Case] | None, path: tuple[str | int, ...], code: str, resolve: Callable[[], str]
) -> str:
    """Resolve a name from the case file; an unknown one is a located finding."""
    try:
        return resolve()
    except UsageError as exc:
        assert case is not None
        raise InvalidFileError([error(code, case.locate(*path, key=False), str(exc))]) from None


# --- the range --------------------------------------------------------------------------


def advice_config(kb: KnowledgeBase) -> AdviceConfig:
    """The intervention matrix; raises `InvalidDataError` when the data has none."""
    if kb.advies is None:
        raise InvalidDataError(
            f"{kb.data_dir / ADVICE_FILE} is missing: advise needs the intervention matrix "
            f"of {ADVICE_FILE} (see the README, 'zorgtoolbox advise')"
        )
    return kb.advies


def stated_values(factors: Factors) -> dict[str, str | None]:
    """The case's values of the adjusting factors, as advies.yaml names them."""
    recidive = None if factors.recidive is None else ("ja" if factors.recidive else "nee")
    return {"houding": factors.houding, "recidive": recidive}


def proportionate_range(config: AdviceConfig, factors: Factors) -> tuple[str, str, list[TraceStep]]:
    """The range (from, to) on the ladder and the trace of how it was found.

    First the matrix cell of ernst × herhaling; then, in the order of advies.yaml, every
    adjustment whose factor value the case has. An adjustment moves each end (`shift`
    rungs, then `at_least`, then `at_most`), kept on the ladder; when it pushes the lower
    end above the upper end, the upper end follows it up (and the other way round).
    """
    cell = next(
        (c for c in config.matrix if (c.ernst, c.herhaling) == (factors.ernst, factors.herhaling)),
        None,
    )
    if cell is None:  # validation guarantees every cell; a guard for hand-built configs
        raise InvalidDataError(
            f"{ADVICE_FILE} has no cell for ernst {factors.ernst} × herhaling {factors.herhaling}"
        )
    low, high = LADDER.index(cell.from_), LADDER.index(cell.to)
    trace = [
        TraceStep(
            "ernst × herhaling",
            f"{factors.ernst} × {factors.herhaling}",
            None,
            (cell.from_, cell.to),
            cell.why,
        )
    ]
    stated = stated_values(factors)
    for adjustment in config.adjustments:
        if stated.get(adjustment.factor) != adjustment.value:
            continue
        new_low, new_high = _move(low, adjustment.from_), _move(high, adjustment.to)
        if new_low > new_high:
            if new_low != low:
                new_high = new_low
            else:
                new_low = new_high
        trace.append(
            TraceStep(
                adjustment.factor,
                adjustment.value,
                (LADDER[low], LADDER[high]),
                (LADDER[new_low], LADDER[new_high]),
                adjustment.why,
            )
        )
        low, high = new_low, new_high
    return LADDER[low], LADDER[high], trace


def _move(index: int, move: Move) -> int:
    index = max(0, min(len(LADDER) - 1, index + move.shift))
    if move.at_least is not None:
        index = max(index, LADDER.index(move.at_least))
    if move.at_most is not None:
        index = min(index, LADDER.index(move.at_most))
    return index


# --- the measures -----------------------------------------------------------------------


def who_decides(kb: KnowledgeBase, measure: Measure) -> tuple[str, bool | None, str | None]:
    """(decided_by, collegebesluit, where that comes from) for a measure.

    The measure's own fields when it has them; else, for a measure of the
    Handhavingskader's own document, that framework's rule for the instrument class (its
    rules never apply to another document's measures); else nothing is known.
    """
    if measure.decided_by or measure.collegebesluit is not None:
        return measure.decided_by, measure.collegebesluit, "measure"
    hk = kb.handhavingskader
    if hk is not None and measure.document == hk.document:
        for klass in hk.instrument_classes:
            if klass.id == measure.instrument:
                return klass.decided_by, klass.collegebesluit, "instrument_class"
    return "", None, None


def _financed(measure: Measure, financiering: str | None) -> bool:
    """An empty `financiering` means: not restricted to one form of financing."""
    return financiering is None or not measure.financiering or financiering in measure.financiering


def _groups(kb: KnowledgeBase, factors: Factors, classes: Sequence[str]) -> list[AgencyGroup]:
    groups = []
    for agency in kb.agencies:
        if factors.agency and agency.id != factors.agency:
            continue
        items = [
            Candidate(m, m.domains[factors.domain].position, *who_decides(kb, m))  # type: ignore[index]
            for m in kb.ladder(agency.id, factors.domain)
            if m.instrument in classes
            and m.id not in factors.taken
            and _financed(m, factors.financiering)
        ]
        if items:
            groups.append(AgencyGroup(agency, items))
    return groups


def _taken(kb: KnowledgeBase, factors: Factors, listed: set[str]) -> list[TakenMeasure]:
    if not factors.taken:
        return []
    from .flowgraph import next_steps  # networkx: only when something was taken

    out = []
    for measure_id in factors.taken:
        m = kb.measures_by_id[measure_id]
        in_domain = factors.domain in m.domains
        domains, tree = next_steps(kb, m, factors.domain if in_domain else None, depth=1)
        steps = [
            NextStep(node.step, node.step.node.id in listed, node.step.node.id in factors.taken)
            for node in tree
        ]
        out.append(TakenMeasure(m, in_domain, domains, steps))
    return out


def advise(kb: KnowledgeBase, factors: Factors) -> Advice:
    """The proportionate range for `factors`, its trace, and the measures in it."""
    config = advice_config(kb)
    lower, upper, trace = proportionate_range(config, factors)
    classes = LADDER[LADDER.index(lower) : LADDER.index(upper) + 1]
    candidates = _groups(kb, factors, classes)
    meld_en_deel = _groups(kb, factors, (SIGNALERING,)) if config.meld_en_deel else []
    listed = {c.measure.id for g in candidates + meld_en_deel for c in g.candidates}
    return Advice(
        factors,
        lower,
        upper,
        trace,
        candidates,
        meld_en_deel,
        _taken(kb, factors, listed),
        ADVICE_NOTICE,
    )
