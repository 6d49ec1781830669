"""The validated knowledge base: what queries, the flow graph and rendering work on.

A `KnowledgeBase` is immutable and only ever built from data without errors (see
`validation.validate`, and `store.load_knowledge_base` for the cached way queries get one).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .models import Agency, Flow, Handhavingskader, Measure, Term, Toolbox


@dataclass(frozen=True)
class KnowledgeBase:
    """All records of a valid data folder, in a stable order."""

    data_dir: Path
    toolbox: Toolbox
    agencies: tuple[Agency, ...]
    measures: tuple[Measure, ...]
    flows: tuple[Flow, ...]
    glossary: tuple[Term, ...] = ()
    handhavingskader: Handhavingskader | None = None

    @cached_property
    def measures_by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    @cached_property
    def agencies_by_id(self) -> dict[str, Agency]:
        return {a.id: a for a in self.agencies}

    def ladder(self, agency: str, domain: str) -> list[Measure]:
        """The measures of `agency` in `domain`, least intrusive first."""
        rungs = [m for m in self.measures if m.agency == agency and domain in m.domains]
        return sorted(rungs, key=lambda m: m.domains[domain].position)  # type: ignore[index]

    def flows_for(self, domain: str) -> list[Flow]:
        """The flows of `domain` (its stromenmodel and any other flow of that domain)."""
        return [f for f in self.flows if f.domain == domain]
