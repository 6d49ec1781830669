"""The render context of the handbook: the knowledge base arranged as its chapters
(domains, agencies, the other documents, their entries), with what the templates ask of
each record (its marks, where its statements come from, what is left to fill in).
Documents are never merged: each keeps its own chapter."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

from .accessibility import statement_facts
from .anchors import STROMENMODEL_SECTION, term_anchor
from .diagrammodel import Diagram, build_diagram, parts_of
from .editions import WHOLE, Scope
from .i18n import translator
from .kb import KnowledgeBase
from .labels import (
    BASIS_EXPLANATION,
    BASIS_LABELS,
    BASIS_MARKS,
    FIELD_LABELS,
    STRENGTH_LABELS,
    document_line,
    mark_legend,
)
from .models import DOMAINS, INSTRUMENTS, Agency, Document, Measure, Sourced
from .printing import ladder_cards, numbered_chapters
from .provenance import basis_of, field_bases
from .queries import (
    CONTACT_FIELDS,
    PUBLIC_CONTACT,
    contact_gaps,
    node_title,
    outgoing_links,
    related_measures,
)
from .text import fold

DUTCH = translator("nl")

DOMAIN_TITLES = {"fraude": "Toolbox Zorgfraude", "overlast": "Toolbox Zorgoverlast"}
KIND_LABELS = {"vervolg": "vervolgstap", "parallel": "tegelijk", "melding": "melding"}
FINANCIERING_LABELS = {"zin": "ZIN", "pgb": "PGB", "wlz": "Wlz"}
EMPTY = "nog niet ingevuld"


class Entry(NamedTuple):
    """A measure as it appears in one chapter."""

    measure: Measure
    domain: str
    position: int | None  # its rung in this domain; None: its document sets no order
    canonical: bool  # the one place its full text and anchor are
    next_steps: list[dict[str, str]]
    related: list[Measure]
    rungs: dict[str, int] = {}  # its rung in each domain  # noqa: RUF012


class AgencyChapter(NamedTuple):
    agency: Agency
    entries: list[Entry]

    def open_contacts(self, fields: tuple[str, ...]) -> tuple[int, int]:
        """(measures of this chapter whose contact lacks one of `fields`, its measures):
        a measure shown here but described in another chapter counts there."""
        own = [e.measure.contact for e in self.entries if e.canonical]
        return sum(bool(c.missing(fields)) for c in own), len(own)


class DomainChapter(NamedTuple):
    domain: str
    title: str
    agencies: list[AgencyChapter]


class DocumentChapter(NamedTuple):
    """Another document's measures, apart from the knowledge base's own document: by
    class when the document sets no order, else by agency."""

    document: Document
    classes: dict[str, list[Entry]]


#: Each domain's stromenmodel cut per agency: (agency, its name, its part).
Parts = dict[str, list[tuple[str, str, Diagram]]]


def context(kb: KnowledgeBase, public: bool, scope: Scope = WHOLE) -> dict[str, Any]:
    """What the templates are given: the chapters of the whole handbook, or of the
    edition `scope` names (which describes in full only the measures it holds)."""
    main = kb.toolbox.document
    canonical: set[str] = set()
    domains: dict[str, DomainChapter] = {}
    for domain in DOMAINS:
        if scope.domain not in (None, domain):
            continue
        chapters = []
        for agency in kb.agencies:
            if scope.agency not in (None, agency.id):
                continue
            entries = []
            for m in kb.ladder(agency.id, domain, main):
                first = m.id not in canonical
                canonical.add(m.id)
                entries.append(_entry(kb, m, domain, first))
            if entries:
                chapters.append(AgencyChapter(agency, entries))
        if chapters:
            domains[domain] = DomainChapter(domain, DOMAIN_TITLES.get(domain, domain), chapters)
    others: list[DocumentChapter] = []
    for document in kb.documents:
        if document.id == main:
            continue
        classes: dict[str, list[Entry]] = {}
        for m in kb.measures:
            if m.document == document.id and m.id not in canonical and scope.holds(m):
                domain = next(d for d in DOMAINS if d in m.domains)
                canonical.add(m.id)
                classes.setdefault(m.instrument, []).append(_entry(kb, m, domain, True))
        if classes:
            ordered = {c: classes[c] for c in INSTRUMENTS if c in classes}
            others.append(DocumentChapter(document, ordered))
    hk = kb.handhavingskader
    if hk is not None and not any(oc.document.id == hk.document for oc in others):
        hk = None  # an edition without the framework's measures leaves out its chapter
    process = next((f for f in kb.flows if f.kind == "proces"), None)
    parts = diagram_parts(kb, domains, scope.agency)
    arrows = {d: _arrows(kb, d, scope.agency) for d in domains}
    elsewhere = _elsewhere(kb, domains, others, arrows, parts, canonical)
    linked = canonical | {m.id for m in elsewhere}
    agencies_measures = {
        a.id: [m for m in kb.measures_of(a.id) if m.id in linked] for a in kb.agencies
    }
    fields = PUBLIC_CONTACT if public else CONTACT_FIELDS
    gaps = contact_gaps(kb, fields, scope.holds)
    context = {
        "toolbox": kb.toolbox,
        "main_document": kb.documents_by_id[main],
        "documents": kb.documents,
        "documents_by_id": kb.documents_by_id,
        "public": public,
        "sections": [s for s in kb.toolbox.sections if s.id != STROMENMODEL_SECTION],
        "stromenmodel_section": next(
            (s for s in kb.toolbox.sections if s.id == STROMENMODEL_SECTION), None
        ),
        "domains": domains,
        "scope": scope,
        "scope_agency": kb.agencies_by_id.get(scope.agency or ""),
        "diagram_parts": parts,
        "arrows": arrows,
        "elsewhere": [(m, kb.rungs(m)) for m in elsewhere],
        "card_ids": canonical,
        "filter_agencies": {kb.measures_by_id[i].agency for i in canonical},
        "hk": hk,
        "hk_lists": _hk_lists(hk),
        "hk_classes": {c.id for c in hk.instrument_classes} if hk else set(),
        "other_documents": others,
        "instrument_order": INSTRUMENTS,
        "process": process,
        "agencies": kb.agencies,
        "agency_measures": agencies_measures,
        "agencies_by_id": kb.agencies_by_id,
        "glossary": sorted(kb.glossary, key=lambda t: fold(t.term)),
        "index": sorted(
            (m for m in kb.measures if m.id in linked), key=lambda m: (fold(m.title), m.id)
        ),
        "kind_labels": KIND_LABELS,
        "financiering_labels": FINANCIERING_LABELS,
        "measure_count": len(canonical),
        "edition": kb.toolbox.edition,
        # what the edition shows of a contact, and so what is left to fill in
        "contact_gaps": gaps,
        "gap_fields": fields,
        "contact_titles": CONTACT_TITLES,
        "contact_labels": CONTACT_LABELS,
        "contact_list": lambda names: ", ".join(CONTACT_LABELS[n] for n in names),
        "term_anchor": term_anchor,
        "basis_explanation": DUTCH(BASIS_EXPLANATION),
        "mark_legend": mark_legend(DUTCH),
        "mark": _per_record(mark),
        "herkomst": _per_record(lambda record: herkomst(kb, record)),
        "document_line": lambda title, region, date: document_line(title, region, date, DUTCH),
        "basis_labels": {b: DUTCH(label) for b, label in BASIS_LABELS.items()},
        "strength_labels": {s: DUTCH(label) for s, label in STRENGTH_LABELS.items()},
        "ladder_cards": ladder_cards(domains, kb.agencies),
        "accessibility": statement_facts(),
    }
    context["chapters"] = numbered_chapters(context)
    return context


T = TypeVar("T")


def _per_record(function: Callable[..., T]) -> Callable[..., T]:
    """`function(record, *args)`, worked out once per record and arguments for the whole
    render: both formats ask the same of every measure. Records are keyed by identity,
    and the cache holds each record, so no other object can take its identity."""
    seen: dict[tuple[Any, ...], tuple[Any, T]] = {}

    def once(record: Any, *args: Any) -> T:
        key = (id(record), *args)
        hit = seen.get(key)
        if hit is None or hit[0] is not record:
            hit = seen[key] = (record, function(record, *args))
        return hit[1]

    return once


#: A measure's contact fields as the handbook heads them, and as it names them in a
#: sentence ("zonder contactpersoon").
CONTACT_TITLES = {
    "verantwoordelijk": "Verantwoordelijk",
    "contactpersoon": "Contactpersoon",
    "contactgegevens": "Contactgegevens",
}
CONTACT_LABELS = {
    "verantwoordelijk": "verantwoordelijke",
    "contactpersoon": "contactpersoon",
    "contactgegevens": "contactgegevens",
}

#: The numbered lists of the Handhavingskader, in the order of its text, with their
#: anchors and headings in the handbook.
HK_LISTS = (
    ("beslispunten", "decisions", "Beslispunten van de portefeuillehouders (1.1)"),
    ("stappen", "steps", "De stappen van Hoogwaardig Handhaven (2.1)"),
    ("doelen", "goals", "Doelen van handhaven (3.1)"),
    ("risicos", "risks", "Waar de risico's liggen (3.2)"),
)


def _hk_lists(hk: Any) -> list[tuple[str, str, Any]]:
    """The Handhavingskader's numbered lists that hold items: (anchor, heading, items)."""
    if hk is None:
        return []
    return [
        (a, heading, getattr(hk, field)) for a, field, heading in HK_LISTS if getattr(hk, field)
    ]


