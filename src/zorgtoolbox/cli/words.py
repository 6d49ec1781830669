"""How the command line says what went wrong, and with which exit code.

The library raises errors that say what is wrong in their fields (`errors`); this module
maps each to a documented exit code and words it, through the catalogue, in the reader's
language. Click's and Typer's own usage errors (an unknown option, a missing argument)
are worded here too, so that nothing of their English reaches a Dutch reader.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import Any

from .. import errors as e
from ..i18n import _, ngettext, tr
from ..messages import N_, Message, alternatives, msg
from ..names import name_problem
from .userinput import BadValue


class ExitCode(IntEnum):
    """The documented exit codes of every command."""

    OK = 0
    #: Invalid data, or a failed check (validate, build-handbook --check).
    INVALID = 1
    #: Wrong usage: unknown option or value, unknown measure, missing data folder.
    USAGE = 2
    #: The reader of the output went away (`zorgtoolbox measures | head -1`): 128 + SIGPIPE,
    #: as Unix tools end; nothing is printed.
    CLOSED_PIPE = 141


#: Errors the user fixes by calling differently (exit 2); every other error is about
#: the data or a failed write (exit 1).
USAGE_ERRORS: tuple[type[Exception], ...] = (
    e.UnknownName,
    e.AmbiguousName,
    e.EmptyName,
    e.EmptyQuery,
    e.NotInDomain,
    e.EmptyEdition,
    e.DomainNeeded,
    e.FactorTwice,
    e.FactorMissing,
    e.AspectsMissing,
    e.DataFolderMissing,
    e.NotADataFolder,
    e.NoKnowledgeBaseHere,
    e.NotAnId,
    e.NameTaken,
    e.NotARevision,
    e.NotAnInstallSpec,
    e.UnknownInstallSpec,
    e.TargetNotEmpty,
    e.BundledFolderMissing,
    e.NotAFolder,
    e.OutputTargetError,
    BadValue,
)

#: How each factor and aspect of an advice is given on the command line.
FACTOR_OPTIONS = {"recidive": "--recidive/--geen-recidive"}

#: Where to look when a name matches nothing.
SEE_ALSO = {
    "measure": "zorgtoolbox measures",
    "agency": "zorgtoolbox agencies",
    "term": "zorgtoolbox glossary",
}


def exit_code(exc: Exception) -> ExitCode:
    return ExitCode.USAGE if isinstance(exc, USAGE_ERRORS) else ExitCode.INVALID


def error_line(text: str) -> str:
    """'Fout: …': one line of an error."""
    return _("Error: {message}").format(message=text)


def option(name: str) -> str:
    """The option that gives a factor or aspect of an advice."""
    return FACTOR_OPTIONS.get(name, f"--{name.replace('_', '-')}")


def options(names: tuple[str, ...]) -> str:
    return ", ".join(option(n) for n in names)


def describe(exc: Exception) -> Message:
    """What went wrong, as a message (worded by the caller through the catalogue)."""
    if isinstance(exc, e.UnknownName | e.AmbiguousName | e.EmptyName):
        problem = name_problem(exc)
        see = SEE_ALSO.get(exc.kind)
        return problem + msg(" (see '{command}')", command=see) if see else problem
    if isinstance(exc, BadValue):
        return msg(
            "{option} takes a whole number from {low} to {high}, not '{value}'",
            option=exc.option,
            low=exc.low,
            high=exc.high,
            value=exc.value,
        )
    return _DESCRIBE.get(type(exc), _english)(exc)


def _english(exc: Exception) -> Message:
    return Message(str(exc))


#: The reasons an operating system gives that a user meets most (strerror, in English),
#: so that the catalogue translates them.
OS_REASONS = (
    N_("Permission denied"),
    N_("No space left on device"),
    N_("Disk quota exceeded"),
    N_("Read-only file system"),
    N_("Input/output error"),
    N_("File too large"),
    N_("No such file or directory"),
    N_("Not a directory"),
    N_("Is a directory"),
    N_("File exists"),
    N_("File name too long"),
    N_("Too many levels of symbolic links"),
    N_("Operation not permitted"),
    N_("Broken pipe"),
)


def _reason(text: str) -> Message:
    """An operating system's reason ("Permission denied"): a message id of its own."""
    return Message(text)


