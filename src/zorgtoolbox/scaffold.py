"""A new data repository: a copy of a knowledge base, its handbook, and the checks its CI
and pre-commit run on every edit.

`install_spec()` says how CI installs this very version of zorgtoolbox (pinned, so a data
edit is checked by the code it was written for); `repository_files()` returns the files
of the new repository by path; `create_repository()` writes them, with a checked copy of
the knowledge base and its handbook, into a folder beside the target that becomes the
target only when all is in place (whole or not at all).

The files come from templates/repository/ (Dutch, like the handbook: the coordinator
reads them). The only value that comes from outside, the install spec, is checked against
`SPEC` first and then quoted for the shell (`shlex.quote`) and for YAML (a JSON string,
which YAML reads as a double-quoted scalar).
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

from . import __version__
from .errors import NotAnInstallSpec, UnknownInstallSpec
from .fsutil import RefusedFile, current_umask, is_inside, read_regular_file

#: A pinned requirement for zorgtoolbox: `zorgtoolbox==X.Y.Z` from a package index, or
#: `zorgtoolbox @ git+URL@REVISION` (a tag or commit) over https or ssh (a CI machine
#: cannot reach a file:// path). No spaces, quotes or shell characters in the URL.
SPEC = re.compile(
    r"zorgtoolbox(?:==[0-9][0-9A-Za-z.+!-]*"
    r"| @ git\+(?:https|ssh)://(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9._~:/%+=-]+@[A-Za-z0-9._/+-]+)"
)
#: What `--ci` may be.
CI_KINDS = ("github", "gitlab", "none")
#: What `--empty` leaves out of the copy: the measures and everything built on them. The
#: documents (with their texts), the agencies, the glossary and the frameworks stay, so
#: that new measures can quote their sources from the first edit.
LEFT_OUT_WHEN_EMPTY = ("measures/", "flows/", "casuistiek/", "advies.yaml")
#: Files larger than this are not copied (the loader would refuse them anyway).
MAX_COPY_BYTES = 8 * 1024 * 1024


def install_spec(given: str | None) -> str:
    """The requirement CI installs: `given` when there is one (it must match `SPEC`), else
    this installation's own source: the git commit it was installed from, or this version
    from a package index. Raises `UnknownInstallSpec` for an installation from a local
    folder (nothing a CI machine could install)."""
    if given is not None:
        if not SPEC.fullmatch(given):
            raise NotAnInstallSpec(given)
        return given
    from importlib import metadata

    try:
        direct = metadata.distribution("zorgtoolbox").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    if direct is None:
        return f"zorgtoolbox=={__version__}"
    try:
        origin = json.loads(direct)
        vcs = origin.get("vcs_info") or {}
        url, commit = str(origin["url"]), str(vcs.get("commit_id", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise UnknownInstallSpec(__version__) from None
    spec = f"zorgtoolbox @ git+{url}@{commit}"
    if vcs.get("vcs") != "git" or not commit or not SPEC.fullmatch(spec):
        raise UnknownInstallSpec(__version__)
    return spec


def copy_knowledge_base(data_dir: Path, *, empty: bool = False) -> dict[str, bytes]:
    """Every regular file of `data_dir`, by its path below it (`measures/dji/x.yaml`);
    `empty`: without `LEFT_OUT_WHEN_EMPTY`. Links, devices and files too large are left
    out: the copy holds nothing from outside the knowledge base."""
    out: dict[str, bytes] = {}
    root = data_dir.resolve()
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not Path(folder, d).is_symlink())
        for name in sorted(files):
            path = Path(folder, name)
            if path.is_symlink() or not is_inside(path, root):
                continue
            name = path.relative_to(root).as_posix()
            if empty and name.startswith(LEFT_OUT_WHEN_EMPTY):
                continue
            try:
                out[name] = read_regular_file(path, MAX_COPY_BYTES, inside=root)
            except (RefusedFile, OSError):
                continue
    return out


def _yaml(text: str) -> str:
    """`text` as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def _fill(name: str, spec: str) -> str:
    """A file of templates/repository/ with this version and `spec` put in."""
    from .paths import bundled_templates_dir

    raw = read_regular_file(bundled_templates_dir() / "repository" / name, MAX_COPY_BYTES)
    text = raw.decode("utf-8").replace("@@VERSION@@", __version__)
    install = _yaml(f"python -m pip install {shlex.quote(spec)}")
    return text.replace("@@SPEC@@", _yaml(spec)).replace("@@INSTALL@@", install)


