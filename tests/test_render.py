"""The handbook renderer (render.py): content, escaping, determinism, golden Markdown.

Regenerate the golden file after an intended change with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render.py` and review the diff.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, TESTS, load_kb
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgtoolbox.anchors import term_anchor
from zorgtoolbox.errors import OutputTargetError
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.mdtext import md_escape, safe_url
from zorgtoolbox.render import normalise, render_handbook, stale_files, write_handbook

GOLDEN = TESTS / "golden"


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    """The fixture knowledge base (two documents of two regions); the bundled one is
    guarded by `validate`, not by tests pinned to its contents."""
    return load_kb(FIXTURE_KB)


@pytest.fixture(scope="module")
def handbook(bundled: KnowledgeBase) -> dict[str, str]:
    return render_handbook(bundled)


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_golden_markdown(public: bool) -> None:
    text = render_handbook(load_kb(FIXTURE_KB), formats=["md"], public=public)["handboek.md"]
    golden = GOLDEN / f"handboek-fixture{'-public' if public else ''}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text, "see the module docstring"


def test_every_measure_agency_and_term_is_in_both_outputs(
    bundled: KnowledgeBase, handbook: dict[str, str]
) -> None:
    md, html = handbook["handboek.md"], handbook["handboek.html"]
    for m in bundled.measures:
        assert md.count(f'<a id="{m.id}"></a>') == 1, m.id
        assert html.count(f'id="{m.id}"') == 1, m.id
        assert md_escape(m.title) in md and m.title.replace("&", "&amp;") in html
    for a in bundled.agencies:
        assert f'<a id="org-{a.id}"></a>' in md and f'id="org-{a.id}"' in html
    for t in bundled.glossary:
        assert f'<a id="{term_anchor(t.term)}"></a>' in md and f'id="{term_anchor(t.term)}"' in html
        assert md_escape(t.term) in md


def test_structure_follows_the_toolbox(handbook: dict[str, str]) -> None:
    md = handbook["handboek.md"]
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == [
        "Inhoud",
        "Inleiding",
        "Herkomst van de gegevens",
        "Toolbox Zorgfraude",
        "Toolbox Zorgoverlast",
        "Stromenmodel, gereconstrueerd uit de tekst",
        "Testkader Wmo (Regio Elders, 2019)",
        "Organisaties",
        "Begrippenlijst",
        "Index van maatregelen",
        "Volledigheid van de kennisbank",
        "Bronnen",
    ]
    # the stromenmodel drawn per agency: fraude has four agencies' lanes, overlast three
    assert md.count("```mermaid") == 4 + 3
    assert "#### Stromenmodel fraude: DJI" in md


def test_measures_link_to_next_steps_and_agencies(handbook: dict[str, str]) -> None:
    md = handbook["handboek.md"]
    block = md.split('<a id="gemeente-gedragsaanwijzing"></a>', 1)[1].split("<a id=", 1)[0]
    assert "[Tijdelijk huisverbod](#gemeente-huisverbod) (vervolgstap)" in block
    assert "[Gemeente](#org-gemeente)" in block
    html = handbook["handboek.html"]
    article = html.split('<article class="measure" id="gemeente-gedragsaanwijzing"', 1)[1].split(
        "</article>", 1
    )[0]
    assert '<a href="#gemeente-huisverbod">' in article and '<a href="#org-gemeente">' in article


def test_anchors_all_resolve(bundled: KnowledgeBase) -> None:
    for name, text in render_handbook(bundled).items():
        targets = set(re.findall(r"\]\(#([^)]+)\)", text)) | set(
            re.findall(r'href="#([^"]+)"', text)
        )
        anchors = set(re.findall(r'id="([^"]+)"', text))
        assert targets - anchors == set(), name


def test_shared_dji_measure_has_one_anchor_and_a_reference(handbook: dict[str, str]) -> None:
    html = handbook["handboek.html"]
    assert html.count('data-measure="dji-extra-controle"') >= 3  # fraude, overlast, diagram nodes
    assert 'class="measure measure-ref" data-measure="dji-extra-controle"' in html


def test_public_edition_leaves_out_contact_persons(kb_dir: Path) -> None:
    path = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    filled = (
        "  verantwoordelijk: Team Zorgcontractering\n"
        "  contactpersoon: Jan Jansen\n  contactgegevens: 030 123 45 67\n"
    )
    empty = "  verantwoordelijk: ''\n  contactpersoon: ''\n  contactgegevens: ''\n"
    path.write_text(path.read_text(encoding="utf-8").replace(empty, filled), encoding="utf-8")
    kb = load_kb(kb_dir)
    public = render_handbook(kb, public=True)
    for text in public.values():
        assert "Jan Jansen" not in text and "030 123 45 67" not in text
        assert "Contactpersoon" not in text and "Contactgegevens" not in text
        assert "Team Zorgcontractering" in text and "Openbare versie" in text
    internal = render_handbook(kb)
    for text in internal.values():
        assert "Interne versie" in text
        assert "Jan Jansen" in text and "030 123 45 67" in text


def test_output_is_deterministic(bundled: KnowledgeBase, handbook: dict[str, str]) -> None:
    assert render_handbook(load_kb(FIXTURE_KB)) == handbook


def test_html_is_one_offline_file_pinned_by_csp(handbook: dict[str, str]) -> None:
    html = handbook["handboek.html"]
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"""\bsrc\s*=""", html)
    assert "@import" not in html and not re.search(r"url\((?!#)", html)  # only url(#marker)
    (csp,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    csp = unescape(csp)
    assert "default-src 'none'" in csp
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    (script,) = re.findall(r"<script>(.*?)</script>", html, re.S)
    for kind, body in (("style-src", style), ("script-src", script)):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{kind} 'sha256-{digest}'" in csp
    # every other script block (the search index, data) is accounted for as well
    listed = re.search(r"script-src ([^;]+);", csp).group(1).split()
    blocks = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert len(blocks) == 2 and len(listed) == len(blocks)
    for body in blocks:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in listed


def test_hostile_text_is_escaped(kb_dir: Path) -> None:
    hostile = "<script>alert(1)</script> [klik](javascript:alert(2)) **vet** &amp; | # `code` ```"
    path = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    text = (
        path.read_text()
        .replace(
            "description: DJI voert gesprekken met zorgaanbieders over signalen.",
            f"description: '{hostile}'",
        )
        .replace("title: Gesprekken met zorgaanbieders", "title: '<img src=x onerror=alert(3)>'")
        .replace("document: testbron\n", "document: testbron\nbasis: local\n")
    )
    path.write_text(text)
    out = render_handbook(load_kb(kb_dir))
    html, md = out["handboek.html"], out["handboek.md"]
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    assert not re.search(r"(?<!\\)<(script|img)", md)  # only backslash-escaped, inert
    assert "\\[klik\\](javascript:alert(2))" in md and "\\*\\*vet\\*\\*" in md
    assert "\\&amp;" in md and "\\`\\`\\`" in md


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://www.forensischezorg.nl/praktijk", True),
        ("mailto:info@example.org", True),
        ("tel:+31201234567", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>", False),
        ("JaVaScRiPt:alert(1)", False),
        ("https://example.org/a b", False),
    ],
)
def test_safe_url(url: str, safe: bool) -> None:
    assert safe_url(url) == (url if safe else "")


def test_write_and_check(tmp_path: Path, bundled: KnowledgeBase) -> None:
    files = render_handbook(bundled)
    out = tmp_path / "toolbox"
    assert [p.name for p in stale_files(files, out)] == ["handboek.md", "handboek.html"]
    write_handbook(files, out)
    assert stale_files(files, out) == []
    (out / "handboek.md").write_text("verouderd")
    assert [p.name for p in stale_files(files, out)] == ["handboek.md"]


def test_a_failed_write_leaves_the_previous_handbook(
    tmp_path: Path, bundled: KnowledgeBase
) -> None:
    files = render_handbook(bundled)
    out = tmp_path / "toolbox"
    write_handbook({"handboek.md": "oud", "handboek.html": "oud"}, out)
    (out / "handboek.html").unlink()
    (out / "handboek.html").mkdir()  # the second target cannot be replaced
    with pytest.raises(OutputTargetError):
        write_handbook(files, out)
    assert (out / "handboek.md").read_text() == "oud"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporaries left


def test_templates_can_be_overridden(tmp_path: Path) -> None:
    (tmp_path / "handboek.md.j2").write_text("# {{ toolbox.title | md }} (regio-editie)\n")
    out = render_handbook(load_kb(FIXTURE_KB), templates=tmp_path)
    assert out["handboek.md"] == "# Testtoolbox (regio-editie)\n"
    assert "<!doctype html>" in out["handboek.html"]  # not overridden: the bundled template


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(" \t\nab\r\u00a0"), max_size=30))
def test_normalise_is_its_two_substitutions(text: str) -> None:
    """The one-pass tidy of a page gives what the two substitutions it replaces give."""
    slow = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text))
    assert normalise(text) == slow
    assert normalise(slow) == slow  # idempotent
