"""Checks of the advice: advies.yaml (weighing, matrix, aangifte) and the reference cases
of casuistiek/, which are recomputed so that a change of advice never lands unnoticed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import InvalidDataError, InvalidFileError, UsageError
from ..findings import Finding, error
from ..loader import Loaded, LoadedData
from ..models import ASPECTS, LADDER, LEVELS, Choice, Quote, ReferenceCase
from ..provenance import children, find
from ._common import id_matches_file_name, referable_ids, unique


def check_advice_matrix_complete(data: LoadedData) -> Iterable[Finding]:
    """The matrix has every ernst × herhaling cell (3 × 3), each exactly once."""
    adv = data.advies
    if adv is None:
        return
    cells = adv.model.matrix.cells
    yield from unique(
        (
            (
                (c.ernst, c.herhaling),
                adv.locate("matrix", "cells", i),
                f"{c.ernst} × {c.herhaling}",
            )
            for i, c in enumerate(cells)
        ),
        "duplicate-cell",
        "cell ernst × herhaling",
        "each cell of the matrix is listed once",
    )
    present = {(c.ernst, c.herhaling) for c in cells}
    for ernst in LEVELS:
        for herhaling in LEVELS:
            if (ernst, herhaling) not in present:
                yield error(
                    "missing-cell",
                    adv.locate("matrix", "cells"),
                    f"the matrix has no cell for ernst {ernst} × herhaling {herhaling}; "
                    f"add one with its from, to and why (every one of the "
                    f"{len(LEVELS) * len(LEVELS)} cells is needed)",
                )


def check_advice_weighing_complete(data: LoadedData) -> Iterable[Finding]:
    """The weighing tables give a level for every pair of aspect values (risico × omvang,
    structuur × houding) and recidive a step for both of its values."""
    adv = data.advies
    if adv is None:
        return
    weighing = adv.model.weighing
    for factor, table in (("ernst", weighing.ernst.table), ("herhaling", weighing.herhaling.table)):
        rows, columns = list(ASPECTS[factor])[:2]
        for row in ASPECTS[factor][rows]:
            if row not in table:
                yield error(
                    "missing-cell",
                    adv.locate("weighing", factor, "table"),
                    f"the {factor} table has no row for {rows} {row}; give it a level for "
                    f"every {columns} ({', '.join(ASPECTS[factor][columns])})",
                )
                continue
            for column in ASPECTS[factor][columns]:
                if column not in table[row]:
                    yield error(
                        "missing-cell",
                        adv.locate("weighing", factor, "table", row),
                        f"the {factor} table has no level for {rows} {row} × {columns} "
                        f"{column}; every pair is needed",
                    )
    recidive = weighing.herhaling.recidive
    for value in ASPECTS["herhaling"]["recidive"]:
        if value not in recidive:
            yield error(
                "missing-cell",
                adv.locate("weighing", "herhaling", "recidive"),
                f"recidive has no step for '{value}'; give both: "
                f"{', '.join(ASPECTS['herhaling']['recidive'])} (0, 1 or 2 steps up)",
            )


def check_advice_ranges_ordered(data: LoadedData) -> Iterable[Finding]:
    """In every cell `from` is not above `to` on the ladder."""
    adv = data.advies
    if adv is None:
        return
    for i, cell in enumerate(adv.model.matrix.cells):
        if LADDER.index(cell.from_) > LADDER.index(cell.to):
            yield error(
                "inverted-range",
                adv.locate("matrix", "cells", i, "from", key=False),
                f"cell {cell.ernst} × {cell.herhaling} runs from {cell.from_} down to "
                f"{cell.to}; `from` is the lighter end (ladder: {', '.join(LADDER)})",
            )


def check_advice_bases(data: LoadedData) -> Iterable[Finding]:
    """Every statement of advies.yaml has what its basis needs: a `setting` (the default)
    its reason (`why.text`, which the model requires); a `source` or `derived` one the
    quotes it rests on."""
    adv = data.advies
    if adv is None:
        return
    for path, choice in _choices(adv.model):
        if choice.basis in ("source", "derived") and not choice.why.quotes:
            yield error(
                "missing-quote",
                adv.locate(*path, "basis", key=False),
                f"{_dotted(path)} has basis {choice.basis} but its why quotes nothing; give "
                "the passages it rests on as why.quotes, or make it a setting",
            )


def _choices(record: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, Choice]]:
    """Every statement with a basis in `record`, nested ones too (the matrix and its cells)."""
    if isinstance(record, Choice):
        yield path, record
    for child, child_path in children(record, path):
        yield from _choices(child, child_path)


#: A section reference starts with its number ("4.2 …", "2.1 …") or names a Bijlage.
_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s|Bijlage\s+\d+)")


def check_advice_quotes_cited(data: LoadedData) -> Iterable[Finding]:
    """Every quote of advies.yaml and of the reference cases names its document, and a
    quote of the advice's own document (the Handhavingskader) its numbered section."""
    adv = data.advies
    framework = adv.model.document if adv is not None else None
    records: list[tuple[Loaded[Any], str | None]] = [(c, c.model.document) for c in data.cases]
    if adv is not None:
        records.insert(0, (adv, framework))
    for loaded, default in records:
        for path, quote in find(loaded.model, Quote):
            document = quote.document or default
            if document is None:
                yield error(
                    "missing-field",
                    loaded.locate(*path),
                    "this quote names no document, so it cannot be checked; add "
                    "`document:` to it or to the reference case",
                )
            elif document == framework and not _SECTION_NUMBER.match(quote.section):
                yield error(
                    "uncited-reason",
                    loaded.locate(*path, "section", key=False),
                    f"section '{quote.section}' has no section number; cite it as the "
                    "document numbers it, e.g. '4.2 Wegingsfactoren voor inzet van "
                    "maatregelen' or 'Bijlage 3'",
                )


