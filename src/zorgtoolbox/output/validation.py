"""What `validate` prints: every finding (text, JSON or GitHub annotations) and a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, ngettext, tr
from .terminal import echo, neutralise, print_json, write_raw

if TYPE_CHECKING:
    from ..findings import Finding
    from ..validation import Validation


def finding_line(f: Finding) -> str:
    """`PATH:LINE:COL: CODE message`, worded in the reader's language."""
    return f.line(_, _("warning"))


def summary(result: Validation, folder: str) -> str:
    """One line: which folder was checked, what it holds and what was found."""
    errors, warnings = len(result.errors), len(result.warnings)
    n_warnings = ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)
    if result.kb is not None:
        kb = result.kb
        counts = (len(kb.measures), len(kb.agencies), len(kb.flows), len(kb.glossary))
        edges = sum(len(f.edges) for f in kb.flows)
        what = ", ".join(
            (
                ngettext("{n} measure", "{n} measures", counts[0]).format(n=counts[0]),
                ngettext("{n} agency", "{n} agencies", counts[1]).format(n=counts[1]),
                ngettext("{n} flow", "{n} flows", counts[2]).format(n=counts[2])
                + " ("
                + ngettext("{n} edge", "{n} edges", edges).format(n=edges)
                + ")",
                ngettext("{n} glossary term", "{n} glossary terms", counts[3]).format(n=counts[3]),
            )
        )
        line = _("{folder} is valid: {what}").format(folder=folder, what=what)
        return line + ("; " + n_warnings if warnings else "")
    files = len({f.location.path for f in result.findings})
    read = result.files_read
    return _("{folder}: {errors} and {warnings} in {files} ({read} read)").format(
        folder=folder,
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=n_warnings,
        files=ngettext("{n} file", "{n} files", files).format(n=files),
        read=ngettext("{n} file", "{n} files", read).format(n=read),
    )


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_line(f: Finding) -> str:
    """One workflow annotation; the data in it neutralised, so it stays one annotation."""
    loc = f.location
    level = "error" if f.is_error else "warning"
    props = (
        f"file={_github_escape(neutralise(loc.path), prop=True)},line={loc.line},"
        f"col={loc.column},title={_github_escape(neutralise(f.code), prop=True)}"
    )
    return f"::{level} {props}::{_github_escape(neutralise(tr(f.message)))}"


def print_validation(result: Validation, fmt: str, folder: str) -> None:
    """Every finding in the chosen format (text, json or github), then the summary."""
    if fmt == "json":
        print_json([f.as_dict(_) for f in result.findings])
        return
    for finding in result.findings:
        if fmt == "github":  # the only lines that start with '::', on purpose
            write_raw(github_line(finding) + "\n")
        else:
            echo(finding_line(finding))
    echo(summary(result, folder))
