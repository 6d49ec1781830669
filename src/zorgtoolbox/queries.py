"""Questions asked of a knowledge base: which measures, which one, who, what does it mean.

Every function takes a `KnowledgeBase` and plain values and returns records or small
result objects; nothing here prints. Names typed by a user are matched forgivingly (case,
accents, prefixes, small typos); a value that matches nothing raises `UsageError` with the
valid choices or "did you mean" suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .errors import UsageError
from .kb import KnowledgeBase
from .models import DOMAINS, INSTRUMENTS, TARGETS, Agency, Edge, Flow, Measure, Term
from .text import allowed_typos, did_you_mean, fold, within_distance, words

# --- choosing values ----------------------------------------------------------------


def _suggest(name: str, choices: Iterable[str]) -> str:
    return did_you_mean(name, choices, n=3)


def choose(value: str, choices: Sequence[str], what: str) -> str:
    """The choice `value` names: exact, accent/case-insensitive, or a unique prefix."""
    folded = fold(value)
    exact = [c for c in choices if fold(c) == folded]
    if exact:
        return exact[0]
    prefixed = [c for c in choices if fold(c).startswith(folded)] if folded else []
    if len(prefixed) == 1:
        return prefixed[0]
    raise UsageError(
        f"unknown {what} '{value}'; choose from: {', '.join(choices)}" + _suggest(value, choices)
    )


def resolve_agency(kb: KnowledgeBase, name: str) -> Agency:
    """The agency `name` refers to: its id, name or full name, case- and accent-insensitive."""
    folded = fold(name)
    for agency in kb.agencies:
        if folded and folded in (fold(agency.id), fold(agency.name), fold(agency.full_name)):
            return agency
    prefixed = [
        a for a in kb.agencies if fold(a.id).startswith(folded) or fold(a.name).startswith(folded)
    ]
    if len(prefixed) == 1 and folded:
        return prefixed[0]
    listing = ", ".join(a.id for a in kb.agencies)
    raise UsageError(
        f"unknown agency '{name}'; choose from: {listing}"
        + _suggest(name, [a.id for a in kb.agencies] + [a.name for a in kb.agencies])
    )


def resolve_measure(kb: KnowledgeBase, name: str) -> Measure:
    """The measure `name` refers to: its id, a unique id prefix, or a title fragment.

    Ambiguous names and unknown names raise `UsageError` (listing the candidates, or
    suggesting close ids).
    """
    by_id = kb.measures_by_id
    if name in by_id:
        return by_id[name]
    folded = fold(name)
    if not folded:
        raise UsageError("name a measure: its id, the start of its id, or part of its title")
    for m in kb.measures:
        if fold(m.title) == folded or m.id == folded:
            return m
    candidates = [m for m in kb.measures if m.id.startswith(folded)]
    if not candidates:  # then any part of the id or of the title
        spaced = folded.replace("-", " ")
        candidates = [
            m for m in kb.measures if folded in m.id or spaced in fold(m.title.replace("-", " "))
        ]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        shown = "; ".join(f"{m.id} ({m.title})" for m in candidates[:10])
        more = f"; and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        raise UsageError(
            f"'{name}' matches {len(candidates)} measures: {shown}{more}; give more of the id"
        )
    import difflib

    close = difflib.get_close_matches(folded, list(by_id), n=3, cutoff=0.6)
    if not close:
        close = [hit.id for hit in search(kb, name, kinds=("measure",))[:3]]
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UsageError(f"no measure '{name}'{hint} (see 'zorgtoolbox measures')")


# --- measures -----------------------------------------------------------------------


class MeasureFilter(NamedTuple):
    """A validated filter for `select_measures`; empty fields do not filter."""

    agency: str | None = None
    domain: str | None = None
    instrument: str | None = None
    target: str | None = None
    document: str | None = None

    def describe(self) -> str:
        parts = [
            f"--{label} {value}"
            for label, value in (
                ("org", self.agency),
                ("domain", self.domain),
                ("instrument", self.instrument),
                ("target", self.target),
                ("source", self.document),
            )
            if value
        ]
        return " ".join(parts) or "no filter"


def make_filter(
    kb: KnowledgeBase,
    *,
    org: str | None = None,
    domain: str | None = None,
    instrument: str | None = None,
    target: str | None = None,
    source: str | None = None,
) -> MeasureFilter:
    """Check the user's filter values against the knowledge base and normalise them."""
    return MeasureFilter(
        agency=resolve_agency(kb, org).id if org is not None else None,
        domain=choose(domain, DOMAINS, "domain") if domain is not None else None,
        instrument=choose(instrument, INSTRUMENTS, "instrument class")
        if instrument is not None
        else None,
        target=choose(target, TARGETS, "target") if target is not None else None,
        document=choose(source, [d.id for d in kb.documents], "source document")
        if source is not None
        else None,
    )


