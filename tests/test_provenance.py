"""Provenance: documents apart, a basis for every statement, quotes checked word for word.

Every case runs on a copy of the fixture knowledge base (two documents of two regions,
each with its text) and goes through `zorgtoolbox validate` or the query commands, so
what is proven is what a coordinator and a reader see.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, load_kb
from hypothesis import given
from hypothesis import strategies as st

from zorgtoolbox.sourcetext import SourceText, normalise, pieces

GESPREK = "measures/dji/dji-gesprek.yaml"
FRAUDE = "flows/fraude.yaml"
KADER = "measures/gemeente/kader-schriftelijke-waarschuwing.yaml"


def edit(kb_dir: Path, rel: str, old: str, new: str) -> None:
    path = kb_dir / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings(invoke, kb_dir: Path) -> tuple[int, list[str]]:
    result = invoke("validate", "--data", str(kb_dir))
    return result.exit_code, result.stdout.splitlines()[:-1]


# --- one changed word in any quote is a located error ------------------------------------

QUOTE_CHANGES = [
    # (file, old, new, line): a quote of each kind, one word changed
    (
        GESPREK,
        "DJI voert gesprekken met zorgaanbieders over signalen.",
        "DJI voert gesprekken met zorgaanbieders over risico's.",
        11,
    ),
    (GESPREK, "title: Gesprekken met zorgaanbieders", "title: Gesprekken met aanbieders", 2),
    (
        GESPREK,
        "quote: voert gesprekken met zorgaanbieders",
        "quote: voert gesprekken met alle zorgaanbieders",
        22,
    ),
    (GESPREK, "zijn de maatregelen van toepassing", "zijn alle maatregelen van toepassing", 25),
    (
        FRAUDE,
        "- text: Na beoordeling volgt een aanwijzing.",
        "- text: Na beoordeling volgt soms een aanwijzing.",
        37,
    ),
    ("glossary.yaml", "Landelijk knooppunt voor signalen", "Landelijk knooppunt voor meldingen", 4),
    (
        "toolbox.yaml",
        "text: Een kleine kennisbank voor de tests",
        "text: Een grote kennisbank voor de tests",
        8,
    ),
    ("documents/testkader.yaml", "region: Regio Elders", "region: Regio Anders", 4),
    (
        KADER,
        'quote: "Corrigerende maatregelen: het geven',
        'quote: "Corrigerende maatregel: het geven',
        17,
    ),
    # one character: a changed capital, an added diacritic
    (GESPREK, "DJI voert gesprekken", "DJI Voert gesprekken", 11),
    (GESPREK, "over signalen.", "over signalén.", 11),
]


@pytest.mark.parametrize(("rel", "old", "new", "line"), QUOTE_CHANGES)
def test_a_changed_word_in_a_quote_is_a_located_error(
    invoke, kb_dir: Path, rel: str, old: str, new: str, line: int
) -> None:
    edit(kb_dir, rel, old, new)
    code, lines = findings(invoke, kb_dir)
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"data/{rel}:{line}:")
    assert " quote-mismatch not the words of '" in lines[0]


def test_the_message_says_where_the_words_depart(invoke, kb_dir: Path) -> None:
    edit(kb_dir, GESPREK, "over signalen.", "over meldingen.")
    _, (line,) = findings(invoke, kb_dir)
    assert (
        "not the words of 'testbron': after '… voert gesprekken met zorgaanbieders over' "
        "the document has 'signalen. Als het gesprek niet helpt, …' where this has 'meldingen.'"
    ) in line


def test_a_declared_correction_lets_the_fixed_words_pass(invoke, kb_dir: Path) -> None:
    edit(kb_dir, GESPREK, "over signalen.", "over signalen en zorgen.")
    assert findings(invoke, kb_dir)[0] == 1
    corrections = kb_dir / "corrections.yaml"
    corrections.write_text(
        corrections.read_text(encoding="utf-8")
        + "  - document: testbron\n"
        + "    source: met zorgaanbieders over signalen.\n"
        + "    fixed: met zorgaanbieders over signalen en zorgen.\n"
        + "    why: Een test.\n",
        encoding="utf-8",
    )
    assert findings(invoke, kb_dir) == (0, [])


def test_a_correction_whose_words_are_not_in_the_text_is_an_error(invoke, kb_dir: Path) -> None:
    edit(kb_dir, "corrections.yaml", "source: Landelijk knooppunt", "source: Regionaal knooppunt")
    code, lines = findings(invoke, kb_dir)
    assert code == 1
    assert lines == [
        "data/corrections.yaml:3:13: correction-not-found the words 'Regionaal knooppunt voor "
        "signalen van zorgfraude.' do not occur in the text of 'testbron'; copy them exactly "
        "from documents/testbron.txt"
    ]


def test_an_ellipsis_marks_what_a_quote_leaves_out(invoke, kb_dir: Path) -> None:
    """Pieces joined without a mark fail; the same pieces with '…' between them pass."""
    spliced = "description: DJI controleert dossiers en administratie. DJI zegt het contract op"
    edit(
        kb_dir,
        "measures/dji/dji-extra-controle.yaml",
        "description: DJI controleert dossiers en administratie.",
        spliced,
    )
    assert findings(invoke, kb_dir)[0] == 1
    edit(
        kb_dir, "measures/dji/dji-extra-controle.yaml", spliced, spliced.replace(". DJI", ". … DJI")
    )
    assert findings(invoke, kb_dir) == (0, [])


# --- what each basis needs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    reason: Testindeling.\n",
            "",
            "19:3: missing-reason instrument is stated as derived but gives no reason; add "
            "provenance.instrument.reason (one line: why)",
        ),
        (
            "    quote: voert gesprekken met zorgaanbieders\n",
            "",
            "19:3: missing-quote instrument is stated as derived but names no quote; give the "
            "passage it reads as provenance.instrument.quote",
        ),
        (
            "  target:\n    basis: source\n    quote: Tenzij anders vermeld, zijn de maatregelen van toepassing op de zorgaanbieder.\n    section: Inleiding\n",
            "",
            "13:1: missing-quote target is stated as source but names no quote; give the "
            "document's words that state it as provenance.target.quote, or mark it derived "
            "with a reason",
        ),
        (
            "  instrument:\n",
            "  instrumnet:\n",
            "19:3: unknown-field provenance names 'instrumnet', which this record does not "
            "state; fields with a basis here: title, description, decided_by, legal_basis, "
            "notes, instrument, target, collegebesluit, financiering, related, links, contact, "
            "replaced_by; "
            "did you mean 'instrument'?",
        ),
        (
            "    basis: derived\n    reason: Testindeling.\n",
            "    basis: setting\n",
            "19:3: missing-reason instrument is stated as setting but gives no reason",
        ),
    ],
    ids=[
        "derived-without-reason",
        "derived-without-quote",
        "source-value-without-quote",
        "unknown-field",
        "setting-without-reason",
    ],
)
def test_each_basis_gets_what_it_needs(
    invoke, kb_dir: Path, old: str, new: str, expected: str
) -> None:
    edit(kb_dir, GESPREK, old, new)
    code, lines = findings(invoke, kb_dir)
    assert code == 1
    assert any(line.startswith(f"data/{GESPREK}:{expected}") for line in lines), lines


def test_an_arrow_needs_its_passage_strength_and_reason(invoke, kb_dir: Path) -> None:
    flow = kb_dir / FRAUDE
    flow.write_text(
        flow.read_text(encoding="utf-8")
        + "  - from: gemeente-melding-ikz\n    to: dji-gesprek\n    kind: melding\n",
        encoding="utf-8",
    )
    code, lines = findings(invoke, kb_dir)
    assert code == 1
    assert sorted(line.split(" ", 2)[1] for line in lines) == [
        "missing-field",
        "missing-quote",
        "missing-reason",
    ]
    assert all(line.startswith(f"data/{FRAUDE}:68:5:") for line in lines)
    assert "the arrow 'gemeente-melding-ikz' -> 'dji-gesprek' has basis derived" in lines[0]


# --- documents are never merged ------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            KADER,
            "  fraude: {}",
            "  fraude: {position: 2}",
            "7:22: invalid-value document 'testkader' sets no order of its measures, so a "
            "measure of it has no position; remove `position` (the class places it)",
        ),
        (
            GESPREK,
            "  fraude:\n    position: 1\n",
            "  fraude: {}\n",
            "7:3: missing-field document 'testbron' ranks its measures: give this measure's "
            "position on the dji/fraude ladder",
        ),
        (
            KADER,
            "  - dji-extra-controle",
            "  - kader-last-onder-dwangsom",
            "14:5: invalid-value 'kader-last-onder-dwangsom' belongs to the same document "
            "(testkader); `related` links a measure to the same kind of step in another document",
        ),
        (
            FRAUDE,
            "    to: igj-aanwijzing\n    kind: vervolg",
            "    to: kader-last-onder-dwangsom\n    kind: vervolg",
            "32:9: edge-outside-document 'kader-last-onder-dwangsom' is a measure of 'testkader', "
            "not of this flow's document 'testbron'; link measures of different documents with "
            "`related` on the measure instead",
        ),
        (
            GESPREK,
            "document: testbron",
            "document: testbrn",
            "3:11: unknown-source unknown document 'testbrn'; known: testbron, testkader; did "
            "you mean 'testbron' or 'testkader'?",
        ),
    ],
    ids=[
        "position-in-unordered-document",
        "no-position-in-ordered-document",
        "related-same-document",
        "arrow-to-other-document",
        "unknown-document",
    ],
)
def test_documents_stay_apart(
    invoke, kb_dir: Path, rel: str, old: str, new: str, expected: str
) -> None:
    edit(kb_dir, rel, old, new)
    code, lines = findings(invoke, kb_dir)
    assert code == 1
    assert f"data/{rel}:{expected}" in lines, lines


def test_a_document_without_its_text_cannot_be_quoted(invoke, kb_dir: Path) -> None:
    (kb_dir / "documents" / "testkader.txt").unlink()
    code, lines = findings(invoke, kb_dir)
    assert code == 1
    assert lines == [
        "data/documents/testkader.yaml:1:5: missing-document-text the text of document "
        "'testkader' is missing; put it in data/documents/testkader.txt (UTF-8) so that "
        "quotes of it can be checked"
    ]


# --- a coordinator's own edits pass -------------------------------------------------------


def test_a_coordinators_edits_pass(invoke, kb_dir: Path) -> None:
    """Filling in contacts, adding a measure of the region's own and re-wording a derived
    description are valid edits: validate passes and the reader sees their basis."""
    edit(kb_dir, GESPREK, "  contactpersoon: ''", "  contactpersoon: A. Jansen, 038 123 45 67")
    edit(
        kb_dir,
        "measures/dji/dji-opzeggen.yaml",
        "provenance:\n",
        "provenance:\n  description:\n    basis: derived\n    reason: Korter gezegd door de redactie.\n    quote: DJI zegt het contract op\n",
    )
    edit(
        kb_dir,
        "measures/dji/dji-opzeggen.yaml",
        "description: DJI zegt het contract op als andere maatregelen niet werken.",
        "description: DJI beëindigt het contract.",
    )
    (kb_dir / "measures" / "dji" / "dji-regionaal-overleg.yaml").write_text(
        "id: dji-regionaal-overleg\n"
        "title: Regionaal overleg over forensische zorgaanbieders\n"
        "document: testbron\n"
        "basis: local\n"
        "agency: dji\n"
        "domains:\n  fraude:\n    position: 4\n"
        "description: Eens per kwartaal bespreken DJI en de gemeenten hun signalen.\n"
        "instrument: signalering\n"
        "target: zorgaanbieder\n",
        encoding="utf-8",
    )
    assert findings(invoke, kb_dir) == (0, [])
    shown = " ".join(invoke("show", "dji-regionaal-overleg", "--data", str(kb_dir)).stdout.split())
    assert "Regionaal overleg over forensische zorgaanbieders+ id:" in shown
    assert "instrument: signalering+" in shown
    assert "Description: added by the region" in shown
    data = json.loads(invoke("show", "dji-opzeggen", "--json", "--data", str(kb_dir)).stdout)
    assert data["provenance"]["description"] == {
        "basis": "derived",
        "document": "testbron",
        "section": "Maatregelen Fraude, DJI",
        "quote": "DJI zegt het contract op",
        "reason": "Korter gezegd door de redactie.",
    }
    contact = json.loads(invoke("show", "dji-gesprek", "--json", "--data", str(kb_dir)).stdout)
    assert contact["provenance"]["contact"] == {
        "basis": "local",
        "document": "testbron",
        "section": "Maatregelen Fraude, DJI",
    }


# --- what the reader sees -----------------------------------------------------------------


def test_next_and_flow_json_expose_each_arrows_basis(invoke) -> None:
    data = json.loads(invoke("next", "dji-gesprek", "--json", "--data", str(FIXTURE_KB)).stdout)
    (step,) = data["steps"]
    assert (step["basis"], step["strength"]) == ("derived", "named")
    assert step["quotes"] == [
        {
            "quote": "Als het gesprek niet helpt, volgt controle.",
            "document": "testbron",
            "section": "Maatregelen Fraude, DJI",
        }
    ]
    flows = json.loads(invoke("flow", "--json", "--data", str(FIXTURE_KB)).stdout)
    assert [f["domain"] for f in flows] == ["fraude", "overlast"]
    assert all(f["document"]["region"] == "Testregio" and f["reconstructed"] for f in flows)
    bases = {(a["from"], a["to"]): a["basis"] for a in flows[0]["arrows"]}
    assert bases[("dji-extra-controle", "igj-aanwijzing")] == "local"
    assert bases[("dji-gesprek", "dji-extra-controle")] == "derived"


def test_every_measure_in_json_names_its_document(invoke) -> None:
    data = json.loads(invoke("measures", "--json", "--data", str(FIXTURE_KB)).stdout)
    documents = {m["id"]: (m["document"]["id"], m["document"]["region"]) for m in data}
    assert documents["dji-gesprek"] == ("testbron", "Testregio")
    assert documents["kader-last-onder-dwangsom"] == ("testkader", "Regio Elders")
    assert all(set(m["document"]) >= {"id", "title", "region", "date"} for m in data)
    for m in data:
        for field, b in m["provenance"].items():
            assert b["basis"] in ("source", "derived", "setting", "local"), (m["id"], field)


def test_the_handbook_explains_the_four_bases_and_marks_them(invoke, tmp_path: Path) -> None:
    invoke("build-handbook", "--data", str(FIXTURE_KB), "--out", str(tmp_path))
    md = (tmp_path / "handboek.md").read_text(encoding="utf-8")
    html = (tmp_path / "handboek.html").read_text(encoding="utf-8")
    for text in (md.replace("\\*", "*"), html):
        assert "Afgeleid uit de tekst (*) is een lezing van de redactie" in text
        assert "Een regionale keuze (°) maakt geen document" in text
        assert "Aangevuld door de regio (+)" in text
        assert "Stromenmodel, gereconstrueerd uit de tekst" in text
        assert "Een document van een andere regio." in text
    assert "| correctie\\* | zorgaanbieder |" in md  # a derived class carries its mark
    assert "<dd>correctie*</dd>" in html


# --- the matcher itself -------------------------------------------------------------------

TEXT = (FIXTURE_KB / "documents" / "testbron.txt").read_text(encoding="utf-8")
WORDS = normalise(TEXT).split(" ")


@given(st.integers(0, len(WORDS) - 6), st.integers(2, 6))
def test_any_run_of_the_documents_words_is_found(start: int, length: int) -> None:
    quote = " ".join(WORDS[start : start + length])
    assert SourceText(TEXT).check(quote) is None


@given(st.integers(0, len(WORDS) - 6), st.integers(3, 6), st.data())
def test_changing_one_word_is_always_caught(start: int, length: int, data: st.DataObject) -> None:
    words = WORDS[start : start + length]
    index = data.draw(st.integers(0, length - 1))
    words[index] = words[index] + "x"
    miss = SourceText(TEXT).check(" ".join(words))
    assert miss is not None
    assert miss.matched == " ".join(words[:index])


@given(st.text(alphabet=" \n\t-ab", max_size=30))
def test_normalising_white_space_is_stable(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert "  " not in once and "\n" not in once and "\t" not in once


def test_pieces_split_at_an_ellipsis_and_a_blank_line() -> None:
    assert pieces("Een begin … een eind\n\nEen alinea [...] meer") == (
        "Een begin",
        "een eind",
        "Een alinea",
        "meer",
    )


def test_the_next_notice_quotes_the_measures_own_document(invoke) -> None:
    """The notice under next steps quotes the flow of the measure's own document, never
    another document's words."""
    data = json.loads(invoke("next", "dji-gesprek", "--json", "--data", str(FIXTURE_KB)).stdout)
    assert data["notice_quote"] == {
        "quote": "De pijlen geven suggesties voor vervolgstappen, geen vaste volgorde.",
        "document": "testbron",
        "section": "Stromenmodel",
    }
    other = invoke("next", "kader-last-onder-dwangsom", "--json", "--data", str(FIXTURE_KB))
    assert json.loads(other.stdout)["notice_quote"] is None  # its document has no flow


