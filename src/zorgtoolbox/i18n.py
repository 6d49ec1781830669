"""Translations of what the command line says: English message ids, Dutch by default.

Every text a person reads on the command line is written in the code as an English
message id, `_("...")`, and looked up in the catalogue of the chosen language when it is
shown. The Dutch catalogue ships in the package (`locale/nl.po`, gettext's PO format, read
as it is: no compile step, no binary file in git). English is the message ids themselves.

The language is Dutch unless `ZORGTOOLBOX_LANG=en` (or `--lang en`) says otherwise. A
message id missing from the catalogue is shown in English; a test keeps the catalogue
complete. Only the command line (and the output modules it calls) use this module: the
library returns values and raises errors, and never words a message for a screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
ENV_VAR = "ZORGTOOLBOX_LANG"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_state = {"language": ""}


def language() -> str:
    """The language now in use: set by `set_language`, else the environment, else Dutch."""
    if _state["language"]:
        return _state["language"]
    chosen = os.environ.get(ENV_VAR, "").strip().lower()
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def set_language(value: str | None) -> None:
    """Use `value` (nl or en) from now on; None goes back to the environment's choice."""
    _state["language"] = value if value in LANGUAGES else ""


def _(message: str) -> str:
    """`message` (an English message id) in the language in use."""
    if language() == "en":
        return message
    return catalogue(language()).get(message) or message


def tr(value: object) -> str:
    """A message (or a message id, or a list of them) in the language in use; other
    values as text."""
    from .messages import render_value

    return render_value(value, _)


def translator(lang: str) -> Callable[[str], str]:
    """A function translating message ids into `lang`, whatever language is in use (the
    handbook is Dutch whatever the command line speaks)."""
    if lang == "en":
        return lambda message: message
    entries = catalogue(lang)
    return lambda message: entries.get(message) or message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the language in use."""
    key = singular if n == 1 else plural
    if language() == "en":
        return key
    forms = catalogue(language()).get((singular, plural))
    if isinstance(forms, tuple):
        return forms[0 if n == 1 else 1] or key
    return key


@cache
def catalogue(lang: str) -> dict:
    """message id → translation (plural entries: (singular, plural) → (one, other))."""
    path = LOCALE_DIR / f"{lang}.po"
    if not path.is_file():
        return {}
    return parse_po(path.read_text(encoding="utf-8"))


def parse_po(text: str) -> dict:
    """The entries of a PO file: msgid → msgstr, and (msgid, msgid_plural) → the two
    msgstr[n] forms. Empty translations and the header are left out."""
    entries: dict = {}
    fields: dict[str, str] = {}
    key = ""

    def flush() -> None:
        msgid = fields.get("msgid", "")
        if "msgid_plural" in fields:
            forms = (fields.get("msgstr[0]", ""), fields.get("msgstr[1]", ""))
            if msgid and all(forms):
                entries[(msgid, fields["msgid_plural"])] = forms
        elif msgid and fields.get("msgstr"):
            entries[msgid] = fields["msgstr"]
        fields.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and fields:
                flush()
            continue
        if line.startswith('"'):
            fields[key] = fields.get(key, "") + _unquote(line)
            continue
        name, _sep, rest = line.partition(" ")
        if name == "msgid" and "msgid" in fields and ("msgstr" in fields or "msgstr[0]" in fields):
            flush()
        key = name
        fields[key] = _unquote(rest.strip())
    if fields:
        flush()
    return entries


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        return ""
    if "\\" not in text:  # most strings: nothing to unescape
        return text[1:-1]
    out, body, i = [], text[1:-1], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)
