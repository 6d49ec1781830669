"""The README is the users' manual: it must stay true to the code."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import REPO

from zorgtoolbox.cli import app
from zorgtoolbox.findings import CODES

README = (REPO / "README.md").read_text(encoding="utf-8")


def _quick_start() -> list[str]:
    section = README.split("\n## Quick start", 1)[1]
    block = section.split("```", 2)[1]
    return [line for line in block.splitlines()[1:] if line.strip()]


def _sections() -> dict[str, str]:
    """Heading line → the text under it, up to the next heading (headings inside fenced
    blocks, such as a Markdown memo shown as output, do not count)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    fenced = False
    for line in README.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            current = sections.setdefault(line, [])
            continue
        current.append(line)
    return {heading: "\n".join(lines) for heading, lines in sections.items()}


def _commands() -> dict[str, object]:
    import typer.main

    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_quick_start_is_two_commands() -> None:
    commands = _quick_start()
    assert len(commands) == 2
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start()[1] in ci.splitlines()
    assert ".venv/bin/zorgtoolbox validate" in ci.splitlines()
    assert ".venv/bin/zorgtoolbox build-handbook --check" in ci.splitlines()


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_and_is_in_the_readme(name: str, invoke) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert _commands()[name].help  # type: ignore[attr-defined]
    heading = f"### `zorgtoolbox {name}`"
    assert heading in _sections(), f"README lacks a section for {name}"
    section = _sections()[heading]
    for option in re.findall(r"(--[a-z][a-z-]+)", result.stdout):
        if option in ("--help", "--data"):
            continue
        assert option in section, f"README's section on {name} does not mention {option}"


def test_every_finding_code_is_documented() -> None:
    table = {m.group(1) for m in re.finditer(r"^\| `([a-z0-9-]+)` \|", README, re.M)}
    assert table == set(CODES)


def test_every_code_used_in_the_source_is_registered() -> None:
    used: set[str] = set()
    for path in (REPO / "src" / "zorgtoolbox").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"(?:error|warning)\(\s*\"([a-z0-9-]+)\"", text))
    assert used
    assert used <= set(CODES), used - set(CODES)


def test_ruff_is_clean() -> None:
    check = subprocess.run(
        [sys.executable, "-m", "ruff", "check", str(REPO)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", str(REPO)],
        capture_output=True,
        text=True,
    )
    assert fmt.returncode == 0, fmt.stdout


def test_readme_explains_the_four_kinds_of_basis() -> None:
    """The README and the handbook give the same explanation (labels.BASIS_EXPLANATION)."""
    from zorgtoolbox.i18n import translator
    from zorgtoolbox.labels import BASIS_EXPLANATION

    dutch = translator("nl")(BASIS_EXPLANATION)
    assert dutch != BASIS_EXPLANATION
    assert " ".join(dutch.split()) in " ".join(README.split())
