"""Checks across measures: unique ids and titles, file names and agencies, the positions
on each ladder, related measures, and retired measures with what replaces them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any

from ..findings import Finding, error, warning
from ..loaded import Loaded, LoadedData
from ..messages import Message, msg
from ..models import Measure
from ._common import (
    agency_ids,
    current_measures,
    fold_name,
    id_matches_file_name,
    referable_ids,
    retired_ids,
    suggest,
    unique,
)


def check_measure_ids_unique(data: LoadedData) -> Iterable[Finding]:
    """No two measures share an id."""
    yield from unique(
        ((m.model.id, m.locate("id"), m.model.id) for m in data.measures),
        "duplicate-id",
        msg("measure id"),
        msg("every measure needs its own id"),
    )


def check_measure_file_names(data: LoadedData) -> Iterable[Finding]:
    """A measure's file is `measures/<agency>/<id>.yaml`: stem = id, folder = agency."""
    known = set(agency_ids(data))
    for m in data.measures:
        path = PurePosixPath(m.path)
        yield from id_matches_file_name(m)
        # an agency that does not exist is one error (unknown-agency), not two
        if path.parent.name != m.model.agency and m.model.agency in known:
            yield error(
                "folder-mismatch",
                m.locate("agency", key=False),
                "agency '{agency}' does not match the folder '{folder}/'; move the file to "
                "measures/{agency}/ or change the agency",
                agency=m.model.agency,
                folder=path.parent.name,
            )


def check_measure_agencies_exist(data: LoadedData) -> Iterable[Finding]:
    """Every measure's agency is listed in agencies.yaml."""
    if data.agencies is None:
        return
    known = agency_ids(data)
    for m in data.measures:
        if m.model.agency not in known:
            where = m.locate("agency", key=False)
            hint = suggest(m.model.agency, known)
            if hint:
                yield error(
                    "unknown-agency",
                    where,
                    "unknown agency '{agency}'{hint}",
                    agency=m.model.agency,
                    hint=hint,
                )
            else:
                yield error(
                    "unknown-agency",
                    where,
                    "unknown agency '{agency}'; known: {known}",
                    agency=m.model.agency,
                    known=known,
                )


def check_titles_unique_per_agency(data: LoadedData) -> Iterable[Finding]:
    """Within one agency and document no two measures have the same title (ignoring case
    and accents)."""
    yield from unique(
        (
            (
                (m.model.document, m.model.agency, fold_name(m.model.title)),
                m.locate("title"),
                m.model.title,
            )
            for m in current_measures(data)
        ),
        "duplicate-title",
        msg("title"),
        msg("titles must differ within an agency's measures of one document"),
    )


def _ladder_orders(data: LoadedData) -> dict[str, str]:
    return {d.model.id: d.model.ladder for d in data.documents}


def check_ladder_positions(data: LoadedData) -> Iterable[Finding]:
    """On a document that ranks its measures, each measure of a ladder (document, agency,
    domain) has a position, and no two the same; positions only order the ladder (gaps
    and fractions are fine: 2.5 goes between 2 and 3). A document that sets no order gives
    none."""
    orders = _ladder_orders(data)
    ladders: dict[tuple[str, str, str], list[tuple[int, Loaded[Measure]]]] = defaultdict(list)
    for m in current_measures(data):
        order = orders.get(m.model.document)
        for domain, placement in m.model.domains.items():
            where = m.locate("domains", domain, "position", key=False)
            if order == "classes" and placement.position is not None:
                yield error(
                    "invalid-value",
                    where,
                    "document '{document}' sets no order of its measures, so a measure of it "
                    "has no position; remove `position` (the class places it)",
                    document=m.model.document,
                )
            elif order == "ordered" and placement.position is None:
                yield error(
                    "missing-field",
                    m.locate("domains", domain),
                    "document '{document}' ranks its measures: give this measure's position on "
                    "the {agency}/{domain} ladder",
                    document=m.model.document,
                    agency=m.model.agency,
                    domain=domain,
                )
            elif order == "ordered" and placement.position is not None:
                # the folder places it on a ladder: a wrong agency is its own error
                key = (m.model.document, PurePosixPath(m.path).parent.name, domain)
                ladders[key].append((placement.position, m))
    for (document, agency, domain), rungs in sorted(ladders.items()):
        rungs.sort(key=lambda r: (r[0], r[1].path))
        seen: dict[float, tuple[int, Loaded[Measure]]] = {}
        for index, (position, m) in enumerate(rungs):
            if position in seen:
                earlier = rungs[index - 1][0] if index else None
                later = next((p for p, _ in rungs[index:] if p > position), None)
                yield error(
                    "position-duplicate",
                    m.locate("domains", domain, "position", key=False),
                    "position {position} on the {agency}/{domain} ladder of {document} is also "
                    "taken by '{other}' ({path}); give this measure a number of its own{hint}",
                    position=_number(position),
                    agency=agency,
                    domain=domain,
                    document=document,
                    other=seen[position][1].model.id,
                    path=seen[position][1].path,
                    hint=_between(earlier, position, later),
                )
                continue
            seen[position] = (index, m)


