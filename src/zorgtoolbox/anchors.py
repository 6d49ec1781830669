"""The anchors of the handbook, in one place: how each record is addressed in the page,
and which names the templates use for their own chapters and controls.

A measure is `#<id>` and a section `#<id>` (each with a heading `#h-<id>`), an agency
`#org-<id>` (and `#<domain>-<id>` per chapter), an instrument class `#klasse-<id>` (and
`#klasse-<document>-<id>` for another document's instruments), a document
`#document-<id>` and its entry in the sources `#bron-<id>`, a glossary term
`#term-<folded term>`, the diagrams' nodes `#node-<domain>-<id>`, an agency's open
contact fields `#volledigheid-<document>-<agency>`, an agency's ladder card
`#ladderkaart-<id>`, a table's caption `#cap-…`. The
templates use the names in `PAGE_ANCHORS` themselves. `checks.check_anchors_unique` keeps
every anchor unique with a located error; a test renders the handbook and checks that
this module and the templates agree.
"""

from __future__ import annotations

import re

from .messages import Message, msg
from .models import DOMAINS
from .text import fold

#: The section of toolbox.yaml that the Stromenmodel chapter shows (it has no anchor of
#: its own).
STROMENMODEL_SECTION = "stromenmodel"

#: Anchors the templates give their own chapters, headings and controls.
PAGE_ANCHORS = frozenset(
    {
        "inhoud",
        "inhoudsopgave",
        "herkomst",
        "zoeken-titel",
        "filters",
        "filter-status",
        "resultaten",
        "resultaten-titel",
        "afdruk-filter",
        "zoekindex",
        "stromenmodel",
        "handhavingskader",
        "organisaties",
        "begrippenlijst",
        "index-van-maatregelen",
        "volledigheid",
        "bronnen",
        "ladderkaarten",
        "toegankelijkheid",
        "elders",
        "cap-instrumentenladder",
    }
    | {
        f"h-{name}"
        for name in (
            "herkomst",
            "beslispunten",
            "stappen",
            "doelen",
            "risicos",
            "uitgangspunten",
            "wegingsfactoren",
            "besluitvorming",
            "instrumenten",
            "regels",
            "partijen",
            "naleving",
            "index",
            "stromenmodel",
            "handhavingskader",
            "organisaties",
            "begrippenlijst",
            "volledigheid",
            "bronnen",
            "ladderkaarten",
            "toegankelijkheid",
            "toegankelijkheid-getest",
            "toegankelijkheid-beperkingen",
            "toegankelijkheid-contact",
            "elders",
        )
    }
)

#: Prefixes of the anchors made from other records (agencies, classes, terms, domains,
#: diagram nodes, headings, filter controls): an id used as an anchor as it is (a
#: measure's, a section's) must not start with one, or it could take another's anchor.
DERIVED_PREFIXES: tuple[str, ...] = (
    "h-",
    "f-",
    "org-",
    "term-",
    "klasse-",
    "toolbox-",
    "document-",
    "bron-",
    "stromenmodel-",
    "node-",
    "title-",
    "arrow-",
    "volledigheid-",
    "ladderkaart-",
    "cap-",
    *(f"{domain}-" for domain in DOMAINS),
)


def reserved_reason(record_id: str) -> Message | None:
    """Why `record_id` cannot be the anchor of a measure or section, or None when it can."""
    if record_id in PAGE_ANCHORS or f"h-{record_id}" in PAGE_ANCHORS:
        return msg(
            "the handbook uses '#{id}' (or '#h-{id}') for a chapter of its own", id=record_id
        )
    prefix = next((p for p in DERIVED_PREFIXES if record_id.startswith(p)), None)
    if prefix is not None:
        return msg(
            "the handbook makes anchors starting with '{prefix}' for other records", prefix=prefix
        )
    return None


def term_anchor(term: str) -> str:
    """A stable anchor for a glossary term: term-<folded, hyphenated>."""
    return "term-" + "-".join(re.findall(r"[0-9a-z]+", fold(term)))
