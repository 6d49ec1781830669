"""Fidelity of the data transcribed from the Toolbox Zorgfraude en Zorgoverlast (2026).

The expected measures are parsed from the source text itself (tests/fixtures/sources/):
under "Toolbox Zorgfraude" and "Toolbox Zorgoverlast" each agency heading is followed by
its measures, each a title line, one or more paragraphs of description and a contact
block. The data must follow that text: same measures, same order, same words (with only
the typo fixes listed in `sources.TOOLBOX_FIXES`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from sources import SOURCE_FILES, SOURCES_DIR, TOOLBOX_FIXES, in_source, normalise

from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.models import Flow, Measure
from zorgtoolbox.validation import Validation, validate

DATA = Path(__file__).resolve().parents[1] / "data"
DOC = "toolbox-2026"

DOMAIN_HEADINGS = {"Toolbox Zorgfraude": "fraude", "Toolbox Zorgoverlast": "overlast"}
END_HEADING = "Stromenmodel Zorgfraude & Zorgoverlast"
AGENCY_HEADINGS = {
    "Gemeente": "gemeente",
    "Zorgkantoor": "zorgkantoor",
    "DJI": "dji",
    "Reclassering": "reclassering",
    "RIEC": "riec",
    "IGJ": "igj",
    "IGJ (Inspectie Gezondheidszorg en Jeugd)": "igj",
}
HYPHEN_BREAK = re.compile(r"-\s*\n\s*")
QUOTE = re.compile(r'"([^"]+)"\s*\(([^;]+?)\)(?:;|$)')

LOCATIEKAART_URL = "https://www.forensischezorg.nl/praktijk/zorgaanbod/locaties"
MELDPUNT = "meld fraude en/of klachten bij het zorgkantoor"


# --- the source, parsed ---------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """One measure as the source lists it under a domain and an agency."""

    domain: str
    agency: str
    section: str
    title: str
    description: str


def fix(text: str) -> str:
    for wrong, right in TOOLBOX_FIXES.items():
        text = text.replace(wrong, right)
    return text


def _is_contact(block: str) -> bool:
    # "- Verantwoordelijk:" lists, or the table "Gemeente<TAB>Verantwoordelijk<TAB>..."
    return block.startswith("- ") or "\tVerantwoordelijk" in block


@cache
def source_placements() -> tuple[Placement, ...]:
    raw = (SOURCES_DIR / SOURCE_FILES[DOC]).read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", raw) if b.strip()]
    placements: list[Placement] = []
    domain = domain_heading = agency = agency_heading = None
    title: str | None = None
    paragraphs: list[str] = []

    def close() -> None:
        nonlocal title, paragraphs
        if title is not None:
            assert paragraphs, f"no description under {title!r}"
            placements.append(
                Placement(
                    domain,
                    agency,
                    f"{domain_heading}, {agency_heading}",
                    title,
                    fix(" ".join(paragraphs)),
                )
            )
        title, paragraphs = None, []

    for block in blocks:
        if block in DOMAIN_HEADINGS or block == END_HEADING:
            close()
            domain = DOMAIN_HEADINGS.get(block)
            domain_heading = block
            continue
        if domain is None:
            continue
        if block.rstrip(":") in AGENCY_HEADINGS:
            close()
            agency_heading = block.rstrip(":")
            agency = AGENCY_HEADINGS[agency_heading]
            continue
        if _is_contact(block):
            close()
        elif title is None:
            title = fix(normalise(block)).rstrip(":.").strip()
        else:
            paragraphs.append(normalise(HYPHEN_BREAK.sub("-", block)))
    close()
    return tuple(placements)


def expected(domain: str) -> dict[str, list[Placement]]:
    by_agency: dict[str, list[Placement]] = defaultdict(list)
    for p in source_placements():
        if p.domain == domain:
            by_agency[p.agency].append(p)
    return dict(by_agency)


def loose(title: str) -> str:
    """A title without punctuation: the two DJI lists punctuate shared titles differently."""
    return " ".join(re.sub(r"[,:.]", " ", title).split()).casefold()


# --- the data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result() -> Validation:
    return validate(DATA)


@pytest.fixture(scope="module")
def kb(result: Validation) -> KnowledgeBase:
    assert result.kb is not None, "\n".join(str(f) for f in result.errors)
    return result.kb


def toolbox_measures(kb: KnowledgeBase) -> list[Measure]:
    return [m for m in kb.measures if m.source.document == DOC]


def toolbox_ladder(kb: KnowledgeBase, agency: str, domain: str) -> list[Measure]:
    return [m for m in kb.ladder(agency, domain) if m.source.document == DOC]


def stromenmodel(kb: KnowledgeBase, domain: str) -> Flow:
    """The Toolbox's stromenmodel of `domain` (other flows may share the domain)."""
    flows = [f for f in kb.flows_for(domain) if f.id == f"stromenmodel-{domain}"]
    assert len(flows) == 1
    assert flows[0].kind == "stromenmodel"
    return flows[0]


