"""The stromenmodel commands: next, path, flow."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from ..output import terminal
from . import userinput
from .app import command
from .options import (
    DataOption,
    DomainOption,
    JsonOption,
    MeasureArgument,
    OrgOption,
    argument,
    complete_measures,
    format_option,
    load,
    out_option,
)

FLOW_FORMATS = ("tree", "mermaid", "dot", "svg")


@command(name="next")
def next_(
    measure: MeasureArgument,
    domain: DomainOption = None,
    depth: Annotated[
        str,
        typer.Option(
            "--depth", metavar="N", help="Levels of follow-ups to show: 1 to 20.", show_default="1"
        ),
    ] = "1",
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Suggested next steps from the stromenmodel: vervolg, parallel, melding, ladder.

    Each step shows its agency, instrument class and whether it is heavier, as heavy or
    lighter; --depth N shows the follow-ups as a tree, each measure once.
    """
    from .. import flowgraph

    kb = load(data)
    m = userinput.measure(kb, measure)
    levels = userinput.number("--depth", depth, 1, 20)
    domains, tree = flowgraph.next_steps(kb, m, userinput.domain(domain), levels)
    notice = flowgraph.suggestion_notice(kb, m, domains)
    if json_:
        from .. import flowshapes

        node = flowgraph.measure_node(m, kb.rungs(m))
        terminal.print_json(flowshapes.next_steps(node, domains, tree, notice, kb))
        return
    from ..output.flows import print_next

    print_next(kb, m, domains, tree, notice)


@command()
def path(
    source: Annotated[str, argument("FROM", "Measure to start from.", complete_measures)],
    target: Annotated[str, argument("TO", "Measure to reach.", complete_measures)],
    max_routes: Annotated[
        str,
        typer.Option(
            "--max",
            metavar="N",
            help="How many routes to show at most: 1 to 100.",
            show_default="3",
        ),
    ] = "3",
    ladder: Annotated[
        bool,
        typer.Option(
            "--ladder", help="Also follow ladder steps: the next rung of an agency's own ladder."
        ),
    ] = False,
    domain: DomainOption = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Routes between two measures through the stromenmodel, shortest first; when there
    is none, why."""
    from .. import flowgraph

    kb = load(data)
    start, end = userinput.measure(kb, source), userinput.measure(kb, target)
    limit = userinput.number("--max", max_routes, 1, 100)
    found = flowgraph.routes(kb, start, end, limit, userinput.domain(domain), ladder=ladder)
    if json_:
        from .. import flowshapes

        terminal.print_json(flowshapes.routes(start, end, found, kb))
        return
    from ..output.flows import print_routes

    print_routes(kb, start, end, found)


@command()
def flow(
    domain: DomainOption = None,
    org: OrgOption = None,
    fmt: Annotated[
        str,
        format_option(
            "tree (terminal), mermaid, dot (Graphviz) or svg.", *FLOW_FORMATS, default="tree"
        ),
    ] = "tree",
    out: Annotated[Path | None, out_option("Write to FILE instead of the terminal.")] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Draw the stromenmodel of a domain, reconstructed from the text: a tree, Mermaid,
    Graphviz DOT or SVG.

    With --json: its nodes and arrows, each arrow with what it rests on (basis, strength,
    quotes).
    """
    from .. import diagrams
    from ..errors import DomainNeeded
    from ..models import DOMAINS

    kb = load(data)
    agency = userinput.agency_id(kb, org)
    chosen = userinput.domain(domain)
    kind = userinput.choice(fmt, FLOW_FORMATS, "format") or "tree"
    shown = [chosen] if chosen else list(DOMAINS)
    if json_:
        from .. import flowshapes

        terminal.print_json(
            [flowshapes.diagram(diagrams.build_diagram(kb, d, agency), kb) for d in shown]
        )
        return
    if chosen is None and kind != "tree":
        raise DomainNeeded(kind, DOMAINS)
    if kind == "tree":
        from ..output.page import width

        text = "\n".join(
            diagrams.render_tree(diagrams.build_diagram(kb, d, agency), _, width()) for d in shown
        )
    else:
        text = diagrams.RENDERERS[kind](diagrams.build_diagram(kb, shown[0], agency))
    _write(text, out)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        terminal.write_text(text)
        return
    from ..errors import OutputTargetError
    from ..fsutil import write_files
    from ..messages import N_

    if out.is_dir():
        raise OutputTargetError(out, kind=N_("a folder"))
    write_files({out: text})
    terminal.echo(_("wrote {path}").format(path=out))
