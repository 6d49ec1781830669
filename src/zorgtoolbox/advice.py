"""Proportionality advice: the Handhavingskader's weighing factors made usable.

`advise(kb, factors)` weighs one case as advies.yaml says and lists what fits:

1. **Weighing.** Ernst and kans op herhaling are each given directly or through all of
   their aspects (4.2), never both, so no aspect counts twice. How aspects combine is a
   table in advies.yaml: a regional setting.
2. **Range.** The matrix of advies.yaml maps ernst × kans op herhaling to a range on the
   ladder (advies … strafrecht). It is a regional setting too: the Handhavingskader gives
   the factors and the classes, not a rule between them.
3. **Candidates, per document and agency.** The instruments of the advice's own document
   (the Handhavingskader) carry its rules: who decides, collegebesluit, ZIN/PGB. Another
   document's measures are their agency's own decision, on their agency's own ladder. An
   agency with nothing in the range is told why, with its nearest rungs and the agencies
   that can act: never a bare "nothing".
4. **Strafbaar feit.** A criminal offence always adds aangifte, and who does it, whatever
   the range.
5. **Sensitivity.** For each factor or aspect given, the range one step lighter and one
   step heavier.

Every number and choice lives in advies.yaml, none here. Nothing here prints, and nothing
here decides: the answer is advice (`ADVICE_NOTICE`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import (
    AmbiguousName,
    AspectsMissing,
    DomainNeeded,
    EmptyName,
    FactorMissing,
    FactorTwice,
    InvalidFileError,
    NoAdviceSettings,
    UnknownName,
)
from .findings import Finding, error
from .kb import KnowledgeBase
from .messages import Message, msg
from .models import (
    ASPECTS,
    DOMAINS,
    FINANCIERINGEN,
    LADDER,
    LEVELS,
    AdviceCell,
    AdviceConfig,
    Agency,
    CaseFactors,
    Choice,
    Document,
    Measure,
    StrafbaarFeit,
)
from .names import find_agency, find_measure, name_problem
from .text import close_matches

if TYPE_CHECKING:
    from .flowgraph import Step
    from .loader import Loaded

ADVICE_FILE = "advies.yaml"

#: The notice every advice carries.
ADVICE_NOTICE = msg(
    "This is advice, not a decision: handhaven is maatwerk. The weighing and the range "
    "are regional settings (advies.yaml), not rules of the framework they apply."
)

#: The class below the ladder: signalling measures, listed as "meld en deel" steps.
SIGNALERING = "signalering"

#: The factors and aspects a case can give, in the order they are shown.
FACTOR_FIELDS: tuple[str, ...] = tuple(
    name for factor, aspects in ASPECTS.items() for name in (factor, *aspects)
)

#: The scale of every factor and aspect, lightest first.
SCALES: dict[str, tuple[str, ...]] = {
    **{factor: LEVELS for factor in ASPECTS},
    **{aspect: scale for aspects in ASPECTS.values() for aspect, scale in aspects.items()},
}


class Factors(NamedTuple):
    """The factors of one case, checked and normalised (see `make_factors`).

    Of each weighing factor either the factor itself (`ernst`, `herhaling`) or all of its
    aspects is set, never both.
    """

    domain: str
    ernst: str | None = None
    risico: str | None = None
    omvang: str | None = None
    herhaling: str | None = None
    structuur: str | None = None
    houding: str | None = None
    recidive: bool | None = None
    strafbaar_feit: bool = False
    financiering: str | None = None
    agency: str | None = None
    taken: tuple[str, ...] = ()
    label: str | None = None

    def value(self, name: str) -> str | None:
        """A factor or aspect as its scale names it (recidive: "ja" or "nee")."""
        raw = getattr(self, name)
        if isinstance(raw, bool):
            return "ja" if raw else "nee"
        return raw

    def given(self) -> list[tuple[str, str]]:
        """(name, value) of every factor and aspect the case gives, in display order."""
        out = []
        for name in FACTOR_FIELDS:
            value = self.value(name)
            if value is not None:
                out.append((name, value))
        return out


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


class Decider(NamedTuple):
    """Who decides on a measure, and where each statement comes from."""

    decided_by: str
    #: "measure" (its own field), "instrument_class" (the framework's rule for its class),
    #: "agency" (another document's measure: its agency's own decision) or None.
    decided_by_source: str | None
    collegebesluit: bool | None
    collegebesluit_source: str | None  # "measure", "instrument_class" or None


class Candidate(NamedTuple):
    """A measure the advice lists, with who decides on it."""

    measure: Measure
    position: int | None  # on its agency's ladder in the domain; None: its document ranks none
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


# --- the factors ------------------------------------------------------------------------


def make_factors(
    kb: KnowledgeBase,
    *,
    case: Loaded[Any] | None = None,
    at: tuple[str | int, ...] = (),
    domain: str | None = None,
    org: str | None = None,
    ernst: str | None = None,
    risico: str | None = None,
    omvang: str | None = None,
    herhaling: str | None = None,
    structuur: str | None = None,
    houding: str | None = None,
    recidive: bool | None = None,
    strafbaar_feit: bool | None = None,
    financiering: str | None = None,
    taken: Sequence[str] | None = None,
) -> Factors:
    """The factors of a case: the values given here over those of the case file.

    `case` is a loaded case file (or a reference case, whose factors lie under `at`).
    The values given here are exact (a level of its scale, an agency id, measure ids):
    the command line has matched what was typed. Per weighing factor, what is given
    here (the factor, or aspects) replaces the case file's way of giving it. A value off
    its scale raises `UnknownName`; a factor given both directly and through aspects
    `FactorTwice`; a factor missing `FactorMissing` or `AspectsMissing`; no domain
    `DomainNeeded`. A case file that gives a factor both ways, or names an agency or
    measure that does not exist (by id, id part or title, as on the command line),
    raises `InvalidFileError` located in the file.
    """
    c = _factors_of(case.model, at) if case is not None else CaseFactors()
    if case is not None:
        double = list(_double_counted(case, at, c))
        if double:
            raise InvalidFileError(double)
    typed: dict[str, Any] = {
        name: _exact(value, SCALES[name], name) if isinstance(value, str) else value
        for name, value in {
            "ernst": ernst,
            "risico": risico,
            "omvang": omvang,
            "herhaling": herhaling,
            "structuur": structuur,
            "houding": houding,
            "recidive": recidive,
        }.items()
    }
    weighed: dict[str, Any] = {}
    for factor, aspects in ASPECTS.items():
        weighed.update(_one_factor(factor, tuple(aspects), typed, c))
    agency: str | None = None
    if org is not None:
        agency = _exact(org, tuple(kb.agencies_by_id), "agency")
    elif c.org is not None:
        agency = _from_case(case, (*at, "org"), "unknown-agency", lambda: find_agency(kb, c.org))
    if taken is not None:
        ids = [_exact(i, tuple(kb.measures_by_id), "measure") for i in taken]
    else:
        ids = [
            _from_case(case, (*at, "taken", i), "unknown-measure", lambda n=n: find_measure(kb, n))
            for i, n in enumerate(c.taken)
        ]
    if domain is not None:
        chosen_domain = _exact(domain, DOMAINS, "domain")
    elif c.domain is not None:
        chosen_domain = c.domain
    else:
        raise DomainNeeded("advice", DOMAINS)
    return Factors(
        domain=chosen_domain,
        **weighed,
        strafbaar_feit=bool(strafbaar_feit if strafbaar_feit is not None else c.strafbaar_feit),
        financiering=_exact(financiering, FINANCIERINGEN, "financiering")
        if financiering is not None
        else c.financiering,
        agency=agency,
        taken=tuple(dict.fromkeys(ids)),
        label=getattr(case.model, "label", None) if case is not None else None,
    )


def _exact(value: str, choices: Sequence[str], kind: str) -> str:
    if value not in choices:
        raise UnknownName(kind, value, tuple(choices), tuple(close_matches(value, choices)))
    return value


def _factors_of(model: Any, at: tuple[str | int, ...]) -> CaseFactors:
    for part in at:
        model = getattr(model, str(part))
    return model  # type: ignore[no-any-return]


def _one_factor(
    factor: str, aspects: tuple[str, ...], typed: dict[str, Any], case: CaseFactors
) -> dict[str, Any]:
    """The values of one factor and its aspects: given directly or by all aspects."""
    names = (factor, *aspects)
    typed_here = {n: typed[n] for n in names if typed[n] is not None}
    if factor in typed_here and len(typed_here) > 1:
        raise FactorTwice(factor, tuple(n for n in typed_here if n != factor))
    if factor in typed_here:
        chosen = {factor: typed_here[factor]}
    elif typed_here:
        chosen = {a: typed_here.get(a, getattr(case, a)) for a in aspects}
    else:
        chosen = {n: getattr(case, n) for n in names}
    if chosen.get(factor) is None:
        missing = tuple(a for a in aspects if chosen.get(a) is None)
        if len(missing) == len(aspects):
            raise FactorMissing(factor, aspects, LEVELS)
        if missing:
            raise AspectsMissing(factor, missing)
    return {n: chosen.get(n) for n in names}


def _double_counted(
    case: Loaded[Any], at: tuple[str | int, ...], c: CaseFactors
) -> Iterator[Finding]:
    for factor, aspects in ASPECTS.items():
        given = [a for a in aspects if getattr(c, a) is not None]
        if getattr(c, factor) is not None and given:
            yield error(
                "conflicting-factors",
                case.locate(*at, given[0]),
                "{factor} is given directly and through its aspects ({given}); give one or "
                "the other, so that no aspect is counted twice (aspects of {factor}: "
                "{aspects})",
                factor=factor,
                given=given,
                aspects=tuple(aspects),
            )


def _from_case(
    case: Loaded[Any] | None,
    path: tuple[str | int, ...],
    code: str,
    find: Callable[[], Agency | Measure],
) -> str:
    """The id of what a name in the case file refers to; a name that refers to nothing,
    or to several records, is a located finding."""
    assert case is not None
    try:
        return find().id
    except (UnknownName, AmbiguousName, EmptyName) as exc:
        where = case.locate(*path, key=False)
        raise InvalidFileError([error(code, where, name_problem(exc))]) from None


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


# --- the measures -----------------------------------------------------------------------


def who_decides(kb: KnowledgeBase, measure: Measure, framework: str | None = None) -> Decider:
    """Who decides on `measure`, and where that comes from.

    A measure of the advice's framework document (`framework`, default the document of
    advies.yaml): its own `decided_by` and `collegebesluit`, and for each it leaves out,
    the framework's rule for its instrument class where the class states one. Any other
    document's measure is its agency's own decision: its own fields, never the
    framework's rules.
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
    if not decided_by and klass is not None and klass.decided_by:
        decided_by, source = klass.decided_by, "instrument_class"
    if college is None and klass is not None and klass.collegebesluit is not None:
        college, college_source = klass.collegebesluit, "instrument_class"
    return Decider(decided_by, source, college, college_source)


def _in_scope(config: AdviceConfig, factors: Factors) -> bool:
    """Whether the framework's instruments are for the case's form of financing."""
    return factors.financiering is None or factors.financiering in config.financiering


def _financed(measure: Measure, financiering: str | None) -> bool:
    """An empty `financiering` means: not restricted to one form of financing."""
    return financiering is None or not measure.financiering or financiering in measure.financiering


def _candidate(kb: KnowledgeBase, m: Measure, domain: str, framework: str) -> Candidate:
    placement = m.domains.get(domain)  # type: ignore[call-overload]
    position = placement.position if placement is not None else None
    return Candidate(m, position, who_decides(kb, m, framework))


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
