"""A page of human output: lines of styled pieces, laid out for the terminal's width.

Output is laid out here as lines of styled pieces, wrapped to the terminal width (80
when piped). On a terminal it is printed through rich, with bold headings and dim
labels; when piped, or with NO_COLOR set, the same lines are written as plain text
without loading rich at all (every query is a process start, so that matters). rich is
used here and nowhere else.

The helpers below are shared by the output of every command: how an agency is headed,
how a field's basis is marked, where a quote comes from.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import TYPE_CHECKING

from ..i18n import _
from ..labels import BASIS_MARKS, document_line, mark_legend
from ..provenance import basis_of
from .terminal import neutralise, no_command, write_raw

if TYPE_CHECKING:
    from ..kb import KnowledgeBase
    from ..models import Agency, Document, Sourced

Piece = tuple[str, str]  # (text, rich style)


def use_colour() -> bool:
    """Whether to style the output: on a terminal, unless NO_COLOR or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def width() -> int:
    """The terminal's width (or $COLUMNS), 80 when piped; kept between 40 and 120."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit():
        columns = int(env)
    else:
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns or 80
        except (OSError, ValueError):
            columns = 80
    return max(40, min(columns, 120))


def _wrap(text: str, size: int, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(
        text, size, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


class Page:
    """Lines of styled pieces, printed at the end by `show()`."""

    def __init__(self) -> None:
        self.width = width()
        self.lines: list[list[Piece]] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append([])

    def heading(self, text: str) -> None:
        for part in _wrap(text, self.width) or [""]:
            self.lines.append([(part, "bold")])

    def text(self, text: str, indent: int = 0, style: str = "") -> None:
        """A paragraph, wrapped; continuation lines indented like the first."""
        pad = " " * indent
        for part in _wrap(text, self.width, pad, pad) or [pad]:
            self.lines.append([(part, style)])

    def field(self, label: str, value: str, label_width: int) -> None:
        """`label: value`, the value wrapped under itself."""
        head = f"{label + ':':<{label_width + 1}} "
        wrapped = _wrap(value, self.width, head, " " * len(head)) or [head]
        self.lines.append([(head, "dim"), (wrapped[0][len(head) :], "")])
        self.lines.extend([[(line, "")] for line in wrapped[1:]])

    def fields(self, fields: list[tuple[str, str]]) -> None:
        """Several `label: value` lines, the values aligned."""
        label_width = max((len(label) for label, _ in fields), default=0)
        for label, value in fields:
            self.field(label, value, label_width)

    def section(self, heading: str, items: list[str]) -> None:
        """A heading and its items, indented; nothing when there are no items."""
        if items:
            self.blank()
            self.heading(heading)
            for item in items:
                self.text(item, indent=2)

    def table(
        self,
        columns: list[str],
        rows: list[list[str]],
        wrap: int,
        below: list[str] | None = None,
    ) -> None:
        """Columns padded to their widest cell; column `wrap` takes what width is left.

        `below` holds a line for under each row (an id), dim, starting where column
        `wrap` starts; it is not squeezed into the column.
        """
        widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
        fixed = sum(w for i, w in enumerate(widths) if i != wrap) + 2 * (len(columns) - 1)
        widths[wrap] = max(12, min(widths[wrap], self.width - fixed))
        offset = sum(widths[:wrap]) + 2 * wrap
        self.lines.append([(self._row(columns, widths, wrap)[0], "bold")])
        self.lines.append([("  ".join("─" * w for w in widths), "dim")])
        for n, row in enumerate(rows):
            self.lines.extend([[(line, "")] for line in self._row(row, widths, wrap)])
            if below and below[n]:
                self.lines.append([(" " * offset, ""), (below[n], "dim")])

    @staticmethod
    def _row(cells: list[str], widths: list[int], wrap: int) -> list[str]:
        parts = [(_wrap(c, widths[i]) or [""]) if i == wrap else [c] for i, c in enumerate(cells)]
        height = max(len(p) for p in parts)
        out = []
        for n in range(height):
            cols = []
            for i, p in enumerate(parts):
                cell = p[n] if n < len(p) else ""
                right = i == 0 and cell.isdigit()
                cols.append(cell.rjust(widths[i]) if right else cell.ljust(widths[i]))
            out.append("  ".join(cols).rstrip())
        return out

    def show(self) -> None:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        lines = [[(neutralise(text), style) for text, style in line] for line in self.lines]
        if not use_colour():
            write_raw("".join(no_command("".join(t for t, _ in line)) + "\n" for line in lines))
            return
        # The lines are laid out already; rich's Style renders the ANSI codes. (Its Console
        # would lay out again, and costs 20 ms more to import on every query.)
        from rich.style import Style

        styles = {name: Style.parse(name) for line in lines for _, name in line if name}
        write_raw(
            "".join(
                "".join(styles[name].render(piece) if name else piece for piece, name in line)
                + "\n"
                for line in lines
            )
        )


# --- shared wording -------------------------------------------------------------------


def translate(message_id: str) -> str:
    """A message id in the language in use (for helpers that take a translator)."""
    return _(message_id)


def mark(record: Sourced, field: str) -> str:
    """The mark of a field that is not the document's own words ("" when it is)."""
    return BASIS_MARKS[basis_of(record, field).basis]


def legend() -> str:
    """'* derived from the text · ° regional setting · + added by the region'."""
    return mark_legend(translate)


def document_heading(document: Document) -> str:
    """'Toolbox Zorgfraude en Zorgoverlast (regio IJssel-Vecht, maart 2026)'."""
    return document_line(document.title, document.region, document.date, translate)


def agency_heading(agency: Agency) -> str:
    """'DJI (Dienst Justitiële Inrichtingen)'."""
    if agency.full_name and agency.full_name != agency.name:
        return f"{agency.name} ({agency.full_name})"
    return agency.name


def yes_no(value: bool | None) -> str:
    return "" if value is None else (_("yes") if value else _("no"))


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text, each on one line."""
    return [p for p in (" ".join(part.split()) for part in text.split("\n\n")) if p]


def flat(text: str) -> str:
    """Text on one line."""
    return " ".join(text.split())


def where(kb: KnowledgeBase, document_id: str | None, section: str) -> str:
    """'Handhavingskader Wmo, 4.2': the document and section a quote comes from."""
    document = kb.documents_by_id.get(document_id or "")
    title = document.title if document else (document_id or "")
    return f"{title}, {section}" if section else title


def quote_line(text: str, place: str) -> str:
    """«the quoted words» (where they come from)."""
    return f"«{flat(text)}» ({place})"
