"""Checks of the advice: advies.yaml (weighing, matrix, aangifte) and the reference cases
of casuistiek/, which are recomputed so that a change of advice never lands unnoticed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import (
    AspectsMissing,
    DomainNeeded,
    FactorMissing,
    FactorTwice,
    InvalidFileError,
    NoAdviceSettings,
)
from ..findings import Finding, error
from ..loaded import Loaded, LoadedData
from ..messages import Message, msg
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
        msg("cell ernst × herhaling"),
        msg("each cell of the matrix is listed once"),
    )
    present = {(c.ernst, c.herhaling) for c in cells}
    for ernst in LEVELS:
        for herhaling in LEVELS:
            if (ernst, herhaling) not in present:
                yield error(
                    "missing-cell",
                    adv.locate("matrix", "cells"),
                    "the matrix has no cell for ernst {ernst} × herhaling {herhaling}; add one "
                    "with its from, to and why (every one of the {n} cells is needed)",
                    ernst=ernst,
                    herhaling=herhaling,
                    n=len(LEVELS) * len(LEVELS),
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
                    "the {factor} table has no row for {rows} {row}; give it a level for every "
                    "{columns} ({values})",
                    factor=factor,
                    rows=rows,
                    row=row,
                    columns=columns,
                    values=ASPECTS[factor][columns],
                )
                continue
            for column in ASPECTS[factor][columns]:
                if column not in table[row]:
                    yield error(
                        "missing-cell",
                        adv.locate("weighing", factor, "table", row),
                        "the {factor} table has no level for {rows} {row} × {columns} {column}; "
                        "every pair is needed",
                        factor=factor,
                        rows=rows,
                        row=row,
                        columns=columns,
                        column=column,
                    )
    recidive = weighing.herhaling.recidive
    for value in ASPECTS["herhaling"]["recidive"]:
        if value not in recidive:
            yield error(
                "missing-cell",
                adv.locate("weighing", "herhaling", "recidive"),
                "recidive has no step for '{value}'; give both: {values} (0, 1 or 2 steps up)",
                value=value,
                values=ASPECTS["herhaling"]["recidive"],
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
                "cell {ernst} × {herhaling} runs from {lower} down to {upper}; `from` is the "
                "lighter end (ladder: {ladder})",
                ernst=cell.ernst,
                herhaling=cell.herhaling,
                lower=cell.from_,
                upper=cell.to,
                ladder=LADDER,
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
                "{path} has basis {basis} but its why quotes nothing; give the passages it "
                "rests on as why.quotes, or make it a setting",
                path=_dotted(path),
                basis=choice.basis,
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
                    "section '{section}' has no section number; cite it as the document numbers "
                    "it, e.g. '4.2 Wegingsfactoren voor inzet van maatregelen' or 'Bijlage 3'",
                    section=quote.section,
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
            yield error("unknown-measure", where, "no measure '{measure}'", measure=measure_id)
        elif measure_id in by_id and by_id[measure_id].document != adv.model.document:
            yield error(
                "invalid-value",
                where,
                "'{measure}' is a measure of '{document}', not of '{own}'; list only that "
                "document's aangifte instruments",
                measure=measure_id,
                document=by_id[measure_id].document,
                own=adv.model.document,
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
                        "reference case '{case}' names no measure '{measure}'",
                        case=case.model.id,
                        measure=measure_id,
                    )
    if data.advies is None:
        if (data.data_dir / "advies.yaml").exists():
            return  # an advies.yaml that failed to load: its own findings say why
        for case in data.cases:
            yield error(
                "case-outcome-changed",
                case.locate("expect"),
                "reference case '{case}' cannot be recomputed: advies.yaml is missing",
                case=case.model.id,
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
    name = msg("reference case '{case}'", case=model.id)
    try:
        factors = make_factors(kb, case=case, at=("factors",))
    except InvalidFileError as exc:
        yield from exc.findings
        return
    except (FactorMissing, AspectsMissing, DomainNeeded, FactorTwice) as exc:
        yield error("missing-field", case.locate("factors"), _incomplete(name, exc))
        return
    try:
        advice = advise(kb, factors)
    except NoAdviceSettings:
        return  # advies.yaml itself is incomplete: its own checks say where
    expected = model.expect.range
    if (advice.lower, advice.upper) != (expected.from_, expected.to):
        yield error(
            "case-outcome-changed",
            case.locate("expect", "range"),
            "reference case '{case}': the range was {was}, is now {now} (ernst {ernst} × kans "
            "op herhaling {herhaling}); if the change is intended, update the case and its why",
            case=model.id,
            was=_span(expected.from_, expected.to),
            now=_span(advice.lower, advice.upper),
            ernst=advice.ernst.level,
            herhaling=advice.herhaling.level,
        )
    listed = set(advice.listed())
    for i, named in enumerate(model.expect.includes):
        measure_id = kb.retired.get(named, named)  # a retired measure: the one in its place
        if named in known and measure_id not in listed:
            measure = kb.measures_by_id.get(measure_id)
            where = case.locate("expect", "includes", i, key=False)
            if measure is not None:
                yield error(
                    "case-outcome-changed",
                    where,
                    "reference case '{case}': the advice no longer lists {measure} (class "
                    "{instrument}) in {range}",
                    case=model.id,
                    measure=measure_id,
                    instrument=measure.instrument,
                    range=_span(advice.lower, advice.upper),
                )
            else:
                yield error(
                    "case-outcome-changed",
                    where,
                    "reference case '{case}': the advice no longer lists {measure} in {range}",
                    case=model.id,
                    measure=measure_id,
                    range=_span(advice.lower, advice.upper),
                )
    for i, named in enumerate(model.expect.excludes):
        measure_id = kb.retired.get(named, named)
        if measure_id in listed:
            yield error(
                "case-outcome-changed",
                case.locate("expect", "excludes", i, key=False),
                "reference case '{case}': the advice now lists {measure}, which the case "
                "expects it not to list (range {range})",
                case=model.id,
                measure=measure_id,
                range=_span(advice.lower, advice.upper),
            )


def _span(lower: str, upper: str) -> Message | str:
    """A range of the ladder: one class, or `lower … upper`."""
    return lower if lower == upper else msg("{lower} … {upper}", lower=lower, upper=upper)


def _dotted(path: tuple[Any, ...]) -> str | Message:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or msg("(file)")


def _incomplete(name: Message, exc: Exception) -> Message:
    """What a reference case lacks to be recomputed."""
    if isinstance(exc, FactorMissing):
        return msg(
            "{name}: give {factor} or all its aspects ({aspects})",
            name=name,
            factor=exc.factor,
            aspects=exc.aspects,
        )
    if isinstance(exc, AspectsMissing):
        return msg(
            "{name}: {factor} is weighed from all its aspects: give {missing} as well",
            name=name,
            factor=exc.factor,
            missing=exc.missing,
        )
    if isinstance(exc, FactorTwice):
        return msg(
            "{name}: {factor} is given directly and through its aspects ({aspects})",
            name=name,
            factor=exc.factor,
            aspects=exc.aspects,
        )
    return msg("{name}: give the domain", name=name)
