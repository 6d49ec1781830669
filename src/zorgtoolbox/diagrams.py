"""Drawing the stromenmodel: a terminal tree, Mermaid, Graphviz DOT and a self-drawn SVG.

All four are drawn from one `Diagram`: the flows of one domain (optionally one agency's
part of it) laid out with agencies as lanes and ladder positions as rows. Output is
deterministic: the same data gives the same bytes. The SVG needs no external program;
each node carries its measure id (`data-measure`, and a link to `#<id>`), so a page can
link the diagram to the measures.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import NamedTuple
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _xml_quoteattr

from .flowgraph import Node, compare, measure_node
from .i18n import translator
from .kb import KnowledgeBase
from .labels import STRENGTH_LABELS
from .messages import N_
from .models import EDGE_KINDS, INSTRUMENTS, Flow, Quote

FORMATS = ("tree", "mermaid", "dot", "svg")

# Each format is escaped by its own rules (validated data holds no control characters,
# but these functions do not rely on that):
# - the tree: one line per node, control characters shown as spaces;
# - Mermaid: labels quoted, and every character that could end the quotes, start a
#   directive (%%{init}%%) or comment, or be read as markup written as an entity code;
# - DOT: labels quoted with backslash escapes;
# - SVG: characters XML forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
#   replaced by U+FFFD, C1 controls too, before escaping.

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` on one line: control characters (newlines too) as spaces, runs of white
    space as one."""
    return " ".join(_CONTROLS.sub(" ", text).split())


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` escaped for XML character data, with what XML forbids replaced by U+FFFD."""
    return _xml_escape(_NOT_XML.sub("\ufffd", text))


def xml_attr(text: str) -> str:
    """`text` as a quoted XML attribute value, with what XML forbids replaced by U+FFFD."""
    return _xml_quoteattr(_NOT_XML.sub("\ufffd", text))


class Placed(NamedTuple):
    node: Node
    lane: int
    row: int
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


def build_diagram(
    kb: KnowledgeBase, domain: str, agency: str | None = None, document: str | None = None
) -> Diagram:
    """The diagram of one document's flows of `domain` (default: the knowledge base's own
    document), or of one agency's part of them.

    With an agency, its measures are drawn together with the measures and steps its
    arrows lead to or come from, so the arrows that cross agencies stay visible.
    """
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
            tuple(
                q if q.document else q.model_copy(update={"document": document}) for q in e.quotes
            ),
            tuple(
                q if q.document else q.model_copy(update={"document": document}) for q in e.against
            ),
        )
        for f in flows
        for e in f.edges
    ]
    entries = {e for f in flows for e in f.entry_points}
    steps = {s.id: Node(s.id, s.title, s.agency, None, {}) for f in flows for s in f.steps}
    nodes: dict[str, Node] = {m.id: measure_node(m, kb.rungs(m)) for m in measures}
    nodes.update(steps)
    if agency is not None:
        own = {n for n, node in nodes.items() if node.agency == agency}
        arrows = [a for a in arrows if a.source in own or a.target in own]
        keep = own | {a.source for a in arrows} | {a.target for a in arrows}
        nodes = {n: node for n, node in nodes.items() if n in keep}
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
    reconstructed = any(a.basis != "source" for a in arrows)
    return Diagram(
        domain, agency, [f.id for f in flows], lanes, ordered, arrows, document, reconstructed
    )


def _row(node: Node, domain: str) -> int | None:
    """A measure's row: its position, or (when its document sets no order) its class."""
    if domain in node.domains:
        return node.domains[domain]
    if node.instrument is not None:
        return INSTRUMENTS.index(node.instrument) + 1
    return None


# --- terminal tree ------------------------------------------------------------------


def _label(node: Node, domain: str) -> str:
    pos = node.domains.get(domain)
    rung = f"{pos}. " if pos else ""
    what = " · ".join(x for x in (node.agency, node.instrument) if x)
    return f"{rung}{one_line(node.title)} ({node.id}) [{what}]"


def render_tree(
    diagram: Diagram, translate: Callable[[str], str] = str, width: int | None = None
) -> str:
    """The flows as an indented tree from the entry points; each node expanded once.

    Its own words are English message ids, worded by `translate`; with `width`, a line
    longer than that wraps, its continuation indented under its text.
    """
    by_id = {p.node.id: p for p in diagram.nodes}
    out: dict[str, list[Arrow]] = {}
    for a in diagram.arrows:
        out.setdefault(a.source, []).append(a)
        if a.kind == "parallel":
            out.setdefault(a.target, []).append(a.reversed())
    incoming = {a.target for a in diagram.arrows}
    roots = [p for p in diagram.nodes if p.entry or p.node.id not in incoming]
    # the flows drawn, by id, unless the title names it already (a flow per domain)
    others = [f for f in diagram.flows if f != diagram.domain]
    title = diagram.title_in(translate) + (f" ({', '.join(others)})" if others else "")
    lines = _wrapped("", title, "", width) if width else [title]
    shown: set[str] = set()

    def walk(node_id: str, prefix: str, is_last: bool, via: str, parent: str | None) -> None:
        placed = by_id[node_id]
        branch = "└── " if is_last else "├── "
        repeat = node_id in shown
        again = " " + translate(N_("(see above)")) if repeat else ""
        text = via + _label(placed.node, diagram.domain) + again
        under = prefix + ("    " if is_last else "│   ")
        lines.extend(_wrapped(prefix + branch, text, under, width))
        if repeat:
            return
        shown.add(node_id)
        children = sorted(
            (a for a in out.get(node_id, []) if not (a.kind == "parallel" and a.target == parent)),
            key=lambda a: (EDGE_KINDS.index(a.kind), _key(by_id[a.target])),
        )
        child_prefix = prefix + ("    " if is_last else "│   ")
        for i, arrow in enumerate(children):
            implied = arrow.strength == "implied"
            how = f" ({translate(STRENGTH_LABELS['implied'])})" if implied else ""
            last = i == len(children) - 1
            walk(arrow.target, child_prefix, last, f"{arrow.kind}{how} → ", node_id)

    roots = sorted(roots, key=_key)
    for i, root in enumerate(roots):
        walk(root.node.id, "", i == len(roots) - 1, "", None)
    unreachable = [p for p in diagram.nodes if p.node.id not in shown]
    if unreachable:  # validate warns about these
        lines.append(translate(N_("not reachable from an entry point:")))
        for i, p in enumerate(unreachable):
            walk(p.node.id, "", i == len(unreachable) - 1, "", None)
    return "\n".join(lines) + "\n"


def _wrapped(head: str, text: str, rest: str, width: int | None) -> list[str]:
    """`head + text`, wrapped to `width` with continuation lines under the text."""
    if width is None or len(head) + len(text) <= width:
        return [head + text]
    pad = rest + "    "
    options = {"break_on_hyphens": False, "break_long_words": False}
    first, *more = textwrap.wrap(text, max(12, width - len(head)), **options)
    tail = textwrap.wrap(" ".join(more), max(12, width - len(pad)), **options) if more else []
    return [head + first, *(pad + line for line in tail)]


def _key(p: Placed) -> tuple[int, int, str]:
    return (p.lane, p.row, p.node.id)


# --- Mermaid ------------------------------------------------------------------------

_MERMAID_ARROWS = {"vervolg": "-->", "melding": "-.->", "parallel": "<==>"}


def _mermaid_id(node_id: str) -> str:
    return "n_" + node_id.replace("-", "_")


#: In a quoted Mermaid label, as entity codes: what ends the quotes ("), starts an
#: entity code (#), a directive or comment (%%), HTML (< > &) or a markdown string (`),
#: and the brackets, bar, semicolon and backslash a careless parser could end a node or
#: statement at.
_MERMAID_SPECIAL = re.compile(r"""[#%&"<>`\[\]{}|;\\]""")


