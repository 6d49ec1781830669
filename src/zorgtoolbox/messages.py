"""Messages as values: an English template with named fields, worded when shown.

The library never words a message for a screen. What it has to say about the data (a
finding's message, a part of an advice) is a `Message`: the English text as a template
(`"unknown agency '{agency}'"`) and the values of its fields. The command line shows it
in the reader's language by looking the template up in the catalogue (`i18n`) and only
then filling in the fields, so the template is the message id, and data never becomes
part of one. `str(message)` is the English text, for logs and tests.

A field's value may itself be a `Message` (worded in the same language), a list or tuple
(shown comma-separated) or anything else (shown with `str`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Translate = Callable[[str], str]


def _as_is(template: str) -> str:
    return template


@dataclass(frozen=True, slots=True)
class Message:
    """An English template with named fields (`{name}`), and the fields' values."""

    template: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, translate: Translate = _as_is) -> str:
        """The message in the language `translate` gives templates (default: English).

        A translation whose fields do not fit the values falls back to the English
        template, so a slip in a catalogue never hides a message.
        """
        if not self.params:
            return translate(self.template)
        values = {name: render_value(value, translate) for name, value in self.params}
        try:
            return translate(self.template).format_map(values)
        except (KeyError, IndexError, ValueError):
            return self.template.format_map(values)

    def __str__(self) -> str:
        return self.render()

    def __add__(self, other: Message | str) -> Message:
        """Two messages shown one after the other ("…; did you mean …?")."""
        return msg("{first}{second}", first=self, second=other)


def render_value(value: Any, translate: Translate = _as_is) -> str:
    """A field's value as text: a message worded, a list comma-separated."""
    if isinstance(value, Message):
        return value.render(translate)
    if isinstance(value, tuple | list):
        return ", ".join(render_value(v, translate) for v in value)
    return str(value)


def N_(text: str) -> str:
    """Mark a literal as a message id that is translated where it is shown (a name of a
    kind of file, say); returns it unchanged. The catalogue test collects these too."""
    return text


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def msg(template: str, /, **params: Any) -> Message:
    """A message: `template` is its English text, with a `{field}` for each of `params`.

    Write the template as a literal string; data goes in the fields, never in the
    template (a test checks this), so that the template is a message id a catalogue can
    translate.
    """
    return Message(template, tuple((name, _frozen(v)) for name, v in params.items()))


def as_message(text: Message | str) -> Message:
    """`text` as a message (a plain string is a template without fields)."""
    return text if isinstance(text, Message) else Message(text)


def alternatives(items: Iterable[str]) -> Message | str:
    """'a', 'b' or 'c': the items quoted, the last two joined by "or"."""
    quoted = [repr(item) for item in items]
    if len(quoted) < 2:
        return "".join(quoted)
    return msg("{some} or {last}", some=", ".join(quoted[:-1]), last=quoted[-1])


def did_you_mean(name: str, choices: Iterable[str], n: int = 3) -> Message | None:
    """ "; did you mean 'x' or 'y'?" for the choices closest to `name` (without case and
    accents), or None when none is close: the one "did you mean" of zorgtoolbox."""
    from .text import close_matches

    matches = close_matches(name, choices, n)
    if not matches:
        return None
    return msg("; did you mean {names}?", names=alternatives(matches))
