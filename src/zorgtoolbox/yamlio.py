"""Reading YAML data files safely, with the position of every value.

The data is never trusted. This loader:

* reads only regular files (a FIFO, a device such as /dev/zero or a folder is refused
  without reading from it), at most `MAX_FILE_BYTES` + 1 bytes, and with `inside` only
  files inside that folder (a symbolic link out of it is refused, its target never read);
* refuses bytes that are not UTF-8, and control characters (other than tab and newline),
  bidirectional controls and zero-width characters anywhere in the file, written or
  escaped (`"\\e[2J"`), and any control character in a key;
* counts a lone CR, and CR LF, as one line break, as the parser and editors do;
* reads the event stream of ruamel.yaml's parser (the C parser when ruamel.yaml.clib is
  installed, else the pure-Python one) and builds plain Python values itself, so no YAML
  tag is ever turned into an object: only the core-schema tags are accepted;
* refuses anchors and aliases (a "billion laughs" document is stopped at its first alias),
  duplicate keys, non-text keys, nesting deeper than `MAX_DEPTH` (checked while the
  events stream in, so a deeply nested file costs almost nothing), tabs used for
  indentation, empty files and more than one document;
* keeps YAML 1.2 semantics (`no`, `on` stay text) and leaves dates as text, so that an
  impossible date becomes a located model error, not a crash; refuses integers of more
  than `MAX_NUMBER_LENGTH` characters (Python would refuse to convert or print them).

Every refusal is a `YamlError` carrying its located `Finding`s.
"""

from __future__ import annotations

import errno
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

try:  # the C event parser of ruamel.yaml.clib
    from ruamel.yaml.main import CParser as _CParser
except ImportError:  # pragma: no cover - depends on the platform
    _CParser = None

from .findings import Finding, Location, error
from .fsutil import FileTooLarge, NotRegularFile, OutsideFolder, read_regular_file
from .messages import Message, msg

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
#: Longest integer literal accepted (no field needs more; Python stops at 4,300 digits).
MAX_NUMBER_LENGTH = 100
#: At most this many character findings for one file.
MAX_CHARACTER_FINDINGS = 20

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
_LINE_BREAK = re.compile(r"\r\n?")

# Characters no data file may hold, written or escaped: C0 and C1 controls other than
# tab and newline (DEL, NEL and the Unicode line and paragraph separators included),
# lone surrogates (text that did not come from UTF-8), the noncharacters U+FFFE and
# U+FFFF, bidirectional controls (they make text display in another order than it is
# stored) and zero-width characters (they make two texts look alike, or an empty one
# look filled).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
_FORBIDDEN = re.compile(f"[{_CONTROLS}{_BIDI}{_ZERO_WIDTH}]")
#: In a key nothing but printable text: no tab and no line break either.
_FORBIDDEN_IN_KEY = re.compile(f"[\t\n{_CONTROLS}{_BIDI}{_ZERO_WIDTH}]")
_IS_BIDI = re.compile(f"[{_BIDI}]")
_IS_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH}]")
_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF",
    0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC",
}  # fmt: skip


