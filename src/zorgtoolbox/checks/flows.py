"""Checks of the flows: file names, steps, references, arrows, documents, domains and
reachability."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from pathlib import PurePosixPath

from ..findings import Finding, error, warning
from ..loaded import Loaded, LoadedData
from ..messages import N_, msg
from ..models import Flow
from ._common import (
    agency_ids,
    current_measures,
    id_matches_file_name,
    measure_ids,
    referable_ids,
    suggest,
    unique,
)


def check_flow_file_names(data: LoadedData) -> Iterable[Finding]:
    """A flow's file is `flows/<id>.yaml`, and a stromenmodel names its domain."""
    for f in data.flows:
        yield from id_matches_file_name(f)
        if f.model.kind == "stromenmodel" and f.model.domain is None:
            yield error(
                "missing-field",
                f.locate("kind"),
                "a stromenmodel needs a `domain` (fraude or overlast)",
            )


def check_flow_steps(data: LoadedData) -> Iterable[Finding]:
    """A flow's own steps have unique ids that are not measure ids, and real agencies."""
    ids = measure_ids(data)
    agencies = agency_ids(data)
    for f in data.flows:
        yield from unique(
            ((s.id, f.locate("steps", i, "id"), s.id) for i, s in enumerate(f.model.steps)),
            "duplicate-id",
            msg("step id"),
            msg("give each step its own id"),
        )
        for i, step in enumerate(f.model.steps):
            if step.id in ids:
                yield error(
                    "duplicate-id",
                    f.locate("steps", i, "id", key=False),
                    "step id '{step}' is also a measure id; rename the step",
                    step=step.id,
                )
            if step.agency is not None and agencies and step.agency not in agencies:
                yield error(
                    "unknown-agency",
                    f.locate("steps", i, "agency", key=False),
                    "unknown agency '{agency}'{hint}",
                    agency=step.agency,
                    hint=suggest(step.agency, agencies),
                )


def _flow_nodes(f: Flow, ids: set[str]) -> set[str]:
    return ids | {s.id for s in f.steps}


def check_flow_references(data: LoadedData) -> Iterable[Finding]:
    """Edges and entry points point at existing measures (or steps of the same flow)."""
    ids = referable_ids(data)
    for f in data.flows:
        nodes = _flow_nodes(f.model, ids)
        for i, edge in enumerate(f.model.edges):
            for end, target, template in (
                ("from", edge.from_, N_("edge from '{target}': no such measure{hint}")),
                ("to", edge.to, N_("edge to '{target}': no such measure{hint}")),
            ):
                if target not in nodes:
                    yield error(
                        "unknown-measure",
                        f.locate("edges", i, end, key=False),
                        template,
                        target=target,
                        hint=suggest(target, nodes),
                    )
        for i, entry in enumerate(f.model.entry_points):
            if entry not in nodes:
                yield error(
                    "unknown-measure",
                    f.locate("entry_points", i, key=False),
                    "entry point '{entry}': no such measure{hint}",
                    entry=entry,
                    hint=suggest(entry, nodes),
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
                    "edge from '{step}' to itself; an arrow needs two different steps",
                    step=edge.from_,
                )
                continue
            pair = (edge.from_, edge.to)
            key = tuple(sorted(pair)) if edge.kind == "parallel" else pair
            twin = seen.get(key, seen.get(tuple(sorted(pair))))
            if twin is not None:
                yield error(
                    "duplicate-edge",
                    f.locate("edges", i),
                    "edge '{source}' -> '{target}' repeats edge {number} (line {line}); keep one",
                    source=edge.from_,
                    target=edge.to,
                    number=twin + 1,
                    line=f.locate("edges", twin).line,
                )
                continue
            seen[key] = i
            if edge.kind == "parallel":
                seen[pair] = i
                seen[(edge.to, edge.from_)] = i