def mark(record: Sourced, field: str) -> str:
    """The reader's mark of a field that is not the document's own words ("" if it is)."""
    return BASIS_MARKS[basis_of(record, field).basis]


def herkomst(kb: KnowledgeBase, record: Sourced) -> list[dict[str, str]]:
    """Where each of a record's statements comes from, for those that are not simply the
    document's own words: the field, the basis, its reason and the passage it reads."""
    rows = []
    for name, b in field_bases(record).items():
        if b.basis == "source" and not b.quote:
            continue
        document = kb.documents_by_id.get(b.document or "")
        where = ", ".join(x for x in (document.title if document else "", b.section) if x)
        rows.append(
            {
                "field": DUTCH(FIELD_LABELS.get(name, name)),
                "basis": DUTCH(BASIS_LABELS[b.basis]),
                "reason": b.reason,
                "quote": " ".join(b.quote.split()),
                "where": where,
            }
        )
    return rows


def _entry(kb: KnowledgeBase, m: Measure, domain: str, canonical: bool) -> Entry:
    steps: list[dict[str, Any]] = []
    for link in outgoing_links(kb, m):  # an arrow both domains' flows share is listed once
        step = {
            "id": link.other,
            "title": link.other_title,
            "kind": link.edge.kind,
            "is_measure": link.other in kb.measures_by_id,
        }
        if step not in steps:
            steps.append(step)
    related = related_measures(kb, m)
    return Entry(m, domain, kb.rung(m, domain), canonical, steps, related, kb.rungs(m))


