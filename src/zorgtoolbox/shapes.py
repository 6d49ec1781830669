"""The JSON shapes of `--json` output: one documented, stable shape per kind of record.

The README documents these shapes; tests pin them. This module has the shapes of the
records (documents, measures, agencies, terms, search hits) and the pieces every shape
shares (`document_ref`, `quote`, `provenance`); `flowshapes` has those of `next`, `path`
and `flow`, `adviceshapes` that of `advise`.

Provenance is part of every shape that states something: a measure names its
`document` (`{"id", "title", "region", ...}`) and gives, under `provenance`, the basis of
each stated field (`{"basis": "source" | "derived" | "setting" | "local", "document",
"section", "quote", "reason"}`); an arrow or step gives its `basis`, `strength` and
`quotes` (`{"quote", "document", "section"}`). For a `source` text field the field's own
text is the quote.
"""

from __future__ import annotations

from typing import Any

from .kb import KnowledgeBase
from .models import Agency, Document, FieldBasis, Measure, Quote, Sourced, Term
from .provenance import field_bases, located
from .queries import FlowLink, Hit, MeasureDetails


def document(d: Document) -> dict[str, Any]:
    """A source document: what it is, whose it is, what it covers."""
    return {
        "id": d.id,
        "title": d.title,
        "subtitle": d.subtitle,
        "version": d.version,
        "date": d.date,
        "region": d.region,
        "owner": d.owner,
        "scope": d.scope.model_dump(),
        "ladder": d.ladder,
    }


def document_ref(d: Document) -> dict[str, Any]:
    """A source document named in another shape: its id, title, region and date."""
    return {"id": d.id, "title": d.title, "region": d.region, "date": d.date}


def basis(b: FieldBasis) -> dict[str, Any]:
    """One field's basis: always `basis` and `document`; `section`, `quote`, `reason`
    when known."""
    out: dict[str, Any] = {"basis": b.basis, "document": b.document}
    if b.section:
        out["section"] = b.section
    if b.quote:
        out["quote"] = b.quote
    if b.reason:
        out["reason"] = b.reason
    return out


def provenance(record: Sourced) -> dict[str, Any]:
    """The basis of every stated field of a record that has a value."""
    return {name: basis(b) for name, b in field_bases(record).items()}


def quote(q: Quote) -> dict[str, Any]:
    return {"quote": q.text, "document": q.document, "section": q.section}


def _position(value: float | None) -> float | int | None:
    """A position as written: 2 for 2.0 (a whole number reads as one), 2.5 as it is."""
    if value is None or not float(value).is_integer():
        return value
    return int(value)


def measure(m: Measure, kb: KnowledgeBase) -> dict[str, Any]:
    """A measure: the fields of its data file, its document and the basis of each field."""
    agency = kb.agencies_by_id[m.agency]
    return {
        "id": m.id,
        "title": m.title,
        "document": document(kb.document_of(m)),
        "section": m.section,
        "agency": m.agency,
        "agency_name": agency.name,
        "domains": {d: {"position": _position(p.position)} for d, p in m.domains.items()},
        "instrument": m.instrument,
        "target": m.target,
        "decided_by": m.decided_by,
        "collegebesluit": m.collegebesluit,
        "legal_basis": m.legal_basis,
        "financiering": list(m.financiering),
        "description": m.description,
        "contact": m.contact.model_dump(),
        "links": [link.model_dump() for link in m.links],
        "related": list(m.related),
        "notes": m.notes,
        "basis": m.basis or "source",
        "provenance": provenance(m),
    }


def _link(link: FlowLink) -> dict[str, Any]:
    e = link.edge
    return {
        "flow": link.flow.id,
        "kind": e.kind,
        "measure": link.other,
        "title": link.other_title,
        "agency": link.other_agency,
        "why": e.reason,
        "basis": e.basis,
        "strength": e.strength,
        "quotes": [quote(q) for q in located(e.quotes, link.flow.document)],
        "against": [quote(q) for q in located(e.against, link.flow.document)],
    }


def measure_details(details: MeasureDetails, kb: KnowledgeBase) -> dict[str, Any]:
    """`show --json`: the measure plus its flow edges and related measures."""
    return {
        **measure(details.measure, kb),
        "outgoing": [_link(link) for link in details.outgoing],
        "incoming": [_link(link) for link in details.incoming],
        "related_measures": [
            {"id": m.id, "title": m.title, "agency": m.agency} for m in details.related
        ],
    }


def agency(a: Agency, kb: KnowledgeBase) -> dict[str, Any]:
    """An agency with the ids of its measures per domain, in ladder order."""
    return {
        "id": a.id,
        "name": a.name,
        "full_name": a.full_name,
        "kind": a.kind,
        "description": a.description,
        "organisations": list(a.organisations),
        "links": [link.model_dump() for link in a.links],
        "measures": {
            domain: [m.id for m in ladder]
            for domain in ("fraude", "overlast")
            if (ladder := kb.ladder(a.id, domain))
        },
        "document": a.document,
        "section": a.section,
        "provenance": provenance(a),
    }


def term(t: Term) -> dict[str, Any]:
    return {
        "term": t.term,
        "abbreviation": t.abbreviation,
        "definition": t.definition,
        "see_also": list(t.see_also),
        "document": t.document,
        "section": t.section,
        "provenance": provenance(t),
    }


def hit(h: Hit) -> dict[str, Any]:
    """A search result: what was found, its score, and why it matched."""
    return {
        "kind": h.kind,
        "id": h.id,
        "title": h.title,
        "score": h.score,
        "matched_words": h.matched,
        "matches": [
            {"field": m.field, "words": list(m.words), "snippet": m.snippet, "exact": m.exact}
            for m in h.matches
        ],
    }
