"""The `zorgtoolbox` application: the Typer app, the help layout and the error boundary.

Every command is a `Command` of the one `app`. Help is laid out by `helptext` in the
reader's language. `Group.main` is the boundary: whatever a command raises that a user
can cause (the library's errors, Click's usage errors, a closed pipe, a full disk) ends
here as one worded line on stderr and a documented exit code; nothing a user can cause
ends in a traceback.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from ..errors import ZorgtoolboxError
from ..i18n import LANGUAGES, _, set_language, tr
from ..messages import alternatives
from ..output import terminal
from . import words
from .words import ExitCode

#: click's exceptions (typer vendors click: its classes are reached through typer's own).
_ClickException: type[Exception] = typer.BadParameter.__mro__[2]
_ClickUsageError: type[Exception] = typer.BadParameter.__mro__[1]
_ClickExit: type[BaseException] = type(typer.Exit())
_ClickAbort: type[BaseException] = typer.Abort


def _help(ctx: Any) -> str:
    from ..helptext import render

    return render(ctx)


class Command(TyperCommand):
    """A command whose help is laid out by `helptext`."""

    def get_help(self, ctx: Any) -> str:
        return _help(ctx)


class Group(TyperGroup):
    """The application: help by `helptext`, and every error worded at one place."""

    def get_help(self, ctx: Any) -> str:
        return _help(ctx)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        set_language(None)  # the environment's, until --lang says otherwise
        given = (args[0] if args else kwargs.get("args")) or sys.argv[1:]
        named = next((a for a in given if a in self.commands), None)
        command = f"zorgtoolbox {named}" if named else "zorgtoolbox"
        code = _run(
            lambda: super(Group, self).main(*args, standalone_mode=False, **kwargs), command
        )
        if standalone_mode:
            sys.exit(code)
        return code


def _run(call: Any, command: str = "zorgtoolbox") -> int:
    """Run the application; the exit code, with every error worded on stderr. `command`
    is the command typed, for the help a usage error points to when Click does not say
    which command it was parsing."""
    try:
        result = call()
        return int(result) if isinstance(result, int) else int(ExitCode.OK)
    except BrokenPipeError:  # `zorgtoolbox measures | head -1`: quietly, as Unix tools do
        terminal.silence_stdout()
        return int(ExitCode.CLOSED_PIPE)
    except ZorgtoolboxError as exc:
        for line in words.error_lines(exc):
            terminal.echo_error(line)
        return int(words.exit_code(exc))
    except _ClickExit as exc:
        return int(getattr(exc, "exit_code", 0))
    except SystemExit as exc:  # typer ends a closed pipe with sys.exit(1): main() tells
        return exc.code if isinstance(exc.code, int) else int(ExitCode.INVALID)
    except _ClickUsageError as exc:
        context = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError":
            terminal.echo_error(_help(context).rstrip("\n"))
            return int(ExitCode.USAGE)
        typed = context.command_path if context is not None else command
        terminal.echo_error(words.click_error(exc, typed))
        return int(ExitCode.USAGE)
    except _ClickAbort:
        terminal.echo_error(words.error_line(_("stopped")))
        return 130
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file or folder the library did not expect to fail
        reason = words.tr(words.Message(exc.strerror or type(exc).__name__))
        place = f"{exc.filename}: " if exc.filename else ""
        terminal.echo_error(words.error_line(place + reason))
        return int(ExitCode.INVALID)


app = typer.Typer(
    name="zorgtoolbox",
    cls=Group,
    help="Query, check and publish the Toolbox Zorgfraude en Zorgoverlast.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(name: str | None = None) -> Any:
    """Register a command of the application (with the help layout of `Command`)."""
    return app.command(name=name, cls=Command)


def _version(value: bool) -> None:
    if value:
        terminal.echo(f"zorgtoolbox {__version__}")
        raise typer.Exit()


def _language(value: str | None) -> str | None:
    if value is not None:
        if value not in LANGUAGES:
            choices = tr(alternatives(LANGUAGES))
            raise typer.BadParameter(
                _("'{value}' is not a language of zorgtoolbox; choose {choices}").format(
                    value=value, choices=choices
                ),
                param_hint="--lang",
            )
        set_language(value)
    return value


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANGUAGE",
            callback=_language,
            is_eager=True,
            envvar="ZORGTOOLBOX_LANG",
            help="Language of what zorgtoolbox says: nl (default) or en.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Query, check and publish the Toolbox Zorgfraude en Zorgoverlast.

    Exit codes: 0 ok, 1 invalid data or a failed check, 2 wrong usage.
    """


def main() -> None:
    """Entry point of the `zorgtoolbox` console script.

    Output still buffered is flushed here, where a failure can be told apart: a reader
    that went away ends quietly with 141, a full disk with one line and exit 1.
    """
    terminal.prepare_streams()
    to_devnull = terminal.stdout_is_devnull()
    code = _run(lambda: app(standalone_mode=False))
    if type(sys.stdout).__name__ == "PacifyFlushWrapper" or (
        not to_devnull and terminal.stdout_is_devnull()
    ):
        # click met the closed pipe itself; the wrapper it puts around stdout, or stdout
        # turned into /dev/null, is the sign
        code = int(ExitCode.CLOSED_PIPE)
    problem = terminal.flush_stdout()
    if problem == "pipe":
        code = int(ExitCode.CLOSED_PIPE)
    elif problem is not None:
        from ..errors import OutputError

        terminal.echo_error(words.error_lines(OutputError(problem))[0])
        code = int(ExitCode.INVALID)
    sys.exit(code)
