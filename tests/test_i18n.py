"""Messages are values with literal English templates, so a catalogue can translate them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from zorgtoolbox.messages import Message, alternatives, did_you_mean, msg

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "zorgtoolbox"

#: Calls whose message template must be a literal string: the function's name and the
#: position of the template among its arguments.
TEMPLATE_CALLS = {"error": 2, "warning": 2, "msg": 0}


def _template_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in TEMPLATE_CALLS and len(node.args) > TEMPLATE_CALLS[name]:
            yield node, node.args[TEMPLATE_CALLS[name]]


def test_every_message_template_is_a_literal_string() -> None:
    """`error(code, where, "template {x}", x=...)`, never an f-string, a sum or a choice
    (`a if c else b`, which the catalogue cannot see): data in a
    template would make it a message id no catalogue has."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call, template in _template_calls(tree):
            literal = isinstance(template, ast.Constant) and isinstance(template.value, str)
            # a Message built elsewhere (a variable or a call) is fine: that is checked there
            if isinstance(template, ast.JoinedStr | ast.BinOp | ast.IfExp) or (
                isinstance(template, ast.Constant) and not literal
            ):
                wrong.append(f"{path.relative_to(PACKAGE)}:{call.lineno}")
    assert not wrong, wrong


def test_a_message_fills_its_fields_after_translating() -> None:
    m = msg("unknown agency '{agency}'{hint}", agency="dji2", hint=did_you_mean("dji2", ["dji"]))
    assert str(m) == "unknown agency 'dji2'; did you mean 'dji'?"
    dutch = {
        "unknown agency '{agency}'{hint}": "onbekende organisatie '{agency}'{hint}",
        "; did you mean {names}?": "; bedoel je {names}?",
    }
    assert m.render(lambda t: dutch.get(t, t)) == "onbekende organisatie 'dji2'; bedoel je 'dji'?"


def test_data_in_a_field_is_never_read_as_a_template() -> None:
    m = msg("title {title}", title="{0} {x} {{")
    assert str(m) == "title {0} {x} {{"
    assert str(Message("no fields {here}")) == "no fields {here}"


def test_a_translation_with_wrong_fields_falls_back_to_english() -> None:
    m = msg("{n} files", n=3)
    assert m.render(lambda t: "{aantal} bestanden") == "3 files"


@pytest.mark.parametrize(
    ("items", "shown"),
    [([], ""), (["a"], "'a'"), (["a", "b"], "'a' or 'b'"), (["a", "b", "c"], "'a', 'b' or 'c'")],
)
def test_alternatives(items: list[str], shown: str) -> None:
    assert str(alternatives(items)) == shown


def test_messages_are_hashable_values() -> None:
    assert msg("x {a}", a=[1, 2]) == msg("x {a}", a=(1, 2))
    assert len({msg("x {a}", a=[1]), msg("x {a}", a=[1])}) == 1


# --- the boundary: the library words nothing for a screen -------------------------------

#: The command line's side of the boundary: these may name options and exit codes.
CLI_SIDE = ("cli", "output", "helptext.py", "i18n.py", "__main__.py")
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _library_modules() -> list[Path]:
    return [
        p for p in sorted(PACKAGE.rglob("*.py")) if p.relative_to(PACKAGE).parts[0] not in CLI_SIDE
    ]


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _git_arguments(tree: ast.AST) -> set[int]:
    """The ids of the strings in a `["git", ...]` command line: git's options, not ours."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.List) and node.elts:
            first = node.elts[0]
            if isinstance(first, ast.Constant) and first.value == "git":
                found |= {id(e) for e in node.elts}
    return found


def test_the_library_names_no_option_and_no_exit_code() -> None:
    """Outside the command line's modules, no string (but docstrings and the arguments of
    a git command) names an option, and nothing imports typer or click, exits, or knows
    an exit code."""
    wrong = []
    for path in _library_modules():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        docs = _docstrings(tree) | _git_arguments(tree)
        where = path.relative_to(PACKAGE)
        for node in ast.walk(tree):
            literal = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if literal and id(node) not in docs and OPTION.search(node.value):
                wrong.append(f"{where}:{node.lineno}: names an option: {node.value!r}")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                if any(n.split(".")[0] in ("typer", "click", "rich") for n in names):
                    wrong.append(f"{where}:{node.lineno}: imports the command line's libraries")
            if isinstance(node, ast.Attribute) and node.attr in ("exit", "exit_code"):
                wrong.append(f"{where}:{node.lineno}: exits or carries an exit code")
            if isinstance(node, ast.Name) and node.id in ("ExitCode", "exit_code"):
                wrong.append(f"{where}:{node.lineno}: knows the exit codes")
    assert not wrong, "\n".join(wrong)


def test_errors_carry_no_exit_code() -> None:
    from zorgtoolbox import errors

    for name in dir(errors):
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert not hasattr(value, "exit_code"), name


def test_every_library_error_has_an_exit_code_and_words(invoke) -> None:
    """Each error class of the library maps to 1 or 2 and is worded by the CLI, not by
    the English fallback."""
    from zorgtoolbox import errors
    from zorgtoolbox.cli import words

    for name in dir(errors):
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, errors.ZorgtoolboxError):
            if value is errors.ZorgtoolboxError:
                continue
            assert value in words._DESCRIBE or value in (
                errors.UnknownName,
                errors.AmbiguousName,
                errors.EmptyName,
                errors.InvalidFileError,
            ), f"cli.words does not word {name}"


# --- the Dutch catalogue -------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_dutch_catalogue_is_complete() -> None:
    """Every message id in the code and in the help has a Dutch translation
    (`python tests/catalogue.py --add` lists and adds what is missing)."""
    from catalogue import missing, missing_plurals

    absent = [f"{where}: {text}" for text, where in missing().items()]
    absent += [f"{where}: {one} / {other}" for (one, other), where in missing_plurals().items()]
    assert not absent, "\n".join(absent)


def test_every_translation_has_the_fields_of_its_id() -> None:
    """A translation that drops or renames a field would fall back to English."""
    from zorgtoolbox.i18n import catalogue

    wrong = []
    for key, value in catalogue("nl").items():
        pairs = zip(key, value, strict=True) if isinstance(key, tuple) else [(key, value)]
        for message_id, translation in pairs:
            if _fields(message_id) != _fields(translation):
                wrong.append(f"{message_id!r} → {translation!r}")
    assert not wrong, "\n".join(wrong)


def test_the_catalogue_holds_no_stale_entries() -> None:
    """Every entry of the catalogue is still used (or an operating system's reason)."""
    from catalogue import all_ids, plural_ids

    from zorgtoolbox.i18n import catalogue

    used = set(all_ids()) | set(plural_ids())
    stale = [key for key in catalogue("nl") if key not in used]
    assert not stale, stale
