"""The handbook's accessibility and its print edition, as the accessibility statement
(toegankelijkheidsverklaring) states them: axe-core with every rule, the Nu HTML checker
with no finding, reflow at 320 CSS pixels, the focus never under the sticky bar, and a
printed A4 edition with page numbers, running headers and no near-empty pages.

Each claim of the statement rests on a test here; `zorgtoolbox.accessibility` holds the
versions it names, and a test keeps them equal to the ones package-lock.json pins.
Uses Debian's Chromium, Java and ./node_modules; `python tests/browser_setup.py`
installs them. When one is missing the tests fail with that instruction: they never skip.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import AXE, FIXTURE_KB, REPO, Visit

from zorgtoolbox.accessibility import AXE_CORE_VERSION, NU_CHECKER_VERSION, REFLOW_WIDTH
from zorgtoolbox.editions import Scope
from zorgtoolbox.render import render_handbook, write_handbook
from zorgtoolbox.validation import validate

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SETUP = "run `python tests/browser_setup.py` to install Chromium, Java, axe-core and vnu-jar"


def run_axe(page) -> dict:
    if not AXE.exists():
        pytest.fail(f"{AXE} not found: {SETUP}")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the test, not the page
    # every rule axe-core has: WCAG 2.0, 2.1 and 2.2 at levels A, AA and AAA, best
    # practices, and the experimental rules that are off by default
    return page.evaluate(
        """async () => {
            const rules = axe.getRules().map(r => r.ruleId);
            const result = await axe.run(document, {
                runOnly: {type: 'rule', values: rules}, resultTypes: ['violations'],
            });
            return {rules, violations: result.violations, version: result.testEngine.version};
        }"""
    )


def describe(violations: list[dict]) -> list[str]:
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in violations
    ]


@pytest.mark.parametrize("width", [1200, REFLOW_WIDTH])
def test_axe_finds_no_violations_with_every_rule(browser, handbook: Path, width: int) -> None:
    v = Visit(browser, handbook.as_uri())
    try:
        v.page.set_viewport_size({"width": width, "height": 900})
        result = run_axe(v.page)
    finally:
        v.close()
    assert result["version"] == AXE_CORE_VERSION
    assert len(result["rules"]) > 90  # all of them, not a default subset
    assert {"color-contrast-enhanced", "region", "scrollable-region-focusable"} <= set(
        result["rules"]
    )
    assert describe(result["violations"]) == []


def vnu(*files: Path) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail(f"java or {VNU} not found: {SETUP}")
    args = [java, "-jar", str(VNU), "--format", "json", "--also-check-svg", *map(str, files)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    return json.loads(done.stderr)["messages"]


def test_nu_html_checker_finds_nothing(handbook: Path, tmp_path: Path) -> None:
    kb = validate(FIXTURE_KB).kb
    assert kb is not None
    write_handbook(render_handbook(kb, formats=["html"], public=True), tmp_path)
    messages = vnu(handbook, tmp_path / "handboek.html")
    assert [(m["type"], m.get("subType"), m["message"]) for m in messages] == []


def test_the_checker_finds_what_it_should(tmp_path: Path) -> None:
    """The check above can fail: the checker reports an `aria-label` where it names
    nothing (an error) and a style whose hash the CSP lacks (a warning)."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="style-src \'sha256-x\'">'
        "<title>t</title><style>p{}</style></head>"
        '<body><span aria-label="x">a</span></body></html>',
        encoding="utf-8",
    )
    found = {(m["type"], m.get("subType")): m["message"] for m in vnu(page)}
    assert "aria-label" in found[("error", None)]
    assert "Content Security Policy" in found[("info", "warning")]


def test_the_statement_names_the_versions_that_are_pinned(handbook: Path) -> None:
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/axe-core"]["version"] == AXE_CORE_VERSION
    assert lock["packages"]["node_modules/vnu-jar"]["version"] == NU_CHECKER_VERSION
    text = handbook.read_text(encoding="utf-8")
    assert f"axe-core {AXE_CORE_VERSION}" in text
    assert f"Nu HTML checker {NU_CHECKER_VERSION}" in text
    assert f"{REFLOW_WIDTH} pixels breed" in text


