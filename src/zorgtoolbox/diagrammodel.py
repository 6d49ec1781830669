"""What the stromenmodel drawings draw: one `Diagram` per domain (or one agency's part).

The flows of one domain of one document, with agencies as lanes and ladder positions as
rows, the arrows between them, and which nodes start a route. The terminal tree, Mermaid,
DOT (`diagrams.py`) and the SVG (`svgdiagram.py`) are all drawn from it; so is the text
escaping they share for one-line labels and XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _xml_quoteattr

from .flowgraph import Node, measure_node
from .i18n import translator
from .kb import KnowledgeBase
from .messages import N_
from .models import INSTRUMENTS, Flow, Quote
from .provenance import located

# Validated data holds no control characters, but the escaping here does not rely on it.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` on one line: control characters (newlines too) as spaces, runs of white
    space as one."""
    return " ".join(CONTROLS.sub(" ", text).split())


def wrap_words(line: str, width: int) -> list[str]:
    """`textwrap.wrap(line, width, break_on_hyphens=False)` for a line `one_line` gave
    (words and single spaces, none at its ends), without textwrap's regular expressions
    and white-space munging: the same greedy fill, a long word split to fill the line.
    A property test holds it to textwrap; the diagrams of a national knowledge base wrap
    some 60,000 titles, and textwrap took a third of drawing them."""
    if width < 1:
        raise ValueError(f"width must be 1 or more, not {width}")
    chunks: list[str] = []
    for word in reversed(line.split(" ")) if line else ():
        chunks += (word, " ")
    if chunks:
        chunks.pop()  # no space before the first word
    lines: list[str] = []
    while chunks:
        if lines and chunks[-1] == " ":
            chunks.pop()  # a line does not start with the space that ended the last
        cur: list[str] = []
        cur_len = 0
        while chunks and cur_len + len(chunks[-1]) <= width:
            cur_len += len(chunks[-1])
            cur.append(chunks.pop())
        if chunks and len(chunks[-1]) > width:  # a word longer than a line: split it
            left = width - cur_len
            cur.append(chunks[-1][:left])
            chunks[-1] = chunks[-1][left:]
        if cur and not cur[-1].strip():
            cur.pop()
        if cur:
            lines.append("".join(cur))
    return lines


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=1 << 16)
def xml_text(text: str) -> str:
    """`text` escaped for XML character data, with what XML forbids replaced by U+FFFD.
    Kept per text: the drawings of a domain repeat each step's lines in every agency's
    part that links to it."""
    return _xml_escape(_NOT_XML.sub("\ufffd", text))


def xml_attr(text: str) -> str:
    """`text` as a quoted XML attribute value, with what XML forbids replaced by U+FFFD."""
    return _xml_quoteattr(_NOT_XML.sub("\ufffd", text))


class Placed(NamedTuple):
    node: Node
    lane: int
    row: int
    #: Whether the flow names the node an entry point (the data's word; see `starts`).
    entry: bool


class Arrow(NamedTuple):
    source: str
    target: str
    kind: str
    why: str
    flow: str
    basis: str = "derived"
    strength: str | None = None
    quotes: tuple[Quote, ...] = ()
    against: tuple[Quote, ...] = ()

    def reversed(self) -> Arrow:
        return self._replace(source=self.target, target=self.source)


class Diagram(NamedTuple):
    """Nodes in lanes and rows, and the arrows between them, of one document's flows."""

    domain: str
    agency: str | None
    flows: list[str]
    lanes: list[tuple[str, str]]  # (agency id, heading)
    nodes: list[Placed]
    arrows: list[Arrow]
    document: str = ""
    #: Whether any arrow is an editorial reconstruction (not the document's own picture).
    reconstructed: bool = False
    #: The nodes drawn as starting points (`starting_points`), judged on the whole domain.
    starts: frozenset[str] = frozenset()

    @property
    def title(self) -> str:
        """'Stromenmodel fraude, gereconstrueerd uit de tekst' (in Dutch, as the handbook)."""
        return self.title_in(_DUTCH)

    def title_in(self, translate: Callable[[str], str]) -> str:
        """The title in the language of `translate`: it says when the arrows are a
        reconstruction from the text rather than the document's own picture."""
        part = f", {self.agency}" if self.agency else ""
        name = f"Stromenmodel {self.domain}{part}"
        if not self.reconstructed:
            return name
        return translate(N_("{name}, reconstructed from the text")).format(name=name)


#: Diagrams drawn for files and the handbook speak Dutch.
_DUTCH = translator("nl")


def starting_points(nodes: list[Placed], arrows: list[Arrow]) -> frozenset[str]:
    """The nodes a route starts at: an entry point of its flow that no arrow leads to
    (a `parallel` arrow leads both ways) and at least one arrow leaves."""
    reached = {a.target for a in arrows} | {a.source for a in arrows if a.kind == "parallel"}
    leaving = {a.source for a in arrows}
    return frozenset(
        p.node.id for p in nodes if p.entry and p.node.id not in reached and p.node.id in leaving
    )


