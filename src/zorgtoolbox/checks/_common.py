"""Helpers shared by the checks: uniqueness, suggestions, the records of a data folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any

from ..findings import Finding, Location, error
from ..loaded import Loaded, LoadedData
from ..messages import Message, did_you_mean
from ..text import fold

Check = Callable[[LoadedData], Iterable[Finding]]


def fold_name(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name (a trailing ':' ignored)."""
    return fold(text.replace(":", " "))


def unique(
    entries: Iterable[tuple[Any, Location, str]], code: str, what: Message, fix: Message
) -> Iterator[Finding]:
    """A finding for every entry whose key was already seen, pointing at the first one.

    `what` names the kind of key (`msg("agency id")`), `fix` says what to do about it.
    """
    first: dict[Any, Location] = {}
    for key, location, shown in entries:
        if key in first:
            yield error(
                code,
                location,
                "{what} '{name}' is already used at {first}; {fix}",
                what=what,
                name=shown,
                first=first[key],
                fix=fix,
            )
        else:
            first[key] = location


def suggest(name: str, choices: Iterable[str]) -> Message | str:
    """ "; did you mean 'x'?" for the choices closest to `name`, or "" (a `{hint}` field)."""
    return did_you_mean(name, choices, n=3) or ""


def all_records(data: LoadedData) -> Iterator[Loaded[Any]]:
    """Every valid record of the data folder, top-level files first."""
    for single in (
        data.toolbox,
        data.agencies,
        data.glossary,
        data.handhavingskader,
        data.advies,
        data.classification,
        data.corrections,
    ):
        if single is not None:
            yield single
    yield from data.documents
    yield from data.measures
    yield from data.flows
    yield from data.cases


def agency_ids(data: LoadedData) -> list[str]:
    return [a.id for a in data.agencies.model.agencies] if data.agencies else []


def document_ids(data: LoadedData) -> list[str]:
    return [d.model.id for d in data.documents]


def measure_ids(data: LoadedData) -> set[str]:
    return {m.model.id for m in data.measures}


def retired_ids(data: LoadedData) -> dict[str, str]:
    """Each retired measure's id → the measure that takes its place in the end (following
    a chain of replacements; a loop or a missing target is left out: its check says so)."""
    direct = {m.model.id: m.model.replaced_by for m in data.measures if m.model.replaced_by}
    out = {}
    for old in direct:
        seen, current = {old}, direct[old]
        while current in direct and current not in seen:
            seen.add(current)
            current = direct[current]
        if current not in direct and current in measure_ids(data):
            out[old] = current
    return out


def current_measures(data: LoadedData) -> list[Loaded[Any]]:
    """The measures that are not retired: the ones on the ladders."""
    return [m for m in data.measures if not m.model.replaced_by]


def referable_ids(data: LoadedData) -> set[str]:
    """Ids a reference may name: valid measures, those in files that failed to load, and
    the file name of a measure whose id differs from it (one wrong value, one error: the
    id-mismatch, not every reference to the file as well)."""
    stems = {PurePosixPath(m.path).stem for m in data.measures}
    return measure_ids(data) | stems | {measure_id for _, measure_id in data.broken_measures}


def id_matches_file_name(loaded: Loaded[Any], *, with_text: bool = False) -> Iterator[Finding]:
    """A record's `id` equals its file name (without `.yaml`); `with_text`: the record has
    a text file beside it (a document), which is renamed with it."""
    record_id = loaded.model.id
    stem = PurePosixPath(loaded.path).stem
    if stem == record_id:
        return
    where = loaded.locate("id", key=False)
    if with_text:
        yield error(
            "id-mismatch",
            where,
            "id '{id}' does not match the file name '{stem}.yaml'; rename the file (and its "
            "text) to {id}.yaml or change the id",
            id=record_id,
            stem=stem,
        )
    else:
        yield error(
            "id-mismatch",
            where,
            "id '{id}' does not match the file name '{stem}.yaml'; rename the file to "
            "{id}.yaml or change the id",
            id=record_id,
            stem=stem,
        )
