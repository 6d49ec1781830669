"""The `zorgtoolbox` command line: thin commands over the library.

`app` holds the application and its error boundary, `options` the shared options,
`userinput` turns what was typed into typed values, `words` says what went wrong; the
commands live by subject in `data`, `query`, `flow` and `advise`. Output goes through
the `output` package. Heavy imports (networkx, jinja2, openpyxl) happen inside the
commands that need them.
"""

from __future__ import annotations

from importlib import import_module

from .app import app, main

#: The modules of the commands, in the order the help lists them (importing a module
#: registers its commands).
COMMAND_MODULES = ("data", "query", "flow", "advise", "manage")
for _name in COMMAND_MODULES:
    import_module(f"{__name__}.{_name}")

__all__ = ["app", "main"]
