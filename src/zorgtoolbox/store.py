"""How queries get a validated knowledge base, fast.

Every query command is a fresh process (and so is every tab completion), so reading and
validating every file each time would dominate. `load_knowledge_base(dir)` keeps the
validated `KnowledgeBase` in a cache file, keyed on the path, size, modification time
and inode of every file in the data folder (plus the versions of zorgtoolbox, pydantic
and Python). The key is that listing itself, compared in full (no hash that could
collide): any change to any file, or a file added or removed, makes it differ, so stale
data is never served; the data is validated again and the cache rewritten.

The cache lives in `$ZORGTOOLBOX_CACHE_DIR`, else `$XDG_CACHE_HOME/zorgtoolbox`, else
`~/.cache/zorgtoolbox`; `ZORGTOOLBOX_CACHE_DIR=` (empty) turns it off. It is written
atomically in a folder only the user can read; a cache that cannot be read or written is
ignored, never an error.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import zlib
from pathlib import Path

from . import __version__
from .errors import InvalidDataError
from .kb import KnowledgeBase

CACHE_ENV = "ZORGTOOLBOX_CACHE_DIR"
_FORMAT = 2
_SKIPPED_DIRS = {"schema"}


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zorgtoolbox"


def fingerprint(data_dir: Path) -> str:
    """Every data file's path, size, modification time and inode, one line each."""
    lines = [f"{_FORMAT}|{__version__}|{sys.version}|{_pydantic_version()}|{data_dir}"]
    folders = [(str(data_dir), "")]
    while folders:
        folder, rel = folders.pop()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            name = rel + entry.name
            if entry.is_dir(follow_symlinks=False):
                if not (rel == "" and entry.name in _SKIPPED_DIRS):
                    folders.append((entry.path, name + "/"))
                continue
            st = entry.stat()
            lines.append(f"{name}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}")
    return "\n".join(lines)


def _pydantic_version() -> str:
    import pydantic

    return pydantic.VERSION


def _cache_file(folder: Path, data_dir: Path) -> Path:
    """One cache file per data folder (the fingerprint, which names the folder, decides)."""
    return folder / f"kb-{data_dir.name}-{zlib.crc32(str(data_dir).encode()):08x}.pickle"


def load_knowledge_base(data_dir: Path) -> KnowledgeBase:
    """The validated knowledge base of `data_dir`; raises `InvalidDataError` on errors."""
    data_dir = data_dir.resolve()
    folder = cache_dir()
    key = fingerprint(data_dir) if folder is not None else ""
    if folder is not None:
        cached = _read(_cache_file(folder, data_dir), key)
        if cached is not None:
            return cached
    from .validation import validate

    result = validate(data_dir)
    if result.kb is None:
        errors = result.errors
        raise InvalidDataError(
            f"the knowledge base in {data_dir} has {len(errors)} error(s); "
            f"run 'zorgtoolbox validate --data {data_dir}' for all of them",
            errors,
        )
    if folder is not None:
        _write(_cache_file(folder, data_dir), key, result.kb)
    return result.kb


def _read(path: Path, key: str) -> KnowledgeBase | None:
    try:
        with path.open("rb") as handle:
            if pickle.load(handle) != key:
                return None
            kb = pickle.load(handle)
    except Exception:  # a missing, truncated or foreign cache file is just a miss
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def _write(path: Path, key: str, kb: KnowledgeBase) -> None:
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kb-", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
