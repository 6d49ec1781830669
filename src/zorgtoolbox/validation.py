"""Validating a data folder: load every file, run the checks, assemble the knowledge base.

`validate(dir)` runs the whole chain: load every file into models (with findings), run
the cross-record checks, and, when no error was found, assemble a `KnowledgeBase`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import run_checks
from .findings import Finding, sorted_findings
from .kb import KnowledgeBase, ladder_key
from .loader import LoadedData, load_data


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
    main = loaded.toolbox.model.document
    documents = tuple(
        sorted((d.model for d in loaded.documents), key=lambda d: (d.id != main, d.id))
    )
    document_order = {d.id: i for i, d in enumerate(documents)}
    return KnowledgeBase(
        data_dir=loaded.data_dir,
        toolbox=loaded.toolbox.model,
        documents=documents,
        agencies=agencies,
        measures=tuple(
            sorted((m.model for m in loaded.measures), key=ladder_key(order, document_order))
        ),
        flows=tuple(sorted((f.model for f in loaded.flows), key=lambda f: f.id)),
        glossary=loaded.glossary.model.terms if loaded.glossary else (),
        handhavingskader=loaded.handhavingskader.model if loaded.handhavingskader else None,
        advies=loaded.advies.model if loaded.advies else None,
        classification=loaded.classification.model if loaded.classification else None,
    )
