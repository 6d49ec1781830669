"""The handbook: the knowledge base rendered to Markdown and one offline HTML file (Jinja).

`render_handbook(kb, ...)` returns the files as text, deterministic for the same data and
templates (no timestamps). The HTML is autoescaped; its inline CSS and script are pinned
by hashes in a Content-Security-Policy, so nothing else can run and nothing is fetched.
Markdown output escapes every data text, so no data can inject markup or links there
either. Links are only ever http, https, mailto or tel (validate checks; rendering checks
again).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar
from urllib.parse import quote

from .accessibility import statement_facts
from .anchors import STROMENMODEL_SECTION, term_anchor
from .diagrams import Diagram, build_diagram, part_of, render_mermaid, render_svg
from .errors import NotAFolder, TemplateError, UnknownName
from .i18n import translator
from .kb import KnowledgeBase
from .labels import (
    BASIS_EXPLANATION,
    BASIS_LABELS,
    BASIS_MARKS,
    FIELD_LABELS,
    STRENGTH_LABELS,
    document_line,
    mark_legend,
    region_name,
    written_date,
)
from .messages import Message, msg
from .models import DOMAINS, INSTRUMENTS, Agency, Document, Measure, Sourced
from .pageindex import page_index, script_json
from .paths import bundled_templates_dir
from .printing import ladder_cards, numbered_chapters, page_css
from .provenance import basis_of, field_bases
from .queries import CONTACT_FIELDS, PUBLIC_CONTACT, contact_gaps, measure_details
from .text import fold
from .urls import is_safe

#: Output format → (template, file name).
OUTPUTS = {
    "md": ("handboek.md.j2", "handboek.md"),
    "html": ("handboek.html.j2", "handboek.html"),
}
FORMATS = (*OUTPUTS, "all")

#: The handbook is Dutch, whatever language the command line speaks.
DUTCH = translator("nl")

DOMAIN_TITLES = {"fraude": "Toolbox Zorgfraude", "overlast": "Toolbox Zorgoverlast"}
KIND_LABELS = {"vervolg": "vervolgstap", "parallel": "tegelijk", "melding": "melding"}
FINANCIERING_LABELS = {"zin": "ZIN", "pgb": "PGB", "wlz": "Wlz"}
EMPTY = "nog niet ingevuld"


class Entry(NamedTuple):
    """A measure as it appears in one chapter."""

    measure: Measure
    domain: str
    position: int | None  # its rung in this domain; None: its document sets no order
    canonical: bool  # the one place its full text and anchor are
    next_steps: list[dict[str, str]]
    related: list[Measure]
    rungs: dict[str, int] = {}  # its rung in each domain  # noqa: RUF012


class AgencyChapter(NamedTuple):
    agency: Agency
    entries: list[Entry]

    def open_contacts(self, fields: Iterable[str]) -> tuple[int, int]:
        """(measures of this chapter whose contact lacks one of `fields`, its measures):
        a measure shown here but described in another chapter counts there."""
        own = [e.measure.contact for e in self.entries if e.canonical]
        return sum(any(not getattr(c, f) for f in fields) for c in own), len(own)


class DomainChapter(NamedTuple):
    domain: str
    title: str
    agencies: list[AgencyChapter]


class DocumentChapter(NamedTuple):
    """Another document's measures, apart from the knowledge base's own document: by
    class when the document sets no order, else by agency."""

    document: Document
    classes: dict[str, list[Entry]]


def formats_for(value: str) -> tuple[str, ...]:
    """The outputs a format names: one of OUTPUTS, or "all"."""
    if value not in FORMATS:
        raise UnknownName("format", value, FORMATS)
    return tuple(OUTPUTS) if value == "all" else (value,)


def render_handbook(
    kb: KnowledgeBase,
    *,
    formats: Iterable[str] = ("md", "html"),
    public: bool = False,
    templates: Path | None = None,
) -> dict[str, str]:
    """File name → content of each requested output."""
    import jinja2

    env = _environment(templates)
    context = _context(kb, public)
    try:
        return _render(kb, env, context, formats)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise TemplateError(where, exc.message or "") from exc
    except jinja2.TemplateError as exc:
        import traceback

        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        raise TemplateError(where, exc.message or str(exc)) from exc


def _render(
    kb: KnowledgeBase, env: Any, context: dict[str, Any], formats: Iterable[str]
) -> dict[str, str]:
    out: dict[str, str] = {}
    for fmt in formats:
        template_name, file_name = OUTPUTS[fmt]
        extra: dict[str, Any] = {}
        if fmt == "html":
            # the page rules of the print edition are part of the one hashed stylesheet;
            # no white space around either text: some checkers (the Nu HTML checker) hash
            # the trimmed text, browsers the exact text, and then both agree
            page_rules = page_css(context["toolbox"].title, context["chapters"])
            css = _normalise(_source(env, "handboek.css") + "\n" + page_rules).strip()
            script = _normalise(_source(env, "handboek.js")).strip()
            extra = {
                "css": css,
                "script": script,
                "diagrams_svg": _diagram_parts(kb, context["domains"], render_svg),
                "search_index": script_json(page_index(kb)),
            }
            extra["csp"] = _csp(css, script, extra["search_index"])
        else:
            extra = {"diagrams_mermaid": _diagram_parts(kb, context["domains"], render_mermaid)}
        text = env.get_template(template_name).render(**context, **extra)
        out[file_name] = _tidy(text)
    return out


def _diagram_parts(
    kb: KnowledgeBase, domains: Iterable[str], draw: Callable[[Diagram], str]
) -> dict[str, list[dict[str, Any]]]:
    """Each domain's stromenmodel drawn per agency (a whole domain is unreadable at the
    width of a page): the agency, its name, the drawing and whether its arrows are a
    reconstruction, in the order of the lanes."""
    parts: dict[str, list[dict[str, Any]]] = {}
    for d in domains:
        whole = build_diagram(kb, d)
        parts[d] = []
        for agency, heading in whole.lanes:
            part = part_of(whole, agency)
            parts[d].append(
                {
                    "agency": agency,
                    "heading": heading,
                    "drawing": draw(part),
                    "reconstructed": part.reconstructed,
                }
            )
    return parts


def default_out_dir(data_dir: Path) -> Path:
    """toolbox/ next to the data folder; ./toolbox for the copy bundled in a package."""
    if "_bundled" in data_dir.parts:
        return Path("toolbox")
    return data_dir.parent / "toolbox"


def write_handbook(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write the files into `out_dir` together: all of them or none (see `fsutil`)."""
    from .fsutil import write_files

    if out_dir.exists() and not out_dir.is_dir():
        raise NotAFolder(out_dir)
    return write_files({out_dir / name: text for name, text in files.items()})


