"""Output: how results reach the terminal (rich lives here and nowhere else).

Human output is laid out here and styled by rich on a terminal, plain when piped or when
NO_COLOR is set; machine output (`--json`, `--format json|github`) is plain text on
stdout. Errors go to stderr.

Nothing reaches a terminal or a CI log unneutralised: every string passes `neutralise`
(control, bidirectional and zero-width characters, and bytes of file names that are not
UTF-8, shown as visible escapes such as `\\x1b`; no line that a CI runner reads as a
command), and JSON output escapes what json.dumps leaves raw (see `print_json`).
"""

from __future__ import annotations

import io
import os
import re
import sys
import textwrap
from typing import TYPE_CHECKING, Any

from .labels import BASIS_LABELS, BASIS_MARKS, MARK_LEGEND, STRENGTH_LABELS, document_line
from .provenance import basis_of, field_bases

if TYPE_CHECKING:
    from .advice import Advice, Candidate, Group, Weighed
    from .findings import Finding
    from .flowgraph import Node, Notice, Route, Step, TreeNode
    from .kb import KnowledgeBase
    from .models import Agency, FieldBasis, Measure, Sourced, Term
    from .queries import FlowLink, Hit, MeasureDetails, Placement
    from .validation import Validation


# --- what reaches a terminal or a CI log ----------------------------------------------

#: Shown as escapes: C0 and C1 controls (ESC starts terminal sequences: clearing the
#: screen, writing the clipboard with OSC 52, hidden links with OSC 8), DEL, the line
#: and paragraph separators, noncharacters, bidirectional controls, zero-width characters
#: and lone surrogates (the bytes of a file name that is not UTF-8).
_INVISIBLE = (
    "\x7f-\x9f\u200b-\u200d\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufffe\uffff"
)
_UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]")
_UNSAFE_IN_JSON = re.compile(f"[{_INVISIBLE}]|##\\[")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _no_command(line: str) -> str:
    """A line a CI runner cannot read as a command: GitHub Actions takes a line that
    starts with `::` (after white space) as a workflow command, and `##[` anywhere in it
    as an old-style one."""
    rest = line.lstrip()
    if rest.startswith("::"):
        line = line[: len(line) - len(rest)] + "\\x3a" + rest[1:]
    return line.replace("##[", "#\\x23[")


def neutralise(text: str, *, multiline: bool = False) -> str:
    """`text` made safe for a terminal or a CI log, with everything still readable.

    Control characters (also newline and tab, unless `multiline`), bidirectional and
    zero-width characters and undecodable bytes become visible escapes (`\\x1b`,
    `\\u202e`, `\\xff`), and no line can start a CI workflow command. With `multiline`
    the text keeps its newlines and tabs and every line is guarded.
    """
    if multiline:
        text = _UNSAFE_IN_TEXT.sub(_visible, text)
        return "\n".join(_no_command(line) for line in text.split("\n"))
    return _no_command(_UNSAFE_IN_LINE.sub(_visible, text))


