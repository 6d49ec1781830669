"""Diagrams of the stromenmodel: golden files, well-formed deterministic SVG, and the CLI.

Regenerate the golden files after an intended change with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_diagrams.py` and review the diff.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, TESTS
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zorgtoolbox.diagrammodel import parts_of, wrap_words
from zorgtoolbox.diagrams import (
    RENDERERS,
    Arrow,
    Diagram,
    Placed,
    build_diagram,
    one_line,
    part_of,
    starting_points,
)
from zorgtoolbox.flowgraph import Node
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.models import EDGE_KINDS
from zorgtoolbox.svgdiagram import SMALL, WIDTH, wrap
from zorgtoolbox.validation import validate

GOLDEN = TESTS / "golden"
SUFFIX = {"tree": "tree.txt", "mermaid": "mmd", "dot": "dot", "svg": "svg"}
DATA = ["--data", str(FIXTURE_KB)]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = validate(FIXTURE_KB)
    assert result.kb is not None
    return result.kb


CASES = [(fmt, domain, None) for fmt in RENDERERS for domain in ("fraude", "overlast")]
CASES += [(fmt, "fraude", "dji") for fmt in RENDERERS]


@pytest.mark.parametrize(("fmt", "domain", "agency"), CASES)
def test_golden(kb: KnowledgeBase, fmt: str, domain: str, agency: str | None) -> None:
    text = RENDERERS[fmt](build_diagram(kb, domain, agency))
    name = f"{domain}{'-' + agency if agency else ''}.{SUFFIX[fmt]}"
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text, f"{name} changed; see the module docstring"


def test_tree_golden_content_is_what_the_flow_says() -> None:
    tree = (GOLDEN / "fraude.tree.txt").read_text(encoding="utf-8")
    assert (
        "│   └── vervolg → 2. Extra controle bij zorgaanbieders (dji-extra-controle) [dji · correctie]"
        in tree
    )
    assert "melding → OM beoordeelt (om-beoordeling) [om]" in tree


def test_svg_is_well_formed_and_links_every_node(kb: KnowledgeBase) -> None:
    for domain in ("fraude", "overlast"):
        svg = RENDERERS["svg"](build_diagram(kb, domain))
        root = ET.fromstring(svg)
        # no role="group" (the Nu checker refuses it on <svg>); named by its <title>
        assert root.tag == f"{SVG}svg" and root.get("role") is None
        title = root.find(f"{SVG}title")
        assert title is not None and root.get("aria-labelledby") == title.get("id")
        nodes = root.findall(f".//{SVG}g[@data-measure]")
        main = kb.toolbox.document  # another document's measures are never drawn in
        measures = {m.id for m in kb.measures if domain in m.domains and m.document == main}
        drawn = [g.get("data-measure") for g in nodes]
        # each measure links once, in its own agency's part; flow steps carry no link
        assert measures == set(drawn) and len(drawn) == len(measures)
        for g in nodes:
            link = g.find(f"{SVG}a")
            assert link is not None and link.get("href") == f"#{g.get('data-measure')}"
        edges = root.findall(f".//{SVG}path[@data-from]")
        # an arrow is drawn in the part of each agency it touches: twice if it crosses
        agency = {m.id: m.agency for m in kb.measures}
        agency |= {s.id: s.agency for f in kb.flows_of(main, domain) for s in f.steps}
        flow_edges = [e for f in kb.flows_of(main, domain) for e in f.edges]
        assert len(edges) == sum(len({agency[e.from_], agency[e.to]}) for e in flow_edges)
        kinds = {e.get("class") for e in edges}
        assert kinds <= {"edge edge-vervolg", "edge edge-melding", "edge edge-parallel"}


def test_edge_kinds_look_different(kb: KnowledgeBase) -> None:
    svg = RENDERERS["svg"](build_diagram(kb, "fraude"))
    root = ET.fromstring(svg)
    styles = {}
    for e in root.findall(f".//{SVG}path[@data-from]"):
        styles[e.get("class")] = (e.get("stroke"), e.get("stroke-dasharray"), e.get("marker-start"))
    assert len(set(styles.values())) == len(styles) == 3


def test_svg_is_deterministic(kb: KnowledgeBase) -> None:
    first = RENDERERS["svg"](build_diagram(kb, "fraude"))
    again = RENDERERS["svg"](build_diagram(validate(FIXTURE_KB).kb, "fraude"))  # type: ignore[arg-type]
    assert first == again


def test_svg_escapes_hostile_text(kb_dir: Path) -> None:
    path = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    path.write_text(
        path.read_text()
        .replace(
            "title: Gesprekken met zorgaanbieders", 'title: "<script>alert(1)</script> & \\"x\\""'
        )
        .replace("document: testbron\n", "document: testbron\nbasis: local\n")
    )
    kb = validate(kb_dir).kb
    assert kb is not None
    svg = RENDERERS["svg"](build_diagram(kb, "fraude"))
    ET.fromstring(svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    mermaid = RENDERERS["mermaid"](build_diagram(kb, "fraude"))
    assert "<script>" not in mermaid and '"x"' not in mermaid
    dot = RENDERERS["dot"](build_diagram(kb, "fraude"))
    assert '\\"x\\"' in dot


# --- the CLI --------------------------------------------------------------------------


def test_flow_tree_both_domains_by_default(invoke) -> None:
    result = invoke("flow", *DATA, env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert (
        result.stdout
        == (GOLDEN / "fraude.tree.txt").read_text()
        + "\n"
        + (GOLDEN / "overlast.tree.txt").read_text()
    )


@pytest.mark.parametrize("columns", [60, 80])
def test_flow_tree_follows_the_terminal_width(invoke, columns: int) -> None:
    """Long titles wrap under themselves instead of running past the terminal's edge;
    no word is lost or split."""
    result = invoke("flow", *DATA, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= columns
    wide = invoke("flow", *DATA, env={"COLUMNS": "120"}).stdout
    assert result.stdout.split() != wide.split() or columns >= 80
    assert sorted(set(wide.split()) - {"│", "├──", "└──"}) == sorted(
        set(result.stdout.split()) - {"│", "├──", "└──"}
    )


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "svg"])
def test_flow_formats_match_golden(invoke, fmt: str) -> None:
    result = invoke("flow", "--domain", "fraude", "--org", "DJI", "--format", fmt, *DATA)
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / f"fraude-dji.{SUFFIX[fmt]}").read_text()


def test_flow_out_writes_a_file(invoke, tmp_path: Path) -> None:
    out = tmp_path / "fraude.svg"
    result = invoke("flow", "--domain", "fraude", "-f", "svg", "--out", str(out), *DATA)
    assert result.exit_code == 0 and result.stdout == f"wrote {out}\n"
    assert out.read_text() == (GOLDEN / "fraude.svg").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "png"], "unknown format 'png'; choose from: tree, mermaid, dot, svg"),
        (
            ["--format", "svg"],
            "--format svg draws one domain: add --domain (fraude, overlast)",
        ),
        (["--domain", "fruade"], "unknown domain 'fruade'"),
        (["--org", "xyz"], "unknown agency 'xyz'"),
    ],
)
def test_flow_usage_errors(invoke, args: list[str], message: str) -> None:
    result = invoke("flow", *args, *DATA)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_flow_out_to_a_folder_is_refused(invoke, tmp_path: Path) -> None:
    result = invoke("flow", "--domain", "fraude", "--out", str(tmp_path), *DATA)
    assert result.exit_code == 2 and "is a folder" in result.stderr


def test_next_cli(invoke) -> None:
    result = invoke("next", "dji-extra-controle", "--domain", "fraude", *DATA)
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0] == "After: Extra controle bij zorgaanbieders (dji-extra-controle)"
    assert out[1] == "DJI · correctie · domain fraude"
    flat = " ".join(result.stdout.split())
    assert (
        "The arrows are suggestions, not a fixed order: any step can be chosen or skipped. "
        "«De pijlen geven suggesties voor vervolgstappen, geen vaste volgorde.» "
        "(Testtoolbox, Stromenmodel)"
    ) in flat
    assert "vervolg (next step)" in out and "parallel (at the same time)" in out
    assert "  → Opzeggen van contracten (dji-opzeggen) [dji · civielrecht, heavier]" in out
    assert "  → Aanwijzing of bevel (igj-aanwijzing) [igj · correctie, as heavy]" in out
    assert out[2].startswith("Stromenmodel of Testtoolbox (region Testregio, januari 2026)")


def test_next_cli_depth_and_json(invoke) -> None:
    result = invoke("next", "gemeente-huisverbod", "--depth", "3", "--json", *DATA)
    data = json.loads(result.stdout)
    assert data["measure"]["id"] == "gemeente-huisverbod"
    assert data["notice"].startswith("The arrows are suggestions")
    assert data["domains"] == ["overlast"]
    (first,) = data["steps"]
    assert (first["id"], first["kind"], first["weight"]) == (
        "gemeente-gesprek-veroorzaker",
        "vervolg",
        "lighter",
    )
    assert [s["id"] for s in first["next"]] == ["gemeente-gedragsaanwijzing"]
    assert first["next"][0]["next"] == []  # the cycle back to huisverbod is not repeated
    assert set(first) == {
        "id",
        "title",
        "agency",
        "instrument",
        "kind",
        "weight",
        "why",
        "flow",
        "next",
        "document",
        "basis",
        "strength",
        "quotes",
        "against",
    }
    assert (first["basis"], first["strength"], first["quotes"]) == ("local", None, [])


def test_next_with_nothing_to_suggest(invoke) -> None:
    result = invoke("next", "dji-opzeggen", *DATA)
    assert result.exit_code == 0
    assert "No next steps are suggested." in result.stdout
    assert "The arrows are suggestions" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["next", "dji-opzegen"], "no measure 'dji-opzegen'; did you mean 'dji-opzeggen'?"),
        (["next", "dji-"], "'dji-' matches 3 measures"),
        (
            ["next", "gemeente-huisverbod", "--domain", "fraude"],
            "'gemeente-huisverbod' is not in domain fraude (it is in overlast)",
        ),
        (["next", "dji-gesprek", "--domain", "xyz"], "unknown domain 'xyz'"),
        (["next", "dji-gesprek", "--depth", "0"], "--depth"),
        (["path", "dji-gesprek", "nergens"], "no measure 'nergens'"),
        (["path", "dji-gesprek", "igj-aanwijzing", "--max", "0"], "--max"),
    ],
)
def test_flow_commands_exit_2(invoke, args: list[str], message: str) -> None:
    result = invoke(*args, *DATA)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_path_cli(invoke) -> None:
    result = invoke("path", "dji-gesprek", "igj-aanwijzing", *DATA)
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0] == "Routes from dji-gesprek to igj-aanwijzing (domains fraude, overlast)"
    assert "Route 1: 2 steps · dji, igj" in out
    data = json.loads(invoke("path", "dji-gesprek", "igj-aanwijzing", "--json", *DATA).stdout)
    assert [n["id"] for n in data["routes"][0]["nodes"]] == [
        "dji-gesprek",
        "dji-extra-controle",
        "igj-aanwijzing",
    ]
    assert [s["kind"] for s in data["routes"][0]["steps"]] == ["vervolg", "parallel"]
    assert data["routes"][0]["agencies"] == ["dji", "igj"]


def test_path_none(invoke) -> None:
    result = invoke("path", "igj-aanwijzing", "gemeente-melding-ikz", *DATA)
    assert result.exit_code == 0
    assert "No arrow of the stromenmodel leads from the one to the other." in result.stdout
    data = json.loads(
        invoke("path", "igj-aanwijzing", "gemeente-melding-ikz", "--json", *DATA).stdout
    )
    assert (data["routes"], data["no_route"]) == ([], "not-connected")


@pytest.mark.parametrize(
    ("source", "target", "said"),
    [
        ("dji-gesprek", "kader-last-onder-dwangsom", "belong to different documents"),
        ("gemeente-huisverbod", "dji-opzeggen", "share no domain"),
        ("dji-gesprek", "dji-gesprek", "one and the same measure"),
    ],
)
def test_path_says_why_there_is_no_route(invoke, source: str, target: str, said: str) -> None:
    result = invoke("path", source, target, *DATA)
    assert result.exit_code == 0
    assert said in " ".join(result.stdout.split())


def test_path_can_follow_ladder_steps(invoke, kb_dir: Path) -> None:
    flow = kb_dir / "flows" / "fraude.yaml"
    text = flow.read_text()
    start = text.index("  - from: dji-extra-controle\n    to: dji-opzeggen")
    end = text.find("  - from:", start + 10)
    flow.write_text(text[:start] + (text[end:] if end != -1 else ""))
    data = ["--data", str(kb_dir)]
    plain = invoke("path", "dji-extra-controle", "dji-opzeggen", *data)
    assert "add --ladder to see it" in " ".join(plain.stdout.split())
    laddered = invoke("path", "dji-extra-controle", "dji-opzeggen", "--ladder", *data)
    assert "ladder → Opzeggen van contracten (dji-opzeggen)" in laddered.stdout


# --- readable at the width of a page ---------------------------------------------------

PARTS = [(d, a) for d in ("fraude", "overlast") for a in (None, "gemeente", "dji", "igj")]


def _svg(kb: KnowledgeBase, domain: str, agency: str | None) -> ET.Element:
    return ET.fromstring(RENDERERS["svg"](build_diagram(kb, domain, agency)))


def _view(root: ET.Element) -> tuple[float, float]:
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    assert (x, y) == (0, 0)
    return w, h


@pytest.mark.parametrize(("domain", "agency"), PARTS)
def test_svg_scales_to_its_column(kb: KnowledgeBase, domain: str, agency: str | None) -> None:
    """A viewBox as wide as the reading column and width 100%: the SVG never sets a
    pixel width wider than the page, and nothing is drawn outside its viewBox."""
    root = _svg(kb, domain, agency)
    width, height = _view(root)
    assert width == WIDTH <= 950 and root.get("width") == "100%" and root.get("height") is None
    for rect in root.iter(f"{SVG}rect"):
        x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
        w, h = float(rect.get("width", 0)), float(rect.get("height", 0))
        assert x >= 0 and x + w <= width and y >= 0 and y + h <= height
    for span in root.iter(f"{SVG}tspan"):
        assert 0 <= float(span.get("x", 0)) < width and 0 < float(span.get("y", 0)) <= height
    for path in root.iter(f"{SVG}path"):
        for x, y in _points(path.get("d", "")):
            assert 0 <= x <= width and 0 <= y <= height
    sizes = {float(t.get("font-size", 0)) for t in root.iter(f"{SVG}text")}
    assert min(sizes) >= SMALL >= 14  # one unit ≈ one pixel at the handbook's column


@pytest.mark.parametrize(("domain", "agency"), PARTS)
def test_titles_wrap_in_full(kb: KnowledgeBase, domain: str, agency: str | None) -> None:
    svg = RENDERERS["svg"](build_diagram(kb, domain, agency))
    assert "…" not in svg
    root = ET.fromstring(svg)
    titles = {m.id: m for m in kb.measures}
    for g in root.iter(f"{SVG}g"):
        node = g.get("data-measure") or g.get("data-other")
        if node is None or node not in titles:
            continue
        first = next(g.iter(f"{SVG}text"))  # the title; the next text is the class line
        lines = [t.text or "" for t in first.iter(f"{SVG}tspan")]
        pos = kb.rungs(titles[node]).get(domain)
        full = f"{pos}. {titles[node].title}" if pos else titles[node].title
        assert " ".join(lines) == " ".join(full.split())


def _points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", d)]


def _segments(root: ET.Element) -> list[tuple[int, tuple[float, float], tuple[float, float]]]:
    out = []
    for i, path in enumerate(root.iter(f"{SVG}path")):
        if path.get("data-from") is None:
            continue
        pts = _points(path.get("d", ""))
        out += [(i, a, b) for a, b in itertools.pairwise(pts) if a != b]
    return out


def closest_parallel_arrows(root: ET.Element) -> float:
    """The smallest distance between parallel, overlapping segments of two arrows."""
    best = math.inf
    for (i, a, b), (j, c, e) in itertools.combinations(_segments(root), 2):
        if i == j:
            continue
        for axis in (0, 1):  # 0: horizontal segments (same y), 1: vertical (same x)
            along, across = axis, 1 - axis
            if a[across] == b[across] and c[across] == e[across]:
                lo = max(min(a[along], b[along]), min(c[along], e[along]))
                hi = min(max(a[along], b[along]), max(c[along], e[along]))
                if hi - lo > 0:
                    best = min(best, abs(a[across] - c[across]))
    return best


def boxes_crossed(root: ET.Element) -> list[str]:
    """Arrow segments that run through a node's box (not just to its edge)."""
    boxes = [
        (g.get("id"), *(float(r.get(k, 0)) for k in ("x", "y", "width", "height")))
        for g in root.iter(f"{SVG}g")
        if "node" in (g.get("class") or "").split()
        for r in g.iter(f"{SVG}rect")
    ]
    crossed = []
    for _i, a, b in _segments(root):
        for name, x, y, w, h in boxes:
            lo_x, hi_x = sorted((a[0], b[0]))
            lo_y, hi_y = sorted((a[1], b[1]))
            if lo_x < x + w - 1 and hi_x > x + 1 and lo_y < y + h - 1 and hi_y > y + 1:
                crossed.append(f"{name}: {a}-{b}")
    return crossed


