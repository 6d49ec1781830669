"""Where the query cache lives, and its files read and written only where nobody else
could have planted them.

The cache lives in `$ZORGTOOLBOX_CACHE_DIR`, else the platform's cache folder
(`%LOCALAPPDATA%\\zorgtoolbox\\Cache` on Windows, `$XDG_CACHE_HOME/zorgtoolbox` or
`~/.cache/zorgtoolbox` elsewhere); `ZORGTOOLBOX_CACHE_DIR=` (empty) turns it off.

A cache file is only read when it could not have been planted by someone else: a regular
file (never followed through a symlink) owned by the current user and writable by nobody
else, in a folder owned by the user with mode 0700, both checked on the open descriptors.
A forged cache could otherwise serve data that was never validated. A file that cannot be
read, written or trusted is a miss, never an error. What is in the file is `cachefile`'s
business; when the cache is used is `store`'s.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

_T = TypeVar("_T")

CACHE_ENV = "ZORGTOOLBOX_CACHE_DIR"
#: Where ownership and permissions can be checked on descriptors (not on Windows, where
#: the per-user %LOCALAPPDATA% is protected by its access control list instead).
_CHECKED = (
    hasattr(os, "getuid")
    and hasattr(os, "O_NOFOLLOW")
    and os.open in os.supports_dir_fd
    and os.rename in os.supports_dir_fd  # os.replace is the same call; it is not listed
)


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
        return Path(local) / "zorgtoolbox" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec ignores a relative path
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zorgtoolbox"


def _open_folder(folder: Path, *, create: bool) -> int | None:
    """A descriptor of `folder` when only this user can use it, else None.

    It must be a folder itself (not a symlink to one), owned by the current user, with
    no permissions for group or others; checked on the open descriptor, so swapping the
    folder after the check changes nothing.
    """
    if create:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None
    st = os.fstat(fd)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        os.close(fd)
        return None
    return fd


def read_trusted(folder: Path, name: str, read: Callable[[Any], _T | None]) -> _T | None:
    """`read(handle)` of the file `name` in `folder`, if only this user could have written
    it; None when it is not trusted, or when opening or reading it fails in any way."""
    try:
        if not _CHECKED:
            with open(folder / name, "rb") as handle:
                return read(handle)
        folder_fd = _open_folder(folder, create=False)
        if folder_fd is None:
            return None
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder_fd)
        finally:
            os.close(folder_fd)
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
                return None  # planted, or writable by others: never trusted
            return read(handle)
    except Exception:  # a missing, truncated, foreign or unreadable cache is a miss
        return None


def write_private(folder: Path, name: str, data: bytes) -> None:
    """Write `data` to the file `name` in `folder` atomically, readable and writable by
    this user only; a folder or file that cannot be written is left as it is."""
    tmp = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    if not _CHECKED:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / tmp).write_bytes(data)
            os.replace(folder / tmp, folder / name)
        except OSError:
            with contextlib.suppress(OSError):
                (folder / tmp).unlink(missing_ok=True)
        return
    folder_fd = _open_folder(folder, create=True)
    if folder_fd is None:
        return
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        fd = os.open(tmp, flags, 0o600, dir_fd=folder_fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder_fd)
    finally:
        os.close(folder_fd)
