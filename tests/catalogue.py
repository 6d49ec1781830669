"""Every message id of zorgtoolbox, and the Dutch catalogue kept complete.

Message ids are found two ways:

* in the code, statically: the literal string given to `_()`, `N_()`, `msg()`,
  `ngettext()` (both forms), and the template of `error()` / `warning()`;
* in the command line, from the commands themselves: every paragraph of a command's
  help, every option's and argument's help and placeholder (as `helptext` shows them).

`python tests/catalogue.py` lists the ids the Dutch catalogue lacks; with `--add` it
appends them to `src/zorgtoolbox/locale/nl.po` with an empty translation, to fill in;
with `--prune` it removes the entries whose id the code no longer uses.
"""

from __future__ import annotations

import ast
import string
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "zorgtoolbox"
CATALOGUE = PACKAGE / "locale" / "nl.po"

#: Function name → positions of its arguments that are message ids.
MARKERS = {"_": (0,), "N_": (0,), "msg": (0,), "error": (2,), "warning": (2,)}


def _calls(name_wanted: set[str]):
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if name in name_wanted:
                    yield name, node, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def code_ids() -> dict[str, str]:
    """Message id → where it first occurs (file:line), from the package's code."""
    found: dict[str, str] = {}
    for name, node, where in _calls(set(MARKERS)):
        for position in MARKERS[name]:
            text = _literal(node.args[position]) if position < len(node.args) else None
            if text is not None:
                found.setdefault(text, where)
    return {k: v for k, v in found.items() if has_words(k)}


def plural_ids() -> dict[tuple[str, str], str]:
    """(singular, plural) → where, for every `ngettext` call with literal forms."""
    found: dict[tuple[str, str], str] = {}
    for _name, node, where in _calls({"ngettext"}):
        forms = [_literal(a) for a in node.args[:2]]
        if len(forms) == 2 and forms[0] is not None and forms[1] is not None:
            found.setdefault((forms[0], forms[1]), where)
    return found


def has_words(message_id: str) -> bool:
    """Whether an id holds text to translate (not only fields and punctuation)."""
    bare = "".join(text for text, *_ in string.Formatter().parse(message_id) if text)
    return any(c.isalpha() for c in bare)


def help_ids() -> dict[str, str]:
    """Message id → command, for every help text the command line shows."""
    import typer

    from zorgtoolbox.cli import app
    from zorgtoolbox.helptext import paragraphs

    found: dict[str, str] = {}
    root = typer.main.get_command(app)

    def visit(command, path: str) -> None:
        for paragraph in paragraphs(command.help or ""):
            found.setdefault(paragraph, path)
        for param in command.params:
            text = " ".join((getattr(param, "help", None) or "").split())
            if text:
                found.setdefault(text, path)
            if param.metavar:
                found.setdefault(param.metavar, path)
        for name, sub in getattr(command, "commands", {}).items():
            visit(sub, f"{path} {name}")

    visit(root, "zorgtoolbox")
    return {k: v for k, v in found.items() if has_words(k)}


def all_ids() -> dict[str, str]:
    return {**help_ids(), **code_ids()}


def missing(lang: str = "nl") -> dict[str, str]:
    """The ids the catalogue of `lang` has no translation for."""
    from zorgtoolbox.i18n import catalogue

    entries = catalogue(lang)
    return {k: v for k, v in all_ids().items() if k not in entries}


def missing_plurals(lang: str = "nl") -> dict[tuple[str, str], str]:
    from zorgtoolbox.i18n import catalogue

    entries = catalogue(lang)
    return {k: v for k, v in plural_ids().items() if k not in entries}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _present() -> set[str]:
    """The ids the catalogue file holds, translated or not (one-line ids, as written)."""
    import re

    from zorgtoolbox.i18n import _unquote

    text = CATALOGUE.read_text(encoding="utf-8") if CATALOGUE.exists() else ""
    return {_unquote(m) for m in re.findall(r'^msgid (".*")$', text, re.M)}


def prune() -> list[str]:
    """Remove the entries of the catalogue file whose id is no longer used; their ids."""
    import re

    from zorgtoolbox.i18n import _unquote

    used = set(all_ids()) | {one for one, _ in plural_ids()}
    text = CATALOGUE.read_text(encoding="utf-8")
    header, *blocks = re.split(r"\n\n+", text.strip("\n"))
    kept, removed = [header], []
    for block in blocks:
        found = re.search(r'^msgid (".*")$', block, re.M)
        message_id = _unquote(found.group(1)) if found else ""
        (kept if message_id in used else removed).append(
            block if message_id in used else message_id
        )
    CATALOGUE.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
    return removed


def main() -> int:
    sys.path.insert(0, str(PACKAGE.parent))
    if "--prune" in sys.argv[1:]:
        for message_id in prune():
            print(f"removed: {message_id}")
    absent, forms = missing(), missing_plurals()
    present = _present()
    absent = {k: v for k, v in absent.items() if k not in present}
    forms = {k: v for k, v in forms.items() if k[0] not in present}
    for message_id, where in absent.items():
        print(f"{where}: {message_id}")
    for (one, other), where in forms.items():
        print(f"{where}: {one} / {other}")
    untranslated = len(missing()) + len(missing_plurals()) - len(absent) - len(forms)
    if untranslated:
        print(f"({untranslated} more in the catalogue without a translation)")
    if "--add" in sys.argv[1:]:
        with CATALOGUE.open("a", encoding="utf-8") as po:
            for message_id, where in absent.items():
                po.write(f'\n#: {where}\nmsgid {_quote(message_id)}\nmsgstr ""\n')
            for (one, other), where in forms.items():
                po.write(
                    f"\n#: {where}\nmsgid {_quote(one)}\nmsgid_plural {_quote(other)}\n"
                    'msgstr[0] ""\nmsgstr[1] ""\n'
                )
    return 1 if absent or forms else 0


if __name__ == "__main__":
    raise SystemExit(main())