# --- the parser itself ----------------------------------------------------------------


def test_source_parses_into_16_and_25_placements() -> None:
    placements = source_placements()
    assert sum(p.domain == "fraude" for p in placements) == 16
    assert sum(p.domain == "overlast" for p in placements) == 25
    assert list(expected("fraude")) == [
        "gemeente",
        "zorgkantoor",
        "dji",
        "reclassering",
        "riec",
        "igj",
    ]
    assert list(expected("overlast")) == ["gemeente", "zorgkantoor", "dji", "reclassering", "igj"]


def test_every_fix_matches_the_source() -> None:
    raw = normalise(HYPHEN_BREAK.sub("-", (SOURCES_DIR / SOURCE_FILES[DOC]).read_text("utf-8")))
    for wrong, right in TOOLBOX_FIXES.items():
        assert wrong in raw, wrong
        assert wrong != right


# --- measures -------------------------------------------------------------------------


def test_no_errors_and_no_unexpected_warnings(result: Validation, kb: KnowledgeBase) -> None:
    """The only warning on the Toolbox's files: the meldpunt link whose address is lost."""
    assert not result.errors, "\n".join(str(f) for f in result.errors)
    files = {f"{m.agency}/{m.id}.yaml" for m in toolbox_measures(kb)}
    files |= {"stromenmodel-fraude.yaml", "stromenmodel-overlast.yaml"}
    ours = [f for f in result.warnings if f.location.path.endswith(tuple(files))]
    assert [(f.code, Path(f.location.path).name) for f in ours] == [
        ("missing-url", "zorgkantoor-fraudesignalen-melden.yaml")
    ], "\n".join(str(f) for f in ours)


def test_counts(kb: KnowledgeBase) -> None:
    measures = toolbox_measures(kb)
    assert len(measures) == 37
    assert sum("fraude" in m.domains for m in measures) == 16
    assert sum("overlast" in m.domains for m in measures) == 25
    assert all(m.agency in AGENCY_HEADINGS.values() for m in measures)


@pytest.mark.parametrize("domain", ["fraude", "overlast"])
def test_ladders_follow_the_source(kb: KnowledgeBase, domain: str) -> None:
    for agency, placements in expected(domain).items():
        ladder = toolbox_ladder(kb, agency, domain)
        assert [loose(m.title) for m in ladder] == [loose(p.title) for p in placements], (
            f"{agency}/{domain}"
        )
    agencies = {m.agency for m in toolbox_measures(kb) if domain in m.domains}
    assert agencies == set(expected(domain))


@pytest.mark.parametrize("domain", ["fraude", "overlast"])
def test_descriptions_and_sections_follow_the_source(kb: KnowledgeBase, domain: str) -> None:
    for agency, placements in expected(domain).items():
        for measure, placement in zip(toolbox_ladder(kb, agency, domain), placements, strict=True):
            assert normalise(measure.description) == placement.description, measure.id
            assert placement.section in measure.source.section.split("; "), measure.id


def test_titles_are_the_source_titles(kb: KnowledgeBase) -> None:
    titles = {p.title for p in source_placements()}
    for m in toolbox_measures(kb):
        assert m.title in titles, m.id
        assert not m.title.endswith((":", ".")), m.id


def test_text_is_in_the_source(kb: KnowledgeBase) -> None:
    for m in toolbox_measures(kb):
        assert in_source(DOC, m.title), m.id
        assert in_source(DOC, m.description), m.id


def test_shared_dji_measures_are_one_record(kb: KnowledgeBase) -> None:
    both = [m for m in toolbox_measures(kb) if len(m.domains) == 2]
    assert {m.agency for m in both} == {"dji"}
    assert len(both) == 4
    for m in both:
        assert m.source.section == "Toolbox Zorgfraude, DJI; Toolbox Zorgoverlast, DJI"


def test_contact_blocks(kb: KnowledgeBase) -> None:
    by_id = kb.measures_by_id
    for m in toolbox_measures(kb):
        if m.id not in (
            "zorgkantoor-fraudesignalen-melden",
            "dji-locatiekaart-forensische-zorgaanbieders",
        ):
            assert m.contact.is_empty(), m.id
            assert not m.links, m.id
    meldpunt = by_id["zorgkantoor-fraudesignalen-melden"]
    assert meldpunt.contact.contactgegevens == MELDPUNT
    assert [(link.title, link.url) for link in meldpunt.links] == [(MELDPUNT, "")]
    kaart = by_id["dji-locatiekaart-forensische-zorgaanbieders"]
    assert kaart.contact.contactgegevens == LOCATIEKAART_URL
    assert [link.url for link in kaart.links] == [LOCATIEKAART_URL]
    assert f"<{LOCATIEKAART_URL}>" in (SOURCES_DIR / SOURCE_FILES[DOC]).read_text("utf-8")