def build_diagram(
    kb: KnowledgeBase, domain: str, agency: str | None = None, document: str | None = None
) -> Diagram:
    """The diagram of one document's flows of `domain` (default: the knowledge base's own
    document), or of one agency's part of them (`part_of`)."""
    document = document or kb.toolbox.document
    flows: list[Flow] = kb.flows_of(document, domain)
    measures = [m for m in kb.measures if domain in m.domains and m.document == document]
    arrows = [
        Arrow(
            e.from_,
            e.to,
            e.kind,
            e.reason,
            f.id,
            e.basis,
            e.strength,
            located(e.quotes, document),
            located(e.against, document),
        )
        for f in flows
        for e in f.edges
    ]
    entries = {e for f in flows for e in f.entry_points}
    steps = {s.id: Node(s.id, s.title, s.agency, None, {}) for f in flows for s in f.steps}
    nodes: dict[str, Node] = {m.id: measure_node(m, kb.rungs(m)) for m in measures}
    nodes.update(steps)
    order = {a.id: i for i, a in enumerate(kb.agencies)}
    lane_ids = sorted(
        {n.agency or "" for n in nodes.values()}, key=lambda a: order.get(a, len(order))
    )
    names = {a.id: a.name for a in kb.agencies}
    lanes = [(a, names.get(a, a or "overig")) for a in lane_ids]
    lane_of = {a: i for i, (a, _) in enumerate(lanes)}
    placed: dict[str, Placed] = {}
    taken: set[tuple[int, int]] = set()
    rows = {n: _row(node, domain) for n, node in nodes.items()}
    for node in sorted(
        (n for n in nodes.values() if rows[n.id] is not None),
        key=lambda n: (lane_of[n.agency or ""], rows[n.id]),
    ):
        spot = (lane_of[node.agency or ""], rows[node.id])
        while spot in taken:  # measures of one class share a rung: stack them
            spot = (spot[0], spot[1] + 1)
        taken.add(spot)
        placed[node.id] = Placed(node, spot[0], spot[1], node.id in entries)
    for node in sorted((n for n in nodes.values() if rows[n.id] is None), key=lambda n: n.id):
        sources = [
            placed[a.source].row for a in arrows if a.target == node.id and a.source in placed
        ]
        lane = lane_of[node.agency or ""]
        row = min(sources, default=1)
        while (lane, row) in taken:
            row += 1
        taken.add((lane, row))
        placed[node.id] = Placed(node, lane, row, node.id in entries)
    ordered = sorted(placed.values(), key=lambda p: (p.lane, p.row, p.node.id))
    arrows = [a for a in arrows if a.source in placed and a.target in placed]
    whole = Diagram(
        domain,
        None,
        [f.id for f in flows],
        lanes,
        ordered,
        arrows,
        document,
        any(a.basis != "source" for a in arrows),
        starting_points(ordered, arrows),
    )
    return whole if agency is None else part_of(whole, agency)


def part_of(diagram: Diagram, agency: str) -> Diagram:
    """One agency's part of a domain's diagram: its own nodes, and the other agencies'
    nodes its arrows lead to or come from, so the arrows that cross agencies stay
    visible. (Agency "" is the lane of the nodes without an agency.)"""
    own = {p.node.id for p in diagram.nodes if (p.node.agency or "") == agency}
    arrows = [a for a in diagram.arrows if a.source in own or a.target in own]
    return _cut(diagram, agency, own, arrows, {p.node.id: i for i, p in enumerate(diagram.nodes)})


def parts_of(diagram: Diagram) -> list[tuple[str, str, Diagram]]:
    """Every lane's `part_of` the diagram, (agency, heading, part) in the order of the
    lanes: in one pass over the nodes and arrows instead of one for each agency."""
    agency_of = {p.node.id: p.node.agency or "" for p in diagram.nodes}
    own: dict[str, set[str]] = {}
    for node, agency in agency_of.items():
        own.setdefault(agency, set()).add(node)
    arrows: dict[str, list[Arrow]] = {}
    for a in diagram.arrows:
        for agency in dict.fromkeys((agency_of.get(a.source), agency_of.get(a.target))):
            if agency is not None:
                arrows.setdefault(agency, []).append(a)
    index = {p.node.id: i for i, p in enumerate(diagram.nodes)}
    return [
        (
            agency,
            heading,
            _cut(diagram, agency, own.get(agency, set()), arrows.get(agency, []), index),
        )
        for agency, heading in diagram.lanes
    ]


def _cut(
    diagram: Diagram, agency: str, own: set[str], arrows: list[Arrow], index: dict[str, int]
) -> Diagram:
    """The part of `diagram` with the nodes `own`, the `arrows` to or from them (in the
    diagram's order) and their other ends; `index`: each node's place in the diagram."""
    keep = own | {a.source for a in arrows} | {a.target for a in arrows}
    placed = [diagram.nodes[i] for i in sorted(index[n] for n in keep if n in index)]
    used = sorted({p.lane for p in placed})
    renumber = {old: new for new, old in enumerate(used)}
    return diagram._replace(
        agency=agency,
        lanes=[diagram.lanes[i] for i in used],
        nodes=[p._replace(lane=renumber[p.lane]) for p in placed],
        arrows=arrows,
        reconstructed=any(a.basis != "source" for a in arrows),
        starts=diagram.starts & keep,
    )


def ladder(diagram: Diagram, agency: str) -> list[Placed]:
    """An agency's nodes of the diagram in ladder order (rung, then id)."""
    return sorted(
        (p for p in diagram.nodes if (p.node.agency or "") == agency),
        key=lambda p: (p.row, p.node.id),
    )


def short_title(node: Node, domain: str) -> str:
    """A node's title with its rung in `domain` in front: '3. Aanwijzing'."""
    pos = node.domains.get(domain)
    return f"{pos}. {node.title}" if pos else node.title


def _row(node: Node, domain: str) -> int | None:
    """A measure's row: its position, or (when its document sets no order) its class."""
    if domain in node.domains:
        return node.domains[domain]
    if node.instrument is not None:
        return INSTRUMENTS.index(node.instrument) + 1
    return None
