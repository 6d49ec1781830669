"""The `zorgtoolbox` command line: thin commands over the library.

Each command parses its options, calls the library, hands the result to `console` and
maps errors to the documented exit codes (0 ok, 1 invalid data or failed check, 2 wrong
usage). Heavy imports (networkx, jinja2) happen inside the commands that need them.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, console
from .errors import ExitCode, InvalidFileError, UsageError, ZorgtoolboxError
from .paths import ENV_VAR, resolve_data_dir

if TYPE_CHECKING:
    from .kb import KnowledgeBase

#: click's UsageError (typer vendors click; BadParameter is its public subclass).
_ClickUsageError: type[Exception] = typer.BadParameter.__mro__[1]


class _Group(TyperGroup):
    """Turns the library's errors, and usage errors, into one line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # `zorgtoolbox measures | head -1`: quietly, as Unix tools do
            console.silence_stdout()
            raise typer.Exit(int(ExitCode.CLOSED_PIPE)) from None
        except InvalidFileError as exc:
            for finding in exc.findings:
                console.echo_finding(finding)
            raise typer.Exit(int(exc.exit_code)) from None
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
        except OSError as exc:  # a file or folder the library did not expect to fail
            reason = exc.strerror or type(exc).__name__
            console.echo_error(f"{exc.filename}: {reason}" if exc.filename else reason)
            raise typer.Exit(int(ExitCode.INVALID)) from None


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
    from .fsutil import write_files
    from .paths import bundled_data_dir
    from .schema import SCHEMA_DIR, schema_texts

    if out is None:
        data_dir = resolve_data_dir(data)
        if data is None and data_dir == bundled_data_dir() and "_bundled" in data_dir.parts:
            raise UsageError("no data folder here to write into; pass --out DIR or --data DIR")
        out = data_dir / SCHEMA_DIR
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out '{out}' is a file, not a folder")
    for path in write_files({out / name: text for name, text in schema_texts().items()}):
        console.echo(str(path))


# --- query commands -------------------------------------------------------------------

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (the shape is documented in the README).")
]


def _load(data: Path | None) -> KnowledgeBase:
    from .store import load_knowledge_base

    return load_knowledge_base(resolve_data_dir(data))


def _completion_kb(ctx: typer.Context) -> KnowledgeBase | None:
    try:
        return _load(ctx.params.get("data"))
    except Exception:  # completion must never fail loudly
        return None


