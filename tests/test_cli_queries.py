"""The query commands through the CLI: output, JSON shapes, exit codes and messages."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_KB

MEASURE_KEYS = {
    "id",
    "title",
    "agency",
    "agency_name",
    "domains",
    "instrument",
    "target",
    "decided_by",
    "collegebesluit",
    "legal_basis",
    "financiering",
    "description",
    "contact",
    "links",
    "related",
    "notes",
    "document",
    "section",
    "basis",
    "provenance",
}
DATA = ["--data", str(FIXTURE_KB)]


def lines(result) -> list[str]:
    return result.stdout.splitlines()


# --- measures ------------------------------------------------------------------------


def test_measures_org_and_domain_table(invoke) -> None:
    result = invoke("measures", "--org", "DJI", "--domain", "overlast", *DATA)
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        "Testtoolbox (region Testregio, januari 2026)",
        "",
        "DJI (Dienst Justitiële Inrichtingen) · overlast",
        "pos  measure                            instrument  aimed at",
        "───  ─────────────────────────────────  ──────────  ─────────────",
        "  1  Gesprekken met zorgaanbieders      advies*     zorgaanbieder",
        "     id: dji-gesprek",
        "  2  Extra controle bij zorgaanbieders  correctie*  zorgaanbieder",
        "     id: dji-extra-controle",
        "",
        "* derived from the text · ° regional setting · + added by the region",
    ]


def test_measures_keep_each_document_apart(invoke) -> None:
    """A document of another region is shown under its own title, never as rungs of the
    main document's ladder; it sets no order, so its instruments have no position."""
    result = invoke("measures", "--org", "gemeente", "--domain", "fraude", *DATA)
    assert result.exit_code == 0, result.output
    assert lines(result)[:13] == [
        "Testtoolbox (region Testregio, januari 2026)",
        "",
        "Gemeente (Gemeente Testdorp) · fraude",
        "pos  measure              instrument    aimed at",
        "───  ───────────────────  ────────────  ─────────────",
        "  1  Melding bij het IKZ  signalering*  zorgaanbieder",
        "     id: gemeente-melding-ikz",
        "",
        "Testkader Wmo (Regio Elders, 2019)",
        "This document sets no order: its measures are listed by class.",
        "",
        "Gemeente (Gemeente Testdorp) · fraude",
        "pos  measure                      instrument     aimed at        funding",
    ]
    assert lines(result)[14:18] == [
        "     Schriftelijke waarschuwing*  correctie      zorgaanbieder*",
        "     id: kader-schriftelijke-waarschuwing",
        "     Last onder dwangsom*         bestuursrecht  zorgaanbieder*  ZIN+",
        "     id: kader-last-onder-dwangsom",
    ]


def test_measures_grouped_by_agency_and_domain(invoke) -> None:
    result = invoke("measures", "--instrument", "correctie", *DATA)
    headings = [line for line in lines(result) if " · " in line and "derived" not in line]
    assert headings == [
        "DJI (Dienst Justitiële Inrichtingen) · fraude",
        "DJI (Dienst Justitiële Inrichtingen) · overlast",
        "IGJ (Inspectie Gezondheidszorg en Jeugd) · fraude",
        "IGJ (Inspectie Gezondheidszorg en Jeugd) · overlast",
        "Gemeente (Gemeente Testdorp) · fraude",  # of the other document, after the first's
    ]


@pytest.mark.parametrize(
    ("args", "first_ids"),
    [
        (
            ["--org", "gemeente", "--target", "veroorzaker"],
            ["gemeente-gesprek-veroorzaker", "gemeente-gedragsaanwijzing", "gemeente-huisverbod"],
        ),
        (
            ["--instrument", "bestuurs"],
            ["gemeente-gedragsaanwijzing", "gemeente-huisverbod", "kader-last-onder-dwangsom"],
        ),
        (["--domain", "FRAUDE", "--org", "igj"], ["igj-signalen", "igj-aanwijzing"]),
        (
            ["--source", "testbron", "--org", "Dienst Justitiële Inrichtingen"],
            ["dji-gesprek", "dji-extra-controle", "dji-opzeggen"],
        ),
    ],
)
def test_measures_filters_json(invoke, args: list[str], first_ids: list[str]) -> None:
    result = invoke("measures", *args, "--json", *DATA)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["id"] for m in data] == first_ids


