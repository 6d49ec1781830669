"""Which record or value a name refers to, matched forgivingly.

What a person types (on the command line, or in a case file) is matched without case and
accents, by a unique prefix, and for measures also by any part of the id or the title. A
name that matches nothing raises `UnknownName` with the valid choices and the closest
ones (`text.close_matches`: the one "did you mean"); one that matches several raises
`AmbiguousName` with the candidates. The command line words both; a case file turns them
into located findings.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import AmbiguousName, EmptyName, UnknownName
from .kb import KnowledgeBase
from .messages import N_, Message, alternatives, msg
from .models import Agency, Measure
from .text import close_matches, fold

#: How many candidates an `AmbiguousName` lists.
MAX_CANDIDATES = 10


def choose(value: str, choices: Sequence[str], kind: str) -> str:
    """The choice `value` names: exact, accent/case-insensitive, or a unique prefix."""
    folded = fold(value)
    exact = [c for c in choices if fold(c) == folded]
    if exact:
        return exact[0]
    prefixed = [c for c in choices if fold(c).startswith(folded)] if folded else []
    if len(prefixed) == 1:
        return prefixed[0]
    raise UnknownName(kind, value, tuple(choices), tuple(close_matches(value, choices, 3)))


def find_agency(kb: KnowledgeBase, name: str) -> Agency:
    """The agency `name` refers to: its id, name or full name, or a unique prefix of the
    id or name."""
    folded = fold(name)
    if not folded:
        raise EmptyName("agency")
    for agency in kb.agencies:
        if folded in (fold(agency.id), fold(agency.name), fold(agency.full_name)):
            return agency
    prefixed = [
        a for a in kb.agencies if fold(a.id).startswith(folded) or fold(a.name).startswith(folded)
    ]
    if len(prefixed) == 1:
        return prefixed[0]
    ids = tuple(a.id for a in kb.agencies)
    close = close_matches(name, [*ids, *(a.name for a in kb.agencies)], 3)
    raise UnknownName("agency", name, ids, tuple(close))


def find_measure(kb: KnowledgeBase, name: str) -> Measure:
    """The measure `name` refers to: its id, its title, a unique id prefix, or a unique
    part of its id or title."""
    by_id = kb.measures_by_id
    if name in by_id:
        return by_id[name]
    if name in kb.retired:  # a retired measure's id finds the measure in its place
        return by_id[kb.retired[name]]
    folded = fold(name)
    if not folded:
        raise EmptyName("measure")
    for m in kb.measures:
        if fold(m.title) == folded or m.id == folded:
            return m
    candidates = [m for m in kb.measures if m.id.startswith(folded)]
    if not candidates:  # then any part of the id or of the title
        spaced = folded.replace("-", " ")
        candidates = [
            m for m in kb.measures if folded in m.id or spaced in fold(m.title.replace("-", " "))
        ]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise AmbiguousName("measure", name, tuple((m.id, m.title) for m in candidates))
    close = close_matches(folded, list(by_id), 3)
    if not close:
        from .queries import search

        close = [hit.id for hit in search(kb, name, kinds=("measure",), limit=3)]
    raise UnknownName("measure", name, (), tuple(close))


def find_measures(kb: KnowledgeBase, names: Sequence[str]) -> tuple[Measure, ...]:
    """Each measure of `names` (see `find_measure`), each once, in the order given."""
    found: dict[str, Measure] = {}
    for name in names:
        m = find_measure(kb, name)
        found.setdefault(m.id, m)
    return tuple(found.values())


#: How each kind of name is said when it matches nothing (English message ids).
_UNKNOWN: dict[str, str] = {
    "agency": N_("unknown agency '{name}'; choose from: {choices}{hint}"),
    "measure": N_("no measure '{name}'{hint}"),
    "domain": N_("unknown domain '{name}'; choose from: {choices}{hint}"),
    "instrument": N_("unknown instrument class '{name}'; choose from: {choices}{hint}"),
    "target": N_("unknown target '{name}'; choose from: {choices}{hint}"),
    "document": N_("unknown source document '{name}'; choose from: {choices}{hint}"),
    "format": N_("unknown format '{name}'; choose from: {choices}{hint}"),
    "financiering": N_("unknown financiering '{name}'; choose from: {choices}{hint}"),
}
#: For the factors and aspects of an advice (ernst, houding, …: words of the data).
_UNKNOWN_VALUE = N_("unknown {kind} '{name}'; choose from: {choices}{hint}")


def name_problem(exc: UnknownName | AmbiguousName | EmptyName) -> Message:
    """What is wrong with a name, as a message (for a finding, or for the command line
    to word)."""
    if isinstance(exc, EmptyName):
        return msg("the name is empty; give an id, the start of an id or part of a title")
    if isinstance(exc, AmbiguousName):
        shown = "; ".join(f"{i} ({title})" for i, title in exc.candidates[:MAX_CANDIDATES])
        more = len(exc.candidates) - MAX_CANDIDATES
        return msg(
            "'{name}' matches {count} measures: {shown}{more}; give more of the id",
            name=exc.name,
            count=len(exc.candidates),
            shown=shown,
            more=msg("; and {n} more", n=more) if more > 0 else "",
        )
    hint = msg("; did you mean {names}?", names=alternatives(exc.close)) if exc.close else ""
    template = _UNKNOWN.get(exc.kind)
    if template is None:
        return msg(_UNKNOWN_VALUE, name=exc.name, kind=exc.kind, choices=exc.choices, hint=hint)
    return msg(template, name=exc.name, choices=exc.choices, hint=hint)
