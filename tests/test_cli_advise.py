"""`zorgtoolbox advise` through the CLI: output, JSON shape, case files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED_DATA, FIXTURE_KB

from zorgtoolbox.advice import ADVICE_NOTICE

DATA = ["--data", str(BUNDLED_DATA)]
SERIOUS = ["--domain", "fraude", "--ernst", "groot", "--herhaling", "groot"]
SMALL = ["--domain", "fraude", "--ernst", "klein", "--herhaling", "klein"]


def advise(invoke, *args: str):
    return invoke("advise", *args, *DATA)


def advise_json(invoke, *args: str) -> dict:
    result = advise(invoke, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def candidate_ids(data: dict) -> list[str]:
    return [m["id"] for g in data["candidates"] for m in g["measures"]]


# --- human output ----------------------------------------------------------------------


def test_human_output_range_trace_candidates_and_notice(invoke) -> None:
    result = advise(invoke, *SERIOUS, "--houding", "niet-willen", "--recidive")
    assert result.exit_code == 0, result.output
    out = result.stdout
    lines = out.splitlines()
    assert " ".join(lines[:2]) == (
        "Advice: domain fraude · ernst groot · herhaling groot · houding niet-willen · recidive ja"
    )
    assert lines[2].startswith('This is advice, not a decision: "Handhaven is maatwerk."')
    assert "range: bestuursrecht … strafrecht (bestuursrecht, civielrecht, strafrecht)" in lines
    assert "  ernst groot × herhaling groot: bestuursrecht … strafrecht" in lines
    assert "  houding niet-willen: bestuursrecht … strafrecht (unchanged)" in lines
    assert "  recidive ja: bestuursrecht … strafrecht (unchanged)" in lines
    headings = [line for line in lines if line and not line.startswith(" ")]
    candidates = headings[headings.index("candidates, least intrusive first") + 1 :]
    assert candidates[:5] == [
        "Gemeente (Gemeenten in de regio IJssel-Vecht)",
        "DJI (Dienst Justitiële Inrichtingen)",
        "Reclassering (3 reclassering organisaties)",
        "RIEC (Regionaal informatie- en expertisecentrum)",
        "IGJ (Inspectie Gezondheidszorg en Jeugd)",
    ]
    assert "  13. Last onder dwangsom (gemeente-last-onder-dwangsom)" in lines
    assert "collegebesluit: ja" in out
    assert "decided by: Politie en OM in samenwerking met gemeenten" in " ".join(out.split())
    assert "meld en deel (signalering, below the ladder)" in lines


def test_human_output_shows_what_moved_the_range(invoke) -> None:
    result = advise(
        invoke,
        "--domain",
        "fraude",
        "--ernst",
        "gemiddeld",
        "--herhaling",
        "gemiddeld",
        "--houding",
        "niet-willen",
        "--recidive",
    )
    lines = result.stdout.splitlines()
    assert "  houding niet-willen: correctie … bestuursrecht → correctie … civielrecht" in lines
    assert "  recidive ja: correctie … civielrecht → correctie … strafrecht" in lines
    flat = " ".join(result.stdout.split())
    assert (
        '"Bereiken we echter niet het gewenste effect dan is een repressieve maatregel nodig"'
        in flat
    )
    assert "(Handhavingskader Wmo, 2.1 Visie volgens de methodiek Hoogwaardig Handhaven)" in flat


def test_taken_measures_and_their_next_steps(invoke) -> None:
    result = advise(
        invoke,
        "--domain",
        "overlast",
        "--ernst",
        "gemiddeld",
        "--herhaling",
        "groot",
        "--taken",
        "gemeente-gesprekken-met-veroorzaker,gedragsaanwijzing-opgelegd-door-de-burgemeester-aan-de",
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    section = out.split("already taken, and what could come next\n", 1)[1]
    assert section.startswith("  Gesprekken met de veroorzaker van de overlast")
    assert "vervolg → Gedragsaanwijzing opgelegd door de burgemeester" in section
    assert "· candidate" in section
    assert "(gemeente-gesprekken-met-veroorzaker)" not in out.split("already taken")[0]
    assert (
        "(gemeente-gedragsaanwijzing-veroorzaker) [gemeente · bestuursrecht, heavier] · already taken"
        in " ".join(section.split())
    )
    outside = advise(invoke, *SMALL, "--taken", "tijdelijk-huisverbod")
    assert outside.exit_code == 0
    assert "[gemeente · bestuursrecht] (not in domain fraude)" in " ".join(outside.stdout.split())


# --- JSON --------------------------------------------------------------------------------

ADVICE_KEYS = {
    "label",
    "factors",
    "notice",
    "range",
    "trace",
    "candidates",
    "meld_en_deel",
    "taken",
}
CANDIDATE_KEYS = {
    "id",
    "title",
    "agency",
    "instrument",
    "position",
    "target",
    "financiering",
    "decided_by",
    "collegebesluit",
    "decided_by_source",
}


def test_json_shape(invoke) -> None:
    data = advise_json(
        invoke, *SERIOUS, "--houding", "niet-willen", "--recidive", "--taken", "dji-extra-controle"
    )
    assert set(data) == ADVICE_KEYS
    assert data["label"] is None
    assert data["factors"] == {
        "domain": "fraude",
        "org": None,
        "ernst": "groot",
        "herhaling": "groot",
        "houding": "niet-willen",
        "recidive": True,
        "financiering": None,
        "taken": ["dji-extra-controle"],
    }
    assert data["notice"] == ADVICE_NOTICE
    assert data["range"] == {
        "from": "bestuursrecht",
        "to": "strafrecht",
        "classes": ["bestuursrecht", "civielrecht", "strafrecht"],
    }
    first = data["trace"][0]
    assert set(first) == {"factor", "value", "before", "after", "changed", "why"}
    assert first["factor"] == "ernst × herhaling" and first["before"] is None
    assert set(first["why"]) == {"text", "quote", "source"}
    assert first["why"]["source"]["document"] == "handhavingskader-wmo-2019"
    group = data["candidates"][0]
    assert set(group) == {"agency", "agency_name", "measures"}
    assert (group["agency"], group["agency_name"]) == ("gemeente", "Gemeente")
    dwangsom = group["measures"][0]
    assert set(dwangsom) == CANDIDATE_KEYS
    assert dwangsom["id"] == "gemeente-last-onder-dwangsom"
    assert (dwangsom["collegebesluit"], dwangsom["decided_by_source"]) == (True, "measure")
    assert dwangsom["financiering"] == ["zin"] and dwangsom["position"] == 13
    (taken,) = data["taken"]
    assert set(taken) == {"measure", "in_domain", "domains", "next"}
    assert taken["measure"]["id"] == "dji-extra-controle"
    (step,) = taken["next"]
    assert step["id"] == "dji-beoordeling-geschiktheid"
    assert (step["kind"], step["weight"], step["candidate"], step["taken"]) == (
        "vervolg",
        "heavier",
        True,
        False,
    )


def test_json_pgb_case(invoke) -> None:
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
    assert "gemeente-terugvorderen-pgb" in ids and "gemeente-herzien-beschikking-pgb" in ids
    assert (
        "gemeente-last-onder-dwangsom" not in ids and "gemeente-ontbinding-overeenkomst" not in ids
    )
    assert all(
        not m["financiering"] or "pgb" in m["financiering"]
        for g in data["candidates"]
        for m in g["measures"]
    )


@pytest.mark.parametrize(
    "args",
    [
        SMALL,
        SERIOUS,
        [*SMALL, "--org", "igj"],  # nothing in range at all
        [
            "--domain",
            "overlast",
            "--ernst",
            "gemiddeld",
            "--herhaling",
            "klein",
            "--houding",
            "niet-kunnen",
        ],
    ],
)
def test_the_notice_is_always_there(invoke, args: list[str]) -> None:
    human = advise(invoke, *args)
    assert human.exit_code == 0, human.output
    assert '"Handhaven is maatwerk."' in human.stdout
    assert "direct de zwaarste maatregel in te zetten." in " ".join(human.stdout.split())
    assert advise_json(invoke, *args)["notice"] == ADVICE_NOTICE


def test_no_candidate_is_said_not_hidden(invoke) -> None:
    result = advise(invoke, *SMALL, "--org", "igj")
    assert "  No measure in this range fits the filters." in result.stdout.splitlines()


# --- wrong usage ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ernst", "heel"], "unknown ernst 'heel'; choose from: klein, gemiddeld, groot"),
        (["--herhaling", "soms"], "unknown herhaling 'soms'; choose from: klein, gemiddeld, groot"),
        (
            ["--houding", "boos"],
            "unknown houding 'boos'; choose from: niet-weten, niet-kunnen, niet-willen",
        ),
        (["--financiering", "eigen"], "unknown financiering 'eigen'; choose from: zin, pgb, wlz"),
        (["--domain", "zorg"], "unknown domain 'zorg'; choose from: fraude, overlast"),
        (["--org", "brandweer"], "unknown agency 'brandweer'; choose from: gemeente,"),
        (["--taken", "dji-extra-controle,bestaat-niet"], "no measure 'bestaat-niet'"),
        (["--taken", "gesprek"], "measures: "),
        (["--case", "geen-bestand.yaml"], "file 'geen-bestand.yaml' does not exist"),
    ],
)
def test_bad_values_exit_2_with_one_line(invoke, args: list[str], message: str) -> None:
    result = advise(invoke, *SMALL, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


@pytest.mark.parametrize("missing", ["--domain", "--ernst", "--herhaling"])
def test_a_missing_factor_exits_2(invoke, missing: str) -> None:
    args = list(SMALL)
    del args[args.index(missing) : args.index(missing) + 2]
    result = advise(invoke, *args)
    assert result.exit_code == 2
    assert f"give {missing} (" in result.stderr and "or set" in result.stderr


def test_without_advies_yaml_advise_exits_1_and_names_the_file(invoke) -> None:
    result = invoke("advise", *SMALL, "--data", str(FIXTURE_KB))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert f"{FIXTURE_KB / 'advies.yaml'} is missing" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # everything else still works on that data
    assert invoke("measures", "--org", "dji", "--data", str(FIXTURE_KB)).exit_code == 0
    assert invoke("validate", "--data", str(FIXTURE_KB)).exit_code == 0


# --- case files ----------------------------------------------------------------------------

CASE = """\
# yaml-language-server: $schema=../data/schema/case.schema.json
label: zaak-2026-014
domain: fraude
ernst: groot
herhaling: groot
houding: niet-willen
recidive: true
financiering: zin
taken:
  - gemeente-last-onder-dwangsom
"""


def write_case(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "zaak.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_case_file_gives_the_same_advice_as_the_options(invoke, tmp_path: Path) -> None:
    case = write_case(tmp_path, CASE)
    from_file = advise_json(invoke, "--case", str(case))
    from_options = advise_json(
        invoke,
        *SERIOUS,
        "--houding",
        "niet-willen",
        "--recidive",
        "--financiering",
        "zin",
        "--taken",
        "gemeente-last-onder-dwangsom",
    )
    assert from_file["label"] == "zaak-2026-014"
    assert {k: v for k, v in from_file.items() if k != "label"} == {
        k: v for k, v in from_options.items() if k != "label"
    }
    human = advise(invoke, "--case", str(case))
    assert human.stdout.startswith("Advice for zaak-2026-014: domain fraude · ernst groot")


def test_options_override_the_case_file(invoke, tmp_path: Path) -> None:
    case = write_case(tmp_path, CASE)
    data = advise_json(
        invoke,
        "--case",
        str(case),
        "--ernst",
        "klein",
        "--geen-recidive",
        "--taken",
        "dji-extra-controle",
    )
    assert data["factors"]["ernst"] == "klein"
    assert data["factors"]["recidive"] is False
    assert data["factors"]["houding"] == "niet-willen"  # from the file
    assert data["factors"]["taken"] == ["dji-extra-controle"]
    assert [t["factor"] for t in data["trace"]] == ["ernst × herhaling", "houding"]


@pytest.mark.parametrize(
    ("change", "where", "code", "message"),
    [
        (
            ("ernst: groot\n", "ernst: groot\nnaam: Jan Jansen\n"),
            "5:1",
            "unknown-field",
            "unknown field 'naam'; allowed here: label, domain",
        ),
        (
            ("ernst: groot\n", "ernst: groot\nbsn: '123456782'\n"),
            "5:1",
            "unknown-field",
            "a case file holds no names, BSN, addresses or free text",
        ),
        (
            ("ernst: groot\n", "ernst: groot\nnotes: belde gisteren\n"),
            "5:1",
            "unknown-field",
            "unknown field 'notes'",
        ),
        (
            ("ernst: groot\n", "ernts: groot\n"),
            "4:1",
            "unknown-field",
            "unknown field 'ernts'; did you mean 'ernst'?",
        ),
        (
            ("label: zaak-2026-014", "label: jan-jansen"),
            "2:8",
            "invalid-value",
            "is not a case label; use a case number such as 'zaak-2026-014'",
        ),
        (("label: zaak-2026-014", "label: Jan Jansen 1"), "2:8", "invalid-value", "never a name"),
        (
            ("herhaling: groot", "herhaling: heel groot"),
            "5:12",
            "invalid-value",
            "expected one of: klein, gemiddeld, groot",
        ),
        (("recidive: true", "recidive: ja"), "7:11", "invalid-value", "expected true or false"),
        (("taken:\n", "taken: [\n"), "10:3", "yaml-syntax", "invalid YAML"),
        (
            ("label: zaak-2026-014", "label: !!python/object/apply:os.system ['echo']"),
            "2:8",
            "yaml-tag",
            "is not allowed",
        ),
        (
            ("  - gemeente-last-onder-dwangsom", "  - gemeente-dwangsommen"),
            "10:5",
            "unknown-measure",
            "no measure 'gemeente-dwangsommen'",
        ),
        (
            ("financiering: zin\n", "financiering: zin\norg: politiek\n"),
            "9:6",
            "unknown-agency",
            "unknown agency 'politiek'",
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


def test_a_case_file_that_is_a_list_is_refused(invoke, tmp_path: Path) -> None:
    case = write_case(tmp_path, "- ernst: groot\n")
    result = advise(invoke, "--case", str(case))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{case}:1:1: not-a-mapping ")


def test_every_problem_of_a_case_file_is_reported(invoke, tmp_path: Path) -> None:
    case = write_case(tmp_path, CASE + "naam: Jan\nadres: Dorpsstraat 1\n")
    result = advise(invoke, "--case", str(case))
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == [
        "unknown-field unknown field 'naam'; allowed here",
        "unknown-field unknown field 'adres'; allowed here",
    ]


# --- staying light -----------------------------------------------------------------------


def test_advise_without_taken_stays_light(tmp_path: Path) -> None:
    """Without --taken, advise needs neither networkx nor (on a cache hit) the YAML parser."""
    code = (
        "import sys\n"
        "from zorgtoolbox.cli import app\n"
        f"sys.argv = ['zorgtoolbox', 'advise', '--domain', 'fraude', '--ernst', 'groot', "
        f"'--herhaling', 'klein', '--data', {str(BUNDLED_DATA)!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = ('networkx', 'jinja2', 'ruamel.yaml')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "ZORGTOOLBOX_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.stderr.strip() == "['ruamel.yaml']"
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert second.stderr.strip() == "[]"


# --- the README's case file and the JSON Schema of case files --------------------------


def readme_case() -> str:
    readme = (BUNDLED_DATA.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Case files.**", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_case_file_works(invoke, tmp_path: Path) -> None:
    case = write_case(tmp_path, readme_case())
    data = advise_json(invoke, "--case", str(case))
    assert data["label"] == "zaak-2026-014"
    assert data["factors"]["financiering"] == "pgb"
    assert data["taken"][0]["measure"]["id"] == "gemeente-omzetten-pgb-naar-zin"


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
