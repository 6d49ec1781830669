"""The stromenmodel as a graph (networkx): next steps, follow-up trees and routes.

The arrows of the stromenmodel are suggestions, never a prescribed order: every function
here answers "what could come next" and leaves the choice to the professional.

Nodes are measure ids and the ids of flow steps that are not measures (the OM deciding on
a terugmelding). Edges carry their flow, kind (`vervolg`, `parallel`, `melding`) and the
`why` they rest on; a `parallel` edge is walkable both ways.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from functools import cached_property
from itertools import islice, pairwise
from typing import NamedTuple

from .errors import NotInDomain
from .kb import KnowledgeBase
from .messages import Message, msg
from .models import DOMAINS, EDGE_KINDS, INSTRUMENTS, Flow, Measure, Quote
from .provenance import located

#: What every answer about next steps says; `suggestion_notice` adds the words of the
#: document whose flows were walked.
SUGGESTION_TEXT = msg(
    "The arrows are suggestions, not a fixed order: any step can be chosen or skipped."
)
#: Order in which kinds of next step are shown; `ladder` is the agency's next rung.
KIND_ORDER = (*EDGE_KINDS, "ladder")
LADDER_WHY = msg("Next rung on the agency's own ladder (no arrow in the stromenmodel says so).")


class Notice(NamedTuple):
    """The notice of an answer about next steps, with the document's own words for it."""

    text: Message
    quote: str  # the walked flow's description, in its document's words ("" if none)
    document: str | None
    section: str


def suggestion_notice(kb: KnowledgeBase, measure: Measure, domains: Iterable[str]) -> Notice:
    """The notice for the next steps of `measure`: quoting its own document's flow, never
    another document's."""
    wanted = set(domains)
    flow = next((f for f in kb.flows_of(measure.document) if f.domain in wanted), None)
    if flow is None or not flow.description:
        return Notice(SUGGESTION_TEXT, "", None, "")
    return Notice(SUGGESTION_TEXT, flow.description, flow.document, flow.section)


class Node(NamedTuple):
    """A node of the graph: a measure, or a step of a flow."""

    id: str
    title: str
    agency: str | None
    instrument: str | None  # None for steps
    domains: dict[str, int]  # domain -> rung on its ladder (empty for steps and unranked)
    document: str | None = None  # the measure's document (None for steps)


class Step(NamedTuple):
    """A suggested next step from some node, with what the suggestion rests on."""

    node: Node
    kind: str  # vervolg, parallel, melding or ladder
    why: str | Message  # the arrow's reason in one line (data), or why a ladder rung
    flow: str | None  # None for a ladder rung
    weight: str | None  # heavier, same, lighter (None when either end is no measure)
    basis: str = "derived"  # of the arrow: source, derived, setting or local
    strength: str | None = None  # named or implied (arrows resting on quotes)
    quotes: tuple[Quote, ...] = ()
    against: tuple[Quote, ...] = ()


class TreeNode(NamedTuple):
    """A follow-up tree: a step and the steps that may follow it."""

    step: Step
    children: list[TreeNode]


class Route(NamedTuple):
    """A route through the flows: the nodes and the steps between them."""

    nodes: list[Node]
    steps: list[Step]

    @property
    def agencies(self) -> list[str]:
        seen: list[str] = []
        for node in self.nodes:
            if node.agency and node.agency not in seen:
                seen.append(node.agency)
        return seen


def compare(a: str | None, b: str | None) -> str | None:
    """Whether instrument class `b` is heavier, the same or lighter than `a`."""
    if a is None or b is None:
        return None
    diff = INSTRUMENTS.index(b) - INSTRUMENTS.index(a)
    return "heavier" if diff > 0 else "lighter" if diff < 0 else "same"


