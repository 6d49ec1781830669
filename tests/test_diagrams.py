"""Diagrams of the stromenmodel: golden files, well-formed deterministic SVG, and the CLI.

Regenerate the golden files after an intended change with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_diagrams.py` and review the diff.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, TESTS

from zorgtoolbox.diagrams import RENDERERS, build_diagram
from zorgtoolbox.kb import KnowledgeBase
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
        assert root.tag == f"{SVG}svg" and root.get("role") == "group"
        nodes = root.findall(f".//{SVG}g[@data-measure]")
        main = kb.toolbox.document  # another document's measures are never drawn in
        measures = {m.id for m in kb.measures if domain in m.domains and m.document == main}
        drawn = {g.get("data-measure") for g in nodes}
        assert measures == drawn  # flow steps that are no measure carry no link
        for g in nodes:
            link = g.find(f"{SVG}a")
            assert link is not None and link.get("href") == f"#{g.get('data-measure')}"
        edges = root.findall(f".//{SVG}path[@data-from]")
        flow_edges = sum(len(f.edges) for f in kb.flows_of(main, domain))
        assert len(edges) == flow_edges
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
