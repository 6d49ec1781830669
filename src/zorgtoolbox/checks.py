"""Cross-record checks: what no single file can know about itself.

Each check is a small function `check_…(data) -> Iterable[Finding]` whose docstring says
what it guarantees; `CHECKS` lists them all, so a new check is one function and one line.
Checks only read `LoadedData` (the valid records and their documents) and never stop at
the first finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from .findings import Finding, Location, error, warning
from .loader import Loaded, LoadedData
from .models import (
    ADJUSTING_FACTORS,
    INSTRUMENTS,
    LADDER,
    LEVELS,
    Flow,
    Link,
    Measure,
    Reason,
    SourceRef,
)
from .text import did_you_mean, fold

SAFE_SCHEMES = ("http", "https", "mailto", "tel")

Check = Callable[[LoadedData], Iterable[Finding]]


# --- helpers ------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name (a trailing ':' ignored)."""
    return fold(text.replace(":", " "))


def _unique(
    entries: Iterable[tuple[Any, Location, str]], code: str, what: str, fix: str
) -> Iterator[Finding]:
    """A finding for every entry whose key was already seen, pointing at the first one."""
    first: dict[Any, Location] = {}
    for key, location, shown in entries:
        if key in first:
            yield error(code, location, f"{what} '{shown}' is already used at {first[key]}; {fix}")
        else:
            first[key] = location


def _suggest(name: str, choices: Iterable[str]) -> str:
    return did_you_mean(name, choices, n=3)


