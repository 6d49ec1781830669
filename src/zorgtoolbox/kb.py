"""The validated knowledge base: what queries, the flow graph and rendering work on.

A `KnowledgeBase` is immutable and only ever built from data without errors (see
`validation.validate`, and `store.load_knowledge_base` for the cached way queries get one).

The query cache (`cachefile`) rebuilds one with `KnowledgeBase.lazy`: the measures of each
agency and the flows are decoded only when first used, so `zorgtoolbox measures --org DJI`
on a national knowledge base of 5,000 measures decodes one agency's measures, not all.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .models import (
    DOMAINS,
    INSTRUMENTS,
    AdviceConfig,
    Agency,
    Classification,
    Document,
    Edge,
    Flow,
    Handhavingskader,
    Measure,
    Term,
    Toolbox,
)

T = TypeVar("T")
#: A function producing records on first use (how the query cache decodes lazily).
Lazy = Callable[[], tuple[T, ...]]


class KnowledgeBase:
    """All records of a valid data folder, in a stable order (measures in ladder order)."""

    def __init__(
        self,
        *,
        data_dir: Path,
        toolbox: Toolbox,
        documents: tuple[Document, ...],
        agencies: tuple[Agency, ...],
        measures: tuple[Measure, ...],
        flows: tuple[Flow, ...],
        glossary: tuple[Term, ...] = (),
        handhavingskader: Handhavingskader | None = None,
        advies: AdviceConfig | None = None,
        classification: Classification | None = None,
        retired: dict[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.toolbox = toolbox
        #: The source documents, the knowledge base's own document first.
        self.documents = documents
        #: How measures of a document without classes are placed on the classes.
        self.classification = classification
        self.agencies = agencies
        self.glossary = glossary
        self.handhavingskader = handhavingskader
        #: The intervention matrix of `zorgtoolbox advise` (advies.yaml), if any.
        self.advies = advies
        #: A retired measure's id → the id of the measure in its place.
        self.retired: dict[str, str] = dict(retired or {})
        grouped: dict[str, list[Measure]] = {a.id: [] for a in agencies}
        for m in measures:
            grouped.setdefault(m.agency, []).append(m)
        self._agency_measures: dict[str, tuple[Measure, ...] | Lazy[Measure]] = {
            agency: tuple(items) for agency, items in grouped.items()
        }
        self._flows: tuple[Flow, ...] | Lazy[Flow] = tuple(flows)
        #: The search index (queries.search_index), built on first use or from the cache.
        self.search_index: Any = None
        #: (document, agency, domain) → measure id → rung, filled as rungs are asked for.
        self._ranks: dict[tuple[str, str, str], dict[str, int]] = {}

    @classmethod
    def lazy(
        cls,
        *,
        data_dir: Path,
        toolbox: Toolbox,
        documents: tuple[Document, ...],
        agencies: tuple[Agency, ...],
        measures: dict[str, Lazy[Measure]],
        flows: Lazy[Flow],
        glossary: tuple[Term, ...] = (),
        handhavingskader: Handhavingskader | None = None,
        advies: AdviceConfig | None = None,
        classification: Classification | None = None,
        search_index: Any = None,
        retired: dict[str, str] | None = None,
    ) -> KnowledgeBase:
        """A knowledge base whose measures (per agency, in this order) and flows are
        produced by the given functions when first used."""
        kb = cls(
            data_dir=data_dir,
            toolbox=toolbox,
            documents=documents,
            agencies=agencies,
            measures=(),
            flows=(),
            glossary=glossary,
            handhavingskader=handhavingskader,
            advies=advies,
            classification=classification,
            retired=retired,
        )
        kb._agency_measures = dict(measures)
        kb._flows = flows
        kb.search_index = search_index
        return kb

    # --- records ----------------------------------------------------------------------

    def measures_of(self, agency: str) -> tuple[Measure, ...]:
        """The measures of one agency, in ladder order."""
        group = self._agency_measures.get(agency, ())
        if callable(group):
            group = group()
            self._agency_measures[agency] = group
        return group  # type: ignore[return-value]

    def measure_of(self, agency: str, measure_id: str) -> Measure:
        """One measure of `agency`, decoding only that agency's measures."""
        return next(m for m in self.measures_of(agency) if m.id == measure_id)

    @cached_property
    def measures(self) -> tuple[Measure, ...]:
        """All measures: by agency (in agencies.yaml order), then ladder order."""
        return tuple(m for agency in self._agency_measures for m in self.measures_of(agency))

    @cached_property
    def flows(self) -> tuple[Flow, ...]:
        if callable(self._flows):
            self._flows = self._flows()
        return self._flows

    @cached_property
    def measures_by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    @cached_property
    def edges_at(self) -> dict[str, tuple[list[tuple[Flow, Edge]], list[tuple[Flow, Edge]]]]:
        """Node id → (the arrows leaving it, the arrows arriving), in flow and file order:
        one pass over the flows instead of one per measure asked about."""
        index: dict[str, tuple[list[tuple[Flow, Edge]], list[tuple[Flow, Edge]]]] = {}
        for flow in self.flows:
            for edge in flow.edges:
                index.setdefault(edge.from_, ([], []))[0].append((flow, edge))
                index.setdefault(edge.to, ([], []))[1].append((flow, edge))
        return index

    @cached_property
    def related_from(self) -> dict[str, list[str]]:
        """Measure id → the ids of the measures that list it under `related`, in order."""
        index: dict[str, list[str]] = {}
        for m in self.measures:
            for other in dict.fromkeys(m.related):
                index.setdefault(other, []).append(m.id)
        return index

    @cached_property
    def agencies_by_id(self) -> dict[str, Agency]:
        return {a.id: a for a in self.agencies}

    @cached_property
    def documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def document_of(self, measure: Measure) -> Document:
        """The document a measure belongs to."""
        return self.documents_by_id[measure.document]

    def ladder(self, agency: str, domain: str, document: str | None = None) -> list[Measure]:
        """The measures of `agency` in `domain` (of one `document`, or of all, each
        document's after the other's), least intrusive first.

        A document that ranks its measures orders them by position; one that sets no
        order groups them by instrument class only (alphabetical within a class, which
        claims no order).
        """
        order = {d.id: i for i, d in enumerate(self.documents)}
        rungs = [
            m
            for m in self.measures_of(agency)
            if domain in m.domains and (document is None or m.document == document)
        ]
        return sorted(rungs, key=lambda m: (order.get(m.document, len(order)), rung_key(m, domain)))

    def rung(self, measure: Measure, domain: str) -> int | None:
        """The measure's rung on its agency's ladder in `domain`: 1, 2, 3 … in the order of
        the positions (None when its document ranks no measures, or it is not in
        `domain`)."""
        placement = measure.domains.get(domain)  # type: ignore[call-overload]
        if placement is None or placement.position is None:
            return None
        key = (measure.document, measure.agency, domain)
        ranks = self._ranks.get(key)
        if ranks is None:
            ranked = self.ladder(measure.agency, domain, measure.document)
            ranks = {m.id: n for n, m in enumerate(ranked, 1)}
            self._ranks[key] = ranks
        return ranks.get(measure.id)

    def rungs(self, measure: Measure) -> dict[str, int]:
        """Domain → the measure's rung there, for each domain its document ranks it in."""
        found = {d: self.rung(measure, d) for d in measure.domains}
        return {d: n for d, n in found.items() if n is not None}

    def next_rung(self, measure: Measure, domain: str) -> Measure | None:
        """The measure one rung up its agency's ladder in `domain`, if any."""
        rung = self.rung(measure, domain)
        if rung is None:
            return None
        ladder = self.ladder(measure.agency, domain, measure.document)
        return ladder[rung] if rung < len(ladder) else None

    def ladders(self, agency: str, domain: str) -> list[tuple[Document, list[Measure]]]:
        """Each document's ladder of `agency` in `domain` that has measures, in document order."""
        out = []
        for document in self.documents:
            rungs = self.ladder(agency, domain, document.id)
            if rungs:
                out.append((document, rungs))
        return out

    def flows_of(self, document: str, domain: str | None = None) -> list[Flow]:
        """The flows of one document (of one domain, when given)."""
        return [
            f
            for f in self.flows
            if f.document == document and (domain is None or f.domain == domain)
        ]

    def flows_for(self, domain: str) -> list[Flow]:
        """The flows of `domain`, of every document (its stromenmodel and any other flow)."""
        return [f for f in self.flows if f.domain == domain]


def rung_key(m: Measure, domain: str) -> tuple[int, int, str]:
    """Where a measure stands on its ladder in `domain`: its position when its document
    ranks measures, else its instrument class (then its title, which claims no order)."""
    position = m.domains[domain].position  # type: ignore[index]
    if position is not None:
        return (position, 0, m.id)
    return (0, INSTRUMENTS.index(m.instrument), m.title.casefold())


def ladder_key(agency_order: dict[str, int], document_order: dict[str, int]) -> Any:
    """Sort key putting measures in ladder order: agency, document, first domain, rung."""

    def key(m: Measure) -> tuple[Any, ...]:
        domain = next(d for d in DOMAINS if d in m.domains)
        return (
            agency_order.get(m.agency, len(agency_order)),
            document_order.get(m.document, len(document_order)),
            DOMAINS.index(domain),
            rung_key(m, domain),
            m.id,
        )

    return key