def check_flow_documents(data: LoadedData) -> Iterable[Finding]:
    """A flow's arrows and entry points join measures of the flow's own document: another
    document's measures are linked with `related`, never merged into its flows."""
    measures = {m.model.id: m.model for m in data.measures}
    known = {d.model.id for d in data.documents}
    for f in data.flows:
        for measure_id, path in _named_nodes(f.model):
            m = measures.get(measure_id)
            if m is not None and m.document in known and m.document != f.model.document:
                yield error(
                    "edge-outside-document",
                    f.locate(*path, key=False),
                    "'{measure}' is a measure of '{document}', not of this flow's document "
                    "'{flow_document}'; link measures of different documents with `related` on "
                    "the measure instead",
                    measure=measure_id,
                    document=m.document,
                    flow_document=f.model.document,
                )


def _named_nodes(flow: Flow) -> list[tuple[str, tuple[str | int, ...]]]:
    named: list[tuple[str, tuple[str | int, ...]]] = []
    for i, e in enumerate(flow.edges):
        named += [(e.from_, ("edges", i, "from")), (e.to, ("edges", i, "to"))]
    named += [(e, ("entry_points", i)) for i, e in enumerate(flow.entry_points)]
    return named


def check_flow_domains(data: LoadedData) -> Iterable[Finding]:
    """In a flow of a domain, every measure an edge or entry point names is in that domain."""
    measures = {m.model.id: m.model for m in data.measures}
    for f in data.flows:
        domain = f.model.domain
        if domain is None:
            continue
        for measure_id, path in _named_nodes(f.model):
            m = measures.get(measure_id)
            if m is not None and domain not in m.domains:
                yield error(
                    "edge-outside-domain",
                    f.locate(*path, key=False),
                    "'{measure}' is not in domain {domain} (it is in {domains}); this flow "
                    "belongs to domain {domain}",
                    measure=measure_id,
                    domain=domain,
                    domains=list(m.domains),
                )


def check_flow_reachability(data: LoadedData) -> Iterable[Finding]:
    """Every measure of a domain is reachable from an entry point of its document's flows
    of that domain, along the arrows and along its agency's ladder (the next rung is always
    a suggested step, when the document ranks its measures).

    Unreachable measures are warnings: the arrows are suggestions, but a measure nothing
    leads to should be an explicit entry point.
    """
    by_domain: dict[tuple[str, str], list[Loaded[Flow]]] = defaultdict(list)
    for f in data.flows:
        if f.model.domain is not None:
            by_domain[(f.model.document, f.model.domain)].append(f)
    rungs = _ladder_successors(data)
    for (document, domain), flows in by_domain.items():
        succ: dict[str, list[str]] = defaultdict(list)
        for source, targets in rungs.get((document, domain), {}).items():
            succ[source].extend(targets)
        starts: set[str] = set()
        for f in flows:
            starts |= set(f.model.entry_points)
            for e in f.model.edges:
                succ[e.from_].append(e.to)
                if e.kind == "parallel":
                    succ[e.to].append(e.from_)
        reached = _reach(starts, succ)
        names = [f.path for f in flows]
        for m in current_measures(data):
            if m.model.document != document or domain not in m.model.domains:
                continue
            if m.model.id not in reached and m.model.id == PurePosixPath(m.path).stem:
                # (a measure whose id differs from its file name has its error already)
                yield warning(
                    "unreachable-measure",
                    m.locate("id"),
                    "'{measure}' cannot be reached in the {domain} flows ({flows}), by an arrow "
                    "or from the rung below it; add an edge to it or list it under entry_points",
                    measure=m.model.id,
                    domain=domain,
                    flows=names,
                )


def _ladder_successors(data: LoadedData) -> dict[tuple[str, str], dict[str, list[str]]]:
    """(document, domain) → measure → the next rung(s) of its agency's ladder."""
    ladders: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
    for m in current_measures(data):
        for domain, placement in m.model.domains.items():
            if placement.position is not None:
                key = (m.model.document, m.model.agency, domain)
                ladders[key].append((placement.position, m.model.id))
    out: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (document, _, domain), rungs in ladders.items():
        rungs.sort()
        for (_, lower), (_, upper) in pairwise(rungs):
            out[(document, domain)][lower].append(upper)
    return out


def _reach(starts: set[str], succ: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    todo = list(seen)
    while todo:
        for nxt in succ[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
