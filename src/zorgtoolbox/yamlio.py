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
  installed, else the pure-Python one) and builds plain Python values itself
  (`yamlcompose`), so no YAML tag is ever turned into an object: only the core-schema
  tags are accepted;
* refuses anchors and aliases (a "billion laughs" document is stopped at its first alias),
  duplicate keys, non-text keys, nesting deeper than `MAX_DEPTH` (checked while the
  events stream in, so a deeply nested file costs almost nothing), tabs used for
  indentation, empty files and more than one document;
* keeps YAML 1.2 semantics (`no`, `on` stay text) and leaves dates as text, so that an
  impossible date becomes a located model error, not a crash; refuses integers of more
  than `MAX_NUMBER_LENGTH` characters (Python would refuse to convert or print them).

Every refusal is a `YamlError` carrying its located `Finding`s. Which characters are
refused is one policy, in `yamlchars`; building values from the parser's events is
`yamlcompose`'s job; this module reads files and ties the steps together.
"""

from __future__ import annotations

import errno
import os
import re
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
from .yamlchars import FORBIDDEN, MAX_CHARACTER_FINDINGS, character_findings
from .yamlcompose import MAX_DEPTH, MAX_NUMBER_LENGTH, Composer, Path_, YamlError

__all__ = [
    "MAX_CHARACTER_FINDINGS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_LENGTH",
    "YamlDocument",
    "YamlError",
    "load_bytes",
    "load_file",
    "load_text",
    "read_file",
]

MAX_FILE_BYTES = 1024 * 1024

_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_LINE_BREAK = re.compile(r"\r\n?")


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
    if FORBIDDEN.search(text):
        raise YamlError(*character_findings(text, display_path))
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
    composer = Composer(display_path)
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