def _find(value: Any, kind: type[Any], path: tuple[str | int, ...] = ()) -> Iterator[Any]:
    """Every object of type `kind` nested in a record, with its path in the file."""
    if isinstance(value, kind):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            if isinstance(child, BaseModel | tuple | dict):
                yield from _find(child, kind, (*path, info.alias or name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from _find(item, kind, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel):
                yield from _find(item, kind, (*path, key))


def _all_records(data: LoadedData) -> Iterator[Loaded[Any]]:
    for single in (
        data.toolbox,
        data.agencies,
        data.glossary,
        data.handhavingskader,
        data.advies,
    ):
        if single is not None:
            yield single
    yield from data.measures
    yield from data.flows


def _agency_ids(data: LoadedData) -> list[str]:
    return [a.id for a in data.agencies.model.agencies] if data.agencies else []


def _measure_ids(data: LoadedData) -> set[str]:
    return {m.model.id for m in data.measures}


def _referable_ids(data: LoadedData) -> set[str]:
    """Ids a reference may name: valid measures and those in files that failed to load."""
    return _measure_ids(data) | {measure_id for _, measure_id in data.broken_measures}


# --- toolbox and agencies -----------------------------------------------------------


def check_source_documents_unique(data: LoadedData) -> Iterable[Finding]:
    """Source document ids and section ids in toolbox.yaml are unique."""
    if data.toolbox is None:
        return
    tb = data.toolbox
    yield from _unique(
        ((s.id, tb.locate("sources", i, "id"), s.id) for i, s in enumerate(tb.model.sources)),
        "duplicate-id",
        "source document id",
        "give each source document its own id",
    )
    yield from _unique(
        ((s.id, tb.locate("sections", i, "id"), s.id) for i, s in enumerate(tb.model.sections)),
        "duplicate-id",
        "section id",
        "give each section its own id",
    )


def check_source_references(data: LoadedData) -> Iterable[Finding]:
    """Every `source.document` names a source document listed in toolbox.yaml."""
    if data.toolbox is None:
        return
    known = [s.id for s in data.toolbox.model.sources]
    for loaded in _all_records(data):
        for path, value in _find(loaded.model, SourceRef):
            if value.document not in known:
                yield error(
                    "unknown-source",
                    loaded.locate(*path, "document", key=False),
                    f"unknown source document '{value.document}'; known: {', '.join(known)}"
                    + _suggest(value.document, known),
                )


def check_agencies_unique(data: LoadedData) -> Iterable[Finding]:
    """Agency ids, and agency names (case-insensitive), are unique."""
    if data.agencies is None:
        return
    ag = data.agencies
    agencies = ag.model.agencies
    yield from _unique(
        ((a.id, ag.locate("agencies", i, "id"), a.id) for i, a in enumerate(agencies)),
        "duplicate-id",
        "agency id",
        "give each agency its own id",
    )
    yield from _unique(
        ((_fold(a.name), ag.locate("agencies", i, "name"), a.name) for i, a in enumerate(agencies)),
        "duplicate-name",
        "agency name",
        "agency names must differ so `--org NAME` finds one agency",
    )


def check_links_safe(data: LoadedData) -> Iterable[Finding]:
    """Every link uses http, https, mailto or tel; a link without address is a warning."""
    for loaded in _all_records(data):
        for path, value in _find(loaded.model, Link):
            where = loaded.locate(*path, "url", key=False)
            url = value.url
            if not url:
                yield warning(
                    "missing-url",
                    loaded.locate(*path),
                    f"link '{value.title}' has no address; fill in `url` when it is known",
                )
                continue
            problem = _unsafe_url_reason(url)
            if problem:
                yield error("unsafe-link", where, f"link '{value.title}': {problem}")


def _unsafe_url_reason(url: str) -> str:
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in url):
        return "the address contains spaces or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"'{url}' is not a valid address"
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        shown = f"scheme '{scheme}:'" if scheme else "an address without scheme"
        return f"{shown} is not allowed; use one of {', '.join(s + ':' for s in SAFE_SCHEMES)}"
    if scheme in ("http", "https") and not parts.netloc:
        return f"'{url}' has no host name"
    if scheme in ("mailto", "tel") and not parts.path:
        return f"'{url}' is empty after '{scheme}:'"
    return ""


# --- measures -----------------------------------------------------------------------


def check_measure_ids_unique(data: LoadedData) -> Iterable[Finding]:
    """No two measures share an id."""
    yield from _unique(
        ((m.model.id, m.locate("id"), m.model.id) for m in data.measures),
        "duplicate-id",
        "measure id",
        "every measure needs its own id",
    )


def check_measure_file_names(data: LoadedData) -> Iterable[Finding]:
    """A measure's file is `measures/<agency>/<id>.yaml`: stem = id, folder = agency."""
    for m in data.measures:
        path = PurePosixPath(m.path)
        if path.stem != m.model.id:
            yield error(
                "id-mismatch",
                m.locate("id", key=False),
                f"id '{m.model.id}' does not match the file name '{path.name}'; "
                f"rename the file to {m.model.id}.yaml or change the id",
            )
        if path.parent.name != m.model.agency:
            yield error(
                "folder-mismatch",
                m.locate("agency", key=False),
                f"agency '{m.model.agency}' does not match the folder "
                f"'{path.parent.name}/'; move the file to measures/{m.model.agency}/ "
                "or change the agency",
            )


def check_measure_agencies_exist(data: LoadedData) -> Iterable[Finding]:
    """Every measure's agency is listed in agencies.yaml."""
    if data.agencies is None:
        return
    known = _agency_ids(data)
    for m in data.measures:
        if m.model.agency not in known:
            yield error(
                "unknown-agency",
                m.locate("agency", key=False),
                f"unknown agency '{m.model.agency}'"
                + (_suggest(m.model.agency, known) or f"; known: {', '.join(known)}"),
            )


def check_titles_unique_per_agency(data: LoadedData) -> Iterable[Finding]:
    """Within one agency no two measures have the same title (ignoring case and accents)."""
    yield from _unique(
        (
            ((m.model.agency, _fold(m.model.title)), m.locate("title"), m.model.title)
            for m in data.measures
        ),
        "duplicate-title",
        "title",
        "titles must differ within an agency",
    )


def check_ladder_positions(data: LoadedData) -> Iterable[Finding]:
    """Per agency and domain, positions run 1..n without gaps or duplicates."""
    ladders: dict[tuple[str, str], list[tuple[int, Loaded[Measure]]]] = defaultdict(list)
    for m in data.measures:
        for domain, placement in m.model.domains.items():
            ladders[(m.model.agency, domain)].append((placement.position, m))
    for (agency, domain), rungs in sorted(ladders.items()):
        rungs.sort(key=lambda r: (r[0], r[1].path))
        n = len(rungs)
        seen: dict[int, Loaded[Measure]] = {}
        for position, m in rungs:
            where = m.locate("domains", domain, "position", key=False)
            if position in seen:
                yield error(
                    "position-duplicate",
                    where,
                    f"position {position} on the {agency}/{domain} ladder is also taken by "
                    f"'{seen[position].model.id}' ({seen[position].path}); positions run "
                    f"1..{n} without duplicates",
                )
                continue
            seen[position] = m
        if any(folder == agency for folder, _ in data.broken_measures):
            continue  # a measure of this agency failed to load: gaps are expected
        missing = sorted(set(range(1, n + 1)) - set(seen))
        for gap in missing:
            after = next(((p, m) for p, m in rungs if p > gap), None)
            target = after[1] if after else rungs[-1][1]
            yield error(
                "position-gap",
                target.locate("domains", domain, "position", key=False),
                f"the {agency}/{domain} ladder has no position {gap}: its {n} measure(s) "
                f"must take positions 1..{n}; renumber them",
            )


def check_related_measures_exist(data: LoadedData) -> Iterable[Finding]:
    """Every `related` id names another existing measure."""
    ids = _referable_ids(data)
    for m in data.measures:
        for i, other in enumerate(m.model.related):
            if other == m.model.id:
                yield error(
                    "self-reference",
                    m.locate("related", i, key=False),
                    f"measure '{other}' lists itself as related; remove it",
                )
            elif other not in ids:
                yield error(
                    "unknown-measure",
                    m.locate("related", i, key=False),
                    f"related measure '{other}' does not exist" + _suggest(other, ids),
                )


# --- flows --------------------------------------------------------------------------


def check_flow_file_names(data: LoadedData) -> Iterable[Finding]:
    """A flow's file is `flows/<id>.yaml`, and a stromenmodel names its domain."""
    for f in data.flows:
        stem = PurePosixPath(f.path).stem
        if stem != f.model.id:
            yield error(
                "id-mismatch",
                f.locate("id", key=False),
                f"id '{f.model.id}' does not match the file name '{stem}.yaml'; "
                f"rename the file to {f.model.id}.yaml or change the id",
            )
        if f.model.kind == "stromenmodel" and f.model.domain is None:
            yield error(
                "missing-field",
                f.locate("kind"),
                "a stromenmodel needs a `domain` (fraude or overlast)",
            )


def check_flow_steps(data: LoadedData) -> Iterable[Finding]:
    """A flow's own steps have unique ids that are not measure ids, and real agencies."""
    ids = _measure_ids(data)
    agencies = _agency_ids(data)
    for f in data.flows:
        yield from _unique(
            ((s.id, f.locate("steps", i, "id"), s.id) for i, s in enumerate(f.model.steps)),
            "duplicate-id",
            "step id",
            "give each step its own id",
        )
        for i, step in enumerate(f.model.steps):
            if step.id in ids:
                yield error(
                    "duplicate-id",
                    f.locate("steps", i, "id", key=False),
                    f"step id '{step.id}' is also a measure id; rename the step",
                )
            if step.agency is not None and agencies and step.agency not in agencies:
                yield error(
                    "unknown-agency",
                    f.locate("steps", i, "agency", key=False),
                    f"unknown agency '{step.agency}'" + _suggest(step.agency, agencies),
                )


def _flow_nodes(f: Flow, ids: set[str]) -> set[str]:
    return ids | {s.id for s in f.steps}


def check_flow_references(data: LoadedData) -> Iterable[Finding]:
    """Edges and entry points point at existing measures (or steps of the same flow)."""
    ids = _referable_ids(data)
    for f in data.flows:
        nodes = _flow_nodes(f.model, ids)
        for i, edge in enumerate(f.model.edges):
            for end in ("from", "to"):
                target = edge.from_ if end == "from" else edge.to
                if target not in nodes:
                    yield error(
                        "unknown-measure",
                        f.locate("edges", i, end, key=False),
                        f"edge {end} '{target}': no such measure" + _suggest(target, nodes),
                    )
        for i, entry in enumerate(f.model.entry_points):
            if entry not in nodes:
                yield error(
                    "unknown-measure",
                    f.locate("entry_points", i, key=False),
                    f"entry point '{entry}': no such measure" + _suggest(entry, nodes),
                )


def check_flow_edges(data: LoadedData) -> Iterable[Finding]:
    """No edge points at its own start, and no pair of measures is joined twice."""
    for f in data.flows:
        seen: dict[tuple[str, ...], int] = {}
        for i, edge in enumerate(f.model.edges):
            if edge.from_ == edge.to:
                yield error(
                    "self-loop",
                    f.locate("edges", i),
                    f"edge from '{edge.from_}' to itself; an arrow needs two different steps",
                )
                continue
            pair = (edge.from_, edge.to)
            key = tuple(sorted(pair)) if edge.kind == "parallel" else pair
            twin = seen.get(key) or seen.get(tuple(sorted(pair)))
            if twin is not None:
                yield error(
                    "duplicate-edge",
                    f.locate("edges", i),
                    f"edge '{edge.from_}' -> '{edge.to}' repeats edge {twin + 1} "
                    f"(line {f.locate('edges', twin).line}); keep one",
                )
                continue
            seen[key] = i
            if edge.kind == "parallel":
                seen[pair] = i
                seen[(edge.to, edge.from_)] = i


def check_flow_domains(data: LoadedData) -> Iterable[Finding]:
    """In a flow of a domain, every measure an edge or entry point names is in that domain."""
    measures = {m.model.id: m.model for m in data.measures}
    for f in data.flows:
        domain = f.model.domain
        if domain is None:
            continue
        named = [(e.from_, ("edges", i, "from")) for i, e in enumerate(f.model.edges)]
        named += [(e.to, ("edges", i, "to")) for i, e in enumerate(f.model.edges)]
        named += [(e, ("entry_points", i)) for i, e in enumerate(f.model.entry_points)]
        for measure_id, path in named:
            m = measures.get(measure_id)
            if m is not None and domain not in m.domains:
                yield error(
                    "edge-outside-domain",
                    f.locate(*path, key=False),
                    f"'{measure_id}' is not in domain {domain} (it is in "
                    f"{', '.join(m.domains)}); this flow belongs to domain {domain}",
                )


def check_flow_reachability(data: LoadedData) -> Iterable[Finding]:
    """Every measure of a domain is reachable from an entry point of a flow of that domain.

    Unreachable measures are warnings: the arrows are suggestions, but a measure no arrow
    leads to should be an explicit entry point.
    """
    by_domain: dict[str, list[Loaded[Flow]]] = defaultdict(list)
    reachable: dict[str, set[str]] = defaultdict(set)
    for f in data.flows:
        if f.model.domain is not None:
            by_domain[f.model.domain].append(f)
            reachable[f.model.domain] |= _reachable(f.model)
    for m in data.measures:
        for domain in m.model.domains:
            flows = by_domain.get(domain)
            if not flows or m.model.id in reachable[domain]:
                continue
            names = ", ".join(f.path for f in flows)
            yield warning(
                "unreachable-measure",
                m.locate("id"),
                f"'{m.model.id}' cannot be reached in the {domain} flows ({names}); "
                "add an edge to it or list it under entry_points",
            )


def _reachable(flow: Flow) -> set[str]:
    """Nodes reachable from the flow's entry points (parallel edges count both ways)."""
    succ: dict[str, list[str]] = defaultdict(list)
    for e in flow.edges:
        succ[e.from_].append(e.to)
        if e.kind == "parallel":
            succ[e.to].append(e.from_)
    seen = set(flow.entry_points)
    todo = list(seen)
    while todo:
        for nxt in succ[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


# --- glossary and handhavingskader --------------------------------------------------


def check_glossary_terms_unique(data: LoadedData) -> Iterable[Finding]:
    """Glossary terms and abbreviations are unique (ignoring case and accents)."""
    if data.glossary is None:
        return
    g = data.glossary
    entries: list[tuple[Any, Location, str]] = []
    for i, t in enumerate(g.model.terms):
        entries.append((_fold(t.term), g.locate("terms", i, "term"), t.term))
        if t.abbreviation and _fold(t.abbreviation) != _fold(t.term):
            entries.append(
                (_fold(t.abbreviation), g.locate("terms", i, "abbreviation"), t.abbreviation)
            )
    yield from _unique(entries, "duplicate-term", "term", "each term is defined once")


def check_handhavingskader(data: LoadedData) -> Iterable[Finding]:
    """Instrument classes, factors and principles are unique; parties name real agencies."""
    hk = data.handhavingskader
    if hk is None:
        return
    model = hk.model
    for field in ("instrument_classes", "weighing_factors", "principles", "rules"):
        items = getattr(model, field)
        yield from _unique(
            ((x.id, hk.locate(field, i, "id"), x.id) for i, x in enumerate(items)),
            "duplicate-id",
            field.replace("_", " ").rstrip("s"),
            "each is listed once",
        )
    present = {c.id for c in model.instrument_classes}
    if model.instrument_classes and present != set(INSTRUMENTS):
        missing = [i for i in INSTRUMENTS if i not in present]
        yield error(
            "missing-field",
            hk.locate("instrument_classes"),
            f"instrument_classes lacks {', '.join(missing)}; describe every class of the ladder",
        )
    agencies = _agency_ids(data)
    for i, party in enumerate(model.parties):
        if party.agency is not None and agencies and party.agency not in agencies:
            yield error(
                "unknown-agency",
                hk.locate("parties", i, "agency", key=False),
                f"unknown agency '{party.agency}'" + _suggest(party.agency, agencies),
            )


# --- advies.yaml: the intervention matrix of `zorgtoolbox advise` -------------------


def check_advice_matrix_complete(data: LoadedData) -> Iterable[Finding]:
    """The matrix has every ernst × herhaling cell (3 × 3), each exactly once."""
    adv = data.advies
    if adv is None:
        return
    cells = adv.model.matrix
    yield from _unique(
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
                + _suggest(adj.factor, known),
            )
        elif adj.value not in ADJUSTING_FACTORS[adj.factor]:
            values = list(ADJUSTING_FACTORS[adj.factor])
            yield error(
                "unknown-factor-value",
                adv.locate("adjustments", i, "value", key=False),
                f"{adj.factor} has no value '{adj.value}'; known: {', '.join(values)}"
                + _suggest(adj.value, values),
            )
    yield from _unique(
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
    """Every `why` of advies.yaml cites the Handhavingskader (the document
    handhavingskader.yaml is transcribed from, when there is one) with a numbered section."""
    adv = data.advies
    if adv is None:
        return
    hk = data.handhavingskader
    document = hk.model.source.document if hk is not None else None
    for path, reason in _find(adv.model, Reason):
        cited = reason.source
        if document is not None and cited.document != document:
            yield error(
                "uncited-reason",
                adv.locate(*path, "source", "document", key=False),
                f"this why cites '{cited.document}'; the advice rests on the "
                f"Handhavingskader: cite '{document}' and its section",
            )
        elif not _SECTION_NUMBER.match(cited.section):
            yield error(
                "uncited-reason",
                adv.locate(*path, "source", "section", key=False),
                f"section '{cited.section}' has no section number; cite it as the "
                "Handhavingskader numbers it, e.g. '4.2 Wegingsfactoren voor inzet van "
                "maatregelen' or 'Bijlage 3'",
            )


#: Every cross-record check, in the order they run.
CHECKS: tuple[Check, ...] = (
    check_source_documents_unique,
    check_source_references,
    check_agencies_unique,
    check_links_safe,
    check_measure_ids_unique,
    check_measure_file_names,
    check_measure_agencies_exist,
    check_titles_unique_per_agency,
    check_ladder_positions,
    check_related_measures_exist,
    check_flow_file_names,
    check_flow_steps,
    check_flow_references,
    check_flow_edges,
    check_flow_domains,
    check_flow_reachability,
    check_glossary_terms_unique,
    check_handhavingskader,
    check_advice_matrix_complete,
    check_advice_ranges_ordered,
    check_advice_adjustments_known,
    check_advice_reasons_cited,
)


def run_checks(data: LoadedData) -> list[Finding]:
    """All cross-record findings for `data`."""
    return [finding for check in CHECKS for finding in check(data)]
