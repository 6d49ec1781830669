"""The stromenmodel graph (flowgraph.py): next steps, follow-up trees and routes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_KB, load_kb

from zorgtoolbox.cli.words import describe
from zorgtoolbox.errors import NotInDomain
from zorgtoolbox.flowgraph import FlowGraph, compare, next_steps, routes
from zorgtoolbox.kb import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


def flat(tree) -> list[tuple[str, str, str | None, int]]:
    """(id, kind, weight, depth) in display order."""
    out = []

    def walk(nodes, depth):
        for n in nodes:
            out.append((n.step.node.id, n.step.kind, n.step.weight, depth))
            walk(n.children, depth + 1)

    walk(tree, 1)
    return out


def test_next_steps_grouped_by_kind_with_weight(kb: KnowledgeBase) -> None:
    domains, tree = next_steps(kb, kb.measures_by_id["dji-extra-controle"], "fraude")
    assert domains == ["fraude"]
    assert flat(tree) == [
        ("dji-opzeggen", "vervolg", "heavier", 1),
        ("igj-aanwijzing", "parallel", "same", 1),
    ]
    whys = [t.step.why for t in tree]
    assert whys == [
        "Werken andere maatregelen niet, dan kan DJI het contract opzeggen.",
        "Samen optreden.",
    ]


def test_each_step_says_what_it_rests_on(kb: KnowledgeBase) -> None:
    """A reconstructed arrow is derived, with its strength and quoted passages; an arrow
    the region added is local and quotes nothing."""
    _, tree = next_steps(kb, kb.measures_by_id["dji-extra-controle"], "fraude")
    derived, local = tree[0].step, tree[1].step
    assert (derived.basis, derived.strength) == ("derived", "named")
    assert [(q.text, q.document, q.section) for q in derived.quotes] == [
        (
            "Als andere maatregelen niet effectief zijn, kan DJI het contract opzeggen.",
            "testbron",
            "Maatregelen Fraude, DJI",
        )
    ]
    assert (local.basis, local.strength, local.quotes) == ("local", None, ())


def test_a_measure_of_another_document_walks_only_its_own_flows(kb: KnowledgeBase) -> None:
    """The other document's instrument is linked to a Toolbox measure only by `related`:
    no arrow of the Toolbox's stromenmodel reaches it, and its document sets no order, so
    there is no 'next rung' either."""
    domains, tree = next_steps(kb, kb.measures_by_id["kader-schriftelijke-waarschuwing"])
    assert domains == ["fraude"]
    assert tree == []
    m = kb.measures_by_id
    found = routes(kb, m["dji-gesprek"], m["kader-last-onder-dwangsom"], 3)
    assert (found.routes, found.reason) == ([], "other-document")


def test_parallel_edges_work_both_ways_and_steps_have_no_weight(kb: KnowledgeBase) -> None:
    _, tree = next_steps(kb, kb.measures_by_id["igj-aanwijzing"], "fraude")
    assert flat(tree) == [
        ("dji-extra-controle", "parallel", "same", 1),
        ("om-beoordeling", "melding", None, 1),
    ]
    step = tree[1].step
    assert (step.node.title, step.node.agency, step.node.instrument) == (
        "OM beoordeelt",
        "om",
        None,
    )


def test_without_domain_all_domains_of_the_measure(kb: KnowledgeBase) -> None:
    domains, tree = next_steps(kb, kb.measures_by_id["dji-gesprek"])
    assert domains == ["fraude", "overlast"]
    assert flat(tree) == [("dji-extra-controle", "vervolg", "heavier", 1)]


def test_ladder_rung_when_no_arrow_says_so(kb_dir: Path) -> None:
    flow = kb_dir / "flows" / "fraude.yaml"
    text = flow.read_text()
    edge = (
        "  - from: dji-gesprek\n    to: dji-extra-controle\n    kind: vervolg\n"
        "    strength: named\n    reason: Helpt het gesprek niet, dan volgt controle.\n"
        "    quotes:\n      - text: Als het gesprek niet helpt, volgt controle.\n"
        "        section: Maatregelen Fraude, DJI\n"
    )
    assert edge in text
    flow.write_text(text.replace(edge, ""))
    kb = load_kb(kb_dir)
    _, tree = next_steps(kb, kb.measures_by_id["dji-gesprek"], "fraude")
    assert flat(tree) == [("dji-extra-controle", "ladder", "heavier", 1)]
    assert "ladder" in str(tree[0].step.why)


def test_depth_tree_stops_at_a_cycle(kb: KnowledgeBase) -> None:
    _, tree = next_steps(kb, kb.measures_by_id["gemeente-gesprek-veroorzaker"], "overlast", depth=5)
    assert flat(tree) == [
        ("gemeente-gedragsaanwijzing", "vervolg", "heavier", 1),
        ("gemeente-huisverbod", "vervolg", "same", 2),
    ]
    _, tree = next_steps(kb, kb.measures_by_id["gemeente-huisverbod"], "overlast", depth=5)
    assert flat(tree) == [
        ("gemeente-gesprek-veroorzaker", "vervolg", "lighter", 1),
        ("gemeente-gedragsaanwijzing", "vervolg", "heavier", 2),
    ]


def test_depth_limits_the_tree(kb: KnowledgeBase) -> None:
    _, tree = next_steps(kb, kb.measures_by_id["gemeente-gesprek-veroorzaker"], "overlast", depth=1)
    assert flat(tree) == [("gemeente-gedragsaanwijzing", "vervolg", "heavier", 1)]


def test_depth_tree_never_repeats_a_measure(kb: KnowledgeBase) -> None:
    _, tree = next_steps(kb, kb.measures_by_id["gemeente-melding-ikz"], "fraude", depth=10)
    ids = [row[0] for row in flat(tree)]
    assert len(ids) == len(set(ids))
    assert ids == [
        "igj-signalen",
        "igj-aanwijzing",
        "dji-extra-controle",
        "dji-opzeggen",
        "om-beoordeling",
    ]


def test_measure_outside_the_domain(kb: KnowledgeBase) -> None:
    with pytest.raises(NotInDomain) as caught:
        next_steps(kb, kb.measures_by_id["gemeente-huisverbod"], "fraude")
    assert (caught.value.measure, caught.value.domain, caught.value.domains) == (
        "gemeente-huisverbod",
        "fraude",
        ("overlast",),
    )
    assert str(describe(caught.value)) == (
        "'gemeente-huisverbod' is not in domain fraude (it is in overlast)"
    )


def test_routes_shortest_first(kb_dir: Path) -> None:
    flow = kb_dir / "flows" / "fraude.yaml"
    flow.write_text(
        flow.read_text()
        + "  - from: gemeente-melding-ikz\n    to: dji-gesprek\n    kind: melding\n    basis: local\n"
    )
    kb = load_kb(kb_dir)
    m = kb.measures_by_id
    domains, found, reason = routes(kb, m["gemeente-melding-ikz"], m["igj-aanwijzing"], 5)
    assert domains == ["fraude", "overlast"] and reason == ""  # every domain either end is in
    assert [[n.id for n in r.nodes] for r in found] == [
        ["gemeente-melding-ikz", "igj-signalen", "igj-aanwijzing"],
        ["gemeente-melding-ikz", "dji-gesprek", "dji-extra-controle", "igj-aanwijzing"],
    ]
    assert [s.kind for s in found[1].steps] == ["melding", "vervolg", "parallel"]
    assert found[1].agencies == ["gemeente", "dji", "igj"]
    assert len(routes(kb, m["gemeente-melding-ikz"], m["igj-aanwijzing"], 1).routes) == 1


def test_no_route_says_why(kb: KnowledgeBase) -> None:
    m = kb.measures_by_id

    def why(a: str, b: str, **kwargs) -> tuple[list, str]:
        found = routes(kb, m[a], m[b], 3, **kwargs)
        return found.routes, found.reason

    assert why("igj-aanwijzing", "gemeente-melding-ikz") == ([], "not-connected")
    assert why("gemeente-huisverbod", "dji-opzeggen") == ([], "no-common-domain")
    assert why("dji-gesprek", "dji-gesprek") == ([], "same")
    # gemeente-gesprek-veroorzaker → gedragsaanwijzing is an arrow; gemeente-melding-ikz
    # (fraude, rung 1) has no arrow to dji-opzeggen, but DJI's ladder and the arrows do
    assert why("dji-gesprek", "dji-opzeggen", domain="fraude")[1] == ""


def test_a_route_over_ladder_steps_only_is_said_and_followed_on_request(kb_dir: Path) -> None:
    """dji-extra-controle → dji-opzeggen is an arrow; remove it, and only DJI's own
    ladder (rung 2 → rung 3) still joins them."""
    flow = kb_dir / "flows" / "fraude.yaml"
    text = flow.read_text()
    start = text.index("  - from: dji-extra-controle\n    to: dji-opzeggen")
    end = text.find("  - from:", start + 10)
    flow.write_text(text[:start] + (text[end:] if end != -1 else ""))
    kb = load_kb(kb_dir)
    m = kb.measures_by_id
    found = routes(kb, m["dji-extra-controle"], m["dji-opzeggen"], 3)
    assert (found.routes, found.reason) == ([], "only-ladder")
    laddered = routes(kb, m["dji-extra-controle"], m["dji-opzeggen"], 3, ladder=True)
    assert laddered.reason == ""
    assert [[s.kind for s in r.steps] for r in laddered.routes] == [["ladder"]]


def test_compare() -> None:
    assert compare("advies", "strafrecht") == "heavier"
    assert compare("strafrecht", "advies") == "lighter"
    assert compare("correctie", "correctie") == "same"
    assert compare(None, "advies") is None


def test_graph_holds_every_edge(kb: KnowledgeBase) -> None:
    graph = FlowGraph.for_document(kb, "testbron", ["fraude"]).graph
    # 6 edges, the parallel one walkable both ways
    assert graph.number_of_edges() == 7
