"""The one policy for links: which addresses the knowledge base may hold and show.

Only http, https, mailto and tel; no white space or control characters; http(s) needs a
host, mailto and tel need something after the colon. `validate` reports the reason a link
is refused (`unsafe_reason`); output never makes a link of an address that fails
(`is_safe`).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from .messages import Message, msg

SAFE_SCHEMES = ("http", "https", "mailto", "tel")

#: The link policy, as a regular expression that Python and the JSON Schema (ECMA-262)
#: read alike: http or https with a host (no brackets, no backslash), or mailto: or tel:
#: with something right after the colon; no white space or control character anywhere.
#: Schemes in any case. `validate`, the output and the JSON Schema apply this same pattern.
SAFE_URL_PATTERN = (
    r"^(?:[hH][tT][tT][pP][sS]?://[^\s\x00-\x1f\x7f-\x9f/?#\[\]\\]+"
    r"(?:[/?#][^\s\x00-\x1f\x7f-\x9f]*)?"
    r"|(?:[mM][aA][iI][lL][tT][oO]|[tT][eE][lL]):[^\s\x00-\x1f\x7f-\x9f/?#]"
    r"[^\s\x00-\x1f\x7f-\x9f]*)$"
)
_SAFE_URL = re.compile(SAFE_URL_PATTERN)


def unsafe_reason(url: str) -> Message | None:
    """Why `url` may not be used as a link, or None when it may."""
    if is_safe(url):
        return None
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in url):
        return msg("the address contains spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        return msg("'{url}' is not a valid address", url=url)
    scheme = parts.scheme.lower()
    allowed = [s + ":" for s in SAFE_SCHEMES]
    if scheme not in SAFE_SCHEMES:
        if not scheme:
            return msg(
                "an address without scheme is not allowed; use one of {allowed}", allowed=allowed
            )
        return msg(
            "scheme '{scheme}:' is not allowed; use one of {allowed}",
            scheme=scheme,
            allowed=allowed,
        )
    if scheme in ("http", "https") and not parts.netloc:
        return msg("'{url}' has no host name", url=url)
    if scheme in ("mailto", "tel") and not parts.path:
        return msg("'{url}' is empty after '{scheme}:'", url=url, scheme=scheme)
    return msg(
        "'{url}' is not a valid address (brackets and backslashes are not allowed in a host)",
        url=url,
    )


def is_safe(url: str) -> bool:
    """Whether `url` follows the link policy (`SAFE_URL_PATTERN`), all of it (fullmatch:
    Python's `$` would also match before a final newline)."""
    return _SAFE_URL.fullmatch(url) is not None
