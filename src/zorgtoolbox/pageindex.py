"""The handbook page's search index: the measures' folded words, as the CLI's `search`
indexes them, in a compact form the page's script reads.

The index is the CLI's own (`queries.search_index`: the same folding, words and fields,
and the one the query cache keeps, so a build does not index the measures twice), cut to
the measures, and carries the rules the page
needs to rank alike (field weights, match qualities, stop words, how many typos a word of
each length may have), so `templates/handboek.js` holds no copy of them. It holds words,
not text: snippets are cut from the cards on the page.

The shape (all lists in the index's own order):

* `fields`, `weights`: the measures' field names and their weights;
* `ids`: the measures, in the knowledge base's order (ties rank in this order);
* `words`: the vocabulary, sorted as Python sorts it;
* `postings`: per word, where it occurs, as base-36 numbers separated by spaces, each
  (entry − previous entry) × len(fields) + field: the postings of `SearchIndex`, in
  their order;
* `quality`, `prefix`, `typos`, `stop`: the match rules of `search.py` and `text.py`.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from .kb import KnowledgeBase
from .queries import search_index
from .search import EXACT, FIELD_WEIGHTS, MIN_PREFIX, PREFIX, STOP_WORDS, TYPO
from .text import allowed_typos

#: Longest word length for which the page is told the number of typos allowed; longer
#: words allow as many as a word of this length.
_TYPO_LENGTHS = 64


def page_index(kb: KnowledgeBase, shown: Collection[str] | None = None) -> dict[str, Any]:
    """The page's search index of the knowledge base's measures, or of those in `shown`
    (the cards of an edition; see the module docstring)."""
    index = search_index(kb)
    # the measures' entries, numbered as on the page (the index also holds agencies,
    # terms and passages, which the page does not search)
    kept = (
        i
        for i, e in enumerate(index.entries)
        if e.kind == "measure" and (shown is None or e.id in shown)
    )
    number = {i: n for n, i in enumerate(kept)}
    entries = [index.entries[i] for i in number]
    fields = list(dict.fromkeys(f for e in entries for f in e.fields))
    code = {f: i for i, f in enumerate(fields)}
    vocabulary, postings = [], []
    for word in index.vocabulary:
        previous = 0
        numbers = []
        for entry, field in index.postings[word]:
            if entry not in number:
                continue
            name = index.entries[entry].fields[field]
            numbers.append(_base36((number[entry] - previous) * len(fields) + code[name]))
            previous = number[entry]
        if numbers:
            vocabulary.append(word)
            postings.append(" ".join(numbers))
    typos = [allowed_typos("a" * n) for n in range(_TYPO_LENGTHS + 1)]
    while len(typos) > 1 and typos[-1] == typos[-2]:
        typos.pop()
    return {
        "fields": fields,
        "weights": [FIELD_WEIGHTS.get(f, 1.0) for f in fields],
        "ids": [e.id for e in entries],
        "words": vocabulary,
        "postings": postings,
        "quality": {"exact": EXACT, "prefix": PREFIX, "typo": TYPO},
        "prefix": MIN_PREFIX,
        "typos": typos,
        "stop": sorted(STOP_WORDS),
    }


def script_json(data: Any) -> str:
    """`data` as JSON that is inert inside an HTML `<script type="application/json">`:
    no `<`, `>` or `&` appears in it (they are written as `\\u003c` and so on, which JSON
    reads back as the same characters), so neither `</script>` nor `<!--` can occur."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out
