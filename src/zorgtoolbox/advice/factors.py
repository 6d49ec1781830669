"""The factors of one case: what was given (on the command line or in a case file),
checked against the scales of the Handhavingskader (4.2) and normalised into `Factors`.

Each weighing factor is given directly or through all of its aspects, never both, so no
aspect counts twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import (
    AmbiguousName,
    AspectsMissing,
    DomainNeeded,
    EmptyName,
    FactorMissing,
    FactorTwice,
    InvalidFileError,
    UnknownName,
)
from ..findings import Finding, error
from ..kb import KnowledgeBase
from ..models import ASPECTS, DOMAINS, FINANCIERINGEN, LEVELS, Agency, CaseFactors, Measure
from ..names import find_agency, find_measure, name_problem
from ..text import close_matches

if TYPE_CHECKING:
    from ..loaded import Loaded

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