def _mermaid_text(text: str) -> str:
    """Label text for Mermaid, to go between double quotes: one line, and every character
    that could break out of the quotes or be read as anything but text as `#<code>;`."""
    return _MERMAID_SPECIAL.sub(_mermaid_code, one_line(text))


_MERMAID_NAMED = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;"}


def _mermaid_code(match: re.Match[str]) -> str:
    char = match.group()
    return _MERMAID_NAMED.get(char) or f"#{ord(char)};"


def render_mermaid(diagram: Diagram) -> str:
    """A Mermaid `flowchart` (GitHub and GitLab render it in Markdown), titled."""
    lines = ["---", f'title: "{_mermaid_text(diagram.title)}"', "---", "flowchart TB"]
    for lane, (_agency, heading) in enumerate(diagram.lanes):
        lines.append(f'  subgraph lane_{lane}["{_mermaid_text(heading)}"]')
        lines.append("    direction TB")
        for p in diagram.nodes:
            if p.lane == lane:
                label = _mermaid_text(_short(p.node, diagram.domain))
                lines.append(f'    {_mermaid_id(p.node.id)}["{label}"]')
        lines.append("  end")
    for a in diagram.arrows:
        arrow = _MERMAID_ARROWS[a.kind]
        lines.append(f"  {_mermaid_id(a.source)} {arrow}|{a.kind}| {_mermaid_id(a.target)}")
    entries = [_mermaid_id(p.node.id) for p in diagram.nodes if p.entry]
    lines.append("  classDef entry stroke-width:3px")
    if entries:
        lines.append(f"  class {','.join(entries)} entry")
    return "\n".join(lines) + "\n"


