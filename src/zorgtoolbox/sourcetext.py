"""A document's text, for checking that quoted words are the document's own.

A quote passes when it occurs in the document word for word, after two things only:

* white space is folded: every run of spaces, tabs and line breaks counts as one space;
  in the document, a word broken at a line end after a hyphen (``Wmo-`` /
  ``handhavingsbeleid``) is joined (``Wmo-handhavingsbeleid``) — a hyphen inside a line
  (``informatie- en``) stays as it is;
* the declared corrections of `corrections.yaml` are applied to the document's text
  (each: the document's words, the fixed words, why).

Case, accents and punctuation count. A quote may leave out parts of a passage only where
it says so: it is split into pieces at blank lines and at an ellipsis (``…``, ``[…]``,
``...``), and each piece must occur on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

_SPACE = re.compile(r"\s+")
_BROKEN_WORD = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")
_PIECES = re.compile(r"\n\s*\n|\s*(?:\[…\]|\[\.\.\.\]|…|\.\.\.)\s*")
#: Pieces shorter than this many characters are separators, not quotes ("(", "—").
_MIN_PIECE = 2


def normalise(text: str, *, document: bool = False) -> str:
    """White space folded; in a `document`, words broken at a line end joined."""
    text = unicodedata.normalize("NFC", text)
    if document:
        text = _BROKEN_WORD.sub("-", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def pieces(quote: str) -> tuple[str, ...]:
    """The parts of a quote that must each occur in the document, normalised."""
    parts = (normalise(p) for p in _PIECES.split(quote))
    return tuple(p for p in parts if len(p.strip(" .,;:")) >= _MIN_PIECE)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """Where a quote leaves the document: the words that matched and what follows."""

    piece: str
    matched: str  # the longest start of the piece found in the document
    expected: str  # what the document has after it ("" when nothing matched)
    found: str  # what the quote has after it


class SourceText:
    """A document's text, normalised, with its declared corrections applied."""

    def __init__(self, raw: str, corrections: Iterable[tuple[str, str]] = ()) -> None:
        self.original = normalise(raw, document=True)
        corrected = self.original
        self.unmatched: list[int] = []  # indexes of corrections whose words are absent
        for index, (wrong, right) in enumerate(corrections):
            wrong_n, right_n = normalise(wrong, document=True), normalise(right)
            if wrong_n not in self.original:
                self.unmatched.append(index)
                continue
            corrected = corrected.replace(wrong_n, right_n)
        self.text = corrected
        self._seen: dict[str, bool] = {}

    def contains(self, piece: str) -> bool:
        """Whether `piece` occurs in the corrected or the original text (cached)."""
        known = self._seen.get(piece)
        if known is None:
            known = self._find(piece) or piece in self.original
            self._seen[piece] = known
        return known

    def _find(self, piece: str) -> bool:
        """Whether `piece` occurs in the corrected text, through the word index.

        The words of a piece other than its first and last are whole words of the text
        (the text and the piece are normalised alike); the rarest of them gives the few
        places where the piece could start. Short pieces are searched directly.
        """
        words = piece.split(" ")
        if len(words) < 3:
            return piece in self.text
        index = self._index
        offset, rarest = 0, None
        position = len(words[0]) + 1
        for word in words[1:-1]:
            places = index.get(word)
            if places is None:
                return False
            if rarest is None or len(places) < len(rarest):
                offset, rarest = position, places
            position += len(word) + 1
        assert rarest is not None
        text = self.text
        return any(text.startswith(piece, start - offset) for start in rarest if start >= offset)

    @cached_property
    def _index(self) -> dict[str, list[int]]:
        """Every word of the corrected text with the positions where it starts."""
        index: dict[str, list[int]] = {}
        position = 0
        for word in self.text.split(" "):
            index.setdefault(word, []).append(position)
            position += len(word) + 1
        return index

    def check(self, quote: str) -> Mismatch | None:
        """None when every piece of `quote` occurs; else where the first one departs."""
        for piece in pieces(quote):
            if not self.contains(piece):
                return self._mismatch(piece)
        return None

    def _mismatch(self, piece: str) -> Mismatch:
        words = piece.split(" ")
        low, high = 0, len(words)  # the longest word prefix found lies in [low, high)
        while low < high:
            mid = (low + high + 1) // 2
            if self.contains(" ".join(words[:mid])):
                low = mid
            else:
                high = mid - 1
        matched = " ".join(words[:low])
        if not matched:
            return Mismatch(piece, "", "", _head(piece))
        haystack = self.text if matched in self.text else self.original
        at = haystack.find(matched) + len(matched)
        return Mismatch(piece, matched, _head(haystack[at:]), _head(piece[len(matched) :]))


def _head(text: str, words: int = 6) -> str:
    parts = text.strip().split(" ")
    head = " ".join(parts[:words])
    return head + (" …" if len(parts) > words else "")


def tail(text: str, words: int = 5) -> str:
    """The last few words of `text`, for messages."""
    parts = text.split(" ")
    return ("… " if len(parts) > words else "") + " ".join(parts[-words:])
