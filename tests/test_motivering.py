"""The written motivation (motivering.py, templates/motivering.md.j2, advise --motivering):
what the memo says, and that it carries no personal data."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, load_kb

from zorgtoolbox.advice import FACTOR_FIELDS, advise, make_factors
from zorgtoolbox.models import CaseFactors
from zorgtoolbox.motivering import content_hash, md_escape, render_memo

DATA = ["--data", str(FIXTURE_KB)]
CASE = """\
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

#: The memo's Dutch name of every field a case file can give (the table "Gegevens van
#: de zaak"); `org` and `taken` have a row of their own too.
ROW_NAMES = {
    "label": "Zaaknummer",
    "domain": "Domein",
    "ernst": "Ernst van de situatie",
    "risico": "Ernst van het risico en/of schade",
    "omvang": "Omvang van de groep",
    "herhaling": "Kans op herhaling",
    "structuur": "Structuur van de dienstverlening",
    "houding": "Houding van de aanbieder/cliënt",
    "recidive": "Recidive",
    "strafbaar_feit": "Strafbaar feit",
    "financiering": "Financiering",
    "org": "Alleen organisatie",
    "taken": "Al ingezet",
}


def memo(invoke, tmp_path: Path, text: str = CASE, *args: str) -> str:
    case = tmp_path / "zaak.yaml"
    case.write_text(text, encoding="utf-8")
    result = invoke("advise", "--case", str(case), "--motivering", *args, *DATA)
    assert result.exit_code == 0, result.output
    return result.stdout


def section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_memo_says_what_was_weighed_and_why(invoke, tmp_path: Path) -> None:
    out = memo(invoke, tmp_path)
    assert out.startswith("# Motivering handhavingsadvies zaak-2026-014\n")
    assert "> **Dit is een advies, geen besluit.** Handhaven is maatwerk." in out
    assert "een uitleg\n> van het Testkader Wmo van Regio Elders, geen regel uit dat kader." in out
    weging = section(out, "Weging")
    assert "**Ernst van de situatie: gemiddeld.**" in weging
    assert "ernst van het risico en/of schade *ernstig*, omvang van de groep *klein*." in weging
    assert "Basis: regionale keuze. Een keuze van de testregio." in weging
    assert "**Kans op herhaling: groot.**" in weging
    assert (
        "geven structuur en houding samen *groot*;\nrecidive verandert dat niet: *groot*." in weging
    )
    reeks = section(out, "Reeks: correctie … civielrecht")
    assert "Klassen in de reeks: correctie, bestuursrecht, civielrecht." in reeks
    assert (
        "- **Regel:** de cel ernst *gemiddeld* × kans op herhaling *groot* van de "
        "interventiematrix (advies.yaml)."
    ) in reeks
    assert (
        "- **Basis:** regionale keuze. De reeks is de uitleg die de regio kiest bij het "
        "Testkader Wmo (Regio Elders), geen regel uit dat kader."
    ) in reeks
    assert "- **Toelichting bij de cel:** Zwaarder." in reeks
    gevoeligheid = section(out, "Gevoeligheid")
    assert (
        "- Als ernst van het risico en/of schade *zeer ernstig* was geweest (nu *ernstig*): "
        "bestuursrecht … strafrecht."
    ) in gevoeligheid
    assert (
        "- Als recidive *nee* was geweest (nu *ja*): correctie … civielrecht (gelijk)."
        in gevoeligheid
    )


def test_the_memo_lists_candidates_with_who_decides_per_document(invoke, tmp_path: Path) -> None:
    out = memo(invoke, tmp_path)
    maatregelen = section(out, "Mogelijke maatregelen")
    assert "### Testtoolbox (regio Testregio, januari 2026)" in maatregelen
    assert "de regels van het Testkader Wmo gelden hier niet." in maatregelen
    assert (
        "- Extra controle bij zorgaanbieders (`dji-extra-controle`, trede 2, correctie) — eigen "
        "besluit van DJI"
    ) in maatregelen
    assert "### Testkader Wmo (Regio Elders, 2019)" in maatregelen
    assert "De regels van dit kader gelden: wie besluit, collegebesluit, ZIN of PGB." in maatregelen
    assert (
        "- Last onder dwangsom (`kader-last-onder-dwangsom`, bestuursrecht, alleen bij ZIN) — "
        "besluit: College van B&W; collegebesluit: ja"
    ) in maatregelen
    assert "- Alleen signaleringsmaatregelen in het domein fraude: melden en delen." in maatregelen
    assert "Organisaties met maatregelen in deze reeks: DJI, IGJ, Gemeente." in maatregelen
    assert "- Gesprekken met zorgaanbieders (`dji-gesprek`, advies)" in section(out, "Al ingezet")


def test_the_memo_gives_aangifte_quotes_version_and_hash(invoke, tmp_path: Path) -> None:
    out = memo(invoke, tmp_path)
    aangifte = section(out, "Strafbaar feit: aangifte")
    assert "Bij een strafbaar feit hoort aangifte, welke reeks de matrix ook geeft." in aangifte
    assert (
        "De toezichthouder namens het college; politie en OM beslissen over vervolging." in aangifte
    )
    citaten = section(out, "Citaten")
    assert (
        "> «Iedereen die een strafbaar feit ziet, doet aangifte bij de politie.»\n"
        "> — Testkader Wmo, 4. Strafrecht"
    ) in citaten
    assert (
        "> «Ernst van de situatie (klein, gemiddeld, groot).»\n> — Testkader Wmo, 3. Weging"
    ) in citaten
    assert citaten.count("> «") == len(set(re.findall(r"> «(.*)»", citaten)))  # each once
    verantwoording = section(out, "Verantwoording")
    assert (
        "- Kennisbank: Testtoolbox (regio Testregio). De stand van de kennisbank" in verantwoording
    )
    assert "gemaakt met het programma zorgtoolbox " in verantwoording
    assert "Testtoolbox (regio Testregio, januari 2026), versie 0.9" in verantwoording
    assert f"`{content_hash(FIXTURE_KB)}`" in verantwoording
    assert out.rstrip().endswith(
        "*Dit is een advies, geen besluit. Handhaven is maatwerk: het overleg weegt elke zaak zelf.*"
    )