def test_an_empty_block_states_nothing(invoke, kb_dir: Path) -> None:
    """An empty scope or contact block needs no basis: only what a record states does."""
    edit(
        kb_dir,
        "documents/testkader.yaml",
        "scope:\n  law: Wmo\n  agencies: [gemeente]\n  domains: [fraude]\n",
        "",
    )
    edit(
        kb_dir,
        "documents/testkader.yaml",
        "  scope:\n    basis: derived\n    reason: Het kader gaat over handhaving van de Wmo door de gemeente.\n    quote: Handhaven is maatwerk.\n",
        "",
    )
    assert findings(invoke, kb_dir) == (0, [])


# --- a framework's own passages, shown and found ------------------------------------------

FRAMEWORK = """title: Testkader Wmo
document: testkader
section: 1. Uitgangspunten
goals:
  - id: doel-1
    text: Handhaven is maatwerk.
risks:
  - id: geen-verband
    title: Geen verband
    text: Het kader legt geen verband tussen de weging en de instrumenten.
    section: 3. Weging
    provenance:
      title: local
"""


def test_the_frameworks_goals_and_risks_are_shown_and_found(kb_dir: Path, invoke) -> None:
    """Its numbered lists (1.1, 2.1, 3.1, 3.2) are in the handbook under their document,
    marked where they are not its words, and search finds them with their place."""
    from zorgtoolbox.render import render_handbook

    (kb_dir / "handhavingskader.yaml").write_text(FRAMEWORK)
    kb = load_kb(kb_dir)
    md = render_handbook(kb, formats=("md",))["handboek.md"]
    chapter = md[md.index("## Testkader Wmo") :]
    assert "### Doelen van handhaven (3.1)\n\n1. Handhaven is maatwerk.\n" in chapter
    assert "\n\n### Doelen" in chapter  # a block of its own, after the note above it
    assert "### Uitgangspunten" not in chapter  # no empty sections
    assert "1. **Geen verband\\+** Het kader legt geen verband" in chapter  # the title is local
    html = render_handbook(kb, formats=("html",))["handboek.html"]
    assert '<h3 id="h-risicos">Waar de risico' in html
    result = invoke("search", "verband", "--data", str(kb_dir))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "passage: Geen verband",
        "  Testkader Wmo (Regio Elders, 2019), 3. Weging",
    ]


