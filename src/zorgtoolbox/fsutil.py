"""Files on disk, handled as if they were hostile: bounded reads of regular files only,
and atomic writes of output files.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .errors import NotAFolder, OutputTargetError, WriteError
from .messages import N_

# --- writing: all files of one build replaced together, or none ---------------------
#
# `write_files` writes every file to a temporary sibling (flushed to disk), then moves them
# into place. With more than one file, a small journal listing the staged temporaries is
# put down first, so a kill between two renames leaves a set that the next write, or
# `recover_outputs` (`build-handbook --check` calls it), completes: the temporaries are
# whole by then. Without a journal, temporaries left by a killed run are removed, which
# leaves the previous set. An exclusive lock on the folder (flock on its descriptor, so no
# lock file is left behind) serialises writers, so two builds at once give the set of one
# or of the other, never a mix.

JOURNAL = ".zorgtoolbox-journal.json"
_TEMP_MARK = ".zorgtoolbox-"
#: Errors that say the place is wrong (exit 2), not that writing went wrong (exit 1).
_USAGE_ERRNOS = {
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EEXIST,
    errno.EISDIR,
    errno.ENAMETOOLONG,
    errno.ELOOP,
}


def write_files(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Write `files` (all in one folder) so that they are replaced together or not at all.

    A target that exists and is not a regular file (a device such as /dev/null, a FIFO, a
    symlink, a folder) is refused and never touched. New files get the mode 0o666 less the
    umask, replaced files keep their mode. Raises `OutputTargetError` (a usage problem:
    the target, a missing or read-only folder, no permission) or `WriteError` (writing
    failed: a full disk, an I/O error); either way no target was changed and nothing is
    left behind.
    """
    targets = list(files)
    if not targets:
        return []
    folder = targets[0].parent
    if any(t.parent != folder for t in targets):
        raise ValueError("write_files writes into one folder at a time")
    for target in targets:
        _check_target(target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NotAFolder(folder) from None
    except OSError as exc:
        raise _os_error(exc, folder) from None
    with _locked(folder):
        _recover(folder)
        for target in targets:  # again, now that no other writer can change them
            _check_target(target)
        staged: list[tuple[Path, Path]] = []
        journal = False
        try:
            for target, content in files.items():
                staged.append((_stage(target, content), target))
            if len(staged) > 1:
                _write_journal(folder, staged)
                journal = True
            for tmp, target in staged:
                os.replace(tmp, target)
            _fsync_folder(folder)
            if journal:
                os.unlink(folder / JOURNAL)
                _fsync_folder(folder)
        except OSError as exc:
            if not journal:
                _remove(tmp for tmp, _ in staged)
                raise _os_error(exc, exc.filename or folder) from None
            try:  # some files are in place already: finish the set from the journal
                _recover(folder)
            except OSError:
                reason = exc.strerror or type(exc).__name__
                raise WriteError(folder, reason, unfinished=True) from None
        except BaseException:
            if not journal:
                _remove(tmp for tmp, _ in staged)
            raise
    return targets


def recover_outputs(folder: Path) -> None:
    """Complete a set of outputs an interrupted write left in `folder`, and remove its
    temporaries; nothing to do when no write was interrupted."""
    if not folder.is_dir() or not any(_TEMP_MARK in name for name in os.listdir(folder)):
        return
    with _locked(folder):
        _recover(folder)


def _check_target(target: Path) -> None:
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise OutputTargetError(target, reason=N_("a part of its folder is a file")) from None
    except OSError as exc:
        raise _os_error(exc, target) from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputTargetError(target, kind=file_kind(st.st_mode))


def _os_error(exc: OSError, path: Path | str) -> Exception:
    reason = exc.strerror or type(exc).__name__
    if exc.errno in _USAGE_ERRNOS:
        return OutputTargetError(path, reason=reason)
    return WriteError(path, reason)


def current_umask() -> int:
    """The process's umask (read by setting it, and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stage(target: Path, content: str | bytes) -> Path:
    """A temporary sibling of `target` holding `content`, on disk, with the final mode."""
    try:
        mode = stat.S_IMODE(os.lstat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    import tempfile  # here, not at the top: query commands import this module too

    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}{_TEMP_MARK}", suffix=".tmp", dir=target.parent
    )
    tmp = Path(name)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    if not hasattr(os, "fchmod"):  # Windows
        os.chmod(tmp, mode)
    return tmp


def _write_journal(folder: Path, staged: list[tuple[Path, Path]]) -> None:
    entries = [[tmp.name, target.name] for tmp, target in staged]
    tmp = _stage(folder / JOURNAL, json.dumps({"files": entries}))
    os.replace(tmp, folder / JOURNAL)
    _fsync_folder(folder)


def _recover(folder: Path) -> None:
    """Under the lock: complete a journalled set, then remove leftover temporaries."""
    journal = folder / JOURNAL
    if os.path.lexists(journal):
        try:
            entries = json.loads(read_regular_file(journal, 1024 * 1024))["files"]
        except (OSError, RefusedFile, ValueError, KeyError, TypeError):
            entries = []  # not a journal this program wrote: its temporaries go below
        for tmp_name, target_name in entries:
            if not _is_temp_name(tmp_name) or os.sep in target_name or "/" in target_name:
                continue
            if os.path.lexists(folder / tmp_name):
                os.replace(folder / tmp_name, folder / target_name)
        _fsync_folder(folder)
        os.unlink(journal)
    _remove(folder / name for name in os.listdir(folder) if _is_temp_name(name))


def _is_temp_name(name: object) -> bool:
    return (
        isinstance(name, str)
        and name.startswith(".")
        and _TEMP_MARK in name
        and name.endswith(".tmp")
        and os.sep not in name
        and "/" not in name
    )


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _fsync_folder(folder: Path) -> None:
    """Make the renames in `folder` durable (not possible, and not needed, on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on `folder` for writers of this program (waits for the other)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; builds there are not serialised
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        # a file system without locks (some network mounts): go on unlocked
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


# --- reading: only regular files, only what is asked for ----------------------------


class RefusedFile(Exception):
    """A file that is not read at all; the subclass says why. `path` is the path as given."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class OutsideFolder(RefusedFile):
    """A symbolic link whose target lies outside the folder the file must be in."""


class NotRegularFile(RefusedFile):
    """A folder, named pipe, device or socket where a file was expected; `kind` says which."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(path)
        self.kind = kind


class FileTooLarge(RefusedFile):
    """A file over the size limit; `size` is its size when known."""

    def __init__(self, path: Path, size: int | None) -> None:
        super().__init__(path)
        self.size = size


_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
    (stat.S_ISLNK, N_("a symbolic link")),
)
#: Opening never blocks (a FIFO without writer) and never follows a final symlink.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def file_kind(mode: int) -> str:
    """'a regular file', 'a folder', 'a named pipe (FIFO)', … for an `st_mode` (English
    message ids: the command line shows them translated)."""
    return next((kind for test, kind in _KINDS if test(mode)), N_("a regular file"))


def is_inside(path: Path | str, folder: Path | str) -> bool:
    """Whether `path` (resolved) is `folder` (resolved) or lies below it."""
    real = os.path.realpath(path)
    base = os.path.realpath(folder)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def read_regular_file(path: Path, limit: int, *, inside: Path | None = None) -> bytes:
    """The bytes of `path`, read safely, at most `limit` of them.

    Only a regular file is read (checked on the open descriptor, so a FIFO, a device such
    as /dev/zero or a folder is refused without reading from it, and opening never
    blocks); a file over `limit` bytes is refused after reading at most `limit` + 1
    bytes. With `inside`, a symbolic link is followed only when its target lies inside
    that folder (a symlink that leaves it raises `OutsideFolder`, and nothing of the
    target is read); without it, symlinks are followed (a file named on the command line).

    Raises `OutsideFolder`, `NotRegularFile`, `FileTooLarge`, or `OSError` when the file
    cannot be opened or read.
    """
    target = os.fspath(path)
    before = os.lstat(target) if inside is not None else os.stat(target)
    if inside is not None and stat.S_ISLNK(before.st_mode):
        if not is_inside(target, inside):
            raise OutsideFolder(path)
        target = os.path.realpath(target)
        before = os.lstat(target)
        if stat.S_ISLNK(before.st_mode):  # realpath stops at a loop without saying so
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), os.fspath(path))
    if not stat.S_ISREG(before.st_mode):  # refused before it is even opened
        raise NotRegularFile(path, file_kind(before.st_mode))
    if before.st_size > limit:
        raise FileTooLarge(path, before.st_size)
    fd = os.open(target, _READ_FLAGS | (_NOFOLLOW if inside is not None else 0))
    try:
        st = os.fstat(fd)  # what was opened, not what the name pointed at a moment ago
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path, file_kind(st.st_mode))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise FileTooLarge(path, None)
    return b"".join(chunks)
