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
from ..loaded import Loaded, LoadedData
from ..messages import Message, msg
from ..models import Edge, FieldBasis, Quote, Reason, Sourced
from ..provenance import QuoteRef, children, edge_problems, find, quotes, statements
from ..sourcetext import Mismatch, SourceText, tail
from ._common import all_records, document_ids, id_matches_file_name, suggest, unique


def check_documents(data: LoadedData) -> Iterable[Finding]:
    """Document ids are unique and each is `documents/<id>.yaml`."""
    yield from unique(
        ((d.model.id, d.locate("id"), d.model.id) for d in data.documents),
        "duplicate-id",
        msg("document id"),
        msg("give each document its own id"),
    )
    for d in data.documents:
        yield from id_matches_file_name(d, with_text=True)


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
            if document in known:
                continue
            where = loaded.locate(*path, key=False)
            if known:
                yield error(
                    "unknown-source",
                    where,
                    "unknown document '{document}'; known: {known}{hint}",
                    document=document,
                    known=known,
                    hint=suggest(document, known),
                )
            else:
                yield error(
                    "unknown-source",
                    where,
                    "unknown document '{document}'; known: none (add data/documents/<id>.yaml)",
                    document=document,
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
                    "{path} has basis {basis} but no document says which text; add "
                    "`document:` to the record",
                    path=_dotted(s.path),
                    basis=b.basis,
                )
            if b.basis == "derived" and not b.quote:
                yield error(
                    "missing-quote",
                    where or loaded.locate(*s.path),
                    "{path} is stated as derived but names no quote; give the passage it reads "
                    "as provenance.{field}.quote",
                    path=_dotted(s.path),
                    field=s.field,
                )
            elif b.basis == "source" and s.claim and not b.quote:
                yield error(
                    "missing-quote",
                    where or loaded.locate(*s.path),
                    "{path} is stated as source but names no quote; give the document's words "
                    "that state it as provenance.{field}.quote, or mark it derived with a reason",
                    path=_dotted(s.path),
                    field=s.field,
                )
            if b.basis in ("derived", "setting") and not b.reason:
                yield error(
                    "missing-reason",
                    where or loaded.locate(*s.path),
                    "{path} is stated as {basis} but gives no reason; add "
                    "provenance.{field}.reason (one line: why)",
                    path=_dotted(s.path),
                    basis=b.basis,
                    field=s.field,
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
                    "provenance names '{field}', which this record does not state; fields with "
                    "a basis here: {allowed}{hint}",
                    field=field,
                    allowed=list(dict.fromkeys(allowed)),
                    hint=suggest(field, allowed),
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
                "the arrow '{source}' -> '{target}' has basis {basis} but no `{field}`; add {what}",
                source=edge.from_,
                target=edge.to,
                basis=edge.basis,
                field=field,
                what=what,
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
            yield error("quote-mismatch", loaded.locate(*ref.path, key=False), _mismatch(ref, miss))


def _mismatch(ref: QuoteRef, miss: Mismatch) -> Message:
    """What differs between a quote and its document's text, and what to do about it."""
    if miss.matched:
        return msg(
            "not the words of '{document}': after '{matched}' the document has '{expected}' "
            "where this has '{found}'; restore the document's words, declare a correction in "
            "corrections.yaml, or mark the text derived with a reason",
            document=ref.document,
            matched=tail(miss.matched),
            expected=miss.expected,
            found=miss.found,
        )
    return msg(
        "not the words of '{document}': the words '{found}' do not occur in it; restore the "
        "document's words, declare a correction in corrections.yaml, or mark the text "
        "derived with a reason",
        document=ref.document,
        found=miss.found,
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
        msg("correction of"),
        msg("declare each correction once"),
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
                "the words '{words}' do not occur in the text of '{document}'; copy them "
                "exactly from documents/{document}.txt",
                words=_short(entries[i].source),
                document=document,
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
