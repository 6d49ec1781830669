"""The validated knowledge base: what queries, the flow graph and rendering work on.

A `KnowledgeBase` is immutable and only ever built from data without errors (see
`validation.validate`, and `store.load_knowledge_base` for the cached way queries get one).

Pickling (the query cache) stores the measures of each agency and each flow as a separate
blob that is only unpickled when first used: `zorgtoolbox measures --org DJI` on a
national knowledge base of 5,000 measures then decodes one agency's measures, not all.
"""

from __future__ import annotations

import pickle
from functools import cached_property
from pathlib import Path
from typing import Any

from .models import DOMAINS, AdviceConfig, Agency, Flow, Handhavingskader, Measure, Term, Toolbox


class KnowledgeBase:
    """All records of a valid data folder, in a stable order (measures in ladder order)."""

    def __init__(
        self,
        *,
        data_dir: Path,
        toolbox: Toolbox,
        agencies: tuple[Agency, ...],
        measures: tuple[Measure, ...],
        flows: tuple[Flow, ...],
        glossary: tuple[Term, ...] = (),
        handhavingskader: Handhavingskader | None = None,
        advies: AdviceConfig | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.toolbox = toolbox
        self.agencies = agencies
        self.glossary = glossary
        self.handhavingskader = handhavingskader
        #: The intervention matrix of `zorgtoolbox advise` (advies.yaml), if any.
        self.advies = advies
        grouped: dict[str, list[Measure]] = {a.id: [] for a in agencies}
        for m in measures:
            grouped.setdefault(m.agency, []).append(m)
        self._agency_measures: dict[str, tuple[Measure, ...] | bytes] = {
            agency: tuple(items) for agency, items in grouped.items()
        }
        self._flows: tuple[Flow, ...] | list[bytes] = tuple(flows)

    # --- records ----------------------------------------------------------------------

    def measures_of(self, agency: str) -> tuple[Measure, ...]:
        """The measures of one agency, in ladder order."""
        group = self._agency_measures.get(agency, ())
        if isinstance(group, bytes):
            group = pickle.loads(group)
            self._agency_measures[agency] = group
        return group  # type: ignore[return-value]

    @cached_property
    def measures(self) -> tuple[Measure, ...]:
        """All measures: by agency (in agencies.yaml order), then ladder order."""
        return tuple(m for agency in self._agency_measures for m in self.measures_of(agency))

    @cached_property
    def flows(self) -> tuple[Flow, ...]:
        if isinstance(self._flows, list):
            self._flows = tuple(pickle.loads(blob) for blob in self._flows)
        return self._flows

    @cached_property
    def measures_by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    @cached_property
    def agencies_by_id(self) -> dict[str, Agency]:
        return {a.id: a for a in self.agencies}

    def ladder(self, agency: str, domain: str) -> list[Measure]:
        """The measures of `agency` in `domain`, least intrusive first."""
        rungs = [m for m in self.measures_of(agency) if domain in m.domains]
        return sorted(rungs, key=lambda m: m.domains[domain].position)  # type: ignore[index]

    def flows_for(self, domain: str) -> list[Flow]:
        """The flows of `domain` (its stromenmodel and any other flow of that domain)."""
        return [f for f in self.flows if f.domain == domain]

    # --- pickling: measures per agency and flows as lazily decoded blobs --------------

    def __getstate__(self) -> dict[str, Any]:
        protocol = pickle.HIGHEST_PROTOCOL
        return {
            "data_dir": self.data_dir,
            "toolbox": self.toolbox,
            "agencies": self.agencies,
            "glossary": self.glossary,
            "handhavingskader": self.handhavingskader,
            "advies": self.advies,
            "agency_measures": {
                agency: pickle.dumps(self.measures_of(agency), protocol)
                for agency in self._agency_measures
            },
            "flows": [pickle.dumps(f, protocol) for f in self.flows],
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.data_dir = state["data_dir"]
        self.toolbox = state["toolbox"]
        self.agencies = state["agencies"]
        self.glossary = state["glossary"]
        self.handhavingskader = state["handhavingskader"]
        self.advies = state["advies"]
        self._agency_measures = dict(state["agency_measures"])
        self._flows = list(state["flows"])


def ladder_key(agency_order: dict[str, int]) -> Any:
    """Sort key putting measures in ladder order: agency, first domain, position, id."""

    def key(m: Measure) -> tuple[int, int, int, str]:
        domain = next(d for d in DOMAINS if d in m.domains)
        return (
            agency_order.get(m.agency, len(agency_order)),
            DOMAINS.index(domain),
            m.domains[domain].position,  # type: ignore[index]
            m.id,
        )

    return key
