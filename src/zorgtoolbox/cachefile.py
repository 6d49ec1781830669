"""The cache file's format: a validated knowledge base to bytes and back.

A cache file is JSON, which cannot execute code when read, behind a magic line, the
lengths and a checksum: `encode(key, kb)` writes one, `decode(handle, key)` reads one back
only if its key is `key`, compared as plain bytes before anything else of the file is read.
The measures of each agency, the flows and the search index are segments of the body,
decoded when a query first uses them (`KnowledgeBase.lazy`). `FORMAT` and `layout()` go
into the key (`store.fingerprint`), so a new format or a changed model is a miss.
"""

from __future__ import annotations

import json
import os
import types
import zlib
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from .kb import KnowledgeBase
from .models import (
    AdviceConfig,
    Agency,
    Classification,
    Document,
    Flow,
    Handhavingskader,
    Measure,
    Term,
    Toolbox,
)

#: The version of the format, in the magic line and the key.
FORMAT = 5
_MAGIC = b"zorgtoolbox-cache %d\n" % FORMAT


# --- JSON to models without validating again ------------------------------------------
#
# The cache only ever holds data that was validated, so it is turned back into models
# the way pydantic's `model_construct` does, without building the validators (which
# query commands never need). The plan of every model (its fields and which of them
# hold other models) is also the `layout()` in the key: a change to the models makes
# every old cache a miss.

Decoder = Callable[[Any], Any]
_PLANS: dict[type[BaseModel], list[tuple[str, Decoder | None]]] = {}


def _decoder(tp: Any) -> Decoder | None:
    """A function turning JSON data back into values of type `tp` (None: as it is)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        models = [a for a in get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)]
        if len(models) > 1:
            raise TypeError(f"cannot decode a union of several models: {tp}")
        if not models:
            return None  # plain values only
        # `Model | None`, or `Model | Literal[...]` (a provenance entry: a mapping or a
        # basis): a mapping is the model, anything else stays as it is
        decode_model = _decoder(models[0])
        assert decode_model is not None
        return lambda value: decode_model(value) if isinstance(value, dict) else value
    if origin is tuple:
        item = _decoder(get_args(tp)[0])
        if item is None:
            return tuple
        return lambda value: tuple(item(x) for x in value)
    if origin is dict:
        item = _decoder(get_args(tp)[1])
        if item is None:
            return None
        return lambda value: {k: item(x) for k, x in value.items()}
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model_decoder(tp)
    return None


def _model_decoder(cls: type[BaseModel]) -> Decoder:
    if cls not in _PLANS:
        _PLANS[cls] = [(name, _decoder(f.annotation)) for name, f in cls.model_fields.items()]
    plan = _PLANS[cls]
    nested = [(name, decode) for name, decode in plan if decode is not None]
    setattr_ = object.__setattr__

    def decode(value: dict[str, Any]) -> BaseModel:
        fields = {name: value[name] for name, _ in plan}
        for name, inner in nested:
            fields[name] = inner(fields[name])
        model = cls.__new__(cls)
        setattr_(model, "__dict__", fields)
        setattr_(model, "__pydantic_fields_set__", set(fields))
        setattr_(model, "__pydantic_extra__", None)
        setattr_(model, "__pydantic_private__", None)
        return model

    return decode


_DECODE = {
    "toolbox": _decoder(Toolbox),
    "documents": _decoder(tuple[Document, ...]),
    "classification": _decoder(Classification | None),
    "agencies": _decoder(tuple[Agency, ...]),
    "glossary": _decoder(tuple[Term, ...]),
    "handhavingskader": _decoder(Handhavingskader | None),
    "advies": _decoder(AdviceConfig | None),
    "measures": _decoder(tuple[Measure, ...]),
    "flows": _decoder(tuple[Flow, ...]),
}


def layout() -> str:
    """Every model's fields, in order: part of the key, so a changed model is a miss."""
    return ";".join(
        f"{cls.__module__}.{cls.__qualname__}({','.join(name for name, _ in plan)})"
        for cls, plan in _PLANS.items()
    )


