"""Where the knowledge base and the templates are.

Order for the data folder: `--data DIR` (or the `ZORGTOOLBOX_DATA` environment variable),
else the nearest `data/` folder holding `toolbox.yaml` found upward from the working
directory (as git finds its repository), else the copy bundled with the package. Inside
a git work tree that has no such folder, there is no fallback: a data repository whose
folder has another name would otherwise be checked against the bundled copy and pass
(`NoKnowledgeBaseHere`, naming where it looked).
"""

from __future__ import annotations

from pathlib import Path

from .errors import BundledFolderMissing, DataFolderMissing, NoKnowledgeBaseHere, NotADataFolder

ENV_VAR = "ZORGTOOLBOX_DATA"
MARKER = "toolbox.yaml"

_PACKAGE = Path(__file__).resolve().parent
#: In a wheel the data and templates are copied into the package; in a source checkout
#: (editable install) they are the repository's own folders.
_CANDIDATE_ROOTS = (_PACKAGE / "_bundled", _PACKAGE.parent.parent)


def _bundled(name: str) -> Path:
    for root in _CANDIDATE_ROOTS:
        if (root / name).is_dir():
            return root / name
    raise BundledFolderMissing(name)


def bundled_data_dir() -> Path:
    """The knowledge base that ships with the package."""
    return _bundled("data")


def bundled_templates_dir() -> Path:
    """The handbook templates that ship with the package."""
    return _bundled("templates")


def find_data_dir(start: Path) -> Path | None:
    """The nearest `data/` folder holding toolbox.yaml in `start` or above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "data"
        if (candidate / MARKER).is_file():
            return candidate
    return None


def git_work_tree(start: Path) -> Path | None:
    """The root of the git work tree `start` lies in (the folder holding `.git`), if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def resolve_data_dir(option: Path | None, cwd: Path | None = None) -> Path:
    """The data folder to use: `option` when given (raises `DataFolderMissing` or
    `NotADataFolder` when it is none), else the nearest one, else (outside a git work
    tree) the bundled one."""
    if option is not None:
        if not option.is_dir():
            raise DataFolderMissing(option)
        if not (option / MARKER).is_file():
            raise NotADataFolder(option, MARKER)
        return option.resolve()
    try:
        here = (cwd or Path.cwd()).resolve()
    except OSError:  # a working directory that is gone: nothing to look upward from
        return bundled_data_dir()
    found = find_data_dir(here)
    if found is not None:
        return found
    root = git_work_tree(here)
    if root is not None:
        looked = [folder / "data" / MARKER for folder in (here, *here.parents)]
        raise NoKnowledgeBaseHere(here, root, tuple(p for p in looked if p.is_relative_to(root)))
    return bundled_data_dir()
