"""The one policy for links: which addresses the knowledge base may hold and show.

Only http, https, mailto and tel; no white space or control characters; http(s) needs a
host, mailto and tel need something after the colon. `validate` reports the reason a link
is refused (`unsafe_reason`); output never makes a link of an address that fails
(`is_safe`).
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def unsafe_reason(url: str) -> str:
    """Why `url` may not be used as a link, or "" when it may."""
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in url):
        return "the address contains spaces or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"'{url}' is not a valid address"
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        shown = f"scheme '{scheme}:'" if scheme else "an address without scheme"
        return f"{shown} is not allowed; use one of {', '.join(s + ':' for s in SAFE_SCHEMES)}"
    if scheme in ("http", "https") and not parts.netloc:
        return f"'{url}' has no host name"
    if scheme in ("mailto", "tel") and not parts.path:
        return f"'{url}' is empty after '{scheme}:'"
    return ""


def is_safe(url: str) -> bool:
    """Whether `url` may be shown as a link."""
    return bool(url) and not unsafe_reason(url)