def test_agencies_and_terms_show_the_mark_of_their_basis_in_the_handbook(kb_dir: Path) -> None:
    from zorgtoolbox.render import render_handbook

    md = render_handbook(load_kb(kb_dir), formats=("md",))["handboek.md"]
    assert "*Gemeente Testdorp\\+* · lid van de toolbox" in md  # full_name is local
    assert "**Cliënt\\+**" in md and "Wie zorg of ondersteuning ontvangt.\\+" in md


def test_every_diagram_says_it_is_reconstructed_and_the_tree_how_firmly(invoke) -> None:
    from conftest import FIXTURE_KB

    data = ["--data", str(FIXTURE_KB)]
    tree = invoke("flow", "--domain", "fraude", *data, env={"COLUMNS": "120"}).stdout
    assert tree.startswith("Stromenmodel fraude, reconstructed from the text")
    assert "melding (the text points to it) → 1. Ontvangen van signalen" in tree
    for fmt, title in (
        ("mermaid", 'title: "Stromenmodel fraude, gereconstrueerd uit de tekst"'),
        ("dot", 'label="Stromenmodel fraude, gereconstrueerd uit de tekst";'),
        ("svg", "Stromenmodel fraude, gereconstrueerd uit de tekst</title>"),
    ):
        drawn = invoke("flow", "--domain", "fraude", "-f", fmt, *data).stdout
        assert title in drawn, fmt


