"""The layout of a data folder: where each kind of file goes, which files are read, and a
finding for everything that lies where no data file belongs (a misnamed or misplaced file,
a folder where a file should be, a symbolic link out of the knowledge base).

Nothing here reads a file's content: `loader` reads the files listed here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from .findings import Location, error, warning
from .fsutil import is_inside
from .loaded import LoadedData
from .messages import Message, msg
from .models import (
    AdviceConfig,
    AgencyFile,
    Classification,
    Corrections,
    Glossary,
    Handhavingskader,
    Record,
    Toolbox,
)

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
#: Folders of the data folder that hold no data records.
IGNORED_DIRS = {"schema"}


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


def check_top_level_entries(out: LoadedData) -> None:
    """A finding for every YAML file at the top of the data folder that is no data file:
    a data file's name in other letters or with another extension, or an unknown file."""
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


def measure_files(out: LoadedData) -> list[Path]:
    """The measure files, `measures/<agency>/*.yaml`."""
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


def document_files(out: LoadedData) -> list[Path]:
    """The document files, `documents/*.yaml` (their texts, `*.txt`, lie beside them)."""
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


def flow_files(out: LoadedData) -> list[Path]:
    """The flow files, `flows/*.yaml`."""
    root = out.data_dir / FLOWS_DIR
    return _yaml_files(out, root, "flow") if _is_data_folder(out, root) else []


def case_files(out: LoadedData) -> list[Path]:
    """The reference cases of the advice, `casuistiek/*.yaml`; there may be none."""
    cases = out.data_dir / CASES_DIR
    return _yaml_files(out, cases, "reference case") if cases.is_dir() else []