@pytest.mark.parametrize(("domain", "agency"), PARTS)
def test_arrows_keep_apart(kb: KnowledgeBase, domain: str, agency: str | None) -> None:
    root = _svg(kb, domain, agency)
    assert closest_parallel_arrows(root) >= 8
    assert boxes_crossed(root) == []


@st.composite
def diagrams(draw: st.DrawFn) -> Diagram:
    """An agency's part with up to six rungs, up to five other agencies' steps and
    arrows between them in any direction: denser than any domain of the Toolbox."""
    rungs = draw(st.integers(1, 6))
    others = draw(st.integers(0, 5))
    own = [
        Node(f"a{i}", "Een maatregel " * draw(st.integers(1, 6)), "a", "correctie", {"d": i + 1})
        for i in range(rungs)
    ]
    far = [Node(f"b{i}", "Stap", f"o{i % 2}", "signalering", {"d": 1}) for i in range(others)]
    placed = [Placed(n, 0, i + 1, i == 0) for i, n in enumerate(own)]
    placed += [Placed(n, 1 + i % 2, i + 1, False) for i, n in enumerate(far)]
    ids = [n.id for n in own + far]
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(EDGE_KINDS)),
            max_size=12,
            unique=True,
        )
    )
    arrows = [
        Arrow(s, t, k, "waarom", "f")
        for s, t, k in pairs
        if s != t and (s.startswith("a") or t.startswith("a"))
    ]
    whole = Diagram(
        "d",
        None,
        ["f"],
        [("a", "A"), ("o0", "O0"), ("o1", "O1")],
        placed,
        arrows,
        "doc",
        True,
        starting_points(placed, arrows),
    )
    return part_of(whole, "a")


