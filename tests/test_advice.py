"""Proportionality advice (advice.py), its settings (advies.yaml) and their checks.

Every scenario runs on the fixture knowledge base (tests/fixtures/kb/data), whose
advies.yaml has the shape and the defaults of the bundled one: the bundled data is
guarded by `zorgtoolbox validate` and its reference cases, not by tests pinned to it.

The scenarios follow issue 11: the weighing as the Handhavingskader has it (4.2, no
aspect counted twice), the matrix as a regional setting, the three conflicts with the
source (the heaviest rung at a first offence, aangifte at every strafbaar feit, houding
and recidive counted once), the scope of the framework's rules, no dead end, and the
sensitivity of the advice.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, load_kb

from zorgtoolbox.advice import (
    ADVICE_NOTICE,
    FACTOR_FIELDS,
    Advice,
    Factors,
    advice_config,
    advise,
    make_factors,
    proportionate_range,
    range_of,
    weigh,
    who_decides,
)
from zorgtoolbox.cli.words import describe
from zorgtoolbox.errors import InvalidFileError, NoAdviceSettings, ZorgtoolboxError
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.loaded import Loaded
from zorgtoolbox.loader import load_case
from zorgtoolbox.models import (
    ASPECTS,
    HOUDINGEN,
    LADDER,
    LEVELS,
    RISICOS,
    STRUCTUREN,
    Case,
    CaseFactors,
)
from zorgtoolbox.validation import validate

ASPECT_VALUES = {
    "risico": RISICOS,
    "omvang": LEVELS,
    "structuur": STRUCTUREN,
    "houding": HOUDINGEN,
    "recidive": (False, True),
}
FIRST_FAULT = {
    "domain": "fraude",
    "risico": "niet-zo-ernstig",
    "omvang": "klein",
    "structuur": "goed",
    "houding": "niet-weten",
    "recidive": False,
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


def run(kb: KnowledgeBase, **values) -> Advice:
    return advise(kb, make_factors(kb, **values))


def ids(groups) -> dict[tuple[str, str], list[str]]:
    """Candidate ids per (document, agency), in the order shown."""
    return {(g.document.id, g.agency.id): [c.measure.id for c in g.candidates] for g in groups}


# --- the weighing: each factor directly or from all of its aspects --------------------


def test_ernst_is_weighed_from_risico_and_omvang_by_the_regional_table(kb) -> None:
    config = advice_config(kb)
    for risico, omvang in itertools.product(RISICOS, LEVELS):
        ernst, _ = weigh(config, Factors("fraude", risico=risico, omvang=omvang, herhaling="klein"))
        assert ernst.level == config.weighing.ernst.table[risico][omvang]
        assert ernst.aspects == (("risico", risico), ("omvang", omvang))
        assert ernst.rule is config.weighing.ernst and ernst.rule.basis == "setting"


def test_herhaling_is_weighed_from_structuur_and_houding_then_recidive_once(kb) -> None:
    config = advice_config(kb)
    table = config.weighing.herhaling.table
    for structuur, houding in itertools.product(STRUCTUREN, HOUDINGEN):
        base = table[structuur][houding]
        values = {"ernst": "klein", "structuur": structuur, "houding": houding}
        _, no = weigh(config, Factors("fraude", **values, recidive=False))
        _, yes = weigh(config, Factors("fraude", **values, recidive=True))
        assert no.level == no.table_level == base and no.shift == 0
        assert yes.table_level == base
        assert yes.level == LEVELS[min(2, LEVELS.index(base) + 1)]  # one step, at most groot
        assert yes.shift == LEVELS.index(yes.level) - LEVELS.index(base)
        assert [a for a, _ in yes.aspects] == ["structuur", "houding", "recidive"]


def test_a_factor_given_directly_has_no_rule(kb) -> None:
    a = run(kb, domain="fraude", ernst="groot", herhaling="klein")
    assert (a.ernst.level, a.ernst.direct, a.ernst.rule) == ("groot", True, None)
    assert (a.herhaling.level, a.herhaling.direct, a.herhaling.rule) == ("klein", True, None)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"herhaling": "groot", "houding": "niet-willen"},
            "herhaling is given directly (--herhaling) and through its aspects (--houding)",
        ),
        (
            {"herhaling": "klein", "recidive": True},
            "through its aspects (--recidive/--geen-recidive); give one or the other, so "
            "that no aspect is counted twice",
        ),
        ({"ernst": "klein", "risico": "ernstig"}, "ernst is given directly (--ernst) and"),
    ],
)
def test_no_factor_is_given_both_ways(kb, values, message) -> None:
    given = {"domain": "fraude", "ernst": "klein", "herhaling": "klein", **values}
    if "risico" in values:
        given["omvang"] = "klein"
    with pytest.raises(ZorgtoolboxError) as caught:
        make_factors(kb, **given)
    assert message in str(describe(caught.value))


def test_a_factor_is_weighed_from_all_its_aspects_or_not_at_all(kb) -> None:
    with pytest.raises(ZorgtoolboxError) as caught:
        make_factors(kb, domain="fraude", ernst="klein", houding="niet-willen")
    assert str(describe(caught.value)) == (
        "herhaling is weighed from all its aspects: give --structuur, "
        "--recidive/--geen-recidive as well, or give --herhaling directly"
    )
    with pytest.raises(ZorgtoolboxError) as caught:
        make_factors(kb, domain="fraude", herhaling="klein")
    assert str(describe(caught.value)) == (
        "give --ernst (klein, gemiddeld, groot) or its aspects (--risico, --omvang), or set "
        "them in the case file"
    )


def test_no_aspect_counts_twice_the_range_is_the_matrix_cell_of_the_weighed_factors(kb) -> None:
    """Every combination of aspects: the range is exactly the matrix cell of the levels
    the weighing gives. Nothing moves the range after the matrix (the old houding and
    recidive shifts counted those aspects a second time)."""
    config = advice_config(kb)
    names = list(ASPECT_VALUES)
    for combo in itertools.product(*ASPECT_VALUES.values()):
        factors = Factors("fraude", **dict(zip(names, combo, strict=True)))
        ernst, herhaling = weigh(config, factors)
        direct = Factors("fraude", ernst=ernst.level, herhaling=herhaling.level)
        assert range_of(config, factors) == range_of(config, direct)


def test_houding_and_recidive_count_once_in_herhaling(kb) -> None:
    """The issue's example: niet-willen with recidive, weighed once through herhaling,
    gives the same range as kans op herhaling groot given directly."""
    a = run(
        kb,
        domain="fraude",
        ernst="gemiddeld",
        structuur="matig",
        houding="niet-willen",
        recidive=True,
    )
    direct = run(kb, domain="fraude", ernst="gemiddeld", herhaling="groot")
    assert a.herhaling.level == "groot"
    assert (a.lower, a.upper) == (direct.lower, direct.upper) == ("correctie", "civielrecht")


def test_typed_factor_values_are_matched_forgivingly(kb) -> None:
    """What a user types is matched by the command line's `userinput`; the library then
    takes only exact values."""
    from zorgtoolbox.cli import userinput

    typed = {
        "domain": "FRAUDE",
        "risico": "zeer",
        "omvang": "Groot",
        "structuur": "sle",
        "houding": "niet-wi",
        "recidive": False,
        "financiering": "PGB",
        "org": "DJI",
    }
    f = userinput.advice_factors(kb, None, typed)
    with pytest.raises(ZorgtoolboxError):
        make_factors(kb, domain="FRAUDE", ernst="klein", herhaling="klein")
    assert (f.domain, f.risico, f.omvang, f.structuur, f.houding, f.financiering, f.agency) == (
        "fraude",
        "zeer-ernstig",
        "groot",
        "slecht",
        "niet-willen",
        "pgb",
        "dji",
    )
    assert f.given() == [
        ("risico", "zeer-ernstig"),
        ("omvang", "groot"),
        ("structuur", "slecht"),
        ("houding", "niet-willen"),
        ("recidive", "nee"),
    ]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"ernst": "heel"}, "unknown ernst 'heel'; choose from: klein, gemiddeld, groot"),
        (
            {"risico": "erg", "omvang": "klein", "ernst": None},
            "unknown risico 'erg'; choose from: niet-zo-ernstig, ernstig, zeer-ernstig",
        ),
        (
            {"structuur": "prima", "herhaling": None},
            "unknown structuur 'prima'; choose from: goed, matig, slecht",
        ),
        ({"financiering": "eigen"}, "unknown financiering 'eigen'; choose from: zin, pgb, wlz"),
        ({"domain": "zorg"}, "unknown domain 'zorg'; choose from: fraude, overlast"),
        ({"org": "brandweer"}, "unknown agency 'brandweer'; choose from: gemeente, dji, igj"),
        ({"taken": ("bestaat-niet",)}, "no measure 'bestaat-niet'"),
        ({"domain": None}, "give --domain (fraude, overlast), or set domain in the case file"),
    ],
)
def test_bad_factor_values_list_the_valid_ones(kb, values, message) -> None:
    given = {"domain": "fraude", "ernst": "klein", "herhaling": "klein", **values}
    with pytest.raises(ZorgtoolboxError) as caught:
        make_factors(kb, **{k: v for k, v in given.items() if v is not None})
    assert message in str(describe(caught.value))


# --- the range: a regional setting, and conflict 1 ------------------------------------


def test_the_range_is_a_regional_setting_with_its_rule(kb) -> None:
    a = run(kb, **FIRST_FAULT)
    assert (a.lower, a.upper, a.classes) == ("advies", "correctie", ("advies", "correctie"))
    assert a.basis == "setting"
    assert (a.range.cell.ernst, a.range.cell.herhaling) == ("klein", "klein")
    assert a.config.matrix.basis == "setting"
    assert "geen regel uit het kader" in a.config.matrix.why.text
    assert a.framework.id == "testkader" and a.framework.region == "Regio Elders"
    assert a.notice == ADVICE_NOTICE and "not a decision" in str(ADVICE_NOTICE)


@pytest.mark.parametrize("herhaling", LEVELS)
def test_conflict_1_a_serious_case_reaches_the_heaviest_rung_even_at_a_first_offence(
    kb, herhaling: str
) -> None:
    a = run(kb, domain="fraude", ernst="groot", herhaling=herhaling)
    assert a.upper == LADDER[-1] == "strafrecht"
    first = run(
        kb,
        domain="fraude",
        risico="zeer-ernstig",
        omvang="groot",
        structuur="goed",
        houding="niet-kunnen",
        recidive=False,
    )
    assert (first.herhaling.level, first.upper) == ("klein", "strafrecht")


def test_a_missing_cell_is_said_not_guessed(kb) -> None:
    config = advice_config(kb)
    broken = config.model_copy(
        update={"matrix": config.matrix.model_copy(update={"cells": config.matrix.cells[:1]})}
    )
    with pytest.raises(NoAdviceSettings, match="cell groot × groot"):
        proportionate_range(broken, "groot", "groot")


# --- conflict 2: a strafbaar feit always brings aangifte ------------------------------


AANGIFTE = """\
id: kader-aangifte
title: Aangifte doen
document: testkader
section: 4. Strafrecht
agency: gemeente
domains:
  fraude: {}