def test_the_memo_carries_no_field_beyond_the_categorical_case_fields(
    invoke, tmp_path: Path
) -> None:
    """The memo's table of case data has one row per categorical field of the case, and
    the case file cannot hold anything else (no names, BSN, addresses or free text)."""
    assert set(ROW_NAMES) == {"label", *CaseFactors.model_fields}
    every = CASE.replace("domain: fraude\n", "domain: fraude\norg: dji\n")
    table = section(memo(invoke, tmp_path, every), "Gegevens van de zaak")
    rows = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")]
    assert rows[:2] == ["Gegeven", "---"]
    given = {"label", "domain", "org", "strafbaar_feit", "financiering", "taken"}
    given |= {f for f in FACTOR_FIELDS if f"{f}:" in every}
    assert sorted(rows[2:]) == sorted(ROW_NAMES[f] for f in given)
    # what a case file refuses never reaches a memo
    bad = invoke(
        "advise",
        "--case",
        str(_write(tmp_path, CASE + "naam: Jan Jansen\nadres: Dorpsstraat 1\n")),
        "--motivering",
        *DATA,
    )
    assert bad.exit_code == 1 and bad.stdout == ""
    assert "Jan" not in bad.stderr


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "zaak-2.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_memo_for_factors_given_directly_and_a_dead_end(invoke) -> None:
    result = invoke(
        "advise",
        "--domain",
        "overlast",
        "--org",
        "dji",
        "--ernst",
        "groot",
        "--herhaling",
        "groot",
        "--motivering",
        *DATA,
    )
    out = result.stdout
    assert out.startswith("# Motivering handhavingsadvies\n")
    assert "Direct opgegeven door het overleg, zonder de aspecten apart te wegen." in out
    assert "| Alleen organisatie | DJI |" in out
    assert "- Geen maatregel in bestuursrecht … strafrecht in dit document." in out
    assert (
        "- Dichtstbij, lichter: Extra controle bij zorgaanbieders (`dji-extra-controle`, trede 2, correctie)"
        in out
    )
    assert "- DJI heeft in dit document geen zwaardere maatregel in het domein overlast." in out
    assert "Organisaties met maatregelen in deze reeks: Gemeente." in out
    assert "## Strafbaar feit" not in out


def test_a_memo_for_wlz_says_the_framework_does_not_apply(invoke) -> None:
    args = ["--domain", "fraude", "--ernst", "gemiddeld", "--herhaling", "groot"]
    out = invoke("advise", *args, "--financiering", "wlz", "--motivering", *DATA).stdout
    assert (
        "- De instrumenten van dit kader gelden niet bij Wlz. Het testkader gaat over de Wmo."
        in out
    )


def test_memo_to_a_file(invoke, tmp_path: Path) -> None:
    target = tmp_path / "out" / "motivering.md"
    args = ["--domain", "fraude", "--ernst", "klein", "--herhaling", "klein", "--motivering"]
    result = invoke("advise", *args, "--out", str(target), *DATA)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == invoke("advise", *args, *DATA).stdout
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]
    folder = invoke("advise", *args, "--out", str(tmp_path), *DATA)
    assert folder.exit_code == 2 and "is a folder, not a regular file" in folder.stderr


# --- the content hash and the escaping ------------------------------------------------------


def test_the_content_hash_names_exactly_the_data(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(FIXTURE_KB, copy)
    first = content_hash(copy)
    assert first == content_hash(FIXTURE_KB) and re.fullmatch(r"[0-9a-f]{64}", first)
    (copy / ".swp").write_text("editor")
    (copy / "elders.yaml").symlink_to(copy / "toolbox.yaml")
    assert content_hash(copy) == first  # hidden files and links are not data
    os.remove(copy / "elders.yaml")
    path = copy / "casuistiek" / "zware-overlast.yaml"
    path.write_text(path.read_text() + "\n")
    assert content_hash(copy) != first


def test_the_memo_escapes_as_the_handbook_does_but_keeps_b_and_w() -> None:
    from zorgtoolbox.mdtext import md_escape as handbook_escape

    for text in ("*vet* _schuin_ [link](x) <b>", "# kop | cel \\ `code`", "gewone tekst"):
        assert md_escape(text) == handbook_escape(text)
    assert md_escape("College van B&W") == "College van B&W"
    assert md_escape("&amp; &#60; B&W; x") == "\\&amp; &\\#60; B\\&W; x"


def test_render_memo_from_the_library(tmp_path: Path) -> None:
    kb = load_kb(FIXTURE_KB)
    advice = advise(kb, make_factors(kb, domain="fraude", ernst="klein", herhaling="klein"))
    text = render_memo(kb, advice)
    assert text.count("\n\n\n") == 0
    assert "## Reeks: advies … correctie" in text


@pytest.mark.parametrize("heading", ["Gegevens van de zaak", "Weging", "Gevoeligheid", "Citaten"])
def test_the_memo_has_its_sections(invoke, tmp_path: Path, heading: str) -> None:
    assert f"\n## {heading}\n" in memo(invoke, tmp_path)