@pytest.mark.parametrize(
    "viewport",
    [
        {"width": REFLOW_WIDTH, "height": 640, "scale": 1},  # a narrow phone
        {"width": 320, "height": 256, "scale": 4},  # 1280 × 1024 at 400 %
    ],
)
def test_reflow_without_scrolling_sideways(browser, handbook: Path, viewport: dict) -> None:
    context = browser.new_context(
        viewport={"width": viewport["width"], "height": viewport["height"]},
        device_scale_factor=viewport["scale"],
    )
    try:
        page = context.new_page()
        page.goto(handbook.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        # what is wider scrolls in its own box, which the keyboard reaches and which has a name
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter(e => e.scrollWidth > e.clientWidth + 1
                             && getComputedStyle(e).overflowX === 'auto')
                .map(e => ({role: e.getAttribute('role'), tabindex: e.getAttribute('tabindex'),
                            label: e.getAttribute('aria-label')
                                || (e.getAttribute('aria-labelledby') || '').split(' ')
                                       .map(id => document.getElementById(id)?.textContent)
                                       .join(' ')}))"""
        )
        assert boxes, "nothing is wider than the screen: the test proves nothing"
        assert [b for b in boxes if b["role"] != "region" or b["tabindex"] != "0"] == []
        assert all(b["label"] and b["label"].strip() for b in boxes)
    finally:
        context.close()


#: Where the focused element is, and whether something else covers it: the topmost
#: element at a point a little inside its top edge, and at its middle.
FOCUS_BOX = """() => {
    const e = document.activeElement;
    const r = e.getClientRects()[0] || e.getBoundingClientRect();
    const x = r.left + Math.min(r.width / 2, 8);
    const covered = [r.top + Math.min(r.height / 2, 4), r.top + r.height / 2].some(y => {
        const hit = document.elementFromPoint(x, y);
        return !hit || !(e.contains(hit) || hit.contains(e));
    });
    return {top: r.top, height: r.height, covered, inBar: !!e.closest('.filters'),
            body: e === document.body,
            name: e.tagName + ' ' + (e.textContent || '').trim().slice(0, 40)};
}"""


def test_the_focus_is_never_under_the_sticky_bar(visit: Visit) -> None:
    page = visit.page
    assert page.viewport_size == {"width": 1200, "height": 900}  # as the statement says
    assert page.evaluate("getComputedStyle(document.querySelector('.filters')).position") == (
        "sticky"
    )
    count = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, [tabindex="0"]')]
            .filter(e => e.getClientRects().length).length"""
    )
    hidden: list[str] = []
    seen = 0
    for key in ["Tab"] * (count + 2) + ["Shift+Tab"] * (count + 2):
        page.keyboard.press(key)
        box = page.evaluate(FOCUS_BOX)
        if box["body"] or box["inBar"] or box["height"] == 0:
            continue
        seen += 1
        if box["covered"]:
            hidden.append(f"{key}: {box['name']} at {box['top']:.0f}")
    assert seen > count  # both directions went through the page
    assert hidden == []


def pdf_pages(page) -> list[str]:
    from pypdf import PdfReader

    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_print_edition(visit: Visit) -> None:
    assert_print_edition(visit.page, cards_at_least=2)


