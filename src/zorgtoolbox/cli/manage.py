"""Commands for the coordinator who keeps the knowledge base: rename, diff, init."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from ..output import terminal
from .app import command
from .options import (
    DataOption,
    JsonOption,
    argument,
    complete_measures,
    complete_words,
    data_option,
    format_option,
)


@command()
def rename(
    old: Annotated[str, argument("OLD", "The measure's id now.", complete_measures)],
    new: Annotated[str, argument("NEW", "Its new id.")],
    case: Annotated[
        list[Path] | None,
        typer.Option(
            "--case",
            metavar="FILE",
            help="A case file that names the measure too (repeat for more).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Rename a measure: its file, and every place that names it.

    Changes the file measures/AGENCY/OLD.yaml to NEW.yaml with the new id, and writes the
    new id wherever the knowledge base names the old one: arrows and entry points of the
    flows, related links and replacements, the aangifte instruments of advies.yaml, the
    reference cases, and the case files given with --case. Then checks the knowledge base.
    """
    from ..edits import rename_measure
    from ..fsutil import write_files
    from ..output.validation import summary
    from ..paths import resolve_data_dir
    from ..validation import validate
    from .data import shown_folder, shown_path

    data_dir = resolve_data_dir(data)
    edits = rename_measure(data_dir, old, new, case or [])
    for edit in edits:
        if edit.text is not None:
            write_files({edit.path: edit.text})
    for edit in edits:
        if edit.text is None:
            edit.path.unlink()
            terminal.echo(_("removed {path}").format(path=shown_path(edit.path)))
        else:
            shown = shown_path(edit.path)
            terminal.echo(_("wrote {path} ({n} renamed)").format(path=shown, n=edit.references))
    result = validate(data_dir)
    terminal.echo(summary(result, shown_folder(result.data_dir)))
    if not result.ok:
        raise typer.Exit(1)


DIFF_FORMATS = ("text", "markdown")


@command()
def diff(
    old: Annotated[str, argument("OLD", "A git revision (commit, tag, branch) or a data folder.")],
    new: Annotated[
        str | None, argument("NEW", "The same; default: the data folder as it is now.")
    ] = None,
    fmt: Annotated[
        str,
        format_option(
            "text, or markdown (for a pull-request comment or release notes).",
            *DIFF_FORMATS,
            default="text",
        ),
    ] = "text",
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """What changed in substance between two versions of the knowledge base.

    Per agency: measures added, retired, renamed or removed, moved on a ladder (from rung
    to rung), text changed (word by word), values and contacts changed; then arrows added
    or removed, advice settings and reference-case outcomes changed. A revision is read
    from the git repository the data folder is in.
    """
    from .. import kbdiff
    from ..output.diff import print_diff
    from ..paths import resolve_data_dir
    from . import userinput

    kind = userinput.choice(fmt, DIFF_FORMATS, "format") or "text"
    data_dir = resolve_data_dir(data)
    with (
        kbdiff.load_side(old, data_dir) as before,
        kbdiff.load_side(new or str(data_dir), data_dir) as after,
    ):
        changes = kbdiff.compare(before, after)
        if json_:
            terminal.print_json([c._asdict() for c in changes])
        else:
            print_diff(before, after, changes, markdown=kind == "markdown")


@command()
def init(
    folder: Annotated[Path, argument("DIR", "The new repository's folder (new, or empty).")],
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            metavar="SPEC",
            show_default=False,
            help="What CI installs, pinned: 'zorgtoolbox==X.Y.Z' or "
            "'zorgtoolbox @ git+URL@TAG'. Default: where this zorgtoolbox came from.",
        ),
    ] = None,
    ci: Annotated[
        str,
        typer.Option(
            "--ci",
            metavar="KIND",
            help="Which CI file to write: github, gitlab or none.",
            autocompletion=complete_words("github", "gitlab", "none"),
        ),
    ] = "github",
    empty: Annotated[
        bool,
        typer.Option(
            "--empty",
            help="Copy no measures, flows, reference cases or advice settings: only the "
            "documents, agencies, glossary and frameworks, to build ladders of your own.",
        ),
    ] = False,
    data: Annotated[
        Path | None, data_option("The knowledge base to start from. Default: the bundled one.")
    ] = None,
) -> None:
    """Start a data repository: a copy of the knowledge base, its handbook, and its checks.

    Writes DIR/data/ (the copy), DIR/toolbox/ (the handbook built from it),
    DIR/.gitattributes (LF line endings, also on Windows), DIR/.pre-commit-config.yaml and
    a CI file that runs validate and build-handbook --check on every push and pull
    request, with zorgtoolbox pinned to one version. All files or none.
    """
    from ..paths import bundled_data_dir, resolve_data_dir
    from ..scaffold import CI_KINDS, create_repository, install_spec
    from . import userinput
    from .data import shown_path

    kind = userinput.choice(ci, CI_KINDS, "ci") or "github"
    spec = install_spec(install)
    source = resolve_data_dir(data) if data is not None else bundled_data_dir()
    written = create_repository(folder, source, spec, kind, empty=empty)
    shown = shown_path(folder.absolute())
    line = _("wrote {path}/ ({n} files), a copy of {source}; CI installs {spec}")
    terminal.echo(line.format(path=shown, n=len(written), source=shown_path(source), spec=spec))
    terminal.echo(_("next: make it a git repository (git init, git add -A, git commit)"))
