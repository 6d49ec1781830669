"""The options and arguments several commands share, declared once, and tab completion.

Help texts are English message ids, shown translated by `helptext`. Values arrive as
text; `userinput` turns them into typed values.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..paths import ENV_VAR

if TYPE_CHECKING:
    from ..kb import KnowledgeBase


def load(data: Path | None) -> KnowledgeBase:
    """The validated knowledge base of `--data` (or the nearest, or the bundled one)."""
    from ..paths import resolve_data_dir
    from ..store import load_knowledge_base

    return load_knowledge_base(resolve_data_dir(data))


# --- completion -------------------------------------------------------------------------


def _completion_kb(ctx: typer.Context) -> KnowledgeBase | None:
    try:
        return load(ctx.params.get("data"))
    except Exception:  # completion must never fail loudly
        return None


def _complete(values: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    from ..text import fold

    start = fold(incomplete)
    return [(value, help_) for value, help_ in values if fold(value).startswith(start)]


def complete_measures(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    kb = _completion_kb(ctx)
    return _complete([(m.id, m.title) for m in kb.measures] if kb else [], incomplete)


def complete_agencies(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    kb = _completion_kb(ctx)
    return _complete([(a.id, a.full_name) for a in kb.agencies] if kb else [], incomplete)


def complete_terms(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    kb = _completion_kb(ctx)
    pairs = [(t.abbreviation or t.term, t.term) for t in kb.glossary] if kb else []
    return _complete(pairs, incomplete)


def complete_sources(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    kb = _completion_kb(ctx)
    return _complete([(d.id, d.title) for d in kb.documents] if kb else [], incomplete)


def complete_choices(names: str) -> Any:
    """Completion from a vocabulary of models.py, named so that models loads only then."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        from .. import models

        return _complete([(v, "") for v in getattr(models, names)], incomplete)

    return complete


def complete_words(*words: str) -> Any:
    """Completion from a fixed list of words (the formats of a command)."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return _complete([(w, "") for w in words], incomplete)

    return complete


# --- shared declarations ------------------------------------------------------------------


def data_option(help_: str) -> Any:
    """`--data DIR` (or $ZORGTOOLBOX_DATA): a data folder, with what it is for here."""
    return typer.Option("--data", envvar=ENV_VAR, metavar="DIR", show_default=False, help=help_)


DataOption = Annotated[
    Path | None,
    data_option(
        "Data folder (holds toolbox.yaml). Default: the nearest data/ folder upward "
        "from here, else the bundled knowledge base."
    ),
]

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (the shape is documented in the README).")
]


def domain_option(help_: str) -> Any:
    """`--domain DOMAIN`: fraude or overlast, with what it is for here."""
    return typer.Option(
        "--domain",
        metavar="DOMAIN",
        help=help_,
        autocompletion=complete_choices("DOMAINS"),
        show_default=False,
    )


def org_option(help_: str) -> Any:
    """`--org ORG`: an agency's id or name, with what it is for here."""
    return typer.Option(
        "--org", metavar="ORG", help=help_, autocompletion=complete_agencies, show_default=False
    )


DomainOption = Annotated[str | None, domain_option("fraude or overlast.")]

OrgOption = Annotated[str | None, org_option("Agency id or name, any case: DJI, gemeente, IGJ.")]


def argument(metavar: str, help_: str, complete: Any = None) -> Any:
    """A positional argument: its placeholder, help text and completion."""
    return typer.Argument(metavar=metavar, help=help_, autocompletion=complete, show_default=False)


MeasureArgument = Annotated[
    str,
    argument(
        "MEASURE", "Measure id, the start of its id, or part of its title.", complete_measures
    ),
]


def format_option(help_: str, *words: str, default: str) -> Any:
    """`--format/-f WORD`: one of `words` (checked by `userinput.choice`)."""
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=help_,
        autocompletion=complete_words(*words),
        show_default=default,
    )


def out_option(help_: str, metavar: str = "FILE") -> Any:
    return typer.Option("--out", metavar=metavar, help=help_, show_default=False)


def choice_option(name: str, help_: str, values: str) -> Any:
    """An option whose value is a word of a vocabulary of models.py (`values`)."""
    return typer.Option(
        f"--{name}",
        metavar="VALUE",
        help=help_,
        autocompletion=complete_choices(values),
        show_default=False,
    )
