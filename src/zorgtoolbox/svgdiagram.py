"""The stromenmodel as a self-drawn SVG that fits a reading column.

A whole domain cannot be read at column width (eight agencies side by side leave a few
words per line), so the SVG is drawn per agency: the agency's ladder on the left, top
down in rung order, and the other agencies' steps its arrows lead to or come from on the
right, each linking to that agency's own part. A whole domain is the parts stacked.

Every size is in units of a 900-unit-wide `viewBox`; the SVG takes the width of its
column (`width="100%"`), so at the handbook's column (about 950 px) one unit is about one
pixel and the smallest text (14 units) is no smaller than the page's small print.
Titles wrap onto as many lines as they need; nothing is cut. Arrows run in their own
tracks, `TRACK` units apart, and meet a box at ports on a grid (`GRID`) that keeps the
ports of the two sides of a gutter apart, so no two arrows run closer than `TRACK`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Sequence
from typing import NamedTuple

from .diagrammodel import (
    Arrow,
    Diagram,
    Placed,
    ladder,
    one_line,
    part_of,
    short_title,
    wrap_words,
    xml_attr,
    xml_text,
)
from .flowgraph import compare
from .models import EDGE_KINDS

WIDTH, PAD, GAP, TRACK, GRID = 900, 12, 20, 12, 24
FONT, SMALL, HEAD, LINE = 15, 14, 17, 19
#: Average width of a character, as a share of the font size (generous for wide fonts).
CHAR = 0.6
STROKES = {
    "vervolg": ('stroke="#1f2937" stroke-width="1.6"', ""),
    "melding": ('stroke="#1d4ed8" stroke-width="1.6" stroke-dasharray="7 4"', ""),
    "parallel": ('stroke="#047857" stroke-dasharray="2 3" stroke-width="2.5"', "start"),
}
_KIND_WORDS = {
    "vervolg": "vervolg: een volgende stap",
    "melding": "melding: een signaal aan een andere organisatie",
    "parallel": "parallel: tegelijk",
}
_WEIGHT_LABEL = {"heavier": "zwaarder", "lighter": "lichter", "same": "gelijk"}


@functools.lru_cache(maxsize=65536)
def wrap(text: str, font: float, width: float) -> tuple[str, ...]:
    """`text` on one line, wrapped into lines that fit `width` units at `font` size.
    No character but white space is lost or moved; a word too long for a line is split.
    Kept per text and width: a node is measured before it is placed, and one agency's
    steps appear in the other agencies' drawings too."""
    chars = max(8, math.floor(width / (font * CHAR)))
    line = one_line(text)
    if len(line) <= chars:  # what wrapping gives for it, without the work
        return (line,)
    lines = wrap_words(line, chars)
    # as textwrap, it keeps the space before a long word it splits ('000000000 ', '00…')
    return tuple(line.strip() for line in lines) or ("",)


