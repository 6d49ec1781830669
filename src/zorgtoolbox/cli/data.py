"""Commands about the data itself: validate, schema, build-handbook."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from ..output import terminal
from . import userinput
from .app import command
from .options import DataOption, domain_option, format_option, org_option, out_option
from .words import ExitCode, error_line

VALIDATE_FORMATS = ("text", "json", "github")
HANDBOOK_FORMATS = ("md", "html", "all")


def shown_path(path: Path) -> str:
    """A file as the user names it: from the current directory when it lies below it,
    else in full; in forward slashes. A link is named, not where it points."""
    from ..loaded import shown_folder as shown_name

    absolute = Path(os.path.abspath(path))
    folder = shown_name(absolute.parent)
    return absolute.name if folder == "." else f"{folder.rstrip('/')}/{absolute.name}"


def shown_folder(data_dir: Path) -> str:
    """The data folder as findings name it (`data/`, `kb/data/`), saying so when it is
    the copy bundled with the package (found neither by --data nor below here)."""
    from ..loaded import shown_folder as shown_name
    from ..paths import bundled_data_dir

    shown = shown_name(data_dir) + "/"
    try:
        below = data_dir.resolve().is_relative_to(Path.cwd().resolve())
    except OSError:  # a working directory that is gone, or not ours to read
        below = False
    if not below and data_dir.resolve() == bundled_data_dir().resolve():
        return _("{folder} (the knowledge base bundled with zorgtoolbox)").format(folder=shown)
    return shown


@command()
def validate(
    data: DataOption = None,
    fmt: Annotated[
        str,
        format_option(
            "text, json, or github (workflow annotations).", *VALIDATE_FORMATS, default="text"
        ),
    ] = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")
    ] = False,
) -> None:
    """Check every data file; report all problems as PATH:LINE:COL: CODE message.

    Exit 0 when the data is valid (warnings allowed unless --strict), 1 when problems
    were found.
    """
    from ..output.validation import print_validation
    from ..paths import resolve_data_dir
    from ..validation import validate as run_validation

    chosen = userinput.choice(fmt, VALIDATE_FORMATS, "format")
    result = run_validation(resolve_data_dir(data))
    print_validation(result, chosen or "text", shown_folder(result.data_dir))
    failed = not result.ok or (strict and bool(result.warnings))
    raise typer.Exit(int(ExitCode.INVALID if failed else ExitCode.OK))


@command()
def schema(
    data: DataOption = None,
    out: Annotated[
        Path | None,
        out_option(
            "Folder to write the schemas to. Default: the schema/ folder of the data folder.", "DIR"
        ),
    ] = None,
) -> None:
    """Write a JSON Schema for each kind of data file (for editors and CI tools)."""
    from ..errors import NotAFolder
    from ..fsutil import write_files
    from ..paths import bundled_data_dir, resolve_data_dir
    from ..schema import SCHEMA_DIR, schema_texts

    if out is None:
        data_dir = resolve_data_dir(data)
        if data is None and data_dir == bundled_data_dir() and "_bundled" in data_dir.parts:
            raise typer.BadParameter(_("no data folder here to write into"), param_hint="--out")
        out = data_dir / SCHEMA_DIR
    if out.exists() and not out.is_dir():
        raise NotAFolder(out)
    for path in write_files({out / name: text for name, text in schema_texts().items()}):
        terminal.echo(_("wrote {path}").format(path=shown_path(path)))


@command(name="build-handbook")
def build_handbook(
    out: Annotated[
        Path | None,
        out_option(
            "Folder to write the handbook to. Default: toolbox/ next to the data folder.", "DIR"
        ),
    ] = None,
    fmt: Annotated[
        str,
        format_option(
            "md (Markdown), html (one offline file) or all.", *HANDBOOK_FORMATS, default="all"
        ),
    ] = "all",
    public: Annotated[
        bool,
        typer.Option(
            "--public", help="Leave out contact persons and contact details (personal data)."
        ),
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 naming the files in --out that do not match the data.",
        ),
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="Folder with templates that override the bundled ones (same file names).",
        ),
    ] = None,
    org: Annotated[
        str | None,
        org_option(
            "An edition for one agency only (id or name); "
            "--org DJI writes handboek-dji.md and .html."
        ),
    ] = None,
    domain: Annotated[
        str | None,
        domain_option("An edition for one domain only (fraude or overlast)."),
    ] = None,
    data: DataOption = None,
) -> None:
    """Render the handbook to Markdown and one offline HTML file (default: into toolbox/).

    The same data always gives the same bytes; a failed build leaves the previous files
    untouched. --check is what CI runs: it exits 1 when toolbox/ is stale. With --org
    or --domain it writes an edition with only those measures; the steps they point to
    elsewhere are listed there in short.
    """
    from .. import render
    from ..editions import Scope
    from .options import load

    kb = load(data)
    scope = Scope(userinput.agency_id(kb, org), userinput.domain(domain))
    given = {"--out": out, "--format": None if fmt == "all" else fmt, "--templates": templates}
    given |= {"--org": scope.agency, "--domain": scope.domain, "--data": data}
    out = out or render.default_out_dir(kb.data_dir)
    formats = render.formats_for(userinput.choice(fmt, HANDBOOK_FORMATS, "format") or "all")
    files = render.render_handbook(
        kb, formats=formats, public=public, templates=templates, scope=scope
    )
    if not check:
        for path in render.write_handbook(files, out):
            terminal.echo(_("wrote {path}").format(path=shown_path(path)))
        return
    stale = render.stale_files(files, out)
    if stale:
        names = ", ".join(shown_path(p) for p in stale)
        rebuild = shlex.join(["zorgtoolbox", "build-handbook", *_same_options(given, public)])
        line = _("not up to date: {files}; run '{command}' and commit the files")
        terminal.echo_error(error_line(line.format(files=names, command=rebuild)))
        raise typer.Exit(int(ExitCode.INVALID))
    line = _("{folder} is up to date ({files})")
    terminal.echo(line.format(folder=f"{shown_path(out)}/", files=", ".join(files)))


def _same_options(given: dict[str, Path | str | None], public: bool) -> list[str]:
    """The options of a build-handbook --check that the build it asks for needs too."""
    options = []
    for name, value in given.items():
        if value is not None:
            options += [name, shown_path(value) if isinstance(value, Path) else value]
    return options + (["--public"] if public else [])
