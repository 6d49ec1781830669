"""How provenance is named for readers: one place for the command line and the handbook.

The source's own words carry no mark; everything else says what it is, in plain words.
The names are English message ids (`messages.N_`): the command line shows them in the
reader's language, the handbook always in Dutch (`i18n.translator("nl")`).
"""

from __future__ import annotations

from collections.abc import Callable

from .messages import N_

Translate = Callable[[str], str]

#: The reader's name for each basis.
BASIS_LABELS = {
    "source": N_("the document's own words"),
    "derived": N_("derived from the text"),
    "setting": N_("regional setting"),
    "local": N_("added by the region"),
}

#: A one-character mark for tables and diagrams; the source's own words have none.
BASIS_MARKS = {"source": "", "derived": "*", "setting": "°", "local": "+"}

#: How firmly a reconstructed arrow rests on its quotes.
STRENGTH_LABELS = {
    "named": N_("the text names this step"),
    "implied": N_("the text points to it"),
}


def mark_legend(translate: Translate) -> str:
    """The legend of the marks, for under a table: '* derived from the text · …'."""
    return " · ".join(
        f"{BASIS_MARKS[b]} {translate(BASIS_LABELS[b])}" for b in ("derived", "setting", "local")
    )


def region_name(region: str, translate: Translate) -> str:
    """'regio IJssel-Vecht'; a region whose name already says it is one ('Regio Elders')
    is not called "regio" twice."""
    first = region.split(maxsplit=1)[0].casefold() if region.strip() else ""
    if first in ("regio", "region"):
        return region
    return translate(N_("region {region}")).format(region=region)


def document_line(title: str, region: str, date: str, translate: Translate) -> str:
    """'Toolbox Zorgfraude en Zorgoverlast (regio IJssel-Vecht, maart 2026)'."""
    return f"{title} ({region_name(region, translate)}, {date})"


#: Names of the stated fields of a measure, for "where this comes from" lists.
FIELD_LABELS = {
    "title": N_("Title"),
    "description": N_("Description"),
    "instrument": N_("Instrument"),
    "target": N_("Aimed at"),
    "decided_by": N_("Who decides"),
    "collegebesluit": N_("Collegebesluit"),
    "financiering": N_("Applies to"),
    "legal_basis": N_("Legal basis"),
    "related": N_("Related"),
    "links": N_("Links"),
    "notes": N_("Note"),
    "contact": N_("Contact"),
}

#: The short explanation of the four kinds of basis, for the README and the handbook.
BASIS_EXPLANATION = N_(
    "Every statement says where it comes from. Without a mark it is the document's own "
    "words; zorgtoolbox checks at every change that those words really are in the "
    "document. Derived from the text (*) is a reading by the editors, with the reason and "
    "the passage it rests on. A regional setting (°) is made by no document; the region "
    "chooses it itself, with a reason. Added by the region (+) was added by the region's "
    "coordinator, such as contact details."
)


#: The months, for dates written out (`written_date`).
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def written_date(iso: str, translate: Translate) -> str:
    """A YYYY-MM-DD date as a reader writes it: '30 november 2026' in Dutch."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {translate(MONTHS[month - 1])} {year}"