def _complete(values: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    from .text import fold

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


def _complete_choices(names: str) -> Any:
    """Completion from a vocabulary of models.py, named so that models loads only then."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        from . import models

        return _complete([(v, "") for v in getattr(models, names)], incomplete)

    return complete


complete_domains = _complete_choices("DOMAINS")
complete_instruments = _complete_choices("INSTRUMENTS")
complete_targets = _complete_choices("TARGETS")


def complete_sources(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    kb = _completion_kb(ctx)
    return _complete([(d.id, d.title) for d in kb.documents] if kb else [], incomplete)


@app.command()
def measures(
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="Agency id or name, any case: DJI, gemeente, IGJ.",
            autocompletion=complete_agencies,
        ),
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option("--domain", help="fraude or overlast.", autocompletion=complete_domains),
    ] = None,
    instrument: Annotated[
        str | None,
        typer.Option(
            "--instrument",
            help="Instrument class: signalering, advies, correctie, bestuursrecht, "
            "civielrecht, strafrecht.",
            autocompletion=complete_instruments,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            help="Whom it is aimed at: zorgaanbieder, cliënt, veroorzaker, verhuurder, buurt.",
            autocompletion=complete_targets,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", help="Source document id (or its start).", autocompletion=complete_sources
        ),
    ] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """List measures in ladder order, least intrusive first, grouped by agency."""
    from . import queries

    kb = _load(data)
    chosen = queries.make_filter(
        kb, org=org, domain=domain, instrument=instrument, target=target, source=source
    )
    if json_:
        from . import shapes

        console.print_json([shapes.measure(m, kb) for m in queries.select_measures(kb, chosen)])
        return
    placements = queries.ladder_placements(kb, chosen)
    if not placements:
        console.echo(f"No measures match {chosen.describe()}.")
        return
    console.print_placements(kb, placements)


@app.command()
def show(
    measure: Annotated[
        str,
        typer.Argument(
            help="Measure id, the start of its id, or part of its title.",
            autocompletion=complete_measures,
            show_default=False,
        ),
    ],
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Everything about one measure: description, ladder positions, contact, flow edges."""
    from . import queries

    kb = _load(data)
    details = queries.measure_details(kb, queries.resolve_measure(kb, measure))
    if json_:
        from . import shapes

        console.print_json(shapes.measure_details(details, kb))
        return
    console.print_measure_details(kb, details)


@app.command()
def agencies(
    org: Annotated[
        str | None,
        typer.Argument(
            help="Show one agency (id or name) with its ladders.",
            autocompletion=complete_agencies,
            show_default=False,
        ),
    ] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """The toolbox agencies and partners; with ORG, one agency and its measures."""
    from . import queries, shapes

    kb = _load(data)
    if org is None:
        if json_:
            console.print_json([shapes.agency(a, kb) for a in kb.agencies])
        else:
            console.print_agencies(kb, list(kb.agencies))
        return
    agency = queries.resolve_agency(kb, org)
    if json_:
        console.print_json(shapes.agency(agency, kb))
    else:
        console.print_agency(kb, agency)


@app.command()
def glossary(
    term: Annotated[
        str | None,
        typer.Argument(
            help="A term or abbreviation (PGB, derdenbeding); omit to list all.",
            autocompletion=complete_terms,
            show_default=False,
        ),
    ] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Terms and abbreviations with their definitions."""
    from . import queries, shapes

    kb = _load(data)
    terms = queries.lookup_terms(kb, term)
    if json_:
        console.print_json([shapes.term(t) for t in terms])
    elif not terms:
        console.echo(f"No glossary term matches '{term}'.")
    else:
        console.print_terms(terms)


@app.command()
def search(
    text: Annotated[
        list[str],
        typer.Argument(help="Words to look for, in any case, with or without accents."),
    ],
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Search titles, descriptions, agencies and the glossary; shows why each hit matched."""
    from . import queries

    kb = _load(data)
    hits = queries.search(kb, " ".join(text))
    if json_:
        from . import shapes

        console.print_json([shapes.hit(h) for h in hits])
    elif not hits:
        console.echo(f"Nothing matches '{' '.join(text)}'.")
    else:
        console.print_hits(hits)


# --- the stromenmodel -----------------------------------------------------------------


class FlowFormat(StrEnum):
    tree = "tree"
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"


DomainOption = Annotated[
    str | None,
    typer.Option(
        "--domain", help="fraude or overlast.", autocompletion=complete_domains, show_default=False
    ),
]


@app.command(name="next")
def next_(
    measure: Annotated[
        str,
        typer.Argument(
            help="Measure id, the start of its id, or part of its title.",
            autocompletion=complete_measures,
            show_default=False,
        ),
    ],
    domain: DomainOption = None,
    depth: Annotated[
        int, typer.Option("--depth", min=1, max=20, help="Levels of follow-ups to show.")
    ] = 1,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Suggested next steps from the stromenmodel: vervolg, parallel, melding, ladder.

    Each step shows its agency, instrument class and whether it is heavier, the same or
    lighter; --depth N shows the follow-ups as a tree, each measure once.
    """
    from . import flowgraph, queries

    kb = _load(data)
    m = queries.resolve_measure(kb, measure)
    domains, tree = flowgraph.next_steps(kb, m, domain, depth)
    notice = flowgraph.suggestion_notice(kb, m, domains)
    if json_:
        from . import shapes

        root = flowgraph.measure_node(m)
        console.print_json(shapes.next_steps(root, domains, tree, notice))
        return
    console.print_next(kb, m, domains, tree, notice)


@app.command()
def path(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM",
            help="Measure to start from.",
            autocompletion=complete_measures,
            show_default=False,
        ),
    ],
    target: Annotated[
        str,
        typer.Argument(
            metavar="TO",
            help="Measure to reach.",
            autocompletion=complete_measures,
            show_default=False,
        ),
    ],
    max_routes: Annotated[
        int, typer.Option("--max", min=1, max=100, help="How many routes to show at most.")
    ] = 3,
    domain: DomainOption = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Routes between two measures through the stromenmodel, shortest first."""
    from . import flowgraph, queries

    kb = _load(data)
    start, end = queries.resolve_measure(kb, source), queries.resolve_measure(kb, target)
    domains, found = flowgraph.routes(kb, start, end, max_routes, domain)
    if json_:
        from . import shapes

        console.print_json(shapes.routes(start, end, domains, found))
        return
    console.print_routes(start, end, domains, found)


@app.command()
def flow(
    domain: DomainOption = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="Only this agency's part (and its arrows).",
            autocompletion=complete_agencies,
        ),
    ] = None,
    fmt: Annotated[
        FlowFormat,
        typer.Option("--format", "-f", help="tree (terminal), mermaid, dot (Graphviz) or svg."),
    ] = FlowFormat.tree,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="Write to FILE instead of the terminal."),
    ] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Draw the stromenmodel of a domain: a tree, Mermaid, Graphviz DOT or SVG.

    With --json: its nodes and arrows, each arrow with what it rests on (basis, strength,
    quotes).
    """
    from . import diagrams, queries
    from .flowgraph import choose_domain
    from .models import DOMAINS

    kb = _load(data)
    agency = queries.resolve_agency(kb, org).id if org is not None else None
    chosen = choose_domain(domain)
    if json_:
        from . import shapes

        chosen_domains = [chosen] if chosen else list(DOMAINS)
        console.print_json(
            [shapes.diagram(diagrams.build_diagram(kb, d, agency), kb) for d in chosen_domains]
        )
        return
    if chosen is None and fmt is not FlowFormat.tree:
        raise UsageError(
            f"--format {fmt.value} draws one domain: add --domain fraude or --domain overlast"
        )
    render = diagrams.RENDERERS[fmt.value]
    text = "\n".join(
        render(diagrams.build_diagram(kb, d, agency)) for d in ([chosen] if chosen else DOMAINS)
    )
    if out is None:
        console.write_text(text)
        return
    from .fsutil import write_files

    if out.is_dir():
        raise UsageError(f"--out '{out}' is a folder; give a file name")
    write_files({out: text})
    console.echo(f"wrote {out}")


# --- proportionality advice -----------------------------------------------------------


_LEVELS_HELP = "klein, gemiddeld or groot."


def _choice_option(name: str, help_: str, values: str) -> Any:
    return typer.Option(
        f"--{name}", help=help_, autocompletion=_complete_choices(values), show_default=False
    )


@app.command()
def advise(
    domain: DomainOption = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="Only this agency's measures (default: all).",
            autocompletion=complete_agencies,
        ),
    ] = None,
    ernst: Annotated[
        str | None,
        _choice_option("ernst", "Ernst van de situatie, given directly: " + _LEVELS_HELP, "LEVELS"),
    ] = None,
    risico: Annotated[
        str | None,
        _choice_option(
            "risico",
            "Aspect of ernst: ernst van het risico en/of schade (niet-zo-ernstig, ernstig, "
            "zeer-ernstig).",
            "RISICOS",
        ),
    ] = None,
    omvang: Annotated[
        str | None,
        _choice_option("omvang", "Aspect of ernst: omvang van de groep: " + _LEVELS_HELP, "LEVELS"),
    ] = None,
    herhaling: Annotated[
        str | None,
        _choice_option("herhaling", "Kans op herhaling, given directly: " + _LEVELS_HELP, "LEVELS"),
    ] = None,
    structuur: Annotated[
        str | None,
        _choice_option(
            "structuur",
            "Aspect of herhaling: structuur van de dienstverlening (goed, matig, slecht).",
            "STRUCTUREN",
        ),
    ] = None,
    houding: Annotated[
        str | None,
        _choice_option(
            "houding",
            "Aspect of herhaling: houding (niet-weten, niet-kunnen, niet-willen).",
            "HOUDINGEN",
        ),
    ] = None,
    recidive: Annotated[
        bool | None,
        typer.Option(
            "--recidive/--geen-recidive",
            help="Aspect of herhaling: whether there is recidive (herhaling of terugval).",
            show_default=False,
        ),
    ] = None,
    strafbaar_feit: Annotated[
        bool | None,
        typer.Option(
            "--strafbaar-feit/--geen-strafbaar-feit",
            help="Whether a criminal offence is involved: the advice then always gives "
            "aangifte and who does it.",
            show_default=False,
        ),
    ] = None,
    financiering: Annotated[
        str | None,
        _choice_option(
            "financiering",
            "zin, pgb or wlz: which of the Handhavingskader's instruments apply.",
            "FINANCIERINGEN",
        ),
    ] = None,
    taken: Annotated[
        str | None,
        typer.Option(
            "--taken",
            metavar="M1,M2",
            help="Measures already taken (ids or names, comma-separated).",
            show_default=False,
        ),
    ] = None,
    case: Annotated[
        Path | None,
        typer.Option(
            "--case",
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="A case file (YAML) with these factors; options given here override it.",
            show_default=False,
        ),
    ] = None,
    motivering: Annotated[
        bool,
        typer.Option(
            "--motivering", help="Write the motivation: a Dutch Markdown memo for the college."
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            dir_okay=False,
            help="With --motivering: write the memo to FILE instead of stdout.",
            show_default=False,
        ),
    ] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Proportionality advice: weigh a case, find the range on the Handhavingskader's
    ladder, and list the measures in it.

    Ernst and kans op herhaling are given directly or through their aspects (never both),
    weighed and mapped to a range as data/advies.yaml says: regional settings, not rules
    of the Handhavingskader. Lists the measures in that range per document and agency,
    least intrusive first, with who decides. Advice, not a decision.
    """
    if out is not None and not motivering:
        raise UsageError("--out writes the memo: give it with --motivering")
    if motivering and json_:
        raise UsageError("give --motivering or --json, not both")
    from . import advice

    kb = _load(data)
    loaded = None
    if case is not None:
        from .loader import load_case

        loaded = load_case(case)
    factors = advice.make_factors(
        kb,
        case=loaded,
        domain=domain,
        org=org,
        ernst=ernst,
        risico=risico,
        omvang=omvang,
        herhaling=herhaling,
        structuur=structuur,
        houding=houding,
        recidive=recidive,
        strafbaar_feit=strafbaar_feit,
        financiering=financiering,
        taken=taken,
    )
    result = advice.advise(kb, factors)
    if motivering:
        from .motivering import render_memo, write_memo

        memo = render_memo(kb, result)
        if out is None:
            console.write_text(memo)
        else:
            write_memo(memo, out)
            console.echo(f"wrote {out}")
        return
    if json_:
        from . import shapes

        console.print_json(shapes.advice(result))
        return
    console.print_advice(kb, result)


# --- the handbook -----------------------------------------------------------------------


class HandbookFormat(StrEnum):
    md = "md"
    html = "html"
    all = "all"


@app.command(name="build-handbook")
def build_handbook(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Folder to write the handbook to. Default: toolbox/ next to the data folder.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        HandbookFormat,
        typer.Option("--format", "-f", help="md (Markdown), html (one offline file) or all."),
    ] = HandbookFormat.all,
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
    data: DataOption = None,
) -> None:
    """Render the handbook to Markdown and one offline HTML file (default: into toolbox/).

    The same data always gives the same bytes; a failed build leaves the previous files
    untouched. --check is what CI runs: it exits 1 when toolbox/ is stale.
    """
    from . import render

    kb = _load(data)
    if out is None:
        out = render.default_out_dir(kb.data_dir)
    files = render.render_handbook(
        kb, formats=render.formats_for(fmt.value), public=public, templates=templates
    )
    if check:
        stale = render.stale_files(files, out)
        if stale:
            names = ", ".join(str(p) for p in stale)
            console.echo_error(f"stale: {names}; run 'zorgtoolbox build-handbook' and commit them")
            raise typer.Exit(int(ExitCode.INVALID))
        console.echo(f"{out}/ is up to date ({', '.join(files)})")
        return
    for path in render.write_handbook(files, out):
        console.echo(f"wrote {path}")


def main() -> None:
    """Entry point of the `zorgtoolbox` console script.

    Output still buffered is flushed here, where a failure can be told apart: a reader
    that went away ends quietly with 141, a full disk with one line and exit 1.
    """
    console.prepare_streams()
    to_devnull = console.stdout_is_devnull()
    try:
        app()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    if type(sys.stdout).__name__ == "PacifyFlushWrapper" or (
        not to_devnull and console.stdout_is_devnull()
    ):
        # click (or rich, printing --help) met the closed pipe itself and ended in 1; the
        # wrapper click puts around stdout, or stdout turned into /dev/null, is the sign
        code = int(ExitCode.CLOSED_PIPE)
    problem = console.flush_stdout()
    if problem == "pipe":
        code = int(ExitCode.CLOSED_PIPE)
    elif problem is not None:
        console.echo_error(f"cannot write the output: {problem}")
        code = int(ExitCode.INVALID)
    sys.exit(code)
