"""Checks across records: agencies, links, measures and their ladders, glossary, the
Handhavingskader and the classification."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any

from ..anchors import STROMENMODEL_SECTION, reserved_reason, term_anchor
from ..findings import Finding, Location, error, warning
from ..loader import Loaded, LoadedData
from ..messages import Message, msg
from ..models import INSTRUMENTS, LADDER, Link, Measure
from ..provenance import find
from ..urls import unsafe_reason
from ._common import (
    agency_ids,
    all_records,
    current_measures,
    fold_name,
    id_matches_file_name,
    referable_ids,
    retired_ids,
    suggest,
    unique,
)


def check_agencies_unique(data: LoadedData) -> Iterable[Finding]:
    """Agency ids, and agency names (case-insensitive), are unique."""
    if data.agencies is None:
        return
    ag = data.agencies
    agencies = ag.model.agencies
    yield from unique(
        ((a.id, ag.locate("agencies", i, "id"), a.id) for i, a in enumerate(agencies)),
        "duplicate-id",
        msg("agency id"),
        msg("give each agency its own id"),
    )
    yield from unique(
        (
            (fold_name(a.name), ag.locate("agencies", i, "name"), a.name)
            for i, a in enumerate(agencies)
        ),
        "duplicate-name",
        msg("agency name"),
        msg("agency names must differ so that an agency can be found by its name"),
    )


def check_links_safe(data: LoadedData) -> Iterable[Finding]:
    """Every link uses http, https, mailto or tel; a link without address is a warning."""
    for loaded in all_records(data):
        for path, value in find(loaded.model, Link):
            if not value.url:
                yield warning(
                    "missing-url",
                    loaded.locate(*path),
                    "link '{title}' has no address; fill in `url` when it is known",
                    title=value.title,
                )
                continue
            problem = unsafe_reason(value.url)
            if problem:
                yield error(
                    "unsafe-link",
                    loaded.locate(*path, "url", key=False),
                    "link '{title}': {problem}",
                    title=value.title,
                    problem=problem,
                )


# --- measures -----------------------------------------------------------------------


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


# --- glossary, handhavingskader, classification -------------------------------------


def check_glossary_terms_unique(data: LoadedData) -> Iterable[Finding]:
    """Glossary terms and abbreviations are unique (ignoring case and accents)."""
    if data.glossary is None:
        return
    g = data.glossary
    entries: list[tuple[Any, Location, str]] = []
    for i, t in enumerate(g.model.terms):
        entries.append((fold_name(t.term), g.locate("terms", i, "term"), t.term))
        if t.abbreviation and fold_name(t.abbreviation) != fold_name(t.term):
            entries.append(
                (fold_name(t.abbreviation), g.locate("terms", i, "abbreviation"), t.abbreviation)
            )
    yield from unique(entries, "duplicate-term", msg("term"), msg("each term is defined once"))


def check_anchors_unique(data: LoadedData) -> Iterable[Finding]:
    """Every measure, section and glossary term has an anchor of its own in the handbook.

    A measure or section id is its anchor: it may not be a name the page uses itself, nor
    start with a prefix the page makes other anchors with (`anchors.DERIVED_PREFIXES`), and
    a measure and a section may not share one. Two terms that differ (so are no
    duplicate-term) may not fold to the same `#term-…` anchor.
    """
    sections: dict[str, Location] = {}
    entries: list[tuple[str, Location, str]] = []
    if data.toolbox is not None:
        tb = data.toolbox
        for i, section in enumerate(tb.model.sections):
            if section.id != STROMENMODEL_SECTION:
                where = tb.locate("sections", i, "id", key=False)
                sections.setdefault(section.id, where)
                entries.append((section.id, where, "section"))
    for m in current_measures(data):
        entries.append((m.model.id, m.locate("id", key=False), "measure"))
        if m.model.id in sections:
            yield error(
                "duplicate-anchor",
                m.locate("id", key=False),
                "measure id '{id}' is also the id of a section ({section}); both would be the "
                "anchor #{id}: rename one",
                id=m.model.id,
                section=sections[m.model.id],
            )
    for record_id, where, kind in entries:
        reason = reserved_reason(record_id)
        if reason is None:
            continue
        if kind == "section":
            yield error(
                "reserved-id",
                where,
                "section id '{id}' cannot be its anchor in the handbook: {reason}; choose "
                "another id",
                id=record_id,
                reason=reason,
            )
        else:
            yield error(
                "reserved-id",
                where,
                "measure id '{id}' cannot be its anchor in the handbook: {reason}; choose "
                "another id",
                id=record_id,
                reason=reason,
            )
    if data.glossary is None:
        return
    g = data.glossary
    first: dict[str, tuple[str, Location, str]] = {}
    for i, t in enumerate(g.model.terms):
        anchor = term_anchor(t.term)
        where = g.locate("terms", i, "term", key=False)
        if anchor not in first:
            first[anchor] = (fold_name(t.term), where, t.term)
        elif first[anchor][0] != fold_name(t.term):
            yield error(
                "duplicate-anchor",
                where,
                "term '{term}' gets the anchor #{anchor}, as '{other}' ({where}) does; make "
                "the terms differ in letters or digits",
                term=t.term,
                anchor=anchor,
                other=first[anchor][2],
                where=first[anchor][1],
            )


def check_handhavingskader(data: LoadedData) -> Iterable[Finding]:
    """Its lists have unique ids, and its instrument classes are the five of its ladder."""
    hk = data.handhavingskader
    if hk is None:
        return
    model = hk.model
    for field, what in (
        ("decisions", msg("decision")),
        ("steps", msg("step")),
        ("goals", msg("goal")),
        ("risks", msg("risk")),
        ("instrument_classes", msg("instrument class")),
        ("weighing_factors", msg("weighing factor")),
        ("principles", msg("principle")),
        ("rules", msg("rule")),
    ):
        items = getattr(model, field)
        yield from unique(
            ((x.id, hk.locate(field, i, "id"), x.id) for i, x in enumerate(items)),
            "duplicate-id",
            what,
            msg("each is listed once"),
        )
    present = [c.id for c in model.instrument_classes]
    for i, klass in enumerate(present):
        if klass not in LADDER:
            yield error(
                "invalid-value",
                hk.locate("instrument_classes", i, "id", key=False),
                "'{klass}' is not a class of the Handhavingskader's ladder ({ladder}); "
                "describe it in classification.yaml instead",
                klass=klass,
                ladder=LADDER,
            )
    missing = [c for c in LADDER if c not in present]
    if model.instrument_classes and missing:
        yield error(
            "missing-field",
            hk.locate("instrument_classes"),
            "instrument_classes lacks {missing}; describe every class of the ladder",
            missing=missing,
        )


def check_classification(data: LoadedData) -> Iterable[Finding]:
    """The classification gives one criterion for every instrument class."""
    cl = data.classification
    if cl is None:
        return
    classes = cl.model.classes
    yield from unique(
        ((c.id, cl.locate("classes", i, "id"), c.id) for i, c in enumerate(classes)),
        "duplicate-id",
        msg("class"),
        msg("give each class one criterion"),
    )
    present = {c.id for c in classes}
    missing = [c for c in INSTRUMENTS if c not in present]
    if missing:
        yield error(
            "missing-field",
            cl.locate("classes"),
            "classes lacks {missing}; give every class its criterion",
            missing=missing,
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
