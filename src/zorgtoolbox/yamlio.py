"""Reading YAML data files safely, with the position of every value.

The data is never trusted. This loader:

* refuses files over `MAX_FILE_BYTES` before reading them, and bytes that are not UTF-8;
* reads the event stream of ruamel.yaml's parser (the C parser when ruamel.yaml.clib is
  installed, else the pure-Python one) and builds plain Python values itself, so no YAML
  tag is ever turned into an object: only the core-schema tags are accepted;
* refuses anchors and aliases (a "billion laughs" document is stopped at its first alias),
  duplicate keys, non-text keys, nesting deeper than `MAX_DEPTH` (checked while the
  events stream in, so a deeply nested file costs almost nothing), tabs used for
  indentation, empty files and more than one document;
* keeps YAML 1.2 semantics (`no`, `on` stay text) and leaves dates as text, so that an
  impossible date becomes a located model error, not a crash.

Every refusal is a `YamlError` carrying one located `Finding`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

try:  # the C event parser of ruamel.yaml.clib
    from ruamel.yaml.main import CParser as _CParser
except ImportError:  # pragma: no cover - depends on the platform
    _CParser = None

from .findings import Finding, Location, error

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {"MappingStartEvent": f"{_CORE}map", "SequenceStartEvent": f"{_CORE}seq"}

# The YAML 1.2 core schema, the same rules ruamel.yaml applies to plain scalars,
# except that timestamps stay text.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


class YamlError(Exception):
    """A data file that cannot be read as safe YAML; `finding` says where and why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A loaded file: plain data plus the position of every value and mapping key.

    `value_marks[path]` is where the value at `path` starts, `key_marks[path]` where its
    key is written (mapping entries only). Paths are tuples of keys and list indexes.
    """

    display_path: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]]
    key_marks: dict[Path_, tuple[int, int]]

    def locate(self, path: Iterable[str | int], *, key: bool = True) -> Location:
        """The location of `path`, or of its nearest ancestor that exists in the file.

        With `key` (the default) a mapping entry is located at its key, which is where a
        reader looks for a misspelt or misplaced field; otherwise at its value.
        """
        parts = tuple(path)
        while parts:
            mark = (self.key_marks.get(parts) if key else None) or self.value_marks.get(parts)
            if mark is not None:
                return Location(self.display_path, mark[0], mark[1])
            parts = parts[:-1]
        line, column = self.value_marks.get((), (1, 1))
        return Location(self.display_path, line, column)


_PURE_PARSER = YAML(typ="safe", pure=True)


def _events(text: str) -> Iterator[Any]:
    """The parser's events for `text`, pulled lazily (so a refusal stops the parse)."""
    if _CParser is None:
        yield from _PURE_PARSER.parse(text)
        return
    parser = _CParser(text)
    while True:
        event = parser.get_event()
        yield event
        if type(event).__name__ == "StreamEndEvent":
            return


