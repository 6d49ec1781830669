"""Where each statement of a record comes from: its effective basis, and its quotes.

The rules (see `models` for the four kinds of basis):

* A field named in a record's `provenance` has the basis given there; the document and
  section default to the record's.
* A field with a fixed default (`DEFAULTS`, e.g. a measure's contact block: `local`)
  has that basis.
* Any other field has the record's basis: its own `basis`, else the basis of the record
  it is nested in, else `source`.

Nested records inherit `document`, `section` and `basis` from their parent. Nothing here
reads files or reports problems: `statements()` and `quotes()` yield what the checks need,
and `field_bases()` what the output shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

from .messages import Message, msg
from .models import Edge, FieldBasis, Quote, Sourced

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Context:
    """What a nested record inherits: document, section and basis."""

    document: str | None = None
    section: str = ""
    basis: str = "source"

    def enter(self, record: Sourced) -> Context:
        return Context(
            record.document_id() or self.document,
            record.section or self.section,
            record.basis or self.basis,
        )


@dataclass(frozen=True, slots=True)
class Statement:
    """One field of a record that says something, with its effective basis."""

    path: Path_  # of the field, in its file
    record: Sourced
    field: str
    value: Any
    basis: FieldBasis  # effective: document and section filled in
    explicit: bool  # named in the record's `provenance`
    claim: bool  # a value field (needs a quote when source) rather than a text field


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """Words to check against a document's text, and where they are written."""

    path: Path_
    text: str
    document: str | None
    section: str


def is_set(value: Any) -> bool:
    """Whether a field states something: not empty, but `False` states 'no'."""
    if isinstance(value, BaseModel):  # an empty block (contact, scope) states nothing
        return any(is_set(getattr(value, name)) for name in type(value).model_fields)
    return value is not None and value != "" and value != () and value != {}


def basis_of(record: Sourced, field: str, ctx: Context | None = None) -> FieldBasis:
    """The effective basis of `field` of `record` (a top-level record when `ctx` is None)."""
    here = (ctx or Context()).enter(record)
    entry = record.provenance.get(field)
    if isinstance(entry, FieldBasis):
        if entry.document and entry.section:
            return entry
        return _completed(entry, here.document, here.section)
    return _plain_basis(
        entry or record.DEFAULTS.get(field) or here.basis, here.document, here.section
    )


@lru_cache(maxsize=4096)
def _completed(entry: FieldBasis, document: str | None, section: str) -> FieldBasis:
    """`entry` with the record's document and section where it names none (frozen
    values, so one copy for each is shared)."""
    return entry.model_copy(
        update={"document": entry.document or document, "section": entry.section or section}
    )


@lru_cache(maxsize=4096)
def _plain_basis(basis: str, document: str | None, section: str) -> FieldBasis:
    """A basis without quote or reason; one frozen value for each, shared (a handbook
    asks for tens of thousands). Every part is validated already: the record's fields,
    the code's DEFAULTS."""
    return FieldBasis.model_construct(basis=basis, document=document, section=section)


def field_bases(record: Sourced, ctx: Context | None = None) -> dict[str, FieldBasis]:
    """The effective basis of every stated field of `record` that has a value."""
    fields = (*record.QUOTED, *record.CLAIMS, *record.DEFAULTS)
    return {
        name: basis_of(record, name, ctx)
        for name in dict.fromkeys(fields)
        if is_set(getattr(record, name, None))
    }


def statements(
    record: BaseModel, ctx: Context | None = None, path: Path_ = ()
) -> Iterator[Statement]:
    """Every stated field of `record` and of the records nested in it."""
    ctx = ctx or Context()
    if isinstance(record, Sourced):
        yield from _own_statements(record, ctx, path)
        ctx = ctx.enter(record)
    for child, child_path in children(record, path):
        yield from statements(child, ctx, child_path)


