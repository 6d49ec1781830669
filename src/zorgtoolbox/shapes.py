"""The JSON shapes of `--json` output: one documented, stable shape per kind of record.

The README documents these shapes; tests pin them.

Provenance is part of every shape that states something: a measure names its
`document` (`{"id", "title", "region", ...}`) and gives, under `provenance`, the basis of
each stated field (`{"basis": "source" | "derived" | "setting" | "local", "document",
"section", "quote", "reason"}`); an arrow or step gives its `basis`, `strength` and
`quotes` (`{"quote", "document", "section"}`). For a `source` text field the field's own
text is the quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .kb import KnowledgeBase
from .models import Agency, Document, FieldBasis, Measure, Quote, Sourced, Term
from .provenance import field_bases, located
from .queries import FlowLink, Hit, MeasureDetails

if TYPE_CHECKING:
    from .advice import Advice, Candidate, Decider, Group, Weighed
    from .diagrams import Diagram
    from .flowgraph import Node, Notice, Routes, Step, TreeNode
    from .models import Choice, Reason


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


def node(n: Node, kb: KnowledgeBase) -> dict[str, Any]:
    """A node of a flow: a measure (with its document) or a step of the flow (without)."""
    return {
        "id": n.id,
        "title": n.title,
        "agency": n.agency,
        "instrument": n.instrument,
        "document": _document_ref(kb.documents_by_id[n.document]) if n.document else None,
    }


def step(s: Step, kb: KnowledgeBase) -> dict[str, Any]:
    """A suggested step: where it leads, and what the suggestion rests on."""
    return {
        **node(s.node, kb),
        "kind": s.kind,
        "weight": s.weight,
        "why": s.why,
        "flow": s.flow,
        "basis": s.basis,
        "strength": s.strength,
        "quotes": [quote(q) for q in s.quotes],
        "against": [quote(q) for q in s.against],
    }


def tree(nodes: list[TreeNode], kb: KnowledgeBase) -> list[dict[str, Any]]:
    return [{**step(t.step, kb), "next": tree(t.children, kb)} for t in nodes]


def next_steps(
    root: Node, domains: list[str], steps: list[TreeNode], notice: Notice, kb: KnowledgeBase
) -> dict[str, Any]:
    """`next --json`: the measure, the notice (with its document's words) and the tree of
    suggested steps."""
    return {
        "measure": node(root, kb),
        "domains": domains,
        "notice": notice.text,
        "notice_quote": (
            {"quote": notice.quote, "document": notice.document, "section": notice.section}
            if notice.quote
            else None
        ),
        "steps": tree(steps, kb),
    }


def routes(source: Measure, target: Measure, found: Routes, kb: KnowledgeBase) -> dict[str, Any]:
    """`path --json`: the routes, shortest first; `no_route` says why there are none."""
    return {
        "from": source.id,
        "to": target.id,
        "domains": found.domains,
        "no_route": found.reason or None,
        "routes": [
            {
                "length": len(r.steps),
                "agencies": r.agencies,
                "nodes": [node(n, kb) for n in r.nodes],
                "steps": [step(s, kb) for s in r.steps],
            }
            for r in found.routes
        ],
    }


# --- advise ---------------------------------------------------------------------------


def reason(r: Reason, document: str) -> dict[str, Any]:
    """A why: the text, and the quotes that say what it claims."""
    return {
        "text": r.text,
        "quotes": [quote(q) for q in located(r.quotes, document)],
    }


def choice(c: Choice, document: str) -> dict[str, Any]:
    """A statement of advies.yaml: its basis and why."""
    return {"basis": c.basis, "why": reason(c.why, document)}


def weighed(w: Weighed, document: str) -> dict[str, Any]:
    """One weighing factor: its level, given directly or from which aspects, by which rule."""
    return {
        "level": w.level,
        "given": "direct" if w.direct else "aspects",
        "aspects": dict(w.aspects),
        "table_level": w.table_level,
        "recidive_steps": w.shift,
        "rule": None if w.rule is None else choice(w.rule, document),
    }


def decider(d: Decider) -> dict[str, Any]:
    return {
        "decided_by": d.decided_by,
        "decided_by_source": d.decided_by_source,
        "collegebesluit": d.collegebesluit,
        "collegebesluit_source": d.collegebesluit_source,
    }


def candidate(c: Candidate) -> dict[str, Any]:
    """A measure in the advice: what it is, whom it targets and who decides."""
    m = c.measure
    return {
        "id": m.id,
        "title": m.title,
        "document": m.document,
        "agency": m.agency,
        "instrument": m.instrument,
        "position": c.position,
        "target": m.target,
        "financiering": list(m.financiering),
        **decider(c.decider),
    }


def _document_ref(d: Document) -> dict[str, Any]:
    return {"id": d.id, "title": d.title, "region": d.region, "date": d.date}


def groups(found: list[Group]) -> list[dict[str, Any]]:
    """The candidates per document and agency; `gap` says why a group has none."""
    return [
        {
            "document": _document_ref(g.document),
            "agency": g.agency.id,
            "agency_name": g.agency.name,
            "rules": "framework" if g.framework else "agency",
            "measures": [candidate(c) for c in g.candidates],
            "gap": None
            if g.gap is None
            else {
                "reason": g.gap.reason,
                "lighter": None if g.gap.lighter is None else candidate(g.gap.lighter),
                "heavier": None if g.gap.heavier is None else candidate(g.gap.heavier),
            },
        }
        for g in found
    ]


def advice(a: Advice, kb: KnowledgeBase) -> dict[str, Any]:
    """`advise --json`: the factors, the weighing, the range with its basis and rule,
    sensitivity, aangifte, the measures per document and agency."""
    from .advice import FACTOR_FIELDS

    f = a.factors
    framework = a.framework.id
    cell = a.range.cell
    return {
        "label": f.label,
        "factors": {
            "domain": f.domain,
            "org": f.agency,
            **{name: getattr(f, name) for name in FACTOR_FIELDS},
            "strafbaar_feit": f.strafbaar_feit,
            "financiering": f.financiering,
            "taken": list(f.taken),
        },
        "notice": a.notice,
        "framework": _document_ref(a.framework),
        "weighing": {w.factor: weighed(w, framework) for w in (a.ernst, a.herhaling)},
        "range": {
            "from": a.lower,
            "to": a.upper,
            "classes": list(a.classes),
            "basis": a.basis,
            "rule": {"ernst": cell.ernst, "herhaling": cell.herhaling},
            "why": reason(cell.why, framework),
            "matrix": choice(a.config.matrix, framework),
        },
        "sensitivity": [
            {
                "factor": s.factor,
                "value": s.value,
                "other": s.other,
                "direction": s.direction,
                "from": s.lower,
                "to": s.upper,
                "changed": s.changed,
            }
            for s in a.sensitivity
        ],
        "strafbaar_feit": None
        if a.aangifte is None
        else {
            **choice(a.aangifte.rule, framework),
            "who": a.aangifte.rule.who,
            "measures": [candidate(c) for c in a.aangifte.framework],
            "own": [candidate(c) for c in a.aangifte.own],
        },
        "candidates": groups(a.candidates),
        "able": [agency.id for agency in a.able],
        "meld_en_deel": groups(a.meld_en_deel),
        "taken": [
            {
                "measure": {
                    "id": t.measure.id,
                    "title": t.measure.title,
                    "agency": t.measure.agency,
                    "instrument": t.measure.instrument,
                },
                "in_domain": t.in_domain,
                "domains": t.domains,
                "next": [
                    {**step(n.step, kb), "candidate": n.candidate, "taken": n.taken} for n in t.next
                ],
            }
            for t in a.taken
        ],
    }


# --- flow --------------------------------------------------------------------------


def diagram(d: Diagram, kb: KnowledgeBase) -> dict[str, Any]:
    """`flow --json`: the nodes and arrows of one domain's flows of one document, each
    arrow with its basis, strength and quotes."""
    return {
        "domain": d.domain,
        "agency": d.agency,
        "document": document(kb.documents_by_id[d.document]),
        "flows": d.flows,
        "reconstructed": d.reconstructed,
        "nodes": [
            {**node(p.node, kb), "lane": p.lane, "row": p.row, "entry_point": p.entry}
            for p in d.nodes
        ],
        "arrows": [
            {
                "from": a.source,
                "to": a.target,
                "kind": a.kind,
                "flow": a.flow,
                "why": a.why,
                "basis": a.basis,
                "strength": a.strength,
                "quotes": [quote(q) for q in a.quotes],
                "against": [quote(q) for q in a.against],
            }
            for a in d.arrows
        ],
    }