def _out(text: str) -> None:
    """Write `text` to stdout, all of it.

    Under PYTHONUNBUFFERED (or `python -u`) the text layer of stdout sits directly on the
    file, and when the reader goes away mid-write it keeps the part the system took and
    drops the rest without a word; there the bytes are written in a loop, so a closed pipe
    is always noticed (and the output is never cut short silently).

    A closed pipe raises BrokenPipeError (the command line ends quietly with 141); any
    other failure (a full disk behind stdout) raises WriteError, after which nothing more
    is written to stdout.
    """
    try:
        _write_all(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        from .errors import WriteError

        silence_stdout()
        raise WriteError(f"cannot write the output: {exc.strerror or exc}") from None


def _write_all(text: str) -> None:
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if not isinstance(raw, io.FileIO):
        stream.write(text)
        return
    stream.flush()
    view = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    while view:
        written = raw.write(view)
        if not written:  # a non-blocking stdout that is full: leave the rest to the stream
            stream.write(bytes(view).decode(stream.encoding or "utf-8", "replace"))
            return
        view = view[written:]


def _err(text: str) -> None:
    """Write to stderr; when even that fails there is no one left to tell."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def echo(text: str = "") -> None:
    """A line of text on stdout, neutralised (one line, whatever `text` holds)."""
    _out(neutralise(text) + "\n")


def echo_error(message: str) -> None:
    """A one-line error on stderr, neutralised."""
    _err(neutralise(f"Error: {message}") + "\n")


def echo_finding(finding: Finding) -> None:
    """A located problem on stderr, as `PATH:LINE:COL: CODE message`, neutralised."""
    _err(neutralise(str(finding)) + "\n")


def print_json(value: Any) -> None:
    """JSON on stdout. Non-ASCII text stays readable (ensure_ascii=False); what json.dumps
    would leave raw besides (C1 controls, bidirectional and zero-width characters, lone
    surrogates) and `##[` are written as JSON escapes: the same value, inert in a log."""
    import json

    text = json.dumps(value, indent=2, ensure_ascii=False)
    _out(_UNSAFE_IN_JSON.sub(_json_escape, text) + "\n")


def _json_escape(match: re.Match[str]) -> str:
    found = match.group()
    return "##\\u005b" if found == "##[" else f"\\u{ord(found):04x}"


def write_text(text: str) -> None:
    """Text of several lines (a diagram) on stdout, neutralised line by line."""
    _out(neutralise(text, multiline=True))


# --- ending: flushing stdout --------------------------------------------------------


def prepare_streams() -> None:
    """Never fail on a character the output's encoding lacks (a cp1252 console, or
    PYTHONIOENCODING=ascii): write it as a backslash escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _is_devnull(fd: int) -> bool:
    try:
        here, null = os.fstat(fd), os.stat(os.devnull)
    except (OSError, ValueError):
        return False
    return (here.st_rdev, here.st_ino, here.st_dev) == (null.st_rdev, null.st_ino, null.st_dev)