def test_measures_json_shape(invoke) -> None:
    data = json.loads(invoke("measures", "--org", "dji", "--json", *DATA).stdout)
    assert isinstance(data, list)
    first = data[0]
    assert set(first) == MEASURE_KEYS
    assert first["domains"] == {"fraude": {"position": 1}, "overlast": {"position": 1}}
    assert first["contact"] == {"verantwoordelijk": "", "contactpersoon": "", "contactgegevens": ""}
    assert first["document"]["id"] == "testbron"
    assert first["document"]["region"] == "Testregio"
    assert first["section"] == "Maatregelen Fraude, DJI"
    assert first["agency"] == "dji" and first["agency_name"] == "DJI"
    assert first["provenance"]["title"] == {
        "basis": "source",
        "document": "testbron",
        "section": "Maatregelen Fraude, DJI",
    }
    assert first["provenance"]["instrument"] == {
        "basis": "derived",
        "document": "testbron",
        "section": "Maatregelen Fraude, DJI",
        "quote": "voert gesprekken met zorgaanbieders",
        "reason": "Testindeling.",
    }
    assert "contact" not in first["provenance"]  # empty: nothing is stated


def test_measures_no_match_is_not_an_error(invoke) -> None:
    result = invoke("measures", "--org", "om", *DATA)
    assert result.exit_code == 0
    assert result.stdout == "No measures match --org om.\n"
    filtered = invoke("measures", "--org", "dji", "--instrument", "strafrecht", *DATA)
    assert filtered.stdout == "No measures match --org dji --instrument strafrecht.\n"
    empty = invoke("measures", "--org", "om", "--json", *DATA)
    assert json.loads(empty.stdout) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--org", "xyz"],
            "unknown agency 'xyz'; choose from: gemeente, dji, igj, om (see 'zorgtoolbox agencies')",
        ),
        (
            ["--domain", "fruade"],
            "unknown domain 'fruade'; choose from: fraude, overlast; did you mean 'fraude'?",
        ),
        (
            ["--instrument", "boete"],
            "unknown instrument class 'boete'; choose from: signalering, advies, correctie, bestuursrecht, civielrecht, strafrecht",
        ),
        (
            ["--target", "buren"],
            "unknown target 'buren'; choose from: zorgaanbieder, cliënt, veroorzaker, verhuurder, buurt; did you mean 'buurt'?",
        ),
        (
            ["--source", "nergens"],
            "unknown source document 'nergens'; choose from: testbron, testkader",
        ),
    ],
)
def test_measures_unknown_values_exit_2(invoke, args: list[str], message: str) -> None:
    result = invoke("measures", *args, *DATA)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def test_output_fits_80_columns_and_is_plain_when_piped(invoke) -> None:
    for args in (
        ["measures"],
        ["show", "kader-schriftelijke-waarschuwing"],
        ["next", "dji-gesprek"],
        ["agencies", "igj"],
        ["glossary"],
        ["search", "signalen"],
    ):
        result = invoke(*args, *DATA)
        assert result.exit_code == 0, result.output
        assert "\x1b[" not in result.stdout
        too_long = [line for line in result.stdout.splitlines() if len(line) > 80]
        assert not too_long, (args, too_long)


