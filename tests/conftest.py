"""Shared fixtures: a CLI runner, a copy of the small fixture knowledge base, the repo."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from zorgtoolbox.cli import app
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.validation import validate

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE_KB = TESTS / "fixtures" / "kb" / "data"
BUNDLED_DATA = REPO / "data"

sys.path.insert(0, str(TESTS))  # for `from sources import …`

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    """No test reads the user's data folder setting or writes to the user's cache."""
    monkeypatch.delenv("ZORGTOOLBOX_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("ZORGTOOLBOX_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture knowledge base: tmp/data."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_KB, target)
    return target


def load_kb(folder: Path) -> KnowledgeBase:
    """The validated knowledge base of `folder`; fails the test, listing the errors, if any."""
    result = validate(folder)
    assert result.kb is not None, [str(f) for f in result.errors]
    return result.kb
