"""The query layer (queries.py) on the fixture knowledge base, whose answers are known."""

from __future__ import annotations

import itertools

import pytest
from conftest import FIXTURE_KB

from zorgtoolbox.cli import userinput
from zorgtoolbox.cli.words import describe
from zorgtoolbox.errors import EmptyQuery, ZorgtoolboxError
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.names import choose
from zorgtoolbox.names import find_agency as resolve_agency
from zorgtoolbox.names import find_measure as resolve_measure
from zorgtoolbox.queries import (
    ladder_placements,
    lookup_terms,
    measure_details,
    measures_about,
    search,
    select_measures,
)
from zorgtoolbox.text import fold, within_distance
from zorgtoolbox.validation import validate


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = validate(FIXTURE_KB)
    assert result.kb is not None
    return result.kb


def make_filter(kb: KnowledgeBase, **given: str):
    """The filter of `measures` for what was typed (`domain` as the option's value)."""
    values = {"org": None, "instrument": None, "target": None, "source": None, **given}
    return userinput.measure_filter(kb, domain_name=values.pop("domain", None), **values)


def ids(measures) -> list[str]:
    return [m.id for m in measures]


def test_ladder_order_per_agency_and_domain(kb: KnowledgeBase) -> None:
    f = make_filter(kb, org="dji", domain="overlast")
    assert ids(select_measures(kb, f)) == ["dji-gesprek", "dji-extra-controle"]
    placements = ladder_placements(kb, make_filter(kb, org="dji"))
    assert [(p.measure.id, p.domain, p.position) for p in placements] == [
        ("dji-gesprek", "fraude", 1),
        ("dji-extra-controle", "fraude", 2),
        ("dji-opzeggen", "fraude", 3),
        ("dji-gesprek", "overlast", 1),
        ("dji-extra-controle", "overlast", 2),
    ]


def test_measures_in_several_domains_are_listed_once(kb: KnowledgeBase) -> None:
    assert ids(select_measures(kb, make_filter(kb, org="dji"))) == [
        "dji-gesprek",
        "dji-extra-controle",
        "dji-opzeggen",
    ]


@pytest.mark.parametrize(
    "name",
    ["dji", "DJI", "Dji", "Dienst Justitiële Inrichtingen", "dienst justitiele inrichtingen"],
)
def test_agency_by_id_or_name_any_case(kb: KnowledgeBase, name: str) -> None:
    assert resolve_agency(kb, name).id == "dji"


def test_unknown_agency_lists_the_choices(kb: KnowledgeBase) -> None:
    with pytest.raises(ZorgtoolboxError) as exc:
        resolve_agency(kb, "dij")
    assert str(describe(exc.value)).startswith(
        "unknown agency 'dij'; choose from: gemeente, dji, igj, om; did you mean"
    )


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"instrument": "bestuursrecht"},
            ["gemeente-gedragsaanwijzing", "gemeente-huisverbod", "kader-last-onder-dwangsom"],
        ),
        (
            {"instrument": "BESTUURS", "source": "testbron"},
            ["gemeente-gedragsaanwijzing", "gemeente-huisverbod"],
        ),
        (
            {"source": "testkader"},
            ["kader-schriftelijke-waarschuwing", "kader-last-onder-dwangsom"],
        ),
        (
            {"target": "veroorzaker"},
            ["gemeente-gesprek-veroorzaker", "gemeente-gedragsaanwijzing", "gemeente-huisverbod"],
        ),
        (
            {"domain": "Fraude", "instrument": "signalering"},
            ["gemeente-melding-ikz", "igj-signalen"],
        ),
        ({"source": "testbron", "org": "igj"}, ["igj-signalen", "igj-aanwijzing"]),
        ({"org": "om"}, []),
        ({"target": "client"}, []),
    ],
)
def test_filters(kb: KnowledgeBase, kwargs: dict[str, str], expected: list[str]) -> None:
    assert ids(select_measures(kb, make_filter(kb, **kwargs))) == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"domain": "fruade"},
            "unknown domain 'fruade'; choose from: fraude, overlast; did you mean 'fraude'?",
        ),
        (
            {"instrument": "boete"},
            "unknown instrument class 'boete'; choose from: signalering, advies, correctie, bestuursrecht, civielrecht, strafrecht",
        ),
        (
            {"target": "buren"},
            "unknown target 'buren'; choose from: zorgaanbieder, cliënt, veroorzaker, verhuurder, buurt",
        ),
        (
            {"source": "handhavingskader"},
            "unknown source document 'handhavingskader'; choose from: testbron",
        ),
    ],
)
def test_unknown_filter_values(kb: KnowledgeBase, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ZorgtoolboxError) as exc:
        make_filter(kb, **kwargs)
    assert message in str(describe(exc.value))


