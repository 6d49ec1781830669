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

The cache is JSON, which cannot execute code when read. It is still only read when it
could not have been planted by someone else: a regular file (never followed through a
symlink) owned by the current user and writable by nobody else, in a folder owned by the
user with mode 0700, both checked on the open descriptors. A forged cache could otherwise
serve data that was never validated.

The cache lives in `$ZORGTOOLBOX_CACHE_DIR`, else the platform's cache folder
(`%LOCALAPPDATA%\\zorgtoolbox\\Cache` on Windows, `$XDG_CACHE_HOME/zorgtoolbox` or
`~/.cache/zorgtoolbox` elsewhere); `ZORGTOOLBOX_CACHE_DIR=` (empty) turns it off. A cache
that cannot be read, written or trusted is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import types
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from . import __version__
from .errors import InvalidDataError
from .fsutil import is_inside
from .kb import KnowledgeBase
from .models import (
    AdviceConfig,
    Agency,
    Classification,
    Document,
    Flow,
    Handhavingskader,
    Measure,
    Term,
    Toolbox,
)

CACHE_ENV = "ZORGTOOLBOX_CACHE_DIR"
_FORMAT = 5
_MAGIC = b"zorgtoolbox-cache %d\n" % _FORMAT
_SKIPPED_DIRS = {"schema"}
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
        f"{_FORMAT}|{__version__}|{sys.version}|{_pydantic_version()}|{_layout()}|{data_dir}",
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


# --- JSON to models without validating again ------------------------------------------
#
# The cache only ever holds data that was validated, so it is turned back into models
# the way pydantic's `model_construct` does, without building the validators (which
# query commands never need). The plan of every model (its fields and which of them
# hold other models) is also the `_layout()` in the key: a change to the models makes
# every old cache a miss.

Decoder = Callable[[Any], Any]
_PLANS: dict[type[BaseModel], list[tuple[str, Decoder | None]]] = {}


def _decoder(tp: Any) -> Decoder | None:
    """A function turning JSON data back into values of type `tp` (None: as it is)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        models = [a for a in get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)]
        if len(models) > 1:
            raise TypeError(f"cannot decode a union of several models: {tp}")
        if not models:
            return None  # plain values only
        # `Model | None`, or `Model | Literal[...]` (a provenance entry: a mapping or a
        # basis): a mapping is the model, anything else stays as it is
        decode_model = _decoder(models[0])
        assert decode_model is not None
        return lambda value: decode_model(value) if isinstance(value, dict) else value
    if origin is tuple:
        item = _decoder(get_args(tp)[0])
        if item is None:
            return tuple
        return lambda value: tuple(item(x) for x in value)
    if origin is dict:
        item = _decoder(get_args(tp)[1])
        if item is None:
            return None
        return lambda value: {k: item(x) for k, x in value.items()}
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model_decoder(tp)
    return None


def _model_decoder(cls: type[BaseModel]) -> Decoder:
    if cls not in _PLANS:
        _PLANS[cls] = [(name, _decoder(f.annotation)) for name, f in cls.model_fields.items()]
    plan = _PLANS[cls]
    nested = [(name, decode) for name, decode in plan if decode is not None]
    setattr_ = object.__setattr__

    def decode(value: dict[str, Any]) -> BaseModel:
        fields = {name: value[name] for name, _ in plan}
        for name, inner in nested:
            fields[name] = inner(fields[name])
        model = cls.__new__(cls)
        setattr_(model, "__dict__", fields)
        setattr_(model, "__pydantic_fields_set__", set(fields))
        setattr_(model, "__pydantic_extra__", None)
        setattr_(model, "__pydantic_private__", None)
        return model

    return decode


_DECODE = {
    "toolbox": _decoder(Toolbox),
    "documents": _decoder(tuple[Document, ...]),
    "classification": _decoder(Classification | None),
    "agencies": _decoder(tuple[Agency, ...]),
    "glossary": _decoder(tuple[Term, ...]),
    "handhavingskader": _decoder(Handhavingskader | None),
    "advies": _decoder(AdviceConfig | None),
    "measures": _decoder(tuple[Measure, ...]),
    "flows": _decoder(tuple[Flow, ...]),
}


def _layout() -> str:
    """Every model's fields, in order: part of the key, so a changed model is a miss."""
    return ";".join(
        f"{cls.__module__}.{cls.__qualname__}({','.join(name for name, _ in plan)})"
        for cls, plan in _PLANS.items()
    )