class Placement(NamedTuple):
    """A measure on a ladder: its document, agency, domain and position (None when the
    document sets no order: its class places it)."""

    measure: Measure
    domain: str
    position: int | None


def select_measures(kb: KnowledgeBase, f: MeasureFilter) -> list[Measure]:
    """The measures that pass the filter, in ladder order, each once."""
    seen: set[str] = set()
    out = []
    for p in ladder_placements(kb, f):
        if p.measure.id not in seen:
            seen.add(p.measure.id)
            out.append(p.measure)
    return out


def ladder_placements(kb: KnowledgeBase, f: MeasureFilter) -> list[Placement]:
    """Every (measure, domain) rung that passes the filter, document by document (each
    document's ladders apart, never merged), then agency, domain and rung."""
    out: list[Placement] = []
    for document in kb.documents:
        if f.document and document.id != f.document:
            continue
        out.extend(_placements_of(kb, f, document.id))
    return out


def _placements_of(kb: KnowledgeBase, f: MeasureFilter, document: str) -> list[Placement]:
    out: list[Placement] = []
    for agency in kb.agencies:
        if f.agency and agency.id != f.agency:
            continue
        for domain in DOMAINS:
            if f.domain and domain != f.domain:
                continue
            for m in kb.ladder(agency.id, domain, document):
                if f.instrument and m.instrument != f.instrument:
                    continue
                if f.target and m.target != f.target:
                    continue
                out.append(Placement(m, domain, m.domains[domain].position))  # type: ignore[index]
    return out


class FlowLink(NamedTuple):
    """An edge of a flow seen from one measure: the other end, its kind and why."""

    flow: Flow
    edge: Edge
    other: str  # id of the measure or step at the other end
    other_title: str
    other_agency: str | None


class MeasureDetails(NamedTuple):
    """Everything `show` tells about a measure."""

    measure: Measure
    agency: Agency
    outgoing: list[FlowLink]
    incoming: list[FlowLink]
    related: list[Measure]


def node_title(kb: KnowledgeBase, flow: Flow, node: str) -> tuple[str, str | None]:
    """Title and agency of a flow node: a measure, or one of the flow's own steps."""
    m = kb.measures_by_id.get(node)
    if m is not None:
        return m.title, m.agency
    step = next((s for s in flow.steps if s.id == node), None)
    return (step.title, step.agency) if step else (node, None)


def measure_details(kb: KnowledgeBase, measure: Measure) -> MeasureDetails:
    """The measure with its agency, its flow edges both ways and its related measures."""
    outgoing, incoming = [], []
    for flow in kb.flows:
        for edge in flow.edges:
            for here, there, bucket in (
                (edge.from_, edge.to, outgoing),
                (edge.to, edge.from_, incoming),
            ):
                if here == measure.id:
                    title, agency = node_title(kb, flow, there)
                    bucket.append(FlowLink(flow, edge, there, title, agency))
    related_ids = list(measure.related) + [
        m.id for m in kb.measures if measure.id in m.related and m.id not in measure.related
    ]
    related = [kb.measures_by_id[i] for i in related_ids if i in kb.measures_by_id]
    return MeasureDetails(measure, kb.agencies_by_id[measure.agency], outgoing, incoming, related)


# --- glossary -----------------------------------------------------------------------


def lookup_terms(kb: KnowledgeBase, query: str | None) -> list[Term]:
    """Glossary terms: all, the one whose term or abbreviation is `query`, or the matches."""
    if not query:
        return list(kb.glossary)
    folded = fold(query)
    exact = [t for t in kb.glossary if folded in (fold(t.term), fold(t.abbreviation))]
    if exact:
        return exact
    return [hit.record for hit in search(kb, query, kinds=("term",))]  # type: ignore[misc]


# --- search -------------------------------------------------------------------------

#: Weight of a match in each field: title hits rank above description hits.
FIELD_WEIGHTS = {
    "title": 10.0,
    "term": 10.0,
    "abbreviation": 10.0,
    "id": 6.0,
    "name": 8.0,
    "full_name": 6.0,
    "agency": 4.0,
    "definition": 3.0,
    "description": 3.0,
    "notes": 1.0,
}


class Match(NamedTuple):
    """Why a record matched: the field, the words found and a snippet around them."""

    field: str
    words: tuple[str, ...]
    snippet: str
    exact: bool


