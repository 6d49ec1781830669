"""Exit codes and the exceptions the CLI turns into clean one-line messages."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of every command."""

    OK = 0
    #: Invalid data, or a failed check (validate, build-handbook --check).
    INVALID = 1
    #: Wrong usage: unknown option value, unknown measure, missing data folder.
    USAGE = 2
    #: The reader of the output went away (`zorgtoolbox measures | head -1`): 128 + SIGPIPE,
    #: as Unix tools end; nothing is printed.
    CLOSED_PIPE = 141


class ZorgtoolboxError(Exception):
    """Base of the errors a user can cause; the message is one line."""

    exit_code = ExitCode.INVALID


class UsageError(ZorgtoolboxError):
    """The command was called wrongly: a value, name or path that does not fit."""

    exit_code = ExitCode.USAGE


class InvalidDataError(ZorgtoolboxError):
    """The knowledge base has errors; `findings` lists them."""

    exit_code = ExitCode.INVALID

    def __init__(self, message: str, findings: list | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


class InvalidFileError(ZorgtoolboxError):
    """A file named on the command line (a case file) is invalid; `findings` says where.

    The command line prints each finding as `PATH:LINE:COL: CODE message`.
    """

    exit_code = ExitCode.INVALID

    def __init__(self, findings: list) -> None:
        super().__init__("; ".join(str(f) for f in findings))
        self.findings = findings


class TemplateError(ZorgtoolboxError):
    """A handbook template cannot be rendered (syntax error, unknown variable)."""

    exit_code = ExitCode.INVALID


class EmptyQuery(UsageError):
    """A search without a word to look for."""

    def __init__(self) -> None:
        super().__init__("give words to search for")


class OutputTargetError(UsageError):
    """An output path that cannot be written as asked: it exists and is not a regular
    file (a device, named pipe, symlink or folder, which is never replaced), or its folder
    cannot be made or written (a file in the way, no permission, a read-only disk)."""


class WriteError(ZorgtoolboxError):
    """Writing an output failed half-way (a full disk, an I/O error); nothing was replaced."""

    exit_code = ExitCode.INVALID
