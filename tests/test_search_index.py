"""The handbook page's search index (pageindex.py): the CLI's index in a compact form, and
JSON that no data can break out of its `<script>` block."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from conftest import FIXTURE_KB, load_kb, poison_kb, rebuild_kb
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.pageindex import page_index, script_json
from zorgtoolbox.queries import searchable
from zorgtoolbox.render import render_handbook
from zorgtoolbox.search import FIELD_WEIGHTS, MIN_PREFIX, STOP_WORDS, SearchIndex
from zorgtoolbox.text import allowed_typos

HOSTILE = "</script><script>alert(1)</script><!-- <script> --> & </SCRIPT \u2028 \x00"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(FIXTURE_KB)


def decode(index: dict) -> dict[str, list[tuple[int, str]]]:
    """word → [(entry, field name), …], read back as the page's script reads it."""
    n = len(index["fields"])
    out = {}
    for word, line in zip(index["words"], index["postings"], strict=True):
        entry, postings = 0, []
        for number in line.split(" "):
            value = int(number, 36)
            entry += value // n
            postings.append((entry, index["fields"][value % n]))
        out[word] = postings
    return out


def test_the_page_index_is_the_cli_index_of_the_measures(kb: KnowledgeBase) -> None:
    cli = SearchIndex.build(searchable(kb, "measure", m) for m in kb.measures)
    index = page_index(kb)
    assert index["ids"] == [m.id for m in kb.measures]
    assert index["words"] == cli.vocabulary == sorted(index["words"])
    expected = {
        w: [(e, cli.entries[e].fields[f]) for e, f in cli.postings[w]] for w in cli.vocabulary
    }
    assert decode(index) == expected
    assert index["weights"] == [FIELD_WEIGHTS[f] for f in index["fields"]]
    assert index["fields"][:4] == ["title", "id", "agency", "description"]


def test_the_page_is_told_the_cli_rules(kb: KnowledgeBase) -> None:
    index = page_index(kb)
    typos = index["typos"]
    for length in range(0, 100):
        assert typos[min(length, len(typos) - 1)] == allowed_typos("a" * length), length
    assert index["prefix"] == MIN_PREFIX
    assert set(index["stop"]) == STOP_WORDS
    assert index["quality"] == {"exact": 1.0, "prefix": 0.8, "typo": 0.6}


def test_the_index_holds_words_not_text(kb: KnowledgeBase) -> None:
    """Compact: no card's text is repeated, only its folded words, each once."""
    index = page_index(kb)
    assert all(re.fullmatch(r"[0-9a-z]+", w) for w in index["words"])
    assert len(set(index["words"])) == len(index["words"])
    text = script_json(index)
    for m in kb.measures:
        assert m.description not in text and m.title not in text


@settings(max_examples=200)
@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_script_json_reads_back_and_cannot_end_the_script(data: object) -> None:
    text = script_json(data)
    assert json.loads(text) == data
    assert not set(text) & {"<", ">", "&"}


class _Scripts(HTMLParser):
    """Every <script> of a page: its attributes and its text, as a browser splits them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def _scripts(html: str) -> list[tuple[dict[str, str | None], str]]:
    parser = _Scripts()
    parser.feed(html)
    return parser.scripts


def test_hostile_text_stays_inside_the_index_block(kb: KnowledgeBase) -> None:
    hostile = poison_kb(kb, lambda t: f"{HOSTILE} {t} {HOSTILE}" if t else t)
    html = render_handbook(hostile, formats=["html"])["handboek.html"]
    scripts = _scripts(html)
    assert [a.get("type") for a, _ in scripts] == ["application/json", None]
    (data,) = [text for a, text in scripts if a.get("id") == "zoekindex"]
    assert json.loads(data) == page_index(hostile)
    assert {"script", "alert"} <= set(json.loads(data)["words"])  # found as words, inert


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1))
def test_any_title_gives_an_index_that_parses(kb: KnowledgeBase, title: str) -> None:
    measures = tuple(m.model_copy(update={"title": title}) for m in kb.measures)
    index = page_index(rebuild_kb(kb, measures=measures))
    block = f'<script type="application/json" id="zoekindex">{script_json(index)}</script>'
    ((_, text),) = _scripts(block)
    assert json.loads(text) == index