class YamlError(Exception):
    """A data file that cannot be read as safe YAML; `findings` say where and why."""

    def __init__(self, finding: Finding, *more: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding
        self.findings = (finding, *more)


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A loaded file: plain data plus the position of every value and mapping key.

    `value_marks[path]` is where the value at `path` starts, `key_marks[path]` where its
    key is written (mapping entries only). Paths are tuples of keys and list indexes.
    `written[path]` is how a plain value that is not text (a number, true, null) was
    typed, so a message can quote it as written (`0381234567`, not `381234567`).
    """

    display_path: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]]
    key_marks: dict[Path_, tuple[int, int]]
    written: dict[Path_, str] = field(default_factory=dict)

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


def load_file(path: Path, display_path: str, *, inside: Path | None = None) -> YamlDocument:
    """Load one YAML data file, or raise `YamlError` with a located finding.

    With `inside` (the data folder) the file must lie inside that folder: a symbolic link
    out of it is refused without reading its target, and the finding names the link only.
    """
    return load_bytes(read_file(path, display_path, inside=inside), display_path)


def read_file(
    path: Path, display_path: str, limit: int = MAX_FILE_BYTES, *, inside: Path | None = None
) -> bytes:
    """The bytes of a data file (a regular file, at most `limit` bytes, inside `inside`),
    or `YamlError` with a located finding that echoes nothing of what was refused."""
    where = Location(display_path)
    try:
        return read_regular_file(path, limit, inside=inside)
    except OutsideFolder:
        raise YamlError(
            error(
                "outside-knowledge-base",
                where,
                "this is a symbolic link to a file outside the knowledge base; it is not "
                "read (put the file itself in the knowledge base)",
            )
        ) from None
    except NotRegularFile as exc:
        raise YamlError(
            error(
                "not-a-regular-file",
                where,
                "this is {kind}, not a regular file; it is not read (a data file is an "
                "ordinary file)",
                kind=_kind(exc.kind),
            )
        ) from None
    except FileTooLarge as exc:
        if exc.size is None:
            finding = error(
                "file-too-large",
                where,
                "file is larger than that; data files may be at most {limit} bytes (split "
                "the content over several files)",
                limit=f"{limit:,}",
            )
        else:
            finding = error(
                "file-too-large",
                where,
                "file is {size} bytes; data files may be at most {limit} bytes (split the "
                "content over several files)",
                size=f"{exc.size:,}",
                limit=f"{limit:,}",
            )
        raise YamlError(finding) from None
    except OSError as exc:
        raise YamlError(
            error(
                "unreadable-file", where, "cannot read file: {reason}", reason=_os_reason(path, exc)
            )
        ) from None


def _kind(kind: str) -> Message:
    """A kind of file (`fsutil.file_kind`: "a folder", "a named pipe (FIFO)", …) as a
    message."""
    kinds = {
        "a folder": msg("a folder"),
        "a named pipe (FIFO)": msg("a named pipe (FIFO)"),
        "a character device": msg("a character device"),
        "a block device": msg("a block device"),
        "a socket": msg("a socket"),
        "a symbolic link": msg("a symbolic link"),
        "a regular file": msg("a regular file"),
    }
    return kinds.get(kind) or msg("{kind}", kind=kind)


def _os_reason(path: Path, exc: OSError) -> Message | str:
    """Why a file could not be opened, in words that name no other file (else the
    operating system's own words)."""
    if exc.errno == errno.ELOOP:
        return msg("it is a symbolic link that leads back to itself")
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return msg("it is a symbolic link to a file that does not exist")
    return exc.strerror or type(exc).__name__


def load_bytes(raw: bytes, display_path: str) -> YamlDocument:
    """Load YAML from bytes (see `load_file`)."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            error(
                "file-too-large",
                Location(display_path),
                "file is {size} bytes; data files may be at most {limit} bytes",
                size=f"{len(raw):,}",
                limit=f"{MAX_FILE_BYTES:,}",
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
                "byte 0x{byte} is not valid UTF-8; save the file as UTF-8",
                byte=f"{raw[exc.start]:02x}",
            )
        ) from exc
    return load_text(text.removeprefix("\ufeff"), display_path)


def load_text(text: str, display_path: str) -> YamlDocument:
    """Load YAML from text (see `load_file`)."""
    if "\r" in text:  # CR LF and a lone CR are one line break each, as for the parser
        text = _LINE_BREAK.sub("\n", text)
    if _FORBIDDEN.search(text):
        raise YamlError(*_character_findings(text, display_path))
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
        reason = getattr(exc, "reason", None) or msg("not allowed in YAML")
        char = getattr(exc, "character", None)
        where = Location(display_path, line, column)
        if isinstance(char, int):
            finding = error(
                "yaml-syntax",
                where,
                "character U+{code}: {reason}",
                code=f"{char:04X}",
                reason=reason,
            )
        else:
            finding = error("yaml-syntax", where, "character: {reason}", reason=reason)
        raise YamlError(finding) from exc
    return YamlDocument(
        display_path, data, composer.value_marks, composer.key_marks, composer.written
    )


def _character_findings(text: str, display_path: str) -> list[Finding]:
    """A located finding for each forbidden character written in `text`."""
    found = []
    for match in _FORBIDDEN.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        found.append(_character_finding(match.group(), Location(display_path, line, column)))
        if len(found) == MAX_CHARACTER_FINDINGS:
            break
    return found


def _character_finding(char: str, where: Location, context: Message | str = "") -> Finding:
    """A forbidden character; `context` says where it was written ("in a key: ")."""
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    shown = f"{code} ({name})" if name else code
    if _IS_BIDI.match(char):
        return error(
            "bidi-control",
            where,
            "{context}bidirectional control {char} is not allowed: it makes text display in "
            "another order than it is stored; remove it",
            context=context,
            char=shown,
        )
    if _IS_ZERO_WIDTH.match(char):
        return error(
            "zero-width-character",
            where,
            "{context}invisible character {char} is not allowed: it makes text look like "
            "other text, or empty text look filled; remove it",
            context=context,
            char=shown,
        )
    return error(
        "control-character",
        where,
        "{context}control character {char} is not allowed in data; remove it",
        context=context,
        char=shown,
    )


def _syntax_finding(exc: MarkedYAMLError, display_path: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    where = Location(display_path, line, column)
    # the parser's own (English) words: what it found, and while parsing what
    problem = (exc.problem or "").strip() or msg("invalid YAML")
    context = (exc.context or "").strip()
    hint: Message | str = ""
    if isinstance(problem, str) and "mapping values are not allowed" in problem:
        hint = msg("; put text that contains ': ' in quotes or check the indentation")
    if context:
        return error(
            "yaml-syntax",
            where,
            "invalid YAML: {problem} ({context}){hint}",
            problem=problem,
            context=context,
            hint=hint,
        )
    return error("yaml-syntax", where, "invalid YAML: {problem}{hint}", problem=problem, hint=hint)


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


class _Composer:
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
            match = _FORBIDDEN_IN_KEY.search(text)
            context = msg("in a key: ")
        elif event.style == '"':
            match = _FORBIDDEN.search(text)
            context = msg("in quoted text (written as an escape): ")
        else:
            return
        if match is not None and len(self.characters) < MAX_CHARACTER_FINDINGS:
            self.characters.append(
                _character_finding(match.group(), self._loc(event.start_mark), context)
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