def _own_statements(record: Sourced, ctx: Context, path: Path_) -> Iterator[Statement]:
    for name in dict.fromkeys((*record.QUOTED, *record.CLAIMS, *record.DEFAULTS)):
        value = getattr(record, name)
        if not is_set(value):
            continue
        yield Statement(
            (*path, _alias(record, name)),
            record,
            name,
            value,
            basis_of(record, name, ctx),
            name in record.provenance,
            name not in record.QUOTED,
        )


def quotes(record: BaseModel, ctx: Context | None = None, path: Path_ = ()) -> Iterator[QuoteRef]:
    """Every piece of text in `record` (and nested records) that claims to be a document's
    own words: source text fields, quotes of provenance entries, arrows and reasons."""
    ctx = ctx or Context()
    if isinstance(record, Sourced):
        for s in _own_statements(record, ctx, path):
            if s.basis.basis == "source" and not s.claim:
                for sub, text in _texts(s.value, s.path):
                    yield QuoteRef(sub, text, s.basis.document, s.basis.section)
            if s.explicit and s.basis.basis in ("source", "derived") and s.basis.quote:
                yield QuoteRef(
                    (*path, "provenance", s.field, "quote"),
                    s.basis.quote,
                    s.basis.document,
                    s.basis.section,
                )
        ctx = ctx.enter(record)
    elif isinstance(record, Quote):
        document = record.document or ctx.document
        yield QuoteRef((*path, "text"), record.text, document, record.section)
        return
    else:
        ctx = Context(getattr(record, "document", None) or ctx.document, ctx.section, ctx.basis)
        for name in getattr(type(record), "VERIFIED", ()):
            text = getattr(record, name)
            if text:
                document = getattr(record, "document", None) or ctx.document
                yield QuoteRef((*path, name), text, document, getattr(record, "section", ""))
    for child, child_path in children(record, path):
        yield from quotes(child, ctx, child_path)


def _texts(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield (*path, index), item


def _alias(record: BaseModel, name: str) -> str:
    info = type(record).model_fields[name]
    return info.alias or name


def children(record: BaseModel, path: Path_ = ()) -> Iterator[tuple[BaseModel, Path_]]:
    """The models nested directly in `record` (in fields, tuples and dict values), with
    their paths; the entries of `provenance` are not among them."""
    for name, key in _model_fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            yield value, (*path, key)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield item, (*path, key, index)
        elif isinstance(value, dict):
            for dict_key, item in value.items():
                if isinstance(item, BaseModel):
                    yield item, (*path, key, dict_key)


@cache
def _model_fields(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(name, key in the file) of the fields of `model` whose type can hold a model."""
    return tuple(
        (name, info.alias or name)
        for name, info in model.model_fields.items()
        if name != "provenance" and _holds_model(info.annotation)
    )


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in get_args(annotation))


def find(record: BaseModel, kind: type[M], path: Path_ = ()) -> Iterator[tuple[Path_, M]]:
    """Every model of type `kind` in `record` (itself included), with its path."""
    if isinstance(record, kind):
        yield path, record
        return
    for child, child_path in children(record, path):
        yield from find(child, kind, child_path)


def located(quotes: tuple[Quote, ...], document: str) -> tuple[Quote, ...]:
    """Quotes with their document filled in (an arrow's quotes default to its flow's).
    Built without validating again: every part is a validated quote's, or its record's
    document id (a national knowledge base has tens of thousands of such quotes)."""
    return tuple(
        q if q.document else type(q).model_construct(**{**q.__dict__, "document": document})
        for q in quotes
    )


def edge_problems(edge: Edge) -> list[tuple[str, Message]]:
    """What an arrow lacks for its basis: (field, what to add)."""
    problems = []
    if edge.basis in ("source", "derived"):
        if not edge.quotes:
            problems.append(("quotes", msg("the passages it rests on")))
        if edge.strength is None:
            problems.append(("strength", msg("named or implied")))
    if edge.basis in ("derived", "setting") and not edge.reason:
        problems.append(("reason", msg("one line saying what the arrow means")))
    return problems
