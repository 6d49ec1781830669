"""How a data file that does not fit its model is reported: pydantic's validation errors
(and a file that is no mapping of fields at all) turned into located findings.

A file gets one finding for each thing that is wrong, located at the key or value it is
about, saying what is wrong and what would be right (the allowed fields or values, and
the closest one as "did you mean"). Nothing here reads files: the loader hands over the
`YamlDocument` and the error.
"""

from __future__ import annotations

import difflib
import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .findings import Finding, error
from .messages import Message, did_you_mean, msg
from .models import CASE_LABEL_PATTERN, ID_PATTERN
from .yamlio import YamlDocument


def validation_findings(
    exc: ValidationError, doc: YamlDocument, model: type[BaseModel]
) -> list[Finding]:
    """One located finding for each error pydantic reports.

    A misspelt field shows up in pydantic as both an unknown and a missing field; it is
    reported once, as the unknown field with its "did you mean" suggestion.
    """
    errors = _one_branch(exc.errors(include_url=False), doc.data)
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    explained: set[tuple[Any, ...]] = set()
    for e in errors:
        loc = tuple(e["loc"])
        if e["type"] == "extra_forbidden" and loc:
            for name in difflib.get_close_matches(
                str(loc[-1]), _fields_at(model, loc[:-1]), n=1, cutoff=0.6
            ):
                explained.add((*loc[:-1], name))
    return [
        _finding(e, doc, model)
        for e in errors
        if not (e["type"] == "missing" and tuple(e["loc"]) in explained & missing)
    ]


def not_a_mapping(doc: YamlDocument, model: type[BaseModel]) -> Finding:
    """The finding for a file whose top is not a mapping of fields."""
    # What kind of value, never the value itself: the file may be something else entirely
    kind = (
        msg("a list")
        if isinstance(doc.data, list)
        else msg("a line of text")
        if isinstance(doc.data, str)
        else msg("true or false")
        if isinstance(doc.data, bool)
        else msg("a number")
    )
    return error(
        "not-a-mapping",
        doc.locate(()),
        "the file holds {kind}; a {model} file is a mapping of fields ({fields})",
        kind=kind,
        model=model.__name__,
        fields=_field_list(model),
    )


def _field_list(model: type[BaseModel], limit: int = 6) -> list[str]:
    """The first `limit` field names of `model` (a list is shown comma-separated), and
    "..." when it has more."""
    names = _field_names(model)
    return [*names[:limit], "..."] if len(names) > limit else names


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _one_branch(errors: list[Any], data: Any) -> list[Any]:
    """Errors of a union field (`FieldBasis | Basis`) for the branch the data was written
    in: pydantic reports every branch, tagged in `loc` with the branch's name.

    A mapping was meant as the model, anything else as the plain value; the tag is taken
    out of `loc`, so a finding points at the data as written.
    """
    out = []
    for err in errors:
        loc = tuple(err["loc"])
        tag_at = _union_tag(loc, data)
        if tag_at is None:
            out.append(err)
            continue
        tag = str(loc[tag_at])
        written = _value_at(data, loc[:tag_at])
        is_model_branch = tag[:1].isupper()  # a model's class name; others are lowercase
        if isinstance(written, dict) != is_model_branch:
            continue
        out.append({**err, "loc": loc[:tag_at] + loc[tag_at + 1 :]})
    return out


_MISSING = object()


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
            data = data[part]
        else:
            return _MISSING
    return data


def _union_tag(loc: tuple[Any, ...], data: Any) -> int | None:
    """The index in `loc` of a union branch's name: the first part that is not in the data."""
    for index, part in enumerate(loc):
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
            data = data[part]
        elif isinstance(part, str) and (part[:1].isupper() or part.startswith("literal[")):
            return index
        else:
            return None
    return None


def _finding(err: Any, doc: YamlDocument, model: type[BaseModel]) -> Finding:
    loc = tuple(err["loc"])
    kind = err["type"]
    if loc and loc[-1] == "[key]":  # a dict key that is not allowed (e.g. a domain)
        loc = loc[:-1]
        allowed = _literal_choices(_type_at(model, (*loc[:-1], "[key]")))
        return error(
            "invalid-value",
            doc.locate(loc),
            "{field}: '{key}' is not allowed here; expected one of: {allowed}{hint}",
            field=_dotted(loc[:-1]),
            key=loc[-1],
            allowed=allowed,
            hint=_did_you_mean(str(loc[-1]), allowed),
        )
    where = _dotted(loc)
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = _did_you_mean(str(loc[-1]), allowed)
        if hint or not allowed:
            return error(
                "unknown-field",
                doc.locate(loc),
                "unknown field '{field}'{hint}",
                field=where,
                hint=hint,
            )
        return error(
            "unknown-field",
            doc.locate(loc),
            "unknown field '{field}'; allowed here: {allowed}",
            field=where,
            allowed=allowed,
        )
    if kind == "missing":
        return error(
            "missing-field", doc.locate(loc[:-1]), "missing required field '{field}'", field=where
        )
    value = err.get("input")
    if kind == "literal_error":
        allowed = _literal_choices(_type_at(model, loc, unwrap=False))
        return error(
            "invalid-value",
            doc.locate(loc, key=False),
            "{field}: {value} is not allowed; expected one of: {allowed}{hint}",
            field=where,
            value=_describe(value),
            allowed=allowed,
            hint=_did_you_mean(str(value), allowed),
        )
    return error(
        "invalid-value",
        doc.locate(loc, key=False),
        "{field}: {problem}",
        field=where,
        problem=_explain(err, value, doc.written.get(loc)),
    )