def _run_in_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the CLI with stdout on a pseudo-terminal; return what it printed."""
    main, sub = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "zorgtoolbox", *args], stdout=sub, stderr=sub, env=env
    )
    os.close(sub)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=30)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_unless_no_color() -> None:
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    args = ["measures", "--org", "dji", "--domain", "fraude", *DATA]
    coloured = _run_in_terminal(args, env)
    assert "\x1b[1m" in coloured and "Extra controle bij zorgaanbieders" in coloured
    plain = _run_in_terminal(args, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "Extra controle bij zorgaanbieders" in plain


# --- show ----------------------------------------------------------------------------


def test_show_everything_about_a_measure(invoke) -> None:
    result = invoke("show", "extra-controle", *DATA)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Extra controle bij zorgaanbieders\nid:         dji-extra-controle\n")
    for expected in (
        "document:   Testtoolbox (region Testregio, januari 2026)",
        "section:    Maatregelen Fraude, DJI",
        "agency:     DJI (Dienst Justitiële Inrichtingen)",
        "domains:    fraude (rung 2), overlast (rung 2)",
        "instrument: correctie*",
        "aimed at:   zorgaanbieder",
        "  DJI controleert dossiers en administratie.",
        "  verantwoordelijk: not filled in yet",
        "  contactpersoon: not filled in yet",
        "  contactgegevens: not filled in yet",
    ):
        assert expected in out.splitlines(), expected
    flat = " ".join(out.split())
    for expected in (
        "next steps (stromenmodel, reconstructed from the text) → vervolg (fraude): Opzeggen van contracten (dji-opzeggen) [dji] — Werken andere maatregelen niet, dan kan DJI het contract opzeggen. [derived from the text; the text names this step]",
        "→ parallel (fraude): Aanwijzing of bevel (igj-aanwijzing) [igj] — Samen optreden. [added by the region]",
        "← vervolg (fraude): Gesprekken met zorgaanbieders (dji-gesprek) [dji] — Helpt het gesprek niet, dan volgt controle.",
        "← vervolg (overlast): Gesprekken met zorgaanbieders (dji-gesprek) [dji]",
        "where each statement comes from Instrument: derived from the text — Testindeling. — «controleert dossiers en administratie» (Testtoolbox, Maatregelen Fraude, DJI)",
        "Aimed at: the document's own words — «Tenzij anders vermeld, zijn de maatregelen van toepassing op de zorgaanbieder.» (Testtoolbox, Inleiding)",
    ):
        assert expected in flat, expected


def test_show_names_the_other_document_and_its_region(invoke) -> None:
    out = " ".join(invoke("show", "kader-schriftelijke-waarschuwing", *DATA).stdout.split())
    assert "document: Testkader Wmo (Regio Elders, 2019)" in out
    assert "Schriftelijke waarschuwing* id:" in out  # an editorial title is marked
    assert "domains: fraude instrument: correctie aimed at: zorgaanbieder*" in out
    assert (
        "related measures (the same kind of step in another document) Extra controle bij "
        "zorgaanbieders (dji-extra-controle) [dji · Testtoolbox (region Testregio, januari 2026)]"
    ) in out


def test_show_json_shape(invoke) -> None:
    data = json.loads(invoke("show", "igj-aanwijzing", "--json", *DATA).stdout)
    assert set(data) == MEASURE_KEYS | {"outgoing", "incoming", "related_measures"}
    assert data["outgoing"] == [
        {
            "flow": "fraude",
            "kind": "melding",
            "measure": "om-beoordeling",
            "title": "OM beoordeelt",
            "agency": "om",
            "why": "Signalen over fraude gaan naar het OM.",
            "basis": "derived",
            "strength": "named",
            "quotes": [
                {
                    "quote": "Signalen over fraude gaan naar het OM.",
                    "document": "testbron",
                    "section": "Maatregelen Fraude, IGJ",
                }
            ],
            "against": [],
        }
    ]
    assert {(e["flow"], e["measure"]) for e in data["incoming"]} == {
        ("fraude", "igj-signalen"),
        ("fraude", "dji-extra-controle"),
    }


def test_show_related_both_ways(invoke) -> None:
    dji = json.loads(invoke("show", "dji-extra-controle", "--json", *DATA).stdout)
    assert [r["id"] for r in dji["related_measures"]] == ["kader-schriftelijke-waarschuwing"]
    kader = json.loads(invoke("show", "kader-schriftelijke-waarschuwing", "--json", *DATA).stdout)
    assert [r["id"] for r in kader["related_measures"]] == ["dji-extra-controle"]
    assert kader["document"]["region"] == "Regio Elders"
    assert kader["provenance"]["collegebesluit"]["basis"] == "derived"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "dji-",
            "'dji-' matches 3 measures: dji-gesprek (Gesprekken met zorgaanbieders); dji-extra-controle (Extra controle bij zorgaanbieders); dji-opzeggen (Opzeggen van contracten); give more of the id (see 'zorgtoolbox measures')",
        ),
        (
            "dji-opzegen",
            "no measure 'dji-opzegen'; did you mean 'dji-opzeggen'? (see 'zorgtoolbox measures')",
        ),
        (
            "",
            "the name is empty; give an id, the start of an id or part of a title (see 'zorgtoolbox measures')",
        ),
    ],
)
def test_show_ambiguous_or_unknown_exits_2(invoke, name: str, message: str) -> None:
    result = invoke("show", name, *DATA)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"


# --- agencies and glossary --------------------------------------------------------------


def test_agencies_table_and_json(invoke) -> None:
    result = invoke("agencies", *DATA)
    assert result.exit_code == 0
    rows = lines(result)
    assert rows[0] == "Testtoolbox (region Testregio, januari 2026)"
    assert rows[1].split() == ["id", "name", "kind", "fraude", "overlast"]
    # the main document's ladders only; the other document's measures are said apart
    assert rows[3].split() == ["gemeente", "Gemeente", "member*", "1", "3"]  # * its kind is derived
    assert " ".join(result.stdout.split()).endswith(
        "Gemeente also has 2 measures in Testkader Wmo (Regio Elders, 2019) (shown apart). "
        "* derived from the text · ° regional setting · + added by the region"
    )
    data = json.loads(invoke("agencies", "--json", *DATA).stdout)
    assert [a["id"] for a in data] == ["gemeente", "dji", "igj", "om"]
    assert data[1]["measures"] == {
        "fraude": ["dji-gesprek", "dji-extra-controle", "dji-opzeggen"],
        "overlast": ["dji-gesprek", "dji-extra-controle"],
    }
    assert set(data[0]) == {
        "id",
        "name",
        "full_name",
        "kind",
        "description",
        "organisations",
        "links",
        "measures",
        "document",
        "section",
        "provenance",
    }


def test_one_agency(invoke) -> None:
    result = invoke("agencies", "Inspectie Gezondheidszorg en Jeugd", *DATA)
    assert result.exit_code == 0
    assert "  1. Ontvangen van signalen (igj-signalen) — signalering*" in lines(result)
    data = json.loads(invoke("agencies", "IGJ", "--json", *DATA).stdout)
    assert data["id"] == "igj" and data["measures"]["overlast"] == ["igj-aanwijzing"]
    bad = invoke("agencies", "nsa", *DATA)
    assert bad.exit_code == 2 and "unknown agency 'nsa'" in bad.stderr


def test_one_agency_shows_each_documents_ladder_apart(invoke) -> None:
    out = lines(invoke("agencies", "gemeente", *DATA))
    assert "ladder fraude · Testtoolbox (region Testregio, januari 2026)" in out
    assert "ladder fraude · Testkader Wmo (Regio Elders, 2019)" in out
    assert "full name: Gemeente Testdorp+" in out  # the region's own words are marked
    assert "  Last onder dwangsom (kader-last-onder-dwangsom) — bestuursrecht" in out


def test_glossary(invoke) -> None:
    all_terms = json.loads(invoke("glossary", "--json", *DATA).stdout)
    assert [t["term"] for t in all_terms] == ["Informatie Knooppunt Zorgfraude", "Cliënt"]
    assert set(all_terms[0]) == {
        "term",
        "abbreviation",
        "definition",
        "see_also",
        "document",
        "section",
        "provenance",
        "measures",
    }
    assert all_terms[0]["measures"] == ["gemeente-melding-ikz"]  # the measures that use it
    assert all_terms[1]["provenance"]["definition"]["basis"] == "local"
    result = invoke("glossary", "IKZ", *DATA)
    assert lines(result)[0] == "Informatie Knooppunt Zorgfraude (IKZ)"
    assert "  measures: Melding bij het IKZ (gemeente-melding-ikz)" in lines(result)
    assert json.loads(invoke("glossary", "client", "--json", *DATA).stdout)[0]["term"] == "Cliënt"
    missing = invoke("glossary", "boete", *DATA)
    assert missing.exit_code == 0 and missing.stdout == "No glossary term matches 'boete'.\n"


# --- search ------------------------------------------------------------------------------


def test_search_shows_why(invoke) -> None:
    result = invoke("search", "beeindiging", *DATA)
    assert result.exit_code == 0
    assert lines(result) == [
        "measure: Tijdelijk huisverbod (gemeente-huisverbod)",
        "  Gemeente · Testtoolbox (region Testregio, januari 2026)",
        "  description (matched beeindiging): «Beëindiging» van het verblijf in de woning",
        "  voor een tijd.",
    ]


def test_search_json_shape(invoke) -> None:
    data = json.loads(invoke("search", "client", "--json", *DATA).stdout)
    assert isinstance(data, list) and data
    assert set(data[0]) == {"kind", "id", "title", "score", "matched_words", "matches"}
    assert set(data[0]["matches"][0]) == {"field", "words", "snippet", "exact"}
    assert {(h["kind"], h["id"]) for h in data} >= {
        ("term", "Cliënt"),
        ("measure", "gemeente-gesprek-veroorzaker"),
    }


def test_search_typo_and_several_words(invoke) -> None:
    data = json.loads(invoke("search", "tijdelik", "huisverbod", "--json", *DATA).stdout)
    assert [h["id"] for h in data] == ["gemeente-huisverbod"]
    assert data[0]["matches"][0]["exact"] is False


def test_search_nothing(invoke) -> None:
    result = invoke("search", "xylofoon", *DATA)
    assert result.exit_code == 0 and result.stdout == "Nothing matches 'xylofoon'.\n"
    assert invoke("search", "!!", *DATA).exit_code == 2


# --- errors that apply to every query command --------------------------------------------


@pytest.mark.parametrize(
    "args", [["measures"], ["show", "dji-gesprek"], ["agencies"], ["glossary"], ["search", "x"]]
)
def test_query_on_invalid_data_exits_1(invoke, kb_dir: Path, args: list[str]) -> None:
    path = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    path.write_text(path.read_text().replace("title:", "titel:"))
    result = invoke(*args, "--data", str(kb_dir))
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert (
        first.startswith("Error: the knowledge base in ")
        and "has 1 error; run 'zorgtoolbox validate --data" in first
    )
    assert "data/measures/dji/dji-gesprek.yaml:2:1: unknown-field" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args", [["measures"], ["show", "x"], ["agencies"], ["glossary"], ["search", "x"]]
)
def test_query_with_missing_data_folder_exits_2(invoke, args: list[str]) -> None:
    result = invoke(*args, "--data", "/no/such/folder")
    assert result.exit_code == 2
    assert result.stderr == "Error: data folder '/no/such/folder' does not exist\n"


# --- shell completion -------------------------------------------------------------------


def _complete(words: str, env_extra: dict[str, str] | None = None) -> list[str]:
    parts = words.split(" ")
    env = {
        **os.environ,
        "_ZORGTOOLBOX_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
        **(env_extra or {}),
    }
    exe = Path(sys.executable).parent / "zorgtoolbox"  # completion knows the script's name
    proc = subprocess.run([str(exe)], capture_output=True, text=True, env=env)
    return proc.stdout.split()


def test_completion_of_measure_ids_agencies_domains_and_instruments() -> None:
    data = {"ZORGTOOLBOX_DATA": str(FIXTURE_KB)}
    assert _complete("zorgtoolbox show dji-", data) == [
        "dji-gesprek",
        "dji-extra-controle",
        "dji-opzeggen",
    ]
    assert _complete("zorgtoolbox measures --org ", data) == ["gemeente", "dji", "igj", "om"]
    assert _complete("zorgtoolbox measures --source t", data) == ["testbron", "testkader"]
    assert _complete("zorgtoolbox measures --domain ", data) == ["fraude", "overlast"]
    assert _complete("zorgtoolbox measures --instrument c", data) == ["correctie", "civielrecht"]
    assert _complete("zorgtoolbox measures --target v", data) == ["veroorzaker", "verhuurder"]
    assert _complete("zorgtoolbox glossary IK", data) == ["IKZ"]


def test_completion_is_silent_on_broken_data(tmp_path: Path) -> None:
    assert _complete("zorgtoolbox show dji-", {"ZORGTOOLBOX_DATA": str(tmp_path)}) == []


def test_queries_stay_light(tmp_path: Path) -> None:
    """measures imports neither networkx nor jinja2, nor the YAML parser on a cache hit."""
    code = (
        "import sys\n"
        "from zorgtoolbox.cli import app\n"
        f"sys.argv = ['zorgtoolbox', 'measures', '--org', 'dji', '--data', {str(FIXTURE_KB)!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = ('networkx', 'jinja2', 'ruamel.yaml')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "ZORGTOOLBOX_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.stderr.strip() == "['ruamel.yaml']"  # cache miss: validated once
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert second.stderr.strip() == "[]"


# --- measures as a spreadsheet ----------------------------------------------------------


def test_measures_as_csv_for_dutch_excel(invoke, tmp_path: Path) -> None:
    """UTF-8 with a byte order mark, ';' between fields, the columns of --json."""
    import csv
    import io

    out = tmp_path / "maatregelen.csv"
    result = invoke("measures", "--org", "dji", "--format", "csv", "--out", str(out), *DATA)
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    shapes = json.loads(invoke("measures", "--org", "dji", "--json", *DATA).stdout)
    header, body = rows[0], rows[1:]
    assert [r[header.index("id")] for r in body] == [m["id"] for m in shapes]
    assert {c.split(".")[0] for c in header} == MEASURE_KEYS
    assert "contact.contactpersoon" in header and "document.region" in header
    first = dict(zip(header, body[0], strict=True))
    assert first["domains.fraude.position"] == "1" and first["document.region"] == "Testregio"
    piped = invoke("measures", "--org", "dji", "--format", "csv", *DATA)
    assert piped.stdout.lstrip("\ufeff").splitlines()[0] == ";".join(header)


def test_csv_cells_are_never_formulas() -> None:
    from zorgtoolbox.output.tables import to_csv

    data = to_csv([{"id": "x", "title": '=HYPERLINK("http://evil")', "notes": "+1", "n": "-2"}])
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";'+1;'-2" in text


def test_measures_as_a_workbook(invoke, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "maatregelen.xlsx"
    result = invoke("measures", "--format", "xlsx", "--out", str(out), *DATA)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    ids = [row[header.index("id")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    shapes = json.loads(invoke("measures", "--json", *DATA).stdout)
    assert ids == [m["id"] for m in shapes]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(ids) + 1}"
    assert sheet.freeze_panes == "A2"
    no_file = invoke("measures", "--format", "xlsx", *DATA)
    assert no_file.exit_code == 2 and "--out" in no_file.stderr


def test_only_the_workbook_loads_openpyxl(invoke) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from zorgtoolbox.cli import app\n"
        f"r = CliRunner().invoke(app, ['measures', '--format', 'csv', '--data', {str(FIXTURE_KB)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('openpyxl' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr
