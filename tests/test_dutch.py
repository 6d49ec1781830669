"""What a Dutch reader sees: every command's help and typical output, in Dutch.

The check runs on the fixture knowledge base with every text of the data replaced by a
placeholder (so that only zorgtoolbox's own words are left), and looks for English
words: what is left besides finding codes, ids, option and command names and the data's
vocabulary words (domains, classes, targets, which are Dutch) must not be English. With
`--lang en` (or ZORGTOOLBOX_LANG=en) the same commands speak English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

#: Words that are English and not Dutch (nor a vocabulary word of the data).
ENGLISH = set(
    [
        "the",
        "and",
        "with",
        "for",
        "from",
        "this",
        "that",
        "these",
        "those",
        "not",
        "nothing",
        "give",
        "given",
        "gives",
        "measure",
        "measures",
        "agency",
        "agencies",
        "step",
        "steps",
        "error",
        "errors",
        "warning",
        "warnings",
        "valid",
        "found",
        "file",
        "files",
        "folder",
        "folders",
        "show",
        "shows",
        "where",
        "which",
        "what",
        "when",
        "whom",
        "who",
        "whose",
        "has",
        "have",
        "were",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "any",
        "every",
        "each",
        "all",
        "only",
        "also",
        "than",
        "then",
        "there",
        "their",
        "its",
        "it",
        "by",
        "at",
        "on",
        "as",
        "or",
        "to",
        "into",
        "out",
        "see",
        "use",
        "used",
        "using",
        "yes",
        "default",
        "options",
        "option",
        "commands",
        "usage",
        "arguments",
        "help",
        "write",
        "wrote",
        "read",
        "stale",
        "unknown",
        "missing",
        "invalid",
        "matches",
        "match",
        "matched",
        "search",
        "definition",
        "name",
        "full",
        "description",
        "notes",
        "related",
        "heavier",
        "lighter",
        "same",
        "candidates",
        "range",
        "rule",
        "weighing",
        "sensitivity",
        "advice",
        "already",
        "next",
        "after",
        "before",
        "domain",
        "domains",
        "documents",
        "region",
        "section",
        "rung",
        "rungs",
        "level",
        "levels",
        "aimed",
        "funding",
        "member",
        "words",
        "text",
        "line",
        "lines",
        "number",
        "numbers",
        "whole",
        "between",
        "least",
        "most",
        "first",
        "more",
        "less",
        "one",
        "two",
        "three",
        "none",
        "why",
        "how",
        "such",
        "because",
        "without",
        "within",
        "about",
        "above",
        "below",
        "under",
        "instead",
        "again",
        "still",
        "yet",
        "here",
        "them",
        "they",
        "you",
        "your",
        "our",
        "us",
        "he",
        "she",
        "his",
        "her",
        "him",
        "if",
        "else",
        "unless",
        "while",
        "until",
        "so",
        "set",
        "setting",
        "settings",
        "derived",
        "added",
        "own",
        "decides",
        "decision",
        "decided",
        "class",
        "classes",
    ]
)
#: Words of the interface that stay as they are in every language: the values of
#: --format and --ci, and the words of the data's vocabularies.
VOCABULARY = {
    *("instrument", "text", "json", "github", "gitlab", "none", "all", "md", "html", "csv"),
    *("xlsx", "tree", "markdown"),
}

PLACEHOLDER = "qqtekst"


@pytest.fixture(scope="module")
def neutral_kb(tmp_path_factory):
    """The fixture knowledge base with every free text replaced by a placeholder, planted
    in a cache of its own (as a validated copy would be)."""
    import shutil

    from conftest import FIXTURE_KB, load_kb, poison_kb

    from zorgtoolbox import cachefile, store

    root = tmp_path_factory.mktemp("nl")
    data = root / "data"
    shutil.copytree(FIXTURE_KB, data)
    kb = poison_kb(load_kb(data), lambda text: PLACEHOLDER if text else text)
    cache = root / "cache"
    cache.mkdir(mode=0o700)
    key = store.fingerprint(data.resolve()).encode("utf-8", "surrogateescape")
    (cache / store.cache_file_name(data.resolve())).write_bytes(cachefile.encode(key, kb))
    return data, cache


def _dutch(invoke, *args: str, data: Path | None = None, cache: Path | None = None):
    env = {"ZORGTOOLBOX_LANG": "", "COLUMNS": "100"}
    if cache is not None:
        env["ZORGTOOLBOX_CACHE_DIR"] = str(cache)
    extra = ["--data", str(data)] if data is not None else []
    return invoke(*args, *extra, env=env)


def english_words(text: str) -> list[str]:
    """The English words of `text`, leaving out codes, ids, options and commands."""
    from zorgtoolbox.findings import CODES

    commands = set(_command_names())
    found = []
    for line in text.splitlines():
        line = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", line)  # options
        line = re.sub(r"\bzorgtoolbox [a-z-]+", " ", line)  # commands
        line = re.sub(r"\S+\.(?:yaml|md|html|json|po|txt)\b", " ", line)  # file names
        line = re.sub(r"\S*/\S*", " ", line)  # paths
        for word in re.findall(r"[A-Za-z][A-Za-z'-]*", line):
            if "-" in word or word in CODES or word in commands:
                continue  # an id, a finding code or a command's name
            if word.lower() in ENGLISH and word not in VOCABULARY:
                found.append(word)
    return found


COMMANDS = [
    "measures",
    "measures --org dji --domain fraude",
    "show dji-gesprek",
    "agencies",
    "agencies dji",
    "glossary",
    "search gesprek",
    "search qqq-niets-gevonden-qqq",
    "next dji-gesprek --depth 2",
    "next gemeente-gesprek-veroorzaker",
    "path dji-gesprek dji-opzeggen",
    "path igj-aanwijzing gemeente-melding-ikz",
    "path gemeente-huisverbod dji-opzeggen",
    "flow",
    "flow --domain overlast",
    "advise --domain fraude --ernst groot --herhaling groot --strafbaar-feit",
    "advise --domain overlast --risico ernstig --omvang klein --structuur matig "
    "--houding niet-willen --recidive --org dji --taken dji-extra-controle",
    "advise --domain fraude --ernst klein --herhaling klein --motivering",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_typical_output_is_dutch(neutral_kb, invoke, command: str) -> None:
    data, cache = neutral_kb
    result = _dutch(invoke, *command.split(), data=data, cache=cache)
    assert result.exit_code == 0, result.output
    assert english_words(result.stdout) == [], result.stdout


def _command_names() -> list[str]:
    import typer.main

    from zorgtoolbox.cli import app

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["", *_command_names()])
def test_help_is_dutch_and_without_programmer_notation(invoke, name: str) -> None:
    result = _dutch(invoke, *([name] if name else []), "--help")
    assert result.exit_code == 0, result.output
    assert english_words(result.stdout) == [], result.stdout
    for notation in ("<bool>", "<str>", "<int>", "<list", "{", "}", "[default: None]"):
        assert notation not in result.stdout, notation
    assert "Gebruik:" in result.stdout and "Show this message" not in result.stdout


USAGE_ERRORS = [
    ("measures --bogus", 2),
    ("show", 2),
    ("show qqqq", 2),
    ("show dji", 2),
    ("measures --domain fruade", 2),
    ("next dji-gesprek --depth 0", 2),
    ("next dji-gesprek --domain overlast --depth 99", 2),
    ("flow --format mermaid", 2),
    ("advise --domain fraude --ernst klein", 2),
    ("advise --domain fraude --herhaling klein --ernst klein --houding niet-weten", 2),
    ("search !!", 2),
    ("bestaat-niet", 2),
    ("measures extra", 2),
]


@pytest.mark.parametrize(("command", "code"), USAGE_ERRORS)
def test_errors_are_one_dutch_line(neutral_kb, invoke, command: str, code: int) -> None:
    data, cache = neutral_kb
    result = _dutch(invoke, *command.split(), data=data, cache=cache)
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout: "), result.stderr
    assert english_words(lines[0]) == [], lines[0]


def test_validate_speaks_dutch(kb_dir: Path, invoke) -> None:
    """Findings of several kinds, and the summary."""
    measure = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    text = measure.read_text()
    measure.write_text(
        text.replace("instrument: advies", "instrument: adviez")
        .replace("target: zorgaanbieder", "target: zorgaanbieder\ntitel: x")
        .replace("Gesprekken met zorgaanbieders", "Gesprekken met zorgaanbiedrs")
    )
    (kb_dir / "measures" / "dji" / "leeg.yaml").write_text("")
    (kb_dir / "glossary.yml").write_text("terms: []\n")
    result = _dutch(invoke, "validate", data=kb_dir)
    assert result.exit_code == 1
    assert "fout" in result.stdout.splitlines()[-1]
    assert english_words(result.stdout) == [], result.stdout


def test_english_on_request(neutral_kb, invoke) -> None:
    data, cache = neutral_kb
    for env in ({"ZORGTOOLBOX_LANG": "en"}, {"ZORGTOOLBOX_LANG": ""}):
        args = ["--lang", "en"] if not env["ZORGTOOLBOX_LANG"] else []
        env["ZORGTOOLBOX_CACHE_DIR"] = str(cache)
        result = invoke(*args, "show", "dji-gesprek", "--data", str(data), env=env)
        assert result.exit_code == 0
        assert "where each statement comes from" in result.stdout
        assert english_words(result.stdout)
    shown = _dutch(invoke, "show", "dji-gesprek", data=data, cache=cache)
    assert "where each statement comes from" not in shown.stdout
