"""Checks across the other records: agencies, links, the glossary, the handbook's anchors,
the Handhavingskader and the classification (the measures have `measures`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..anchors import STROMENMODEL_SECTION, reserved_reason, term_anchor
from ..findings import Finding, Location, error, warning
from ..loaded import LoadedData
from ..messages import msg
from ..models import INSTRUMENTS, LADDER, Link
from ..provenance import find
from ..urls import unsafe_reason
from ._common import all_records, current_measures, fold_name, unique


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
