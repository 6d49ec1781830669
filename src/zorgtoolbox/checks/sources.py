"""Checks of provenance: documents, what each statement rests on, and every quote.

These guard the knowledge base's first promise: a reader can tell the documents' own
words from an editorial reading, a regional choice and a local addition, and every
quoted word is in its document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from ..findings import Finding, error
from ..loader import Loaded, LoadedData
from ..models import Edge, FieldBasis, Quote, Reason, Sourced
from ..provenance import children, edge_problems, find, quotes, statements
from ..sourcetext import SourceText, tail
from ._common import all_records, document_ids, id_matches_file_name, suggest, unique

_WHAT_TO_DO = {
    "source": "give the document's words that state it",
    "derived": "give the passage it reads",
}


def check_documents(data: LoadedData) -> Iterable[Finding]:
    """Document ids are unique and each is `documents/<id>.yaml`."""
    yield from unique(
        ((d.model.id, d.locate("id"), d.model.id) for d in data.documents),
        "duplicate-id",
        "document id",
        "give each document its own id",
    )
    for d in data.documents:
        yield from id_matches_file_name(d, " (and its text)")


def _documents_named(record: BaseModel, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, str]]:
    """(path of the `document` field, document id) for every document a record names."""
    own = getattr(record, "document", None)
    if isinstance(own, str):
        yield (*path, "document"), own
    if isinstance(record, Sourced):
        for field, entry in record.provenance.items():
            if isinstance(entry, FieldBasis) and entry.document:
                yield (*path, "provenance", field, "document"), entry.document
    for child, child_path in children(record, path):
        yield from _documents_named(child, child_path)


def check_document_references(data: LoadedData) -> Iterable[Finding]:
    """Every `document` a record, provenance entry, quote or reason names exists."""
    known = document_ids(data)
    for loaded in all_records(data):
        for path, document in _documents_named(loaded.model):
            if document not in known:
                listing = ", ".join(known) or "none (add data/documents/<id>.yaml)"
                yield error(
                    "unknown-source",
                    loaded.locate(*path, key=False),
                    f"unknown document '{document}'; known: {listing}" + suggest(document, known),
                )


def check_statement_bases(data: LoadedData) -> Iterable[Finding]:
    """Every stated field has what its basis needs: a source value its quote, a derived
    one its reason and the passage it reads, a setting its reason; `provenance` names
    only fields the record states; source and derived statements name a document."""
    for loaded in all_records(data):
        yield from _unknown_provenance_fields(loaded, loaded.model)
        for s in statements(loaded.model):
            b = s.basis
            where = loaded.locate(*s.path[:-1], "provenance", s.field) if s.explicit else None
            if b.basis in ("source", "derived") and not b.document:
                yield error(
                    "missing-field",
                    where or loaded.locate(*s.path),
                    f"{_dotted(s.path)} has basis {b.basis} but no document says which text; "
                    "add `document:` to the record",
                )
            if (b.basis == "derived" and not b.quote) or (
                b.basis == "source" and s.claim and not b.quote
            ):
                yield error(
                    "missing-quote",
                    where or loaded.locate(*s.path),
                    f"{_dotted(s.path)} is stated as {b.basis} but names no quote; "
                    f"{_WHAT_TO_DO[b.basis]} as provenance.{s.field}.quote"
                    + ("" if b.basis == "derived" else ", or mark it derived with a reason"),
                )
            if b.basis in ("derived", "setting") and not b.reason:
                yield error(
                    "missing-reason",
                    where or loaded.locate(*s.path),
                    f"{_dotted(s.path)} is stated as {b.basis} but gives no reason; add "
                    f"provenance.{s.field}.reason (one line: why)",
                )
        yield from _edge_bases(loaded)


def _unknown_provenance_fields(loaded: Loaded[Any], record: BaseModel) -> Iterator[Finding]:
    for child_path, child in find(record, Sourced):
        allowed = [*child.QUOTED, *child.CLAIMS, *child.DEFAULTS]
        for field in child.provenance:
            if field not in allowed:
                yield error(
                    "unknown-field",
                    loaded.locate(*child_path, "provenance", field),
                    f"provenance names '{field}', which this record does not state; "
                    f"fields with a basis here: {', '.join(dict.fromkeys(allowed))}"
                    + suggest(field, allowed),
                )


def _edge_bases(loaded: Loaded[Any]) -> Iterator[Finding]:
    edges = getattr(loaded.model, "edges", ())
    for i, edge in enumerate(edges):
        assert isinstance(edge, Edge)
        for field, what in edge_problems(edge):
            yield error(
                "missing-quote"
                if field == "quotes"
                else "missing-reason"
                if field == "reason"
                else "missing-field",
                loaded.locate("edges", i),
                f"the arrow '{edge.from_}' -> '{edge.to}' has basis {edge.basis} but no "
                f"`{field}`; add {what}",
            )


def check_quotes(data: LoadedData) -> Iterable[Finding]:
    """Every quote (source text fields, provenance quotes, arrow passages, advice
    reasons) occurs word for word in its document, after white space and the declared
    corrections."""
    texts = _source_texts(data)
    for loaded in all_records(data):
        if loaded is data.corrections:
            continue
        for ref in quotes(loaded.model):
            if ref.document is None or ref.document not in texts:
                continue  # an unknown document or a missing text is reported elsewhere
            miss = texts[ref.document].check(ref.text)
            if miss is None:
                continue
            if miss.matched:
                detail = (
                    f"after '{tail(miss.matched)}' the document has '{miss.expected}' where "
                    f"this has '{miss.found}'"
                )
            else:
                detail = f"the words '{miss.found}' do not occur in it"
            yield error(
                "quote-mismatch",
                loaded.locate(*ref.path, key=False),
                f"not the words of '{ref.document}': {detail}; restore the document's words, "
                "declare a correction in corrections.yaml, or mark the text derived with a "
                "reason",
            )


def _source_texts(data: LoadedData) -> dict[str, SourceText]:
    fixes: dict[str, list[tuple[str, str]]] = {}
    if data.corrections is not None:
        for c in data.corrections.model.corrections:
            fixes.setdefault(c.document, []).append((c.source, c.fixed))
    return {doc: SourceText(text, fixes.get(doc, ())) for doc, text in data.texts.items()}


def check_corrections(data: LoadedData) -> Iterable[Finding]:
    """Every declared correction's words occur in its document's text, once declared."""
    corr = data.corrections
    if corr is None:
        return
    entries = corr.model.corrections
    yield from unique(
        (
            ((c.document, c.source), corr.locate("corrections", i, "source"), c.source)
            for i, c in enumerate(entries)
        ),
        "duplicate-id",
        "correction of",
        "declare each correction once",
    )
    by_document: dict[str, list[int]] = {}
    for i, c in enumerate(entries):
        by_document.setdefault(c.document, []).append(i)
    for document, indexes in by_document.items():
        text = data.texts.get(document)
        if text is None:
            continue
        checked = SourceText(text, [(entries[i].source, entries[i].fixed) for i in indexes])
        for n in checked.unmatched:
            i = indexes[n]
            yield error(
                "correction-not-found",
                corr.locate("corrections", i, "source", key=False),
                f"the words '{_short(entries[i].source)}' do not occur in the text of "
                f"'{document}'; copy them exactly from documents/{document}.txt",
            )


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


#: Models whose quotes `check_quotes` verifies, for the documentation of the checks.
QUOTE_CARRIERS = (Sourced, Quote, Reason, FieldBasis)
