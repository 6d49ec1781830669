"""Search: an index of every measure, agency, term and passage, built once per knowledge base.

Passages are the numbered lists and principles of a framework document (the
Handhavingskader's decisions, steps, goals, risks, principles and rules), so that its
own words are found too.

The rules (the handbook's page script applies the same ones, so both find and rank alike):

* text is folded: lowercase, without accents; words are runs of letters and digits;
* common Dutch words (`STOP_WORDS`: de, het, en, niet, …) are left out of a query, unless
  the query has no other words;
* a record matches when ANY word of the query matches a word of one of its fields: the
  same word (quality 1.0), a word it starts (0.8, for query words of 3 letters or more),
  or a word within a small typo distance (0.6: one edit for 4-7 letters, two from 8);
* a query word scores, in a record, its best field weight × quality; a record scores the
  sum over the query words;
* records that match more of the query's words come first, then the higher score, then
  the order of the knowledge base (ladder order).

The index holds words, not text: `SearchIndex.to_data()` gives plain lists and dicts that
the query cache keeps, so a search on a national knowledge base reads the index instead
of folding every field again. Snippets are cut from the records of the hits only.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any, NamedTuple

from .text import allowed_typos, fold, within_distance, words

#: Weight of a match in each field: title hits rank above description hits.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 10.0,
    "term": 10.0,
    "abbreviation": 10.0,
    "name": 8.0,
    "full_name": 6.0,
    "id": 6.0,
    "agency": 4.0,
    "definition": 3.0,
    "description": 3.0,
    "text": 3.0,
    "notes": 1.0,
}
EXACT, PREFIX, TYPO = 1.0, 0.8, 0.6
#: The shortest query word that also finds the words it starts.
MIN_PREFIX = 3
#: Words too common to search by.
_STOP = (
    "aan al als bij dan dat de deze die dit door een en er hem het hij hun in is je kan "
    "kunnen met na naar niet nog of om ook op over te tot uit van voor wat wel wie wordt "
    "worden zich zij zijn"
)
STOP_WORDS = frozenset(_STOP.split())
KINDS = ("measure", "agency", "term", "passage")


class Entry(NamedTuple):
    """A searchable record: its kind, id, title and the fields it is found by."""

    kind: str  # measure, agency, term, or passage (of a document's own text)
    id: str
    title: str
    fields: tuple[str, ...]  # the names of the fields that have text
    group: str = ""  # where the record is kept: a measure's agency (decoded alone)


class Match(NamedTuple):
    """Why a record matched: the field, the words found and a snippet around them."""

    field: str
    words: tuple[str, ...]
    snippet: str
    exact: bool


class Hit(NamedTuple):
    """A search result, best first."""

    kind: str
    id: str
    title: str
    score: float
    matched: int  # how many of the query's words it matched
    matches: tuple[Match, ...]
    group: str = ""  # a measure's agency


class SearchIndex:
    """Every record's folded words, and for each word where it occurs."""

    def __init__(
        self, entries: Sequence[Entry], postings: dict[str, list[list[int]] | str]
    ) -> None:
        self.entries = list(entries)
        #: word → [[entry index, field index], ...] (from the cache: decoded per word)
        self.postings = _Postings(postings)
        self.vocabulary = sorted(postings)

    @classmethod
    def build(cls, records: Iterable[tuple[Entry, Sequence[str]]]) -> SearchIndex:
        """The index of `records`: each an Entry and the text of each of its fields."""
        entries: list[Entry] = []
        postings: dict[str, list[list[int]]] = {}
        for entry_index, (entry, texts) in enumerate(records):
            entries.append(entry)
            for field_index, text in enumerate(texts):
                for word in dict.fromkeys(words(text)):
                    postings.setdefault(word, []).append([entry_index, field_index])
        return cls(entries, postings)

    # --- the cache keeps the index as plain data --------------------------------------

    def to_data(self) -> dict[str, Any]:
        """Plain data for the cache; a word's postings as one string of numbers (entry ×
        FIELDS + field), so that reading the index back builds nothing for the words no
        search asks for."""
        postings = {
            w: " ".join(str(e * _FIELDS + f) for e, f in self.postings[w]) for w in self.vocabulary
        }
        return {"entries": [list(e) for e in self.entries], "postings": postings}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SearchIndex:
        entries = [Entry(k, i, t, tuple(f), g) for k, i, t, f, g in data["entries"]]
        return cls(entries, data["postings"])

    # --- searching --------------------------------------------------------------------

    @cached_property
    def _weights(self) -> list[list[float]]:
        """For every entry, the weight of each of its fields."""
        return [[FIELD_WEIGHTS.get(f, 1.0) for f in e.fields] for e in self.entries]

    def candidates(self, query_word: str) -> list[tuple[str, float]]:
        """The words of the index that `query_word` matches, with their quality."""
        found: dict[str, float] = {}
        if query_word in self.postings:
            found[query_word] = EXACT
        if len(query_word) >= MIN_PREFIX:
            start = bisect.bisect_left(self.vocabulary, query_word)
            for word in self.vocabulary[start:]:
                if not word.startswith(query_word):
                    break
                found.setdefault(word, PREFIX)
        limit = allowed_typos(query_word)
        if limit:
            for word in self.vocabulary:
                if word not in found and within_distance(query_word, word, limit):
                    found[word] = TYPO
        return list(found.items())

    def search(
        self, text: str, kinds: Sequence[str] = KINDS
    ) -> list[tuple[Entry, float, int, dict[int, list[tuple[str, float]]]]]:
        """(entry, score, words matched, field → [(found word, quality)]) best first."""
        query = query_words(text)
        weights = self._weights
        wanted = None if set(kinds) >= set(KINDS) else set(kinds)
        # entry → query word → best (weighted score, field, found word, quality)
        best: dict[int, dict[str, tuple[float, int, str, float]]] = {}
        for q in query:
            for word, quality in self.candidates(q):
                for entry_index, field_index in self.postings[word]:
                    if wanted is not None and self.entries[entry_index].kind not in wanted:
                        continue
                    weight = weights[entry_index][field_index] * quality
                    per_word = best.get(entry_index)
                    if per_word is None:
                        best[entry_index] = {q: (weight, field_index, word, quality)}
                    elif q not in per_word or weight > per_word[q][0]:
                        per_word[q] = (weight, field_index, word, quality)
        ranked = []
        for entry_index, per_word in best.items():
            fields: dict[int, list[tuple[str, float]]] = {}
            for _, field_index, word, quality in per_word.values():
                fields.setdefault(field_index, []).append((word, quality))
            score = round(sum(v[0] for v in per_word.values()), 3)
            ranked.append((entry_index, score, len(per_word), fields))
        ranked.sort(key=lambda r: (-r[2], -r[1], r[0]))
        return [(self.entries[i], score, n, fields) for i, score, n, fields in ranked]


