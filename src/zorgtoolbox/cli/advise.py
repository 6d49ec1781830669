"""The `advise` command: proportionality advice on the Handhavingskader's ladder."""

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
    OrgOption,
    choice_option,
    load,
    out_option,
)

LEVELS_HELP = "klein, gemiddeld or groot."


def _factor(name: str, help_: str, values: str) -> object:
    return choice_option(name, help_, values)


Ernst = Annotated[
    str | None, _factor("ernst", "Ernst van de situatie, given directly: " + LEVELS_HELP, "LEVELS")
]
Risico = Annotated[
    str | None,
    _factor(
        "risico",
        "Aspect of ernst: ernst van het risico en/of schade (niet-zo-ernstig, ernstig, "
        "zeer-ernstig).",
        "RISICOS",
    ),
]
Omvang = Annotated[
    str | None, _factor("omvang", "Aspect of ernst: omvang van de groep: " + LEVELS_HELP, "LEVELS")
]
Herhaling = Annotated[
    str | None, _factor("herhaling", "Kans op herhaling, given directly: " + LEVELS_HELP, "LEVELS")
]
Structuur = Annotated[
    str | None,
    _factor(
        "structuur",
        "Aspect of herhaling: structuur van de dienstverlening (goed, matig, slecht).",
        "STRUCTUREN",
    ),
]
Houding = Annotated[
    str | None,
    _factor(
        "houding",
        "Aspect of herhaling: houding (niet-weten, niet-kunnen, niet-willen).",
        "HOUDINGEN",
    ),
]
Recidive = Annotated[
    bool | None,
    typer.Option(
        "--recidive/--geen-recidive",
        help="Aspect of herhaling: whether there is recidive (herhaling of terugval).",
        show_default=False,
    ),
]
StrafbaarFeit = Annotated[
    bool | None,
    typer.Option(
        "--strafbaar-feit/--geen-strafbaar-feit",
        help="Whether a criminal offence is involved: the advice then always gives aangifte and "
        "who does it.",
        show_default=False,
    ),
]
Financiering = Annotated[
    str | None,
    _factor(
        "financiering",
        "zin, pgb or wlz: which of the Handhavingskader's instruments apply.",
        "FINANCIERINGEN",
    ),
]
Taken = Annotated[
    str | None,
    typer.Option(
        "--taken",
        metavar="MEASURES",
        help="Measures already taken: ids, id parts or titles, separated by commas.",
        show_default=False,
    ),
]
CaseFile = Annotated[
    Path | None,
    typer.Option(
        "--case",
        metavar="FILE",
        help="A case file (YAML) with these factors; options given here override it.",
        show_default=False,
    ),
]
Motivering = Annotated[
    bool,
    typer.Option(
        "--motivering", help="Write the motivation: a Dutch Markdown memo for the college."
    ),
]
MemoOut = Annotated[Path | None, out_option("With --motivering: write the memo to FILE.")]


@command()
def advise(
    domain: DomainOption = None,
    org: OrgOption = None,
    ernst: Ernst = None,
    risico: Risico = None,
    omvang: Omvang = None,
    herhaling: Herhaling = None,
    structuur: Structuur = None,
    houding: Houding = None,
    recidive: Recidive = None,
    strafbaar_feit: StrafbaarFeit = None,
    financiering: Financiering = None,
    taken: Taken = None,
    case: CaseFile = None,
    motivering: Motivering = False,
    out: MemoOut = None,
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
    from .. import advice

    _check_outputs(out, motivering, json_)
    kb = load(data)
    values = {
        "domain": domain, "org": org, "ernst": ernst, "risico": risico, "omvang": omvang,
        "herhaling": herhaling, "structuur": structuur, "houding": houding,
        "recidive": recidive, "strafbaar_feit": strafbaar_feit, "financiering": financiering,
        "taken": taken,
    }  # fmt: skip
    result = advice.advise(kb, userinput.advice_factors(kb, _case(case), values))
    if motivering:
        _memo(kb, result, out)
    elif json_:
        from .. import adviceshapes

        terminal.print_json(adviceshapes.advice(result, kb))
    else:
        from ..output.advice import print_advice

        print_advice(kb, result)


def _check_outputs(out: Path | None, motivering: bool, json_: bool) -> None:
    if out is not None and not motivering:
        raise typer.BadParameter(
            _("--out writes the memo: give it with --motivering"), param_hint="--out"
        )
    if motivering and json_:
        raise typer.BadParameter(_("give --motivering or --json, not both"), param_hint="--json")


def _case(path: Path | None) -> object:
    """The case file of --case, read as safely as data (see `loader.load_case`)."""
    if path is None:
        return None
    import os

    if os.path.isdir(path):
        message = _("'{path}' is a folder; give the case file itself").format(path=path)
        raise typer.BadParameter(message, param_hint="--case")
    if not os.path.lexists(path):
        message = _("case file '{path}' does not exist").format(path=path)
        raise typer.BadParameter(message, param_hint="--case")
    from ..loader import load_case

    return load_case(path)


def _memo(kb: object, result: object, out: Path | None) -> None:
    from ..motivering import render_memo, write_memo

    memo = render_memo(kb, result)  # type: ignore[arg-type]
    if out is None:
        terminal.write_text(memo)
        return
    write_memo(memo, out)
    terminal.echo(_("wrote {path}").format(path=out))
