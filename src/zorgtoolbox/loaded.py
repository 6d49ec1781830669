"""What loading a data folder gives: each valid record with the YAML document it was read
from (`Loaded`), and everything read from one folder with its per-file findings
(`LoadedData`), which the cross-record checks read; and how findings name the folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from .findings import Finding, Location
from .models import (
    AdviceConfig,
    AgencyFile,
    Classification,
    Corrections,
    Document,
    Flow,
    Glossary,
    Handhavingskader,
    Measure,
    Record,
    ReferenceCase,
    Toolbox,
)
from .yamlio import YamlDocument

M = TypeVar("M", bound=Record)


@dataclass(frozen=True, slots=True)
class Loaded(Generic[M]):
    """A valid record and the document it was read from."""

    model: M
    doc: YamlDocument

    @property
    def path(self) -> str:
        return self.doc.display_path

    def locate(self, *path: str | int, key: bool = True) -> Location:
        return self.doc.locate(path, key=key)


@dataclass
class LoadedData:
    """Everything read from a data folder: valid records and per-file findings."""

    data_dir: Path
    toolbox: Loaded[Toolbox] | None = None
    agencies: Loaded[AgencyFile] | None = None
    glossary: Loaded[Glossary] | None = None
    handhavingskader: Loaded[Handhavingskader] | None = None
    advies: Loaded[AdviceConfig] | None = None
    classification: Loaded[Classification] | None = None
    corrections: Loaded[Corrections] | None = None
    documents: list[Loaded[Document]] = field(default_factory=list)
    #: The text of each document that has one: document id → text.
    texts: dict[str, str] = field(default_factory=dict)
    measures: list[Loaded[Measure]] = field(default_factory=list)
    flows: list[Loaded[Flow]] = field(default_factory=list)
    #: The reference cases of the advice (casuistiek/).
    cases: list[Loaded[ReferenceCase]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files_read: int = 0
    #: Measure files that could not be validated: (agency folder, id or file stem).
    #: Cross-record checks treat these ids as existing, so one broken file does not
    #: also show up as dangling references and ladder gaps elsewhere.
    broken_measures: list[tuple[str, str]] = field(default_factory=list)

    def display(self, path: Path) -> str:
        """A path as shown in findings: relative to the current directory when the data
        folder is below it (so CI annotations land on the repository's files, also for
        `--data kb/data`), else in full."""
        return f"{self.shown}/{path.relative_to(self.data_dir).as_posix()}"

    @property
    def shown(self) -> str:
        """The data folder as findings name it (`data`, `kb/data`, `.`, `/full/path`)."""
        return shown_folder(self.data_dir)


def shown_folder(data_dir: Path) -> str:
    """`data_dir` relative to the current directory when it lies below it (`data`,
    `kb/data`), else its full path; in forward slashes."""
    folder = data_dir.resolve()
    try:
        relative = folder.relative_to(Path.cwd().resolve())
    except (ValueError, OSError):  # elsewhere, or a working directory that is gone
        return folder.as_posix()
    return relative.as_posix() if relative.parts else "."
