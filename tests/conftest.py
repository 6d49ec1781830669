"""Shared fixtures: a CLI runner, a copy of the small fixture knowledge base, the repo."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from zorgtoolbox.cli import app
from zorgtoolbox.i18n import set_language
from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.render import render_handbook, write_handbook
from zorgtoolbox.validation import validate

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE_KB = TESTS / "fixtures" / "kb" / "data"
BUNDLED_DATA = REPO / "data"

sys.path.insert(0, str(TESTS))  # for `from conftest import …` and `from catalogue import …`

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    """No test reads the user's data folder setting or writes to the user's cache.

    Tests speak English (the message ids) unless they ask for Dutch, the default for
    users: `tests/test_dutch.py` checks what a Dutch reader sees.
    """
    monkeypatch.delenv("ZORGTOOLBOX_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("ZORGTOOLBOX_LANG", "en")
    monkeypatch.setenv("ZORGTOOLBOX_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    set_language(None)


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture
def kb_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the fixture knowledge base: tmp/data, with tmp the working
    directory (as a coordinator works in their clone), so findings name `data/…`."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_KB, target)
    monkeypatch.chdir(tmp_path)
    return target


def load_kb(folder: Path) -> KnowledgeBase:
    """The validated knowledge base of `folder`; fails the test, listing the errors, if any."""
    result = validate(folder)
    assert result.kb is not None, [str(f) for f in result.errors]
    return result.kb


def rebuild_kb(kb: KnowledgeBase, **changes: object) -> KnowledgeBase:
    """A copy of `kb` with some of its records replaced (`measures=…`, `flows=…`)."""
    fields = {
        name: getattr(kb, name)
        for name in (
            "data_dir", "toolbox", "documents", "agencies", "measures", "flows", "glossary",
            "handhavingskader", "advies", "classification", "retired",
        )
    }  # fmt: skip
    return KnowledgeBase(**{**fields, **changes})  # type: ignore[arg-type]


def _is_free_text(annotation: object, metadata: list[object]) -> bool:
    """Whether a field of this type holds free text (not an id, not a vocabulary word)."""
    from zorgtoolbox.models import ID_PATTERN

    return annotation is str and not any(
        getattr(m, "pattern", None) == ID_PATTERN for m in metadata
    )


def _poison_value(value: object, annotation: object, metadata: list[object], mark) -> object:
    import types
    from typing import Annotated, Union, get_args, get_origin

    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return poison(value, mark)
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        meta = [m for e in extra for m in (getattr(e, "metadata", None) or [e])]
        return _poison_value(value, base, metadata + meta, mark)
    if isinstance(value, str):
        return mark(value) if _is_free_text(annotation, metadata) else value
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            inner = get_args(arg)[0] if get_origin(arg) is Annotated else arg
            if isinstance(inner, type) and isinstance(value, inner):
                return _poison_value(value, arg, metadata, mark)
        return value
    if isinstance(value, tuple) and origin is tuple:
        (item, *_rest) = get_args(annotation)
        return tuple(_poison_value(v, item, [], mark) for v in value)
    if isinstance(value, dict) and origin is dict:
        item = get_args(annotation)[1]
        return {k: _poison_value(v, item, [], mark) for k, v in value.items()}
    return value


def poison(model, mark):
    """`model` with `mark(text)` in place of every free-text field, nested records too
    (ids, vocabulary words and URLs are left as they are, so the records still fit)."""
    updates = {}
    for name, info in type(model).model_fields.items():
        if name == "url":
            continue
        updates[name] = _poison_value(getattr(model, name), info.annotation, info.metadata, mark)
    return model.model_copy(update=updates)


def poison_kb(kb: KnowledgeBase, mark) -> KnowledgeBase:
    """The knowledge base with `mark(text)` in every free-text field of every record."""

    def each(records):
        return tuple(poison(r, mark) for r in records)

    return rebuild_kb(
        kb,
        toolbox=poison(kb.toolbox, mark),
        documents=each(kb.documents),
        agencies=each(kb.agencies),
        measures=each(kb.measures),
        flows=each(kb.flows),
        glossary=each(kb.glossary),
        handhavingskader=kb.handhavingskader and poison(kb.handhavingskader, mark),
        advies=kb.advies and poison(kb.advies, mark),
        classification=kb.classification and poison(kb.classification, mark),
    )


# --- the browser tests' shared fixtures (test_browser*.py) -------------------------------

CHROMIUM = Path(os.environ.get("ZORGTOOLBOX_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SETUP = "run `python tests/browser_setup.py` to install Chromium and axe-core"


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kb = validate(FIXTURE_KB).kb
    assert kb is not None
    out = tmp_path_factory.mktemp("handbook")
    write_handbook(render_handbook(kb, formats=["html"]), out)
    return out / "handboek.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: {SETUP}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """An open page, with everything it logged and every request it made."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def visible_measures(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "article.measure:not([hidden])", "els => els.map(e => e.dataset.measure)"
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, handbook: Path) -> Iterator[Visit]:
    v = Visit(browser, handbook.as_uri())
    yield v
    v.close()
