"""The human output of the query commands: measures, one measure, agencies, terms, hits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, ngettext
from ..labels import BASIS_LABELS, FIELD_LABELS, STRENGTH_LABELS
from ..messages import N_
from ..provenance import basis_of, field_bases
from .page import (
    Page,
    agency_heading,
    document_heading,
    legend,
    mark,
    paragraphs,
    quote_line,
    where,
    yes_no,
)

if TYPE_CHECKING:
    from ..kb import KnowledgeBase
    from ..models import Agency, FieldBasis, Measure, Term
    from ..queries import FlowLink, Hit, MeasureDetails, Placement

#: Financiering as the sources write it.
FINANCIERING_NAMES = {"zin": "ZIN", "pgb": "PGB", "wlz": "Wlz"}


def empty() -> str:
    """What an empty contact field says."""
    return _("not filled in yet")


def financiering(m: Measure) -> str:
    """'ZIN, PGB' (the forms of financing a measure is for; "" when not restricted)."""
    return ", ".join(FINANCIERING_NAMES.get(f, f) for f in m.financiering)


# --- measures -----------------------------------------------------------------------


def print_placements(kb: KnowledgeBase, placements: list[Placement]) -> None:
    """`measures`: a ladder table per document, agency and domain; each document's
    ladders apart, under the document's title and region. Each row gives the measure's
    id (what `show`, `next` and `--taken` take) and its financiering where known."""
    groups: dict[tuple[str, str, str], list[list[str]]] = {}
    marked = False
    for p in placements:
        m = p.measure
        cells = [m.title + mark(m, "title"), m.instrument + mark(m, "instrument")]
        cells.append(m.target + mark(m, "target"))
        marked = marked or any(c[-1:] in "*°+" for c in cells)
        fin = financiering(m) + (mark(m, "financiering") if m.financiering else "")
        rung = str(p.position) if p.position is not None else ""
        groups.setdefault((m.document, m.agency, p.domain), []).append(
            [rung, cells[0], cells[1], cells[2], fin, m.id]
        )
    page = Page()
    shown_document = None
    columns = [_("pos"), _("measure"), _("instrument"), _("aimed at"), _("funding")]
    for (document_id, agency, domain), rows in groups.items():
        document = kb.documents_by_id[document_id]
        if document_id != shown_document:
            shown_document = document_id
            page.blank()
            page.heading(document_heading(document))
            if document.ladder == "classes":
                page.text(
                    _("This document sets no order: its measures are listed by class."),
                    style="dim",
                )
        page.blank()
        page.heading(f"{agency_heading(kb.agencies_by_id[agency])} · {domain}")
        used = [i for i in range(len(columns)) if i != 4 or any(r[4] for r in rows)]
        page.table(
            [columns[i] for i in used],
            [[r[i] for i in used] for r in rows],
            wrap=1,
            below=[_("id: {id}").format(id=r[5]) for r in rows],
        )
    if marked:
        page.blank()
        page.text(legend(), style="dim")
    page.show()


def _flow_line(arrow: str, link: FlowLink) -> str:
    agency = f" [{link.other_agency}]" if link.other_agency else ""
    e = link.edge
    domain = f" ({link.flow.domain})" if link.flow.domain else ""
    return (
        f"{arrow} {e.kind}{domain}: {link.other_title} ({link.other}){agency} — {e.reason} "
        f"[{arrow_basis(e.basis, e.strength)}]"
    )


def arrow_basis(basis: str, strength: str | None) -> str:
    """'derived from the text; the text names this step'."""
    label = _(BASIS_LABELS[basis])
    return f"{label}; {_(STRENGTH_LABELS[strength])}" if strength else label


def _basis_line(name: str, b: FieldBasis, kb: KnowledgeBase) -> str:
    """'instrument: derived from the text — reason — «quote» (document, section)'."""
    parts = [f"{_(FIELD_LABELS.get(name, name))}: {_(BASIS_LABELS[b.basis])}"]
    if b.reason:
        parts.append(b.reason)
    if b.quote:
        parts.append(quote_line(b.quote, where(kb, b.document, b.section)))
    return " — ".join(parts)


def print_measure_details(kb: KnowledgeBase, details: MeasureDetails) -> None:
    """`show`: everything about one measure, and where each statement comes from."""
    m = details.measure

    def rung(domain: str, position: int | None) -> str:
        if position is None:
            return domain
        return _("{domain} (rung {position})").format(domain=domain, position=position)

    def marked(field: str, value: str) -> str:
        return value + mark(m, field) if value else ""

    fields = [
        (_("id"), m.id),
        (_("document"), document_heading(kb.document_of(m))),
        (_("section"), m.section),
        (_("agency"), agency_heading(details.agency)),
        (_("domains"), ", ".join(rung(d, kb.rung(m, d)) for d in m.domains)),
        (_("instrument"), marked("instrument", m.instrument)),
        (_("aimed at"), marked("target", m.target)),
        (_("who decides"), marked("decided_by", m.decided_by)),
        (_("collegebesluit"), marked("collegebesluit", yes_no(m.collegebesluit))),
        (_("funding"), marked("financiering", financiering(m))),
        (_("legal basis"), marked("legal_basis", m.legal_basis)),
    ]
    page = Page()
    page.heading(m.title + mark(m, "title"))
    page.fields([(label, value) for label, value in fields if value])
    description = paragraphs(m.description)
    if description and mark(m, "description"):
        description.append(f"({_(BASIS_LABELS[basis_of(m, 'description').basis])})")
    page.section(_("description"), description)
    contact = [
        f"{k}: {getattr(m.contact, k) or empty()}"
        for k in ("verantwoordelijk", "contactpersoon", "contactgegevens")
    ]
    page.section(_("contact") + mark(m, "contact"), contact)
    no_address = _("(address not in the source)")
    page.section(_("links"), [f"{x.title}: {x.url or no_address}" for x in m.links])
    page.section(
        _("next steps (stromenmodel, reconstructed from the text)"),
        [_flow_line("→", link) for link in details.outgoing],
    )
    page.section(_("comes after"), [_flow_line("←", link) for link in details.incoming])
    page.section(
        _("related measures (the same kind of step in another document)"),
        [
            f"{r.title} ({r.id}) [{r.agency} · {document_heading(kb.document_of(r))}]"
            for r in details.related
        ],
    )
    page.section(_("notes"), paragraphs(m.notes))
    bases = field_bases(m)
    shown = [_basis_line(n, b, kb) for n, b in bases.items() if b.basis != "source" or b.quote]
    page.section(_("where each statement comes from"), shown)
    if any(b.basis != "source" for b in bases.values()):
        page.blank()
        page.text(legend(), style="dim")
    page.show()


# --- agencies ---------------------------------------------------------------------------


def print_agencies(kb: KnowledgeBase, agencies: list[Agency]) -> None:
    """`agencies`: one row per agency with its number of measures per domain in the
    knowledge base's own document; another document's measures are counted apart."""
    main = kb.documents[0]
    rows = [
        [
            a.id,
            a.name + mark(a, "name"),
            (_("member") if a.kind == "member" else _("partner")) + mark(a, "kind"),
            str(len(kb.ladder(a.id, "fraude", main.id))),
            str(len(kb.ladder(a.id, "overlast", main.id))),
        ]
        for a in agencies
    ]
    page = Page()
    page.heading(document_heading(main))
    page.table([_("id"), _("name"), _("kind"), "fraude", "overlast"], rows, wrap=1)
    for document in kb.documents[1:]:
        counts = [
            (a, sum(len(kb.ladder(a.id, d, document.id)) for d in ("fraude", "overlast")))
            for a in agencies
        ]
        for a, n in counts:
            if n:
                page.blank()
                page.text(
                    _("{agency} also has {n} measures in {document} (shown apart).").format(
                        agency=a.name, n=n, document=document_heading(document)
                    ),
                    style="dim",
                )
    if any(mark(a, f) for a in agencies for f in ("name", "kind")):
        page.blank()
        page.text(legend(), style="dim")
    page.show()


def print_agency(kb: KnowledgeBase, agency: Agency) -> None:
    """`agencies ORG`: one agency, with its ladders per document."""
    fields = [
        (_("id"), agency.id),
        (_("full name"), agency.full_name + mark(agency, "full_name") if agency.full_name else ""),
        (
            _("kind"),
            (_("member") if agency.kind == "member" else _("partner")) + mark(agency, "kind"),
        ),
    ]
    fields = [(label, value) for label, value in fields if value]
    if agency.organisations:
        names = "; ".join(agency.organisations) + mark(agency, "organisations")
        fields.append((_("organisations"), names))
    page = Page()
    page.heading(agency.name + mark(agency, "name"))
    page.fields(fields)
    description = paragraphs(agency.description)
    if description and mark(agency, "description"):
        description.append(f"({_(BASIS_LABELS[basis_of(agency, 'description').basis])})")
    page.section(_("description"), description)
    marked = any(mark(agency, f) for f in (*agency.QUOTED, *agency.CLAIMS))
    for domain in ("fraude", "overlast"):
        for document, ladder in kb.ladders(agency.id, domain):
            heading = _("ladder {domain} · {document}").format(
                domain=domain, document=document_heading(document)
            )
            page.section(heading, [rung_line(kb, m, domain) for m in ladder])
            marked = marked or any(mark(m, "instrument") for m in ladder)
    page.section(_("links"), [f"{link.title}: {link.url}" for link in agency.links])
    if marked:
        page.blank()
        page.text(legend(), style="dim")
    page.show()


def rung_line(kb: KnowledgeBase, m: Measure, domain: str) -> str:
    """'3. Title (id) — instrument*'."""
    position = kb.rung(m, domain)
    head = f"{position}. " if position is not None else ""
    return f"{head}{m.title} ({m.id}) — {m.instrument}{mark(m, 'instrument')}"


# --- glossary and search ----------------------------------------------------------------


def print_terms(kb: KnowledgeBase, terms: list[Term], measures: dict[str, list[Measure]]) -> None:
    """`glossary`: term (abbreviation), definition, and the measures that deal with it."""
    page = Page()
    marked = False
    for t in terms:
        page.blank()
        page.heading(
            (f"{t.term} ({t.abbreviation})" if t.abbreviation else t.term) + mark(t, "term")
        )
        page.text(t.definition + mark(t, "definition"), indent=2)
        marked = marked or bool(mark(t, "term") or mark(t, "definition"))
        if t.see_also:
            page.text(
                _("see also: {terms}").format(terms=", ".join(t.see_also)), indent=2, style="dim"
            )
        related = measures.get(t.term, [])
        if related:
            shown = "; ".join(f"{m.title} ({m.id})" for m in related[:5])
            more = len(related) - 5
            if more > 0:
                shown += "; " + _("and {n} more").format(n=more)
            page.text(_("measures: {measures}").format(measures=shown), indent=2, style="dim")
    if marked:
        page.blank()
        page.text(legend(), style="dim")
    page.show()


#: How each kind of hit is named.
HIT_KINDS = {
    "measure": N_("measure"),
    "agency": N_("agency"),
    "term": N_("term"),
    "passage": N_("passage"),
}
#: How each field a hit can match in is named.
SEARCH_FIELDS = {
    "title": N_("title"),
    "id": N_("id"),
    "agency": N_("agency"),
    "description": N_("description"),
    "notes": N_("notes"),
    "name": N_("name"),
    "full_name": N_("full name"),
    "definition": N_("definition"),
    "term": N_("term"),
    "abbreviation": N_("abbreviation"),
    "text": N_("text"),
}


def print_hits(kb: KnowledgeBase, hits: list[Hit]) -> None:
    """`search`: each hit with why it matched; a measure with its document and region."""
    page = Page()
    for h in hits:
        page.blank()
        page.heading(
            f"{_(HIT_KINDS[h.kind])}: {h.title}"
            + ("" if h.kind in ("term", "passage") else f" ({h.id})")
        )
        if h.kind == "measure":
            m = kb.measure_of(h.group, h.id)
            page.text(
                f"{kb.agencies_by_id[m.agency].name} · {document_heading(kb.document_of(m))}",
                indent=2,
                style="dim",
            )
        elif h.kind == "passage":
            p = _passage(kb, h.id)
            page.text(
                f"{document_heading(kb.documents_by_id[p.document])}, {p.section}",
                indent=2,
                style="dim",
            )
        for match in h.matches[:3]:
            template = (
                _("{field} (matched {words}): {snippet}")
                if match.exact
                else _("{field} (similar to {words}): {snippet}")
            )
            page.text(
                template.format(
                    field=_(SEARCH_FIELDS.get(match.field, match.field)),
                    words=", ".join(match.words),
                    snippet=match.snippet,
                ),
                indent=2,
            )
    more = getattr(hits, "total", len(hits)) - len(hits)
    if more > 0:
        page.blank()
        page.text(
            ngettext(
                "and {n} more hit; show more with --max, or all with --json",
                "and {n} more hits; show more with --max, or all with --json",
                more,
            ).format(n=more),
            style="dim",
        )
    page.show()


def quote_lines(page: Page, kb: KnowledgeBase, quotes: object, default: str, indent: int) -> None:
    """Each quote on a line of its own, with where it comes from."""
    for q in quotes:  # type: ignore[attr-defined]
        page.text(
            quote_line(q.text, where(kb, q.document or default, q.section)),
            indent=indent,
            style="dim",
        )


def _passage(kb: KnowledgeBase, key: str) -> object:
    from ..queries import passages

    return next(p for p in passages(kb) if p.key == key)
