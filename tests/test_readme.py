"""The README's examples are what the command line prints: each one is run here.

The conventions (the README explains them to its readers, under "De opdrachten"):

* a ```console block holds examples: a line `$ zorgtoolbox ARGS`, then the lines the
  command prints, in Dutch, 80 columns wide;
* a line `...` ends the lines shown: the output goes on (the shown lines are a prefix);
* `  # exitcode N` after the command: the exit code (none: 0); `  # exitcode N (stderr)`:
  the output shown is stderr (and stdout is empty), else it is stdout (and stderr is
  empty);
* the examples run on the fixture knowledge base as a reader at the repository's root
  runs them (`ZORGTOOLBOX_DATA=tests/fixtures/kb/data`, so paths are named from there):
  each block in a working folder of its own that holds a copy of the fixture at that
  path, so that what the commands write lands there, and a later command of a block sees
  the files an earlier one wrote;
* a ```yaml block whose first line is `# bestand: PATH` is a file the examples use: it is
  written, as shown, into every block's working folder.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
from conftest import FIXTURE_KB, REPO

from zorgtoolbox.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")

CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)
FILE_BLOCK = re.compile(r"^```yaml\n(# bestand: (\S+)\n.*?)^```$", re.M | re.S)
COMMAND = re.compile(
    r"^\$ zorgtoolbox (?P<args>.+?)(?:  # exitcode (?P<code>\d+)(?P<err> \(stderr\))?)?$"
)
MORE = "..."


@dataclass(frozen=True)
class Example:
    line: int  # of the `$` line in README.md
    args: str
    exit_code: int
    on_stderr: bool
    expected: tuple[str, ...]
    prefix: bool  # the output goes on after `expected`


def _examples(block: str, first_line: int) -> list[Example]:
    examples: list[Example] = []
    lines = block.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
    assert starts and starts[0] == 0, f"README.md:{first_line}: a console block starts with '$ '"
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        match = COMMAND.match(lines[start])
        assert match, f"README.md:{first_line + start}: not '$ zorgtoolbox …': {lines[start]!r}"
        shown = lines[start + 1 : end]
        prefix = MORE in shown
        if prefix:
            assert shown.index(MORE) == len(shown) - 1, (
                f"README.md:{first_line + start}: '...' is the last line of an example"
            )
            shown = shown[:-1]
        examples.append(
            Example(
                line=first_line + start,
                args=match["args"],
                exit_code=int(match["code"] or 0),
                on_stderr=bool(match["err"]),
                expected=tuple(shown),
                prefix=prefix,
            )
        )
    return examples


def _blocks() -> list[tuple[int, list[Example]]]:
    blocks = []
    for match in CONSOLE_BLOCK.finditer(README):
        first_line = README.count("\n", 0, match.start(1)) + 1
        blocks.append((first_line, _examples(match.group(1), first_line)))
    return blocks


BLOCKS = _blocks()
EXAMPLES = [example for _line, examples in BLOCKS for example in examples]
FILES = {m.group(2): m.group(1) for m in FILE_BLOCK.finditer(README)}


def _command_names() -> set[str]:
    group = typer.main.get_command(app)
    return set(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "examples", [examples for _line, examples in BLOCKS], ids=[f"README.md:{n}" for n, _ in BLOCKS]
)
def test_readme_example_prints_what_the_readme_shows(
    examples: list[Example], invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture = tmp_path / FIXTURE_KB.relative_to(REPO)
    shutil.copytree(FIXTURE_KB, fixture)
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    env = {"ZORGTOOLBOX_LANG": "", "ZORGTOOLBOX_DATA": str(fixture), "COLUMNS": "80"}
    for example in examples:
        where = f"README.md:{example.line}: zorgtoolbox {example.args}"
        result = invoke(*shlex.split(example.args), env=env)
        assert result.exit_code == example.exit_code, f"{where}\n{result.output}"
        shown, other = (
            (result.stderr, result.stdout) if example.on_stderr else (result.stdout, result.stderr)
        )
        assert other == "", f"{where}: the other stream is not empty:\n{other}"
        actual = shown.splitlines()
        if example.prefix:
            assert len(actual) > len(example.expected), f"{where}: the output does not go on"
            actual = actual[: len(example.expected)]
        assert actual == list(example.expected), where


def test_readme_has_at_least_ten_examples() -> None:
    assert len(EXAMPLES) >= 10, len(EXAMPLES)


def test_every_command_has_an_example() -> None:
    commands = _command_names()
    shown = {next((w for w in shlex.split(e.args) if w in commands), None) for e in EXAMPLES}
    assert commands <= shown, f"commands without an example: {sorted(commands - shown)}"


def test_example_files_are_used() -> None:
    """A file block is there for an example: some example names it (or its folder)."""
    assert FILES
    for name in FILES:
        top = name.split("/")[0]
        assert any(top in shlex.split(e.args) for e in EXAMPLES), f"no example uses {name}"