CLASSES = """title: Testkader Wmo
document: testkader
section: 2. Instrumenten
instrument_classes:
  - {id: advies, title: Advies, description: Handhaven is maatwerk., decided_by: Wie, basis: local}
  - {id: correctie, title: Correctie, description: Handhaven is maatwerk., decided_by: Wie, basis: local}
  - id: bestuursrecht
    title: Bestuursrechtelijke maatregelen
    description: Handhaven is maatwerk.
    decided_by: College van B&W
    collegebesluit: true
    provenance:
      decided_by: local
      collegebesluit: local
  - {id: civielrecht, title: Civielrecht, description: Handhaven is maatwerk., decided_by: Wie, basis: local}
  - {id: strafrecht, title: Strafrecht, description: Handhaven is maatwerk., decided_by: Wie, basis: local}
"""


def test_who_decides_for_a_class_carries_its_mark_everywhere_it_is_shown(kb_dir: Path) -> None:
    """The class table and the class's own section both mark who decides and whether a
    collegebesluit is needed; no sentence ends in two full stops."""
    from zorgtoolbox.render import render_handbook

    (kb_dir / "handhavingskader.yaml").write_text(CLASSES)
    out = render_handbook(load_kb(kb_dir))
    md, html = out["handboek.md"], out["handboek.html"]
    assert "| Bestuursrechtelijke maatregelen | College van B&W\\+ | ja\\+ |" in md
    assert "- **Wie besluit:** College van B&W\\+\n- **Collegebesluit nodig:** ja\\+\n" in md
    assert "<td>College van B&amp;W+</td><td>ja+</td>" in html
    assert '<span class="label">Wie besluit:</span> College van B&amp;W+</p>' in html
    assert ".." not in md[md.index("## Testkader Wmo") :].replace("...", "")