def _short(node: Node, domain: str) -> str:
    pos = node.domains.get(domain)
    return f"{pos}. {node.title}" if pos else node.title


# --- Graphviz DOT -------------------------------------------------------------------

_DOT_STYLES = {
    "vervolg": "style=solid",
    "melding": "style=dashed",
    "parallel": "style=bold, dir=both",
}


def _dot(text: str) -> str:
    """A quoted DOT string: backslashes and quotes escaped, a newline as DOT's own \\n,
    other control characters as spaces."""
    lines = [_CONTROLS.sub(" ", line) for line in text.split("\n")]
    return '"' + "\\n".join(x.replace("\\", "\\\\").replace('"', '\\"') for x in lines) + '"'


def render_dot(diagram: Diagram) -> str:
    """Graphviz DOT: one cluster per agency, edge kinds as line styles."""
    lines = [
        f"digraph {_dot(diagram.title)} {{",
        f"  label={_dot(diagram.title)};",
        "  labelloc=t;",
        "  rankdir=TB;",
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for lane, (_agency, heading) in enumerate(diagram.lanes):
        lines.append(f"  subgraph cluster_{lane} {{")
        lines.append(f"    label={_dot(heading)};")
        for p in diagram.nodes:
            if p.lane == lane:
                label = "\n".join(textwrap.wrap(_short(p.node, diagram.domain), 28))
                extra = ", penwidth=2" if p.entry else ""
                lines.append(
                    f"    {_dot(p.node.id)} [label={_dot(label)}, id={_dot(p.node.id)}, "
                    f"URL={_dot('#' + p.node.id)}{extra}];"
                )
        lines.append("  }")
    for a in diagram.arrows:
        lines.append(
            f"  {_dot(a.source)} -> {_dot(a.target)} [label={_dot(a.kind)}, {_DOT_STYLES[a.kind]}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- SVG ----------------------------------------------------------------------------

LANE_W, NODE_W, NODE_H, ROW_H, HEAD_H, MARGIN = 230, 200, 66, 96, 44, 16
_SVG_STROKE = {
    "vervolg": ('stroke="#1f2937"', ""),
    "melding": ('stroke="#1d4ed8" stroke-dasharray="7 4"', ""),
    "parallel": ('stroke="#047857" stroke-dasharray="2 3" stroke-width="2.5"', "start"),
}
_WEIGHT_LABEL = {"heavier": "zwaarder", "lighter": "lichter", "same": "gelijk"}


def _node_box(p: Placed) -> tuple[int, int]:
    """Top-left corner of a node's box."""
    x = MARGIN + p.lane * LANE_W + (LANE_W - NODE_W) // 2
    y = MARGIN + HEAD_H + (p.row - 1) * ROW_H + (ROW_H - NODE_H) // 2
    return x, y


def _lane_edge(lane: int) -> int:
    """x of the boundary left of `lane`: the middle of the gap between two lanes' boxes."""
    return MARGIN + lane * LANE_W


def _row_edge(row: int) -> int:
    """y of the boundary above `row`: the middle of the gap between two rows' boxes."""
    return MARGIN + HEAD_H + (row - 1) * ROW_H


def _edge_path(a: Placed, b: Placed, offset: int) -> str:
    """An orthogonal route through the gaps between boxes, so no arrow crosses a box.

    `offset` shifts the route inside the gaps a little, so arrows that share a gap stay
    apart.
    """
    ax, ay = _node_box(a)
    bx, by = _node_box(b)
    a_mid, b_mid = ay + NODE_H // 2 + offset, by + NODE_H // 2 + offset
    if a.lane == b.lane:
        x = ax + NODE_W // 2 + offset
        if b.row == a.row + 1:  # the next box down: a short straight line
            return f"M{x},{ay + NODE_H} L{x},{by}"
        gap = _lane_edge(a.lane + 1) + offset  # along the gap right of the lane
        return f"M{ax + NODE_W},{a_mid} L{gap},{a_mid} L{gap},{b_mid} L{bx + NODE_W},{b_mid}"
    rightward = b.lane > a.lane
    start_x = ax + NODE_W if rightward else ax
    end_x = bx if rightward else bx + NODE_W
    out_gap = _lane_edge(a.lane + 1 if rightward else a.lane) + offset
    in_gap = _lane_edge(b.lane if rightward else b.lane + 1) + offset
    if out_gap == in_gap:  # neighbouring lanes: down or up the gap between them
        return f"M{start_x},{a_mid} L{out_gap},{a_mid} L{out_gap},{b_mid} L{end_x},{b_mid}"
    across = _row_edge(b.row if b.row > a.row else b.row + 1) + offset
    return (
        f"M{start_x},{a_mid} L{out_gap},{a_mid} L{out_gap},{across} "
        f"L{in_gap},{across} L{in_gap},{b_mid} L{end_x},{b_mid}"
    )


def render_svg(diagram: Diagram) -> str:
    """A self-contained SVG: lanes per agency, rows per ladder position, linked nodes."""
    rows = max((p.row for p in diagram.nodes), default=1)
    width = 2 * MARGIN + max(1, len(diagram.lanes)) * LANE_W
    legend_h = 40
    height = 2 * MARGIN + HEAD_H + rows * ROW_H + legend_h
    by_id = {p.node.id: p for p in diagram.nodes}
    slug = f"{diagram.domain}-{diagram.agency}" if diagram.agency else diagram.domain
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="group" aria-labelledby="title-{slug}" '
        f'class="stromenmodel" data-domain="{diagram.domain}">',
        f'<title id="title-{slug}">{xml_text(diagram.title)}</title>',
        f"<desc>{xml_text(_describe(diagram))}</desc>",
        "<defs>",
    ]
    for kind in EDGE_KINDS:
        colour = _SVG_STROKE[kind][0].split('"')[1]
        out.append(
            f'<marker id="arrow-{slug}-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" '
            f'orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>')
    for lane, (agency, heading) in enumerate(diagram.lanes):
        x = MARGIN + lane * LANE_W
        fill = "#f3f4f6" if lane % 2 == 0 else "#e5e7eb"
        out.append(
            f'<g class="lane" data-agency={xml_attr(agency)}>'
            f'<rect x="{x}" y="{MARGIN}" width="{LANE_W}" height="{HEAD_H + rows * ROW_H}" '
            f'fill="{fill}"/>'
            f'<text x="{x + LANE_W // 2}" y="{MARGIN + 27}" text-anchor="middle" '
            f'font-family="sans-serif" font-size="15" font-weight="bold" fill="#111827">'
            f"{xml_text(heading)}</text></g>"
        )
    for index, a in enumerate(diagram.arrows):
        source, target = by_id[a.source], by_id[a.target]
        offset = (index % 5 - 2) * 3
        stroke, start = _SVG_STROKE[a.kind]
        marker = f'marker-end="url(#arrow-{slug}-{a.kind})"'
        if start:
            marker += f' marker-start="url(#arrow-{slug}-{a.kind})"'
        weight = compare(source.node.instrument, target.node.instrument)
        note = f" ({_WEIGHT_LABEL[weight]})" if weight else ""
        out.append(
            f'<path class="edge edge-{a.kind}" d="{_edge_path(source, target, offset)}" '
            f'fill="none" stroke-linejoin="round" '
            f'{stroke} {marker} data-from="{a.source}" data-to="{a.target}">'
            f"<title>{xml_text(f'{a.kind}{note}: {a.why}')}</title></path>"
        )
    for p in diagram.nodes:
        x, y = _node_box(p)
        border = (
            'stroke="#111827" stroke-width="3"'
            if p.entry
            else 'stroke="#4b5563" stroke-width="1.2"'
        )
        fill = "#ffffff" if p.node.instrument else "#fef3c7"
        lines = textwrap.wrap(_short(p.node, diagram.domain), 30)
        if len(lines) > 3:
            lines = [*lines[:2], lines[2][:27] + "…"]
        sub = " · ".join(x for x in (p.node.instrument or "stap", p.node.agency or "") if x)
        text = [
            f'<text x="{x + 8}" y="{y + 17 + 14 * i}" font-family="sans-serif" font-size="12" '
            f'fill="#111827">{xml_text(line)}</text>'
            for i, line in enumerate(lines)
        ]
        text.append(
            f'<text x="{x + 8}" y="{y + NODE_H - 7}" font-family="sans-serif" font-size="10" '
            f'fill="#374151">{xml_text(sub)}</text>'
        )
        entry = " entry" if p.entry else ""
        box = (
            f"<title>{xml_text(p.node.title)}</title>"
            f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="8" '
            f'fill="{fill}" {border}/>' + "".join(text)
        )
        if p.node.instrument is not None:  # a measure: it links to its description
            out.append(
                f'<g class="node{entry}" id="node-{slug}-{p.node.id}" data-measure="{p.node.id}">'
                f'<a href="#{p.node.id}">{box}</a></g>'
            )
        else:  # a step of a flow (the OM deciding): nothing to link to
            out.append(f'<g class="node step{entry}" id="node-{slug}-{p.node.id}">{box}</g>')
    out.append(_legend(slug, MARGIN, height - legend_h + 8))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend(slug: str, x: int, y: int) -> str:
    parts = ['<g class="legend" font-family="sans-serif" font-size="12" fill="#111827">']
    for i, kind in enumerate(EDGE_KINDS):
        stroke, start = _SVG_STROKE[kind]
        x0 = x + i * 170
        marker = f'marker-end="url(#arrow-{slug}-{kind})"'
        if start:
            marker += f' marker-start="url(#arrow-{slug}-{kind})"'
        parts.append(
            f'<path d="M{x0 + 4},{y + 10} L{x0 + 54},{y + 10}" fill="none" {stroke} {marker}/>'
            f'<text x="{x0 + 62}" y="{y + 14}">{kind}</text>'
        )
    parts.append(f'<text x="{x + 3 * 170}" y="{y + 14}">dikke rand: startpunt</text></g>')
    return "".join(parts)


def _describe(diagram: Diagram) -> str:
    counts = {k: sum(1 for a in diagram.arrows if a.kind == k) for k in EDGE_KINDS}
    return (
        f"{len(diagram.nodes)} stappen in {len(diagram.lanes)} organisaties; pijlen: "
        + ", ".join(f"{n} {k}" for k, n in counts.items())
        + ". De pijlen zijn suggesties, geen vaste volgorde."
    )


RENDERERS = {
    "tree": render_tree,
    "mermaid": render_mermaid,
    "dot": render_dot,
    "svg": render_svg,
}