class _Postings(dict):  # type: ignore[type-arg]
    """word → [[entry, field], …]; a word kept as a string (from the cache) is decoded the
    first time a search needs it, and only then."""

    def __getitem__(self, word: str) -> list[list[int]]:
        value = dict.__getitem__(self, word)
        if isinstance(value, str):
            value = [list(divmod(n, _FIELDS)) for n in map(int, value.split())]
            dict.__setitem__(self, word, value)
        return value  # type: ignore[no-any-return]


#: More than the number of fields any record has (the encoding of a cached posting).
_FIELDS = 16


def query_words(text: str) -> list[str]:
    """The words of a query that are searched for (see the module docstring)."""
    folded = list(dict.fromkeys(words(text)))
    return [w for w in folded if w not in STOP_WORDS] or folded


def snippet(text: str, found: Sequence[str], width: int = 70) -> str:
    """A piece of `text` around the first found word, the found words marked with «»."""
    tokens = text.split()

    def hit(token: str) -> bool:
        folded = token.lower() if token.isascii() else fold(token)
        return any(f in folded for f in found)

    index = next((i for i, t in enumerate(tokens) if hit(t)), 0)
    start = max(0, index - 4)
    piece: list[str] = []
    for token in tokens[start:]:
        if hit(token):
            core_start = next((i for i, c in enumerate(token) if c.isalnum()), 0)
            core_end = len(token) - next(
                (i for i, c in enumerate(reversed(token)) if c.isalnum()), 0
            )
            token = f"{token[:core_start]}«{token[core_start:core_end]}»{token[core_end:]}"
        piece.append(token)
        if len(" ".join(piece)) >= width:
            break
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + len(piece) < len(tokens) else ""
    return prefix + " ".join(piece) + suffix