class Hit(NamedTuple):
    """A search result."""

    kind: str  # measure, agency or term
    id: str
    title: str
    score: float
    matches: tuple[Match, ...]
    record: Measure | Agency | Term


_Searchable = tuple[str, str, str, object, list[tuple[str, str]]]


def _fields(kb: KnowledgeBase, kinds: Sequence[str]) -> Iterable[_Searchable]:
    """(kind, id, title, record, [(field, text), ...]) for every searchable record."""
    if "measure" in kinds:
        for m in kb.measures:
            agency = kb.agencies_by_id[m.agency]
            yield (
                "measure",
                m.id,
                m.title,
                m,
                [
                    ("title", m.title),
                    ("id", m.id.replace("-", " ")),
                    ("agency", f"{agency.name} {agency.full_name}"),
                    ("description", m.description),
                    ("notes", m.notes),
                ],
            )
    if "agency" in kinds:
        for a in kb.agencies:
            yield (
                "agency",
                a.id,
                a.name,
                a,
                [
                    ("name", a.name),
                    ("full_name", a.full_name),
                    ("description", a.description),
                ],
            )
    if "term" in kinds:
        for t in kb.glossary:
            yield (
                "term",
                t.term,
                t.term,
                t,
                [
                    ("term", t.term),
                    ("abbreviation", t.abbreviation),
                    ("definition", t.definition),
                ],
            )


def _word_match(query_word: str, field_words: list[str]) -> tuple[str, bool] | None:
    """The field word that matches `query_word` (exactly, as a prefix, or within typos)."""
    for w in field_words:
        if w == query_word:
            return w, True
    if len(query_word) >= 3:
        for w in field_words:
            if w.startswith(query_word):
                return w, True
    limit = allowed_typos(query_word)
    if limit:
        for w in field_words:
            if within_distance(query_word, w, limit):
                return w, False
    return None


_CORE = re.compile(r"^(\W*)(.*?)(\W*)$")


def _snippet(text: str, found: Sequence[str], width: int = 70) -> str:
    """A piece of `text` around the first found word, the found words marked with «»."""
    tokens = text.split()
    marked = [any(f in fold(t) for f in found) for t in tokens]
    index = marked.index(True) if True in marked else 0
    start = max(0, index - 4)
    piece: list[str] = []
    for token, hit in zip(tokens[start:], marked[start:], strict=True):
        if hit:
            lead, core, trail = _CORE.match(token).groups()  # type: ignore[union-attr]
            token = f"{lead}«{core}»{trail}"
        piece.append(token)
        if len(" ".join(piece)) >= width:
            break
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + len(piece) < len(tokens) else ""
    return prefix + " ".join(piece) + suffix


def search(
    kb: KnowledgeBase, text: str, kinds: Sequence[str] = ("measure", "agency", "term")
) -> list[Hit]:
    """Measures, agencies and terms matching `text`, best first.

    Case- and accent-insensitive ("client" finds "cliënt"), tolerant of small typos
    (one edit in words of 4-7 letters, two from 8), prefixes match. Every word of the
    query must match somewhere in the record; matches in titles weigh most.
    """
    query = words(text)
    if not query:
        raise UsageError("give words to search for")
    phrase = " ".join(query)
    hits: list[Hit] = []
    for kind, rid, title, record, fields in _fields(kb, kinds):
        matches: list[Match] = []
        covered: set[str] = set()
        score = 0.0
        for name, value in fields:
            if not value:
                continue
            field_words = words(value)
            found: list[str] = []
            all_exact = True
            for q in query:
                got = _word_match(q, field_words)
                if got is not None:
                    found.append(got[0])
                    covered.add(q)
                    all_exact = all_exact and got[1]
            if not found:
                continue
            weight = FIELD_WEIGHTS.get(name, 1.0)
            share = len(found) / len(query)
            bonus = 2.0 if phrase in fold(value) else 1.0
            score += weight * share * bonus * (1.0 if all_exact else 0.6)
            matches.append(Match(name, tuple(found), _snippet(value, found), all_exact))
        if matches and covered == set(query):
            matches.sort(key=lambda m: -FIELD_WEIGHTS.get(m.field, 1.0))
            hits.append(Hit(kind, rid, title, round(score, 3), tuple(matches), record))  # type: ignore[arg-type]
    order = {("measure", m.id): i for i, m in enumerate(kb.measures)}
    hits.sort(key=lambda h: (-h.score, order.get((h.kind, h.id), 0), h.kind, h.id))
    return hits