def stdout_is_devnull() -> bool:
    """Whether stdout is /dev/null, and not because `silence_stdout` made it so (rich
    points it there after a closed pipe)."""
    if _silenced:
        return False
    try:
        return _is_devnull(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


_silenced = False


def silence_stdout() -> None:
    """After the reader of stdout went away: let nothing try to write there again (the
    interpreter's last flush would complain on stderr)."""
    global _silenced
    _silenced = True
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real descriptor (tests)
        pass


def flush_stdout() -> str | None:
    """Flush stdout; None when that worked, else "pipe" for a reader that went away or
    the reason a write failed (a full disk)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return "pipe"
    except OSError as exc:
        silence_stdout()
        return exc.strerror or type(exc).__name__
    return None


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def validation_summary(result: Validation) -> str:
    """One line: what was checked and what was found."""
    errors, warnings = len(result.errors), len(result.warnings)
    name = result.data_dir.name + "/"
    if result.kb is not None:
        kb = result.kb
        edges = sum(len(f.edges) for f in kb.flows)
        what = (
            f"{_plural(len(kb.measures), 'measure')}, "
            f"{_plural(len(kb.agencies), 'agency', 'agencies')}, "
            f"{_plural(len(kb.flows), 'flow')} ({_plural(edges, 'edge')}), "
            f"{_plural(len(kb.glossary), 'glossary term')}"
        )
        tail = f"; {_plural(warnings, 'warning')}" if warnings else ""
        return f"{name} is valid: {what}{tail}"
    files = len({f.location.path for f in result.findings if f.is_error})
    return (
        f"{name}: {_plural(errors, 'error')} and {_plural(warnings, 'warning')} "
        f"in {_plural(files, 'file')} ({result.files_read} files read)"
    )


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github_line(f: Finding) -> str:
    """One workflow annotation; the data in it neutralised, so it stays one annotation."""
    loc = f.location
    level = "error" if f.is_error else "warning"
    props = (
        f"file={_github_escape(neutralise(loc.path), prop=True)},line={loc.line},"
        f"col={loc.column},title={_github_escape(neutralise(f.code), prop=True)}"
    )
    return f"::{level} {props}::{_github_escape(neutralise(str(f.message)))}"


def print_validation(result: Validation, fmt: str) -> None:
    """Every finding in the chosen format: text, json or github."""
    if fmt == "json":
        print_json([f.as_dict() for f in result.findings])
        return
    for finding in result.findings:
        if fmt == "github":  # the only lines that start with '::', on purpose
            _out(_github_line(finding) + "\n")
        else:
            echo(str(finding))
    echo(validation_summary(result))


# --- human output of the query commands ----------------------------------------------
#
# Output is laid out here as lines of styled pieces, wrapped to the terminal width (80
# when piped). On a terminal it is printed through rich, with bold headings and dim
# labels; when piped, or with NO_COLOR set, the same lines are written as plain text
# without loading rich at all (every query is a process start, so that matters).

EMPTY = "nog niet ingevuld"

Piece = tuple[str, str]  # (text, rich style)


def _use_colour() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _width() -> int:
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


class _Page:
    """Lines of styled pieces, printed at the end by `show()`."""

    def __init__(self) -> None:
        self.width = _width()
        self.lines: list[list[Piece]] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append([])

    def heading(self, text: str) -> None:
        for part in textwrap.wrap(text, self.width, break_on_hyphens=False) or [""]:
            self.lines.append([(part, "bold")])

    def text(self, text: str, indent: int = 0, style: str = "") -> None:
        """A paragraph, wrapped; continuation lines indented like the first."""
        pad = " " * indent
        for part in textwrap.wrap(
            text, self.width, initial_indent=pad, subsequent_indent=pad, break_on_hyphens=False
        ) or [pad]:
            self.lines.append([(part, style)])

    def field(self, label: str, value: str, label_width: int) -> None:
        """`label: value`, the value wrapped under itself."""
        head = f"{label + ':':<{label_width + 1}} "
        wrapped = textwrap.wrap(
            value,
            self.width,
            initial_indent=head,
            subsequent_indent=" " * len(head),
            break_on_hyphens=False,
        ) or [head]
        self.lines.append([(head, "dim"), (wrapped[0][len(head) :], "")])
        self.lines.extend([[(line, "")] for line in wrapped[1:]])

    def table(self, columns: list[str], rows: list[list[str]], wrap: int) -> None:
        """Columns padded to their widest cell; column `wrap` takes what width is left."""
        widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
        fixed = sum(w for i, w in enumerate(widths) if i != wrap) + 2 * (len(columns) - 1)
        widths[wrap] = max(12, min(widths[wrap], self.width - fixed))
        self.lines.append([(self._row(columns, widths, wrap)[0], "bold")])
        self.lines.append([("  ".join("─" * w for w in widths), "dim")])
        for row in rows:
            self.lines.extend([[(line, "")] for line in self._row(row, widths, wrap)])

    @staticmethod
    def _row(cells: list[str], widths: list[int], wrap: int) -> list[str]:
        parts = [
            textwrap.wrap(c, widths[i], break_on_hyphens=False) or [""] if i == wrap else [c]
            for i, c in enumerate(cells)
        ]
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
        if not _use_colour():
            _out("".join(_no_command("".join(t for t, _ in line)) + "\n" for line in lines))
            return
        # The lines are laid out already; rich's Style renders the ANSI codes. (Its Console
        # would lay out again, and costs 20 ms more to import on every query.)
        from rich.style import Style

        styles = {name: Style.parse(name) for line in lines for _, name in line if name}
        _out(
            "".join(
                "".join(styles[name].render(piece) if name else piece for piece, name in line)
                + "\n"
                for line in lines
            )
        )


def print_placements(kb: KnowledgeBase, placements: list[Placement]) -> None:
    """`measures`: a ladder table per document, agency and domain; each document's
    ladders apart, under the document's title and region."""
    groups: dict[tuple[str, str, str], list[list[str]]] = {}
    marked = False
    for p in placements:
        m = p.measure
        key = (m.document, m.agency, p.domain)
        rung = str(p.position) if p.position is not None else ""
        instrument = m.instrument + _mark(m, "instrument")
        target = m.target + _mark(m, "target")
        title = m.title + _mark(m, "title")
        marked = marked or instrument != m.instrument or target != m.target or title != m.title
        groups.setdefault(key, []).append([rung, title, instrument, target])
    page = _Page()
    shown_document = None
    for (document_id, agency, domain), rows in groups.items():
        document = kb.documents_by_id[document_id]
        if document_id != shown_document:
            shown_document = document_id
            page.blank()
            page.heading(document_line(document.title, document.region, document.date))
            if document.ladder == "classes":
                page.text(
                    "Dit document kent geen vaste volgorde: de maatregelen staan per klasse.",
                    style="dim",
                )
        page.blank()
        page.heading(f"{_agency_heading(kb.agencies_by_id[agency])} · {domain}")
        page.table(["pos", "measure", "instrument", "target"], rows, wrap=1)
    if marked:
        page.blank()
        page.text(MARK_LEGEND, style="dim")
    page.show()


def _mark(record: Sourced, field: str) -> str:
    """The mark of a field that is not the document's own words ("" when it is)."""
    return BASIS_MARKS[basis_of(record, field).basis]


def _agency_heading(agency: Agency) -> str:
    if agency.full_name and agency.full_name != agency.name:
        return f"{agency.name} ({agency.full_name})"
    return agency.name


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nee")


def _paragraphs(text: str) -> list[str]:
    return [p for p in (" ".join(part.split()) for part in text.split("\n\n")) if p]


def _fields(page: _Page, fields: list[tuple[str, str]]) -> None:
    width = max((len(label) for label, _ in fields), default=0)
    for label, value in fields:
        page.field(label, value, width)


def _section(page: _Page, heading: str, items: list[str]) -> None:
    if items:
        page.blank()
        page.heading(heading)
        for item in items:
            page.text(item, indent=2)


def _flow_line(arrow: str, link: FlowLink) -> str:
    agency = f" [{link.other_agency}]" if link.other_agency else ""
    e = link.edge
    return (
        f"{arrow} {e.kind}: {link.other_title} ({link.other}){agency} — {e.reason} "
        f"[{_arrow_basis(e.basis, e.strength)}]"
    )


def _arrow_basis(basis: str, strength: str | None) -> str:
    label = BASIS_LABELS[basis]
    return f"{label}; {STRENGTH_LABELS[strength]}" if strength else label


def _basis_line(name: str, b: FieldBasis, kb: KnowledgeBase) -> str:
    """'instrument: afgeleid uit de tekst — reason — «quote» (document, section)'."""
    parts = [f"{name}: {BASIS_LABELS[b.basis]}"]
    if b.reason:
        parts.append(b.reason)
    if b.quote:
        parts.append(f"«{_flat(b.quote)}» ({_where(kb, b.document, b.section)})")
    return " — ".join(parts)


def _where(kb: KnowledgeBase, document_id: str | None, section: str) -> str:
    document = kb.documents_by_id.get(document_id or "")
    title = document.title if document else (document_id or "")
    return f"{title}, {section}" if section else title


def _flat(text: str) -> str:
    return " ".join(text.split())


def print_measure_details(kb: KnowledgeBase, details: MeasureDetails) -> None:
    """`show`: everything about one measure, and where each statement comes from."""
    m = details.measure
    document = kb.document_of(m)

    def rung(domain: str, position: int | None) -> str:
        return f"{domain} (position {position})" if position is not None else domain

    fields = [
        ("id", m.id),
        ("document", document_line(document.title, document.region, document.date)),
        ("section", m.section),
        ("agency", _agency_heading(details.agency)),
        ("domains", ", ".join(rung(d, p.position) for d, p in m.domains.items())),
        ("instrument", m.instrument + _mark(m, "instrument")),
        ("target", m.target + _mark(m, "target")),
    ]
    optional = [
        ("decided by", m.decided_by + _mark(m, "decided_by") if m.decided_by else ""),
        (
            "collegebesluit",
            _yes_no(m.collegebesluit) + _mark(m, "collegebesluit")
            if m.collegebesluit is not None
            else "",
        ),
        (
            "financiering",
            ", ".join(m.financiering) + _mark(m, "financiering") if m.financiering else "",
        ),
        ("legal basis", m.legal_basis + _mark(m, "legal_basis") if m.legal_basis else ""),
    ]
    fields += [(label, value) for label, value in optional if value]
    page = _Page()
    page.heading(m.title + _mark(m, "title"))
    _fields(page, fields)
    description = _paragraphs(m.description)
    if description and _mark(m, "description"):
        description.append(f"({BASIS_LABELS[basis_of(m, 'description').basis]})")
    _section(page, "description", description)
    _section(
        page,
        "contact" + _mark(m, "contact"),
        [
            f"{k}: {getattr(m.contact, k) or EMPTY}"
            for k in ("verantwoordelijk", "contactpersoon", "contactgegevens")
        ],
    )
    _section(
        page, "links", [f"{x.title}: {x.url or '(address not in the source)'}" for x in m.links]
    )
    _section(
        page, "next steps (stromenmodel)", [_flow_line("→", link) for link in details.outgoing]
    )
    _section(page, "comes after", [_flow_line("←", link) for link in details.incoming])
    _section(
        page,
        "related measures (same kind of step in another document)",
        [
            f"{r.title} ({r.id}) [{r.agency} · {kb.document_of(r).title}, "
            f"regio {kb.document_of(r).region}]"
            for r in details.related
        ],
    )
    _section(page, "notes", _paragraphs(m.notes))
    bases = field_bases(m)
    not_source = [
        _basis_line(name, b, kb) for name, b in bases.items() if b.basis != "source" or b.quote
    ]
    _section(page, "herkomst (waar elk gegeven vandaan komt)", not_source)
    if any(b.basis != "source" for b in bases.values()):
        page.text(MARK_LEGEND, indent=2, style="dim")
    page.show()


def print_agencies(kb: KnowledgeBase, agencies: list[Agency]) -> None:
    """`agencies`: one row per agency with its number of measures per domain (of every
    document together)."""
    rows = [
        [
            a.id,
            a.name,
            a.kind,
            str(len(kb.ladder(a.id, "fraude"))),
            str(len(kb.ladder(a.id, "overlast"))),
        ]
        for a in agencies
    ]
    page = _Page()
    page.table(["id", "name", "kind", "fraude", "overlast"], rows, wrap=1)
    page.show()


def print_agency(kb: KnowledgeBase, agency: Agency) -> None:
    """`agencies ORG`: one agency with its ladders."""
    fields = [("id", agency.id), ("full name", agency.full_name), ("kind", agency.kind)]
    fields = [(label, value) for label, value in fields if value]
    if agency.organisations:
        fields.append(("organisations", "; ".join(agency.organisations)))
    page = _Page()
    page.heading(agency.name)
    _fields(page, fields)
    _section(page, "description", _paragraphs(agency.description))
    for domain in ("fraude", "overlast"):
        for document, ladder in kb.ladders(agency.id, domain):
            _section(
                page,
                f"ladder {domain} · {document.title} (regio {document.region})",
                [_rung_line(m, domain) for m in ladder],
            )
    _section(page, "links", [f"{link.title}: {link.url}" for link in agency.links])
    page.show()


def _rung_line(m: Measure, domain: str) -> str:
    position = m.domains[domain].position  # type: ignore[index]
    head = f"{position}. " if position is not None else ""
    return f"{head}{m.title} ({m.id}) — {m.instrument}{_mark(m, 'instrument')}"


def print_terms(terms: list[Term]) -> None:
    """`glossary`: term (abbreviation), definition."""
    page = _Page()
    for t in terms:
        page.blank()
        page.heading(f"{t.term} ({t.abbreviation})" if t.abbreviation else t.term)
        page.text(t.definition, indent=2)
        if t.see_also:
            page.text(f"see also: {', '.join(t.see_also)}", indent=2, style="dim")
    page.show()


def print_hits(hits: list[Hit]) -> None:
    """`search`: each hit with why it matched."""
    page = _Page()
    for h in hits:
        page.blank()
        page.heading(f"{h.kind}: {h.title}" + ("" if h.kind == "term" else f" ({h.id})"))
        for match in h.matches[:3]:
            how = "matched" if match.exact else "similar to"
            found = ", ".join(match.words)
            page.text(f"{match.field} ({how} {found}): {match.snippet}", indent=2)
    page.show()


# --- the stromenmodel ------------------------------------------------------------------

KIND_HEADINGS = {
    "vervolg": "vervolg (next step)",
    "parallel": "parallel (at the same time)",
    "melding": "melding (signal to another organisation)",
    "ladder": "ladder (next rung, no arrow)",
}


def _node_line(node: Node) -> str:
    what = " · ".join(x for x in (node.agency, node.instrument) if x)
    return f"{node.title} ({node.id}) [{what}]"


def _step_line(step: Step) -> str:
    weight = f", {step.weight}" if step.weight else ""
    what = " · ".join(x for x in (step.node.agency, step.node.instrument) if x)
    return f"{step.node.title} ({step.node.id}) [{what}{weight}]"


def print_next(
    kb: KnowledgeBase, measure: Measure, domains: list[str], tree: list[TreeNode], notice: Notice
) -> None:
    """`next`: the suggested next steps, grouped by kind; deeper levels as a tree."""
    page = _Page()
    page.heading(f"After: {measure.title} ({measure.id})")
    page.text(
        f"{kb.agencies_by_id[measure.agency].name} · {measure.instrument} · "
        f"domain {', '.join(domains)}",
        style="dim",
    )
    page.text(notice.text, style="dim")
    if notice.quote:
        page.text(
            f"«{_flat(notice.quote)}» ({_where(kb, notice.document, notice.section)})",
            style="dim",
        )
    if not tree:
        page.blank()
        page.text("No next steps are suggested.")
    for kind in ("vervolg", "parallel", "melding", "ladder"):
        group = [t for t in tree if t.step.kind == kind]
        if not group:
            continue
        page.blank()
        page.heading(KIND_HEADINGS[kind])
        for node in group:
            _tree_lines(page, node, 1)
    page.show()


def _tree_lines(page: _Page, node: TreeNode, level: int) -> None:
    indent = 2 + 4 * (level - 1)
    prefix = "→ " if level == 1 else f"{node.step.kind} → "
    page.text(prefix + _step_line(node.step), indent=indent)
    _why_lines(page, node.step, indent + 4)
    for child in node.children:
        _tree_lines(page, child, level + 1)


def _why_lines(page: _Page, step: Step, indent: int) -> None:
    """The reason of a step, what it rests on, and what pulls the other way."""
    page.text(f"{step.why} [{_arrow_basis(step.basis, step.strength)}]", indent=indent, style="dim")
    for q in step.quotes:
        page.text(f"«{_flat(q.text)}» ({q.section})", indent=indent + 2, style="dim")
    for q in step.against:
        page.text(f"maar: «{_flat(q.text)}» ({q.section})", indent=indent + 2, style="dim")


def print_routes(source: Measure, target: Measure, domains: list[str], routes: list[Route]) -> None:
    """`path`: each route as numbered steps, with the agencies involved."""
    page = _Page()
    page.heading(f"Routes from {source.id} to {target.id} (domain {', '.join(domains)})")
    if not routes:
        page.text("No route through the stromenmodel joins these measures.")
    for number, route in enumerate(routes, 1):
        page.blank()
        page.heading(f"Route {number}: {len(route.steps)} step(s) · {', '.join(route.agencies)}")
        page.text(_node_line(route.nodes[0]), indent=2)
        for step in route.steps:
            page.text(f"{step.kind} → {_step_line(step)}", indent=2)
            _why_lines(page, step, 6)
    page.show()


# --- advise ---------------------------------------------------------------------------
#
# Every label of the advice's human output is here, in one place (issue 13 moves them
# into the message catalogue). Data text (the why of a setting, quotes) is Dutch.

ADVICE_LABELS = {
    "weighing": "weighing",
    "direct": "given directly",
    "range": "range",
    "rule": "rule",
    "setting": "regional setting",
    "status": (
        "The range is the region's chosen reading of the {framework}, set in advies.yaml; "
        "it is not a rule of the {title} itself."
    ),
    "sensitivity": "sensitivity: one step lighter or heavier",
    "if": "if {name} were {value}",
    "unchanged": "(unchanged)",
    "aangifte": "strafbaar feit: aangifte, whatever the range",
    "candidates": "candidates, least intrusive first",
    "framework rules": "its rules apply: who decides, collegebesluit, ZIN/PGB",
    "own rules": "each agency decides on its own measures",
    "own decision": "own decision of {agency}",
    "meld en deel": "meld en deel (signalering, below the ladder)",
    "taken": "already taken, and what could come next",
    "no next": "No next step in the stromenmodel; see the options above.",
    "lighter": "nearest lighter: {measure}",
    "heavier": "nearest heavier: {measure}",
    "no heavier": "no heavier measure on its own ladder in {domain}",
    "no change": "no change",
    "no ladder": "{agency} has no measures in {domain}",
    "able": "agencies with measures in this range: {agencies}",
    "nobody": "no agency has a measure in this range",
}

#: Why an agency has no candidate in the range (advice.Gap.reason).
GAP_LABELS = {
    "none-in-range": "no measure in {range} in the {document}",
    "only-signalering": "only signalling measures in {domain} (see meld en deel)",
    "taken": "every measure in {range} is already taken",
    "financiering": "no measure in {range} for financiering {financiering}",
    "out-of-scope": "its instruments are not for financiering {financiering} ({why})",
}


def _range(pair: tuple[str, str]) -> str:
    return pair[0] if pair[0] == pair[1] else f"{pair[0]} … {pair[1]}"


def _framework_name(document: Any) -> str:
    """'Handhavingskader Wmo, regio Brabant Noordoost-Oost'."""
    return f"{document.title}, regio {document.region}"


def _quote_lines(page: _Page, kb: KnowledgeBase, quotes: Any, default: str, indent: int) -> None:
    for q in quotes:
        where = _where(kb, q.document or default, q.section)
        page.text(f"«{_flat(q.text)}» ({where})", indent=indent, style="dim")


def _weighed_line(w: Weighed) -> str:
    name = "kans op herhaling" if w.factor == "herhaling" else w.factor
    if w.direct:
        return f"{name}: {w.level} ({ADVICE_LABELS['direct']})"
    pairs = [f"{a} {v}" for a, v in w.aspects]
    if w.factor == "herhaling":
        step = f"+{w.shift} → {w.level}" if w.shift else ADVICE_LABELS["no change"]
        head = f"{pairs[0]} × {pairs[1]}: {w.table_level}; {pairs[2]}: {step}"
        return f"{name}: {w.level} — {head} ({BASIS_LABELS[w.rule.basis]})"
    return f"{name}: {w.level} — {' × '.join(pairs)} ({BASIS_LABELS[w.rule.basis]})"


def _decider(c: Candidate, framework: bool, agency: str) -> str:
    d = c.decider
    if not framework:
        own = ADVICE_LABELS["own decision"].format(agency=agency)
        return f"decided by: {d.decided_by} ({own})" if d.decided_by else own
    if d.decided_by_source is None:
        who = "decided by: not in the sources"
    elif d.decided_by_source == "instrument_class":
        who = f"decided by: {d.decided_by} (rule of class {c.measure.instrument})"
    else:
        who = f"decided by: {d.decided_by}"
    if d.collegebesluit is not None:
        who += f" · collegebesluit: {_yes_no(d.collegebesluit)}"
        if d.collegebesluit_source == "instrument_class":
            who += f" (rule of class {c.measure.instrument})"
    return who


def _candidate_lines(
    page: _Page, kb: KnowledgeBase, c: Candidate, framework: bool, indent: int
) -> None:
    m = c.measure
    head = f"{c.position}. " if c.position is not None else ""
    page.text(f"{head}{m.title} ({m.id})", indent=indent)
    fin = f" · {', '.join(m.financiering)}" if framework and m.financiering else ""
    who = _decider(c, framework, kb.agencies_by_id[m.agency].name)
    page.text(f"{m.instrument} · {m.target}{fin} · {who}", indent=indent + 4, style="dim")


def _gap_lines(page: _Page, advice: Advice, group: Group) -> None:
    gap = group.gap
    assert gap is not None
    f = advice.factors
    why = ""
    if gap.reason == "out-of-scope":
        why = "its instruments are for " + ", ".join(advice.config.financiering)
    text = GAP_LABELS[gap.reason].format(
        range=_range((advice.lower, advice.upper)),
        document=group.document.title,
        domain=f.domain,
        financiering=f.financiering,
        why=why,
    )
    page.text(text, indent=4)
    for key, rung in (("lighter", gap.lighter), ("heavier", gap.heavier)):
        if rung is not None:
            m = rung.measure
            label = f"{m.title} ({m.id}) [{m.instrument}]"
            page.text(ADVICE_LABELS[key].format(measure=label), indent=6, style="dim")
    if gap.reason == "none-in-range" and gap.heavier is None:
        page.text(ADVICE_LABELS["no heavier"].format(domain=f.domain), indent=6, style="dim")


def _groups_by_document(
    page: _Page, kb: KnowledgeBase, advice: Advice, groups: list[Group], gaps: bool
) -> None:
    shown = None
    for group in groups:
        if group.document.id != shown:
            shown = group.document.id
            d = group.document
            rules = ADVICE_LABELS["framework rules" if group.framework else "own rules"]
            page.text(f"{document_line(d.title, d.region, d.date)} — {rules}", style="bold")
        page.text(_agency_heading(group.agency), indent=2, style="bold")
        for c in group.candidates:
            _candidate_lines(page, kb, c, group.framework, 4)
        if gaps and group.gap is not None:
            _gap_lines(page, advice, group)


def print_advice(kb: KnowledgeBase, advice: Advice) -> None:
    """`advise`: the weighing, the range and its rule, sensitivity, aangifte, the
    candidates per document and agency, the taken measures."""
    f = advice.factors
    stated = [f"domain {f.domain}"] + [f"{name} {value}" for name, value in f.given()]
    if f.strafbaar_feit:
        stated.append("strafbaar feit")
    if f.agency:
        stated.append(f"org {f.agency}")
    if f.financiering:
        stated.append(f"financiering {f.financiering}")
    framework = advice.framework
    page = _Page()
    page.heading("Advice" + (f" for {f.label}" if f.label else "") + ": " + " · ".join(stated))
    page.text(advice.notice, style="dim")
    page.blank()
    page.heading(ADVICE_LABELS["weighing"])
    for w in (advice.ernst, advice.herhaling):
        page.text(_weighed_line(w), indent=2)
        if w.rule is not None:
            page.text(_flat(w.rule.why.text), indent=6)
            if w.factor == "herhaling":
                page.text(_flat(w.rule.recidive_why.text), indent=6)
    page.blank()
    r = advice.range
    page.heading(f"{ADVICE_LABELS['range']}: {_range((r.lower, r.upper))} ({', '.join(r.classes)})")
    cell = r.cell
    page.text(
        f"{ADVICE_LABELS['rule']}: matrix cell ernst {cell.ernst} × herhaling {cell.herhaling} "
        f"· basis: {BASIS_LABELS[cell.basis]}",
        indent=2,
    )
    page.text(_flat(cell.why.text), indent=6)
    _quote_lines(page, kb, cell.why.quotes, framework.id, 6)
    status = ADVICE_LABELS["status"].format(
        framework=_framework_name(framework), title=framework.title
    )
    page.text(status, indent=2, style="dim")
    if advice.sensitivity:
        page.blank()
        page.heading(ADVICE_LABELS["sensitivity"])
        for s in advice.sensitivity:
            after = _range((s.lower, s.upper))
            mark = "" if s.changed else f" {ADVICE_LABELS['unchanged']}"
            page.text(
                f"{ADVICE_LABELS['if'].format(name=s.factor, value=s.other)}: {after}{mark}",
                indent=2,
            )
    if advice.aangifte is not None:
        a = advice.aangifte
        page.blank()
        page.heading(ADVICE_LABELS["aangifte"])
        page.text(_flat(a.rule.who), indent=2)
        page.text(f"[{BASIS_LABELS[a.rule.basis]}] {_flat(a.rule.why.text)}", indent=2, style="dim")
        _quote_lines(page, kb, a.rule.why.quotes, framework.id, 4)
        for c in a.framework:
            _candidate_lines(page, kb, c, True, 2)
        for c in a.own:
            _candidate_lines(page, kb, c, False, 2)
    page.blank()
    page.heading(ADVICE_LABELS["candidates"])
    _groups_by_document(page, kb, advice, advice.candidates, gaps=True)
    if not advice.candidates and f.agency:
        name = kb.agencies_by_id[f.agency].name
        page.text(ADVICE_LABELS["no ladder"].format(agency=name, domain=f.domain), indent=2)
    if not advice.candidates or any(g.gap is not None for g in advice.candidates):
        able = ", ".join(a.name for a in advice.able)
        line = ADVICE_LABELS["able"].format(agencies=able) if able else ADVICE_LABELS["nobody"]
        page.text(line, indent=2)
    if advice.meld_en_deel:
        page.blank()
        page.heading(ADVICE_LABELS["meld en deel"])
        _groups_by_document(page, kb, advice, advice.meld_en_deel, gaps=False)
    if advice.taken:
        page.blank()
        page.heading(ADVICE_LABELS["taken"])
        for t in advice.taken:
            m = t.measure
            outside = "" if t.in_domain else f" (not in domain {f.domain})"
            page.text(f"{m.title} ({m.id}) [{m.agency} · {m.instrument}]{outside}", indent=2)
            if not t.next:
                page.text(ADVICE_LABELS["no next"], indent=6, style="dim")
            for n in t.next:
                mark = " · already taken" if n.taken else (" · candidate" if n.candidate else "")
                page.text(f"{n.step.kind} → {_step_line(n.step)}{mark}", indent=6)
    page.show()