def load_file(path: Path, display_path: str) -> YamlDocument:
    """Load one YAML data file, or raise `YamlError` with a located finding."""
    where = Location(display_path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlError(
                error(
                    "file-too-large",
                    where,
                    f"file is {size:,} bytes; data files may be at most {MAX_FILE_BYTES:,} "
                    "bytes (split the content over several files)",
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(
            error("unreadable-file", where, f"cannot read file: {exc.strerror}")
        ) from exc
    return load_bytes(raw, display_path)


def load_bytes(raw: bytes, display_path: str) -> YamlDocument:
    """Load YAML from bytes (see `load_file`)."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            error(
                "file-too-large",
                Location(display_path),
                f"file is {len(raw):,} bytes; data files may be at most {MAX_FILE_BYTES:,} bytes",
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            error(
                "not-utf8",
                Location(display_path, line, column),
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            )
        ) from exc
    return load_text(text.removeprefix("\ufeff"), display_path)


def load_text(text: str, display_path: str) -> YamlDocument:
    """Load YAML from text (see `load_file`)."""
    tab = _TAB_INDENT.search(text)
    if tab is not None:
        line = text.count("\n", 0, tab.start()) + 1
        column = tab.end() - tab.start()
        raise YamlError(
            error(
                "tab-indent",
                Location(display_path, line, column),
                "tab used for indentation; YAML indents with spaces only",
            )
        )
    composer = _Composer(display_path)
    try:
        data = composer.compose(_events(text))
    except MarkedYAMLError as exc:
        raise YamlError(_syntax_finding(exc, display_path)) from exc
    except YAMLError as exc:  # ReaderError: a character YAML does not allow
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        reason = getattr(exc, "reason", None) or "not allowed in YAML"
        char = getattr(exc, "character", None)
        what = f"character U+{char:04X}" if isinstance(char, int) else "character"
        raise YamlError(
            error("yaml-syntax", Location(display_path, line, column), f"{what}: {reason}")
        ) from exc
    return YamlDocument(display_path, data, composer.value_marks, composer.key_marks)


def _syntax_finding(exc: MarkedYAMLError, display_path: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    if "mapping values are not allowed" in problem:
        message += "; put text that contains ': ' in quotes or check the indentation"
    return error("yaml-syntax", Location(display_path, line, column), message)


def _scalar(event: Any, display_path: str) -> Any:
    """Turn a scalar event into str, int, float, bool or None, never anything else."""
    value: str = event.value
    tag = event.tag
    plain = event.implicit[0] and event.style in (None, "")
    if tag == "!" or (tag is None and not plain):
        return value
    if tag is None:
        return _resolve_plain(value)
    if tag not in _ALLOWED_TAGS:
        raise _tag_error(event, display_path)
    kind = tag[len(_CORE) :]
    if kind == "str":
        return value
    resolved = _resolve_plain(value)
    expected = {"int": int, "float": float, "bool": bool, "null": type(None)}[kind]
    if kind == "float" and type(resolved) is int:
        return float(resolved)
    if type(resolved) is not expected:
        mark = event.start_mark
        raise YamlError(
            error(
                "yaml-syntax",
                Location(display_path, mark.line + 1, mark.column + 1),
                f"value {value!r} is not a valid !!{kind}",
            )
        )
    return resolved


#: A plain scalar that starts with none of these characters is text.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


def _resolve_plain(value: str) -> Any:
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def _tag_error(event: Any, display_path: str) -> YamlError:
    mark = event.start_mark
    return YamlError(
        error(
            "yaml-tag",
            Location(display_path, mark.line + 1, mark.column + 1),
            f"YAML tag '{_short_tag(event.tag)}' is not allowed; data files hold plain text, "
            "numbers, lists and mappings only",
        )
    )


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _Frame:
    __slots__ = ("container", "is_map", "path", "pending_key")

    def __init__(self, container: Any, path: Path_, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.pending_key: Any = _NO_KEY


_NO_KEY = object()


class _Composer:
    """Builds plain data from parser events, iteratively, recording positions."""

    def __init__(self, display_path: str) -> None:
        self.display_path = display_path
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}

    def _loc(self, mark: Any) -> Location:
        return Location(self.display_path, mark.line + 1, mark.column + 1)

    def compose(self, events: Iterator[Any]) -> Any:
        stack: list[_Frame] = []
        root: Any = _NO_KEY
        documents = 0
        for event in events:
            name = type(event).__name__
            if name == "ScalarEvent" or name in _COLLECTION_TAGS:
                if event.anchor is not None:
                    raise YamlError(
                        error(
                            "yaml-anchor",
                            self._loc(event.start_mark),
                            f"anchor '&{event.anchor}' is not allowed; write the value out "
                            "in full (anchors and aliases are refused)",
                        )
                    )
                if name == "ScalarEvent":
                    value = _scalar(event, self.display_path)
                    self._place(stack, value, event)
                    if not stack:
                        root = value
                    continue
                if event.tag not in (None, "!", _COLLECTION_TAGS[name]):
                    raise _tag_error(event, self.display_path)
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        error(
                            "yaml-too-deep",
                            self._loc(event.start_mark),
                            f"nesting deeper than {MAX_DEPTH} levels is not allowed",
                        )
                    )
                is_map = name == "MappingStartEvent"
                container: Any = {} if is_map else []
                path = self._place(stack, container, event)
                if not stack:
                    root = container
                stack.append(_Frame(container, path, is_map))
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                stack.pop()
            elif name == "AliasEvent":
                raise YamlError(
                    error(
                        "yaml-alias",
                        self._loc(event.start_mark),
                        f"alias '*{event.anchor}' is not allowed; write the value out in full "
                        "(anchors and aliases are refused)",
                    )
                )
            elif name == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise YamlError(
                        error(
                            "yaml-multiple-documents",
                            self._loc(event.start_mark),
                            "a data file holds one YAML document; remove the second '---'",
                        )
                    )
        if root is _NO_KEY or root is None:
            raise YamlError(
                error(
                    "empty-file",
                    Location(self.display_path),
                    "file is empty; write the record or delete the file",
                )
            )
        return root

    def _place(self, stack: list[_Frame], value: Any, event: Any) -> Path_:
        """Put `value` into the current container; return the value's path."""
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not stack:
            self.value_marks[()] = mark
            return ()
        frame = stack[-1]
        if not frame.is_map:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.value_marks[path] = mark
            return path
        if frame.pending_key is _NO_KEY:
            if isinstance(value, dict | list):
                raise YamlError(
                    error(
                        "yaml-syntax",
                        self._loc(event.start_mark),
                        "a mapping key must be plain text, not a list or mapping",
                    )
                )
            key = value if isinstance(value, str) else str(value)
            key_path = (*frame.path, key)
            if key in frame.container:
                first = self.key_marks.get(key_path, mark)
                raise YamlError(
                    error(
                        "duplicate-key",
                        self._loc(event.start_mark),
                        f"key '{key}' appears twice in this mapping (first on line {first[0]}); "
                        "keep one",
                    )
                )
            self.key_marks[key_path] = mark
            frame.pending_key = key
            return key_path
        key = frame.pending_key
        frame.pending_key = _NO_KEY
        path = (*frame.path, key)
        frame.container[key] = value
        self.value_marks[path] = mark
        return path
