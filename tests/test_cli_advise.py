"""`zorgtoolbox advise` through the CLI: output, JSON shape, case files, exit codes.

Runs on the fixture knowledge base (its advies.yaml has the shape of the bundled one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED_DATA, FIXTURE_KB

from zorgtoolbox.advice import ADVICE_NOTICE

DATA = ["--data", str(FIXTURE_KB)]
SERIOUS = ["--domain", "fraude", "--ernst", "groot", "--herhaling", "groot"]
SMALL = ["--domain", "fraude", "--ernst", "klein", "--herhaling", "klein"]
ASPECTS = [
    "--domain",
    "fraude",
    "--risico",
    "ernstig",
    "--omvang",
    "klein",
    "--structuur",
    "matig",
    "--houding",
    "niet-willen",
    "--recidive",
]


def advise(invoke, *args: str):
    return invoke("advise", *args, *DATA)


def advise_json(invoke, *args: str) -> dict:
    result = advise(invoke, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def flat(text: str) -> str:
    return " ".join(text.split())


def candidate_ids(data: dict) -> list[str]:
    return [m["id"] for g in data["candidates"] for m in g["measures"]]


# --- human output ----------------------------------------------------------------------


def test_human_output_weighing_range_rule_and_status(invoke) -> None:
    result = advise(invoke, *ASPECTS, "--financiering", "zin")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert out.startswith(
        "Advice: domain fraude · risico ernstig · omvang klein · structuur matig · houding "
        "niet-willen · recidive ja · financiering zin"
    )
    assert flat(str(ADVICE_NOTICE)) in out
    assert "ernst: gemiddeld — risico ernstig × omvang klein (regional setting)" in out
    assert (
        "kans op herhaling: groot — structuur matig × houding niet-willen: groot; recidive "
        "ja: no change (regional setting)"
    ) in out
    assert "range: correctie … civielrecht (correctie, bestuursrecht, civielrecht)" in out
    assert "rule: matrix cell ernst gemiddeld × herhaling groot · basis: regional setting" in out
    assert (
        "The range is the region's chosen reading of the Testkader Wmo, Regio Elders, "
        "set in advies.yaml; it is not a rule of the Testkader Wmo itself."
    ) in out
    assert "if risico were zeer-ernstig: bestuursrecht … strafrecht" in out
    assert "if recidive were nee: correctie … civielrecht (unchanged)" in out


def test_human_output_groups_per_document_with_who_decides(invoke) -> None:
    out = flat(
        advise(invoke, "--domain", "fraude", "--ernst", "gemiddeld", "--herhaling", "groot").stdout
    )
    toolbox = out.index(
        "Testtoolbox (region Testregio, januari 2026) — each agency decides on its own measures"
    )
    kader = out.index(
        "Testkader Wmo (Regio Elders, 2019) — its rules apply: who decides, collegebesluit, ZIN/PGB"
    )
    assert toolbox < kader
    assert (
        "3. Opzeggen van contracten (dji-opzeggen) civielrecht · zorgaanbieder · own decision of DJI"
        in out
    )
    assert (
        "Last onder dwangsom (kader-last-onder-dwangsom) bestuursrecht · zorgaanbieder · ZIN · "
        "who decides: College van B&W · collegebesluit: yes"
    ) in out
    assert (
        "Gemeente (Gemeente Testdorp) only signalling measures in fraude (see meld en deel)" in out
    )


def test_the_dead_end_of_the_issue_says_why_and_what_is_nearest(invoke) -> None:
    result = advise(
        invoke,
        "--domain",
        "overlast",
        "--org",
        "dji",
        "--ernst",
        "groot",
        "--herhaling",
        "groot",
        "--taken",
        "dji-extra-controle",
    )
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert "No measure in this range fits" not in out
    assert "no measure in bestuursrecht … strafrecht in the Testtoolbox" in out
    assert "nearest lighter: Gesprekken met zorgaanbieders (dji-gesprek) [advies]" in out
    assert "no heavier measure on its own ladder in overlast" in out
    assert "agencies with measures in this range: Gemeente" in out
    assert "No arrow of the stromenmodel leads on from here; see the candidates above." in out


def test_an_agency_without_measures_in_the_domain_is_said_not_hidden(invoke) -> None:
    out = flat(advise(invoke, *SMALL, "--org", "om").stdout)
    assert out.endswith(
        "candidates, least intrusive first OM has no measures in fraude agencies with "
        "measures in this range: DJI, IGJ, Gemeente"
    )
    memo = flat(advise(invoke, *SMALL, "--org", "om", "--motivering").stdout)
    assert (
        "OM heeft geen maatregelen in het domein fraude. Organisaties met maatregelen in deze "
        "reeks: DJI, IGJ, Gemeente."
    ) in memo


def test_a_strafbaar_feit_shows_aangifte_and_who_whatever_the_range(invoke) -> None:
    out = flat(advise(invoke, *SMALL, "--strafbaar-feit").stdout)
    assert "range: advies … correctie" in out
    assert "strafbaar feit: aangifte, whatever the range" in out
    assert "De toezichthouder namens het college; politie en OM beslissen over vervolging." in out
    assert (
        "«Iedereen die een strafbaar feit ziet, doet aangifte bij de politie.» "
        "(Testkader Wmo, 4. Strafrecht)"
    ) in out
    assert "aangifte" not in flat(advise(invoke, *SMALL).stdout)


def test_taken_measures_and_their_next_steps(invoke) -> None:
    result = advise(
        invoke,
        "--domain",
        "overlast",
        "--ernst",
        "klein",
        "--herhaling",
        "groot",
        "--taken",
        "gemeente-gesprek-veroorzaker",
    )
    section = result.stdout.split("already taken, and what could come next\n", 1)[1]
    assert section.startswith("  Gesprek met de veroorzaker (gemeente-gesprek-veroorzaker)")
    assert "vervolg → Gedragsaanwijzing (gemeente-gedragsaanwijzing)" in section
    assert "· candidate" in section


# --- JSON --------------------------------------------------------------------------------

ADVICE_KEYS = {
    "label",
    "factors",
    "notice",
    "framework",
    "weighing",
    "range",
    "sensitivity",
    "strafbaar_feit",
    "candidates",
    "able",
    "meld_en_deel",
    "taken",
}
CANDIDATE_KEYS = {
    "id",
    "title",
    "document",
    "agency",
    "instrument",
    "position",
    "target",
    "financiering",
    "decided_by",
    "decided_by_source",
    "collegebesluit",
    "collegebesluit_source",
}


def test_json_shape(invoke) -> None:
    data = advise_json(invoke, *ASPECTS, "--strafbaar-feit", "--taken", "dji-gesprek")
    assert set(data) == ADVICE_KEYS
    assert data["label"] is None
    assert data["factors"] == {
        "domain": "fraude",
        "org": None,
        "ernst": None,
        "risico": "ernstig",
        "omvang": "klein",
        "herhaling": None,
        "structuur": "matig",
        "houding": "niet-willen",
        "recidive": True,
        "strafbaar_feit": True,
        "financiering": None,
        "taken": ["dji-gesprek"],
    }
    assert data["notice"] == str(ADVICE_NOTICE)
    assert data["framework"] == {
        "id": "testkader",
        "title": "Testkader Wmo",
        "region": "Regio Elders",
        "date": "2019",
    }
    assert data["weighing"]["ernst"] == {
        "level": "gemiddeld",
        "given": "aspects",
        "aspects": {"risico": "ernstig", "omvang": "klein"},
        "table_level": "gemiddeld",
        "recidive_steps": 0,
        "rule": {
            "basis": "setting",
            "why": {
                "text": "Een keuze van de testregio.",
                "quotes": [
                    {
                        "quote": "Ernst van de situatie (klein, gemiddeld, groot).",
                        "document": "testkader",
                        "section": "3. Weging",
                    }
                ],
            },
        },
    }
    assert data["weighing"]["herhaling"]["aspects"] == {
        "structuur": "matig",
        "houding": "niet-willen",
        "recidive": "ja",
    }
    rng = data["range"]
    assert (rng["from"], rng["to"], rng["basis"]) == ("correctie", "civielrecht", "setting")
    assert rng["classes"] == ["correctie", "bestuursrecht", "civielrecht"]
    assert rng["rule"] == {"ernst": "gemiddeld", "herhaling": "groot"}
    assert rng["why"] == {"text": "Zwaarder.", "quotes": []}
    assert rng["matrix"]["basis"] == "setting"
    assert data["sensitivity"][0] == {
        "factor": "risico",
        "value": "ernstig",
        "other": "niet-zo-ernstig",
        "direction": "lighter",
        "from": "correctie",
        "to": "bestuursrecht",
        "changed": True,
    }
    feit = data["strafbaar_feit"]
    assert set(feit) == {"basis", "why", "who", "measures", "own"}
    assert feit["basis"] == "derived" and feit["measures"] == [] and feit["own"] == []
    group = data["candidates"][1]
    assert set(group) == {"document", "agency", "agency_name", "rules", "measures", "gap"}
    assert (group["agency"], group["rules"], group["gap"]) == ("dji", "agency", None)
    controle = group["measures"][0]
    assert set(controle) == CANDIDATE_KEYS
    assert (controle["id"], controle["position"], controle["decided_by_source"]) == (
        "dji-extra-controle",
        2,
        "agency",
    )
    kader = data["candidates"][-1]
    assert (kader["document"]["id"], kader["rules"]) == ("testkader", "framework")
    waarschuwing = kader["measures"][0]
    assert (waarschuwing["decided_by"], waarschuwing["collegebesluit"]) == ("Toezichthouder", False)
    assert data["able"] == ["dji", "igj", "gemeente"]
    gap = data["candidates"][0]["gap"]
    assert gap == {"reason": "only-signalering", "lighter": None, "heavier": None}
    (taken,) = data["taken"]
    assert taken["measure"]["id"] == "dji-gesprek"
    assert [(s["id"], s["candidate"]) for s in taken["next"]] == [("dji-extra-controle", True)]


def test_json_gap_names_the_nearest_rungs(invoke) -> None:
    data = advise_json(invoke, "--domain", "overlast", "--org", "dji", *SERIOUS[2:])
    (group,) = data["candidates"]
    assert group["measures"] == []
    assert group["gap"]["reason"] == "none-in-range"
    assert group["gap"]["lighter"]["id"] == "dji-extra-controle"
    assert group["gap"]["heavier"] is None
    assert data["able"] == ["gemeente"]


def test_json_pgb_case_filters_only_the_frameworks_instruments(invoke) -> None:
    data = advise_json(
        invoke,
        "--domain",
        "fraude",
        "--ernst",
        "gemiddeld",
        "--herhaling",
        "groot",
        "--financiering",
        "PGB",
    )
    ids = candidate_ids(data)
    assert "kader-last-onder-dwangsom" not in ids
    assert {"kader-schriftelijke-waarschuwing", "dji-opzeggen", "igj-aanwijzing"} <= set(ids)


# --- wrong usage ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ernst", "heel"], "unknown ernst 'heel'; choose from: klein, gemiddeld, groot"),
        (
            ["--houding", "boos"],
            "unknown houding 'boos'; choose from: niet-weten, niet-kunnen, niet-willen",
        ),
        (
            ["--houding", "niet-willen"],
            "herhaling is given directly (--herhaling) and through its aspects (--houding)",
        ),
        (["--recidive"], "herhaling is given directly (--herhaling) and through its aspects"),
        (["--risico", "ernstig"], "ernst is given directly (--ernst) and through its aspects"),
        (["--financiering", "eigen"], "unknown financiering 'eigen'; choose from: zin, pgb, wlz"),
        (["--domain", "zorg"], "unknown domain 'zorg'; choose from: fraude, overlast"),
        (["--org", "brandweer"], "unknown agency 'brandweer'; choose from: gemeente,"),
        (["--taken", "dji-extra-controle,bestaat-niet"], "no measure 'bestaat-niet'"),
        (["--case", "geen-bestand.yaml"], "file 'geen-bestand.yaml' does not exist"),
        (["--out", "memo.md"], "--out writes the memo: give it with --motivering"),
        (["--motivering", "--json"], "give --motivering or --json, not both"),
    ],
)
def test_bad_values_exit_2_with_one_line(invoke, args: list[str], message: str) -> None:
    result = advise(invoke, *SMALL, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("--domain", "give --domain (fraude, overlast), or set domain in the case file"),
        ("--ernst", "give --ernst (klein, gemiddeld, groot) or its aspects (--risico, --omvang)"),
        ("--herhaling", "give --herhaling (klein, gemiddeld, groot) or its aspects"),
    ],
)
def test_a_missing_factor_exits_2(invoke, drop: str, message: str) -> None:
    args = list(SMALL)
    del args[args.index(drop) : args.index(drop) + 2]
    result = advise(invoke, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_without_advies_yaml_advise_exits_1_and_names_the_file(invoke, kb_dir: Path) -> None:
    (kb_dir / "advies.yaml").unlink()
    (kb_dir / "casuistiek" / "fout-uit-onwetendheid.yaml").unlink()
    (kb_dir / "casuistiek" / "zware-overlast.yaml").unlink()
    result = invoke("advise", *SMALL, "--data", str(kb_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert f"{kb_dir / 'advies.yaml'} is missing" in result.stderr
    assert invoke("measures", "--org", "dji", "--data", str(kb_dir)).exit_code == 0


# --- case files ----------------------------------------------------------------------------

CASE = """\
# yaml-language-server: $schema=../data/schema/case.schema.json
label: zaak-2026-014
domain: fraude
risico: ernstig
omvang: klein
structuur: matig
houding: niet-willen
recidive: true
strafbaar_feit: true
financiering: zin
taken:
  - dji-gesprek