def check_advice_aangifte_measures(data: LoadedData) -> Iterable[Finding]:
    """The aangifte instruments of `strafbaar_feit` exist and are the advice's own
    document's instruments (another document's measures are their agency's own option)."""
    adv = data.advies
    if adv is None:
        return
    by_id = {m.model.id: m.model for m in data.measures}
    known = referable_ids(data)
    for i, measure_id in enumerate(adv.model.strafbaar_feit.measures):
        where = adv.locate("strafbaar_feit", "measures", i, key=False)
        if measure_id not in known:
            yield error("unknown-measure", where, f"no measure '{measure_id}'")
        elif measure_id in by_id and by_id[measure_id].document != adv.model.document:
            yield error(
                "invalid-value",
                where,
                f"'{measure_id}' is a measure of '{by_id[measure_id].document}', not of "
                f"'{adv.model.document}'; list only that document's aangifte instruments",
            )


def check_reference_cases(data: LoadedData) -> Iterable[Finding]:
    """Every reference case of casuistiek/ is named after its file, names measures that
    exist, and still gets the advice it expects: the range, and the measures it must
    and must not list. The advice is recomputed with the advice library itself."""
    if not data.cases:
        return
    known = referable_ids(data)
    for case in data.cases:
        yield from id_matches_file_name(case)
        expect = case.model.expect
        for field, ids in (("includes", expect.includes), ("excludes", expect.excludes)):
            for i, measure_id in enumerate(ids):
                if measure_id not in known:
                    yield error(
                        "unknown-measure",
                        case.locate("expect", field, i, key=False),
                        f"reference case '{case.model.id}' names no measure '{measure_id}'",
                    )
    if data.advies is None:
        if (data.data_dir / "advies.yaml").exists():
            return  # an advies.yaml that failed to load: its own findings say why
        for case in data.cases:
            yield error(
                "case-outcome-changed",
                case.locate("expect"),
                f"reference case '{case.model.id}' cannot be recomputed: advies.yaml is missing",
            )
        return
    if data.toolbox is None or data.agencies is None or any(f.is_error for f in data.findings):
        return  # files that failed to load: recomputed once they are fixed
    from ..validation import assemble  # not at import time: validation imports the checks

    kb = assemble(data)
    for case in data.cases:
        yield from _recompute(kb, case, known)


def _recompute(kb: Any, case: Loaded[ReferenceCase], known: set[str]) -> Iterator[Finding]:
    from ..advice import advise, make_factors

    model = case.model
    name = f"reference case '{model.id}'"
    try:
        factors = make_factors(kb, case=case, at=("factors",))
    except InvalidFileError as exc:
        yield from exc.findings
        return
    except UsageError as exc:
        yield error("missing-field", case.locate("factors"), f"{name}: {exc}")
        return
    try:
        advice = advise(kb, factors)
    except InvalidDataError:
        return  # advies.yaml itself is incomplete: its own checks say where
    expected = model.expect.range
    if (advice.lower, advice.upper) != (expected.from_, expected.to):
        yield error(
            "case-outcome-changed",
            case.locate("expect", "range"),
            f"{name}: the range was {_span(expected.from_, expected.to)}, is now "
            f"{_span(advice.lower, advice.upper)} (ernst {advice.ernst.level} × kans op "
            f"herhaling {advice.herhaling.level}); if the change is intended, update the "
            "case and its why",
        )
    listed = set(advice.listed())
    for i, measure_id in enumerate(model.expect.includes):
        if measure_id in known and measure_id not in listed:
            measure = kb.measures_by_id.get(measure_id)
            where = f" (class {measure.instrument})" if measure is not None else ""
            yield error(
                "case-outcome-changed",
                case.locate("expect", "includes", i, key=False),
                f"{name}: the advice no longer lists {measure_id}{where} in "
                f"{_span(advice.lower, advice.upper)}",
            )
    for i, measure_id in enumerate(model.expect.excludes):
        if measure_id in listed:
            yield error(
                "case-outcome-changed",
                case.locate("expect", "excludes", i, key=False),
                f"{name}: the advice now lists {measure_id}, which the case expects it not "
                f"to list (range {_span(advice.lower, advice.upper)})",
            )


def _span(lower: str, upper: str) -> str:
    return lower if lower == upper else f"{lower} … {upper}"


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"