def stale_files(files: dict[str, str], out_dir: Path) -> list[Path]:
    """The files in `out_dir` that differ from (or lack) the freshly rendered ones.

    A build that was interrupted between its renames is completed first. A file that is
    not a regular file (a FIFO, a symlink out of `out_dir`, a device) counts as stale and
    is not read; no file is read beyond the length it could have. Line endings do not
    count: a checkout with CRLF (Git for Windows without .gitattributes) is up to date.
    """
    from .fsutil import RefusedFile, read_regular_file, recover_outputs

    with contextlib.suppress(OSError):  # a folder this user cannot write: compare as is
        recover_outputs(out_dir)
    stale = []
    for name, text in files.items():
        path = out_dir / name
        expected = text.encode("utf-8")
        limit = len(expected) + expected.count(b"\n")  # room for a CR before every LF
        try:
            current = read_regular_file(path, limit, inside=out_dir)
        except (OSError, RefusedFile):
            stale.append(path)
            continue
        if current.replace(b"\r\n", b"\n") != expected:
            stale.append(path)
    return stale


# --- Jinja ---------------------------------------------------------------------------


def _environment(templates: Path | None) -> Any:
    import jinja2

    if templates is not None and not templates.is_dir():
        raise NotAFolder(templates)
    search = [templates] if templates is not None else []
    search.append(bundled_templates_dir())
    env = jinja2.Environment(
        loader=_template_loader(search),
        # `select_autoescape(["html"])` would miss "x.html.j2": decide on the name itself
        autoescape=lambda name: bool(name) and name.removesuffix(".j2").endswith((".html", ".svg")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["regio"] = lambda region: region_name(region, DUTCH)
    env.filters["datum"] = lambda iso: written_date(iso, DUTCH)
    env.filters["md_cell"] = md_cell
    env.filters["safe_url"] = safe_url
    env.filters["md_url"] = md_url
    env.filters["or_empty"] = lambda value: value or EMPTY
    env.filters["paragraphs"] = paragraphs
    return env


#: Largest template file read.
MAX_TEMPLATE_BYTES = 1024 * 1024


def _template_loader(folders: list[Path]) -> Any:
    """Jinja's loader for `folders`, in order, reading each template as safely as data:
    a regular file inside its folder, at most MAX_TEMPLATE_BYTES (a FIFO or a symlink to
    /dev/zero named like a template is refused, not read for ever)."""
    import jinja2

    from .fsutil import RefusedFile, read_regular_file

    class SafeLoader(jinja2.BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            parts = jinja2.loaders.split_template_path(template)
            for folder in folders:
                path = folder.joinpath(*parts)
                if not os.path.lexists(path):
                    continue
                try:
                    text = read_regular_file(path, MAX_TEMPLATE_BYTES, inside=folder).decode()
                except (OSError, RefusedFile, UnicodeDecodeError) as exc:
                    raise TemplateError(str(path), _refusal(exc)) from None
                return text, str(path), lambda: True
            raise jinja2.TemplateNotFound(template)

    return SafeLoader()


def _refusal(exc: Exception) -> Message:
    """Why a template file is not read."""
    from .fsutil import FileTooLarge, NotRegularFile, OutsideFolder

    if isinstance(exc, NotRegularFile):
        return msg("this is {kind}, not a regular file; it is not read", kind=Message(exc.kind))
    if isinstance(exc, OutsideFolder):
        return msg("a symbolic link out of the templates folder; it is not read")
    if isinstance(exc, FileTooLarge):
        return msg("larger than {limit:,} bytes; it is not read", limit=MAX_TEMPLATE_BYTES)
    if isinstance(exc, UnicodeDecodeError):
        return msg("not UTF-8; save the template as UTF-8")
    reason = getattr(exc, "strerror", None) or str(exc)
    return msg("cannot read it: {reason}", reason=Message(reason))


def _source(env: Any, name: str) -> str:
    source, _, _ = env.loader.get_source(env, name)
    return source


def _csp(css: str, script: str, data: str) -> str:
    """The page's policy: its one style and script by hash, and nothing from elsewhere.
    The search index (`data`) is a JSON block no browser runs; its hash is listed too, so
    that a checker that treats every inline `<script>` alike finds none unaccounted for."""

    def digest(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    return (
        "default-src 'none'; "
        f"style-src '{digest(css)}'; "
        f"script-src '{digest(script)}' '{digest(data)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _normalise(text: str) -> str:
    """No trailing spaces, at most one blank line in a row (idempotent)."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text)


def _tidy(text: str) -> str:
    """A rendered file, normalised, with one newline at the end.

    The inline CSS and script are normalised the same way before their CSP hashes are
    taken, so tidying the page never changes what the hashes cover.
    """
    return _normalise(text).strip("\n") + "\n"


# --- filters -------------------------------------------------------------------------

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
    line = str(text)
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


# --- the context: the knowledge base arranged as the handbook's chapters --------------


def _context(kb: KnowledgeBase, public: bool) -> dict[str, Any]:
    main = kb.toolbox.document
    canonical: set[str] = set()
    domains: dict[str, DomainChapter] = {}
    for domain in DOMAINS:
        chapters = []
        for agency in kb.agencies:
            entries = []
            for m in kb.ladder(agency.id, domain, main):
                first = m.id not in canonical
                canonical.add(m.id)
                entries.append(_entry(kb, m, domain, first))
            if entries:
                chapters.append(AgencyChapter(agency, entries))
        if chapters:
            domains[domain] = DomainChapter(domain, DOMAIN_TITLES.get(domain, domain), chapters)
    others: list[DocumentChapter] = []
    for document in kb.documents:
        if document.id == main:
            continue
        classes: dict[str, list[Entry]] = {}
        for m in kb.measures:
            if m.document == document.id and m.id not in canonical:
                domain = next(d for d in DOMAINS if d in m.domains)
                canonical.add(m.id)
                classes.setdefault(m.instrument, []).append(_entry(kb, m, domain, True))
        if classes:
            ordered = {c: classes[c] for c in INSTRUMENTS if c in classes}
            others.append(DocumentChapter(document, ordered))
    hk = kb.handhavingskader
    process = next((f for f in kb.flows if f.kind == "proces"), None)
    agencies_measures = {a.id: kb.measures_of(a.id) for a in kb.agencies}
    fields = PUBLIC_CONTACT if public else CONTACT_FIELDS
    gaps = contact_gaps(kb, fields)
    context = {
        "toolbox": kb.toolbox,
        "main_document": kb.documents_by_id[main],
        "documents": kb.documents,
        "documents_by_id": kb.documents_by_id,
        "public": public,
        "sections": [s for s in kb.toolbox.sections if s.id != STROMENMODEL_SECTION],
        "stromenmodel_section": next(
            (s for s in kb.toolbox.sections if s.id == STROMENMODEL_SECTION), None
        ),
        "domains": domains,
        "arrows": {d: _arrows(kb, d) for d in domains},
        "hk": hk,
        "hk_lists": _hk_lists(hk),
        "hk_classes": {c.id for c in hk.instrument_classes} if hk else set(),
        "other_documents": others,
        "instrument_order": INSTRUMENTS,
        "process": process,
        "agencies": kb.agencies,
        "agency_measures": agencies_measures,
        "agencies_by_id": kb.agencies_by_id,
        "glossary": sorted(kb.glossary, key=lambda t: fold(t.term)),
        "index": sorted(kb.measures, key=lambda m: (fold(m.title), m.id)),
        "kind_labels": KIND_LABELS,
        "financiering_labels": FINANCIERING_LABELS,
        "measure_count": len(kb.measures),
        "edition": kb.toolbox.edition,
        # what the edition shows of a contact, and so what is left to fill in
        "contact_gaps": gaps,
        "gap_fields": fields,
        "contact_titles": CONTACT_TITLES,
        "contact_labels": CONTACT_LABELS,
        "contact_list": lambda names: ", ".join(CONTACT_LABELS[n] for n in names),
        "term_anchor": term_anchor,
        "basis_explanation": DUTCH(BASIS_EXPLANATION),
        "mark_legend": mark_legend(DUTCH),
        "mark": _per_record(mark),
        "herkomst": _per_record(lambda record: herkomst(kb, record)),
        "document_line": lambda title, region, date: document_line(title, region, date, DUTCH),
        "basis_labels": {b: DUTCH(label) for b, label in BASIS_LABELS.items()},
        "strength_labels": {s: DUTCH(label) for s, label in STRENGTH_LABELS.items()},
        "ladder_cards": ladder_cards(domains, kb.agencies),
        "accessibility": statement_facts(),
    }
    context["chapters"] = numbered_chapters(context)
    return context


T = TypeVar("T")


def _per_record(function: Callable[..., T]) -> Callable[..., T]:
    """`function(record, *args)`, worked out once per record and arguments for the whole
    render: both formats ask the same of every measure. Records are keyed by identity,
    and the cache holds each record, so no other object can take its identity."""
    seen: dict[tuple[Any, ...], tuple[Any, T]] = {}

    def once(record: Any, *args: Any) -> T:
        key = (id(record), *args)
        hit = seen.get(key)
        if hit is None or hit[0] is not record:
            hit = seen[key] = (record, function(record, *args))
        return hit[1]

    return once


#: A measure's contact fields as the handbook heads them, and as it names them in a
#: sentence ("zonder contactpersoon").
CONTACT_TITLES = {
    "verantwoordelijk": "Verantwoordelijk",
    "contactpersoon": "Contactpersoon",
    "contactgegevens": "Contactgegevens",
}
CONTACT_LABELS = {
    "verantwoordelijk": "verantwoordelijke",
    "contactpersoon": "contactpersoon",
    "contactgegevens": "contactgegevens",
}

#: The numbered lists of the Handhavingskader, in the order of its text, with their
#: anchors and headings in the handbook.
HK_LISTS = (
    ("beslispunten", "decisions", "Beslispunten van de portefeuillehouders (1.1)"),
    ("stappen", "steps", "De stappen van Hoogwaardig Handhaven (2.1)"),
    ("doelen", "goals", "Doelen van handhaven (3.1)"),
    ("risicos", "risks", "Waar de risico's liggen (3.2)"),
)


def _hk_lists(hk: Any) -> list[tuple[str, str, Any]]:
    """The Handhavingskader's numbered lists that hold items: (anchor, heading, items)."""
    if hk is None:
        return []
    return [
        (a, heading, getattr(hk, field)) for a, field, heading in HK_LISTS if getattr(hk, field)
    ]


def mark(record: Sourced, field: str) -> str:
    """The reader's mark of a field that is not the document's own words ("" if it is)."""
    return BASIS_MARKS[basis_of(record, field).basis]


def herkomst(kb: KnowledgeBase, record: Sourced) -> list[dict[str, str]]:
    """Where each of a record's statements comes from, for those that are not simply the
    document's own words: the field, the basis, its reason and the passage it reads."""
    rows = []
    for name, b in field_bases(record).items():
        if b.basis == "source" and not b.quote:
            continue
        document = kb.documents_by_id.get(b.document or "")
        where = ", ".join(x for x in (document.title if document else "", b.section) if x)
        rows.append(
            {
                "field": DUTCH(FIELD_LABELS.get(name, name)),
                "basis": DUTCH(BASIS_LABELS[b.basis]),
                "reason": b.reason,
                "quote": " ".join(b.quote.split()),
                "where": where,
            }
        )
    return rows


def _entry(kb: KnowledgeBase, m: Measure, domain: str, canonical: bool) -> Entry:
    details = measure_details(kb, m)
    steps: list[dict[str, Any]] = []
    for link in details.outgoing:  # an arrow both domains' flows share is listed once
        step = {
            "id": link.other,
            "title": link.other_title,
            "kind": link.edge.kind,
            "is_measure": link.other in kb.measures_by_id,
        }
        if step not in steps:
            steps.append(step)
    return Entry(m, domain, kb.rung(m, domain), canonical, steps, details.related, kb.rungs(m))


def _arrows(kb: KnowledgeBase, domain: str) -> list[dict[str, Any]]:
    """Every arrow of the domain's flows of the knowledge base's own document, as a table
    for readers who cannot see the SVG: with what each arrow rests on."""
    rows = []
    for flow in kb.flows_of(kb.toolbox.document, domain):
        titles = {s.id: s.title for s in flow.steps}
        for e in flow.edges:
            rows.append(
                {
                    "from": e.from_,
                    "to": e.to,
                    "from_title": _title(kb, titles, e.from_),
                    "to_title": _title(kb, titles, e.to),
                    "kind": e.kind,
                    "why": e.reason,
                    "basis": DUTCH(BASIS_LABELS[e.basis]),
                    "strength": DUTCH(STRENGTH_LABELS[e.strength]) if e.strength else "",
                    "quotes": [(" ".join(q.text.split()), q.section) for q in e.quotes],
                    "against": [(" ".join(q.text.split()), q.section) for q in e.against],
                    "from_is_measure": e.from_ in kb.measures_by_id,
                    "to_is_measure": e.to in kb.measures_by_id,
                }
            )
    return rows


def _title(kb: KnowledgeBase, steps: dict[str, str], node: str) -> str:
    m = kb.measures_by_id.get(node)
    return m.title if m else steps.get(node, node)