@settings(max_examples=200, deadline=None)
@given(diagrams())
def test_cutting_every_part_at_once_is_cutting_each(diagram: Diagram) -> None:
    whole = diagram._replace(agency=None)
    expected = [(a, heading, part_of(whole, a)) for a, heading in whole.lanes]
    assert parts_of(whole) == expected


@settings(max_examples=60, deadline=None)
@given(diagrams())
def test_arrows_keep_apart_in_any_part(diagram: Diagram) -> None:
    root = ET.fromstring(RENDERERS["svg"](diagram))
    width, height = _view(root)
    assert closest_parallel_arrows(root) >= 8
    assert boxes_crossed(root) == []
    for path in root.iter(f"{SVG}path"):
        for x, y in _points(path.get("d", "")):
            assert 0 <= x <= width and 0 <= y <= height


@given(st.text(max_size=300), st.integers(10, 20), st.integers(60, 900))
@example("000000000 00000000000", 10, 60)  # a long word split after a space
def test_wrapping_loses_and_moves_nothing(text: str, font: int, width: int) -> None:
    lines = wrap(text, font, width)
    assert "".join("".join(line.split()) for line in lines) == "".join(one_line(text).split())
    assert all(line == line.strip() for line in lines)
    chars = max(8, math.floor(width / (font * 0.6)))
    assert all(len(line) <= chars for line in lines)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.text(st.sampled_from("ab-é\u00a0\u2003\x1c0"), min_size=1, max_size=25), max_size=12
    ),
    st.integers(1, 40),
)
def test_wrap_words_is_textwrap(words: list[str], width: int) -> None:
    """The diagrams' own word wrap gives what textwrap gives, long words and all."""
    line = one_line(" ".join(words))
    assert wrap_words(line, width) == textwrap.wrap(line, width, break_on_hyphens=False)


