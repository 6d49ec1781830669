"""How queries get a validated knowledge base, fast and safely.

Every query command is a fresh process (and so is every tab completion), so reading and
validating every file each time would dominate. `load_knowledge_base(dir)` keeps the
validated `KnowledgeBase` in a cache file, keyed on the size, modification and change
times, inode and device of every file in the data folder, symlinked folders followed
(plus the versions of zorgtoolbox, pydantic and Python and the fields of the models). The
key is that listing itself, compared in full before anything else is read (no hash that
could collide): any change to any file, also one whose modification time was set back
(its change time, which no program can set, moves on), or a file added or removed, makes
it differ, so stale data is never served; the data is validated again and the cache
rewritten.

The cache file's format (JSON, which cannot execute code when read) is `cachefile`'s;
where the cache lives, and that it is only read when it could not have been planted by
someone else, is `cachedir`'s. A cache that cannot be read, written or trusted is a miss,
never an error.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

from . import __version__, collector
from .cachedir import cache_dir, read_trusted, write_private
from .cachefile import FORMAT, decode, encode, layout
from .errors import InvalidDataError
from .fsutil import is_inside
from .kb import KnowledgeBase

_SKIPPED_DIRS = {"schema"}


# --- the key --------------------------------------------------------------------------


def fingerprint(data_dir: Path) -> str:
    """One line for every data file: its path and what its stat says, symlinks followed.

    A file behind a symlink is listed with the link's own inode and change time too, so
    retargeting a link is seen; a folder reached twice (a symlink loop) is listed once,
    and a symlinked folder outside the data folder (which the loader refuses) not at all.
    A dangling or looping symlink, or a folder that cannot be listed, is a line of its
    own: the key still changes with it, and validation reports it.
    """
    lines = [
        f"{FORMAT}|{__version__}|{sys.version}|{_pydantic_version()}|{layout()}|{data_dir}",
        _code(),
    ]
    root = os.stat(data_dir)
    seen = {(root.st_dev, root.st_ino)}
    folders = [(os.fspath(data_dir), "")]
    while folders:
        folder, rel = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            lines.append(f"{rel}|unreadable|{exc.errno}")
            continue
        for entry in entries:
            name = rel + entry.name
            try:
                st = entry.stat(follow_symlinks=False)
                link = ""
                if stat.S_ISLNK(st.st_mode):
                    link = f"|link {st.st_ino} {st.st_ctime_ns}"
                    st = os.stat(entry.path)
            except OSError as exc:
                lines.append(f"{name}|broken|{exc.errno}")
                continue
            if stat.S_ISDIR(st.st_mode):
                if rel == "" and entry.name in _SKIPPED_DIRS:
                    continue
                if (st.st_dev, st.st_ino) in seen:
                    lines.append(f"{name}|loop{link}")
                    continue
                if link and not is_inside(entry.path, data_dir):
                    # the loader refuses it; walking it could mean walking the whole disk
                    lines.append(f"{name}|outside{link}")
                    continue
                seen.add((st.st_dev, st.st_ino))
                folders.append((entry.path, name + "/"))
                continue
            lines.append(
                f"{name}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}|"
                f"{st.st_dev}|{st.st_mode:o}{link}"
            )
    return "\n".join(lines)


def _code() -> str:
    """The size and modification time of every module of this package: a new version of
    the code (a `git pull` of an editable install, with the version unchanged) may shape
    the cached records or search index differently, so it is a miss too."""
    package = Path(__file__).resolve().parent
    parts = []
    for path in sorted(package.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        parts.append(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
    return "code|" + ",".join(parts)


def _pydantic_version() -> str:
    import pydantic

    return pydantic.VERSION


# --- the cache, or validation -------------------------------------------------------


def cache_file_name(data_dir: Path) -> str:
    """One cache file per data folder (the key, which names the folder, decides)."""
    digest = hashlib.sha256(os.fsencode(data_dir)).hexdigest()[:16]
    return f"kb-{digest}.cache"


def load_knowledge_base(data_dir: Path) -> KnowledgeBase:
    """The validated knowledge base of `data_dir`; raises `InvalidDataError` on errors."""
    data_dir = data_dir.resolve()
    folder = cache_dir()
    key = fingerprint(data_dir).encode("utf-8", "surrogateescape") if folder else b""
    if folder is not None:
        cached = read_trusted(folder, cache_file_name(data_dir), lambda f: decode(f, key))
        if cached is not None:
            return cached
    from .validation import validate

    result = validate(data_dir)
    if result.kb is None:
        raise InvalidDataError(data_dir, result.errors)
    if folder is not None:
        _write(folder, cache_file_name(data_dir), key, result.kb)
    return result.kb


def _write(folder: Path, name: str, key: bytes, kb: KnowledgeBase) -> None:
    """Write the cache atomically, readable and writable by this user only."""
    try:
        with collector.paused():
            data = encode(key, kb)
    except Exception:
        return
    write_private(folder, name, data)
