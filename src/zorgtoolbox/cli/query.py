"""The query commands: measures, show, agencies, glossary, search."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from ..output import terminal
from . import userinput
from .app import command
from .options import (
    DataOption,
    JsonOption,
    MeasureArgument,
    OrgOption,
    argument,
    choice_option,
    complete_agencies,
    complete_sources,
    complete_terms,
    format_option,
    load,
    out_option,
)

if TYPE_CHECKING:
    from ..queries import MeasureFilter

MEASURE_FORMATS = ("text", "json", "csv", "xlsx")


@command()
def measures(
    org: OrgOption = None,
    domain: Annotated[str | None, choice_option("domain", "fraude or overlast.", "DOMAINS")] = None,
    instrument: Annotated[
        str | None,
        choice_option(
            "instrument",
            "Instrument class: signalering, advies, correctie, bestuursrecht, civielrecht, "
            "strafrecht.",
            "INSTRUMENTS",
        ),
    ] = None,
    target: Annotated[
        str | None,
        choice_option(
            "target",
            "Whom it is aimed at: zorgaanbieder, cliënt, veroorzaker, verhuurder, buurt.",
            "TARGETS",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="DOCUMENT",
            help="Source document id (or its start).",
            autocompletion=complete_sources,
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        format_option(
            "text (a table per ladder), json, csv (for Excel) or xlsx (a workbook; needs --out).",
            *MEASURE_FORMATS,
            default="text",
        ),
    ] = "text",
    out: Annotated[Path | None, out_option("Write csv or xlsx to FILE.")] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """List measures in ladder order, least intrusive first, grouped by document and agency."""
    from .. import queries, shapes

    kb = load(data)
    chosen = userinput.measure_filter(
        kb, org=org, domain_name=domain, instrument=instrument, target=target, source=source
    )
    kind = "json" if json_ else userinput.choice(fmt, MEASURE_FORMATS, "format")
    if kind == "text":
        placements = queries.ladder_placements(kb, chosen)
        if not placements:
            terminal.echo(_("No measures match {filter}.").format(filter=_described(chosen)))
            return
        from ..output.records import print_placements

        print_placements(kb, placements)
        return
    rows = [shapes.measure(m, kb) for m in queries.select_measures(kb, chosen)]
    _export(kind or "json", rows, out)


def _described(chosen: MeasureFilter) -> str:
    """The filter as the options that give it: '--org dji --domain fraude'."""
    parts = [
        f"--{option} {value}"
        for option, value in zip(
            ("org", "domain", "instrument", "target", "source"), chosen, strict=True
        )
        if value
    ]
    return " ".join(parts) or _("no filter")


def _export(kind: str, rows: list[dict], out: Path | None) -> None:
    """Measures as JSON, CSV or a workbook: on stdout, or into FILE (--out)."""
    from ..output import tables

    if kind == "json" and out is None:
        terminal.print_json(rows)
        return
    if kind == "xlsx" and out is None:
        raise typer.BadParameter(
            _("an xlsx workbook is a file: give --out FILE"), param_hint="--out"
        )
    if kind == "csv" and out is None:
        terminal.write_bytes(tables.to_csv(terminal.inert(rows)))
        return
    from ..fsutil import write_files

    assert out is not None
    data = {"csv": tables.to_csv, "xlsx": lambda r: tables.to_xlsx(r, "maatregelen")}
    if kind == "json":
        import json

        content: bytes = json.dumps(rows, indent=2, ensure_ascii=False).encode() + b"\n"
    else:
        content = data[kind](rows)
    write_files({out: content})
    terminal.echo(_("wrote {path}").format(path=out))


@command()
def show(measure: MeasureArgument, json_: JsonOption = False, data: DataOption = None) -> None:
    """Everything about one measure: description, ladder positions, contact, flow edges,
    and where each statement comes from."""
    from .. import queries

    kb = load(data)
    details = queries.measure_details(kb, userinput.measure(kb, measure))
    if json_:
        from .. import shapes

        terminal.print_json(shapes.measure_details(details, kb))
        return
    from ..output.records import print_measure_details

    print_measure_details(kb, details)


@command()
def agencies(
    org: Annotated[
        str | None,
        argument("ORG", "Show one agency (id or name) with its ladders.", complete_agencies),
    ] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """The toolbox agencies and partners; with ORG, one agency and its measures."""
    from .. import shapes
    from ..output import records

    kb = load(data)
    agency = userinput.agency(kb, org)
    if json_:
        everyone = [shapes.agency(a, kb) for a in kb.agencies]
        terminal.print_json(everyone if agency is None else shapes.agency(agency, kb))
    elif agency is None:
        records.print_agencies(kb, list(kb.agencies))
    else:
        records.print_agency(kb, agency)


@command()
def glossary(
    term: Annotated[
        str | None,
        argument(
            "TERM", "A term or abbreviation (PGB, derdenbeding); omit to list all.", complete_terms
        ),
    ] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Terms and abbreviations with their definitions, and the measures that deal with them."""
    from .. import queries, shapes

    kb = load(data)
    terms = queries.lookup_terms(kb, term)
    about = queries.measures_about(kb, terms)
    if json_:
        terminal.print_json(
            [shapes.term(t) | {"measures": [m.id for m in about[t.term]]} for t in terms]
        )
    elif not terms:
        terminal.echo(_("No glossary term matches '{term}'.").format(term=term))
    else:
        from ..output.records import print_terms

        print_terms(kb, terms, about)


@command()
def search(
    text: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS", help="Words to look for, in any case, with or without accents."
        ),
    ],
    most: Annotated[
        str,
        typer.Option(
            "--max",
            metavar="N",
            help="How many hits to show at most: 1 to 1000.",
            show_default="20",
        ),
    ] = "20",
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Search titles, descriptions, agencies, the glossary and the Handhavingskader's own
    text; shows why each hit matched, the best first.

    --json gives every hit.
    """
    from .. import queries

    kb = load(data)
    limit = None if json_ else userinput.number("--max", most, 1, 1000)
    hits = queries.search(kb, " ".join(text), limit=limit)
    if json_:
        from .. import shapes

        terminal.print_json([shapes.hit(h) for h in hits])
    elif not hits:
        terminal.echo(_("Nothing matches '{words}'.").format(words=" ".join(text)))
    else:
        from ..output.records import print_hits

        print_hits(kb, hits)
