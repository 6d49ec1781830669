"""The validated knowledge base, and the one call that produces it.

`validate(dir)` runs the whole chain: load every file into models (with findings), run
the cross-record checks, and, when no error was found, assemble a `KnowledgeBase`:
immutable, indexed, and the only thing queries, the flow graph and rendering ever see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .checks import run_checks
from .findings import Finding, sorted_findings
from .loader import LoadedData, load_data
from .models import DOMAINS, Agency, Flow, Handhavingskader, Measure, Term, Toolbox


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


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a data folder."""

    data_dir: Path
    findings: list[Finding]
    files_read: int
    kb: KnowledgeBase | None = field(default=None)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(data_dir: Path) -> Validation:
    """Load, validate and (when there are no errors) assemble the knowledge base."""
    loaded = load_data(data_dir)
    findings = sorted_findings(loaded.findings + run_checks(loaded))
    kb = None if any(f.is_error for f in findings) else assemble(loaded)
    return Validation(loaded.data_dir, findings, loaded.files_read, kb)


def assemble(loaded: LoadedData) -> KnowledgeBase:
    """The knowledge base of error-free `loaded` data, measures in ladder order."""
    assert loaded.toolbox is not None and loaded.agencies is not None
    agencies = loaded.agencies.model.agencies
    order = {a.id: i for i, a in enumerate(agencies)}

    def ladder_key(m: Measure) -> tuple[int, int, int, str]:
        domain = next(d for d in DOMAINS if d in m.domains)
        return (order[m.agency], DOMAINS.index(domain), m.domains[domain].position, m.id)  # type: ignore[index]

    return KnowledgeBase(
        data_dir=loaded.data_dir,
        toolbox=loaded.toolbox.model,
        agencies=agencies,
        measures=tuple(sorted((m.model for m in loaded.measures), key=ladder_key)),
        flows=tuple(sorted((f.model for f in loaded.flows), key=lambda f: f.id)),
        glossary=loaded.glossary.model.terms if loaded.glossary else (),
        handhavingskader=loaded.handhavingskader.model if loaded.handhavingskader else None,
    )
