"""The stromenmodel diagrams as a reader meets them, in headless Chromium (Playwright):
they fit the reading column at 1366 px and the screen of a 390-px phone, their text is no
smaller than the page's small print, and printing shows the table of arrows.

Needs Debian's Chromium (/usr/bin/chromium, or $ZORGTOOLBOX_CHROMIUM);
`python tests/browser_setup.py` installs it. When it is missing the tests fail with that
instruction: they never skip.
"""

from __future__ import annotations

from pathlib import Path

#: 7 pt in CSS pixels: the smallest text readable on paper.
PRINT_MIN_PX = 7 * 96 / 72
#: The width of A4 between the print margins (210 mm - 2 × 16 mm) in CSS pixels.
A4_COLUMN_PX = round((210 - 32) / 25.4 * 96)


def open_page(browser, handbook: Path, width: int, height: int = 768):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(handbook.as_uri())
    page.wait_for_load_state("load")
    return context, page


#: Per diagram: its box, the column's box, and the smallest text as rendered (font
#: size in SVG units × the scale the viewBox is drawn at).
MEASURE = """() => {
  const main = document.querySelector('#stromenmodel');
  const style = getComputedStyle(main);
  const box = main.getBoundingClientRect();
  const column = {
    left: box.left + parseFloat(style.paddingLeft),
    right: box.right - parseFloat(style.paddingRight),
  };
  return [...document.querySelectorAll('svg.stromenmodel')].map(svg => {
    const r = svg.getBoundingClientRect();
    const scale = r.width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map(
      t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return {agency: svg.dataset.agency, left: r.left, right: r.right, width: r.width,
            column, smallest: Math.min(...sizes), count: sizes.length};
  });
}"""

SMALL_PRINT = "() => parseFloat(getComputedStyle(document.querySelector('footer')).fontSize)"


def test_every_diagram_fits_the_column_with_readable_text(browser, handbook: Path) -> None:
    context, page = open_page(browser, handbook, 1366)
    try:
        diagrams = page.evaluate(MEASURE)
        small = page.evaluate(SMALL_PRINT)
        assert len(diagrams) == 4 + 3  # fraude: four agencies; overlast: three
        assert small >= 14  # 0.9rem
        for d in diagrams:
            assert (
                d["column"]["left"] - 0.5 <= d["left"] and d["right"] <= d["column"]["right"] + 0.5
            ), d
            assert d["count"] > 0 and d["smallest"] >= small - 0.01, d
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    finally:
        context.close()


def test_node_text_stays_inside_its_box(browser, handbook: Path) -> None:
    """The wrapping's estimate of a character's width holds for the browser's font."""
    context, page = open_page(browser, handbook, 1366)
    try:
        spill = page.evaluate(
            """() => [...document.querySelectorAll('svg.stromenmodel g.node')].flatMap(g => {
                 const rect = g.querySelector('rect').getBBox();
                 return [...g.querySelectorAll('tspan')].map(t => t.getBBox())
                   .filter(b => b.x < rect.x || b.x + b.width > rect.x + rect.width
                             || b.y < rect.y || b.y + b.height > rect.y + rect.height)
                   .map(() => g.id);
               })"""
        )
        assert spill == []
    finally:
        context.close()


def test_no_diagram_overflows_a_phone(browser, handbook: Path) -> None:
    context, page = open_page(browser, handbook, 390, 844)
    try:
        for d in page.evaluate(MEASURE):
            assert d["left"] >= 0 and d["right"] <= 390, d
    finally:
        context.close()


def test_print_shows_the_arrows_and_a_page_per_diagram(browser, handbook: Path) -> None:
    context, page = open_page(browser, handbook, A4_COLUMN_PX, 1000)
    try:
        page.emulate_media(media="print")
        tables = page.locator("details.arrows table")
        assert tables.count() == 2
        for i in range(tables.count()):
            assert tables.nth(i).is_visible()
        breaks = page.evaluate(
            "[...document.querySelectorAll('figure.diagram')]"
            ".map(f => getComputedStyle(f).breakBefore)"
        )
        assert breaks == ["page"] * 7
        # at the width of A4 between the margins, the smallest text is at least 7 pt
        for d in page.evaluate(MEASURE):
            assert d["right"] <= A4_COLUMN_PX + 0.5 and d["smallest"] >= PRINT_MIN_PX, d
    finally:
        context.close()


def test_a_neighbour_links_to_its_agencys_diagram(browser, handbook: Path) -> None:
    context, page = open_page(browser, handbook, 1366)
    try:
        page.locator('#stromenmodel-fraude-gemeente g[data-other="igj-signalen"] a').click()
        assert page.evaluate("location.hash") == "#stromenmodel-fraude-igj"
        box = page.locator("#stromenmodel-fraude-igj").bounding_box()
        assert box is not None and 0 <= box["y"] < 768
    finally:
        context.close()
