"""The human output of `next` and `path`: suggested next steps and routes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, tr
from ..messages import N_
from .page import Page, document_heading, flat, quote_line, where
from .records import arrow_basis

if TYPE_CHECKING:
    from ..flowgraph import Node, Notice, Route, Routes, Step, TreeNode
    from ..kb import KnowledgeBase
    from ..models import Measure

KIND_HEADINGS = {
    "vervolg": N_("vervolg (next step)"),
    "parallel": N_("parallel (at the same time)"),
    "melding": N_("melding (signal to another organisation)"),
    "ladder": N_("ladder (next rung on the agency's own ladder, no arrow)"),
}

WEIGHTS = {"heavier": N_("heavier"), "same": N_("as heavy"), "lighter": N_("lighter")}

#: Why `path` found no route (flowgraph.NO_ROUTE_REASONS).
NO_ROUTE = {
    "other-document": N_(
        "No route: the two measures belong to different documents ({first}; {second}), "
        "whose flows are never joined."
    ),
    "no-common-domain": N_(
        "No route: the two measures share no domain ({first}: {first_domains}; {second}: "
        "{second_domains}), and every flow belongs to one domain."
    ),
    "same": N_("No route: it is one and the same measure."),
    "only-ladder": N_(
        "No route through the arrows of the stromenmodel; there is one over ladder steps "
        "(the next rung of an agency's own ladder): add --ladder to see it."
    ),
    "not-connected": N_("No arrow of the stromenmodel leads from the one to the other."),
}


def node_line(node: Node) -> str:
    what = " · ".join(x for x in (node.agency, node.instrument) if x)
    return f"{node.title} ({node.id}) [{what}]"


def step_line(step: Step) -> str:
    weight = f", {_(WEIGHTS[step.weight])}" if step.weight else ""
    what = " · ".join(x for x in (step.node.agency, step.node.instrument) if x)
    return f"{step.node.title} ({step.node.id}) [{what}{weight}]"


def kind_name(kind: str) -> str:
    return kind if kind != "ladder" else _("ladder")


def why_lines(page: Page, step: Step, indent: int) -> None:
    """The reason of a step, what it rests on, and what pulls the other way."""
    page.text(
        f"{tr(step.why)} [{arrow_basis(step.basis, step.strength)}]", indent=indent, style="dim"
    )
    for q in step.quotes:
        page.text(f"«{flat(q.text)}» ({q.section})", indent=indent + 2, style="dim")
    for q in step.against:
        page.text(
            _("but: {quote}").format(quote=f"«{flat(q.text)}» ({q.section})"),
            indent=indent + 2,
            style="dim",
        )


def print_next(
    kb: KnowledgeBase, measure: Measure, domains: list[str], tree: list[TreeNode], notice: Notice
) -> None:
    """`next`: the suggested next steps, grouped by kind; deeper levels as a tree."""
    page = Page()
    page.heading(_("After: {title} ({id})").format(title=measure.title, id=measure.id))
    page.text(
        f"{kb.agencies_by_id[measure.agency].name} · {measure.instrument} · "
        + domains_text(domains),
        style="dim",
    )
    page.text(
        _("Stromenmodel of {document}, reconstructed from its text.").format(
            document=document_heading(kb.document_of(measure))
        ),
        style="dim",
    )
    page.text(tr(notice.text), style="dim")
    if notice.quote:
        page.text(quote_line(notice.quote, where(kb, notice.document, notice.section)), style="dim")
    if not tree:
        page.blank()
        page.text(_("No next steps are suggested."))
    for kind in ("vervolg", "parallel", "melding", "ladder"):
        group = [t for t in tree if t.step.kind == kind]
        if not group:
            continue
        page.blank()
        page.heading(_(KIND_HEADINGS[kind]))
        for node in group:
            _tree_lines(page, node, 1)
    page.show()


def _tree_lines(page: Page, node: TreeNode, level: int) -> None:
    indent = 2 + 4 * (level - 1)
    prefix = "→ " if level == 1 else f"{kind_name(node.step.kind)} → "
    page.text(prefix + step_line(node.step), indent=indent)
    why_lines(page, node.step, indent + 4)
    for child in node.children:
        _tree_lines(page, child, level + 1)


def print_routes(kb: KnowledgeBase, source: Measure, target: Measure, found: Routes) -> None:
    """`path`: each route as numbered steps, with the agencies involved; when there is
    none, why."""
    page = Page()
    where = domains_text(found.domains) if found.domains else "—"
    page.heading(
        _("Routes from {source} to {target} ({domains})").format(
            source=source.id, target=target.id, domains=where
        )
    )
    page.text(
        _("Stromenmodel of {document}, reconstructed from its text.").format(
            document=document_heading(kb.document_of(source))
        ),
        style="dim",
    )
    if found.reason:
        # the two measures are named by their document only when that is what differs
        named_by_document = found.reason == "other-document"
        page.text(
            _(NO_ROUTE[found.reason]).format(
                first=document_heading(kb.document_of(source)) if named_by_document else source.id,
                second=document_heading(kb.document_of(target)) if named_by_document else target.id,
                first_domains=", ".join(source.domains),
                second_domains=", ".join(target.domains),
            )
        )
    for number, route in enumerate(found.routes, 1):
        page.blank()
        page.heading(_route_heading(number, route))
        page.text(node_line(route.nodes[0]), indent=2)
        for step in route.steps:
            page.text(f"{kind_name(step.kind)} → {step_line(step)}", indent=2)
            why_lines(page, step, 6)
    page.show()


def domains_text(domains: list[str] | tuple[str, ...]) -> str:
    """'domein fraude', or 'domeinen fraude, overlast'."""
    from ..i18n import ngettext

    template = ngettext("domain {domains}", "domains {domains}", len(domains))
    return template.format(domains=", ".join(domains))


def _route_heading(number: int, route: Route) -> str:
    from ..i18n import ngettext

    steps = ngettext("{n} step", "{n} steps", len(route.steps)).format(n=len(route.steps))
    return _("Route {number}: {steps} · {agencies}").format(
        number=number, steps=steps, agencies=", ".join(route.agencies)
    )
