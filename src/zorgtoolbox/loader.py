"""Loading a data folder: files → YAML with positions → pydantic models, with findings.

`load_data(dir)` reads every data file, validates each against its model and returns the
models that are valid, together with the document each came from (for locating findings
in the cross-record checks) and every per-file finding. It never stops at the first
problem and never raises for bad data; `modelerrors` words what does not fit a model.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, Literal, TypeVar

from pydantic import ValidationError

from .errors import InvalidFileError
from .findings import Finding, Location, error, warning
from .fsutil import is_inside
from .messages import Message, msg
from .modelerrors import not_a_mapping, validation_findings
from .models import (
    AdviceConfig,
    AgencyFile,
    Case,
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
from .yamlio import YamlDocument, YamlError, load_file, read_file

M = TypeVar("M", bound=Record)

#: Files at the top of the data folder: name → (model, required).
TOP_LEVEL_FILES: dict[str, tuple[type[Record], bool]] = {
    "toolbox.yaml": (Toolbox, True),
    "agencies.yaml": (AgencyFile, True),
    "glossary.yaml": (Glossary, False),
    "handhavingskader.yaml": (Handhavingskader, False),
    "advies.yaml": (AdviceConfig, False),
    "classification.yaml": (Classification, False),
    "corrections.yaml": (Corrections, False),
}
MEASURES_DIR = "measures"
FLOWS_DIR = "flows"
DOCUMENTS_DIR = "documents"
#: Reference cases of the advice, one a file: `casuistiek/<id>.yaml`.
CASES_DIR = "casuistiek"
#: A document's text: `documents/<id>.txt`, UTF-8.
TEXT_SUFFIX = ".txt"
MAX_TEXT_BYTES = 4 * 1024 * 1024
#: Folders of the data folder that hold no data records.
IGNORED_DIRS = {"schema"}


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


def load_data(data_dir: Path) -> LoadedData:
    """Read and validate every file of `data_dir` (which must exist)."""
    data_dir = data_dir.resolve()
    out = LoadedData(data_dir)
    for name, (model, required) in TOP_LEVEL_FILES.items():
        path = data_dir / name
        if os.path.lexists(path):  # a folder, FIFO or broken link by this name is a finding
            setattr(out, name.removesuffix(".yaml"), _load_record(out, path, model))
        elif required:
            out.findings.append(
                error(
                    "missing-file",
                    Location(out.display(path)),
                    "required file {name} is missing",
                    name=name,
                )
            )
    _check_top_level_entries(out)
    for path in _document_files(out):
        loaded = _load_record(out, path, Document)
        if loaded is not None:
            out.documents.append(loaded)
            _load_text(out, path.with_suffix(TEXT_SUFFIX), loaded)
    for path in _measure_files(out):
        loaded = _load_record(out, path, Measure)
        if loaded is not None:
            out.measures.append(loaded)
        else:
            out.broken_measures.append((path.parent.name, path.stem))
    for path in _flow_files(out):
        loaded = _load_record(out, path, Flow)
        if loaded is not None:
            out.flows.append(loaded)
    cases = data_dir / CASES_DIR
    for path in _yaml_files(out, cases, "reference case") if cases.is_dir() else []:
        loaded = _load_record(out, path, ReferenceCase)
        if loaded is not None:
            out.cases.append(loaded)
    return out


def _entries(out: LoadedData, folder: Path) -> list[Path]:
    """The entries of `folder`, sorted; a folder that cannot be listed is a finding."""
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        out.findings.append(
            error(
                "unreadable-file",
                Location(out.display(folder)),
                "cannot list this folder: {reason}",
                reason=exc.strerror or type(exc).__name__,
            )
        )
        return []


def _inside(out: LoadedData, folder: Path) -> bool:
    """Whether a folder lies inside the data folder; a symlink out of it is a finding."""
    if folder.is_symlink() and not is_inside(folder, out.data_dir):
        out.findings.append(
            error(
                "outside-knowledge-base",
                Location(out.display(folder)),
                "this is a symbolic link to a folder outside the knowledge base; it is not "
                "read (put the folder itself in the knowledge base)",
            )
        )
        return False
    return True


def _is_data_folder(out: LoadedData, folder: Path) -> bool:
    """Whether `folder` (measures/, flows/) is a folder to read; anything else by that
    name is a finding."""
    if folder.is_dir():
        return _inside(out, folder)
    if os.path.lexists(folder):
        out.findings.append(
            error(
                "misplaced-file",
                Location(out.display(folder)),
                "{name} must be a folder of data files; this is not a folder",
                name=folder.name,
            )
        )
    return False


def _is_yaml_name(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def _check_top_level_entries(out: LoadedData) -> None:
    folders = {MEASURES_DIR, FLOWS_DIR, DOCUMENTS_DIR, CASES_DIR}
    known = set(TOP_LEVEL_FILES) | folders | IGNORED_DIRS
    for entry in _entries(out, out.data_dir):
        if entry.name in known or entry.name.startswith("."):
            continue
        proper = entry.stem.lower() + ".yaml"
        if _is_yaml_name(entry) and proper in TOP_LEVEL_FILES:
            out.findings.append(
                error(
                    "wrong-extension",
                    Location(out.display(entry)),
                    "data files are named in lowercase and end in .yaml; rename to {name}",
                    name=proper,
                )
            )
        elif _is_yaml_name(entry):
            out.findings.append(
                warning(
                    "unknown-file",
                    Location(out.display(entry)),
                    "not a known data file, ignored; known: {known}",
                    known=list(TOP_LEVEL_FILES),
                )
            )


def _yaml_files(
    out: LoadedData, folder: Path, what: _Kind, also: tuple[str, ...] = ()
) -> list[Path]:
    """The .yaml files directly in `folder` (which holds files of kind `what`); other
    YAML-looking files become findings.

    Files ending in one of `also` are expected there and passed over.
    """
    files = []
    for entry in _entries(out, folder):
        if entry.name.startswith(".") or entry.suffix in also:
            continue
        if entry.is_dir():
            out.findings.append(
                error(
                    "misplaced-file",
                    Location(out.display(entry)),
                    _unexpected_folder(what, out.display(folder)),
                )
            )
        elif entry.suffix == ".yaml":
            files.append(entry)
        elif _is_yaml_name(entry):  # .yml, .YAML, .Yml: not read, but never silently
            out.findings.append(
                error(
                    "wrong-extension",
                    Location(out.display(entry)),
                    "data files end in .yaml (lowercase); rename to {stem}.yaml",
                    stem=entry.stem,
                )
            )
    return files


_Kind = Literal["measure", "document", "flow", "reference case"]


def _unexpected_folder(what: _Kind, folder: str) -> Message:
    """A folder inside `folder`, which holds files of kind `what` and no folders."""
    if what == "measure":
        return msg("unexpected folder; measure files go directly in {folder}/", folder=folder)
    if what == "document":
        return msg("unexpected folder; document files go directly in {folder}/", folder=folder)
    if what == "flow":
        return msg("unexpected folder; flow files go directly in {folder}/", folder=folder)
    return msg("unexpected folder; reference case files go directly in {folder}/", folder=folder)


def _measure_files(out: LoadedData) -> list[Path]:
    root = out.data_dir / MEASURES_DIR
    if not _is_data_folder(out, root):
        return []
    files: list[Path] = []
    for entry in _entries(out, root):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if _inside(out, entry):
                files.extend(_yaml_files(out, entry, "measure"))
        elif _is_yaml_name(entry):
            out.findings.append(
                error(
                    "misplaced-file",
                    Location(out.display(entry)),
                    "measure files go in {folder}/<agency-id>/; move it into the folder of its "
                    "agency",
                    folder=MEASURES_DIR,
                )
            )
    return files


def _document_files(out: LoadedData) -> list[Path]:
    root = out.data_dir / DOCUMENTS_DIR
    if not _is_data_folder(out, root):
        return []
    files = _yaml_files(out, root, "document", also=(TEXT_SUFFIX,))
    for text in sorted(root.glob(f"*{TEXT_SUFFIX}")):
        if not text.with_suffix(".yaml").is_file() and not text.name.startswith("."):
            out.findings.append(
                warning(
                    "unknown-file",
                    Location(out.display(text)),
                    "a document text without its document; add {stem}.yaml beside it or "
                    "remove the text",
                    stem=text.stem,
                )
            )
    return files


def _load_text(out: LoadedData, path: Path, document: Loaded[Document]) -> None:
    """Read a document's text (a regular file inside the knowledge base, bounded, UTF-8);
    a missing text is a finding."""
    display = out.display(path)
    if not os.path.lexists(path):
        out.findings.append(
            error(
                "missing-document-text",
                document.locate("id", key=False),
                "the text of document '{document}' is missing; put it in {path} (UTF-8) so "
                "that quotes of it can be checked",
                document=document.model.id,
                path=display,
            )
        )
        return
    try:
        raw = read_file(path, display, MAX_TEXT_BYTES, inside=out.data_dir)
    except YamlError as exc:
        out.findings.append(exc.finding)
        return
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        out.findings.append(
            error(
                "not-utf8",
                Location(display, line),
                "byte 0x{byte} is not valid UTF-8; save the text as UTF-8",
                byte=f"{raw[exc.start]:02x}",
            )
        )
        return
    out.texts[document.model.id] = text


def _flow_files(out: LoadedData) -> list[Path]:
    root = out.data_dir / FLOWS_DIR
    return _yaml_files(out, root, "flow") if _is_data_folder(out, root) else []


def _load_record(out: LoadedData, path: Path, model: type[M]) -> Loaded[M] | None:
    out.files_read += 1
    display = out.display(path)
    try:
        doc = load_file(path, display, inside=out.data_dir)
    except YamlError as exc:
        out.findings.extend(exc.findings)
        return None
    if not isinstance(doc.data, dict):
        out.findings.append(not_a_mapping(doc, model))
        return None
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        out.findings.extend(validation_findings(exc, doc, model))
        if model is Measure and isinstance(doc.data.get("id"), str):
            out.broken_measures.append((path.parent.name, doc.data["id"]))
        return None
    return Loaded(record, doc)


def load_case(path: Path, display_path: str | None = None) -> Loaded[Case]:
    """A case file (`advise --case`), read safely, with its document (for locating names
    that turn out not to exist); raises `InvalidFileError` with every located finding
    when the file cannot be read or does not fit the `Case` model."""
    try:
        doc = load_file(path, display_path or str(path))
    except YamlError as exc:
        raise InvalidFileError(list(exc.findings)) from None
    if not isinstance(doc.data, dict):
        raise InvalidFileError([not_a_mapping(doc, Case)])
    try:
        return Loaded(Case.model_validate(doc.data), doc)
    except ValidationError as exc:
        findings = [
            replace(f, message=f.message + _NO_PERSONAL_DATA) if f.code == "unknown-field" else f
            for f in validation_findings(exc, doc, Case)
        ]
        raise InvalidFileError(findings) from None


_NO_PERSONAL_DATA = msg(
    "; a case file holds no names, BSN, addresses or free text, only the factors of the case"
)
