"""Questions asked of a knowledge base: which measures, which one, who, what does it mean.

Every function takes a `KnowledgeBase` and plain values and returns records or small
result objects; nothing here prints. Names typed by a user are matched forgivingly (case,
accents, prefixes, small typos); a value that matches nothing raises `UsageError` with the
valid choices or "did you mean" suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .errors import EmptyQuery, UsageError
from .kb import KnowledgeBase
from .models import DOMAINS, INSTRUMENTS, TARGETS, Agency, Edge, Flow, Measure, Term
from .search import FIELD_WEIGHTS, KINDS, TYPO, Entry, Hit, Match, SearchIndex, snippet
from .text import did_you_mean, fold, words

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
    by_term = {t.term: t for t in kb.glossary}
    return [by_term[hit.id] for hit in search(kb, query, kinds=("term",))]


# --- search -------------------------------------------------------------------------


def searchable(kb: KnowledgeBase, kind: str, record: Any) -> tuple[Entry, list[str]]:
    """What a record is found by: its index entry and the text of each of its fields."""
    if kind == "measure":
        agency = kb.agencies_by_id[record.agency]
        fields = {
            "title": record.title,
            "id": record.id.replace("-", " "),
            "agency": f"{agency.name} {agency.full_name}".strip(),
            "description": record.description,
            "notes": record.notes,
        }
        key, title = record.id, record.title
    elif kind == "agency":
        fields = {
            "name": record.name,
            "full_name": record.full_name,
            "description": record.description,
        }
        key, title = record.id, record.name
    else:
        fields = {
            "term": record.term,
            "abbreviation": record.abbreviation,
            "definition": record.definition,
        }
        key, title = record.term, record.term
    kept = {name: text for name, text in fields.items() if text}
    return Entry(kind, key, title, tuple(kept)), list(kept.values())


def _records(kb: KnowledgeBase) -> Iterable[tuple[str, Any]]:
    yield from (("measure", m) for m in kb.measures)
    yield from (("agency", a) for a in kb.agencies)
    yield from (("term", t) for t in kb.glossary)


def search_index(kb: KnowledgeBase) -> SearchIndex:
    """The knowledge base's search index: the cached one, or built now (once)."""
    index = getattr(kb, "search_index", None)
    if index is not None and not isinstance(index, SearchIndex):
        index = SearchIndex.from_data(index.load())  # kept by the query cache
        kb.search_index = index
    if index is None:
        index = SearchIndex.build(searchable(kb, kind, r) for kind, r in _records(kb))
        kb.search_index = index
    return index


def _record(kb: KnowledgeBase, entry: Entry) -> Any:
    if entry.kind == "measure":
        return kb.measures_by_id[entry.id]
    if entry.kind == "agency":
        return kb.agencies_by_id[entry.id]
    return next(t for t in kb.glossary if t.term == entry.id)


def search(kb: KnowledgeBase, text: str, kinds: Sequence[str] = KINDS) -> list[Hit]:
    """Measures, agencies and terms matching any word of `text`, best first (see
    `search.py` for the rules); raises `EmptyQuery` when `text` has no words."""
    if not words(text):
        raise EmptyQuery()
    hits = []
    for entry, score, matched, fields in search_index(kb).search(text, kinds):
        _, texts = searchable(kb, entry.kind, _record(kb, entry))
        matches = []
        for field_index, found in sorted(
            fields.items(), key=lambda f: -FIELD_WEIGHTS.get(entry.fields[f[0]], 1.0)
        ):
            found_words = tuple(w for w, _ in found)
            exact = all(q > TYPO for _, q in found)
            matches.append(
                Match(
                    entry.fields[field_index],
                    found_words,
                    snippet(texts[field_index], found_words),
                    exact,
                )
            )
        hits.append(Hit(entry.kind, entry.id, entry.title, score, matched, tuple(matches)))
    return hits
