"""The JSON shapes of the flow commands' `--json` output: the next steps from a measure
(`next`), the routes between two measures (`path`) and a domain's diagram (`flow`).

The README documents these shapes, with those of `shapes`; tests pin them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .kb import KnowledgeBase
from .models import Measure
from .shapes import document, document_ref, quote

if TYPE_CHECKING:
    from .diagrams import Diagram
    from .flowgraph import Node, Notice, Routes, Step, TreeNode


def node(n: Node, kb: KnowledgeBase) -> dict[str, Any]:
    """A node of a flow: a measure (with its document) or a step of the flow (without)."""
    return {
        "id": n.id,
        "title": n.title,
        "agency": n.agency,
        "instrument": n.instrument,
        "document": document_ref(kb.documents_by_id[n.document]) if n.document else None,
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