def decode(handle: Any, key: bytes) -> KnowledgeBase | None:
    """The knowledge base in an open cache file, if its key is `key`.

    The key is compared, as plain bytes, before anything else of the file is read.
    """
    if handle.readline(64) != _MAGIC:
        return None
    key_len, index_len, body_len, checksum = (int(x) for x in handle.readline(100).split())
    if key_len != len(key) or handle.read(key_len) != key:
        return None
    index = handle.read(index_len)
    body = handle.read(body_len)
    if len(index) != index_len or len(body) != body_len or handle.read(1):
        return None
    if zlib.crc32(body, zlib.crc32(index)) != checksum:
        return None
    parts = json.loads(index)

    def segment(span: list[int], kind: str) -> Callable[[], Any]:
        start, length = span
        return lambda: _DECODE[kind](json.loads(body[start : start + length]))

    search_span = parts.get("search_index")
    search_index = (
        _LazyIndex(lambda: json.loads(body[search_span[0] : search_span[0] + search_span[1]]))
        if search_span
        else None
    )
    return KnowledgeBase.lazy(
        data_dir=Path(parts["data_dir"]),
        toolbox=_DECODE["toolbox"](parts["toolbox"]),  # type: ignore[misc]
        documents=_DECODE["documents"](parts["documents"]),  # type: ignore[misc]
        classification=_DECODE["classification"](parts["classification"]),  # type: ignore[misc]
        search_index=search_index,
        retired=dict(parts.get("retired", {})),
        agencies=_DECODE["agencies"](parts["agencies"]),  # type: ignore[misc]
        glossary=_DECODE["glossary"](parts["glossary"]),  # type: ignore[misc]
        handhavingskader=_DECODE["handhavingskader"](parts["handhavingskader"]),  # type: ignore[misc]
        advies=_DECODE["advies"](parts["advies"]),  # type: ignore[misc]
        measures={a: segment(span, "measures") for a, span in parts["measures"].items()},
        flows=segment(parts["flows"], "flows"),
    )


def encode(key: bytes, kb: KnowledgeBase) -> bytes:
    """A cache file's bytes: magic, lengths, key, index (JSON), body (JSON segments).

    The measures of each agency and the flows are segments of the body, decoded only
    when a query first uses them.
    """
    body = bytearray()

    def segment(value: Any) -> list[int]:
        data = _dump_all(value)
        body.extend(data)
        return [len(body) - len(data), len(data)]

    from .queries import search_index

    def raw_segment(data: bytes) -> list[int]:
        body.extend(data)
        return [len(body) - len(data), len(data)]

    index = _json(
        {
            "data_dir": os.fspath(kb.data_dir),
            "toolbox": _dump(kb.toolbox),
            "documents": [_dump(d) for d in kb.documents],
            "classification": _dump(kb.classification),
            "search_index": raw_segment(_json(search_index(kb).to_data())),
            "agencies": [_dump(a) for a in kb.agencies],
            "glossary": [_dump(t) for t in kb.glossary],
            "handhavingskader": _dump(kb.handhavingskader),
            "advies": _dump(kb.advies),
            "retired": kb.retired,
            "measures": {a.id: segment(kb.measures_of(a.id)) for a in kb.agencies},
            "flows": segment(kb.flows),
        }
    )
    checksum = zlib.crc32(body, zlib.crc32(index))
    lengths = b"%d %d %d %d\n" % (len(key), len(index), len(body), checksum)
    return _MAGIC + lengths + key + index + bytes(body)


class _LazyIndex:
    """The cached search index, decoded when a search first needs it."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self.load = load


def _dump_all(models: Sequence[BaseModel]) -> bytes:
    """Records of one class as a JSON list: what `_json([_dump(m) for m in models])`
    gives, serialised by pydantic directly (a fifth of the time)."""
    if not models:
        return b"[]"
    return _list_adapter(type(models[0])).dump_json(list(models))


@cache
def _list_adapter(cls: type[BaseModel]) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(list[cls])  # type: ignore[valid-type]


def _dump(model: BaseModel | None) -> Any:
    return None if model is None else model.model_dump()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")
