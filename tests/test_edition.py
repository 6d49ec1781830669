"""The handbook is honest about itself: which version of the knowledge base it shows, who
keeps it, and how many contact fields are still empty (once per agency, not per card)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import load_kb
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from zorgtoolbox.labels import written_date
from zorgtoolbox.render import render_handbook

EMPTY = "  verantwoordelijk: ''\n  contactpersoon: ''\n  contactgegevens: ''\n"
FIELDS = ("verantwoordelijk", "contactpersoon", "contactgegevens")


def fill(kb_dir: Path, measure: str, **values: str) -> None:
    """Fill in the contact block of one measure's file, as a coordinator would."""
    (path,) = (kb_dir / "measures").glob(f"*/{measure}.yaml")
    text = path.read_text(encoding="utf-8")
    assert EMPTY in text
    block = "".join(f"  {f}: {values[f]!r}\n" if f in values else f"  {f}: ''\n" for f in FIELDS)
    path.write_text(text.replace(EMPTY, block), encoding="utf-8")


def empty_fields(kb_dir: Path, fields: tuple[str, ...] = FIELDS) -> tuple[int, int]:
    """(empty contact fields, measures with one) counted from the files themselves."""
    fields_empty = measures = 0
    for path in (kb_dir / "measures").rglob("*.yaml"):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        if data.get("replaced_by"):
            continue  # a retired measure is in no chapter
        contact = data.get("contact") or {}
        empty = [f for f in fields if not contact.get(f)]
        fields_empty += len(empty)
        measures += bool(empty)
    return fields_empty, measures


def test_no_card_repeats_the_placeholder_and_the_totals_are_counted(kb_dir: Path) -> None:
    md = render_handbook(load_kb(kb_dir), formats=("md",))["handboek.md"]
    fields, measures = empty_fields(kb_dir)
    assert fields > 0
    assert f"Nog niet ingevuld: {fields} contactvelden bij {measures} maatregelen." in md
    assert "**Contact**" not in md  # no empty contact block on any card
    # the placeholder: on the title page (version, date, owner, feedback), then once per
    # agency chapter, never on a card
    chapters = len(re.findall(r"^### ", md[: md.index("## Stromenmodel")], re.M))
    lines = re.findall(r"^Contact nog niet ingevuld bij (\d+) van de (\d+) ", md, re.M)
    assert 0 < len(lines) <= chapters
    assert md.count("nog niet ingevuld") == 4 + len(lines)


def test_a_filled_contact_shows_on_its_card_and_leaves_the_overview(kb_dir: Path) -> None:
    before = render_handbook(load_kb(kb_dir), formats=("md",))["handboek.md"]
    fill(kb_dir, "dji-gesprek", verantwoordelijk="Team Zorgcontractering")
    after = render_handbook(load_kb(kb_dir))
    md, html = after["handboek.md"], after["handboek.html"]
    fields, measures = empty_fields(kb_dir)
    assert f"Nog niet ingevuld: {fields} contactvelden bij {measures} maatregelen." in md
    assert f"Nog niet ingevuld: {fields + 1} contactvelden" in before
    card = md[md.index('<a id="dji-gesprek"></a>') :]
    card = card[: card.index("<a id=", 10)]
    assert "**Contact**\\+\n\n- Verantwoordelijk: Team Zorgcontractering\n" in card
    assert "Contactpersoon" not in card  # an empty field is not shown on the card …
    overview = md[md.index("## Volledigheid van de kennisbank") :]
    assert "(`dji-gesprek`): contactpersoon, contactgegevens" in overview  # … but listed here
    assert "<dt>Verantwoordelijk</dt><dd>Team Zorgcontractering+</dd>" in html


def test_an_agency_with_every_contact_filled_has_no_gap_line(kb_dir: Path) -> None:
    kb = load_kb(kb_dir)
    dji = [m.id for m in kb.measures_of("dji") if m.document == kb.toolbox.document]
    for measure in dji:
        fill(kb_dir, measure, verantwoordelijk="DJI", contactpersoon="A", contactgegevens="B")
    md = render_handbook(load_kb(kb_dir), formats=("md",))["handboek.md"]
    assert "volledigheid-testbron-dji" not in md
    gemeente = md[md.index("### Gemeente") :]
    assert gemeente.split("\n\n")[1].startswith("Contact nog niet ingevuld bij")
    row = re.search(r"^\| Testtoolbox \| DJI \| (\d+) \| 0 \| 0 \| 0 \|$", md, re.M)
    assert row is not None and int(row.group(1)) == len(dji)


def test_the_public_edition_counts_only_what_it_shows(kb_dir: Path) -> None:
    md = render_handbook(load_kb(kb_dir), public=True, formats=("md",))["handboek.md"]
    fields, measures = empty_fields(kb_dir, ("verantwoordelijk",))
    assert f"Nog niet ingevuld: {fields} contactvelden bij {measures} maatregelen." in md
    assert "Zonder contactpersoon" not in md and "Zonder verantwoordelijke" in md


EDITION = """edition:
  version: '2026.2'
  date: 2026-11-30
  owner: Regionaal coördinator zorgfraude
  feedback: toolbox@example.org
"""


def test_the_title_page_names_the_knowledge_bases_edition(kb_dir: Path) -> None:
    toolbox = kb_dir / "toolbox.yaml"
    toolbox.write_text(toolbox.read_text(encoding="utf-8") + EDITION, encoding="utf-8")
    out = render_handbook(load_kb(kb_dir))
    md, html = out["handboek.md"], out["handboek.html"]
    title = md[: md.index("## Inhoud")]
    assert "| Kennisbank | versie 2026.2, bijgewerkt op 30 november 2026\\+ |" in title
    assert "| Beheer | Regionaal coördinator zorgfraude\\+ |" in title
    assert "| Reacties naar | toolbox@example.org\\+ |" in title
    assert "| Brondocument | Testtoolbox, versie 0.9, januari 2026 |" in title
    assert "<dt>Kennisbank</dt><dd>versie 2026.2, bijgewerkt op 30 november 2026+</dd>" in html


@pytest.mark.parametrize("date", ["2026-13-01", "30-11-2026", "2026-1-5", "gisteren"])
def test_an_edition_date_that_is_no_date_is_a_located_error(
    kb_dir: Path, invoke, date: str
) -> None:
    toolbox = kb_dir / "toolbox.yaml"
    text = toolbox.read_text(encoding="utf-8") + EDITION.replace("2026-11-30", repr(date))
    toolbox.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  date: {date!r}") + 1
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    assert f"toolbox.yaml:{line}:" in result.stdout + result.stderr


@given(st.dates())
def test_a_written_date_keeps_day_month_and_year(day) -> None:
    from zorgtoolbox.i18n import translator

    months = "januari februari maart april mei juni juli augustus september oktober november"
    months += " december"
    text = written_date(day.isoformat(), translator("nl"))
    assert text == f"{day.day} {months.split()[day.month - 1]} {day.year}"
