"""Editions of the handbook for one agency, one domain or both (`build-handbook --org
--domain`): each describes exactly the measures it holds, lists the steps it points to
elsewhere in short, and has no link that leads nowhere.

Run on the fixture knowledge base and on a generated one (benchmarks/generate_kb.py), so
that nothing depends on the bundled data.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, REPO, load_kb, rebuild_kb

from zorgtoolbox.editions import Scope
from zorgtoolbox.errors import EmptyEdition
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.models import DOMAINS
from zorgtoolbox.render import render_handbook

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_kb import generate


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


@pytest.fixture(scope="module")
def generated_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder = tmp_path_factory.mktemp("generated")
    return load_kb(generate(folder, measures=90, agencies=6, edges=240))


def editions(kb: KnowledgeBase) -> list[Scope]:
    """Every edition that holds a measure: per agency, per domain, and both."""
    scopes = [Scope(a.id, d) for a in kb.agencies for d in (None, *DOMAINS)]
    scopes += [Scope(None, d) for d in DOMAINS]
    return [s for s in scopes if any(s.holds(m) for m in kb.measures)]


def links_and_ids(text: str) -> tuple[set[str], list[str]]:
    targets = set(re.findall(r"\]\(#([^)]+)\)", text)) | set(re.findall(r'href="#([^"]+)"', text))
    return targets, re.findall(r'id="([^"]+)"', text)


@pytest.mark.parametrize("which", ["fixture_kb", "generated_kb"])
def test_every_link_of_every_edition_leads_somewhere(which: str, request) -> None:
    kb = request.getfixturevalue(which)
    scopes = editions(kb)
    assert len(scopes) >= 6
    for scope in scopes:
        files = render_handbook(kb, scope=scope)
        assert sorted(files) == [f"{scope.file_stem()}.html", f"{scope.file_stem()}.md"]
        for name, text in files.items():
            targets, ids = links_and_ids(text)
            assert targets - set(ids) == set(), name
            assert len(ids) == len(set(ids)), name


@pytest.mark.parametrize("which", ["fixture_kb", "generated_kb"])
def test_an_edition_describes_exactly_the_measures_it_holds(which: str, request) -> None:
    kb = request.getfixturevalue(which)
    for scope in editions(kb):
        files = render_handbook(kb, scope=scope)
        html = files[f"{scope.file_stem()}.html"]
        held = {m.id for m in kb.measures if scope.holds(m)}
        full = set(re.findall(r'<article class="measure" id="([^"]+)"', html))
        short = set(re.findall(r'<article class="measure-short" id="([^"]+)"', html))
        assert full == held, scope
        assert not short & held, scope
        # the page's search finds the edition's cards, and only those
        index = json.loads(html.split('id="zoekindex">', 1)[1].split("</script>", 1)[0])
        assert set(index["ids"]) == held
        md = files[f"{scope.file_stem()}.md"]
        assert set(re.findall(r'<a id="([^"]+)"></a>', md)) >= held | short


def test_a_step_outside_the_edition_is_shown_in_short_with_its_agency_and_source(
    fixture_kb: KnowledgeBase,
) -> None:
    kb = fixture_kb
    html = render_handbook(kb, scope=Scope("dji"), formats=["html"])["handboek-dji.html"]
    shorts = re.findall(r'<article class="measure-short" id="([^"]+)".*?</article>', html, re.S)
    assert shorts, "the DJI edition points to no other agency: the test proves nothing"
    for block in re.findall(r'<article class="measure-short".*?</article>', html, re.S):
        measure = kb.measures_by_id[re.search(r'id="([^"]+)"', block).group(1)]
        assert measure.agency != "dji"
        assert f'href="#org-{measure.agency}"' in block
        assert f"Bron: {kb.documents_by_id[measure.document].title}" in block
    assert '<section class="chapter" id="elders"' in html
    assert "<dt>Editie</dt><dd>Alleen de maatregelen van DJI." in html
    # the whole handbook describes everything, so it has no such chapter
    whole = render_handbook(kb, formats=["html"])["handboek.html"]
    assert 'id="elders"' not in whole and "measure-short" not in whole.split("</style>", 1)[1]


def test_an_edition_without_measures_is_refused(fixture_kb: KnowledgeBase) -> None:
    empty = next(a.id for a in fixture_kb.agencies if not fixture_kb.measures_of(a.id))
    with pytest.raises(EmptyEdition) as caught:
        render_handbook(fixture_kb, scope=Scope(empty))
    assert (caught.value.agency, caught.value.domain) == (empty, None)


def test_build_handbook_writes_and_checks_an_edition(invoke, tmp_path: Path) -> None:
    out = tmp_path / "edities"
    data = ["--data", str(FIXTURE_KB)]
    result = invoke(
        "build-handbook", "--org", "DJI", "--domain", "overlast", "--out", str(out), *data
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "handboek-dji-overlast.html",
        "handboek-dji-overlast.md",
    ]
    check = ["build-handbook", "--org", "dji", "--domain", "overlast", "--out", str(out), *data]
    assert invoke(*check, "--check").exit_code == 0
    whole_agency = invoke("build-handbook", "--org", "DJI", "--check", "--out", str(out), *data)
    assert whole_agency.exit_code == 1  # another edition, not written yet
    page = out / "handboek-dji-overlast.md"
    page.write_text(page.read_text(encoding="utf-8") + "x\n", encoding="utf-8")
    stale = invoke(*check, "--check")
    assert stale.exit_code == 1
    assert "handboek-dji-overlast.md" in stale.stderr
    assert "--org dji --domain overlast" in stale.stderr  # the command that rebuilds it


def test_build_handbook_refuses_an_edition_it_cannot_make(invoke, tmp_path: Path) -> None:
    args = ["build-handbook", "--out", str(tmp_path), "--data", str(FIXTURE_KB)]
    dutch = {"ZORGTOOLBOX_LANG": "nl"}
    empty = invoke(*args, "--org", "om", env=dutch)
    assert (empty.exit_code, empty.stderr) == (2, "Fout: om heeft geen maatregelen\n")
    unknown = invoke(*args, "--org", "djj", env=dutch)
    assert unknown.exit_code == 2 and "bedoel je 'dji'?" in unknown.stderr
    assert len(unknown.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_agency_named_on_an_edition_is_escaped_once(fixture_kb: KnowledgeBase) -> None:
    name = "DJI <b>*x*</b> | &amp;"
    agencies = tuple(
        a.model_copy(update={"name": name}) if a.id == "dji" else a for a in fixture_kb.agencies
    )
    kb = rebuild_kb(fixture_kb, agencies=agencies)
    files = render_handbook(kb, scope=Scope("dji", "overlast"))
    md, html = files["handboek-dji-overlast.md"], files["handboek-dji-overlast.html"]
    words = r"maatregelen van DJI \<b\>\*x\*\</b\> \| \&amp; in het domein overlast."
    assert f"| Editie | Alleen de {words}" in md
    assert f"Deze editie beschrijft alleen de {words}" in md
    escaped = "DJI &lt;b&gt;*x*&lt;/b&gt; | &amp;amp;"
    assert f"<dt>Editie</dt><dd>Alleen de maatregelen van {escaped} in het domein overlast." in html
    assert f"<title>Testtoolbox — maatregelen van {escaped} in het domein overlast" in html
    assert "<b>" not in html.split("</style>", 1)[1].split('id="zoekindex"', 1)[0]
