"""Plain data from the YAML parser's events, with the position of every value and key.

The composer builds str, int, float, bool, None, lists and mappings itself, so no YAML
tag is ever turned into an object: only the core-schema tags are accepted, plain scalars
resolve by YAML 1.2 (`no`, `on` stay text) and dates stay text. It refuses anchors and
aliases, duplicate keys, keys that are not text, nesting deeper than `MAX_DEPTH`,
integers longer than `MAX_NUMBER_LENGTH` characters, empty files and more than one
document, each as a `YamlError` with its located finding.

`YamlError` is defined here, below every step of the reader that raises it; `yamlio`,
which reads the files and runs the composer, is where callers import it from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from .findings import Finding, Location, error
from .messages import msg
from .yamlchars import FORBIDDEN, FORBIDDEN_IN_KEY, MAX_CHARACTER_FINDINGS, character_finding

MAX_DEPTH = 32
#: Longest integer literal accepted (no field needs more; Python stops at 4,300 digits).
MAX_NUMBER_LENGTH = 100

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


class YamlError(Exception):
    """A data file that cannot be read as safe YAML; `findings` say where and why."""

    def __init__(self, finding: Finding, *more: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding
        self.findings = (finding, *more)


def _scalar(event: Any, display_path: str) -> Any:
    """Turn a scalar event into str, int, float, bool or None, never anything else."""
    value: str = event.value
    tag = event.tag
    plain = event.implicit[0] and event.style in (None, "")
    if tag == "!" or (tag is None and not plain):
        return value
    try:
        if tag is None:
            return _resolve_plain(value)
        if tag not in _ALLOWED_TAGS:
            raise _tag_error(event, display_path)
        kind = tag[len(_CORE) :]
        if kind == "str":
            return value
        resolved = _resolve_plain(value)
    except _NumberTooLong:
        raise YamlError(
            error(
                "number-too-long",
                _event_location(event, display_path),
                "a number of {length} characters; numbers in data files have at most {limit} "
                "(put it in quotes if it is text)",
                length=f"{len(value):,}",
                limit=MAX_NUMBER_LENGTH,
            )
        ) from None
    expected = {"int": int, "float": float, "bool": bool, "null": type(None)}[kind]
    if kind == "float" and type(resolved) is int:
        return float(resolved)
    if type(resolved) is not expected:
        raise YamlError(
            error(
                "yaml-syntax",
                _event_location(event, display_path),
                "value {value} is not a valid !!{tag}",
                value=repr(value),
                tag=kind,
            )
        )
    return resolved


#: A plain scalar that starts with none of these characters is text.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


class _NumberTooLong(Exception):
    """An integer literal longer than MAX_NUMBER_LENGTH characters."""


def _resolve_plain(value: str) -> Any:
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    for pattern, start, base in ((_INT, 0, 10), (_OCT, 2, 8), (_HEX, 2, 16)):
        if pattern.match(value):
            if len(value) > MAX_NUMBER_LENGTH:
                raise _NumberTooLong(value)
            return int(value[start:], base)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def _event_location(event: Any, display_path: str) -> Location:
    """Where a parser event starts, 1-based."""
    mark = event.start_mark
    return Location(display_path, mark.line + 1, mark.column + 1)


def _tag_error(event: Any, display_path: str) -> YamlError:
    return YamlError(
        error(
            "yaml-tag",
            _event_location(event, display_path),
            "YAML tag '{tag}' is not allowed; data files hold plain text, numbers, lists and "
            "mappings only",
            tag=_short_tag(event.tag),
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


class Composer:
    """Builds plain data from parser events, iteratively, recording positions."""

    def __init__(self, display_path: str) -> None:
        self.display_path = display_path
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.written: dict[Path_, str] = {}
        #: Forbidden characters written as escapes, or in keys: gathered, then refused.
        self.characters: list[Finding] = []

    def _check_characters(self, event: Any, is_key: bool) -> None:
        """Escapes in double quotes can produce what the raw text scan cannot see; and a
        key may hold no tab or line break either."""
        text: str = event.value
        if is_key:
            if event.style in (None, "") and "\t" not in text:
                return  # a plain key is one line of raw text, scanned already
            match = FORBIDDEN_IN_KEY.search(text)
            context = msg("in a key: ")
        elif event.style == '"':
            match = FORBIDDEN.search(text)
            context = msg("in quoted text (written as an escape): ")
        else:
            return
        if match is not None and len(self.characters) < MAX_CHARACTER_FINDINGS:
            self.characters.append(
                character_finding(match.group(), self._loc(event.start_mark), context)
            )

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
                            "anchor '&{anchor}' is not allowed; write the value out in full "
                            "(anchors and aliases are refused)",
                            anchor=event.anchor,
                        )
                    )
                if name == "ScalarEvent":
                    is_key = bool(stack) and stack[-1].is_map and stack[-1].pending_key is _NO_KEY
                    self._check_characters(event, is_key)
                    value = _scalar(event, self.display_path)
                    where = self._place(stack, value, event)
                    if value is not None and not isinstance(value, str):
                        self.written[where] = event.value
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
                            "nesting deeper than {depth} levels is not allowed",
                            depth=MAX_DEPTH,
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
                        "alias '*{alias}' is not allowed; write the value out in full (anchors "
                        "and aliases are refused)",
                        alias=event.anchor,
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
        if self.characters:
            raise YamlError(*self.characters)
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
                        "key '{key}' appears twice in this mapping (first on line {line}); "
                        "keep one",
                        key=key,
                        line=first[0],
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