description: De toezichthouder kan namens het college aangifte doen.
instrument: strafrecht
target: zorgaanbieder
basis: local
"""

TERUGMELDING = """\
id: dji-terugmelding
title: Terugmelding
document: testbron
section: Maatregelen Fraude, DJI
agency: dji
domains:
  fraude:
    position: 4
description: DJI meldt terug aan het OM.
instrument: strafrecht
target: zorgaanbieder
basis: local
"""


@pytest.fixture
def with_aangifte(kb_dir: Path) -> KnowledgeBase:
    """The fixture with the framework's own aangifte instrument and an agency's own
    strafrecht rung."""
    (kb_dir / "measures" / "gemeente" / "kader-aangifte.yaml").write_text(AANGIFTE)
    (kb_dir / "measures" / "dji" / "dji-terugmelding.yaml").write_text(TERUGMELDING)
    advies = kb_dir / "advies.yaml"
    text = advies.read_text(encoding="utf-8")
    advies.write_text(
        text.replace(
            "financiering: [zin, pgb]", "  measures: [kader-aangifte]\nfinanciering: [zin, pgb]"
        )
    )
    return load_kb(kb_dir)


@pytest.mark.parametrize(("ernst", "herhaling"), list(itertools.product(LEVELS, LEVELS)))
def test_conflict_2_a_strafbaar_feit_adds_aangifte_whatever_the_range(
    with_aangifte, ernst: str, herhaling: str
) -> None:
    a = run(with_aangifte, domain="fraude", ernst=ernst, herhaling=herhaling, strafbaar_feit=True)
    assert a.aangifte is not None
    assert a.aangifte.rule.who.startswith("De toezichthouder namens het college")
    assert "aangifte" in a.aangifte.rule.why.quotes[0].text
    (framework,) = a.aangifte.framework
    assert framework.measure.id == "kader-aangifte" and "kader-aangifte" in a.listed()
    # another agency's strafrecht rung is listed as that agency's own option
    (own,) = a.aangifte.own
    assert own.measure.id == "dji-terugmelding"
    assert own.decider.decided_by_source == "agency" and own.decider.collegebesluit is None
    without = run(with_aangifte, domain="fraude", ernst=ernst, herhaling=herhaling)
    assert without.aangifte is None
    if "strafrecht" not in without.classes:
        assert "kader-aangifte" not in without.listed()


def test_aangifte_without_an_instrument_in_the_domain_still_says_who(with_aangifte) -> None:
    a = run(with_aangifte, domain="overlast", ernst="klein", herhaling="klein", strafbaar_feit=True)
    assert a.aangifte is not None and a.aangifte.framework == [] and a.aangifte.own == []
    assert "politie en OM" in a.aangifte.rule.who


# --- scope: the framework's rules for its own instruments only -------------------------

HANDHAVINGSKADER = """\
title: Testkader
document: testkader
section: 2. Instrumenten
basis: local
instrument_classes:
  - {id: advies, title: Advies, description: Adviseren., decided_by: Toezichthouder}
  - id: correctie
    title: Corrigerende maatregelen
    description: Corrigeren.
    decided_by: Toezichthouder
    collegebesluit: false
  - id: bestuursrecht
    title: Bestuursrechtelijke maatregelen
    description: Bestuursrecht.
    decided_by: College van B&W
    collegebesluit: true
  - {id: civielrecht, title: Civielrecht, description: Contract., decided_by: College van B&W}
  - {id: strafrecht, title: Strafrecht, description: Aangifte., decided_by: Politie en OM}