@given(st.text(st.sampled_from(" \t\n\u00a0\u2003\x1cab-"), max_size=120), st.integers(10, 20))
def test_wrapping_a_short_text_is_what_textwrap_gives(text: str, font: int) -> None:
    """The shortcut for a text that fits on one line changes nothing."""
    wrap.cache_clear()
    for width in (60, 200, 900):
        chars = max(8, math.floor(width / (font * 0.6)))
        slow = textwrap.wrap(one_line(text), chars, break_on_hyphens=False)
        assert wrap(text, font, width) == (tuple(line.strip() for line in slow) or ("",))


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_svg_titles_are_escaped_and_complete(title: str) -> None:
    node = Node("m", title, "a", "correctie", {"d": 1})
    placed = [Placed(node, 0, 1, True)]
    diagram = Diagram("d", "a", ["f"], [("a", "A")], placed, [], "doc", False, frozenset())
    root = ET.fromstring(RENDERERS["svg"](diagram))  # well-formed, whatever the title
    g = next(g for g in root.iter(f"{SVG}g") if g.get("data-measure") == "m")
    spans = [t.text or "" for t in next(g.iter(f"{SVG}text")).iter(f"{SVG}tspan")]
    expected = re.sub(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]",
        "\ufffd",
        "".join(one_line(f"1. {title}").split()),
    )
    assert "".join("".join(span.split()) for span in spans) == expected
    assert not root.findall(f".//{SVG}script")


