"""The print edition of the HTML handbook: its numbered chapters, the ladder cards, and the
page CSS that prints a running header and page numbers.

Chromium has no `target-counter()`, so a contents list cannot print the page a chapter
starts on. Instead every chapter has a number, shared by the contents list (an `<ol>`
in chapter order), the chapter's heading in print, and the running header at the top of
each of its pages ("Hoofdstuk 5 · Toolbox Zorgfraude"): a reader finds a chapter from the
contents by its number, as in a loose-leaf binder. Short chapters that follow each other
(the introductions, the sources, the accessibility statement) share their pages, with a
header that names the chapters on them, so none of them gets a page of its own.

The page CSS is part of the one inline stylesheet, so its CSP hash covers it. Data text
goes into it only as CSS strings (`css_string`) and escaped id selectors
(`css_id_selector`), never as raw CSS.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .i18n import translator
from .labels import region_name

DUTCH = translator("nl")


class Chapter(NamedTuple):
    """A chapter of the handbook: a top-level section of the page."""

    id: str  # the section's anchor
    title: str
    number: int
    short: bool  # shares its pages with the short chapters next to it
    domain: str = ""  # a domain's chapter: its agencies are listed in the contents


#: An edition's chapter of the steps it points to but does not describe.
ELSEWHERE, ELSEWHERE_TITLE = "elders", "Stappen buiten deze editie"

#: The chapters after the other documents, in page order: anchor, title, short.
_CLOSING = (
    ("organisaties", "Organisaties", False),
    ("begrippenlijst", "Begrippenlijst", False),
    ("index-van-maatregelen", "Index van maatregelen", False),
    ("volledigheid", "Volledigheid van de kennisbank", False),
    ("bronnen", "Bronnen", True),
    ("toegankelijkheid", "Toegankelijkheidsverklaring", True),
)


def numbered_chapters(context: Mapping[str, Any]) -> list[Chapter]:
    """The handbook's chapters in page order, numbered from 1 (the render context's
    sections, domains and other documents)."""
    items: list[tuple[str, str, bool, str]] = [
        (s.id, s.title, True, "") for s in context["sections"]
    ]
    items.append(("herkomst", "Herkomst van de gegevens", True, ""))
    items += [(f"toolbox-{d}", c.title, False, d) for d, c in context["domains"].items()]
    items.append(("ladderkaarten", "Ladderkaarten per organisatie", False, ""))
    items.append(("stromenmodel", "Stromenmodel", False, ""))
    for oc in context["other_documents"]:
        doc = oc.document
        title = f"{doc.title} ({region_name(doc.region, DUTCH)})"
        items.append((f"document-{doc.id}", title, False, ""))
    if context["elsewhere"]:  # an edition: the steps it points to at other agencies
        items.append((ELSEWHERE, ELSEWHERE_TITLE, False, ""))
    items += [(a, t, short, "") for a, t, short in _CLOSING]
    return [Chapter(a, t, n, short, d) for n, (a, t, short, d) in enumerate(items, 1)]


class LadderCard(NamedTuple):
    """One agency's ladders on one page: per domain, its rungs (position, entry)."""

    agency: Any
    ladders: list[tuple[str, str, list[Any]]]  # (domain, chapter title, entries)


def ladder_cards(domains: Mapping[str, Any], agencies: Iterable[Any]) -> list[LadderCard]:
    """A card for every agency with a ladder in the handbook's own document, in the order
    of the agencies; its ladders in the order of the domains."""
    cards = []
    for agency in agencies:
        ladders = [
            (d, chapter.title, ac.entries)
            for d, chapter in domains.items()
            for ac in chapter.agencies
            if ac.agency.id == agency.id
        ]
        if ladders:
            cards.append(LadderCard(agency, ladders))
    return cards


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string that reads the same and cannot end the
    string, the rule or the `<style>` element: quotes, backslashes, angle brackets,
    ampersands and control characters become hex escapes."""
    out = []
    for ch in text:
        if ch in "\"'\\<>&" or ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def css_id_selector(anchor: str) -> str:
    """`#anchor` as a CSS selector, every character that is not a letter, a digit, `-`
    or `_` (and a leading digit) escaped."""
    out = []
    for i, ch in enumerate(anchor):
        if (ch.isascii() and (ch.isalnum() or ch in "-_")) and not (i == 0 and ch.isdigit()):
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return "#" + "".join(out)


def _groups(items: list[Chapter]) -> list[list[Chapter]]:
    """The chapters as page groups: each long chapter alone, short neighbours together."""
    groups: list[list[Chapter]] = []
    for c in items:
        if c.short and groups and groups[-1][-1].short:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _header(group: list[Chapter]) -> str:
    if len(group) == 1:
        return f"Hoofdstuk {group[0].number} · {group[0].title}"
    numbers = [str(c.number) for c in group]
    if len(group) == 2:
        return f"Hoofdstuk {numbers[0]} en {numbers[1]}"
    return f"Hoofdstuk {numbers[0]} tot en met {numbers[-1]}"


def page_css(title: str, items: list[Chapter]) -> str:
    """The print rules for the pages: A4, the handbook's title at the top left, the
    chapter at the top right, "Pagina N van M" at the bottom; no header on the title page."""
    margin_font = "font-family: system-ui, sans-serif; font-size: 8pt; color: #4a4a4a;"
    lines = [
        "@page {",
        "  size: A4;",
        "  margin: 20mm 16mm 18mm;",
        f"  @top-left {{ content: {css_string(title)}; {margin_font} }}",
        '  @bottom-right { content: "Pagina " counter(page) " van " counter(pages); '
        f"{margin_font} }}",
        "}",
        "@page :first { @top-left { content: none; } @bottom-right { content: none; } }",
    ]
    rules = []
    groups = _groups(items)
    for n, group in enumerate(groups, 1):
        lines.append(
            f"@page hoofdstuk-{n} {{ @top-right {{ content: {css_string(_header(group))}; "
            f"{margin_font} }} }}"
        )
        for c in group:
            selector = css_id_selector(c.id)
            rules.append(f"  {selector} {{ page: hoofdstuk-{n}; }}")
            rules.append(f'  {selector} > h2::before {{ content: "{c.number}. "; }}')
    if groups:  # the footer closes the last chapter's page rather than take a page alone
        rules.append(f"  footer {{ page: hoofdstuk-{len(groups)}; }}")
    return "\n".join([*lines, "@media print {", *rules, "}"]) + "\n"
