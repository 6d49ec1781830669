"""Text folding and fuzzy matching for names and search: case-, accent- and typo-tolerant."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Lowercase, without accents, one space between words: 'Cliënt  X' → 'client x'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def words(text: str) -> list[str]:
    """The folded words of `text` (letters and digits only)."""
    return _WORD.findall(fold(text))


def allowed_typos(word: str) -> int:
    """How many edits a query word of this length may differ by: 0, 1 or 2."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def within_distance(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance (insert, delete, substitute, swap) of a and b is ≤ limit."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    if limit == 0:
        return False
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def close_matches(name: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices closest to `name` (at most `n`), compared without case and accents;
    returned as written."""
    import difflib  # only on the error path

    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(fold(choice), choice)
    matches = difflib.get_close_matches(fold(name), list(by_fold), n=n, cutoff=0.6)
    return [by_fold[m] for m in matches]
