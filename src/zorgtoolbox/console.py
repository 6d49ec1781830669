"""Output: how results reach the terminal (rich lives here and nowhere else).

Human output goes through rich, plain when piped or when NO_COLOR is set; machine output
(`--format json`, `--format github`) is plain text on stdout. Errors go to stderr.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from .findings import Finding

if TYPE_CHECKING:
    from .validation import Validation


def echo(text: str = "") -> None:
    """A line of plain text on stdout."""
    sys.stdout.write(text + "\n")


def echo_error(message: str) -> None:
    """A one-line error on stderr."""
    sys.stderr.write(f"Error: {message}\n")


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def validation_summary(result: Validation) -> str:
    """One line: what was checked and what was found."""
    errors, warnings = len(result.errors), len(result.warnings)
    name = result.data_dir.name + "/"
    if result.kb is not None:
        kb = result.kb
        edges = sum(len(f.edges) for f in kb.flows)
        what = (
            f"{_plural(len(kb.measures), 'measure')}, "
            f"{_plural(len(kb.agencies), 'agency', 'agencies')}, "
            f"{_plural(len(kb.flows), 'flow')} ({_plural(edges, 'edge')}), "
            f"{_plural(len(kb.glossary), 'glossary term')}"
        )
        tail = f"; {_plural(warnings, 'warning')}" if warnings else ""
        return f"{name} is valid: {what}{tail}"
    files = len({f.location.path for f in result.findings if f.is_error})
    return (
        f"{name}: {_plural(errors, 'error')} and {_plural(warnings, 'warning')} "
        f"in {_plural(files, 'file')} ({result.files_read} files read)"
    )


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github_line(f: Finding) -> str:
    loc = f.location
    level = "error" if f.is_error else "warning"
    props = (
        f"file={_github_escape(loc.path, prop=True)},line={loc.line},col={loc.column},"
        f"title={_github_escape(f.code, prop=True)}"
    )
    return f"::{level} {props}::{_github_escape(f.message)}"


def print_validation(result: Validation, fmt: str) -> None:
    """Every finding in the chosen format: text, json or github."""
    if fmt == "json":
        print_json([f.as_dict() for f in result.findings])
        return
    line = _github_line if fmt == "github" else str
    for finding in result.findings:
        echo(line(finding))
    echo(validation_summary(result))