_DESCRIBE: dict[type, Any] = {
    e.EmptyQuery: lambda x: msg("give words to search for"),
    e.NotInDomain: lambda x: msg(
        "'{measure}' is not in domain {domain} (it is in {domains})",
        measure=x.measure,
        domain=x.domain,
        domains=x.domains,
    ),
    e.EmptyEdition: lambda x: (
        msg(
            "{agency} has no measures in domain {domain}; leave out --domain, or choose another",
            agency=x.agency,
            domain=x.domain,
        )
        if x.agency and x.domain
        else msg("{name} has no measures", name=x.agency or x.domain)
    ),
    e.DomainNeeded: lambda x: (
        msg("give --domain ({domains}), or set domain in the case file", domains=x.domains)
        if x.what == "advice"
        else msg(
            "--format {what} draws one domain: add --domain ({domains})",
            what=x.what,
            domains=x.domains,
        )
    ),
    e.FactorTwice: lambda x: msg(
        "{factor} is given directly (--{factor}) and through its aspects ({aspects}); give "
        "one or the other, so that no aspect is counted twice",
        factor=x.factor,
        aspects=options(x.aspects),
    ),
    e.FactorMissing: lambda x: msg(
        "give --{factor} ({levels}) or its aspects ({aspects}), or set them in the case file",
        factor=x.factor,
        levels=x.levels,
        aspects=options(x.aspects),
    ),
    e.AspectsMissing: lambda x: msg(
        "{factor} is weighed from all its aspects: give {missing} as well, or give "
        "--{factor} directly",
        factor=x.factor,
        missing=options(x.missing),
    ),
    e.NoAdviceSettings: lambda x: msg(
        "{path} is missing or incomplete ({detail}): advise needs the weighing and the matrix "
        "of advies.yaml (see the README, 'zorgtoolbox advise')",
        path=x.path,
        detail=x.detail or "advies.yaml",
    ),
    e.DataFolderMissing: lambda x: msg("data folder '{path}' does not exist", path=x.path),
    e.NotADataFolder: lambda x: msg(
        "'{path}' is not a data folder: it has no {marker} (point --data at the folder that "
        "holds {marker})",
        path=x.path,
        marker=x.marker,
    ),
    e.NotARevision: lambda x: (
        msg(
            "'{spec}' is neither a data folder nor a git revision of {root}; give a folder "
            "that holds toolbox.yaml, or a commit, tag or branch",
            spec=x.spec,
            root=x.root,
        )
        if x.spec
        else msg("{root} is in no git repository: compare two data folders", root=x.root)
    ),
    e.NotAnInstallSpec: lambda x: msg(
        "'{value}' is no pinned requirement for zorgtoolbox; give 'zorgtoolbox==X.Y.Z' or "
        "'zorgtoolbox @ git+https://…/zorgtoolbox.git@TAG' (no spaces or quotes in the address)",
        value=x.value,
    ),
    e.UnknownInstallSpec: lambda x: msg(
        "this zorgtoolbox was installed from a folder on this computer, which CI cannot "
        "install; say where CI gets version {version} with --install, e.g. --install "
        "'zorgtoolbox @ git+https://…/zorgtoolbox.git@v{version}'",
        version=x.version,
    ),
    e.TargetNotEmpty: lambda x: msg(
        "folder '{path}' is not empty; give a new folder, or an empty one", path=x.path
    ),
    e.NotAnId: lambda x: msg(
        "'{value}' is not an id; use lowercase letters, digits and single hyphens, e.g. "
        "'dji-extra-controle'",
        value=x.value,
    ),
    e.NameTaken: lambda x: msg(
        "a measure is already called '{value}' ({path}); choose another id",
        value=x.value,
        path=x.path,
    ),
    e.NoKnowledgeBaseHere: lambda x: msg(
        "no knowledge base here: this is the git work tree {root}, and none of {looked} "
        "exists; give the data folder with --data DIR (or ZORGTOOLBOX_DATA)",
        root=x.root,
        looked=[str(p) for p in x.looked],
    ),
    e.BundledFolderMissing: lambda x: msg(
        "the bundled {name}/ folder is missing from this installation; reinstall zorgtoolbox",
        name=x.name,
    ),
    e.InvalidDataError: lambda x: msg(
        "the knowledge base in {path} has {errors}; run 'zorgtoolbox validate "
        "--data {path}' for all of them",
        path=x.data_dir,
        errors=_errors(len(x.findings)),
    ),
    e.InvalidRevision: lambda x: msg(
        "the knowledge base at revision '{spec}' has {errors}, perhaps because it "
        "was written for another version of zorgtoolbox; compare with a later revision",
        spec=x.spec,
        errors=_errors(len(x.findings)),
    ),
    e.TemplateError: lambda x: msg("template {where}: {detail}", where=x.where, detail=x.detail),
    e.NotAFolder: lambda x: (
        msg("'{path}' is a file, not a folder", path=x.path)
        if x.path.exists()
        else msg("folder '{path}' does not exist", path=x.path)
    ),
    e.OutputTargetError: lambda x: (
        msg(
            "'{path}' is {kind}, not a regular file; it is never replaced (give the name of a "
            "file)",
            path=x.path,
            kind=Message(x.kind),
        )
        if x.kind
        else msg("cannot write '{path}': {reason}", path=x.path, reason=_reason(x.reason))
    ),
    e.WriteError: lambda x: (
        msg(
            "cannot finish writing into '{path}': {reason}; the next write there completes the set",
            path=x.path,
            reason=_reason(x.reason),
        )
        if x.unfinished
        else msg(
            "cannot write '{path}': {reason}; nothing was replaced",
            path=x.path,
            reason=_reason(x.reason),
        )
    ),
    e.OutputError: lambda x: msg("cannot write the output: {reason}", reason=_reason(x.reason)),
}