def _text(x: float, y: float, lines: Sequence[str], font: int, **attrs: str) -> str:
    """A <text> with one <tspan> a line, the first line's baseline at `y`."""
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    spans = "".join(
        f'<tspan x="{x:g}" y="{y + i * (font + 4):g}">{xml_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text font-family="sans-serif" font-size="{font}"{extra}>{spans}</text>'


def _ports(top: float, count: int, parity: int) -> list[float]:
    """`count` port heights from `top` down, on grid lines of the given parity."""
    first = top + 10
    base = math.ceil((first - parity * GRID / 2) / GRID) * GRID + parity * GRID / 2
    return [base + i * GRID for i in range(count)]


class Box(NamedTuple):
    placed: Placed
    x: float
    y: float
    w: float
    h: float
    title: tuple[str, ...]
    sub: tuple[str, ...]
    own: bool

    @property
    def mid(self) -> float:
        return self.y + self.h / 2


def render_svg(diagram: Diagram, drawn: Collection[str] | None = None) -> str:
    """A self-contained SVG: the diagram's agency part, or a whole domain as every
    agency's part stacked, each with its title, its arrows and its legend. Another
    agency's step links to that agency's part when it is on the page too (`drawn`: the
    agencies whose parts are; None: all), else a measure links to its description."""
    if diagram.agency is not None:
        parts = [diagram]
    else:
        parts = [part_of(diagram, agency) for agency, _ in diagram.lanes]
    slug = f"{diagram.domain}-{diagram.agency}" if diagram.agency else diagram.domain
    body: list[str] = []
    y = 0.0
    for part in parts:
        elements, y = _part(part, y, diagram.agency is None, f"arrow-{slug}", drawn)
        body.extend(elements)
    height = math.ceil(y)
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="title-{slug}" '
        f'class="stromenmodel" data-domain="{diagram.domain}"'
        + (f" data-agency={xml_attr(diagram.agency)}" if diagram.agency is not None else "")
        + ">",
        f'<title id="title-{slug}">{xml_text(diagram.title)}</title>',
        f"<desc>{xml_text(_describe(diagram))}</desc>",
        "<defs>",
    ]
    for kind in EDGE_KINDS:
        colour = STROKES[kind][0].split('"')[1]
        head.append(
            f'<marker id="arrow-{slug}-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" '
            f'orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    head.append("</defs>")
    head.append(f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>')
    return "\n".join([*head, *body, "</svg>"]) + "\n"


def _part(
    d: Diagram, top: float, stacked: bool, markers: str, drawn: Collection[str] | None
) -> tuple[list[str], float]:
    """One agency's part drawn from `top` down; returns its elements and its bottom."""
    agency = d.agency or ""
    own = ladder(d, agency)
    own_ids = {p.node.id for p in own}
    others = [p for p in d.nodes if p.node.id not in own_ids]
    arrows = d.arrows
    inner = [i for i, a in enumerate(arrows) if a.source in own_ids and a.target in own_ids]
    inside = set(inner)
    cross = [i for i in range(len(arrows)) if i not in inside]
    left = len(inner) * TRACK + 16 if inner else 0
    middle = len(cross) * TRACK + 40 if others else 0
    room = WIDTH - 2 * PAD - left - middle
    own_w = round(room * 0.52) if others else room
    own_x = PAD + left
    other_x = own_x + own_w + middle
    other_w = room - own_w
    names = dict(d.lanes)
    heading = names.get(agency, agency or "overig")

    out = [
        f'<g class="part" data-agency={xml_attr(agency)}'
        + (f' id="stromenmodel-{d.domain}-{agency}"' if stacked and agency else "")
        + ">"
    ]
    title = wrap(d.title, HEAD, WIDTH - 2 * PAD)
    y = top + PAD + HEAD
    out.append(_text(PAD, y, title, HEAD, font_weight="bold", fill="#111827"))
    y += len(title) * (HEAD + 4) + 8
    own_head = wrap(f"Ladder van {heading}", FONT, own_w)
    heads = max(len(own_head), 1)
    out.append(_text(own_x, y, own_head, FONT, font_weight="bold", fill="#111827"))
    if others:
        other_head = wrap("Andere organisaties", FONT, other_w)
        heads = max(heads, len(other_head))
        out.append(_text(other_x, y, other_head, FONT, font_weight="bold", fill="#111827"))
    y += heads * LINE + 4

    ends: dict[str, int] = {}
    for i in inner:
        for n in (arrows[i].source, arrows[i].target):
            ends[n] = ends.get(n, 0) + 1
    crossing: dict[str, int] = {}
    for i in cross:
        for n in (arrows[i].source, arrows[i].target):
            crossing[n] = crossing.get(n, 0) + 1

    boxes: dict[str, Box] = {}
    at = y
    for p in own:
        box = _box(
            p, d, names, own_x, at, own_w, max(ends.get(p.node.id, 0), crossing.get(p.node.id, 0))
        )
        boxes[p.node.id] = box._replace(own=True)
        at = box.y + box.h + GAP
    bottom = at

    ends_of: dict[str, list[str]] = {}  # node → both ends of each crossing arrow it is on
    for a in (arrows[i] for i in cross):
        for n in dict.fromkeys((a.source, a.target)):
            ends_of.setdefault(n, []).extend((a.source, a.target))

    def partners(p: Placed) -> float:
        ys = [boxes[n].mid for n in ends_of.get(p.node.id, ()) if n in boxes]
        return sum(ys) / len(ys) if ys else bottom

    at = y
    for p in sorted(others, key=lambda p: (partners(p), p.lane, p.row, p.node.id)):
        probe = _box(p, d, names, other_x, at, other_w, crossing.get(p.node.id, 0), parity=1)
        want = max(at, partners(p) - probe.h / 2)
        box = (  # the probe where it stays: the same box
            probe
            if want == at
            else _box(p, d, names, other_x, want, other_w, crossing.get(p.node.id, 0), parity=1)
        )
        boxes[p.node.id] = box
        at = box.y + box.h + GAP
    bottom = max(bottom, at)

    paths = _routes(inner, cross, arrows, boxes, own_x)
    for i, a in enumerate(arrows):
        out.append(_arrow(a, paths[i], boxes, markers))
    for box in boxes.values():
        out.append(_node(box, d, drawn))
    legend, bottom = _legend(d, bottom + 4, markers)
    out.extend(legend)
    out.append("</g>")
    return out, bottom + PAD


def _box(
    p: Placed,
    d: Diagram,
    names: dict[str, str],
    x: float,
    y: float,
    w: float,
    ports: int,
    parity: int = 0,
) -> Box:
    """A node's box at (x, y): tall enough for its wrapped text and its ports (`names`:
    the lanes' headings)."""
    title = wrap(short_title(p.node, d.domain), FONT, w - 16)
    what = [p.node.instrument or "stap"]
    if p.node.id in d.starts:
        what.insert(0, "startpunt")
    if (p.node.agency or "") != (d.agency or ""):
        what.append(names.get(p.node.agency or "", p.node.agency or "overig"))
    sub = wrap(" · ".join(what), SMALL, w - 16)
    h = 12 + len(title) * LINE + len(sub) * (SMALL + 4) + 4
    if ports:
        h = max(h, _ports(y, ports, parity)[-1] + 10 - y)
    return Box(p, x, y, w, h, title, sub, False)


def _routes(
    inner: list[int], cross: list[int], arrows: list[Arrow], boxes: dict[str, Box], own_x: float
) -> dict[int, list[tuple[float, float]]]:
    """Each arrow's points, by its index: through the gutter left of the ladder (arrows
    within it) or between the columns (arrows to and from other agencies), one track an
    arrow. The ports of a side are ordered by where the other end is, to cross less."""
    slots: dict[tuple[str, str], list[tuple[int, int]]] = {}  # (node, side) -> (arrow, end)
    for i in inner:
        slots.setdefault((arrows[i].source, "left"), []).append((i, 0))
        slots.setdefault((arrows[i].target, "left"), []).append((i, 1))
    for i in cross:
        for end, n in enumerate((arrows[i].source, arrows[i].target)):
            slots.setdefault((n, "right" if boxes[n].own else "left"), []).append((i, end))
    port: dict[tuple[int, int], float] = {}
    for (n, _side), ends in slots.items():

        def far(item: tuple[int, int]) -> tuple[float, int, int]:
            a = arrows[item[0]]
            return (boxes[a.target if item[1] == 0 else a.source].mid, *item)

        heights = _ports(boxes[n].y, len(ends), 0 if boxes[n].own else 1)
        for item, h in zip(sorted(ends, key=far), heights, strict=True):
            port[item] = h
    routes: dict[int, list[tuple[float, float]]] = {}
    for track, i in enumerate(sorted(inner, key=lambda i: (abs(port[i, 0] - port[i, 1]), i))):
        x = own_x - 14 - track * TRACK
        routes[i] = [(own_x, port[i, 0]), (x, port[i, 0]), (x, port[i, 1]), (own_x, port[i, 1])]
    own_r = max((b.x + b.w for b in boxes.values() if b.own), default=own_x)
    for track, i in enumerate(sorted(cross, key=lambda i: (port[i, 0], i))):
        x = own_r + 20 + track * TRACK
        s, t = boxes[arrows[i].source], boxes[arrows[i].target]
        sx = s.x + s.w if s.own else s.x
        tx = t.x + t.w if t.own else t.x
        routes[i] = [(sx, port[i, 0]), (x, port[i, 0]), (x, port[i, 1]), (tx, port[i, 1])]
    return routes


def _arrow(a: Arrow, points: list[tuple[float, float]], boxes: dict[str, Box], markers: str) -> str:
    d = " ".join(f"{'M' if i == 0 else 'L'}{x:g},{y:g}" for i, (x, y) in enumerate(points))
    stroke, start = STROKES[a.kind]
    marker = f'marker-end="url(#{markers}-{a.kind})"'
    if start:
        marker += f' marker-start="url(#{markers}-{a.kind})"'
    weight = compare(boxes[a.source].placed.node.instrument, boxes[a.target].placed.node.instrument)
    note = f" ({_WEIGHT_LABEL[weight]})" if weight else ""
    return (
        f'<path class="edge edge-{a.kind}" d="{d}" fill="none" stroke-linejoin="round" '
        f"{stroke} {marker} data-from={xml_attr(a.source)} data-to={xml_attr(a.target)}>"
        f"<title>{xml_text(f'{a.kind}{note}: {a.why}')}</title></path>"
    )


def _node(box: Box, d: Diagram, drawn: Collection[str] | None) -> str:
    node = box.placed.node
    start = node.id in d.starts
    border = (
        'stroke="#111827" stroke-width="3.5"' if start else 'stroke="#4b5563" stroke-width="1.2"'
    )
    fill = "#fef3c7" if node.instrument is None else "#ffffff" if box.own else "#eef1f5"
    text = _text(box.x + 8, box.y + 8 + FONT, box.title, FONT, fill="#111827")
    sub_y = box.y + 12 + len(box.title) * LINE + SMALL
    text += _text(box.x + 8, sub_y, box.sub, SMALL, fill="#374151")
    slug = f"{d.domain}-{d.agency}"
    classes = "node" + (" entry" if start else "") + ("" if box.own else " other")
    inside = (
        f"<title>{xml_text(node.title)}</title>"
        f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.w:g}" height="{box.h:g}" rx="8" '
        f'fill="{fill}" {border}/>{text}'
    )
    ident = f"node-{slug}-{node.id}"
    if not box.own and node.agency and (drawn is None or node.agency in drawn):
        return (  # another agency's step: to that agency's part
            f'<g class="{classes}" id="{ident}" data-other="{node.id}">'
            f'<a href="#stromenmodel-{d.domain}-{node.agency}">{inside}</a></g>'
        )
    if node.instrument is not None:  # a measure: it links to its description
        return (
            f'<g class="{classes}" id="{ident}" data-measure="{node.id}">'
            f'<a href="#{node.id}">{inside}</a></g>'
        )
    step = " step" if node.instrument is None else ""
    return f'<g class="{classes}{step}" id="{ident}">{inside}</g>'


def _legend(d: Diagram, top: float, markers: str) -> tuple[list[str], float]:
    """The legend under the part, one line an entry, wrapped: never cut off."""
    out = ['<g class="legend" fill="#111827">']
    y = top + 8
    text_x, width = PAD + 72, WIDTH - 2 * PAD - 72
    out.append(_text(PAD, y + SMALL, ["Legenda"], SMALL, font_weight="bold"))
    y += LINE + 4
    rows: list[tuple[str, str]] = []
    for kind in EDGE_KINDS:
        stroke, start = STROKES[kind]
        marker = f'marker-end="url(#{markers}-{kind})"'
        if start:
            marker += f' marker-start="url(#{markers}-{kind})"'
        sample = f'<path d="M{PAD + 4},{{mid}} L{PAD + 58},{{mid}}" fill="none" {stroke} {marker}/>'
        rows.append((sample, _KIND_WORDS[kind]))
    box = f'<rect x="{PAD + 4}" y="{{top}}" width="54" height="16" rx="4" '
    rows += [
        (
            box + 'fill="#ffffff" stroke="#111827" stroke-width="3.5"/>',
            "dikke rand: startpunt, een eerste trede waar geen pijl heen gaat en waar een "
            "route begint",
        ),
        (
            box + 'fill="#eef1f5" stroke="#4b5563"/>',
            "grijs vlak: een stap van een andere organisatie; de link gaat naar haar tekening",
        ),
        (box + 'fill="#fef3c7" stroke="#4b5563"/>', "geel vlak: een stap die geen maatregel is"),
    ]
    for sample, words in rows:
        lines = wrap(words, SMALL, width)
        mid = y + SMALL / 2 + 1
        out.append(sample.replace("{mid}", f"{mid:g}").replace("{top}", f"{mid - 8:g}"))
        out.append(_text(text_x, y + SMALL, lines, SMALL))
        y += len(lines) * (SMALL + 4) + 8
    said = (
        "De pijlen zijn door de redactie afgeleid uit de tekst: suggesties, geen vaste volgorde."
        if d.reconstructed
        else "De pijlen zijn suggesties, geen vaste volgorde."
    )
    lines = wrap(said, SMALL, WIDTH - 2 * PAD)
    out.append(_text(PAD, y + SMALL, lines, SMALL, font_style="italic"))
    y += len(lines) * (SMALL + 4)
    out.append("</g>")
    return out, y


def _describe(diagram: Diagram) -> str:
    counts = {k: sum(1 for a in diagram.arrows if a.kind == k) for k in EDGE_KINDS}
    return (
        f"{len(diagram.nodes)} stappen in {len(diagram.lanes)} organisaties; pijlen: "
        + ", ".join(f"{n} {k}" for k, n in counts.items())
        + ". De pijlen zijn suggesties, geen vaste volgorde."
    )