def diagram_parts(kb: KnowledgeBase, domains: Iterable[str], agency: str | None = None) -> Parts:
    """Each domain's stromenmodel cut per agency (a whole domain is unreadable at the
    width of a page): (agency, its name, its part), in the order of the lanes; only
    `agency`'s part when one is given."""
    parts: Parts = {}
    for d in domains:
        whole = build_diagram(kb, d)
        parts[d] = [part for part in parts_of(whole) if agency in (None, part[0])]
    return parts


def _elsewhere(
    kb: KnowledgeBase,
    domains: dict[str, DomainChapter],
    others: list[DocumentChapter],
    arrows: dict[str, list[dict[str, Any]]],
    parts: Parts,
    described: set[str],
) -> list[Measure]:
    """The measures an edition points to but does not describe (a next step at another
    agency, the same step in another document, the other end of an arrow or of a line in
    a drawing): shown in short, so no link leads nowhere. None for the whole handbook."""
    entries = [e for c in domains.values() for ac in c.agencies for e in ac.entries]
    entries += [e for oc in others for es in oc.classes.values() for e in es]
    wanted = [s["id"] for e in entries for s in e.next_steps]
    wanted += [r.id for e in entries for r in e.related]
    wanted += [a[end] for rows in arrows.values() for a in rows for end in ("from", "to")]
    wanted += [p.node.id for ps in parts.values() for _, _, part in ps for p in part.nodes]
    found = {i for i in wanted if i in kb.measures_by_id and i not in described}
    order = {a.id: n for n, a in enumerate(kb.agencies)}
    main = kb.toolbox.document
    return sorted(
        (kb.measures_by_id[i] for i in found),
        key=lambda m: (
            order.get(m.agency, len(order)),
            m.document != main,
            min(kb.rungs(m).values(), default=0),
            fold(m.title),
            m.id,
        ),
    )


def _arrows(kb: KnowledgeBase, domain: str, agency: str | None = None) -> list[dict[str, Any]]:
    """Every arrow of the domain's flows of the knowledge base's own document (those to
    or from `agency` when one is given), as a table for readers who cannot see the SVG:
    with what each arrow rests on."""
    rows = []
    for flow in kb.flows_of(kb.toolbox.document, domain):
        for e in flow.edges:
            from_title, from_agency = node_title(kb, flow, e.from_)
            to_title, to_agency = node_title(kb, flow, e.to)
            if agency is not None and agency not in (from_agency, to_agency):
                continue
            rows.append(
                {
                    "from": e.from_,
                    "to": e.to,
                    "from_title": from_title,
                    "to_title": to_title,
                    "kind": e.kind,
                    "why": e.reason,
                    "basis": DUTCH(BASIS_LABELS[e.basis]),
                    "strength": DUTCH(STRENGTH_LABELS[e.strength]) if e.strength else "",
                    "quotes": [(" ".join(q.text.split()), q.section) for q in e.quotes],
                    "against": [(" ".join(q.text.split()), q.section) for q in e.against],
                    "from_is_measure": e.from_ in kb.measures_by_id,
                    "to_is_measure": e.to in kb.measures_by_id,
                }
            )
    return rows
