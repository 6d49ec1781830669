"""Find, then read: the handbook page's result list, its URL, focus and print after a
filter, in headless Chromium (as tests/test_browser.py, on the fixture knowledge base).

The page's search must rank as the CLI's `search` does: the agreement tests run the same
queries through `queries.search` and through the page and compare the measures in order.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from conftest import FIXTURE_KB, SETUP, Visit, load_kb, poison_kb
from playwright.sync_api import expect

from zorgtoolbox import queries
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.render import render_handbook, write_handbook
from zorgtoolbox.search import SearchIndex

VIEWPORT_HEIGHT = 900  # Visit's viewport: 1200 × 900


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


@pytest.fixture
def open_page(browser, handbook: Path) -> Iterator:
    """Open the handbook, with a query string or a hash; every visit is closed after the
    test, and none may log an error."""
    visits: list[Visit] = []

    def open_(suffix: str = "") -> Visit:
        visits.append(Visit(browser, handbook.as_uri() + suffix))
        return visits[-1]

    yield open_
    for v in visits:
        assert v.problems == []
        v.close()


@pytest.fixture
def visit(open_page) -> Visit:
    return open_page()


def result_ids(v: Visit) -> list[str]:
    return v.page.eval_on_selector_all(
        "#resultaten a.result-title", "els => els.map(e => e.dataset.measure)"
    )


def top(v: Visit, selector: str) -> float:
    box = v.page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"]


def bar_bottom(v: Visit) -> float:
    box = v.page.locator(".filters").bounding_box()
    assert box is not None
    return box["y"] + box["height"]


# --- the result list ----------------------------------------------------------------


def test_results_are_listed_directly_under_the_controls(visit: Visit) -> None:
    page = visit.page
    expect(page.locator("#resultaten")).to_be_hidden()  # nothing to list before a search
    page.fill("#f-q", "dwangsm")  # a typo for "dwangsom"
    expect(page.locator("#filter-status")).to_have_text("1 van 11 maatregelen getoond.")
    assert result_ids(visit) == ["kader-last-onder-dwangsom"]
    results = top(visit, "#resultaten")
    assert 0 <= results < VIEWPORT_HEIGHT / 2  # in the first screen, not ten screens down
    assert results >= bar_bottom(visit) - 1  # under the controls, not behind them
    assert results < top(visit, "article.measure:not([hidden])")  # before any card
    item = page.locator("#resultaten li").first
    expect(item.locator("a.result-title")).to_have_attribute("href", "#kader-last-onder-dwangsom")
    meta = item.locator(".result-meta").inner_text()
    assert "Gemeente" in meta and "bestuursrecht" in meta and "Testkader" in meta
    assert page.inner_text("#resultaten li .result-title mark") == "dwangsom"


def test_the_rung_and_agency_of_each_result(visit: Visit) -> None:
    page = visit.page
    page.select_option("#f-agency", "dji")
    assert result_ids(visit) == ["dji-gesprek", "dji-extra-controle", "dji-opzeggen"]
    metas = page.locator("#resultaten .result-meta").all_inner_texts()
    assert metas[0] == "DJI · trede 1 (fraude), 1 (overlast) · advies"
    assert metas[2] == "DJI · trede 3 (fraude) · civielrecht"


def test_the_snippet_highlights_the_words_found_with_mark(visit: Visit) -> None:
    page = visit.page
    page.fill("#f-q", "beeindiging woning")  # without the accent of "Beëindiging"
    assert result_ids(visit) == ["gemeente-huisverbod"]
    snippet = page.locator("#resultaten .result-snippet")
    assert snippet.inner_text() == "Beëindiging van het verblijf in de woning voor een tijd."
    assert snippet.locator("mark").all_inner_texts() == ["Beëindiging", "woning"]
    assert snippet.locator("*").count() == 2  # text and <mark>, nothing else


def test_data_in_a_snippet_stays_text(browser, kb: KnowledgeBase, tmp_path: Path) -> None:
    """Markup in the data is shown as text in the result list, never parsed."""
    payload = '<img src=x id=injected> <b id="bold">'
    out = tmp_path / "hostile"
    write_handbook(
        render_handbook(poison_kb(kb, lambda t: f"{t} {payload}" if t else t), formats=["html"]),
        out,
    )
    v = Visit(browser, (out / "handboek.html").as_uri())
    try:
        v.page.fill("#f-q", "huisverbod")
        assert result_ids(v)[0] == "gemeente-huisverbod"
        item = v.page.locator("#resultaten li").first
        assert payload in item.inner_text()
        assert v.page.locator("#injected, #bold, img").count() == 0
        assert v.problems == []
    finally:
        v.close()


def test_no_result_says_so_and_suggests_the_closest_word(visit: Visit) -> None:
    page = visit.page
    page.fill("#f-q", "dwngsm")  # two letters off: beyond the typos a search tolerates
    expect(page.locator("#filter-status")).to_have_text("0 van 11 maatregelen getoond.")
    message = page.locator("#resultaten .no-results")
    expect(message).to_be_visible()
    assert "Er is geen maatregel gevonden met ‘dwngsm’." in message.inner_text()
    assert "Bedoel je dwangsom?" in message.inner_text()
    # no empty headings: no chapter or agency section of cards is left standing
    assert page.locator("section.chapter.domain:not([hidden])").count() == 0
    assert page.locator("section.agency-measures:not([hidden])").count() == 0
    message.get_by_role("button", name="dwangsom").click()
    expect(page.locator("#f-q")).to_have_value("dwangsom")
    expect(page.locator("#f-q")).to_be_focused()
    assert result_ids(visit) == ["kader-last-onder-dwangsom"]


def test_no_result_within_the_filters_offers_to_clear_them(visit: Visit) -> None:
    page = visit.page
    page.select_option("#f-agency", "igj")
    page.fill("#f-q", "huisverbod")
    message = page.locator("#resultaten .no-results")
    assert "Met ‘huisverbod’ is er 1 maatregel, maar niet met" in message.inner_text()
    message.get_by_role("button", name="Wis de filters").click()
    expect(page.locator("#f-agency")).to_have_value("")
    expect(page.locator("#f-q")).to_have_value("huisverbod")
    expect(page.locator("#f-q")).to_be_focused()
    assert result_ids(visit) == ["gemeente-huisverbod"]
    # filters alone that leave nothing
    page.fill("#f-q", "")
    page.select_option("#f-agency", "dji")
    page.select_option("#f-instrument", "signalering")
    assert "Er is geen maatregel met deze keuze" in message.inner_text()


# --- the filter state in the URL ----------------------------------------------------


def test_the_filters_are_kept_in_the_url_and_restored_from_it(open_page) -> None:
    first = open_page()
    page = first.page
    history = page.evaluate("history.length")
    page.evaluate("window.notReloaded = true")
    page.select_option("#f-agency", "dji")
    page.select_option("#f-domain", "overlast")
    page.fill("#f-q", "gesprek")
    query = parse_qs(urlsplit(page.evaluate("location.href")).query)
    assert query == {"organisatie": ["dji"], "domein": ["overlast"], "zoek": ["gesprek"]}
    assert page.evaluate("window.notReloaded") is True  # replaceState, no reload
    assert page.evaluate("history.length") == history  # and no new history entry
    shown, listed = first.visible_measures(), result_ids(first)
    assert listed == ["dji-gesprek"]

    again = open_page("?" + urlsplit(page.evaluate("location.href")).query)
    expect(again.page.locator("#f-agency")).to_have_value("dji")
    expect(again.page.locator("#f-domain")).to_have_value("overlast")
    expect(again.page.locator("#f-q")).to_have_value("gesprek")
    assert again.visible_measures() == shown
    assert result_ids(again) == listed
    assert 0 <= top(again, "#resultaten") < VIEWPORT_HEIGHT  # a shared link shows them


def test_clearing_the_filters_clears_the_url(visit: Visit) -> None:
    page = visit.page
    page.select_option("#f-instrument", "correctie")
    assert "instrument=correctie" in page.evaluate("location.href")
    page.click("button[type=reset]")
    expect(page.locator("#filter-status")).to_have_text("11 maatregelen.")
    assert urlsplit(page.evaluate("location.href")).query == ""


def test_hostile_url_values_are_ignored_or_kept_as_text(open_page) -> None:
    hostile = '<img src=x onerror="document.title=1">'
    v = open_page(
        "?"
        + urlencode(
            {
                "organisatie": '"><img src=x>',
                "domein": "fraude overlast",
                "instrument": "correctie",
                "zoek": hostile + " controle " + "x" * 500,
                "onbekend": "<script>",
            }
        )
    )
    page = v.page
    expect(page.locator("#f-agency")).to_have_value("")  # not a known value: ignored
    expect(page.locator("#f-domain")).to_have_value("")
    expect(page.locator("#f-instrument")).to_have_value("correctie")  # known: kept
    value = page.input_value("#f-q")
    assert value.startswith(hostile) and len(value) == 200  # text, cut to the field's length
    assert page.locator("img").count() == 0
    assert not page.title().startswith("1")
    query = parse_qs(urlsplit(page.evaluate("location.href")).query)
    assert set(query) == {"instrument", "zoek"}  # the URL now says only what was taken


# --- focus: to the card and back ----------------------------------------------------


def test_a_result_link_moves_focus_to_the_card_and_back(visit: Visit) -> None:
    page = visit.page
    page.fill("#f-q", "huisverbod")
    link = page.locator('#resultaten a[data-measure="gemeente-huisverbod"]')
    link.focus()
    page.keyboard.press("Enter")
    card = page.locator("#gemeente-huisverbod")
    expect(card).to_be_focused()
    assert card.get_attribute("tabindex") == "-1"
    assert top(visit, "#gemeente-huisverbod") >= bar_bottom(visit) - 1  # not under the bar
    back = card.get_by_role("link", name="Terug naar de resultaten")
    page.keyboard.press("Tab")
    expect(back).to_be_focused()
    page.keyboard.press("Enter")
    expect(link).to_be_focused()
    # the browser's back button returns there too
    link.click()
    expect(card).to_be_focused()
    page.go_back()
    expect(link).to_be_focused()
    box = link.bounding_box()
    assert box is not None and bar_bottom(visit) - 1 <= box["y"] < VIEWPORT_HEIGHT


def test_a_diagram_link_moves_focus_to_the_card(visit: Visit) -> None:
    page = visit.page
    page.locator('#stromenmodel-overlast g[data-measure="gemeente-huisverbod"] a').click()
    expect(page.locator("#gemeente-huisverbod")).to_be_focused()
    assert top(visit, "#gemeente-huisverbod") >= bar_bottom(visit) - 1
    # Tab goes on from the card, not from the top of the page or the diagram
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "document.getElementById('gemeente-huisverbod').contains(document.activeElement)"
    )
    assert inside


def test_a_link_to_what_the_filters_hide_shows_it(visit: Visit) -> None:
    page = visit.page
    page.select_option("#f-agency", "dji")
    expect(page.locator("#gemeente-huisverbod")).to_be_hidden()
    page.locator('#stromenmodel-overlast g[data-measure="gemeente-huisverbod"] a').click()
    expect(page.locator("#gemeente-huisverbod")).to_be_focused()
    expect(page.locator("#f-agency")).to_have_value("")
    expect(page.locator("#filter-status")).to_have_text("11 maatregelen.")
    # a chapter the filters hide, from the contents
    page.select_option("#f-instrument", "signalering")  # only measures of fraude
    expect(page.locator("#toolbox-overlast")).to_be_hidden()
    page.locator('nav.toc a[href="#toolbox-overlast"]').click()
    expect(page.locator("#toolbox-overlast")).to_be_focused()
    expect(page.locator("#f-instrument")).to_have_value("")


# --- print what you see -------------------------------------------------------------


def visible_in_print(v: Visit, selector: str) -> int:
    v.page.emulate_media(media="print")
    try:
        return sum(1 for el in v.page.locator(selector).all() if el.is_visible())
    finally:
        v.page.emulate_media(media="screen")


def pdf_pages(v: Visit) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", v.page.pdf(format="A4")))


def test_print_after_a_filter_prints_only_what_is_shown(visit: Visit) -> None:
    page = visit.page
    all_cards = page.locator("article.measure").count()
    assert visible_in_print(visit, "article.measure") == all_cards
    unfiltered_pages = pdf_pages(visit)

    page.select_option("#f-agency", "dji")
    page.select_option("#f-domain", "overlast")
    on_screen = page.locator("article.measure:not([hidden])").count()
    assert 0 < on_screen < all_cards
    assert visible_in_print(visit, "article.measure") == on_screen
    # no heading of a section without a card that passes
    assert visible_in_print(visit, "#h-fraude-gemeente, #h-overlast-gemeente, #h-overlast-igj") == 0
    # the chapters without cards stay out; a note says what was printed
    assert visible_in_print(visit, "#begrippenlijst, #stromenmodel, nav.toc") == 0
    assert visible_in_print(visit, "#afdruk-filter") == 1
    assert "organisatie DJI; domein overlast" in page.inner_text("#afdruk-filter")
    page.emulate_media(media="print")  # the note shares its page with the first chapter
    first = page.locator("main > section.first-shown")
    assert first.count() == 1 and first.evaluate("s => getComputedStyle(s).breakBefore") == "auto"
    page.emulate_media(media="screen")
    assert pdf_pages(visit) < unfiltered_pages


def test_print_without_a_filter_prints_everything(visit: Visit) -> None:
    assert visible_in_print(visit, "#begrippenlijst, #stromenmodel, #afdruk-filter") == 2


# --- the same ranking as the CLI ----------------------------------------------------

NAMED_QUERIES = [
    "huisverbod",  # one exact word
    "gesprek zorgaanbieders",  # several words
    "beeindiging woning",  # without accents
    "BEËINDIGING",  # capitals with accents
    "dwangsm",  # a typo
    "controlle dossirs",  # two typos
    "signaal",  # exact and a prefix
    "niet geleverde zorg",  # a stop word, a word of no measure, a prefix
    "de het en",  # only stop words: then they count
    "melding ikz gemeente",  # more words than any hit matches
    "xylofoon",  # no hit
]


def generated_queries(kb: KnowledgeBase, n: int = 40) -> list[str]:
    """Queries made from the words of the measures, mixed and misspelt (a fixed seed)."""
    vocabulary = SearchIndex.build(
        queries.searchable(kb, "measure", m) for m in kb.measures
    ).vocabulary
    rng = random.Random(14)
    out = []
    for _ in range(n):
        picked = rng.sample(vocabulary, rng.randint(1, 3))
        mangled = []
        for w in picked:
            i = rng.randrange(len(w))
            edit = rng.choice(["keep", "drop", "swap", "double", "cut"])
            if edit == "drop":
                w = w[:i] + w[i + 1 :]
            elif edit == "swap" and i + 1 < len(w):
                w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
            elif edit == "double":
                w = w[:i] + w[i] + w[i:]
            elif edit == "cut":
                w = w[: max(3, i)]
            mangled.append(w.upper() if rng.random() < 0.2 else w)
        out.append(" ".join(mangled))
    return out


def cli_ranking(kb: KnowledgeBase, text: str) -> list[str]:
    return [h.id for h in queries.search(kb, text) if h.kind == "measure"]


def cli_scores(kb: KnowledgeBase, text: str) -> list[tuple[str, float, int]]:
    """The CLI's measures with their score and how many query words each matched."""
    return [(h.id, h.score, h.matched) for h in queries.search(kb, text) if h.kind == "measure"]


