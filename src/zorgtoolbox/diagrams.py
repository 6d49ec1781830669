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
from functools import lru_cache
from itertools import pairwise

from .diagrammodel import (
    CONTROLS,
    Arrow,
    Diagram,
    Placed,
    build_diagram,
    ladder,
    one_line,
    part_of,
    short_title,
    starting_points,
    wrap_words,
    xml_attr,
    xml_text,
)
from .flowgraph import Node
from .labels import STRENGTH_LABELS
from .messages import N_
from .models import EDGE_KINDS
from .svgdiagram import render_svg

__all__ = [
    "FORMATS",
    "RENDERERS",
    "Arrow",
    "Diagram",
    "Placed",
    "build_diagram",
    "one_line",
    "part_of",
    "render_dot",
    "render_mermaid",
    "render_svg",
    "render_tree",
    "starting_points",
    "xml_attr",
    "xml_text",
]

FORMATS = ("tree", "mermaid", "dot", "svg")

# Each format is escaped by its own rules (`diagrammodel` has the shared ones):
# - the tree: one line per node, control characters shown as spaces;
# - Mermaid: labels quoted, and every character that could end the quotes, start a
#   directive (%%{init}%%) or comment, or be read as markup written as an entity code;
# - DOT: labels quoted with backslash escapes;
# - SVG (`svgdiagram`): characters XML forbids replaced by U+FFFD before escaping.


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


@lru_cache(maxsize=1 << 15)
def _mermaid_label(text: str) -> str:
    """A node label wrapped onto lines of about 32 characters, joined by Mermaid's line
    break; each line escaped by `_mermaid_text` (the `<br/>` is the only markup). Kept
    per text: a step is drawn in every agency's part that links to it."""
    lines = wrap_words(one_line(text), 32) or [""]
    return "<br/>".join(_mermaid_text(line) for line in lines)


def render_mermaid(diagram: Diagram) -> str:
    """A Mermaid `flowchart` (GitHub and GitLab render it in Markdown), titled, top down.

    Each agency is a subgraph; invisible links (`~~~`) between consecutive rungs stack a
    ladder top down (Mermaid ignores `direction` in a subgraph that arrows leave). Labels
    wrap, so a part of one agency reads at the width of a forge's page; bold borders mark
    the starting points (`starting_points`).
    """
    lines = ["---", f'title: "{_mermaid_text(diagram.title)}"', "---", "flowchart TD"]
    for lane, (agency, heading) in enumerate(diagram.lanes):
        lines.append(f'  subgraph lane_{lane}["{_mermaid_text(heading)}"]')
        rungs = [p for p in ladder(diagram, agency) if p.lane == lane]
        for p in rungs:
            label = _mermaid_label(short_title(p.node, diagram.domain))
            lines.append(f'    {_mermaid_id(p.node.id)}["{label}"]')
        for upper, lower in pairwise(rungs):
            lines.append(f"    {_mermaid_id(upper.node.id)} ~~~ {_mermaid_id(lower.node.id)}")
        lines.append("  end")
    for a in diagram.arrows:
        arrow = _MERMAID_ARROWS[a.kind]
        lines.append(f"  {_mermaid_id(a.source)} {arrow}|{a.kind}| {_mermaid_id(a.target)}")
    starts = [_mermaid_id(p.node.id) for p in diagram.nodes if p.node.id in diagram.starts]
    lines.append("  classDef entry stroke-width:3px")
    if starts:
        lines.append(f"  class {','.join(starts)} entry")
    return "\n".join(lines) + "\n"


# --- Graphviz DOT -------------------------------------------------------------------

_DOT_STYLES = {
    "vervolg": "style=solid",
    "melding": "style=dashed",
    "parallel": "style=bold, dir=both",
}


def _dot(text: str) -> str:
    """A quoted DOT string: backslashes and quotes escaped, a newline as DOT's own \\n,
    other control characters as spaces."""
    lines = [CONTROLS.sub(" ", line) for line in text.split("\n")]
    return '"' + "\\n".join(x.replace("\\", "\\\\").replace('"', '\\"') for x in lines) + '"'


def render_dot(diagram: Diagram) -> str:
    """Graphviz DOT: one cluster per agency, edge kinds as line styles, and every
    agency's rungs top down in ladder order (invisible, heavy edges between consecutive
    rungs: Graphviz keeps no order of its own)."""
    lines = [
        f"digraph {_dot(diagram.title)} {{",
        f"  label={_dot(diagram.title)};",
        "  labelloc=t;",
        "  rankdir=TB;",
        "  newrank=true;",
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for lane, (agency, heading) in enumerate(diagram.lanes):
        lines.append(f"  subgraph cluster_{lane} {{")
        lines.append(f"    label={_dot(heading)};")
        rungs = [p for p in ladder(diagram, agency) if p.lane == lane]
        for p in rungs:
            label = "\n".join(textwrap.wrap(short_title(p.node, diagram.domain), 28))
            extra = ", penwidth=2" if p.node.id in diagram.starts else ""
            lines.append(
                f"    {_dot(p.node.id)} [label={_dot(label)}, id={_dot(p.node.id)}, "
                f"URL={_dot('#' + p.node.id)}{extra}];"
            )
        for upper, lower in pairwise(rungs):
            lines.append(
                f"    {_dot(upper.node.id)} -> {_dot(lower.node.id)} "
                "[style=invis, weight=10, class=ladder];"
            )
        lines.append("  }")
    for a in diagram.arrows:
        lines.append(
            f"  {_dot(a.source)} -> {_dot(a.target)} [label={_dot(a.kind)}, "
            f"{_DOT_STYLES[a.kind]}, constraint=false];"
            if _against_ladder(diagram, a)
            else f"  {_dot(a.source)} -> {_dot(a.target)} [label={_dot(a.kind)}, "
            f"{_DOT_STYLES[a.kind]}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _against_ladder(diagram: Diagram, a: Arrow) -> bool:
    """Whether an arrow within one agency points up its ladder: drawn, but left out of
    the ranking, so it cannot turn the ladder around."""
    rows = {p.node.id: (p.node.agency, p.row) for p in diagram.nodes}
    (sa, sr), (ta, tr) = rows[a.source], rows[a.target]
    return sa == ta and tr < sr


RENDERERS = {
    "tree": render_tree,
    "mermaid": render_mermaid,
    "dot": render_dot,
    "svg": render_svg,
}
