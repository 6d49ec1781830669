"""The HTML handbook as a reader meets it: in headless Chromium, driven by Playwright.

Uses Debian's Chromium (/usr/bin/chromium, or $ZORGTOOLBOX_CHROMIUM);
`python tests/browser_setup.py` installs it. When it is missing the tests fail with that
instruction: they never skip silently. The accessibility checks (axe-core, the Nu HTML
checker, reflow, focus) and the print edition are tested in tests/test_browser_a11y.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Visit


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