def test_fields_rest_on_the_text(kb: KnowledgeBase) -> None:
    """Targets other than the default, deciders and laws are named by the measure's text."""
    target_words = {
        "veroorzaker": ("veroorzaker", "overlastgever"),
        "verhuurder": ("verhuurder",),
        "cliënt": ("cliënt",),
        "buurt": ("wijkbewoners", "buurt"),
    }
    for m in toolbox_measures(kb):
        text = f"{m.title} {m.description}".casefold()
        if m.target != "zorgaanbieder":
            assert any(w in text for w in target_words[m.target]), m.id
        if m.decided_by:
            assert m.decided_by.casefold() in text, m.id
        if m.legal_basis:
            law = m.legal_basis.split(" (")[0]
            assert law.casefold() in text, m.id
        assert m.financiering == (("wlz",) if m.agency == "zorgkantoor" else ()), m.id
        assert not m.related, m.id


# --- the stromenmodel -----------------------------------------------------------------

SPECIFIC_EDGES = [
    ("fraude", "gemeente-signalering-via-ikz", "zorgkantoor-fraudesignalen-melden", "melding"),
    (
        "fraude",
        "riec-coordinatie-integrale-interventieteams",
        "igj-deelname-integrale-aanpak",
        "parallel",
    ),
    (
        "fraude",
        "igj-signalering-naar-andere-instanties",
        "riec-analyse-en-informatie-uitwisseling",
        "melding",
    ),
    (
        "fraude",
        "igj-signalering-naar-andere-instanties",
        "zorgkantoor-fraudesignalen-melden",
        "melding",
    ),
    ("fraude", "dji-beoordeling-geschiktheid", "dji-opzeggen-contracten", "vervolg"),
    (
        "overlast",
        "gemeente-gedragsaanwijzing-veroorzaker",
        "gemeente-tijdelijk-huisverbod",
        "vervolg",
    ),
    ("overlast", "igj-aanwijzing-of-bevel", "igj-last-onder-dwangsom-of-bestuursdwang", "vervolg"),
    ("overlast", "zorgkantoor-driewegesprek", "reclassering-driepartijengesprekken", "parallel"),
]


def _has_edge(flow: Flow, a: str, b: str, kind: str) -> bool:
    for e in flow.edges:
        if e.kind != kind:
            continue
        if (e.from_, e.to) == (a, b) or (kind == "parallel" and (e.to, e.from_) == (a, b)):
            return True
    return False


@pytest.mark.parametrize(("domain", "a", "b", "kind"), SPECIFIC_EDGES)
def test_edges_the_text_states(kb: KnowledgeBase, domain: str, a: str, b: str, kind: str) -> None:
    assert _has_edge(stromenmodel(kb, domain), a, b, kind)


@pytest.mark.parametrize(
    ("domain", "source", "agency"),
    [
        ("fraude", "igj-signalering-naar-andere-instanties", "om"),
        ("fraude", "reclassering-interne-signalering", "dforzo"),
        ("overlast", "reclassering-terugmelding-om", "om"),
    ],
)
def test_signals_to_partners_end_in_their_step(
    kb: KnowledgeBase, domain: str, source: str, agency: str
) -> None:
    flow = stromenmodel(kb, domain)
    steps = {s.id: s for s in flow.steps}
    assert any(
        e.from_ == source and e.kind == "melding" and e.to in steps and steps[e.to].agency == agency
        for e in flow.edges
    )


@pytest.mark.parametrize("domain", ["fraude", "overlast"])
def test_flow_edges_are_sound(kb: KnowledgeBase, domain: str) -> None:
    flow = stromenmodel(kb, domain)
    assert flow.source.document == DOC
    assert flow.description and in_source(DOC, flow.description)
    steps = {s.id for s in flow.steps}
    in_domain = {m.id for m in kb.measures if domain in m.domains}
    sections = {p.section for p in source_placements()}
    for s in flow.steps:
        assert s.agency in kb.agencies_by_id, s.id
    for e in flow.edges:
        for end in (e.from_, e.to):
            assert end in in_domain or end in steps, end
        quotes = QUOTE.findall(e.why)
        assert quotes, f"{e.from_} -> {e.to}: why quotes nothing"
        for text, section in quotes:
            assert in_source(DOC, text), f"{e.from_} -> {e.to}: {text!r} is not in the source"
            assert section in sections, f"{e.from_} -> {e.to}: unknown section {section!r}"


@pytest.mark.parametrize("domain", ["fraude", "overlast"])
def test_every_measure_is_reachable(kb: KnowledgeBase, domain: str) -> None:
    flow = stromenmodel(kb, domain)
    succ: dict[str, set[str]] = defaultdict(set)
    for e in flow.edges:
        succ[e.from_].add(e.to)
        if e.kind == "parallel":
            succ[e.to].add(e.from_)
    seen = set(flow.entry_points)
    todo = list(seen)
    while todo:
        for nxt in succ[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    ours = {m.id for m in toolbox_measures(kb) if domain in m.domains}
    assert ours <= seen, sorted(ours - seen)
    assert set(flow.entry_points) <= ours