def page_scores(v: Visit) -> list[tuple[str, float, int]]:
    rows = v.page.eval_on_selector_all(
        "#resultaten li",
        "els => els.map(e => [e.querySelector('a').dataset.measure,"
        " Number(e.dataset.score), Number(e.dataset.matched)])",
    )
    return [(i, s, n) for i, s, n in rows]


def test_the_page_ranks_as_the_cli_searches(visit: Visit, kb: KnowledgeBase) -> None:
    tried = NAMED_QUERIES + generated_queries(kb)
    differ = []
    for text in tried:
        visit.page.fill("#f-q", text)
        page, cli = page_scores(visit), cli_scores(kb, text)
        if page != cli:
            differ.append((text, cli, page))
    assert differ == []
    # the set covers what it claims: hits by typo, several hits, and none
    assert cli_ranking(kb, "dwangsm") == ["kader-last-onder-dwangsom"]
    assert len(cli_ranking(kb, "gesprek zorgaanbieders")) > 1
    assert cli_ranking(kb, "xylofoon") == []


# --- without JavaScript, and for assistive technology -------------------------------


def test_without_javascript_everything_is_shown(browser, handbook: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(handbook.as_uri() + "?organisatie=dji&zoek=huisverbod")
        cards = page.locator("article.measure")
        assert cards.count() > 11 and page.locator("article.measure[hidden]").count() == 0
        assert page.is_hidden("#filters") and page.is_hidden("#resultaten")
        assert page.is_visible("#begrippenlijst")
        page.emulate_media(media="print")
        assert all(c.is_visible() for c in cards.all())
    finally:
        context.close()


def test_the_result_list_and_its_messages_pass_axe(visit: Visit) -> None:
    from conftest import AXE

    if not AXE.exists():
        pytest.fail(f"{AXE} not found: {SETUP}")
    visit.page.evaluate(AXE.read_text(encoding="utf-8"))
    found = []
    for text in ("huisverbod", "dwngsm"):
        visit.page.fill("#f-q", text)
        result = visit.page.evaluate(
            "async () => await axe.run({include: [['.filters'], ['#resultaten']]},"
            " {resultTypes: ['violations']})"
        )
        found += [f"{text}: {v['id']} {v['nodes'][0]['target']}" for v in result["violations"]]
    assert found == []


def test_the_page_folds_text_as_the_cli(browser, kb: KnowledgeBase, tmp_path: Path) -> None:
    """Capitals, accents (composed or not), ligatures and ß fold alike on both sides."""
    from conftest import rebuild_kb

    title = "Straße ﬁnanciën café\u0301 NAÏEF Één coördinatie"
    measures = tuple(
        m.model_copy(update={"title": title}) if m.id == "igj-signalen" else m for m in kb.measures
    )
    odd = rebuild_kb(kb, measures=measures)
    out = tmp_path / "odd"
    write_handbook(render_handbook(odd, formats=["html"]), out)
    v = Visit(browser, (out / "handboek.html").as_uri())
    try:
        differ = []
        for text in ["strasse", "STRASSE", "straße", "financien", "ﬁnanciën", "cafe", "café",
                     "naief", "één", "EEN", "coordinatie", "coördinatie"]:  # fmt: skip
            v.page.fill("#f-q", text)
            page, cli = page_scores(v), cli_scores(odd, text)
            if page != cli or "igj-signalen" not in cli_ranking(odd, text):
                differ.append((text, cli, page))
        assert differ == []
        assert v.problems == []
    finally:
        v.close()
