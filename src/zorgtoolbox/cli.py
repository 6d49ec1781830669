"""The `zorgtoolbox` command line: thin commands over the library.

Each command parses its options, calls the library, hands the result to `console` and
maps errors to the documented exit codes (0 ok, 1 invalid data or failed check, 2 wrong
usage). Heavy imports (networkx, jinja2) happen inside the commands that need them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, console
from .errors import ExitCode, UsageError, ZorgtoolboxError
from .paths import ENV_VAR, resolve_data_dir

#: click's UsageError (typer vendors click; BadParameter is its public subclass).
_ClickUsageError: type[Exception] = typer.BadParameter.__mro__[1]


class _Group(TyperGroup):
    """Turns the library's errors, and usage errors, into one line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ZorgtoolboxError as exc:
            console.echo_error(str(exc))
            for finding in getattr(exc, "findings", [])[:10]:
                console.echo_error(f"  {finding}")
            raise typer.Exit(int(exc.exit_code)) from None
        except _ClickUsageError as exc:
            sub = getattr(exc, "ctx", None)
            where = sub.command_path if sub is not None else ctx.command_path
            message = exc.format_message().replace("Value error, ", "")  # type: ignore[attr-defined]
            console.echo_error(f"{message} (see '{where} --help')")
            raise typer.Exit(int(ExitCode.USAGE)) from None


app = typer.Typer(
    name="zorgtoolbox",
    cls=_Group,
    help="Query, check and publish the Toolbox Zorgfraude en Zorgoverlast.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar=ENV_VAR,
        metavar="DIR",
        show_default=False,
        help="Data folder (holds toolbox.yaml). Default: the nearest data/ folder upward "
        "from here, else the bundled knowledge base.",
    ),
]


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _version(value: bool) -> None:
    if value:
        console.echo(f"zorgtoolbox {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Query, check and publish the Toolbox Zorgfraude en Zorgoverlast.

    Exit codes: 0 ok, 1 invalid data or a failed check, 2 wrong usage.
    """


@app.command()
def validate(
    data: DataOption = None,
    fmt: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text, json, or github (workflow annotations)."),
    ] = ValidateFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")
    ] = False,
) -> None:
    """Check every data file; report all problems as PATH:LINE:COL: CODE message.

    Exit 0 when the data is valid (warnings allowed unless --strict), 1 when problems
    were found.
    """
    from .validation import validate as run_validation

    result = run_validation(resolve_data_dir(data))
    console.print_validation(result, fmt.value)
    failed = not result.ok or (strict and bool(result.warnings))
    raise typer.Exit(int(ExitCode.INVALID if failed else ExitCode.OK))


@app.command()
def schema(
    data: DataOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Folder to write the schemas to. Default: the schema/ folder of the data folder.",
        ),
    ] = None,
) -> None:
    """Write a JSON Schema for each kind of data file (for editors and CI tools)."""
    from .fsutil import write_files_atomically
    from .paths import bundled_data_dir
    from .schema import SCHEMA_DIR, schema_texts

    if out is None:
        data_dir = resolve_data_dir(data)
        if data is None and data_dir == bundled_data_dir() and "_bundled" in data_dir.parts:
            raise UsageError("no data folder here to write into; pass --out DIR or --data DIR")
        out = data_dir / SCHEMA_DIR
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out '{out}' is a file, not a folder")
    texts = schema_texts()
    write_files_atomically({out / name: text for name, text in texts.items()})
    for name in texts:
        console.echo(str(out / name))


def main() -> None:
    """Entry point of the `zorgtoolbox` console script."""
    app()