def test_choose_needs_a_unique_prefix() -> None:
    with pytest.raises(ZorgtoolboxError):
        choose("c", ["correctie", "civielrecht"], "instrument class")
    assert choose("co", ["correctie", "civielrecht"], "instrument class") == "correctie"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dji-opzeggen", "dji-opzeggen"),  # id
        ("dji-opz", "dji-opzeggen"),  # unique id prefix
        ("extra-controle", "dji-extra-controle"),  # part of the id
        ("huisverbod", "gemeente-huisverbod"),  # title fragment
        ("Tijdelijk Huisverbod", "gemeente-huisverbod"),  # whole title, any case
        ("gesprek met de", "gemeente-gesprek-veroorzaker"),
    ],
)
def test_resolve_measure(kb: KnowledgeBase, name: str, expected: str) -> None:
    assert resolve_measure(kb, name).id == expected


def test_ambiguous_measure_lists_candidates(kb: KnowledgeBase) -> None:
    with pytest.raises(ZorgtoolboxError) as exc:
        resolve_measure(kb, "dji-")
    assert (
        "'dji-' matches 3 measures: dji-gesprek (Gesprekken met zorgaanbieders); dji-extra-controle"
        in str(describe(exc.value))
    )


def test_unknown_measure_suggests(kb: KnowledgeBase) -> None:
    with pytest.raises(ZorgtoolboxError) as exc:
        resolve_measure(kb, "dji-opzegen")
    assert str(describe(exc.value)).startswith(
        "no measure 'dji-opzegen'; did you mean 'dji-opzeggen'?"
    )
    with pytest.raises(ZorgtoolboxError) as exc:
        resolve_measure(kb, "qqqq")
    assert str(describe(exc.value)) == "no measure 'qqqq' (see 'zorgtoolbox measures')"


def test_measure_details_edges_both_ways(kb: KnowledgeBase) -> None:
    details = measure_details(kb, kb.measures_by_id["dji-extra-controle"])
    out = {(link.flow.id, link.edge.kind, link.other) for link in details.outgoing}
    into = {(link.flow.id, link.edge.kind, link.other) for link in details.incoming}
    assert out == {("fraude", "vervolg", "dji-opzeggen"), ("fraude", "parallel", "igj-aanwijzing")}
    assert into == {("fraude", "vervolg", "dji-gesprek"), ("overlast", "vervolg", "dji-gesprek")}
    steps = measure_details(kb, kb.measures_by_id["igj-aanwijzing"]).outgoing
    assert [(s.other, s.other_title, s.other_agency) for s in steps] == [
        ("om-beoordeling", "OM beoordeelt", "om")
    ]


def test_glossary_lookup(kb: KnowledgeBase) -> None:
    assert [t.term for t in lookup_terms(kb, None)] == ["Informatie Knooppunt Zorgfraude", "Cliënt"]
    assert [t.term for t in lookup_terms(kb, "ikz")] == ["Informatie Knooppunt Zorgfraude"]
    assert [t.term for t in lookup_terms(kb, "client")] == ["Cliënt"]
    assert [t.term for t in lookup_terms(kb, "knooppunt")] == ["Informatie Knooppunt Zorgfraude"]
    assert lookup_terms(kb, "boete") == []


def test_search_is_accent_insensitive(kb: KnowledgeBase) -> None:
    hits = search(kb, "client")
    assert ("term", "Cliënt") in [(h.kind, h.id) for h in hits]
    assert ("measure", "gemeente-gesprek-veroorzaker") in [(h.kind, h.id) for h in hits]
    assert [h.id for h in search(kb, "beeindiging")] == ["gemeente-huisverbod"]
    assert [h.id for h in search(kb, "BEËINDIGING")] == ["gemeente-huisverbod"]


