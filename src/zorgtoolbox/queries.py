"""Questions asked of a knowledge base: which measures, which one, who, what does it mean.

Every function takes a `KnowledgeBase` and values already checked (ids, domains, classes:
see `names` for matching what a person typed) and returns records or small result
objects; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from .errors import EmptyQuery
from .kb import KnowledgeBase
from .models import DOMAINS, Agency, Edge, Flow, Measure, Term
from .search import FIELD_WEIGHTS, KINDS, TYPO, Entry, Hit, Match, SearchIndex, snippet
from .text import fold, words

# --- measures -----------------------------------------------------------------------


class MeasureFilter(NamedTuple):
    """A validated filter for `select_measures`; empty fields do not filter."""

    agency: str | None = None
    domain: str | None = None
    instrument: str | None = None
    target: str | None = None
    document: str | None = None


class Placement(NamedTuple):
    """A measure on a ladder: its document, agency, domain and rung (1, 2, 3 …; None when
    the document sets no order: its class places it)."""

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
                out.append(Placement(m, domain, kb.rung(m, domain)))
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
    arriving = kb.edges_at.get(measure.id, ([], []))[1]
    incoming = [FlowLink(f, e, e.from_, *node_title(kb, f, e.from_)) for f, e in arriving]
    return MeasureDetails(
        measure,
        kb.agencies_by_id[measure.agency],
        outgoing_links(kb, measure),
        incoming,
        related_measures(kb, measure),
    )


def outgoing_links(kb: KnowledgeBase, measure: Measure) -> list[FlowLink]:
    """The measure's flow edges to other measures and steps (`MeasureDetails.outgoing`)."""
    leaving = kb.edges_at.get(measure.id, ([], []))[0]
    return [FlowLink(f, e, e.to, *node_title(kb, f, e.to)) for f, e in leaving]


def related_measures(kb: KnowledgeBase, measure: Measure) -> list[Measure]:
    """The same kind of step in another document, both ways (`MeasureDetails.related`)."""
    related_ids = list(measure.related) + [
        i for i in kb.related_from.get(measure.id, []) if i not in measure.related
    ]
    return [kb.measures_by_id[i] for i in related_ids if i in kb.measures_by_id]


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


def measures_about(kb: KnowledgeBase, terms: Sequence[Term]) -> dict[str, list[Measure]]:
    """For each term, the measures whose title, description or notes use it (the term's
    words in a row, or its abbreviation as a word), in ladder order."""
    texts = [
        (m, " " + " ".join(words(f"{m.title} {m.description} {m.notes}")) + " ")
        for m in kb.measures
    ]
    out: dict[str, list[Measure]] = {}
    for t in terms:
        needles = [" " + " ".join(words(x)) + " " for x in (t.term, t.abbreviation) if words(x)]
        out[t.term] = [m for m, text in texts if any(n in text for n in needles)]
    return out


# --- search -------------------------------------------------------------------------


class Passage(NamedTuple):
    """A passage of a framework document that is no measure: a goal, a step, a risk, a
    principle, a rule, a decision point."""

    key: str  # "<list>:<item id>"
    heading: str  # the list it is in: "goals", "risks", …
    title: str
    text: str
    document: str
    section: str


#: The lists of the Handhavingskader that hold passages, in the order of its text.
PASSAGE_LISTS = ("decisions", "steps", "goals", "risks", "principles", "rules")


def passages(kb: KnowledgeBase) -> list[Passage]:
    """Every passage of the framework document (the Handhavingskader), in text order."""
    hk = kb.handhavingskader
    if hk is None:
        return []
    out = []
    for name in PASSAGE_LISTS:
        for item in getattr(hk, name):
            section = item.section or hk.section
            title = item.title or item.id.replace("-", " ").capitalize()
            document = item.document or hk.document
            out.append(Passage(f"{name}:{item.id}", name, title, item.text, document, section))
    return out


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
    elif kind == "passage":
        fields = {"title": record.title, "text": record.text}
        key, title = record.key, record.title
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
    group = record.agency if kind == "measure" else ""
    return Entry(kind, key, title, tuple(kept), group), list(kept.values())


def _records(kb: KnowledgeBase) -> Iterable[tuple[str, Any]]:
    yield from (("measure", m) for m in kb.measures)
    yield from (("agency", a) for a in kb.agencies)
    yield from (("term", t) for t in kb.glossary)
    yield from (("passage", p) for p in passages(kb))


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
    if entry.kind == "measure":  # only the hit's agency is decoded, not all of them
        return kb.measure_of(entry.group, entry.id)
    if entry.kind == "agency":
        return kb.agencies_by_id[entry.id]
    if entry.kind == "passage":
        return next(p for p in passages(kb) if p.key == entry.id)
    return next(t for t in kb.glossary if t.term == entry.id)


class Hits(list):  # type: ignore[type-arg]
    """The best hits of a search, and `total`: how many records matched in all."""

    total: int = 0


def search(
    kb: KnowledgeBase, text: str, kinds: Sequence[str] = KINDS, limit: int | None = None
) -> Hits:
    """Measures, agencies, terms and passages matching any word of `text`, best first
    (see `search.py` for the rules), at most `limit` of them (with snippets; `total` says
    how many matched); raises `EmptyQuery` when `text` has no words."""
    if not words(text):
        raise EmptyQuery()
    ranked = search_index(kb).search(text, kinds)
    hits = Hits()
    hits.total = len(ranked)
    for entry, score, matched, fields in ranked[:limit]:
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
        hit = Hit(entry.kind, entry.id, entry.title, score, matched, tuple(matches), entry.group)
        hits.append(hit)
    return hits


# --- completeness -------------------------------------------------------------------

#: The fields of a measure's contact block, in the order the handbook shows them.
CONTACT_FIELDS = ("verantwoordelijk", "contactpersoon", "contactgegevens")
#: What the public edition shows of them: no names or contact details of people.
PUBLIC_CONTACT = ("verantwoordelijk",)


class ContactGaps(NamedTuple):
    """How complete the contact blocks of one agency's measures in one document are."""

    document: str
    agency: Agency
    measures: int
    #: The measures with at least one empty contact field, with those fields.
    missing: list[tuple[Measure, tuple[str, ...]]]

    @property
    def empty_count(self) -> int:
        """How many contact fields are empty, over all measures."""
        return sum(len(fields) for _, fields in self.missing)

    @property
    def missing_count(self) -> int:
        """How many measures have an empty contact field."""
        return len(self.missing)

    def empty(self, field: str) -> int:
        return sum(field in fields for _, fields in self.missing)


def contact_gaps(
    kb: KnowledgeBase,
    fields: tuple[str, ...] = CONTACT_FIELDS,
    keep: Callable[[Measure], bool] | None = None,
) -> list[ContactGaps]:
    """Per document and agency (never merged), the measures whose contact block still
    has empty `fields`: what a coordinator has left to fill in (of the measures `keep`
    holds, when given)."""
    gaps = []
    for document in kb.documents:
        for agency in kb.agencies:
            own = [
                m
                for m in kb.measures_of(agency.id)
                if m.document == document.id and (keep is None or keep(m))
            ]
            if not own:
                continue
            missing = []
            for m in own:
                empty = m.contact.missing(fields)
                if empty:
                    missing.append((m, empty))
            gaps.append(ContactGaps(document.id, agency, len(own), missing))
    return gaps
