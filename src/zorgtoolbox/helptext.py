"""The help of every command, in the reader's language, without programmer notation.

Typer's own help prints types (`<bool>`, `<str>`), choice braces and English headings
that no catalogue reaches. This module lays the help out itself from the command's
parameters: a usage line with named placeholders (`MAATREGEL`, `MAP`), the description's
paragraphs wrapped to the terminal, and a table of arguments and options whose texts are
translated when shown (`i18n._`; the texts in the code are English message ids).
"""

from __future__ import annotations

import os
import textwrap
from typing import Any

from .i18n import _


def width() -> int:
    """The width to lay help out in: $COLUMNS or the terminal's, 40 to 100, else 80."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit():
        columns = int(value)
    else:
        try:
            columns = os.get_terminal_size().columns
        except OSError:
            columns = 80
    return max(40, min(columns, 100))


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a docstring or help text, each on one line."""
    return [" ".join(p.split()) for p in textwrap.dedent(text or "").split("\n\n") if p.strip()]


def _text(text: str | None) -> str:
    """A one-paragraph help text, white space folded, translated."""
    return _(" ".join((text or "").split())) if text else ""


def _placeholder(param: Any) -> str:
    """`MAATREGEL`, `MAP`: the param's metavar, translated; flags have none."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    metavar = param.metavar or param.name.upper()
    text = _(metavar)
    nargs = getattr(param, "nargs", 1)
    return f"{text}..." if nargs == -1 else text


def _usage(ctx: Any) -> str:
    pieces = [ctx.command_path]
    options = [p for p in ctx.command.params if p.param_type_name == "option"]
    if options:
        pieces.append(_("[OPTIONS]"))
    if getattr(ctx.command, "commands", None):
        pieces.append(_("COMMAND"))
    for param in ctx.command.params:
        if param.param_type_name == "argument":
            placeholder = _placeholder(param)
            pieces.append(placeholder if param.required else f"[{placeholder}]")
    return f"{_('Usage:')} " + " ".join(pieces)


def _extras(param: Any) -> list[str]:
    extras = []
    shown = getattr(param, "show_default", None)
    default = getattr(param, "default", None)
    if shown and default not in (None, False, "", ()) and not getattr(param, "is_flag", False):
        value = getattr(default, "value", default)
        extras.append(_("default: {value}").format(value=value))
    envvar = getattr(param, "envvar", None)
    if envvar:
        extras.append(_("environment: {name}").format(name=envvar))
    if param.param_type_name == "argument" and not param.required:
        extras.append(_("optional"))
    return extras


def _term(param: Any) -> str:
    if param.param_type_name == "argument":
        return _placeholder(param)
    names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    names += list(getattr(param, "secondary_opts", []))
    placeholder = _placeholder(param)
    return ", ".join(names) + (f" {placeholder}" if placeholder else "")


def _table(rows: list[tuple[str, str]], total: int) -> list[str]:
    if not rows:
        return []
    left = min(max(len(term) for term, _ in rows), 28)
    lines = []
    for term, text in rows:
        body = textwrap.wrap(text, max(20, total - left - 4), break_on_hyphens=False) or [""]
        if len(term) > left:
            lines.append(f"  {term}")
            lines.extend(" " * (left + 4) + piece for piece in body)
            continue
        lines.append(f"  {term:<{left}}  {body[0]}")
        lines.extend(" " * (left + 4) + piece for piece in body[1:])
    return lines


def render(ctx: Any) -> str:
    """The help of the command of `ctx`, laid out for the terminal."""
    total = width()
    command = ctx.command
    lines = [_usage(ctx), ""]
    for paragraph in paragraphs(command.help or ""):
        lines += [*textwrap.wrap(_(paragraph), total, break_on_hyphens=False), ""]
    arguments = [
        (_term(p), _text(getattr(p, "help", "")))
        for p in command.params
        if p.param_type_name == "argument" and not p.hidden
    ]
    options = []
    for p in command.params:
        if p.param_type_name != "option" or getattr(p, "hidden", False):
            continue
        text = " ".join([_text(p.help), *(f"[{x}]" for x in _extras(p))]).strip()
        options.append((_term(p), text))
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        names = ", ".join(sorted(help_option.opts, key=len))
        options.append((names, _("Show this help and stop.")))
    subcommands = getattr(command, "commands", {})
    sections = [(_("Arguments:"), arguments), (_("Options:"), options)]
    if subcommands:
        listing = [
            (name, _(paragraphs(cmd.help)[0]) if cmd.help else "")
            for name, cmd in subcommands.items()
            if not cmd.hidden
        ]
        sections.append((_("Commands:"), listing))
    for heading, rows in sections:
        if rows:
            lines += [heading, *_table(rows, total), ""]
    return "\n".join(lines).rstrip() + "\n"
