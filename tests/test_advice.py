"""Proportionality advice (advice.py) and its data (advies.yaml, checks.py).

The scenarios are read off the Handhavingskader: a first, small, not-knowing mistake
stays at advies/correctie (4.4: advies makes "de aanbieder bewust"); serious damage to a
large group with niet-willen and recidive reaches bestuursrecht and beyond (4.1: "direct
de zwaarste maatregel"); what was taken moves the advice along the stromenmodel; a PGB
case gets the PGB instruments of 4.4, not the ZIN ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED_DATA, FIXTURE_KB, load_kb

from zorgtoolbox.advice import (
    ADVICE_NOTICE,
    Advice,
    Factors,
    advice_config,
    advise,
    make_factors,
    proportionate_range,
    who_decides,
)
from zorgtoolbox.errors import InvalidDataError, UsageError
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.models import LADDER, LEVELS, AdviceConfig, Reason
from zorgtoolbox.provenance import find
from zorgtoolbox.sourcetext import SourceText
from zorgtoolbox.validation import validate

HK = "handhavingskader-wmo-2019"


def in_source(document: str, quote: str) -> bool:
    text = (BUNDLED_DATA / "documents" / f"{document}.txt").read_text(encoding="utf-8")
    return SourceText(text).check(quote) is None


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(BUNDLED_DATA)


def ids(groups) -> dict[str, list[str]]:
    """Candidate ids per agency, in the order shown."""
    return {g.agency.id: [c.measure.id for c in g.candidates] for g in groups}


def run(kb: KnowledgeBase, **values) -> Advice:
    return advise(kb, make_factors(kb, **values))


# --- the four scenarios on the bundled knowledge base ---------------------------------

GEMEENTE_ADVIES = [
    "gemeente-informatie-voorlichting-en-advies",
    "gemeente-actieve-openbaarmaking-toezicht",
    "gemeente-aanbieders-openbaar-maken",
]
GEMEENTE_CORRECTIE = [
    "gemeente-gesprek-met-bestuur-aanbieder",
    "gemeente-voorstellen-tot-verbetering",
    "gemeente-verbeterplan-door-aanbieder",
    "gemeente-schriftelijke-waarschuwing",
    "gemeente-verscherpt-toezicht",
    "gemeente-herindicatie",
    "gemeente-omzetten-pgb-naar-zin",
    "gemeente-indicatie-intrekken",
]
ZIN_ONLY = [
    "gemeente-last-onder-dwangsom",
    "gemeente-bestuursdwang",
    "gemeente-ingebrekestelling",
    "gemeente-ontbinding-overeenkomst",
]
PGB_ONLY = [
    "gemeente-herzien-beschikking-pgb",
    "gemeente-terugvorderen-pgb",
    "gemeente-terugvordering-via-derdenbeding",
]


def test_a_first_small_not_knowing_mistake_stays_at_advies_and_correctie(kb) -> None:
    a = run(kb, domain="fraude", ernst="klein", herhaling="klein", houding="niet-weten")
    assert (a.lower, a.upper) == ("advies", "correctie")
    assert a.classes == ("advies", "correctie")
    assert ids(a.candidates) == {
        "gemeente": GEMEENTE_ADVIES + GEMEENTE_CORRECTIE,
        "dji": [
            "dji-gesprekken-met-zorgaanbieders",
            "dji-kwaliteitskader-forensische-zorg",
            "dji-verbeterafspraken-met-verbeterplan",
            "dji-extra-controle",
        ],
    }
    # niet-weten lowers the light end, which is already the lightest: said, not hidden
    assert [(t.factor, t.value, t.changed) for t in a.trace] == [
        ("ernst × herhaling", "klein × klein", True),
        ("houding", "niet-weten", False),
    ]


def test_serious_damage_niet_willen_and_recidive_reach_bestuursrecht_and_beyond(kb) -> None:
    a = run(
        kb,
        domain="fraude",
        ernst="groot",
        herhaling="groot",
        houding="niet-willen",
        recidive=True,
    )
    assert (a.lower, a.upper) == ("bestuursrecht", "strafrecht")
    assert ids(a.candidates) == {
        "gemeente": [
            "gemeente-last-onder-dwangsom",
            "gemeente-bestuursdwang",
            "gemeente-herzien-beschikking-pgb",
            "gemeente-terugvorderen-pgb",
            "gemeente-ingebrekestelling",
            "gemeente-ontbinding-overeenkomst",
            "gemeente-terugvordering-via-derdenbeding",
            "gemeente-aangifte",
        ],
        "dji": ["dji-beoordeling-geschiktheid", "dji-opzeggen-contracten"],
        "reclassering": ["reclassering-financiele-doorlichting-of-contractbeeindiging"],
        "riec": [
            "riec-ondersteuning-strafrechtelijk-traject",
            "riec-coordinatie-integrale-interventieteams",
        ],
        "igj": ["igj-deelname-integrale-aanpak"],
    }
    assert [t.factor for t in a.trace] == ["ernst × herhaling", "houding", "recidive"]


def test_niet_willen_and_recidive_move_the_range_up_step_by_step(kb) -> None:
    a = run(
        kb,
        domain="fraude",
        ernst="gemiddeld",
        herhaling="gemiddeld",
        houding="niet-willen",
        recidive=True,
    )
    assert [(t.value, t.before, t.after) for t in a.trace] == [
        ("gemiddeld × gemiddeld", None, ("correctie", "bestuursrecht")),
        ("niet-willen", ("correctie", "bestuursrecht"), ("correctie", "civielrecht")),
        ("ja", ("correctie", "civielrecht"), ("correctie", "strafrecht")),
    ]
    assert "gemeente-aangifte" in ids(a.candidates)["gemeente"]
    assert "2.1" in a.trace[1].why.source.section


def test_niet_weten_keeps_a_serious_case_at_its_light_end(kb) -> None:
    a = run(kb, domain="fraude", ernst="groot", herhaling="klein", houding="niet-weten")
    assert (a.lower, a.upper) == ("advies", "civielrecht")
    plain = run(kb, domain="fraude", ernst="groot", herhaling="klein")
    assert (plain.lower, plain.upper) == ("correctie", "civielrecht")


def test_taken_measures_are_left_out_and_their_next_steps_shown(kb) -> None:
    a = run(
        kb,
        domain="overlast",
        ernst="gemiddeld",
        herhaling="groot",
        taken="gemeente-gesprekken-met-veroorzaker",
    )
    assert (a.lower, a.upper) == ("correctie", "civielrecht")
    assert "gemeente-gesprekken-met-veroorzaker" not in {
        c.measure.id for g in a.candidates for c in g.candidates
    }
    (taken,) = a.taken
    assert taken.in_domain and taken.domains == ["overlast"]
    assert [(n.step.node.id, n.step.kind, n.candidate) for n in taken.next] == [
        ("gemeente-gedragsaanwijzing-veroorzaker", "vervolg", True),
        ("gemeente-gedragsaanwijzing-verhuurder", "vervolg", True),
        ("gemeente-begrip-kweken-in-de-wijk", "ladder", False),
    ]


def test_taken_moves_the_heavy_advice_along_the_flow(kb) -> None:
    a = run(
        kb,
        domain="fraude",
        ernst="groot",
        herhaling="groot",
        taken="gemeente-last-onder-dwangsom, dji-extra-controle",
    )
    assert a.factors.taken == ("gemeente-last-onder-dwangsom", "dji-extra-controle")
    groups = ids(a.candidates)
    assert "gemeente-last-onder-dwangsom" not in groups["gemeente"]
    dwangsom, controle = a.taken
    assert [(n.step.node.id, n.candidate, n.taken) for n in dwangsom.next] == [
        ("gemeente-bestuursdwang", True, False)
    ]
    assert [(n.step.node.id, n.step.kind, n.candidate) for n in controle.next] == [
        ("dji-beoordeling-geschiktheid", "vervolg", True)
    ]


def test_a_taken_measure_outside_the_domain_is_allowed_and_marked(kb) -> None:
    a = run(kb, domain="fraude", ernst="klein", herhaling="klein", taken="tijdelijk-huisverbod")
    (taken,) = a.taken
    assert taken.measure.id == "gemeente-tijdelijk-huisverbod"
    assert not taken.in_domain and taken.domains == ["overlast"]


def test_a_pgb_case_gets_the_pgb_instruments_not_the_zin_ones(kb) -> None:
    a = run(kb, domain="fraude", ernst="gemiddeld", herhaling="groot", financiering="pgb")
    assert (a.lower, a.upper) == ("correctie", "civielrecht")
    groups = ids(a.candidates)
    assert groups["gemeente"] == GEMEENTE_CORRECTIE + PGB_ONLY
    assert not set(ZIN_ONLY) & set(groups["gemeente"])
    # measures open to every form of financing stay; the zorgkantoor's Wlz ones go
    assert groups["dji"] == [
        "dji-verbeterafspraken-met-verbeterplan",
        "dji-extra-controle",
        "dji-beoordeling-geschiktheid",
        "dji-opzeggen-contracten",
    ]
    zin = ids(
        run(
            kb, domain="fraude", ernst="gemiddeld", herhaling="groot", financiering="zin"
        ).candidates
    )
    assert zin["gemeente"] == GEMEENTE_CORRECTIE + ZIN_ONLY
    assert not set(PGB_ONLY) & set(zin["gemeente"])


def test_org_limits_the_candidates_to_one_agency(kb) -> None:
    a = run(kb, domain="fraude", ernst="groot", herhaling="groot", org="DJI")
    assert list(ids(a.candidates)) == ["dji"]
    assert list(ids(a.meld_en_deel)) == []  # DJI has no fraude signalling measure


def test_signalling_measures_are_listed_apart_as_meld_en_deel(kb) -> None:
    a = run(kb, domain="fraude", ernst="klein", herhaling="klein")
    assert ids(a.meld_en_deel) == {
        "gemeente": ["gemeente-signalering-via-ikz"],
        "zorgkantoor": ["zorgkantoor-fraudesignalen-melden"],
        "reclassering": ["reclassering-interne-signalering"],
        "riec": ["riec-analyse-en-informatie-uitwisseling"],
        "igj": ["igj-ontvangen-en-beoordelen-signalen", "igj-signalering-naar-andere-instanties"],
    }
    every = [c.measure.instrument for g in a.candidates for c in g.candidates]
    assert "signalering" not in every


def test_who_decides_measure_then_the_class_of_the_handhavingskader(kb) -> None:
    by_id = kb.measures_by_id
    assert who_decides(kb, by_id["gemeente-last-onder-dwangsom"])[1:] == (True, "measure")
    assert who_decides(kb, by_id["gemeente-aangifte"])[0].startswith("Politie en OM")
    # the gemeente is a party of the Handhavingskader: its class rule applies
    decided, college, source = who_decides(kb, by_id["gemeente-signalering-via-ikz"])
    assert (decided, college, source) == (
        "De organisatie die het signaal ontvangt",
        False,
        "instrument_class",
    )
    # DJI is not: no rule of the Wmo framework is put on its contracts
    assert who_decides(kb, by_id["dji-opzeggen-contracten"]) == ("", None, None)
    # a decider without collegebesluit keeps it unknown (the burgemeester decides alone)
    assert who_decides(kb, by_id["gemeente-tijdelijk-huisverbod"]) == (
        "Burgemeester",
        None,
        "measure",
    )


def test_the_notice_quotes_the_handhavingskader() -> None:
    assert "Handhaven is maatwerk." in ADVICE_NOTICE
    for quote in ADVICE_NOTICE.split('"')[1::2]:
        assert in_source(HK, quote), quote
    assert "direct de zwaarste maatregel" in ADVICE_NOTICE


def test_every_advice_carries_the_notice(kb) -> None:
    for ernst in LEVELS:
        for herhaling in LEVELS:
            a = run(kb, domain="overlast", ernst=ernst, herhaling=herhaling)
            assert a.notice == ADVICE_NOTICE


# --- the bundled advies.yaml --------------------------------------------------------------


def test_the_matrix_has_every_cell_and_grows_with_both_axes(kb) -> None:
    config = advice_config(kb)
    cells = {
        (c.ernst, c.herhaling): (LADDER.index(c.from_), LADDER.index(c.to)) for c in config.matrix
    }
    assert len(cells) == len(config.matrix) == 9
    for i, ernst in enumerate(LEVELS):
        for j, herhaling in enumerate(LEVELS):
            low, high = cells[(ernst, herhaling)]
            assert low <= high
            if i:  # more ernst never lowers either end
                assert cells[(LEVELS[i - 1], herhaling)] <= (low, high)
            if j:
                assert cells[(ernst, LEVELS[j - 1])] <= (low, high)
    assert cells[("klein", "klein")] == (0, 1)  # advies … correctie
    assert cells[("groot", "groot")][1] == len(LADDER) - 1  # up to strafrecht


def test_every_why_quotes_the_handhavingskader_word_for_word(kb) -> None:
    reasons = [r for _, r in find(advice_config(kb), Reason)]
    assert len(reasons) == 1 + 9 + 4
    for reason in reasons:
        assert reason.document in (None, HK)
        assert reason.quote and in_source(HK, reason.quote), reason.quote


def test_the_adjustments_are_houding_and_recidive(kb) -> None:
    config = advice_config(kb)
    assert [(a.factor, a.value) for a in config.adjustments] == [
        ("houding", "niet-weten"),
        ("houding", "niet-kunnen"),
        ("houding", "niet-willen"),
        ("recidive", "ja"),
    ]


# --- the range: how adjustments move it --------------------------------------------------


def config_with(cell: tuple[str, str], adjustments: list[dict]) -> AdviceConfig:
    why = {"text": "Test.", "source": {"document": "testbron", "section": "4.2 Test"}}
    return AdviceConfig.model_validate(
        {
            "title": "Test",
            "source": why["source"],
            "meld_en_deel": False,
            "meld_en_deel_why": why,
            "matrix": [
                {"ernst": e, "herhaling": h, "from": cell[0], "to": cell[1], "why": why}
                for e in LEVELS
                for h in LEVELS
            ],
            "adjustments": [{**a, "why": why} for a in adjustments],
        }
    )


FACTORS = Factors("fraude", "klein", "klein", houding="niet-willen", recidive=True)


@pytest.mark.parametrize(
    ("cell", "adjustments", "expected"),
    [
        # shifts stay on the ladder
        (
            ("advies", "correctie"),
            [{"factor": "houding", "value": "niet-willen", "to": {"shift": 4}}],
            ("advies", "strafrecht"),
        ),
        (
            ("correctie", "bestuursrecht"),
            [{"factor": "houding", "value": "niet-willen", "from": {"shift": -3}}],
            ("advies", "bestuursrecht"),
        ),
        # at_least, then at_most
        (
            ("advies", "correctie"),
            [{"factor": "houding", "value": "niet-willen", "from": {"at_least": "correctie"}}],
            ("correctie", "correctie"),
        ),
        (
            ("advies", "strafrecht"),
            [{"factor": "recidive", "value": "ja", "to": {"shift": 1, "at_most": "civielrecht"}}],
            ("advies", "civielrecht"),
        ),
        # the lower end pushed above the upper end: the upper end follows it up
        (
            ("advies", "correctie"),
            [{"factor": "houding", "value": "niet-willen", "from": {"at_least": "civielrecht"}}],
            ("civielrecht", "civielrecht"),
        ),
        # the upper end pushed below the lower end: the lower end follows it down
        (
            ("bestuursrecht", "strafrecht"),
            [{"factor": "recidive", "value": "ja", "to": {"at_most": "correctie"}}],
            ("correctie", "correctie"),
        ),
        # in the order of the file
        (
            ("advies", "advies"),
            [
                {"factor": "houding", "value": "niet-willen", "to": {"shift": 2}},
                {"factor": "recidive", "value": "ja", "to": {"at_most": "correctie"}},
            ],
            ("advies", "correctie"),
        ),
        # adjustments for values the case does not have are skipped
        (
            ("advies", "advies"),
            [
                {"factor": "houding", "value": "niet-weten", "to": {"shift": 2}},
                {"factor": "recidive", "value": "nee", "to": {"shift": 1}},
            ],
            ("advies", "advies"),
        ),
    ],
)
def test_adjustments_move_the_range(cell, adjustments, expected) -> None:
    low, high, trace = proportionate_range(config_with(cell, adjustments), FACTORS)
    assert (low, high) == expected
    assert trace[-1].after == expected


def test_recidive_false_is_nee_and_unstated_is_nothing() -> None:
    config = config_with(
        ("advies", "advies"), [{"factor": "recidive", "value": "nee", "to": {"shift": 1}}]
    )
    said_no = Factors("fraude", "klein", "klein", recidive=False)
    unsaid = Factors("fraude", "klein", "klein")
    assert proportionate_range(config, said_no)[:2] == ("advies", "correctie")
    assert proportionate_range(config, unsaid)[:2] == ("advies", "advies")


# --- the factors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"ernst": "heel"}, "unknown ernst 'heel'; choose from: klein, gemiddeld, groot"),
        ({"herhaling": "vaak"}, "unknown herhaling 'vaak'; choose from: klein, gemiddeld, groot"),
        (
            {"houding": "boos"},
            "unknown houding 'boos'; choose from: niet-weten, niet-kunnen, niet-willen",
        ),
        ({"financiering": "eigen"}, "unknown financiering 'eigen'; choose from: zin, pgb, wlz"),
        ({"domain": "zorg"}, "unknown domain 'zorg'; choose from: fraude, overlast"),
        (
            {"org": "brandweer"},
            "unknown agency 'brandweer'; choose from: gemeente, zorgkantoor, dji",
        ),
        ({"taken": "bestaat-niet"}, "no measure 'bestaat-niet'"),
        ({"ernst": None}, "give --ernst (klein, gemiddeld, groot), or set ernst in the case file"),
    ],
)
def test_bad_factor_values_list_the_valid_ones(kb, values, message) -> None:
    given = {"domain": "fraude", "ernst": "klein", "herhaling": "klein", **values}
    with pytest.raises(UsageError) as caught:
        make_factors(kb, **given)
    assert message in str(caught.value)


def test_factor_values_are_matched_forgivingly(kb) -> None:
    f = make_factors(
        kb,
        domain="FRAUDE",
        ernst="gem",
        herhaling="Groot",
        houding="niet-wi",
        financiering="PGB",
        org="dji",
    )
    assert (f.domain, f.ernst, f.herhaling, f.houding, f.financiering, f.agency) == (
        "fraude",
        "gemiddeld",
        "groot",
        "niet-willen",
        "pgb",
        "dji",
    )


# --- the fixture knowledge base: no advies.yaml, or a small one --------------------------

FIXTURE_ADVIES = """\
# yaml-language-server: $schema=schema/advies.schema.json
title: Testadvies
source:
  document: testbron
  section: 4.2 Wegingsfactoren
