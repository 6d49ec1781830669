"""The errors a user can cause, as values the command line words.

Each error says what went wrong in its fields (a name, a path, the choices there were),
never how to say it on a screen: it carries no exit code, no option name and no
sentence for a terminal. The command line (`cli.words`) maps each class to an exit code
and words it in the reader's language. `str(error)` is a plain English summary, for logs
and tests.

Two kinds of errors carry messages already: findings (`InvalidDataError`,
`InvalidFileError`), whose messages are `Message` values like every finding's, and the
reason an operating system gives (`OsReason`), which is its own English text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ZorgtoolboxError(Exception):
    """Base of the errors a user can cause."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)


# --- names and values typed by a user, or written in a case file ----------------------


class UnknownName(ZorgtoolboxError):
    """A name that matches nothing of its `kind` ("agency", "measure", "domain", …);
    `choices` are the valid ones (empty when too many to list), `close` the nearest."""

    def __init__(
        self, kind: str, name: str, choices: tuple[str, ...] = (), close: tuple[str, ...] = ()
    ) -> None:
        super().__init__(f"unknown {kind} {name!r}")
        self.kind, self.name, self.choices, self.close = kind, name, choices, close


class AmbiguousName(ZorgtoolboxError):
    """A name that matches several records of its `kind`: `candidates` as (id, title)."""

    def __init__(self, kind: str, name: str, candidates: tuple[tuple[str, str], ...]) -> None:
        super().__init__(f"{name!r} matches {len(candidates)} of kind {kind}")
        self.kind, self.name, self.candidates = kind, name, candidates


class EmptyName(ZorgtoolboxError):
    """A name of `kind` that is empty (or only white space)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"empty {kind}")
        self.kind = kind


class EmptyQuery(ZorgtoolboxError):
    """A search without a word to look for."""

    def __init__(self) -> None:
        super().__init__("nothing to search for")


class NotInDomain(ZorgtoolboxError):
    """A measure asked about in a domain it is not in."""

    def __init__(self, measure: str, domain: str, domains: tuple[str, ...]) -> None:
        super().__init__(f"{measure!r} is not in domain {domain}")
        self.measure, self.domain, self.domains = measure, domain, domains


class EmptyEdition(ZorgtoolboxError):
    """An edition of the handbook (an agency, a domain, or both) that holds no measure."""

    def __init__(self, agency: str | None, domain: str | None) -> None:
        super().__init__(f"no measures for agency {agency!r} in domain {domain!r}")
        self.agency, self.domain = agency, domain


class DomainNeeded(ZorgtoolboxError):
    """Something that is about one domain, asked without one (`what`: "advice", or the
    format of a diagram that draws one domain)."""

    def __init__(self, what: str, domains: tuple[str, ...]) -> None:
        super().__init__(f"the {what} needs a domain")
        self.what, self.domains = what, domains


# --- the factors of an advice --------------------------------------------------------


class FactorTwice(ZorgtoolboxError):
    """A weighing factor given directly and through some of its `aspects`."""

    def __init__(self, factor: str, aspects: tuple[str, ...]) -> None:
        super().__init__(f"{factor} is given directly and through its aspects")
        self.factor, self.aspects = factor, aspects


class FactorMissing(ZorgtoolboxError):
    """A weighing factor given neither directly nor through its `aspects`."""

    def __init__(self, factor: str, aspects: tuple[str, ...], levels: tuple[str, ...]) -> None:
        super().__init__(f"{factor} is not given")
        self.factor, self.aspects, self.levels = factor, aspects, levels


class AspectsMissing(ZorgtoolboxError):
    """A weighing factor given through some of its aspects, but not all: `missing`."""

    def __init__(self, factor: str, missing: tuple[str, ...]) -> None:
        super().__init__(f"{factor} lacks aspects {', '.join(missing)}")
        self.factor, self.missing = factor, missing


class NoAdviceSettings(ZorgtoolboxError):
    """The knowledge base has no advies.yaml (or lacks an entry of it: `detail`)."""

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: no advice settings {detail}".strip())
        self.path, self.detail = path, detail


# --- data folders, data and files named on the command line --------------------------


class DataFolderMissing(ZorgtoolboxError):
    """A data folder that does not exist."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"data folder {path} does not exist")
        self.path = path


class NotADataFolder(ZorgtoolboxError):
    """A folder without the file (`marker`) that makes it a knowledge base."""

    def __init__(self, path: Path, marker: str) -> None:
        super().__init__(f"{path} has no {marker}")
        self.path, self.marker = path, marker


