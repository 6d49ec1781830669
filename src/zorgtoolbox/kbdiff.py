"""What changed between two versions of a knowledge base, in substance.

`load_side(spec, data_dir)` reads one side: a data folder, or a git revision of the
repository the data folder is in (its data folder at that revision, taken out with
`git archive` into a temporary folder). `compare(old, new)` lists the changes a
reviewer cares about, as values: measures added, retired, renamed, moved on a ladder,
their texts and values changed, contacts filled in, arrows added or removed, advice
settings changed and reference cases whose outcome changed. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import io
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .errors import InvalidDataError, InvalidRevision, NotARevision
from .findings import Finding
from .kb import KnowledgeBase
from .models import Measure

#: Text fields whose changes are shown word by word.
TEXT_FIELDS = ("title", "description", "decided_by", "legal_basis", "notes")
#: Value fields whose changes are shown as old → new.
VALUE_FIELDS = ("instrument", "target", "collegebesluit", "financiering", "document")
CONTACT_FIELDS = ("verantwoordelijk", "contactpersoon", "contactgegevens")


class Side(NamedTuple):
    """One version: its name as given, its knowledge base, and its reference cases'
    outcomes (case id → (range, measures listed))."""

    name: str
    kb: KnowledgeBase
    outcomes: dict[str, tuple[str, tuple[str, ...]]]


class Change(NamedTuple):
    """One substantive change. `kind` says what (see `KINDS`); `agency` and `domain` place
    it (empty for changes that are not a measure's); `subject` is the measure, arrow,
    setting or case; `old` and `new` the values before and after (as text)."""

    kind: str
    agency: str
    domain: str
    subject: str
    title: str
    field: str = ""
    old: str = ""
    new: str = ""
    words: tuple[tuple[str, str], ...] = ()  # ("=", text) / ("-", text) / ("+", text)


#: The kinds of change, in the order they are listed.
KINDS = (
    "added",
    "retired",
    "renamed",
    "removed",
    "moved",
    "text",
    "value",
    "contact",
    "arrow-added",
    "arrow-removed",
    "advice",
    "case-outcome",
)


@contextlib.contextmanager
def load_side(spec: str, data_dir: Path) -> Iterator[Side]:
    """One side of a comparison: `spec` is a data folder, or a git revision of the
    repository `data_dir` lies in (its `data_dir` at that revision)."""
    folder = Path(spec)
    if (folder / "toolbox.yaml").is_file():
        from .loaded import shown_folder

        yield _side(shown_folder(folder), folder)
        return
    root, relative = _repository(data_dir)
    commit = _commit(root, spec)
    with tempfile.TemporaryDirectory(prefix="zorgtoolbox-diff-") as tmp:
        out = Path(tmp)
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", commit, "--", relative.as_posix()],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            raise NotARevision(spec, root)
        _extract(archive.stdout, out)
        try:
            side = _side(spec, out / relative)
        except InvalidDataError as exc:
            placed = [_at_revision(f, spec, out) for f in exc.findings]
            raise InvalidRevision(spec, placed) from None
        yield side


def _at_revision(finding: Finding, spec: str, out: Path) -> Finding:
    """A finding in a revision's files, placed as git names them: `SPEC:PATH`."""
    path = Path(finding.location.path)
    with contextlib.suppress(ValueError, OSError):
        path = path.resolve().relative_to(out.resolve())
    where = dataclasses.replace(finding.location, path=f"{spec}:{path.as_posix()}")
    return dataclasses.replace(finding, location=where)


def _commit(root: Path, spec: str) -> str:
    """The commit `spec` names in the repository at `root`. A spec that starts with "-"
    is refused, so it can never be read by git as an option."""
    if not spec or spec.startswith("-"):
        raise NotARevision(spec, root)
    found = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise NotARevision(spec, root)
    return found.stdout.strip()


def _extract(archive: bytes, out: Path) -> None:
    """Regular files and folders of a tar archive into `out`; links and anything that
    would land outside `out` are left out (the loader would refuse them anyway)."""
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            target = (out / member.name).resolve()
            if not target.is_relative_to(out.resolve()) or not (member.isfile() or member.isdir()):
                continue
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is not None:
                target.write_bytes(source.read())


def _repository(data_dir: Path) -> tuple[Path, Path]:
    """The git work tree `data_dir` is in, and `data_dir` relative to it."""
    found = subprocess.run(
        ["git", "-C", str(data_dir), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0 or shutil.which("git") is None:
        raise NotARevision("", data_dir)
    root = Path(found.stdout.strip()).resolve()
    return root, data_dir.resolve().relative_to(root)


def _side(name: str, folder: Path) -> Side:
    from .validation import validate

    result = validate(folder)
    if result.kb is None:
        raise InvalidDataError(folder, result.errors)
    return Side(name, result.kb, _outcomes(folder, result.kb))


def _outcomes(folder: Path, kb: KnowledgeBase) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The advice each reference case gets: its range and the measures it lists."""
    if kb.advies is None:
        return {}
    from .advice import advise, make_factors
    from .loader import load_data

    out = {}
    for case in load_data(folder).cases:
        advice = advise(kb, make_factors(kb, case=case, at=("factors",)))
        span = advice.lower if advice.lower == advice.upper else f"{advice.lower} … {advice.upper}"
        out[case.model.id] = (span, tuple(advice.listed()))
    return out


# --- comparing ------------------------------------------------------------------------


def compare(old: Side, new: Side) -> list[Change]:
    """Every substantive change from `old` to `new`, grouped by kind, then by agency."""
    gone = set(old.kb.measures_by_id) - set(new.kb.measures_by_id)
    added = set(new.kb.measures_by_id) - set(old.kb.measures_by_id)
    # a renamed or retired measure's arrows and cases are not changes of their own
    moved_on = {**_renames(old.kb, new.kb, gone, added), **new.kb.retired}
    changes = [
        *_measures(old.kb, new.kb),
        *_arrows(old.kb, new.kb, moved_on),
        *_advice(old.kb, new.kb),
        *_cases(old.outcomes, new.outcomes, moved_on),
    ]
    return sorted(changes, key=lambda c: (KINDS.index(c.kind), c.agency, c.domain, c.subject))


def _place(kb: KnowledgeBase, m: Measure) -> tuple[str, str]:
    return m.agency, ", ".join(m.domains)


def _measures(a: KnowledgeBase, b: KnowledgeBase) -> Iterator[Change]:
    before, after = a.measures_by_id, b.measures_by_id
    gone = set(before) - set(after)
    added = set(after) - set(before)
    renamed = _renames(a, b, gone, added)
    for old_id in sorted(gone):
        m = before[old_id]
        agency, domains = _place(a, m)
        if old_id in b.retired:
            yield Change("retired", agency, domains, old_id, m.title, new=b.retired[old_id])
        elif old_id in renamed:
            yield Change("renamed", agency, domains, old_id, m.title, new=renamed[old_id])
        else:
            yield Change("removed", agency, domains, old_id, m.title)
    for new_id in sorted(added - set(renamed.values())):
        m = after[new_id]
        agency, domains = _place(b, m)
        rungs = ", ".join(f"{d} {n}" for d, n in b.rungs(m).items())
        yield Change("added", agency, domains, new_id, m.title, new=rungs)
    pairs = [(i, i) for i in sorted(set(before) & set(after))]
    pairs += sorted(renamed.items())
    for old_id, new_id in pairs:
        yield from _measure_changes(a, before[old_id], b, after[new_id])


def _renames(a: KnowledgeBase, b: KnowledgeBase, gone: set[str], added: set[str]) -> dict[str, str]:
    """Old id → new id for a measure that only changed its id (not retired): the same
    document, agency and title."""
    out = {}
    key_of_new = {
        (b.measures_by_id[i].document, b.measures_by_id[i].agency, b.measures_by_id[i].title): i
        for i in added
    }
    for old_id in gone - set(b.retired):
        m = a.measures_by_id[old_id]
        match = key_of_new.get((m.document, m.agency, m.title))
        if match is not None:
            out[old_id] = match
    return out


def _measure_changes(
    a: KnowledgeBase, old: Measure, b: KnowledgeBase, new: Measure
) -> Iterator[Change]:
    agency, domains = _place(b, new)
    for domain in sorted(set(old.domains) | set(new.domains)):
        # moved: its own position changed (others that only shift with it are not)
        was_at, now_at = old.domains.get(domain), new.domains.get(domain)  # type: ignore[call-overload]
        if was_at == now_at:
            continue
        was, now = a.rung(old, domain), b.rung(new, domain)
        if was != now or (domain in old.domains) != (domain in new.domains):
            yield Change(
                "moved", agency, domain, new.id, new.title, "rung", _rung(old, domain, was),
                _rung(new, domain, now),
            )  # fmt: skip
    for field in TEXT_FIELDS:
        was, now = getattr(old, field), getattr(new, field)
        if was != now:
            yield Change(
                "text", agency, domains, new.id, new.title, field, was, now, word_diff(was, now)
            )
    for field in VALUE_FIELDS:
        was, now = _value(getattr(old, field)), _value(getattr(new, field))
        if was != now:
            yield Change("value", agency, domains, new.id, new.title, field, was, now)
    for field in CONTACT_FIELDS:
        was, now = getattr(old.contact, field), getattr(new.contact, field)
        if was != now:
            yield Change("contact", agency, domains, new.id, new.title, field, was, now)


def _rung(m: Measure, domain: str, rung: int | None) -> str:
    if domain not in m.domains:
        return "—"
    return str(rung) if rung is not None else "·"


def _value(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The change of a text word by word: ("=", kept), ("-", removed), ("+", added)."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return tuple(out)


def _edges(kb: KnowledgeBase) -> dict[tuple[str, str, str, str], str]:
    """(flow, from, to, kind) → the flow's domain, for every arrow."""
    return {(f.id, e.from_, e.to, e.kind): f.domain or "" for f in kb.flows for e in f.edges}


def _arrows(a: KnowledgeBase, b: KnowledgeBase, moved_on: dict[str, str]) -> Iterator[Change]:
    def current(key: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
        flow, source, target, kind = key
        return (flow, moved_on.get(source, source), moved_on.get(target, target), kind)

    before = {current(k): v for k, v in _edges(a).items()}
    after = _edges(b)
    for key in sorted(set(after) - set(before)):
        flow, source, target, kind = key
        yield Change("arrow-added", "", after[key], flow, kind, old=source, new=target)
    for key in sorted(set(before) - set(after)):
        flow, source, target, kind = key
        yield Change("arrow-removed", "", before[key], flow, kind, old=source, new=target)


def _advice(a: KnowledgeBase, b: KnowledgeBase) -> Iterator[Change]:
    if a.advies is None or b.advies is None:
        return
    cells = {(c.ernst, c.herhaling): c for c in a.advies.matrix.cells}
    for cell in b.advies.matrix.cells:
        was = cells.get((cell.ernst, cell.herhaling))
        now_range = f"{cell.from_} … {cell.to}"
        was_range = f"{was.from_} … {was.to}" if was is not None else "—"
        if was_range != now_range:
            subject = f"ernst {cell.ernst} × herhaling {cell.herhaling}"
            yield Change("advice", "", "", subject, "matrix", "range", was_range, now_range)
    for factor in ("ernst", "herhaling"):
        was_table = getattr(a.advies.weighing, factor).table
        now_table = getattr(b.advies.weighing, factor).table
        for row, columns in now_table.items():
            for column, level in columns.items():
                before = was_table.get(row, {}).get(column)
                if before != level:
                    subject = f"{factor}: {row} × {column}"
                    yield Change("advice", "", "", subject, "weighing", "level", str(before), level)


def _cases(
    a: dict[str, tuple[str, tuple[str, ...]]],
    b: dict[str, tuple[str, tuple[str, ...]]],
    moved_on: dict[str, str],
) -> Iterator[Change]:
    for case_id in sorted(set(a) & set(b)):
        (was_range, was_listed), (now_range, now_listed) = a[case_id], b[case_id]
        was_listed = tuple(moved_on.get(i, i) for i in was_listed)
        if was_range != now_range:
            yield Change("case-outcome", "", "", case_id, "", "range", was_range, now_range)
        gained = sorted(set(now_listed) - set(was_listed))
        lost = sorted(set(was_listed) - set(now_listed))
        if gained or lost:
            yield Change(
                "case-outcome", "", "", case_id, "", "measures", ", ".join(lost), ", ".join(gained)
            )
