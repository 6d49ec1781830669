"""Loading a data folder: files → YAML with positions → pydantic models, with findings.

`load_data(dir)` reads every data file (`datafolder` says which), validates each against
its model and returns the models that are valid, together with the document each came from
(for locating findings in the cross-record checks) and every per-file finding, as
`LoadedData` (`loaded`). It never stops at the first problem and never raises for bad
data; `modelerrors` words what does not fit a model.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from .datafolder import (
    TEXT_SUFFIX,
    TOP_LEVEL_FILES,
    case_files,
    check_top_level_entries,
    document_files,
    flow_files,
    measure_files,
)
from .errors import InvalidFileError
from .findings import Location, error
from .loaded import Loaded, LoadedData, M
from .messages import msg
from .modelerrors import not_a_mapping, validation_findings
from .models import Case, Document, Flow, Measure, ReferenceCase
from .yamlio import YamlError, load_file, read_file

MAX_TEXT_BYTES = 4 * 1024 * 1024


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
    check_top_level_entries(out)
    for path in document_files(out):
        loaded = _load_record(out, path, Document)
        if loaded is not None:
            out.documents.append(loaded)
            _load_text(out, path.with_suffix(TEXT_SUFFIX), loaded)
    for path in measure_files(out):
        loaded = _load_record(out, path, Measure)
        if loaded is not None:
            out.measures.append(loaded)
        else:
            out.broken_measures.append((path.parent.name, path.stem))
    for path in flow_files(out):
        loaded = _load_record(out, path, Flow)
        if loaded is not None:
            out.flows.append(loaded)
    for path in case_files(out):
        loaded = _load_record(out, path, ReferenceCase)
        if loaded is not None:
            out.cases.append(loaded)
    return out


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