def test_starting_points_are_few_and_follow_the_rule(kb: KnowledgeBase) -> None:
    """Bold only for an entry point of its flow that no arrow reaches and one leaves:
    igj-signalen is an entry point, but the gemeente's melding reaches it."""
    fraude = build_diagram(kb, "fraude")
    assert {p.node.id for p in fraude.nodes if p.entry} == {
        "gemeente-melding-ikz",
        "dji-gesprek",
        "igj-signalen",
    }
    assert fraude.starts == {"gemeente-melding-ikz", "dji-gesprek"}
    overlast = build_diagram(kb, "overlast")  # gesprek is reached from huisverbod; the
    assert overlast.starts == {"dji-gesprek"}  # IGJ's aanwijzing starts no arrow
    root = ET.fromstring(RENDERERS["svg"](fraude))
    bold = {
        g.get("data-measure") or g.get("data-other")
        for g in root.iter(f"{SVG}g")
        if "entry" in (g.get("class") or "").split()
    }
    assert bold == {"gemeente-melding-ikz", "dji-gesprek"}
    legend = " ".join(
        t.text or ""
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "legend"
        for t in g.iter(f"{SVG}tspan")
    )
    assert (
        "startpunt, een eerste trede waar geen pijl heen gaat en waar een route begint"
        in " ".join(legend.split())
    )
    mermaid = RENDERERS["mermaid"](fraude)
    assert "  class n_gemeente_melding_ikz,n_dji_gesprek entry\n" in mermaid


