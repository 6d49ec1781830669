"""What `diff` prints: the changes between two knowledge bases, as text or Markdown."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from ..i18n import _
from ..messages import N_
from .page import yes_no
from .terminal import neutralise, write_raw

if TYPE_CHECKING:
    from ..kbdiff import Change, Side

#: How each field of a measure is named.
FIELDS = {
    "title": N_("title"),
    "description": N_("description"),
    "decided_by": N_("who decides"),
    "legal_basis": N_("legal basis"),
    "notes": N_("notes"),
    "instrument": N_("instrument"),
    "target": N_("aimed at"),
    "collegebesluit": N_("collegebesluit"),
    "financiering": N_("funding"),
    "document": N_("document"),
}

#: How many unchanged words a word diff keeps around each change.
CONTEXT = 5


def _value(change: Change, value: str) -> str:
    if change.field == "collegebesluit" and value in ("true", "false"):
        return yes_no(value == "true")
    return value or "—"


def _words(change: Change, markdown: bool) -> str:
    out = []
    for op, text in change.words:
        if op == "=":
            words = text.split()
            if len(words) > 2 * CONTEXT:
                text = " ".join([*words[:CONTEXT], "…", *words[-CONTEXT:]])
            out.append(_md(text) if markdown else text)
        elif op == "-":
            out.append(f"~~{_md(text)}~~" if markdown else f"[-{text}-]")
        else:
            out.append(f"**{_md(text)}**" if markdown else f"{{+{text}+}}")
    return " ".join(out)


def _md(text: str) -> str:
    from ..mdtext import md_escape

    return md_escape(text)


def _plain(text: str) -> str:
    return text


def _measure_line(c: Change, markdown: bool) -> str:
    esc = _md if markdown else _plain
    c = c._replace(old=esc(c.old), new=esc(c.new), domain=esc(c.domain))
    subject = f"{esc(c.title)} ({esc(c.subject)})"
    if c.kind == "added":
        where = f" — {_('rung')} {c.new}" if c.new else ""
        return _("added: {measure}").format(measure=subject) + where
    if c.kind == "retired":
        return _("retired: {measure}, replaced by {new}").format(measure=subject, new=c.new)
    if c.kind == "renamed":
        return _("renamed: {measure} → {new}").format(measure=subject, new=c.new)
    if c.kind == "removed":
        return _("removed: {measure}").format(measure=subject)
    if c.kind == "moved":
        return _("moved: {measure}, {domain}: rung {old} → {new}").format(
            measure=subject, domain=c.domain, old=c.old, new=c.new
        )
    field = _(FIELDS.get(c.field, c.field))
    if c.kind == "text":
        return f"{subject} — {field}: {_words(c, markdown)}"
    if c.kind == "contact":
        if not c.old:
            return _("contact filled in: {measure}, {field}: {new}").format(
                measure=subject, field=c.field, new=c.new
            )
        return _("contact changed: {measure}, {field}: {old} → {new}").format(
            measure=subject, field=c.field, old=c.old, new=c.new or "—"
        )
    return f"{subject} — {field}: {_value(c, c.old)} → {_value(c, c.new)}"


def _other_line(c: Change, markdown: bool) -> str:
    esc = _md if markdown else _plain
    c = c._replace(subject=esc(c.subject), old=esc(c.old), new=esc(c.new), title=esc(c.title))
    if c.kind == "arrow-added":
        return _("arrow added: {kind} {source} → {target} ({flow})").format(
            kind=c.title, source=c.old, target=c.new, flow=c.subject
        )
    if c.kind == "arrow-removed":
        return _("arrow removed: {kind} {source} → {target} ({flow})").format(
            kind=c.title, source=c.old, target=c.new, flow=c.subject
        )
    if c.kind == "advice":
        what = _("matrix") if c.title == "matrix" else _("weighing")
        return f"{what} {c.subject}: {c.old} → {c.new}"
    if c.field == "range":
        return _("reference case {case}: range {old} → {new}").format(
            case=c.subject, old=c.old, new=c.new
        )
    return _("reference case {case}: no longer lists {lost}; now lists {gained}").format(
        case=c.subject, lost=c.old or "—", gained=c.new or "—"
    )


def lines(old: Side, new: Side, changes: list[Change], markdown: bool) -> list[str]:
    """The report, line by line."""
    esc = _md if markdown else _plain
    heading = _("Changes from {old} to {new}").format(old=esc(old.name), new=esc(new.name))
    out = [f"## {heading}" if markdown else heading]
    if not changes:
        return [*out, "", _("No substantive changes.")]
    agencies = {a.id: esc(a.name) for a in (*old.kb.agencies, *new.kb.agencies)}
    measure_changes = [c for c in changes if c.agency]
    for agency, group in groupby(
        sorted(measure_changes, key=lambda c: c.agency), lambda c: c.agency
    ):
        out += [
            "",
            f"### {agencies.get(agency, agency)}" if markdown else agencies.get(agency, agency),
        ]
        out += [_item(_measure_line(c, markdown), markdown) for c in group]
    for kinds, title in (
        (("arrow-added", "arrow-removed"), _("Arrows of the stromenmodel")),
        (("advice",), _("Advice settings (advies.yaml)")),
        (("case-outcome",), _("Reference cases")),
    ):
        group_of = [c for c in changes if c.kind in kinds]
        if group_of:
            out += ["", f"### {title}" if markdown else title]
            out += [_item(_other_line(c, markdown), markdown) for c in group_of]
    return out


def _item(text: str, markdown: bool) -> str:
    return f"- {text}" if markdown else f"  {text}"


def print_diff(old: Side, new: Side, changes: list[Change], markdown: bool) -> None:
    text = "\n".join(lines(old, new, changes, markdown)) + "\n"
    write_raw(neutralise(text, multiline=True))