meld_en_deel: {meld}
meld_en_deel_why:
  text: Signalen delen.
  source:
    document: testbron
    section: 2.2 Uitgangspunten
matrix:
{cells}
adjustments:
  - factor: houding
    value: niet-willen
    to:
      shift: 1
    why:
      text: Wie niet wil, krijgt zwaardere maatregelen.
      source:
        document: testbron
        section: 2.1 Visie
"""


def fixture_advies(meld: bool = True) -> str:
    cells = []
    for i, e in enumerate(LEVELS):
        for j, h in enumerate(LEVELS):
            low, high = LADDER[min(i, j)], LADDER[i + j]
            cells.append(
                f"  - ernst: {e}\n    herhaling: {h}\n    from: {low}\n    to: {high}\n"
                f"    why:\n      text: Cel {e} {h}.\n      source:\n        document: testbron\n"
                f"        section: 4.2 Wegingsfactoren"
            )
    return FIXTURE_ADVIES.format(meld=str(meld).lower(), cells="\n".join(cells))


def test_without_advies_yaml_validation_is_clean_but_advice_says_what_is_missing() -> None:
    result = validate(FIXTURE_KB)
    assert result.ok and not result.findings
    kb = result.kb
    assert kb is not None and kb.advies is None
    with pytest.raises(InvalidDataError) as caught:
        advise(kb, make_factors(kb, domain="fraude", ernst="klein", herhaling="klein"))
    assert "advies.yaml is missing" in str(caught.value)


def test_advice_on_the_fixture_knowledge_base(kb_dir: Path) -> None:
    (kb_dir / "advies.yaml").write_text(fixture_advies(), encoding="utf-8")
    small = load_kb(kb_dir)
    a = run(small, domain="fraude", ernst="gemiddeld", herhaling="groot")
    assert (a.lower, a.upper) == ("correctie", "civielrecht")
    assert ids(a.candidates) == {
        "dji": ["dji-extra-controle", "dji-opzeggen"],
        "igj": ["igj-aanwijzing"],
    }
    assert ids(a.meld_en_deel) == {"gemeente": ["gemeente-melding-ikz"], "igj": ["igj-signalen"]}
    # no handhavingskader.yaml: nobody is said to decide where the measure does not say
    assert {c.decided_by_source for g in a.candidates for c in g.candidates} == {None}
    willing = run(
        small,
        domain="overlast",
        ernst="klein",
        herhaling="gemiddeld",
        houding="niet-willen",
        taken="dji-gesprek",
    )
    assert (willing.lower, willing.upper) == ("advies", "bestuursrecht")
    assert ids(willing.candidates) == {
        "gemeente": [
            "gemeente-gesprek-veroorzaker",
            "gemeente-gedragsaanwijzing",
            "gemeente-huisverbod",
        ],
        "dji": ["dji-extra-controle"],
        "igj": ["igj-aanwijzing"],
    }
    (taken,) = willing.taken
    assert [(n.step.node.id, n.candidate) for n in taken.next] == [("dji-extra-controle", True)]


def test_meld_en_deel_can_be_turned_off_in_the_data(kb_dir: Path) -> None:
    (kb_dir / "advies.yaml").write_text(fixture_advies(meld=False), encoding="utf-8")
    a = run(load_kb(kb_dir), domain="fraude", ernst="klein", herhaling="klein")
    assert a.meld_en_deel == []


def test_the_knowledge_base_keeps_the_advice_through_the_cache(kb_dir: Path) -> None:
    import pickle

    (kb_dir / "advies.yaml").write_text(fixture_advies(), encoding="utf-8")
    small = load_kb(kb_dir)
    again = pickle.loads(pickle.dumps(small))
    assert again.advies == small.advies
    assert again.advies is not None and len(again.advies.matrix) == 9


# --- validate: a broken advies.yaml --------------------------------------------------------


@pytest.fixture
def bundled_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA, target)
    return target


def _break(folder: Path, old: str, new: str, count: int = 1) -> None:
    path = folder / "advies.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(folder: Path, needle: str, nth: int = 1) -> int:
    lines = (folder / "advies.yaml").read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[nth - 1]


CELL_KLEIN_GEMIDDELD = "  - ernst: klein\n    herhaling: gemiddeld\n"
GROOT_GROOT = "  - ernst: groot\n    herhaling: groot\n    from: bestuursrecht\n"
WITHOUT_NUMBER = "section: 4.3 Besluitvormingsproces"
RISICO = "We handhaven op basis van risico’s, doelgericht en proportioneel.\n      source:\n"
CITES_HK = RISICO + "        document: handhavingskader-wmo-2019"

# (name, old text, new text, code, part of the message)
# fmt: off
BROKEN = [
    ("missing-cell", GROOT_GROOT, GROOT_GROOT.replace("herhaling: groot", "herhaling: gemiddeld"), "missing-cell", "no cell for ernst groot × herhaling groot"),
    ("duplicate-cell", CELL_KLEIN_GEMIDDELD, "  - ernst: klein\n    herhaling: klein\n", "duplicate-cell", "cell ernst × herhaling 'klein × klein' is already used at data/advies.yaml:"),
    ("inverted-range", "    from: correctie\n    to: bestuursrecht\n", "    from: civielrecht\n    to: bestuursrecht\n", "inverted-range", "runs from civielrecht down to bestuursrecht"),
    ("unknown-value", "value: niet-willen", "value: niet-wille", "unknown-factor-value", "houding has no value 'niet-wille'; known: niet-weten, niet-kunnen, niet-willen; did you mean 'niet-willen'"),
    ("unknown-factor", "factor: recidive", "factor: structuur", "unknown-factor-value", "unknown factor 'structuur'; the range is adjusted by: houding, recidive"),
    ("duplicate-adjustment", "value: niet-kunnen", "value: niet-weten", "duplicate-adjustment", "adjustment 'houding niet-weten' is already used at"),
    ("uncited-section", WITHOUT_NUMBER, "section: Besluitvormingsproces", "uncited-reason", "section 'Besluitvormingsproces' has no section number"),
    ("uncited-document", CITES_HK, RISICO + "        document: toolbox-2026", "uncited-reason", "this why cites 'toolbox-2026'; the advice rests on the Handhavingskader"),
    ("signalering-in-range", "    from: advies\n    to: correctie\n", "    from: signalering\n    to: correctie\n", "invalid-value", "expected one of: advies, correctie, bestuursrecht, civielrecht, strafrecht"),
    ("empty-why", "      text: >-\n        Gemiddelde ernst en gemiddelde kans op herhaling: corrigeren, met een\n        bestuursrechtelijke maatregel als zwaarste stap die nog in verhouding is.\n", "      text: ''\n", "invalid-value", "matrix[4].why.text: must not be empty"),
    ("unknown-field", "meld_en_deel: true", "meld_en_del: true", "unknown-field", "unknown field 'meld_en_del'; did you mean 'meld_en_deel'?"),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "message"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_a_broken_advies_yaml_is_located_and_fails(
    bundled_dir: Path, invoke, name, old, new, code, message
) -> None:
    _break(bundled_dir, old, new)
    result = invoke("validate", "--data", str(bundled_dir))
    assert result.exit_code == 1, result.output
    found = [line for line in result.stdout.splitlines() if f" {code} " in line]
    assert found, result.stdout
    assert all(line.startswith("data/advies.yaml:") for line in found), found
    assert any(message in line for line in found), found


def test_every_new_code_is_exercised() -> None:
    from zorgtoolbox.findings import CODES

    new = {
        "missing-cell",
        "duplicate-cell",
        "inverted-range",
        "unknown-factor-value",
        "duplicate-adjustment",
        "uncited-reason",
    }
    assert new <= set(CODES)
    assert new <= {b[3] for b in BROKEN}


def test_broken_advies_findings_point_at_the_line(bundled_dir: Path, invoke) -> None:
    _break(bundled_dir, "value: niet-willen", "value: niet-wille")
    line = _line_of(bundled_dir, "value: niet-wille")
    out = invoke("validate", "--data", str(bundled_dir)).stdout
    assert f"data/advies.yaml:{line}:12: unknown-factor-value " in out


def test_an_inverted_bound_in_an_adjustment_is_refused(bundled_dir: Path, invoke) -> None:
    _break(
        bundled_dir,
        "    from:\n      at_least: correctie\n    to:\n      shift: 1\n",
        "    from:\n      at_least: civielrecht\n      at_most: correctie\n    to:\n      shift: 1\n",
    )
    out = invoke("validate", "--data", str(bundled_dir)).stdout
    assert (
        "inverted-range adjustment houding niet-willen: from.at_least civielrecht is above from.at_most correctie"
        in out
    )


def test_a_missing_advies_yaml_is_no_finding(bundled_dir: Path, invoke) -> None:
    (bundled_dir / "advies.yaml").unlink()
    result = invoke("validate", "--data", str(bundled_dir))
    assert result.exit_code == 0
    assert "advies" not in result.stdout


def test_the_readme_shows_the_bundled_matrix(kb) -> None:
    readme = (BUNDLED_DATA.parent / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| ") and " … " in line]
    table = {}
    for row in rows:
        ernst, *cells = [c.strip() for c in row.strip("|").split("|")]
        for herhaling, cell in zip(LEVELS, cells, strict=True):
            table[(ernst, herhaling)] = tuple(cell.split(" … "))
    config = advice_config(kb)
    assert table == {(c.ernst, c.herhaling): (c.from_, c.to) for c in config.matrix}