def _ladder_edges(dot: str) -> list[tuple[str, str]]:
    return re.findall(r'^    "([^"]+)" -> "([^"]+)" \[style=invis, weight=10', dot, re.M)


def test_dot_keeps_every_ladder_in_order(kb: KnowledgeBase) -> None:
    """Invisible heavy edges chain each agency's rungs top down; an arrow back up a
    ladder (huisverbod → gesprek) does not rank, so it cannot turn the ladder around."""
    dot = RENDERERS["dot"](build_diagram(kb, "overlast"))
    chain = _ladder_edges(dot)
    assert ("gemeente-gesprek-veroorzaker", "gemeente-gedragsaanwijzing") in chain
    assert ("gemeente-gedragsaanwijzing", "gemeente-huisverbod") in chain
    assert (
        '"gemeente-huisverbod" -> "gemeente-gesprek-veroorzaker" '
        '[label="vervolg", style=solid, constraint=false];'
    ) in dot
    for domain in ("fraude", "overlast"):
        diagram = build_diagram(kb, domain)
        chain = _ladder_edges(RENDERERS["dot"](diagram))
        for agency, _ in diagram.lanes:  # every agency, not only the gemeente
            rungs = sorted(
                (p for p in diagram.nodes if p.node.agency == agency),
                key=lambda p: (p.row, p.node.id),
            )
            expected = list(itertools.pairwise(p.node.id for p in rungs))
            assert [e for e in chain if e[0] in {p.node.id for p in rungs}] == expected
    three = _ladder_edges(RENDERERS["dot"](build_diagram(kb, "fraude", "dji")))
    assert three == [("dji-gesprek", "dji-extra-controle"), ("dji-extra-controle", "dji-opzeggen")]


