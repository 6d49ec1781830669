"""The measures that fit a range, and the advice that lists them: per document and
agency the candidates, least intrusive first, with who decides; why an agency has none;
the aangifte of a strafbaar feit; the next steps after what was taken; and `advise`,
which puts the weighing, the range and the measures together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..kb import KnowledgeBase
from ..messages import Message, msg
from ..models import LADDER, AdviceConfig, Agency, Document, Measure, StrafbaarFeit
from .factors import Factors
from .weighing import (
    Range,
    Sensitivity,
    Weighed,
    advice_config,
    proportionate_range,
    sensitivity,
    weigh,
)

if TYPE_CHECKING:
    from ..flowgraph import Step

#: The notice every advice carries.
ADVICE_NOTICE = msg(
    "This is advice, not a decision: handhaven is maatwerk. The weighing and the range "
    "are regional settings (advies.yaml), not rules of the framework they apply."
)

#: The class below the ladder: signalling measures, listed as "meld en deel" steps.
SIGNALERING = "signalering"


class Decider(NamedTuple):
    """Who decides on a measure, and where each statement comes from."""

    decided_by: str
    #: "measure" (its own field), "instrument_class" (the framework's rule for its class),
    #: "agency" (another document's measure: its agency's own decision), "unknown" (the
    #: measure says the text leaves it open) or None.
    decided_by_source: str | None
    collegebesluit: bool | None
    collegebesluit_source: str | None  # "measure", "instrument_class", "unknown" or None


class Candidate(NamedTuple):
    """A measure the advice lists, with who decides on it."""

    measure: Measure
    position: int | None  # its rung on its agency's ladder in the domain; None: no order
    decider: Decider


class Gap(NamedTuple):
    """Why an agency has no candidate in the range, and its nearest options."""

    #: "none-in-range" (no rung in these classes), "only-signalering", "taken" (every
    #: rung in range already taken), "financiering" (none for this form of financing) or
    #: "out-of-scope" (the framework's instruments are not for this form of financing).
    reason: str
    lighter: Candidate | None  # the heaviest rung below the range that is still open
    heavier: Candidate | None  # the lightest rung above the range that is still open


class Group(NamedTuple):
    """The candidates of one agency from one document, least intrusive first."""

    document: Document
    agency: Agency
    framework: bool  # the advice's own document: its rules apply
    candidates: list[Candidate]
    gap: Gap | None  # set when there is no candidate


class Aangifte(NamedTuple):
    """What a strafbaar feit adds to the advice, whatever the range."""

    rule: StrafbaarFeit
    framework: list[Candidate]  # the framework's aangifte instruments in the domain
    own: list[Candidate]  # other agencies' strafrecht rungs in the domain, their own option


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
    """The weighing, the range and the rule that gave it, and the measures that fit."""

    factors: Factors
    framework: Document  # the document whose factors, ladder and rules the advice applies
    ernst: Weighed
    herhaling: Weighed
    range: Range
    config: AdviceConfig  # the settings applied: the matrix's why, the financing scope
    sensitivity: list[Sensitivity]
    aangifte: Aangifte | None  # set when the case involves a strafbaar feit
    candidates: list[Group]
    able: list[Agency]  # agencies with a candidate in the range (whatever the --org filter)
    meld_en_deel: list[Group]
    taken: list[TakenMeasure]
    notice: Message

    @property
    def lower(self) -> str:
        return self.range.lower

    @property
    def upper(self) -> str:
        return self.range.upper

    @property
    def classes(self) -> tuple[str, ...]:
        return self.range.classes

    @property
    def basis(self) -> str:
        """The basis of the range: that of the matrix cell (by default `setting`)."""
        return self.range.cell.basis

    def listed(self) -> list[str]:
        """Ids of every measure the advice lists: the candidates and the aangifte step."""
        ids = [c.measure.id for g in self.candidates for c in g.candidates]
        if self.aangifte is not None:
            ids += [c.measure.id for c in (*self.aangifte.framework, *self.aangifte.own)]
        return list(dict.fromkeys(ids))


# --- the measures -----------------------------------------------------------------------


def who_decides(kb: KnowledgeBase, measure: Measure, framework: str | None = None) -> Decider:
    """Who decides on `measure`, and where that comes from.

    A measure of the advice's framework document (`framework`, default the document of
    advies.yaml): its own `decided_by` and `collegebesluit`, and for each it leaves out,
    the framework's rule for its instrument class where the class states one, unless the
    measure's provenance says the text leaves it open (an entry for the empty field: its
    source is then "unknown"). Any other document's measure is its agency's own decision:
    its own fields, never the framework's rules.
    """
    if framework is None:
        framework = kb.advies.document if kb.advies is not None else None
    college = measure.collegebesluit
    college_source = "measure" if college is not None else None
    if measure.document != framework:
        source = "measure" if measure.decided_by else "agency"
        return Decider(measure.decided_by, source, college, college_source)
    klass = None
    hk = kb.handhavingskader
    if hk is not None and hk.document == framework:
        klass = next((k for k in hk.instrument_classes if k.id == measure.instrument), None)
    decided_by, source = measure.decided_by, "measure" if measure.decided_by else None
    open_ = {name for name in ("decided_by", "collegebesluit") if name in measure.provenance}
    if not decided_by and "decided_by" in open_:
        source = "unknown"
    elif not decided_by and klass is not None and klass.decided_by:
        decided_by, source = klass.decided_by, "instrument_class"
    if college is None and "collegebesluit" in open_:
        college_source = "unknown"
    elif college is None and klass is not None and klass.collegebesluit is not None:
        college, college_source = klass.collegebesluit, "instrument_class"
    return Decider(decided_by, source, college, college_source)


def _in_scope(config: AdviceConfig, factors: Factors) -> bool:
    """Whether the framework's instruments are for the case's form of financing."""
    return factors.financiering is None or factors.financiering in config.financiering


def _financed(measure: Measure, financiering: str | None) -> bool:
    """An empty `financiering` means: not restricted to one form of financing."""
    return financiering is None or not measure.financiering or financiering in measure.financiering


def _candidate(kb: KnowledgeBase, m: Measure, domain: str, framework: str) -> Candidate:
    return Candidate(m, kb.rung(m, domain), who_decides(kb, m, framework))


def _group(
    kb: KnowledgeBase,
    config: AdviceConfig,
    factors: Factors,
    document: Document,
    agency: Agency,
    ladder: list[Measure],
    classes: Sequence[str],
) -> Group:
    framework = document.id == config.document
    in_scope = not framework or _in_scope(config, factors)

    def open_(m: Measure) -> bool:
        return (
            in_scope
            and m.id not in factors.taken
            and (not framework or _financed(m, factors.financiering))
        )

    def make(m: Measure) -> Candidate:
        return _candidate(kb, m, factors.domain, config.document)

    in_range = [m for m in ladder if m.instrument in classes]
    candidates = [make(m) for m in in_range if open_(m)]
    if candidates:
        return Group(document, agency, framework, candidates, None)
    low, high = LADDER.index(classes[0]), LADDER.index(classes[-1])
    rungs = [m for m in ladder if m.instrument != SIGNALERING and open_(m)]
    below = [m for m in rungs if LADDER.index(m.instrument) < low]
    above = [m for m in rungs if LADDER.index(m.instrument) > high]
    if not in_scope:
        reason = "out-of-scope"
    elif in_range:
        reason = "taken" if all(m.id in factors.taken for m in in_range) else "financiering"
    elif all(m.instrument == SIGNALERING for m in ladder):
        reason = "only-signalering"
    else:
        reason = "none-in-range"
    gap = Gap(reason, make(below[-1]) if below else None, make(above[0]) if above else None)
    return Group(document, agency, framework, [], gap)


def _ladders(kb: KnowledgeBase, domain: str) -> Iterator[tuple[Document, Agency, list[Measure]]]:
    """Every document's ladder of every agency in `domain`, in document then agency order."""
    for document in kb.documents:
        for agency in kb.agencies:
            ladder = kb.ladder(agency.id, domain, document.id)
            if ladder:
                yield document, agency, ladder