# --- the cache file -------------------------------------------------------------------


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
        cached = _read(folder, cache_file_name(data_dir), key)
        if cached is not None:
            return cached
    from .validation import validate

    result = validate(data_dir)
    if result.kb is None:
        raise InvalidDataError(data_dir, result.errors)
    if folder is not None:
        _write(folder, cache_file_name(data_dir), key, result.kb)
    return result.kb


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


def _read(folder: Path, name: str, key: bytes) -> KnowledgeBase | None:
    try:
        if not _CHECKED:
            with open(folder / name, "rb") as handle:
                return _decode(handle, key)
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
            return _decode(handle, key)
    except Exception:  # a missing, truncated, foreign or unreadable cache is a miss
        return None


def _decode(handle: Any, key: bytes) -> KnowledgeBase | None:
    """The knowledge base in an open cache file, if its key is `key`.

    The key is compared, as plain bytes, before anything else of the file is read.
    """
    if handle.readline(64) != _MAGIC:
        return None
    key_len, index_len, body_len, checksum = (int(x) for x in handle.readline(100).split())
    if key_len != len(key) or handle.read(key_len) != key:
        return None
    index = handle.read(index_len)
    body = handle.read(body_len)
    if len(index) != index_len or len(body) != body_len or handle.read(1):
        return None
    if zlib.crc32(body, zlib.crc32(index)) != checksum:
        return None
    parts = json.loads(index)

    def segment(span: list[int], kind: str) -> Callable[[], Any]:
        start, length = span
        return lambda: _DECODE[kind](json.loads(body[start : start + length]))

    search_span = parts.get("search_index")
    search_index = (
        _LazyIndex(lambda: json.loads(body[search_span[0] : search_span[0] + search_span[1]]))
        if search_span
        else None
    )
    return KnowledgeBase.lazy(
        data_dir=Path(parts["data_dir"]),
        toolbox=_DECODE["toolbox"](parts["toolbox"]),  # type: ignore[misc]
        documents=_DECODE["documents"](parts["documents"]),  # type: ignore[misc]
        classification=_DECODE["classification"](parts["classification"]),  # type: ignore[misc]
        search_index=search_index,
        retired=dict(parts.get("retired", {})),
        agencies=_DECODE["agencies"](parts["agencies"]),  # type: ignore[misc]
        glossary=_DECODE["glossary"](parts["glossary"]),  # type: ignore[misc]
        handhavingskader=_DECODE["handhavingskader"](parts["handhavingskader"]),  # type: ignore[misc]
        advies=_DECODE["advies"](parts["advies"]),  # type: ignore[misc]
        measures={a: segment(span, "measures") for a, span in parts["measures"].items()},
        flows=segment(parts["flows"], "flows"),
    )


def encode(key: bytes, kb: KnowledgeBase) -> bytes:
    """A cache file's bytes: magic, lengths, key, index (JSON), body (JSON segments).

    The measures of each agency and the flows are segments of the body, decoded only
    when a query first uses them.
    """
    body = bytearray()

    def segment(value: Any) -> list[int]:
        data = _json([_dump(x) for x in value])
        body.extend(data)
        return [len(body) - len(data), len(data)]

    from .queries import search_index

    def raw_segment(data: bytes) -> list[int]:
        body.extend(data)
        return [len(body) - len(data), len(data)]

    index = _json(
        {
            "data_dir": os.fspath(kb.data_dir),
            "toolbox": _dump(kb.toolbox),
            "documents": [_dump(d) for d in kb.documents],
            "classification": _dump(kb.classification),
            "search_index": raw_segment(_json(search_index(kb).to_data())),
            "agencies": [_dump(a) for a in kb.agencies],
            "glossary": [_dump(t) for t in kb.glossary],
            "handhavingskader": _dump(kb.handhavingskader),
            "advies": _dump(kb.advies),
            "retired": kb.retired,
            "measures": {a.id: segment(kb.measures_of(a.id)) for a in kb.agencies},
            "flows": segment(kb.flows),
        }
    )
    checksum = zlib.crc32(body, zlib.crc32(index))
    lengths = b"%d %d %d %d\n" % (len(key), len(index), len(body), checksum)
    return _MAGIC + lengths + key + index + bytes(body)


class _LazyIndex:
    """The cached search index, decoded when a search first needs it."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self.load = load


def _dump(model: BaseModel | None) -> Any:
    return None if model is None else model.model_dump()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _write(folder: Path, name: str, key: bytes, kb: KnowledgeBase) -> None:
    """Write the cache atomically, readable and writable by this user only."""
    try:
        data = encode(key, kb)
    except Exception:
        return
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
