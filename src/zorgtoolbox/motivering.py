"""The written motivation of an advice (`advise --motivering`): a Dutch Markdown memo.

The memo is rendered from `templates/motivering.md.j2`, which holds all of its wording.
It shows the case's factors as given (only the categorical fields of a case file, never
a name or free text), the weighing, the range with its basis and the rule that gave it,
the sensitivity, the candidates with who decides, every quoted passage with its document
and section, and the knowledge base's version and content hash, so that a reader can
tell later on exactly which data gave this advice.

jinja2 is imported only here, and only when a memo is written.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from . import __version__
from .advice import Advice
from .errors import TemplateError
from .i18n import translator
from .kb import KnowledgeBase
from .labels import region_name
from .models import Quote, Reason
from .paths import bundled_templates_dir

TEMPLATE = "motivering.md.j2"

#: The characters the handbook's Markdown escaping makes inert (mdtext.md_escape; the
#: tests hold the two together): no emphasis, links, HTML or headings.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
#: An `&` that would start a character reference (`&amp;`, `&#60;`, `&W;`) gets a
#: backslash, which Markdown drops; any other `&` stays as it is, so that "B&W" reads as
#: "B&W" also where the memo is pasted as plain text.
_REFERENCE = re.compile(r"&(?=#?\w+;)")


def md_escape(text: Any) -> str:
    """Data text made inert in Markdown, readable as plain text too."""
    return _REFERENCE.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", str(text)))


def md_line(text: Any) -> str:
    """Like `md_escape`, on one line."""
    return " ".join(md_escape(text).split())


def content_hash(data_dir: Path) -> str:
    """sha256 over every data file of `data_dir`: relative path and bytes, in path order.

    Hidden files and folders are skipped and symbolic links are not followed, so the
    hash names exactly the files the knowledge base was read from.
    """
    files = []
    for folder, dirs, names in os.walk(data_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            path = Path(folder) / name
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                files.append((path.relative_to(data_dir).as_posix(), path))
    digest = hashlib.sha256()
    for rel, path in sorted(files):
        data = path.read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _quotes(advice: Advice) -> list[Quote]:
    """Every passage the advice quotes, once each, with its document filled in."""
    config = advice.config
    reasons: list[Reason] = []
    for w in (advice.ernst, advice.herhaling):
        if w.rule is not None:
            reasons.append(w.rule.why)
    if not advice.herhaling.direct:
        reasons.append(config.weighing.herhaling.recidive_why)
    reasons += [advice.range.cell.why, config.matrix.why]
    if advice.aangifte is not None:
        reasons.append(advice.aangifte.rule.why)
    if any(g.gap is not None and g.gap.reason == "out-of-scope" for g in advice.candidates):
        reasons.append(config.financiering_why)
    seen: dict[tuple[str, str, str], Quote] = {}
    for r in reasons:
        for q in r.quotes:
            document = q.document or config.document
            seen.setdefault(
                (document, q.section, q.text), q.model_copy(update={"document": document})
            )
    return list(seen.values())


def memo_context(kb: KnowledgeBase, advice: Advice) -> dict[str, Any]:
    """Everything the template shows, and nothing else."""
    return {
        "advice": advice,
        "factors": advice.factors,
        "given": advice.factors.given(),
        "framework": advice.framework,
        "config": advice.config,
        "quotes": _quotes(advice),
        "documents": kb.documents_by_id,
        "agencies": kb.agencies_by_id,
        "toolbox": kb.toolbox,
        "sources": kb.documents,
        "version": __version__,
        "content_hash": content_hash(kb.data_dir),
    }


def render_memo(kb: KnowledgeBase, advice: Advice) -> str:
    """The memo as Markdown text."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(bundled_templates_dir())),
        autoescape=False,  # Markdown: data text goes through the `md` filters instead
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["md_line"] = md_line
    env.filters["regio"] = lambda region: region_name(region, translator("nl"))
    try:
        return env.get_template(TEMPLATE).render(memo_context(kb, advice))
    except jinja2.TemplateError as exc:
        raise TemplateError(TEMPLATE, str(exc)) from exc


def write_memo(text: str, path: Path) -> None:
    """Write the memo to `path`, whole or not at all (see `fsutil.write_files`, whose
    `OutputTargetError` and `WriteError` say why it could not be written)."""
    from .fsutil import write_files

    write_files({path: text})