"""


def write_case(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "zaak.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_case_file_gives_the_same_advice_as_the_options(invoke, tmp_path: Path) -> None:
    case = write_case(tmp_path, CASE)
    from_file = advise_json(invoke, "--case", str(case))
    from_options = advise_json(
        invoke, *ASPECTS, "--strafbaar-feit", "--financiering", "zin", "--taken", "dji-gesprek"
    )
    assert from_file["label"] == "zaak-2026-014"
    assert {k: v for k, v in from_file.items() if k != "label"} == {
        k: v for k, v in from_options.items() if k != "label"
    }
    human = advise(invoke, "--case", str(case))
    assert human.stdout.startswith("Advice for zaak-2026-014: domain fraude · risico ernstig")


def test_options_override_the_case_file_per_factor(invoke, tmp_path: Path) -> None:
    case = write_case(tmp_path, CASE)
    data = advise_json(invoke, "--case", str(case), "--herhaling", "klein", "--geen-strafbaar-feit")
    f = data["factors"]
    assert (f["herhaling"], f["structuur"], f["houding"], f["recidive"]) == (
        "klein",
        None,
        None,
        None,
    )
    assert (f["risico"], f["strafbaar_feit"]) == ("ernstig", False)
    assert data["weighing"]["herhaling"]["given"] == "direct"


@pytest.mark.parametrize(
    ("change", "where", "code", "message"),
    [
        (
            ("domain: fraude\n", "domain: fraude\nnaam: Jan Jansen\n"),
            "4:1",
            "unknown-field",
            "a case file holds no names, BSN, addresses or free text",
        ),
        (
            ("domain: fraude\n", "domain: fraude\nbsn: '123456782'\n"),
            "4:1",
            "unknown-field",
            "unknown field 'bsn'",
        ),
        (
            ("domain: fraude\n", "domain: fraude\nnotes: belde gisteren\n"),
            "4:1",
            "unknown-field",
            "unknown field 'notes'",
        ),
        (
            ("houding: niet-willen\n", "houding: niet-willen\nherhaling: groot\n"),
            "6:1",
            "conflicting-factors",
            "herhaling is given directly and through its aspects (structuur, houding, recidive)",
        ),
        (("label: zaak-2026-014", "label: Jan Jansen 1"), "2:8", "invalid-value", "never a name"),
        (
            ("risico: ernstig", "risico: heel erg"),
            "4:9",
            "invalid-value",
            "expected one of: niet-zo-ernstig, ernstig, zeer-ernstig",
        ),
        (
            ("strafbaar_feit: true", "strafbaar_feit: ja"),
            "9:17",
            "invalid-value",
            "expected true or false",
        ),
        (
            ("  - dji-gesprek", "  - dji-gesprekken-met"),
            "12:5",
            "unknown-measure",
            "no measure 'dji-gesprekken-met'",
        ),
    ],
)
def test_a_bad_case_file_exits_1_with_file_and_line(
    invoke, tmp_path: Path, change: tuple[str, str], where: str, code: str, message: str
) -> None:
    assert change[0] in CASE
    case = write_case(tmp_path, CASE.replace(change[0], change[1], 1))
    result = advise(invoke, "--case", str(case))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    line = next(line for line in result.stderr.splitlines() if f" {code} " in line)
    assert line.startswith(f"{case}:{where}: {code} "), line
    assert message in line
    assert "Traceback" not in result.output


# --- staying light -----------------------------------------------------------------------


def _imports(tmp_path: Path, *args: str) -> list[str]:
    code = (
        "import sys\n"
        "from zorgtoolbox.cli import app\n"
        f"sys.argv = ['zorgtoolbox', 'advise', *{list(args)!r}, '--data', {str(FIXTURE_KB)!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = ('networkx', 'jinja2', 'ruamel.yaml')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "ZORGTOOLBOX_CACHE_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return proc.stderr.strip().splitlines()[-1:]


def test_advise_without_taken_stays_light(tmp_path: Path) -> None:
    """Without --taken, advise needs neither networkx nor jinja2 (nor, on a cache hit,
    the YAML parser); the memo needs jinja2 and nothing more."""
    assert _imports(tmp_path, *SMALL) == ["['ruamel.yaml']"]
    assert _imports(tmp_path, *SMALL) == ["[]"]
    assert _imports(tmp_path, *SMALL, "--motivering") == ["['jinja2']"]


# --- the README's case file and the JSON Schema of case files --------------------------


def readme_case() -> str:
    readme = (BUNDLED_DATA.parent / "README.md").read_text(encoding="utf-8")
    # the README's example case: the yaml block that starts `# bestand: zaak.yaml`
    return readme.split("```yaml\n# bestand: zaak.yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_case_file_is_a_valid_case(tmp_path: Path) -> None:
    from zorgtoolbox.loader import load_case

    case = load_case(write_case(tmp_path, readme_case())).model
    assert case.label == "zaak-2026-014"
    assert (case.risico, case.omvang, case.structuur, case.houding) == (
        "ernstig",
        "klein",
        "matig",
        "niet-willen",
    )
    assert case.ernst is None and case.herhaling is None and case.strafbaar_feit is True


@pytest.mark.parametrize(
    ("extra", "ok"),
    [("", True), ("naam: Jan Jansen\n", False), ("bsn: '123456782'\n", False)],
)
def test_the_case_schema_checks_case_files(tmp_path: Path, extra: str, ok: bool) -> None:
    case = write_case(tmp_path, readme_case() + extra)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(BUNDLED_DATA / "schema" / "case.schema.json"),
            str(case),
        ],
        capture_output=True,
        text=True,
    )
    assert (proc.returncode == 0) is ok, proc.stdout + proc.stderr
