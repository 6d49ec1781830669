"""The Handhavingskader Wmo (BNO-O, 2019) as transcribed in data/: fidelity and structure.

Every expectation here is read off the source text: the instrument scheme and its
explanation (4.4), the weighing factors (4.2), the decision process (4.3), the
Begrippenlijst (Bijlage 1) and the Cirkel van Naleving (Bijlage 3 and 4). Descriptions and
definitions must appear word for word in the (fixed, normalised) source.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sources import HANDHAVINGSKADER_FIXES, in_source, normalise

from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.loader import load_data
from zorgtoolbox.models import INSTRUMENTS, Flow, Handhavingskader, Measure, Term
from zorgtoolbox.validation import validate

DATA = Path(__file__).resolve().parents[1] / "data"
HK = "handhavingskader-wmo-2019"
SOURCE_FILE = (
    Path(__file__).resolve().parent / "fixtures" / "sources" / "handhavingskader-wmo-bno-2019.txt"
)

# The 19 measures of the Handhavingskader on the gemeente/fraude ladder, lightest first:
# (id, instrument class, target, financiering, collegebesluit). Position 1 is the
# Toolbox's gemeente-signalering-via-ikz.
ZP = ("zin", "pgb")
HK_MEASURES = [
    ("gemeente-informatie-voorlichting-en-advies", "advies", "zorgaanbieder", ZP, False),
    ("gemeente-actieve-openbaarmaking-toezicht", "advies", "zorgaanbieder", ZP, False),
    ("gemeente-aanbieders-openbaar-maken", "advies", "zorgaanbieder", ZP, False),
    ("gemeente-gesprek-met-bestuur-aanbieder", "correctie", "zorgaanbieder", ZP, False),
    ("gemeente-voorstellen-tot-verbetering", "correctie", "zorgaanbieder", ZP, False),
    ("gemeente-verbeterplan-door-aanbieder", "correctie", "zorgaanbieder", ZP, False),
    ("gemeente-schriftelijke-waarschuwing", "correctie", "zorgaanbieder", ZP, False),
    ("gemeente-verscherpt-toezicht", "correctie", "zorgaanbieder", ZP, False),
    ("gemeente-herindicatie", "correctie", "cliënt", ZP, False),
    ("gemeente-omzetten-pgb-naar-zin", "correctie", "cliënt", ZP, False),
    ("gemeente-indicatie-intrekken", "correctie", "cliënt", ZP, False),
    ("gemeente-last-onder-dwangsom", "bestuursrecht", "zorgaanbieder", ("zin",), True),
    ("gemeente-bestuursdwang", "bestuursrecht", "zorgaanbieder", ("zin",), True),
    ("gemeente-herzien-beschikking-pgb", "bestuursrecht", "cliënt", ("pgb",), True),
    ("gemeente-terugvorderen-pgb", "bestuursrecht", "cliënt", ("pgb",), True),
    ("gemeente-ingebrekestelling", "civielrecht", "zorgaanbieder", ("zin",), True),
    ("gemeente-ontbinding-overeenkomst", "civielrecht", "zorgaanbieder", ("zin",), True),
    ("gemeente-terugvordering-via-derdenbeding", "civielrecht", "zorgaanbieder", ("pgb",), True),
    ("gemeente-aangifte", "strafrecht", "zorgaanbieder", ZP, False),
]
HK_IDS = [row[0] for row in HK_MEASURES]

# "Het groene deel betreft de relatief lichte maatregelen, waarvoor geen collegebesluit
# nodig is. Het blauwe deel betreft de zwaardere maatregelen, waarvoor wel een
# collegebesluit nodig is." Strafrecht: politie en OM beslissen.
CLASS_COLLEGEBESLUIT = {
    "signalering": False,
    "advies": False,
    "correctie": False,
    "bestuursrecht": True,
    "civielrecht": True,
    "strafrecht": False,
}

# Bijlage 1: Begrippenlijst Handhavingskader, every term (abbreviation as written there).
BIJLAGE_1 = [
    ("Wet maatschappelijke ondersteuning 2015", "Wmo"),
    ("Zorg in natura", "ZIN"),
    ("Persoonsgebonden budget", "PGB"),
    ("Derdenbeding", ""),
    ("Naleving", ""),
    ("Toezicht", ""),
    ("Handhaving", ""),
    ("Fraude", ""),
    ("Ondermijnende criminaliteit", ""),
    ("Malafide aanbieders", ""),
    ("Rechtmatigheid", ""),
    ("Onrechtmatigheden", ""),
    ("Fouten", ""),
    ("Oneigenlijk gebruik", ""),
    ("Ondoelmatig/ongepast gebruik", ""),
    ("Kwaliteit Wmo", ""),
]

NALEVING_PHASES = ["communiceren", "dienstverlening", "controleren", "sanctioneren"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = validate(DATA)
    assert result.kb is not None, "data/ does not validate:\n" + "\n".join(
        str(f) for f in result.errors
    )
    return result.kb


@pytest.fixture(scope="module")
def hk(kb: KnowledgeBase) -> Handhavingskader:
    assert kb.handhavingskader is not None, "data/handhavingskader.yaml is missing"
    return kb.handhavingskader


@pytest.fixture(scope="module")
def measures(kb: KnowledgeBase) -> dict[str, Measure]:
    return kb.measures_by_id


@pytest.fixture(scope="module")
def glossary(kb: KnowledgeBase) -> dict[str, Term]:
    return {t.term: t for t in kb.glossary}


@pytest.fixture(scope="module")
def flows(kb: KnowledgeBase) -> dict[str, Flow]:
    return {f.id: f for f in kb.flows}


def in_hk(text: str) -> bool:
    """Word for word in the Handhavingskader, allowing a capital for the first letter."""
    return in_source(HK, text) or in_source(HK, text[:1].lower() + text[1:])


def sentences(text: str) -> list[str]:
    """The sentences of a text (split after . ? ! followed by a capital)."""
    return [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z])", normalise(text)) if s]


# --- the source fixes ---------------------------------------------------------------


def test_every_fix_matches_the_source_text():
    raw = SOURCE_FILE.read_text(encoding="utf-8")
    text = normalise(re.sub(r"-\s*\n\s*", "-", raw))
    for wrong, right in HANDHAVINGSKADER_FIXES.items():
        assert wrong in text, f"fix {wrong!r} does not occur in the source"
        text = text.replace(wrong, right)


def test_the_footnotes_no_longer_split_the_rule_on_the_bestuurlijke_boete():
    assert in_source(
        HK,
        "Artikel 5.4 van de Awb (Algemene wet bestuursrecht) stelt dat daar de wet zelf "
        "(dus de Wmo 2015) een grondslag voor moet geven en die is er niet.",
    )
    # ... and the footnotes themselves are kept
    assert in_source(HK, "(Specifiek Meetbaar Acceptabel Realistisch en Tijdsgebonden)")
    assert in_source(HK, "We hebben immers via Zorginkoop 1 contract gesloten voor alle gemeenten.")


# --- the 19 measures ----------------------------------------------------------------


def test_the_handhavingskader_measures_follow_signalering_on_the_gemeente_ladder(kb):
    ladder = [m.id for m in kb.ladder("gemeente", "fraude")]
    assert ladder[0] == "gemeente-signalering-via-ikz"
    assert ladder[1:20] == HK_IDS


@pytest.mark.parametrize(
    ("measure_id", "instrument", "target", "financiering", "collegebesluit"), HK_MEASURES
)
def test_measure_class_target_financiering_and_collegebesluit(
    measures, measure_id, instrument, target, financiering, collegebesluit
):
    m = measures[measure_id]
    assert m.agency == "gemeente"
    assert list(m.domains) == ["fraude"]
    assert m.instrument == instrument
    assert m.target == target
    assert m.financiering == financiering
    assert m.collegebesluit is collegebesluit
    assert m.source.document == HK
    assert m.decided_by
    assert m.contact.is_empty()


def test_the_classes_follow_the_ladder_lightest_first(measures):
    order = [INSTRUMENTS.index(measures[i].instrument) for i in HK_IDS]
    assert order == sorted(order)


@pytest.mark.parametrize("measure_id", HK_IDS)
def test_measure_description_and_decided_by_are_word_for_word(measures, measure_id):
    m = measures[measure_id]
    assert in_hk(m.description), f"{measure_id}: description not found in the source"
    # decided_by quotes a "Wie:" line (the client-level measures paraphrase theirs)
    if m.target != "cliënt" or m.instrument != "correctie":
        assert in_hk(m.decided_by), f"{measure_id}: decided_by not found in the source"


def test_client_level_measures_are_taken_without_the_toezichthouder(measures):
    for measure_id in (
        "gemeente-herindicatie",
        "gemeente-omzetten-pgb-naar-zin",
        "gemeente-indicatie-intrekken",
    ):
        assert (
            "zonder tussenkomst van de toezichthouder & contractmanager"
            in measures[measure_id].decided_by
        )


def test_strafrecht_is_decided_by_politie_and_om(measures):
    aangifte = measures["gemeente-aangifte"]
    assert aangifte.decided_by == "Politie en OM in samenwerking met gemeenten"
    assert "politie" in aangifte.notes and "OM" in aangifte.notes


def test_related_measures_are_toolbox_measures(measures):
    for measure_id in HK_IDS:
        for other in measures[measure_id].related:
            assert measures[other].source.document == "toolbox-2026", (measure_id, other)
    assert measures["gemeente-verscherpt-toezicht"].related == (
        "dji-extra-controle",
        "igj-intensivering-toezicht-of-boete",
    )
    assert (
        "igj-last-onder-dwangsom-of-bestuursdwang"
        in measures["gemeente-last-onder-dwangsom"].related
    )


# --- handhavingskader.yaml ----------------------------------------------------------


def test_all_instrument_classes_are_described_with_the_right_collegebesluit(hk):
    classes = {c.id: c for c in hk.instrument_classes}
    assert list(classes) == list(INSTRUMENTS)
    for class_id, collegebesluit in CLASS_COLLEGEBESLUIT.items():
        assert classes[class_id].collegebesluit is collegebesluit, class_id
    assert classes["signalering"].source.document == "toolbox-2026"
    assert classes["advies"].title == "Advies- en stimuleringsmaatregelen"


@pytest.mark.parametrize("class_id", [i for i in INSTRUMENTS if i != "signalering"])
def test_instrument_class_description_and_examples_are_word_for_word(hk, class_id):
    c = next(c for c in hk.instrument_classes if c.id == class_id)
    assert c.source.document == HK
    assert in_hk(c.description), f"{class_id}: description not found in the source"
    assert c.examples
    for example in c.examples:
        assert in_hk(example.removeprefix("[…] ")), f"{class_id}: example {example!r}"


def test_the_weighing_factors_have_the_scales_of_4_2(hk):
    factors = {f.id: f for f in hk.weighing_factors}
    assert list(factors) == ["ernst", "kans-op-herhaling"]
    assert factors["ernst"].scale == ("klein", "gemiddeld", "groot")
    assert factors["kans-op-herhaling"].scale == ("klein", "gemiddeld", "groot")
    aspects = {a.id: a.scale for f in factors.values() for a in f.aspects}
    assert aspects == {
        "ernst-risico-schade": ("niet zo ernstig", "ernstig", "zeer ernstig"),
        "omvang-groep": ("klein", "gemiddeld", "groot"),
        "structuur": ("goed", "matig", "slecht"),
        "houding": ("niet-weten", "niet-kunnen", "niet-willen"),
        "recidive": ("ja", "nee"),
    }
    for f in factors.values():
        assert in_hk(f.title)
        for a in f.aspects:
            assert in_hk(a.title), a.title


def test_both_naleving_circles_have_the_four_phases(hk):
    circles = {c.audience: c for c in hk.cirkel_van_naleving}
    assert set(circles) == {"cliënt", "aanbieder"}
    for circle in circles.values():
        assert [p.id for p in circle.phases] == NALEVING_PHASES
        assert circle.center == "Keten brede aanpak: informatie delen, samenwerken en leren"
        for phase in circle.phases:
            assert in_hk(phase.goal), phase.goal
            assert phase.items
            for item in phase.items:
                assert in_hk(item), item
    sanctioneren = circles["aanbieder"].phases[-1]
    assert "Naming and shaming" in sanctioneren.items


def test_the_rule_on_the_bestuurlijke_boete_cites_artikel_5_4_awb(hk):
    rules = {r.id: r for r in hk.rules}
    boete = rules["geen-bestuurlijke-boete"]
    assert "Artikel 5.4 van de Awb" in boete.text
    assert "bestuurlijke boete" in boete.title
    for rule_id in ("opschalen", "geen-vaste-volgorde", "zin-en-pgb-colleges"):
        assert rule_id in rules
    assert "hoe zwaarder de interventie, hoe hoger wordt opgeschaald" in rules["opschalen"].text


def test_principles_and_rules_are_word_for_word(hk):
    for record in (*hk.principles, *hk.rules):
        for sentence in sentences(record.text):
            assert in_hk(sentence), f"{record.id}: {sentence!r}"


def test_principles_include_those_of_2_2_and_4_1(hk):
    titles = [p.title for p in hk.principles]
    for title in (
        "Handhaven is van ons allemaal",
        "We werken samen op basis van gezond vertrouwen",
        "Voorkomen is beter dan genezen",
        "We kiezen voor een lerende aanpak",
    ):
        assert title in titles
        assert in_hk(title)
    assert {p.source.section for p in hk.principles} >= {
        "2.2 Uitgangspunten van handhaving volgens de Cirkel van Naleving",
        "4.1 Uitgangspunten toepassen maatregel",
    }


def test_parties_of_bijlage_2(hk):
    parties = [(p.name, p.agency) for p in hk.parties]
    assert ("Regiogemeenten", "gemeente") in parties
    assert ("Toezichthouder Wmo", "toezichthouder-wmo") in parties
    assert ("GGD", "ggd") in parties
    assert ("Klant", None) in parties
    assert ("Zorgaanbieders Wmo", None) in parties
    for p in hk.parties:
        assert in_hk(p.what.split(". ")[0].split(" (")[0]), p.what


# --- flows --------------------------------------------------------------------------


def test_the_decision_process_runs_melding_onderzoek_oordeel_interventie(flows):
    flow = flows["besluitvorming-handhaving"]
    assert flow.kind == "proces"
    assert flow.domain is None
    chain = ["melding", "onderzoek", "oordeel-en-advies", "interventie"]
    assert [s.id for s in flow.steps] == chain
    assert flow.entry_points == ("melding",)
    assert [(e.from_, e.to, e.kind) for e in flow.edges] == [
        (a, b, "vervolg") for a, b in itertools.pairwise(chain)
    ]
    steps = {s.id: s for s in flow.steps}
    assert steps["onderzoek"].agency == "toezichthouder-wmo"
    assert steps["oordeel-en-advies"].agency == "toezichthouder-wmo"
    for step in flow.steps:
        assert in_hk(step.description), step.id


def test_the_handhaving_flow_has_no_fixed_order(flows, measures):
    flow = flows["handhaving-wmo"]
    assert flow.kind == "stromenmodel"
    assert flow.domain == "fraude"
    assert set(HK_IDS) <= set(flow.entry_points)
    edges = {(e.from_, e.to): e for e in flow.edges}
    assert ("gemeente-ingebrekestelling", "gemeente-ontbinding-overeenkomst") in edges
    assert ("gemeente-terugvorderen-pgb", "gemeente-herzien-beschikking-pgb") in edges
    for edge in flow.edges:
        quote = re.findall(r"\"([^\"]+)\"", edge.why)
        assert quote, f"{edge.from_} -> {edge.to}: why quotes no sentence"
        for q in quote:
            assert in_hk(q), f"{edge.from_} -> {edge.to}: {q!r}"


# --- glossary -----------------------------------------------------------------------


@pytest.mark.parametrize(("term", "abbreviation"), BIJLAGE_1)
def test_every_term_of_bijlage_1_is_defined_word_for_word(glossary, term, abbreviation):
    assert term in glossary, f"{term} is missing from the glossary"
    t = glossary[term]
    assert t.abbreviation == abbreviation
    assert t.source.document == HK
    assert t.source.section.startswith("Bijlage 1")
    assert in_source(HK, t.definition), f"{term}: definition not found in the source"


def test_the_glossary_has_the_abbreviations_of_both_texts(glossary):
    abbreviations = {t.abbreviation for t in glossary.values()}
    for abbreviation in (
        "Wlz",
        "Zvw",
        "IKZ",
        "RIEC",
        "IGJ",
        "DJI",
        "OM",
        "SVB",
        "BIBOB",
        "SMART",
        "DforZO",
        "GGD",
        "Awb",
        "B&W",
        "BNO-O",
        "ASD",
    ):
        assert abbreviation in abbreviations, abbreviation
    for term in (
        "Hoogwaardig Handhaven",
        "Cirkel van Naleving",
        "Wet aanpak woonoverlast",
        "Kwaliteitskader forensische zorg",
    ):
        assert term in glossary, term


def test_expansions_the_sources_give_are_theirs(glossary):
    by_abbreviation = {t.abbreviation: t for t in glossary.values() if t.abbreviation}
    assert in_hk(f"{by_abbreviation['SMART'].term})")
    assert in_hk(f"de {by_abbreviation['Wlz'].term} (Wlz)")
    assert in_hk(f"de {by_abbreviation['Zvw'].term} (Zvw)")
    assert in_hk(f"{by_abbreviation['Awb'].term})")
    assert in_hk(f"{by_abbreviation['SVB'].term} (SVB)")
    assert in_source("toolbox-2026", f"{by_abbreviation['IKZ'].term} (IKZ)")
    assert in_source("toolbox-2026", f"{by_abbreviation['RIEC'].term} (RIEC)")


def test_own_files_have_no_findings():
    """The files of this transcription load cleanly, without errors or warnings."""
    loaded = load_data(DATA)
    assert loaded.handhavingskader is not None
    assert loaded.glossary is not None
    own = {
        "data/handhavingskader.yaml",
        "data/glossary.yaml",
        "data/flows/handhaving-wmo.yaml",
        "data/flows/besluitvorming-handhaving.yaml",
        *(f"data/measures/gemeente/{measure_id}.yaml" for measure_id in HK_IDS),
    }
    findings = validate(DATA).findings
    bad = [str(f) for f in findings if f.location.path in own]
    assert not bad, bad
