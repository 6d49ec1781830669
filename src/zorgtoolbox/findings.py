"""Findings: what validation reports, as values.

A finding knows where it is (file, line, column), how bad it is and what to do about it.
Loading and checking return lists of findings; nothing stops at the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .messages import Message, Translate, msg


class Severity(StrEnum):
    """How bad a finding is: errors make `validate` fail, warnings are reported only."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a data file: `path` as shown to users, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the data: a stable `code`, a location and a one-line message.

    The message is a `Message` (an English template and its values), worded in the
    reader's language when shown; `str(finding)` is the English line.
    """

    code: str
    location: Location
    message: Message
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, str(self.message))

    def line(self, translate: Translate | None = None, warning_word: str = "warning") -> str:
        """`PATH:LINE:COL: CODE message`, the message worded by `translate`."""
        prefix = "" if self.is_error else f"{warning_word}: "
        text = self.message.render(translate) if translate else str(self.message)
        return f"{self.location}: {self.code} {prefix}{text}"

    def __str__(self) -> str:
        return self.line()

    def as_dict(self, translate: Translate | None = None) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message.render(translate) if translate else str(self.message),
        }


#: Every finding code with what it means. The README's table lists the same codes.
CODES: dict[str, str] = {
    # reading a file
    "file-too-large": "the file is over 1 MiB",
    "unreadable-file": "a file or folder cannot be read (permissions, a broken symbolic link)",
    "not-a-regular-file": "a folder, named pipe, device or socket where a data file belongs",
    "outside-knowledge-base": "a symbolic link to a file or folder outside the knowledge base",
    "not-utf8": "the file holds bytes that are not UTF-8",
    "control-character": "a control character (other than tab and newline), or any in a key",
    "bidi-control": "a bidirectional control character (such as the right-to-left override)",
    "zero-width-character": "a zero-width character (such as U+200B), which makes text look alike",
    "tab-indent": "a tab is used for indentation",
    "yaml-syntax": "the YAML cannot be parsed (the message says where and why)",
    "duplicate-key": "a key appears twice in one mapping",
    "yaml-tag": "a YAML tag such as !!python/object is used",
    "yaml-anchor": "an anchor (&name) is used; anchors and aliases are refused",
    "yaml-alias": "an alias (*name) is used; anchors and aliases are refused",
    "yaml-too-deep": "lists or mappings are nested more than 32 levels deep",
    "yaml-multiple-documents": "the file holds more than one YAML document",
    "number-too-long": "an integer of more than 100 characters",
    "empty-file": "the file holds nothing (or only comments)",
    "not-a-mapping": "the file holds a list or a single value instead of fields",
    # the data folder
    "missing-file": "toolbox.yaml or agencies.yaml is missing",
    "missing-document-text": "a document has no text (documents/<id>.txt) to check quotes against",
    "unknown-file": "a .yaml file the knowledge base does not know (warning)",
    "misplaced-file": "a file or folder where none belongs (a measure outside its agency folder)",
    "wrong-extension": "a data file ending in .yml, or .yaml in capitals, instead of .yaml",
    # one record
    "unknown-field": "a field the model does not have (often a typo)",
    "missing-field": "a required field is missing",
    "invalid-value": "a value of the wrong type or outside the allowed values",
    # across records
    "duplicate-id": "two records (measures, agencies, steps, sections…) share an id",
    "duplicate-name": "two agencies share a name",
    "duplicate-title": "two measures of one agency share a title",
    "duplicate-term": "a glossary term or abbreviation is defined twice",
    "duplicate-anchor": "two records would get the same anchor in the handbook",
    "reserved-id": "a measure or section id the handbook uses for anchors of its own",
    "id-mismatch": "a record's id differs from its file name",
    "folder-mismatch": "a measure's agency differs from its folder",
    "unknown-agency": "an agency id that agencies.yaml does not list",
    "unknown-source": "a document id that data/documents/ does not hold",
    "unknown-measure": "a flow edge, entry point or related link names no measure",
    "self-reference": "a measure lists itself as related",
    "position-duplicate": "two measures share a position on one agency's ladder",
    "unsafe-link": "a link that is not http, https, mailto or tel, or is malformed",
    "missing-url": "a link without address (warning)",
    "self-loop": "a flow edge from a step to itself",
    "duplicate-edge": "two flow edges join the same pair",
    "edge-outside-domain": "a flow of one domain names a measure of another domain",
    "edge-outside-document": "a flow names a measure of another document (link it with related)",
    "retired-measure": "a reference to a retired measure (replaced_by): it resolves (warning)",
    "unreachable-measure": "no flow arrow leads to a measure and it is no entry point (warning)",
    # provenance
    "quote-mismatch": "words presented as a document's own do not occur in its text",
    "missing-quote": "a source or derived statement names no quote it rests on",
    "missing-reason": "a derived statement or a setting gives no reason",
    "correction-not-found": "a declared correction's words do not occur in the document's text",
    # advies.yaml and the reference cases (casuistiek/)
    "missing-cell": "the advice matrix or a weighing table lacks a cell",
    "duplicate-cell": "the advice matrix lists an ernst × herhaling cell twice",
    "inverted-range": "an advice range runs from a heavier class to a lighter one",
    "uncited-reason": "a quote of the advice's document that does not give its numbered section",
    "conflicting-factors": "a case gives a factor both directly and through its aspects",
    "case-outcome-changed": "a reference case no longer gets the advice it expects",
}


def error(code: str, location: Location, message: Message | str, /, **params: Any) -> Finding:
    """An error: `message` is the English template, `params` the values of its fields."""
    assert code in CODES, code
    return Finding(code, location, _message(message, params), Severity.ERROR)


def warning(code: str, location: Location, message: Message | str, /, **params: Any) -> Finding:
    """A warning: `message` is the English template, `params` the values of its fields."""
    assert code in CODES, code
    return Finding(code, location, _message(message, params), Severity.WARNING)


def _message(message: Message | str, params: dict[str, Any]) -> Message:
    if isinstance(message, Message):
        assert not params, "a Message has its values already"
        return message
    return msg(message, **params)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in reading order (path, line, column), duplicates removed."""
    return sorted(set(findings), key=Finding.sort_key)
