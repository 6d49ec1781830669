"""The print edition (printing.py): numbered chapters shared by the contents list and the
running header, the page CSS with data only as escaped CSS strings, the ladder cards,
and the accessibility statement's contact. How it prints is tested in Chromium
(tests/test_browser_a11y.py)."""

from __future__ import annotations

import re
from html import unescape

from conftest import FIXTURE_KB, load_kb, rebuild_kb
from hypothesis import given
from hypothesis import strategies as st

from zorgtoolbox.printing import Chapter, css_id_selector, css_string, page_css
from zorgtoolbox.render import EMPTY, render_handbook


def css_unescape(quoted: str) -> str:
    """A double-quoted CSS string's value, per CSS Syntax 4.3.5 and 4.3.7 (escapes)."""
    assert quoted[0] == quoted[-1] == '"'
    out, i, body = [], 0, quoted[1:-1]
    while i < len(body):
        ch = body[i]
        assert ch not in '"\n', "the string would end here"
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        digits = re.match(r"[0-9a-fA-F]{1,6}", body[i + 1 :])
        assert digits, "only hex escapes are written"
        out.append(chr(int(digits.group(), 16)))
        i += 1 + len(digits.group())
        if body[i : i + 1] == " ":
            i += 1
    return "".join(out)


@given(st.text())
def test_a_css_string_reads_the_same_and_cannot_break_out(text: str) -> None:
    quoted = css_string(text)
    assert css_unescape(quoted) == text
    inner = quoted[1:-1]
    assert not re.search(r"[\"'<>&\x00-\x1f\x7f]", inner)  # no quote, tag or control


@given(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True))
def test_an_id_selector_matches_the_id(anchor: str) -> None:
    selector = css_id_selector(anchor)
    if anchor[0].isdigit():
        assert selector.startswith("#\\3") and selector.endswith(anchor[1:])
    else:
        assert selector == f"#{anchor}"


def test_short_chapters_share_their_pages_and_the_footer_closes_the_last() -> None:
    chapters = [
        Chapter("inleiding", "Inleiding", 1, True),
        Chapter("herkomst", "Herkomst", 2, True),
        Chapter("toolbox-fraude", "Toolbox Zorgfraude", 3, False, "fraude"),
        Chapter("bronnen", "Bronnen", 4, True),
    ]
    css = page_css('Toolbox "A" </style>', chapters)
    assert "</style" not in css and '"A"' not in css
    assert '@top-left { content: "Toolbox \\22 A\\22  \\3c /style\\3e "' in css
    assert '@page hoofdstuk-1 { @top-right { content: "Hoofdstuk 1 en 2";' in css
    assert '@top-right { content: "Hoofdstuk 3 · Toolbox Zorgfraude";' in css
    assert "#inleiding { page: hoofdstuk-1; }" in css and "#herkomst { page: hoofdstuk-1; }" in css
    assert "#toolbox-fraude { page: hoofdstuk-2; }" in css
    assert '#toolbox-fraude > h2::before { content: "3. "; }' in css
    assert "footer { page: hoofdstuk-3; }" in css
    assert 'counter(page) " van " counter(pages)' in css


def rendered_html(kb) -> str:
    return render_handbook(kb, formats=["html"])["handboek.html"]


def test_the_contents_lists_every_chapter_in_page_order() -> None:
    html = rendered_html(load_kb(FIXTURE_KB))
    toc = html[html.index('<nav class="toc"') : html.index("</nav>")]
    listed = re.findall(r'^<li><a href="#([^"]+)">', toc, re.M)
    chapters = re.findall(r'<section class="chapter[^"]*" id="([^"]+)"', html)
    assert listed == chapters
    for n, anchor in enumerate(chapters, 1):
        assert f'#{anchor} > h2::before {{ content: "{n}. "; }}' in html


def test_a_hostile_title_stays_a_string_in_the_page_css() -> None:
    kb = load_kb(FIXTURE_KB)
    title = '"; } body { display: none } </style><script>alert(1)</script>'
    html = rendered_html(rebuild_kb(kb, toolbox=kb.toolbox.model_copy(update={"title": title})))
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    (header,) = re.findall(r"@top-left \{ content: (\"[^\"]*\")", style)
    assert css_unescape(header) == title
    assert "<script>alert" not in html


def test_each_agency_with_a_ladder_gets_a_card_with_its_marks() -> None:
    kb = load_kb(FIXTURE_KB)
    html = rendered_html(kb)
    main = kb.toolbox.document
    with_ladders = [
        a.id for a in kb.agencies if any(kb.ladder(a.id, d, main) for d in ("fraude", "overlast"))
    ]
    assert re.findall(r'<section class="ladder-card" id="ladderkaart-([^"]+)"', html) == (
        with_ladders
    )
    card = html[html.index('id="ladderkaart-dji"') :]
    card = card[: card.index("</section>")]
    rows = re.findall(r"<tr><td>(\d+)</td><th scope=\"row\"><a href=\"#([^\"]+)\">", card)
    fraude = [(str(kb.rung(m, "fraude")), m.id) for m in kb.ladder("dji", "fraude", main)]
    assert rows[: len(fraude)] == fraude
    assert "correctie*" in card  # the instrument class is a reading: it keeps its mark
    assert "Tekens: * afgeleid uit de tekst" in unescape(card)


def test_the_statement_shows_the_regions_contact_or_says_it_is_missing() -> None:
    kb = load_kb(FIXTURE_KB)
    html = rendered_html(kb)
    statement = html[html.index('id="toegankelijkheid"') :]
    assert f"Meld het bij: {EMPTY}+." in statement  # the region's own data, marked
    contact = "toegankelijkheid@example.org <b>"
    kb = rebuild_kb(kb, toolbox=kb.toolbox.model_copy(update={"accessibility_contact": contact}))
    statement = rendered_html(kb)
    assert "Meld het bij: toegankelijkheid@example.org &lt;b&gt;+." in statement