def test_mermaid_draws_ladders_top_down(kb: KnowledgeBase) -> None:
    for domain in ("fraude", "overlast"):
        text = RENDERERS["mermaid"](build_diagram(kb, domain, "gemeente"))
        assert "flowchart TD\n" in text
        assert "flowchart TB" not in text and "flowchart LR" not in text
        assert "direction" not in text  # ignored by Mermaid where arrows leave a lane
    text = RENDERERS["mermaid"](build_diagram(kb, "overlast", "gemeente"))
    assert (
        "    n_gemeente_gesprek_veroorzaker ~~~ n_gemeente_gedragsaanwijzing\n"
        "    n_gemeente_gedragsaanwijzing ~~~ n_gemeente_huisverbod\n"
    ) in text
    assert '["2. Extra controle bij<br/>zorgaanbieders"]' in RENDERERS["mermaid"](
        build_diagram(kb, "fraude", "dji")
    )


def test_every_part_says_it_is_reconstructed(kb: KnowledgeBase) -> None:
    for domain in ("fraude", "overlast"):
        whole = build_diagram(kb, domain)
        for agency, _ in whole.lanes:
            part = part_of(whole, agency)
            if not part.arrows:
                continue
            svg = RENDERERS["svg"](part)
            assert f"Stromenmodel {domain}, {agency}, gereconstrueerd uit de tekst" in svg
            assert "afgeleid uit de tekst" in svg  # in the legend, so also in print
            assert "gereconstrueerd uit de tekst" in RENDERERS["mermaid"](part)
