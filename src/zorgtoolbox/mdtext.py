"""Data text for the handbook's Markdown: escaped so that it is inert wherever a template
puts it, and links that follow the one URL policy (`urls`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from .urls import is_safe

#: Inline markup: emphasis, code, links and images, HTML and autolinks, tables, headings,
#: strikethrough, and the backslash itself.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
#: What would start a block at the beginning of a line: a list item (- + and "1. " or "1) "),
#: a setext underline or thematic break (= -); '#', '>', '*', '_', '`', '~' and '<'
#: (headings, quotes, fences, HTML blocks) are escaped wherever they are.
_MD_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])(?= |$))")
#: An '&' that would start an entity or character reference (`&amp;`, `&#60;`, `&W;`)
#: gets a backslash, which Markdown drops, so the raw file reads as well as the rendered
#: one; any other '&' is plain text in Markdown and stays as written ("College van B&W").
_MD_ENTITY = re.compile(r"&(?=#|[A-Za-z][A-Za-z0-9]*;)")
#: Markdown's white space: runs of it, newlines too, become one space.
_MD_SPACE = re.compile(r"[ \t\n\r\f\v]+")
#: A line `_MD_SPACE` leaves as it is: single spaces between words, none at the ends.
_MD_PLAIN_SPACE = re.compile(r"(?:[^ \t\n\r\f\v]+(?: [^ \t\n\r\f\v]+)*)?")
#: `_MD_SPECIAL` as a translation table: each of its characters gets a backslash.
_MD_SPECIAL_TABLE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"})


def md_escape(text: Any) -> str:
    """Data text made inert in Markdown, as one line.

    Wherever the template puts it (a paragraph of its own, a heading, a table cell, a list
    item), it can start no block (heading, quote, list, fence, table, setext underline,
    thematic break, HTML block, indented code: newlines and leading spaces are gone) and
    holds no inline markup (emphasis, code, links, HTML, entities). It reads the same.
    Text of several paragraphs goes through `paragraphs` first, one line each.
    """
    return _escaped(text if type(text) is str else str(text))


@lru_cache(maxsize=1 << 16)
def _escaped(line: str) -> str:
    """`md_escape` of a string, kept: a handbook escapes the same names, marks and
    labels tens of thousands of times (a quarter of rendering the Markdown)."""
    if not _MD_PLAIN_SPACE.fullmatch(line):
        line = _MD_SPACE.sub(" ", line)
    line = line.strip()  # Unicode white space at the ends too, as str.strip has it
    line = line.translate(_MD_SPECIAL_TABLE)  # one pass in C: the filter runs per field
    if "&" in line:
        line = _MD_ENTITY.sub(r"\\&", line)
    first = line[:1]
    if first and (first in "-+=" or first.isdecimal()):  # isdecimal: what `\d` matches
        line = _MD_BLOCK_START.sub(_escape_block_start, line)
    return line


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def md_cell(text: Any) -> str:
    """Data text for a table cell: `md_escape` (one line, '|' escaped)."""
    return md_escape(text)


def safe_url(url: str) -> str:
    """The URL when the one link policy (`urls`) allows it, else "" (no link is made)."""
    return url if is_safe(url) else ""


def md_url(url: str) -> str:
    """A safe URL for a Markdown link target."""
    return quote(safe_url(url), safe=":/?#[]@!$&'*+,;=%~-._")


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (split at blank lines), each on one line."""
    return [p for p in (" ".join(part.split()) for part in _BLANK_LINE.split(text)) if p]