"""

WITHOUT_DECIDER = (
    AANGIFTE.replace("kader-aangifte", "kader-bestuursdwang")
    .replace("instrument: strafrecht", "instrument: bestuursrecht")
    .replace("title: Aangifte doen", "title: Bestuursdwang")
)


def test_who_decides_the_class_rule_only_where_the_measure_is_silent(kb_dir: Path) -> None:
    (kb_dir / "handhavingskader.yaml").write_text(HANDHAVINGSKADER)
    (kb_dir / "measures" / "gemeente" / "kader-bestuursdwang.yaml").write_text(WITHOUT_DECIDER)
    kb = load_kb(kb_dir)
    m = kb.measures_by_id
    # the measure says both: its own words
    d = who_decides(kb, m["kader-last-onder-dwangsom"])
    assert (d.decided_by, d.decided_by_source, d.collegebesluit, d.collegebesluit_source) == (
        "College van B&W",
        "measure",
        True,
        "measure",
    )
    # the measure says neither: the class's rule, labelled as such
    d = who_decides(kb, m["kader-bestuursdwang"])
    assert (d.decided_by, d.decided_by_source, d.collegebesluit, d.collegebesluit_source) == (
        "College van B&W",
        "instrument_class",
        True,
        "instrument_class",
    )
    # another document's measure of a class the framework rules: never its rules
    for other in ("dji-extra-controle", "igj-aanwijzing", "gemeente-gedragsaanwijzing"):
        d = who_decides(kb, m[other])
        assert (d.decided_by_source, d.collegebesluit, d.collegebesluit_source) == (
            "agency",
            None,
            None,
        ), other


def test_candidates_are_grouped_per_document_and_agency_with_their_rules(kb) -> None:
    a = run(kb, domain="fraude", ernst="gemiddeld", herhaling="groot", financiering="zin")
    assert ids(a.candidates) == {
        ("testbron", "gemeente"): [],
        ("testbron", "dji"): ["dji-extra-controle", "dji-opzeggen"],
        ("testbron", "igj"): ["igj-aanwijzing"],
        ("testkader", "gemeente"): [
            "kader-schriftelijke-waarschuwing",
            "kader-last-onder-dwangsom",
        ],
    }
    rules = {(g.document.id, g.agency.id): g.framework for g in a.candidates}
    assert rules == {
        ("testbron", "gemeente"): False,
        ("testbron", "dji"): False,
        ("testbron", "igj"): False,
        ("testkader", "gemeente"): True,
    }
    positions = {c.measure.id: c.position for g in a.candidates for c in g.candidates}
    assert positions["dji-opzeggen"] == 3 and positions["kader-last-onder-dwangsom"] is None


def test_financiering_filters_only_the_frameworks_instruments(kb) -> None:
    pgb = run(kb, domain="fraude", ernst="gemiddeld", herhaling="groot", financiering="pgb")
    groups = ids(pgb.candidates)
    assert groups[("testkader", "gemeente")] == ["kader-schriftelijke-waarschuwing"]
    assert groups[("testbron", "dji")] == ["dji-extra-controle", "dji-opzeggen"]


def test_a_case_outside_the_frameworks_financing_gets_none_of_its_instruments(kb) -> None:
    a = run(kb, domain="fraude", ernst="gemiddeld", herhaling="groot", financiering="wlz")
    (framework,) = [g for g in a.candidates if g.framework]
    assert framework.candidates == [] and framework.gap is not None
    assert framework.gap.reason == "out-of-scope"
    assert ids(a.candidates)[("testbron", "dji")] == ["dji-extra-controle", "dji-opzeggen"]


# --- no dead end ------------------------------------------------------------------------


def test_the_issues_dead_end_now_says_why_and_what_is_nearest(kb) -> None:
    """DJI, overlast, groot × groot, after extra controle: no DJI measure in range."""
    a = run(
        kb,
        domain="overlast",
        org="dji",
        ernst="groot",
        herhaling="groot",
        taken=("dji-extra-controle",),
    )
    (group,) = a.candidates
    assert group.agency.id == "dji" and group.candidates == []
    assert group.gap is not None and group.gap.reason == "none-in-range"
    assert group.gap.lighter is not None and group.gap.lighter.measure.id == "dji-gesprek"
    assert group.gap.heavier is None
    assert [agency.id for agency in a.able] == ["gemeente"]


def test_every_agency_without_a_candidate_is_told_why(kb) -> None:
    for domain, ernst, herhaling, financiering in itertools.product(
        ("fraude", "overlast"), LEVELS, LEVELS, (None, "zin", "pgb", "wlz")
    ):
        a = run(kb, domain=domain, ernst=ernst, herhaling=herhaling, financiering=financiering)
        assert a.candidates
        for g in a.candidates:
            assert bool(g.candidates) != (g.gap is not None), (domain, ernst, herhaling, g)
        able = {g.agency.id for g in a.candidates if g.candidates}
        assert {agency.id for agency in a.able} == able


def test_gap_reasons(kb) -> None:
    taken = run(
        kb,
        domain="fraude",
        ernst="klein",
        herhaling="klein",
        taken=("kader-schriftelijke-waarschuwing",),
    )
    (kader,) = [g for g in taken.candidates if g.framework]
    assert kader.gap is not None and kader.gap.reason == "taken"
    assert kader.gap.heavier is not None
    assert kader.gap.heavier.measure.id == "kader-last-onder-dwangsom"
    signals = [
        g for g in taken.candidates if (g.document.id, g.agency.id) == ("testbron", "gemeente")
    ]
    assert signals[0].gap is not None and signals[0].gap.reason == "only-signalering"
    pgb = run(kb, domain="fraude", ernst="groot", herhaling="groot", financiering="pgb")
    (kader,) = [g for g in pgb.candidates if g.framework]
    assert kader.gap is not None and kader.gap.reason == "financiering"


# --- sensitivity -------------------------------------------------------------------------


def test_sensitivity_one_step_lighter_and_heavier_for_each_given_aspect(kb) -> None:
    a = run(
        kb,
        domain="fraude",
        risico="ernstig",
        omvang="klein",
        structuur="matig",
        houding="niet-kunnen",
        recidive=False,
    )
    assert (a.ernst.level, a.herhaling.level, a.lower, a.upper) == (
        "gemiddeld",
        "gemiddeld",
        "correctie",
        "bestuursrecht",
    )
    lines = [(s.factor, s.other, s.direction, s.lower, s.upper, s.changed) for s in a.sensitivity]
    assert lines == [
        ("risico", "niet-zo-ernstig", "lighter", "advies", "correctie", True),
        ("risico", "zeer-ernstig", "heavier", "correctie", "strafrecht", True),
        ("omvang", "gemiddeld", "heavier", "correctie", "bestuursrecht", False),
        ("structuur", "goed", "lighter", "advies", "correctie", True),
        ("structuur", "slecht", "heavier", "correctie", "civielrecht", True),
        ("houding", "niet-weten", "lighter", "advies", "correctie", True),
        ("houding", "niet-willen", "heavier", "correctie", "civielrecht", True),
        ("recidive", "ja", "heavier", "correctie", "civielrecht", True),
    ]


def test_sensitivity_for_factors_given_directly(kb) -> None:
    a = run(kb, domain="fraude", ernst="klein", herhaling="groot")
    assert [(s.factor, s.other, s.lower, s.upper) for s in a.sensitivity] == [
        ("ernst", "gemiddeld", "correctie", "civielrecht"),
        ("herhaling", "gemiddeld", "advies", "correctie"),
    ]


# --- taken measures and signalling --------------------------------------------------------


def test_taken_measures_are_left_out_and_their_next_steps_shown(kb) -> None:
    a = run(
        kb,
        domain="overlast",
        ernst="klein",
        herhaling="groot",
        taken=("gemeente-gesprek-veroorzaker",),
    )
    assert "gemeente-gesprek-veroorzaker" not in a.listed()
    (taken,) = a.taken
    assert taken.in_domain
    assert [(n.step.node.id, n.candidate) for n in taken.next] == [
        ("gemeente-gedragsaanwijzing", True)
    ]


def test_signalling_measures_are_listed_apart_as_meld_en_deel(kb) -> None:
    a = run(kb, **FIRST_FAULT)
    assert ids(a.meld_en_deel) == {
        ("testbron", "gemeente"): ["gemeente-melding-ikz"],
        ("testbron", "igj"): ["igj-signalen"],
    }
    assert "signalering" not in {c.measure.instrument for g in a.candidates for c in g.candidates}


def test_meld_en_deel_can_be_turned_off_in_the_data(kb_dir: Path) -> None:
    advies = kb_dir / "advies.yaml"
    advies.write_text(advies.read_text().replace("meld_en_deel: true", "meld_en_deel: false"))
    assert run(load_kb(kb_dir), **FIRST_FAULT).meld_en_deel == []


def test_without_advies_yaml_validation_is_clean_but_advice_says_what_is_missing(
    kb_dir: Path,
) -> None:
    (kb_dir / "advies.yaml").unlink()
    shutil.rmtree(kb_dir / "casuistiek")
    result = validate(kb_dir)
    assert result.ok and not result.findings
    kb = result.kb
    assert kb is not None and kb.advies is None
    with pytest.raises(NoAdviceSettings) as caught:
        advise(kb, make_factors(kb, domain="fraude", ernst="klein", herhaling="klein"))
    assert "advies.yaml is missing" in str(describe(caught.value))


# --- case files: categorical only, and no factor twice ----------------------------------


def test_a_case_file_has_only_categorical_fields() -> None:
    """No names, BSN, addresses or free text: every field is a closed vocabulary, a
    yes/no, an id or the case number (issue 11: the memo must not carry personal data)."""
    assert list(Case.model_fields) == [*CaseFactors.model_fields, "label"]
    assert set(CaseFactors.model_fields) == {
        "domain",
        "org",
        *FACTOR_FIELDS,
        "strafbaar_feit",
        "financiering",
        "taken",
    }
    assert set(FACTOR_FIELDS) == {f for factor, a in ASPECTS.items() for f in (factor, *a)}


def _case(tmp_path: Path, text: str) -> Loaded[Case]:
    path = tmp_path / "zaak.yaml"
    path.write_text(text, encoding="utf-8")
    return load_case(path)


def test_a_case_file_that_counts_an_aspect_twice_is_located(kb, tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        "domain: fraude\nernst: klein\nherhaling: groot\nhouding: niet-willen\nrecidive: true\n",
    )
    with pytest.raises(InvalidFileError) as caught:
        make_factors(kb, case=case)
    (finding,) = caught.value.findings
    assert (finding.code, finding.location.line, finding.location.column) == (
        "conflicting-factors",
        4,
        1,
    )
    assert str(finding.message).startswith(
        "herhaling is given directly and through its aspects (houding, recidive)"
    )


def test_the_command_line_replaces_the_case_files_way_of_giving_a_factor(kb, tmp_path) -> None:
    case = _case(
        tmp_path,
        "domain: fraude\nrisico: ernstig\nomvang: klein\nstructuur: matig\nhouding: niet-kunnen\n"
        "recidive: false\nstrafbaar_feit: true\n",
    )
    f = make_factors(kb, case=case, ernst="groot", houding="niet-willen")
    assert (f.ernst, f.risico, f.omvang) == ("groot", None, None)
    assert (f.structuur, f.houding, f.recidive, f.strafbaar_feit) == (
        "matig",
        "niet-willen",
        False,
        True,
    )
    assert make_factors(kb, case=case, strafbaar_feit=False).strafbaar_feit is False


# --- validate: a broken advies.yaml ----------------------------------------------------


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(folder: Path, name: str, needle: str) -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, line in enumerate(lines) if needle in line)


KK = "{ernst: klein, herhaling: klein, from: advies, to: correctie, why: {text: Licht.}}"
GG = "    - {ernst: groot, herhaling: groot, from: bestuursrecht, to: strafrecht, why: {text: Zwaar.}}\n"
KG = "{ernst: klein, herhaling: groot, from: correctie, to: bestuursrecht"

# (name, old text, new text, code, part of the message)
# fmt: off
BROKEN = [
    ("missing-cell", GG, "", "missing-cell", "the matrix has no cell for ernst groot × herhaling groot"),
    ("duplicate-cell", "{ernst: klein, herhaling: gemiddeld,", "{ernst: klein, herhaling: klein,", "duplicate-cell", "cell ernst × herhaling 'klein × klein' is already used at data/advies.yaml:"),
    ("inverted-range", KG, KG.replace("from: correctie", "from: civielrecht"), "inverted-range", "cell klein × groot runs from civielrecht down to bestuursrecht"),
    ("missing-table-entry", "zeer-ernstig: {klein: groot, gemiddeld: groot, groot: groot}", "zeer-ernstig: {klein: groot, gemiddeld: groot}", "missing-cell", "the ernst table has no level for risico zeer-ernstig × omvang groot"),
    ("missing-table-row", "      slecht: {niet-weten: gemiddeld, niet-kunnen: groot, niet-willen: groot}\n", "", "missing-cell", "the herhaling table has no row for structuur slecht"),
    ("missing-recidive-step", "recidive: {nee: 0, ja: 1}", "recidive: {ja: 1}", "missing-cell", "recidive has no step for 'nee'"),
    ("recidive-step-too-big", "recidive: {nee: 0, ja: 1}", "recidive: {nee: 0, ja: 3}", "invalid-value", "weighing.herhaling.recidive.ja: Input should be less than or equal to 2"),
    ("unknown-aspect-value", "goed: {niet-weten: klein,", "goed: {niet-wetend: klein,", "invalid-value", "'niet-wetend' is not allowed here; expected one of: niet-weten, niet-kunnen, niet-willen"),
    ("source-without-quotes", KK, KK.replace("why:", "basis: source, why:"), "missing-quote", "matrix.cells[0] has basis source but its why quotes nothing"),
    ("unnumbered-section", "          section: 3. Weging", "          section: Weging", "uncited-reason", "section 'Weging' has no section number"),
    ("altered-quote", "Het kader legt geen verband", "Het kader legt een verband", "quote-mismatch", "not the words of 'testkader'"),
    ("unknown-aangifte-measure", "financiering: [zin, pgb]", "  measures: [bestaat-niet]\nfinanciering: [zin, pgb]", "unknown-measure", "no measure 'bestaat-niet'"),
    ("aangifte-of-another-document", "financiering: [zin, pgb]", "  measures: [dji-opzeggen]\nfinanciering: [zin, pgb]", "invalid-value", "'dji-opzeggen' is a measure of 'testbron', not of 'testkader'"),
    ("signalering-in-range", KK, KK.replace("from: advies", "from: signalering"), "invalid-value", "expected one of: advies, correctie, bestuursrecht, civielrecht, strafrecht"),
    ("empty-why", "text: Licht.}}", "text: ''}}", "invalid-value", "matrix.cells[0].why.text: must not be empty"),
    ("unknown-field", "meld_en_deel: true", "meld_en_del: true", "unknown-field", "unknown field 'meld_en_del'; did you mean 'meld_en_deel'?"),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "message"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_a_broken_advies_yaml_is_located_and_fails(
    kb_dir: Path, invoke, name, old, new, code, message
) -> None:
    _edit(kb_dir, "advies.yaml", old, new)
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1, result.output
    found = [line for line in result.stdout.splitlines() if f" {code} " in line]
    assert found, result.stdout
    assert all(line.startswith("data/advies.yaml:") for line in found), found
    assert any(message in line for line in found), found


def test_broken_advies_findings_point_at_the_line(kb_dir: Path, invoke) -> None:
    _edit(kb_dir, "advies.yaml", KG, KG.replace("from: correctie", "from: civielrecht"))
    line = _line_of(kb_dir, "advies.yaml", "from: civielrecht")
    out = invoke("validate", "--data", str(kb_dir)).stdout
    assert f"data/advies.yaml:{line}:" in out and "inverted-range" in out


# --- validate: the reference cases of casuistiek/ -----------------------------------------

FOUT = "casuistiek/fout-uit-onwetendheid.yaml"
OVERLAST = "casuistiek/zware-overlast.yaml"


def _validate_lines(invoke, folder: Path) -> list[str]:
    result = invoke("validate", "--data", str(folder))
    return result.stdout.splitlines()[:-1]


def test_the_fixture_reference_cases_hold(kb) -> None:
    result = validate(FIXTURE_KB)
    assert result.ok and not result.findings


def test_a_matrix_edit_that_changes_a_reference_case_is_located(kb_dir: Path, invoke) -> None:
    _edit(kb_dir, "advies.yaml", KK, KK.replace("to: correctie", "to: bestuursrecht"))
    lines = _validate_lines(invoke, kb_dir)
    range_line = _line_of(kb_dir, FOUT, "range:")
    excludes_line = _line_of(kb_dir, FOUT, "excludes:")
    assert lines == [
        f"data/{FOUT}:{range_line}:3: case-outcome-changed reference case "
        "'fout-uit-onwetendheid': the range was advies … correctie, is now advies … "
        "bestuursrecht (ernst klein × kans op herhaling klein); if the change is intended, "
        "update the case and its why",
        f"data/{FOUT}:{excludes_line}:14: case-outcome-changed reference case "
        "'fout-uit-onwetendheid': the advice now lists kader-last-onder-dwangsom, which the "
        "case expects it not to list (range advies … bestuursrecht)",
    ]


def test_a_measure_the_case_needs_that_is_no_longer_listed(kb_dir: Path, invoke) -> None:
    _edit(kb_dir, "advies.yaml", KK, KK.replace("from: advies", "from: correctie"))
    lines = _validate_lines(invoke, kb_dir)
    assert any(
        "case-outcome-changed reference case 'fout-uit-onwetendheid': the advice no longer "
        "lists dji-gesprek (class advies) in correctie" in line
        for line in lines
    ), lines


def test_a_ladder_edit_that_changes_a_reference_case_is_located(kb_dir: Path, invoke) -> None:
    _edit(
        kb_dir,
        "measures/gemeente/gemeente-huisverbod.yaml",
        "instrument: bestuursrecht",
        "instrument: correctie",
    )
    lines = [line for line in _validate_lines(invoke, kb_dir) if "case-outcome-changed" in line]
    assert len(lines) == 1 and lines[0].startswith(f"data/{OVERLAST}:")
    assert "the advice no longer lists gemeente-huisverbod (class correctie)" in lines[0]


# fmt: off
BROKEN_CASES = [
    ("unknown-measure", FOUT, "includes: [kader-schriftelijke-waarschuwing, dji-gesprek]", "includes: [kader-schriftelijke-waarschuwing, dji-gesprekken]", "unknown-measure", "reference case 'fout-uit-onwetendheid' names no measure 'dji-gesprekken'"),
    ("id-mismatch", OVERLAST, "id: zware-overlast", "id: zware-overlast-2", "id-mismatch", "id 'zware-overlast-2' does not match the file name 'zware-overlast.yaml'"),
    ("conflicting-factors", FOUT, "  risico: niet-zo-ernstig\n", "  risico: niet-zo-ernstig\n  ernst: klein\n", "conflicting-factors", "ernst is given directly and through its aspects (risico, omvang)"),
    ("missing-domain", OVERLAST, "  domain: overlast\n", "", "missing-field", "reference case 'zware-overlast': give the domain"),
    ("unknown-agency", OVERLAST, "  domain: overlast\n", "  domain: overlast\n  org: politie\n", "unknown-agency", "unknown agency 'politie'"),
    ("quote-without-document", OVERLAST, "  text: Alleen de gemeente heeft maatregelen in deze reeks.\n", "  text: Alleen de gemeente.\n  quotes:\n    - text: Handhaven is maatwerk.\n      section: 1. Uitgangspunten\n", "missing-field", "this quote names no document"),
    ("altered-quote", FOUT, "volstaat vaak een waarschuwing", "volstaat altijd een waarschuwing", "quote-mismatch", "not the words of 'testkader'"),
    ("unnumbered-section", FOUT, "      section: 3. Weging", "      section: Weging", "uncited-reason", "section 'Weging' has no section number"),
    ("personal-data", FOUT, "  domain: fraude\n", "  domain: fraude\n  naam: Jan Jansen\n", "unknown-field", "unknown field 'factors.naam'"),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "file", "old", "new", "code", "message"),
    BROKEN_CASES,
    ids=[b[0] for b in BROKEN_CASES],
)
def test_a_broken_reference_case_is_located_and_fails(
    kb_dir: Path, invoke, name, file, old, new, code, message
) -> None:
    _edit(kb_dir, file, old, new)
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1, result.output
    found = [line for line in result.stdout.splitlines() if f" {code} " in line]
    assert found, result.stdout
    assert all(line.startswith(f"data/{file}:") for line in found), found
    assert any(message in line for line in found), found


def test_reference_cases_need_advies_yaml(kb_dir: Path, invoke) -> None:
    (kb_dir / "advies.yaml").unlink()
    lines = _validate_lines(invoke, kb_dir)
    assert len(lines) == 2
    assert all(
        "case-outcome-changed" in line and "advies.yaml is missing" in line for line in lines
    )


def test_every_new_code_is_exercised() -> None:
    from zorgtoolbox.findings import CODES

    new = {
        "missing-cell",
        "duplicate-cell",
        "inverted-range",
        "uncited-reason",
        "conflicting-factors",
        "case-outcome-changed",
    }
    assert new <= set(CODES)
    exercised = {b[3] for b in BROKEN} | {b[4] for b in BROKEN_CASES} | {"case-outcome-changed"}
    assert new <= exercised


def test_the_checks_do_not_import_networkx() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nimport zorgtoolbox.checks.advice, zorgtoolbox.advice\n"
        "print('networkx' in sys.modules, 'jinja2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_a_measure_that_leaves_who_decides_open_gets_no_class_rule(kb_dir) -> None:
    """An entry in `provenance` for an empty collegebesluit says the text leaves it open:
    no rule fills it in (the framework's rule for the class would read as the framework's
    answer), and the advice says the text does not say."""
    import re

    from conftest import load_kb

    from zorgtoolbox.advice import who_decides

    path = kb_dir / "measures" / "gemeente" / "kader-schriftelijke-waarschuwing.yaml"
    text = path.read_text().replace("collegebesluit: false\n", "")
    assert "  collegebesluit: {basis: derived" in text
    path.write_text(text)
    kb = load_kb(kb_dir)
    decider = who_decides(kb, kb.measures_by_id["kader-schriftelijke-waarschuwing"])
    assert (decider.collegebesluit, decider.collegebesluit_source) == (None, "unknown")
    path.write_text(re.sub(r"  collegebesluit: \{.*\}\n", "", text))
    kb = load_kb(kb_dir)
    decider = who_decides(kb, kb.measures_by_id["kader-schriftelijke-waarschuwing"])
    assert decider.collegebesluit_source is None