def _errors(n: int) -> str:
    """'1 error', '3 errors', in the reader's language."""
    return ngettext("{n} error", "{n} errors", n).format(n=n)


def error_lines(exc: Exception) -> list[str]:
    """The lines that say what went wrong: the error, and the first findings with it."""
    if isinstance(exc, e.InvalidFileError):
        return [f.line(_, _("warning")) for f in exc.findings]
    lines = [error_line(tr(describe(exc)))]
    if isinstance(exc, e.InvalidDataError | e.InvalidRevision):
        lines += [f"  {f.line(_, _('warning'))}" for f in exc.findings[:10]]
    return lines


# --- Click's and Typer's own usage errors ----------------------------------------------

#: Click's messages, as patterns, with what to say instead (English message ids).
_CLICK_MESSAGES = (
    (
        r"No such command '(?P<name>.*)'\.(?: Did you mean (?P<close>.*)\?)?",
        N_("unknown command '{name}'{hint}"),
    ),
    (
        r"No such option: (?P<name>\S+)(?: Did you mean (?P<close>.*)\?)?",
        N_("unknown option {name}{hint}"),
    ),
    (r"Option '(?P<name>[^']+)' requires an argument\.", N_("option {name} needs a value")),
    (
        r"Option '(?P<name>[^']+)' requires (?P<n>\d+) arguments\.",
        N_("option {name} needs {n} values"),
    ),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", N_("too many arguments: {args}")),
    (r"Option '(?P<name>[^']+)' does not take a value\.", N_("option {name} takes no value")),
)


def click_error(exc: Any, command: str) -> str:
    """One line for a usage error of Click or Typer, in the reader's language."""
    hint = msg(" (see '{command} --help')", command=command)
    kind = type(exc).__name__
    if kind == "MissingParameter":
        param = getattr(exc, "param", None)
        name = _param_name(param)
        what = _("argument") if getattr(param, "param_type_name", "") == "argument" else _("option")
        return error_line(_("missing {what} {name}").format(what=what, name=name) + tr(hint))
    if kind == "NoSuchOption":
        possible = list(getattr(exc, "possibilities", None) or [])
        close = msg("; did you mean {names}?", names=alternatives(possible)) if possible else ""
        text = msg("unknown option {name}{hint}", name=exc.option_name, hint=close)
        return error_line(tr(text) + tr(hint))
    if kind == "BadParameter":
        param = getattr(exc, "param", None)
        name = getattr(exc, "param_hint", None) or _param_name(param)
        text = msg("invalid value for {name}: {detail}", name=name, detail=exc.message)
        return error_line(tr(text) + tr(hint))
    message = getattr(exc, "message", str(exc))
    for pattern, template in _CLICK_MESSAGES:
        found = re.fullmatch(pattern, message.strip())
        if found:
            fields = found.groupdict()
            close = fields.pop("close", None)
            text = msg(
                template,
                **fields,
                hint=msg("; did you mean {names}?", names=close) if close else "",
            )
            return error_line(tr(text) + tr(hint))
    return error_line(tr(msg("{detail}", detail=message.replace("Value error, ", ""))) + tr(hint))


def _param_name(param: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return _(param.metavar or (param.name or "").upper())
    opts = sorted(getattr(param, "opts", []), key=lambda o: (not o.startswith("--"), o))
    return opts[0] if opts else param.name