class FlowGraph:
    """The flows of the chosen domains as one networkx MultiDiGraph."""

    def __init__(self, kb: KnowledgeBase, flows: Iterable[Flow]) -> None:
        self.kb = kb
        self.flows = list(flows)
        import networkx as nx  # here: `flow` and the diagrams use this module without it

        self.graph = nx.MultiDiGraph()
        self._steps: dict[str, Node] = {}
        for flow in self.flows:
            for step in flow.steps:
                self._steps.setdefault(step.id, Node(step.id, step.title, step.agency, None, {}))
            for edge in flow.edges:
                data = {
                    "kind": edge.kind,
                    "why": edge.reason,
                    "flow": flow.id,
                    "basis": edge.basis,
                    "strength": edge.strength,
                    "quotes": located(edge.quotes, flow.document),
                    "against": located(edge.against, flow.document),
                }
                self.graph.add_edge(edge.from_, edge.to, key=(flow.id, "fwd"), **data)
                if edge.kind == "parallel":
                    self.graph.add_edge(edge.to, edge.from_, key=(flow.id, "back"), **data)

    @classmethod
    def for_document(
        cls, kb: KnowledgeBase, document: str, domains: Iterable[str], *, ladder: bool = False
    ) -> FlowGraph:
        """The flows of one document in the given domains: documents are never merged.
        With `ladder`, each measure of the document also leads to the next rung of its
        agency's ladder in those domains (a `ladder` step)."""
        wanted = [d for d in DOMAINS if d in set(domains)]
        graph = cls(kb, [f for f in kb.flows_of(document) if f.domain in wanted])
        if ladder:
            graph.add_ladder_steps(document, wanted)
        return graph

    def add_ladder_steps(self, document: str, domains: Iterable[str]) -> None:
        """An edge from every rung to the next one of its agency's ladder in `domains`."""
        for domain in domains:
            for agency in self.kb.agencies:
                rungs = self.kb.ladder(agency.id, domain, document)
                for a, b in pairwise(rungs):
                    if self.kb.rung(a, domain) is None or self.kb.rung(b, domain) is None:
                        continue  # the document sets no order: no rung follows another
                    data = {
                        "kind": "ladder",
                        "why": LADDER_WHY,
                        "flow": None,
                        "basis": "derived",
                        "strength": None,
                        "quotes": (),
                        "against": (),
                    }
                    self.graph.add_edge(a.id, b.id, key=(domain, "ladder"), **data)

    def node(self, node_id: str) -> Node:
        m = self.kb.measures_by_id.get(node_id)
        if m is not None:
            return measure_node(m, self.kb.rungs(m))
        return self._steps.get(node_id) or Node(node_id, node_id, None, None, {})

    def steps_from(self, node_id: str, domains: Iterable[str]) -> list[Step]:
        """The suggested next steps from a node: its arrows, then the ladder's next rung."""
        here = self.node(node_id)
        steps: dict[tuple[str, str], Step] = {}
        if node_id in self.graph:
            for _, target, data in self.graph.out_edges(node_id, data=True):
                other = self.node(target)
                key = (target, data["kind"])
                steps.setdefault(
                    key, _step(other, data, compare(here.instrument, other.instrument))
                )
        targets = {s.node.id for s in steps.values()}
        for domain in domains:
            rung = self._next_rung(node_id, domain)
            if rung is not None and rung.id not in targets:
                other = measure_node(rung, self.kb.rungs(rung))
                weight = compare(here.instrument, other.instrument)
                steps[(rung.id, "ladder")] = Step(other, "ladder", LADDER_WHY, None, weight)
                targets.add(rung.id)
        return sorted(steps.values(), key=self._step_order)

    def _next_rung(self, node_id: str, domain: str) -> Measure | None:
        m = self.kb.measures_by_id.get(node_id)
        if m is None:
            return None
        return self.kb.next_rung(m, domain)  # none when the document sets no order

    @cached_property
    def _agency_order(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.kb.agencies)}

    def _step_order(self, step: Step) -> tuple[int, int, int, str]:
        order = self._agency_order
        position = min(step.node.domains.values(), default=0)
        return (
            KIND_ORDER.index(step.kind),
            order.get(step.node.agency or "", len(order)),
            position,
            step.node.id,
        )

    def tree(self, node_id: str, domains: list[str], depth: int) -> list[TreeNode]:
        """Follow-ups up to `depth` levels, breadth first, each node shown once."""
        seen = {node_id}
        roots: list[TreeNode] = []
        queue: deque[tuple[str, list[TreeNode], int]] = deque([(node_id, roots, 1)])
        while queue:
            current, siblings, level = queue.popleft()
            for step in self.steps_from(current, domains):
                if step.node.id in seen:
                    continue
                seen.add(step.node.id)
                child = TreeNode(step, [])
                siblings.append(child)
                if level < depth:
                    queue.append((step.node.id, child.children, level + 1))
        return roots

    def routes(self, source: str, target: str, limit: int) -> list[Route]:
        """Up to `limit` simple routes from source to target, shortest first."""
        if source not in self.graph or target not in self.graph:
            return []
        import networkx as nx

        simple = nx.DiGraph(self.graph)  # one edge per ordered pair is enough to route
        # first keep only what lies between the two: path searches explode on large
        # graphs otherwise (field notes: 16 hops on 10k nodes, 71 s → 38 ms)
        keep = (nx.descendants(simple, source) | {source}) & (
            nx.ancestors(simple, target) | {target}
        )
        if target not in keep:
            return []
        sub = simple.subgraph(keep)
        routes = []
        for path in islice(nx.shortest_simple_paths(sub, source, target), limit):
            nodes = [self.node(n) for n in path]
            steps = []
            for a, b in pairwise(path):
                edges = self.graph.get_edge_data(a, b).values()
                data = min(edges, key=lambda d: (KIND_ORDER.index(d["kind"]), d["flow"] or ""))
                here, there = self.node(a), self.node(b)
                steps.append(_step(there, data, compare(here.instrument, there.instrument)))
            routes.append(Route(nodes, steps))
        return routes


