"""Validating a data folder: load every file, run the checks, assemble the knowledge base.

`validate(dir)` runs the whole chain: load every file into models (with findings), run
the cross-record checks, and, when no error was found, assemble a `KnowledgeBase`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .checks import run_checks
from .checks._common import retired_ids
from .findings import Finding, sorted_findings
from .kb import KnowledgeBase, ladder_key
from .loaded import LoadedData
from .loader import load_data
from .models import Flow


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
    """The knowledge base of error-free `loaded` data, measures in ladder order.

    A retired measure (`replaced_by`) is not in it: every reference to it (arrows, entry
    points, related links, the aangifte instruments) names the measure in its place, and
    `KnowledgeBase.retired` maps its id there, so a name of it still finds that measure.
    """
    assert loaded.toolbox is not None and loaded.agencies is not None
    agencies = loaded.agencies.model.agencies
    order = {a.id: i for i, a in enumerate(agencies)}
    main = loaded.toolbox.model.document
    documents = tuple(
        sorted((d.model for d in loaded.documents), key=lambda d: (d.id != main, d.id))
    )
    document_order = {d.id: i for i, d in enumerate(documents)}
    retired = retired_ids(loaded)

    def current(measure_id: str) -> str:
        return retired.get(measure_id, measure_id)

    measures = [
        m.model.model_copy(update={"related": tuple(dict.fromkeys(map(current, m.model.related)))})
        for m in loaded.measures
        if not m.model.replaced_by
    ]
    flows = [_flow_without(f.model, current) for f in loaded.flows]
    advies = loaded.advies.model if loaded.advies else None
    if advies is not None and retired:
        feit = advies.strafbaar_feit
        measures_of_feit = tuple(dict.fromkeys(map(current, feit.measures)))
        advies = advies.model_copy(
            update={"strafbaar_feit": feit.model_copy(update={"measures": measures_of_feit})}
        )
    return KnowledgeBase(
        data_dir=loaded.data_dir,
        toolbox=loaded.toolbox.model,
        documents=documents,
        agencies=agencies,
        measures=tuple(sorted(measures, key=ladder_key(order, document_order))),
        flows=tuple(sorted(flows, key=lambda f: f.id)),
        glossary=loaded.glossary.model.terms if loaded.glossary else (),
        handhavingskader=loaded.handhavingskader.model if loaded.handhavingskader else None,
        advies=advies,
        classification=loaded.classification.model if loaded.classification else None,
        retired=retired,
    )


def _flow_without(flow: Flow, current: Callable[[str], str]) -> Flow:
    """`flow` with every retired measure it names replaced by the one in its place."""
    edges = tuple(
        e.model_copy(update={"from_": current(e.from_), "to": current(e.to)}) for e in flow.edges
    )
    entry_points = tuple(dict.fromkeys(map(current, flow.entry_points)))
    return flow.model_copy(update={"edges": edges, "entry_points": entry_points})
