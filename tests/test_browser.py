"""The HTML handbook as a reader meets it: in headless Chromium, driven by Playwright.

Uses Debian's Chromium (/usr/bin/chromium, or $ZORGTOOLBOX_CHROMIUM);
`python tests/browser_setup.py` installs it. When it is missing the tests fail with that
instruction: they never skip silently. The accessibility checks (axe-core, the Nu HTML
checker, reflow, focus) and the print edition are tested in tests/test_browser_a11y.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_KB, REPO

from zorgtoolbox.render import render_handbook, write_handbook
from zorgtoolbox.validation import validate

CHROMIUM = Path(os.environ.get("ZORGTOOLBOX_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SETUP = "run `python tests/browser_setup.py` to install Chromium and axe-core"


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kb = validate(FIXTURE_KB).kb
    assert kb is not None
    out = tmp_path_factory.mktemp("handbook")
    write_handbook(render_handbook(kb, formats=["html"]), out)
    return out / "handboek.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: {SETUP}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """An open page, with everything it logged and every request it made."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def visible_measures(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "article.measure:not([hidden])", "els => els.map(e => e.dataset.measure)"
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, handbook: Path) -> Iterator[Visit]:
    v = Visit(browser, handbook.as_uri())
    yield v
    v.close()


def test_opens_without_errors_or_network_requests(visit: Visit, handbook: Path) -> None:
    assert visit.problems == []
    assert visit.requests == [handbook.as_uri()]
    assert visit.page.title().startswith("Testtoolbox")
    # the script ran under the Content-Security-Policy: the filter form is shown
    assert visit.page.is_visible("#filters")


def test_csp_refuses_other_scripts(visit: Visit) -> None:
    from playwright.sync_api import Error

    with pytest.raises(Error, match="Content Security Policy"):
        visit.page.add_script_tag(content="window.injected = 1")
    assert visit.page.evaluate("typeof window.injected") == "undefined"


def test_filters_narrow_the_visible_measures(visit: Visit) -> None:
    page = visit.page
    everything = set(visit.visible_measures())
    assert len(everything) == 11
    page.select_option("#f-agency", "dji")
    dji = visit.visible_measures()
    assert set(dji) == {"dji-gesprek", "dji-extra-controle", "dji-opzeggen"}
    assert page.inner_text("#filter-status") == "3 van 11 maatregelen getoond."
    page.select_option("#f-domain", "overlast")
    assert set(visit.visible_measures()) == {"dji-gesprek", "dji-extra-controle"}
    page.select_option("#f-instrument", "correctie")
    assert set(visit.visible_measures()) == {"dji-extra-controle"}
    # sections without a visible measure are hidden too
    assert page.is_hidden("#fraude-gemeente")
    page.click("button[type=reset]")
    from playwright.sync_api import expect  # polls without eval, which the page's CSP forbids

    expect(page.locator("article.measure[hidden]")).to_have_count(0)
    expect(page.locator("#filter-status")).to_have_text("11 maatregelen.")


def test_search_narrows_accent_insensitively(visit: Visit) -> None:
    page = visit.page
    page.fill("#f-q", "huisverbod")
    assert set(visit.visible_measures()) == {"gemeente-huisverbod"}
    page.fill("#f-q", "beeindiging woning")
    assert set(visit.visible_measures()) == {"gemeente-huisverbod"}
    page.fill("#f-q", "xylofoon")
    assert visit.visible_measures() == []
    assert page.inner_text("#filter-status") == "0 van 11 maatregelen getoond."


def test_clicking_a_diagram_node_lands_on_the_measure(visit: Visit) -> None:
    page = visit.page
    page.locator('#stromenmodel-overlast g[data-measure="gemeente-huisverbod"] a').click()
    assert page.evaluate("location.hash") == "#gemeente-huisverbod"
    heading = page.locator("#h-gemeente-huisverbod")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view, below the filter bar
    assert box["y"] > page.locator(".filters").bounding_box()["height"] - 1  # type: ignore[index]


def test_keyboard_reaches_the_content_first(visit: Visit) -> None:
    page = visit.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"


def test_print_to_pdf(visit: Visit, tmp_path: Path) -> None:
    pdf = visit.page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 4
    # URLs of external links are printed
    visit.page.emulate_media(media="print")
    after = visit.page.evaluate(
        "getComputedStyle(document.querySelector('a.external'), '::after').content"
    )
    assert "https://www.forensischezorg.nl/praktijk/zorgaanbod/locaties" in after
    assert visit.page.is_hidden(".filters")
