"""Findings: what validation reports, as values.

A finding knows where it is (file, line, column), how bad it is and what to do about it.
Loading and checking return lists of findings; nothing stops at the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
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
    """One problem in the data: a stable `code`, a location and a one-line message."""

    code: str
    location: Location
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)

    def __str__(self) -> str:
        prefix = "" if self.is_error else "warning: "
        return f"{self.location}: {self.code} {prefix}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


def error(code: str, location: Location, message: str) -> Finding:
    return Finding(code, location, message, Severity.ERROR)


def warning(code: str, location: Location, message: str) -> Finding:
    return Finding(code, location, message, Severity.WARNING)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in reading order (path, line, column), duplicates removed."""
    return sorted(set(findings), key=Finding.sort_key)