def _number(value: float) -> str:
    """2 for 2.0, 2.5 for 2.5: a position as a coordinator writes it."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _between(lower: float | None, position: float, upper: float | None) -> Message | str:
    """ "; for example 2.5, between 2 and 3" (positions only order the ladder)."""
    if upper is not None:
        middle = (position + upper) / 2
        return msg(
            "; for example {middle} to put it between {position} and {upper}",
            middle=_number(middle),
            position=_number(position),
            upper=_number(upper),
        )
    return msg("; for example {next} to put it last", next=_number(int(position) + 1))


def check_related_measures_exist(data: LoadedData) -> Iterable[Finding]:
    """Every `related` id names another existing measure, of another document."""
    ids = referable_ids(data)
    documents = {m.model.id: m.model.document for m in data.measures}
    for m in data.measures:
        for i, other in enumerate(m.model.related):
            where = m.locate("related", i, key=False)
            if other == m.model.id:
                yield error(
                    "self-reference",
                    where,
                    "measure '{measure}' lists itself as related; remove it",
                    measure=other,
                )
            elif other not in ids:
                yield error(
                    "unknown-measure",
                    where,
                    "related measure '{measure}' does not exist{hint}",
                    measure=other,
                    hint=suggest(other, ids),
                )
            elif documents.get(other) == m.model.document:
                yield error(
                    "invalid-value",
                    where,
                    "'{measure}' belongs to the same document ({document}); `related` links a "
                    "measure to the same kind of step in another document",
                    measure=other,
                    document=m.model.document,
                )


def check_retired_measures(data: LoadedData) -> Iterable[Finding]:
    """A retired measure (`replaced_by`) names an existing measure that takes its place,
    through no loop; every reference to a retired measure still resolves, with a warning
    that names the measure to use instead."""
    ids = referable_ids(data)
    final = retired_ids(data)
    direct = {m.model.id: m.model.replaced_by for m in data.measures if m.model.replaced_by}
    for m in data.measures:
        new = m.model.replaced_by
        if not new:
            continue
        where = m.locate("replaced_by", key=False)
        if new == m.model.id:
            yield error(
                "self-reference",
                where,
                "measure '{measure}' is replaced by itself; name the measure that takes its place",
                measure=new,
            )
        elif new not in ids:
            yield error(
                "unknown-measure",
                where,
                "replaced_by '{measure}': no such measure{hint}",
                measure=new,
                hint=suggest(new, ids),
            )
        elif m.model.id not in final and _loops(direct, m.model.id):
            yield error(
                "invalid-value",
                where,
                "replaced_by runs in a circle from '{measure}'; end it at a measure that is "
                "not retired",
                measure=m.model.id,
            )
    for loaded, path, old in _references(data):
        if old in final:
            yield warning(
                "retired-measure",
                loaded.locate(*path, key=False),
                "'{old}' is retired; '{new}' takes its place: name '{new}' here",
                old=old,
                new=final[old],
            )


def _loops(direct: dict[str, str], start: str) -> bool:
    """Whether following replaced_by from `start` comes back to a measure already passed
    (else it ends at a measure that is not retired, or at a file that failed to load: that
    file's own finding says what is wrong)."""
    seen, current = set(), start
    while current in direct:
        if current in seen:
            return True
        seen.add(current)
        current = direct[current]
    return False


def _references(data: LoadedData) -> Iterator[tuple[Loaded[Any], tuple[Any, ...], str]]:
    """Every place a record names a measure by id: (record, path in it, the id)."""
    for f in data.flows:
        for i, edge in enumerate(f.model.edges):
            yield f, ("edges", i, "from"), edge.from_
            yield f, ("edges", i, "to"), edge.to
        for i, entry in enumerate(f.model.entry_points):
            yield f, ("entry_points", i), entry
    for m in data.measures:
        for i, other in enumerate(m.model.related):
            yield m, ("related", i), other
    if data.advies is not None:
        for i, measure_id in enumerate(data.advies.model.strafbaar_feit.measures):
            yield data.advies, ("strafbaar_feit", "measures", i), measure_id
    for case in data.cases:
        for i, name in enumerate(case.model.factors.taken):
            yield case, ("factors", "taken", i), name
        for field in ("includes", "excludes"):
            for i, measure_id in enumerate(getattr(case.model.expect, field)):
                yield case, ("expect", field, i), measure_id