def _step(node: Node, data: dict, weight: str | None) -> Step:
    return Step(
        node,
        data["kind"],
        data["why"],
        data["flow"],
        weight,
        data["basis"],
        data["strength"],
        data["quotes"],
        data["against"],
    )


def measure_node(m: Measure, rungs: dict[str, int] | None = None) -> Node:
    """A measure as a node, with its rung in each domain (`KnowledgeBase.rungs`)."""
    return Node(m.id, m.title, m.agency, m.instrument, dict(rungs or {}), m.document)


def next_steps(
    kb: KnowledgeBase, measure: Measure, domain: str | None = None, depth: int = 1
) -> tuple[list[str], list[TreeNode]]:
    """The domains looked at and the tree of suggested next steps from `measure` (in
    `domain`, or in each of its domains), `depth` levels deep (1 or more)."""
    if depth < 1:
        raise ValueError(f"depth must be 1 or more, not {depth}")
    domains = _domains_of(measure, domain)
    graph = FlowGraph.for_document(kb, measure.document, domains)
    return domains, graph.tree(measure.id, domains, depth)


class Routes(NamedTuple):
    """The answer of `routes`: the domains looked at, the routes found (shortest first),
    and when there are none, why (one of `NO_ROUTE_REASONS`)."""

    domains: list[str]
    routes: list[Route]
    reason: str = ""


#: Why two measures can have no route between them: different documents (whose flows
#: are never joined), no shared domain (every flow belongs to one), one and the same
#: measure, a route only over ladder steps (asked without them), or no arrows between.
NO_ROUTE_REASONS = ("other-document", "no-common-domain", "same", "only-ladder", "not-connected")


def routes(
    kb: KnowledgeBase,
    source: Measure,
    target: Measure,
    limit: int,
    domain: str | None = None,
    *,
    ladder: bool = False,
) -> Routes:
    """Up to `limit` routes from source to target through the flows of their document,
    in `domain` (both must be in it) or in every domain either is in; with `ladder`, also
    over each agency's next rung. No route joins measures of different documents: their
    flows are never merged. When there is none, `Routes.reason` says why (one of
    `NO_ROUTE_REASONS`)."""
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, not {limit}")
    if domain is not None:
        for m in (source, target):
            if domain not in m.domains:
                raise NotInDomain(m.id, domain, tuple(m.domains))
        domains = [domain]
    else:
        domains = [d for d in DOMAINS if d in source.domains or d in target.domains]
    if source.document != target.document:
        return Routes(domains, [], "other-document")
    if source.id == target.id:
        return Routes(domains, [], "same")
    graph = FlowGraph.for_document(kb, source.document, domains, ladder=ladder)
    found = graph.routes(source.id, target.id, limit)
    if found:
        return Routes(domains, found)
    if not set(source.domains) & set(target.domains):
        return Routes(domains, [], "no-common-domain")
    if not ladder:
        with_ladder = FlowGraph.for_document(kb, source.document, domains, ladder=True)
        if with_ladder.routes(source.id, target.id, 1):
            return Routes(domains, [], "only-ladder")
    return Routes(domains, [], "not-connected")


def _domains_of(measure: Measure, domain: str | None) -> list[str]:
    if domain is None:
        return [d for d in DOMAINS if d in measure.domains]
    if domain not in measure.domains:
        raise NotInDomain(measure.id, domain, tuple(measure.domains))
    return [domain]