def assert_print_edition(page, cards_at_least: int) -> int:
    """The page printed to A4 as the print edition should be; returns its page count."""
    toc = page.eval_on_selector_all(".toc > ol > li > a", "as => as.map(a => a.textContent)")
    cards = page.eval_on_selector_all(".ladder-card h3", "hs => hs.map(h => h.textContent)")
    texts = pdf_pages(page)
    total = len(texts)
    assert total >= 10
    numbers = [re.findall(r"Pagina (\d+) van (\d+)", t) for t in texts]
    assert numbers[0] == []  # the title page
    assert numbers[1:] == [[(str(n), str(total))] for n in range(2, total + 1)]
    title = "Testtoolbox"
    headers = [re.search(r"Hoofdstuk (\d+)(?: (?:en|tot en met) (\d+))?", t) for t in texts]
    assert all(t.startswith(title) for t in texts[1:]), "the running header has the title"
    # every chapter of the contents heads its pages, in the order of the contents
    groups: list[tuple[int, int]] = []
    for h in headers[2:]:
        assert h is not None
        group = (int(h.group(1)), int(h.group(2) or h.group(1)))
        if not groups or groups[-1] != group:
            groups.append(group)
    covered = [n for first, last in groups for n in range(first, last + 1)]
    assert covered == list(range(1, len(toc) + 1))
    # a chapter alone on its pages is named there as in the contents
    named = [re.search(r"Hoofdstuk (\d+) · (.+)", t.splitlines()[0]) for t in texts[2:]]
    assert [m.group(2).strip() for m in named if m] == [
        toc[int(m.group(1)) - 1] for m in named if m
    ]
    # no near-empty page: each has more than a few lines besides its header and number
    for n, text in enumerate(texts, 1):
        body = re.sub(rf"^{title}.*$|Pagina \d+ van \d+", "", text, flags=re.M)
        assert len(body.strip()) >= 100, f"page {n} is nearly empty: {body!r}"
    # one page for each ladder card, the whole card on it
    card_pages = [t for t in texts if "Ladderkaart " in t]
    assert len(card_pages) == len(cards) >= cards_at_least
    assert all(t.count("Ladderkaart ") == 1 and "Tekens:" in t for t in card_pages)
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => ({
            tr: getComputedStyle(document.querySelector('tbody tr')).breakInside,
            heading: getComputedStyle(document.querySelector('main h3')).breakAfter,
            toc: parseFloat(getComputedStyle(document.querySelector('.toc > ol')).paddingLeft),
            font: parseFloat(getComputedStyle(document.querySelector('.toc > ol')).fontSize),
        })"""
    )
    assert styles["tr"] == "avoid" and styles["heading"] == "avoid"
    assert styles["toc"] >= 2 * styles["font"]  # room for "10." before a chapter
    return total


def test_an_edition_for_one_agency_prints_and_passes_every_check(
    browser, handbook: Path, tmp_path: Path
) -> None:
    """`build-handbook --org DJI`: the same print edition and checks, on fewer pages."""
    kb = validate(FIXTURE_KB).kb
    assert kb is not None
    write_handbook(render_handbook(kb, formats=["html"], scope=Scope("dji")), tmp_path)
    edition = tmp_path / "handboek-dji.html"
    v = Visit(browser, edition.as_uri())
    try:
        assert describe(run_axe(v.page)["violations"]) == []
        assert set(v.visible_measures()) == {m.id for m in kb.measures_of("dji")}
        pages = assert_print_edition(v.page, cards_at_least=1)
        assert v.problems == []
        assert {u.split(":", 1)[0] for u in v.requests} == {"file"}
    finally:
        v.close()
    whole = Visit(browser, handbook.as_uri())
    try:
        assert pages < len(pdf_pages(whole.page))
    finally:
        whole.close()
    assert vnu(edition) == []


def test_the_contents_numbers_match_the_running_headers(visit: Visit) -> None:
    """The number before a chapter's heading in print is its number in the contents."""
    page = visit.page
    page.emulate_media(media="print")
    got = page.evaluate(
        """() => [...document.querySelectorAll('.toc > ol > li > a')].map((a, i) => {
            const h = document.getElementById(a.getAttribute('href').slice(1)).querySelector('h2');
            return [i + 1, getComputedStyle(h, '::before').content];
        })"""
    )
    assert got == [[n, f'"{n}. "'] for n, _ in got]