def github_workflow(spec: str) -> str:
    """.github/workflows/zorgtoolbox.yml: validate and check the handbook on every push
    and pull request; on a pull request, the substantive changes in the job summary."""
    return _fill("github-workflow.yml", spec)


def gitlab_ci(spec: str) -> str:
    """.gitlab-ci.yml: validate and check the handbook in every pipeline."""
    return _fill("gitlab-ci.yml", spec)


def pre_commit_config(spec: str) -> str:
    """.pre-commit-config.yaml: the same two checks before each commit, with the same
    pinned zorgtoolbox (a local hook: no hook repository or tag needed)."""
    return _fill("pre-commit-config.yaml", spec)


def repository_files(
    data: dict[str, bytes], handbook: dict[str, str], spec: str, ci: str
) -> dict[str, str | bytes]:
    """The new repository's files by path: `data/…` (the copy), `toolbox/…` (the built
    handbook), `.gitattributes`, `.pre-commit-config.yaml` and the CI file for `ci`."""
    files: dict[str, str | bytes] = {f"data/{name}": raw for name, raw in data.items()}
    files.update({f"toolbox/{name}": text for name, text in handbook.items()})
    files[".gitattributes"] = _fill("gitattributes", spec)
    files[".pre-commit-config.yaml"] = pre_commit_config(spec)
    if ci == "github":
        files[".github/workflows/zorgtoolbox.yml"] = github_workflow(spec)
    elif ci == "gitlab":
        files[".gitlab-ci.yml"] = gitlab_ci(spec)
    return files


def create_repository(
    target: Path, source: Path, spec: str, ci: str, *, empty: bool = False
) -> list[str]:
    """Make the data repository `target` (a folder that does not exist yet, or is empty)
    from the knowledge base in `source`: the copy is checked and its handbook built from
    the copy itself (`empty`: a copy without measures, see `copy_knowledge_base`), all in
    a folder beside `target` that becomes `target` only when
    everything is in place. Returns the paths written, below `target`. Raises
    `TargetNotEmpty`, `NotAFolder`, or `InvalidDataError` for a source with errors."""
    import shutil
    import tempfile

    from . import render
    from .errors import InvalidDataError, NotAFolder, TargetNotEmpty
    from .validation import validate

    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise NotAFolder(target)
    if target.is_dir() and any(target.iterdir()):
        raise TargetNotEmpty(target)
    parent = target.absolute().parent
    if not parent.is_dir():
        raise NotAFolder(parent)
    checked = validate(source)
    if checked.kb is None:
        raise InvalidDataError(source, checked.errors)
    stage = Path(tempfile.mkdtemp(prefix=".zorgtoolbox-init-", dir=parent))
    try:
        _write(
            stage,
            {f"data/{name}": raw for name, raw in copy_knowledge_base(source, empty=empty).items()},
        )
        copy = validate(stage / "data")
        if copy.kb is None:  # a file left out of the copy (a link): say what is wrong
            raise InvalidDataError(source, copy.errors)
        handbook = render.render_handbook(copy.kb)
        files = repository_files({}, handbook, spec, ci)
        _write(stage, files)
        stage.chmod(0o777 & ~current_umask())
        if target.is_dir():
            target.rmdir()
        os.replace(stage, target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(content)