def _explain(err: Any, value: Any, written: str | None = None) -> Message:
    """What is wrong with `value`, for a pydantic error of a kind a data file can make."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = _describe(value)
    if kind == "string_type":
        if isinstance(value, bool | int | float):
            typed = written if written is not None else value
            return msg(
                'expected text, got {got}; put it in quotes: "{value}"', got=got, value=typed
            )
        return msg("expected text, got {got}", got=got)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == r"\S":
            return msg("must not be empty or only white space")
        if (ctx.get("pattern") or ID_PATTERN) == CASE_LABEL_PATTERN:
            return msg(
                "{value} is not a case label; use a case number such as 'zaak-2026-014' "
                "(lowercase letters, digits and hyphens, at least one digit), never a name",
                value=repr(value),
            )
        return msg(
            "{value} is not a valid id; use lowercase letters, digits and single hyphens, e.g. "
            "'dji-extra-controle'",
            value=repr(value),
        )
    if kind == "string_too_short":
        return msg("must not be empty")
    if kind == "too_short":
        return msg("needs at least {n} item(s)", n=ctx.get("min_length", 1))
    if kind == "string_too_long":
        return msg("is too long (at most {n} characters)", n=ctx.get("max_length"))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return msg("expected a whole number, got {got}", got=got)
    if kind in ("bool_type", "bool_parsing"):
        return msg("expected true or false (without quotes), got {got}", got=got)
    if kind == "greater_than_equal":
        return msg("must be {minimum} or more, got {got}", minimum=ctx.get("ge"), got=got)
    if kind == "greater_than":
        bound = ctx.get("gt")
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)  # a float field's bound 0.0 reads as 0
        return msg("must be more than {minimum}, got {got}", minimum=bound, got=got)
    if kind in ("float_type", "float_parsing"):
        return msg("expected a number, got {got}", got=got)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return msg("expected a mapping of fields, got {got}", got=got)
    if kind in ("tuple_type", "list_type"):
        return msg("expected a list, got {got}", got=got)
    # pydantic's own (English) words, for a kind of error no data file has made yet
    return msg("{detail} (got {got})", detail=err["msg"], got=got)


def _describe(value: Any) -> Message:
    """What kind of value `value` is, and (a number, a short text) which."""
    if isinstance(value, bool):
        return msg("the boolean true") if value else msg("the boolean false")
    if isinstance(value, int | float):
        return msg("the number {number}", number=value)
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return msg("text {text}", text=repr(short))
    if isinstance(value, list):
        return msg("a list")
    if isinstance(value, dict):
        return msg("a mapping")
    if value is None:
        return msg("nothing (null)")
    return msg("{type}", type=type(value).__name__)


def _dotted(loc: tuple[Any, ...]) -> str | Message:
    """A field's place as written in YAML (`domains.fraude.position`), or "(file)"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or msg("(file)")


def _did_you_mean(name: str, choices: list[str]) -> Message | str:
    """The one closest choice as "; did you mean 'x'?", or "" (a `{hint}` field)."""
    return did_you_mean(name, choices, n=1) or ""


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Union to the first argument that is not None."""
    while get_origin(tp) in (Union, types.UnionType):
        tp = next((a for a in get_args(tp) if a is not type(None)), tp)
        if get_origin(tp) not in (Union, types.UnionType):
            break
    return tp


def _type_at(model: type[BaseModel], loc: tuple[Any, ...], *, unwrap: bool = True) -> Any:
    """The declared type at `loc` inside `model` ('[key]' selects a dict's key type); with
    `unwrap`, a union is reduced to its first branch that is not None."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        origin = get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {f.alias or n: f for n, f in tp.model_fields.items()}
            if part not in fields:
                return None
            tp = fields[part].annotation
        elif origin in (list, tuple):
            tp = get_args(tp)[0]
        elif origin is dict:
            tp = get_args(tp)[0 if part == "[key]" else 1]
        else:
            return None
    return _unwrap(tp) if unwrap else tp


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    tp = _type_at(model, loc)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _field_names(tp)
    return []


def _literal_choices(tp: Any) -> list[str]:
    """The allowed values of a Literal type, also when it is one branch of a union."""
    if tp is None:
        return []
    if get_origin(tp) is Literal:
        return [str(a) for a in get_args(tp)]
    for arg in get_args(tp):
        if get_origin(arg) is Literal:
            return [str(a) for a in get_args(arg)]
    return []
