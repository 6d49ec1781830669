"""What the user typed, turned into the typed values the library takes.

Every command parses its options here: domains, agencies, measures, vocabularies,
formats, numbers and the factors of an advice. Names are matched as `names` matches
them (case, accents, prefixes, parts of a measure's id or title); a value that fits
nothing raises the library's `UnknownName` or `AmbiguousName`, or `BadValue` for a
value of an option, which `words` says in the reader's language with one "did you mean"
policy (`text.close_matches`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ZorgtoolboxError
from ..models import DOMAINS, FINANCIERINGEN, INSTRUMENTS, TARGETS
from ..names import choose, find_agency, find_measure, find_measures

if TYPE_CHECKING:
    from ..kb import KnowledgeBase
    from ..models import Agency, Measure
    from ..queries import MeasureFilter


class BadValue(ZorgtoolboxError):
    """A value of an option that does not fit: `option`, the `value` typed, and what
    fits (`expected`: "number", with `low` and `high`)."""

    def __init__(self, option: str, value: str, expected: str, low: int = 0, high: int = 0):
        super().__init__(f"{option} {value!r}: expected {expected}")
        self.option, self.value, self.expected, self.low, self.high = (
            option,
            value,
            expected,
            low,
            high,
        )


def domain(value: str | None) -> str | None:
    """A domain (fraude, overlast), or None when none was given."""
    return choose(value, DOMAINS, "domain") if value is not None else None


def agency(kb: KnowledgeBase, name: str | None) -> Agency | None:
    return find_agency(kb, name) if name is not None else None


def agency_id(kb: KnowledgeBase, name: str | None) -> str | None:
    found = agency(kb, name)
    return found.id if found is not None else None


def measure(kb: KnowledgeBase, name: str) -> Measure:
    return find_measure(kb, name)


def measures(kb: KnowledgeBase, names: str | None) -> tuple[str, ...] | None:
    """Ids of the measures of a comma-separated list of names (None when not given)."""
    if names is None:
        return None
    return tuple(
        m.id for m in find_measures(kb, [n.strip() for n in names.split(",") if n.strip()])
    )


def choice(value: str | None, choices: Sequence[str], kind: str) -> str | None:
    """One of `choices` (a vocabulary of the models, a format), or None."""
    return choose(value, choices, kind) if value is not None else None


def number(option: str, value: str, low: int, high: int) -> int:
    """A whole number from `low` to `high`, as typed for `option`."""
    text = value.strip()
    if not (text.isdigit() and low <= int(text) <= high):
        raise BadValue(option, value, "number", low, high)
    return int(text)


def measure_filter(
    kb: KnowledgeBase,
    *,
    org: str | None,
    domain_name: str | None,
    instrument: str | None,
    target: str | None,
    source: str | None,
) -> MeasureFilter:
    """The filter of `measures`: every value checked against the knowledge base."""
    from ..queries import MeasureFilter

    return MeasureFilter(
        agency=agency_id(kb, org),
        domain=domain(domain_name),
        instrument=choice(instrument, INSTRUMENTS, "instrument"),
        target=choice(target, TARGETS, "target"),
        document=choice(source, [d.id for d in kb.documents], "document"),
    )


def advice_factors(kb: KnowledgeBase, case: Any, values: dict[str, Any]) -> Any:
    """The factors of an advice: what was typed (`values`, by option) over the case file."""
    from .. import advice

    typed = {
        name: choice(values.get(name), advice.SCALES[name], name)
        for name in advice.SCALES
        if name != "recidive"
    }
    return advice.make_factors(
        kb,
        case=case,
        domain=domain(values.get("domain")),
        org=agency_id(kb, values.get("org")),
        recidive=values.get("recidive"),
        strafbaar_feit=values.get("strafbaar_feit"),
        financiering=choice(values.get("financiering"), FINANCIERINGEN, "financiering"),
        taken=measures(kb, values.get("taken")),
        **typed,
    )