def _candidate_groups(
    kb: KnowledgeBase, config: AdviceConfig, factors: Factors, classes: Sequence[str]
) -> tuple[list[Group], list[Agency]]:
    """The groups to show (one agency with --org), and every agency that can act."""
    groups, able = [], {}
    for document, agency, ladder in _ladders(kb, factors.domain):
        group = _group(kb, config, factors, document, agency, ladder, classes)
        if group.candidates:
            able[agency.id] = agency
        if factors.agency is None or agency.id == factors.agency:
            groups.append(group)
    return groups, list(able.values())


def _meld_en_deel(kb: KnowledgeBase, config: AdviceConfig, factors: Factors) -> list[Group]:
    groups = []
    for document, agency, ladder in _ladders(kb, factors.domain):
        if factors.agency and agency.id != factors.agency:
            continue
        items = [
            _candidate(kb, m, factors.domain, config.document)
            for m in ladder
            if m.instrument == SIGNALERING and m.id not in factors.taken
        ]
        if items:
            groups.append(Group(document, agency, document.id == config.document, items, None))
    return groups


def _aangifte(kb: KnowledgeBase, config: AdviceConfig, factors: Factors) -> Aangifte | None:
    if not factors.strafbaar_feit:
        return None
    rule = config.strafbaar_feit
    by_id = kb.measures_by_id
    framework = [
        _candidate(kb, by_id[i], factors.domain, config.document)
        for i in rule.measures
        if i in by_id and factors.domain in by_id[i].domains and i not in factors.taken
    ]
    own = [
        _candidate(kb, m, factors.domain, config.document)
        for document, agency, ladder in _ladders(kb, factors.domain)
        if document.id != config.document
        and (factors.agency is None or agency.id == factors.agency)
        for m in ladder
        if m.instrument == "strafrecht" and m.id not in factors.taken
    ]
    return Aangifte(rule, framework, own)


def _taken(kb: KnowledgeBase, factors: Factors, listed: set[str]) -> list[TakenMeasure]:
    if not factors.taken:
        return []
    from ..flowgraph import next_steps  # networkx: only when something was taken

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
    """The weighing, the range and the measures that fit `factors`."""
    config = advice_config(kb)
    ernst, herhaling = weigh(config, factors)
    rng = proportionate_range(config, ernst.level, herhaling.level)
    candidates, able = _candidate_groups(kb, config, factors, rng.classes)
    meld_en_deel = _meld_en_deel(kb, config, factors) if config.meld_en_deel else []
    aangifte = _aangifte(kb, config, factors)
    listed = {c.measure.id for g in candidates + meld_en_deel for c in g.candidates}
    if aangifte is not None:
        listed |= {c.measure.id for c in (*aangifte.framework, *aangifte.own)}
    return Advice(
        factors=factors,
        framework=kb.documents_by_id[config.document],
        ernst=ernst,
        herhaling=herhaling,
        range=rng,
        config=config,
        sensitivity=sensitivity(config, factors, rng),
        aangifte=aangifte,
        candidates=candidates,
        able=able,
        meld_en_deel=meld_en_deel,
        taken=_taken(kb, factors, listed),
        notice=ADVICE_NOTICE,
    )
