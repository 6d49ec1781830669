"""Edits of the data files themselves: renaming a measure everywhere it is named.

`rename_measure` computes every change a rename needs (the measure's own file under
its new name, and each place another file names it: arrows and entry points, related
links and replacements, the aangifte instruments of advies.yaml, reference cases, and
case files given) as whole new texts; nothing is written here. Each reference is
replaced where the YAML reader located it, so only those scalars change and the rest of
every file (comments, layout, quotes) stays as the coordinator wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .errors import InvalidFileError, NameTaken, NotAnId, UnknownName
from .models import ID_PATTERN
from .text import close_matches
from .yamlio import MAX_FILE_BYTES, YamlDocument, YamlError, load_bytes, read_file

MEASURES_DIR = "measures"


class Edit(NamedTuple):
    """A file to write (`text`) or, with `text` None, to remove."""

    path: Path
    text: str | None
    references: int = 0  # how many references in it were renamed


#: Where each kind of file names a measure: paths in its data, `*` for every item.
_REFERENCES: dict[str, tuple[tuple[str | int, ...], ...]] = {
    "flow": (("edges", "*", "from"), ("edges", "*", "to"), ("entry_points", "*")),
    "measure": (("related", "*"), ("replaced_by",)),
    "advies": (("strafbaar_feit", "measures", "*"),),
    "reference-case": (
        ("factors", "taken", "*"),
        ("expect", "includes", "*"),
        ("expect", "excludes", "*"),
    ),
    "case": (("taken", "*"),),
}


def rename_measure(
    data_dir: Path, old: str, new: str, case_files: Sequence[Path] = ()
) -> list[Edit]:
    """The edits that rename measure `old` to `new` in `data_dir` (and in `case_files`).

    Raises `UnknownName` when no measure file is called `old`, `NotAnId` when `new` is not
    a valid id, `NameTaken` when a measure is already called `new`, and `YamlError` for a
    file that cannot be read.
    """
    files = {p.stem: p for p in sorted((data_dir / MEASURES_DIR).glob("*/*.yaml"))}
    if old not in files:
        raise UnknownName("measure", old, (), tuple(close_matches(old, list(files))))
    if not re.fullmatch(ID_PATTERN, new):
        raise NotAnId(new)
    if new in files:
        raise NameTaken(new, files[new])
    source = files[old]
    edits = [
        *_renamed_in(source, "measure", old, new, own=True, target=source.with_name(f"{new}.yaml")),
        Edit(source, None),
    ]
    for kind, path in _referring_files(data_dir, files, case_files):
        if path != source:
            edits.extend(_renamed_in(path, kind, old, new))
    return edits


def _referring_files(
    data_dir: Path, measures: dict[str, Path], case_files: Sequence[Path]
) -> Iterator[tuple[str, Path]]:
    yield from (("flow", p) for p in sorted((data_dir / "flows").glob("*.yaml")))
    yield from (("measure", p) for p in measures.values())
    if (data_dir / "advies.yaml").is_file():
        yield "advies", data_dir / "advies.yaml"
    yield from (("reference-case", p) for p in sorted((data_dir / "casuistiek").glob("*.yaml")))
    yield from (("case", Path(p)) for p in case_files)


def _renamed_in(
    path: Path,
    kind: str,
    old: str,
    new: str,
    *,
    own: bool = False,
    target: Path | None = None,
) -> list[Edit]:
    """The edit of one file: every reference to `old` (and, for the measure's own file,
    its id) written as `new`; no edit when the file does not name `old`."""
    try:
        raw = read_file(path, str(path), MAX_FILE_BYTES)
        doc = load_bytes(raw, str(path))
    except YamlError as exc:
        raise InvalidFileError(list(exc.findings)) from None
    text = raw.decode("utf-8")
    places = [mark for mark in _marks(doc, kind) if mark[1] == old]
    if own:
        places += [(doc.value_marks[("id",)], old)] if doc.data.get("id") == old else []
    if not places and target is None:
        return []
    renamed = _replace_at(text, [m for m, _ in places], old, new, path)
    return [Edit(target or path, renamed, len(places))]


def _marks(doc: YamlDocument, kind: str) -> Iterator[tuple[tuple[int, int], Any]]:
    """(position, value) of every place a file of `kind` names a measure."""
    for pattern in _REFERENCES[kind]:
        for path in _expand(doc.data, pattern, ()):
            mark = doc.value_marks.get(path)
            value = _at(doc.data, path)
            if mark is not None and isinstance(value, str):
                yield mark, value


def _expand(data: Any, pattern: tuple[str | int, ...], prefix: tuple[Any, ...]) -> Iterator[Any]:
    if not pattern:
        yield prefix
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _expand(item, rest, (*prefix, i))
    elif isinstance(data, dict) and head in data:
        yield from _expand(data[head], rest, (*prefix, head))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _replace_at(text: str, marks: list[tuple[int, int]], old: str, new: str, path: Path) -> str:
    """`text` with the scalar `old` at each (line, column) written as `new`, quotes kept."""
    lines = text.splitlines(keepends=True)
    for line_no, column in sorted(set(marks), reverse=True):
        line = lines[line_no - 1]
        start = column - 1
        quote = line[start] if line[start : start + 1] in ("'", '"') else ""
        at = start + len(quote)
        if line[at : at + len(old)] != old:  # the reader and the text disagree: never guess
            raise InvalidFileError([_mismatch(path, line_no, column, old)])
        lines[line_no - 1] = line[:at] + new + line[at + len(old) :]
    return "".join(lines)


def _mismatch(path: Path, line: int, column: int, old: str) -> Any:
    from .findings import Location, error

    return error(
        "yaml-syntax",
        Location(str(path), line, column),
        "'{old}' is not written here as a plain or quoted value; rename it by hand",
        old=old,
    )