class NoKnowledgeBaseHere(ZorgtoolboxError):
    """No `--data`, and no knowledge base in the git work tree `root` that `cwd` is in:
    `looked` are the places searched."""

    def __init__(self, cwd: Path, root: Path, looked: tuple[Path, ...]) -> None:
        super().__init__(f"no knowledge base in {root}")
        self.cwd, self.root, self.looked = cwd, root, looked


class BundledFolderMissing(ZorgtoolboxError):
    """The installation lacks its bundled `name` folder (data or templates)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"the bundled {name}/ folder is missing")
        self.name = name


class InvalidDataError(ZorgtoolboxError):
    """The knowledge base in `data_dir` has errors: `findings` lists them."""

    def __init__(self, data_dir: Path, findings: list[Any]) -> None:
        super().__init__(f"the knowledge base in {data_dir} has {len(findings)} error(s)")
        self.data_dir, self.findings = data_dir, findings


class InvalidFileError(ZorgtoolboxError):
    """A file named on the command line (a case file) is invalid; `findings` say where."""

    def __init__(self, findings: list[Any]) -> None:
        super().__init__("; ".join(str(f) for f in findings))
        self.findings = findings


class TemplateError(ZorgtoolboxError):
    """A handbook template cannot be rendered: `where` (file:line) and `detail` (Jinja's
    own English words), or a template that is refused (`refused`, see `OsReason`)."""

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"template {where}: {detail}")
        self.where, self.detail = where, detail


class NotAFolder(ZorgtoolboxError):
    """A path given as a folder (to write into, or to read templates from) that is not one."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is not a folder")
        self.path = path


class NotARevision(ZorgtoolboxError):
    """A side of a comparison that is neither a data folder nor a git revision of the
    repository at `root` (empty `spec`: the data folder is in no git repository)."""

    def __init__(self, spec: str, root: Path) -> None:
        super().__init__(f"{spec!r} is no revision of {root}")
        self.spec, self.root = spec, root


class InvalidRevision(ZorgtoolboxError):
    """The knowledge base at git revision `spec` has errors (`findings`, placed as
    `SPEC:PATH`), e.g. because it was written for another version of zorgtoolbox."""

    def __init__(self, spec: str, findings: list[Any]) -> None:
        super().__init__(f"the knowledge base at revision {spec} has {len(findings)} error(s)")
        self.spec, self.findings = spec, findings


class NotAnInstallSpec(ZorgtoolboxError):
    """An install spec for CI that is not a pinned requirement for zorgtoolbox."""

    def __init__(self, value: str) -> None:
        super().__init__(f"{value!r} is no pinned requirement for zorgtoolbox")
        self.value = value


class UnknownInstallSpec(ZorgtoolboxError):
    """This installation came from a local folder: no install spec for CI can be derived."""

    def __init__(self, version: str) -> None:
        super().__init__("this zorgtoolbox was installed from a local folder")
        self.version = version


class TargetNotEmpty(ZorgtoolboxError):
    """A folder to create a repository in that already holds files."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is not empty")
        self.path = path


class NotAnId(ZorgtoolboxError):
    """A new id that is not one: lowercase letters, digits and single hyphens."""

    def __init__(self, value: str) -> None:
        super().__init__(f"{value!r} is not an id")
        self.value = value


class NameTaken(ZorgtoolboxError):
    """A new id that a record already has (in the file `path`)."""

    def __init__(self, value: str, path: Path) -> None:
        super().__init__(f"{value!r} is taken")
        self.value, self.path = value, path


# --- writing outputs ------------------------------------------------------------------


class OutputTargetError(ZorgtoolboxError):
    """An output path that cannot be written as asked: it exists and is not a regular file
    (`kind`: a device, named pipe, symlink or folder, never replaced), or its folder cannot
    be made or written (`reason`: no permission, a read-only disk, a file in the way)."""

    def __init__(self, path: Path | str, *, kind: str = "", reason: str = "") -> None:
        super().__init__(f"cannot write {path}: {kind or reason}")
        self.path, self.kind, self.reason = Path(path), kind, reason


class WriteError(ZorgtoolboxError):
    """Writing an output failed half-way (`reason`: a full disk, an I/O error); nothing
    was replaced, or (`unfinished`) the next write there completes the set."""

    def __init__(self, path: Path | str, reason: str, *, unfinished: bool = False) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path, self.reason, self.unfinished = Path(path), reason, unfinished


class OutputError(ZorgtoolboxError):
    """The output itself (stdout) cannot be written: `reason` (a full disk behind it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write the output: {reason}")
        self.reason = reason