def test_search_tolerates_small_typos(kb: KnowledgeBase) -> None:
    assert search(kb, "gedragsaanwijzng")[0].id == "gemeente-gedragsaanwijzing"
    assert search(kb, "huisverbdo")[0].id == "gemeente-huisverbod"  # swapped letters
    hit = search(kb, "huisverbdo")[0]
    assert hit.matches[0].exact is False
    assert search(kb, "xylofoon") == []


@pytest.mark.parametrize("query", ["signalen", "gesprekken", "aanwijzing", "controle", "ikz"])
def test_search_ranks_title_hits_above_description_hits(kb: KnowledgeBase, query: str) -> None:
    hits = search(kb, query)
    assert hits
    in_title = [any(m.field in ("title", "term") for m in h.matches) for h in hits]
    assert in_title == sorted(in_title, reverse=True), [(h.id, h.score) for h in hits]


def test_search_title_hit_first_example(kb: KnowledgeBase) -> None:
    hits = {h.id: h for h in search(kb, "signalen")}
    assert next(iter(hits)) == "igj-signalen"
    assert hits["igj-signalen"].matches[0].field == "title"
    assert [m.field for m in hits["dji-gesprek"].matches] == ["description"]
    assert hits["igj-signalen"].score > hits["dji-gesprek"].score


def test_search_says_why(kb: KnowledgeBase) -> None:
    (hit,) = [h for h in search(kb, "beeindiging")]
    match = hit.matches[0]
    assert match.field == "description"
    assert match.words == ("beeindiging",)
    assert "«Beëindiging»" in match.snippet


def test_search_matches_any_word_and_ranks_more_matched_words_first(kb: KnowledgeBase) -> None:
    """A record matching more of the query's words comes first, whatever its score."""
    assert [h.id for h in search(kb, "tijdelijk huisverbod")] == ["gemeente-huisverbod"]
    assert [h.id for h in search(kb, "tijdelijk xylofoon")] == ["gemeente-huisverbod"]
    hits = search(kb, "gesprek controle dossiers")
    assert [(h.id, h.matched) for h in hits][:2] == [
        ("dji-extra-controle", 2),  # controle (title) and dossiers (description)
        ("gemeente-gesprek-veroorzaker", 1),
    ]
    assert all(a.matched >= b.matched for a, b in itertools.pairwise(hits))


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("huisverbood", "gemeente-huisverbod"),  # a typo in a long word
        ("gedragsaanwyzing", "gemeente-gedragsaanwijzing"),  # two typos from 8 letters
        ("opzegen contracten", "dji-opzeggen"),  # a typo in one word of several
    ],
)
def test_search_tolerates_typos_in_any_word(kb: KnowledgeBase, query: str, first: str) -> None:
    assert search(kb, query)[0].id == first


def test_search_needs_words(kb: KnowledgeBase) -> None:
    with pytest.raises(EmptyQuery):
        search(kb, " !? ")


def test_a_term_links_to_the_measures_that_use_it(kb: KnowledgeBase) -> None:
    ikz = next(t for t in kb.glossary if t.abbreviation == "IKZ")
    about = measures_about(kb, [ikz])
    assert ids(about[ikz.term]) == [
        m.id
        for m in kb.measures
        if "ikz" in fold(f"{m.title} {m.description} {m.notes}").split()
        or "informatie knooppunt zorgfraude" in fold(f"{m.title} {m.description} {m.notes}")
    ]
    assert about[ikz.term]  # the fixture's gemeente-melding-ikz names the IKZ


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("huisverbod", "huisverbod", 0, True),
        ("huisverbdo", "huisverbod", 1, True),
        ("hiusverbod", "huisverbod", 1, True),
        ("huisverbod", "huisverboden", 1, False),
        ("huisverbod", "huisverboden", 2, True),
        ("abc", "xyz", 1, False),
    ],
)
def test_within_distance(a: str, b: str, limit: int, expected: bool) -> None:
    assert within_distance(a, b, limit) is expected


def test_fold() -> None:
    assert fold("  Cliënt   Beëindiging ") == "client beeindiging"
