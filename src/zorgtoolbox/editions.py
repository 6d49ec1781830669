"""Which part of the knowledge base a handbook shows: all of it, or an edition for one
agency, one domain, or one agency in one domain (`build-handbook --org/--domain`).

An edition describes in full only the measures in its scope. A step it points to
elsewhere (a next step at another agency, the same kind of step in another document, an
arrow's other end) is listed in short in a chapter of its own, with its agency, document
and region, so that no link in the edition leads nowhere and no step is lost.
"""

from __future__ import annotations

from typing import NamedTuple

from .errors import EmptyEdition
from .kb import KnowledgeBase
from .models import DOMAINS, Measure


class Scope(NamedTuple):
    """An edition: one agency (its id), one domain, or both; None for all of them."""

    agency: str | None = None
    domain: str | None = None

    @property
    def whole(self) -> bool:
        return self.agency is None and self.domain is None

    def holds(self, measure: Measure) -> bool:
        """Whether the edition describes `measure` in full."""
        if self.agency is not None and measure.agency != self.agency:
            return False
        return self.domain is None or self.domain in measure.domains

    def file_stem(self) -> str:
        """handboek, handboek-<agency>, handboek-<domain> or handboek-<agency>-<domain>:
        ids and domains are lowercase letters, digits and hyphens, safe on every system."""
        return "-".join(x for x in ("handboek", self.agency, self.domain) if x)

    def check(self, kb: KnowledgeBase) -> None:
        """Raise `EmptyEdition` when the scope holds no measure (an unknown agency or
        domain is the caller's to refuse: it parses the names)."""
        if self.agency is not None and self.agency not in kb.agencies_by_id:
            raise ValueError(f"unknown agency {self.agency!r}")
        if self.domain is not None and self.domain not in DOMAINS:
            raise ValueError(f"unknown domain {self.domain!r}")
        if not any(self.holds(m) for m in kb.measures):
            raise EmptyEdition(self.agency, self.domain)


#: The whole handbook: every agency, every domain.
WHOLE = Scope()
