"""The human output of `advise`: the weighing, the range and its rule, the candidates.

Every label is an English message id shown in the reader's language; the data's own text
(the why of a setting, quotes) is Dutch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, tr
from ..labels import BASIS_LABELS, region_name
from ..messages import N_
from .flows import kind_name, step_line
from .page import Page, agency_heading, document_heading, flat, yes_no
from .records import FINANCIERING_NAMES, quote_lines

if TYPE_CHECKING:
    from ..advice import Advice, Candidate, Group, Weighed
    from ..kb import KnowledgeBase

#: Why an agency has no candidate in the range (advice.Gap.reason).
GAP_LABELS = {
    "none-in-range": N_("no measure in {range} in the {document}"),
    "only-signalering": N_("only signalling measures in {domain} (see meld en deel)"),
    "taken": N_("every measure in {range} is already taken"),
    "financiering": N_("no measure in {range} for financiering {financiering}"),
    "out-of-scope": N_("its instruments are not for financiering {financiering} ({why})"),
}


def span(lower: str, upper: str) -> str:
    """'correctie … strafrecht' (one class when the two are the same)."""
    return lower if lower == upper else f"{lower} … {upper}"


def _factor_name(name: str) -> str:
    return "kans op herhaling" if name == "herhaling" else name


def _weighed_line(w: Weighed) -> str:
    name = _factor_name(w.factor)
    if w.direct:
        return _("{factor}: {level} (given directly)").format(factor=name, level=w.level)
    pairs = [f"{a} {v}" for a, v in w.aspects]
    basis = _(BASIS_LABELS[w.rule.basis])
    if w.factor == "herhaling":
        step = f"+{w.shift} → {w.level}" if w.shift else _("no change")
        how = f"{pairs[0]} × {pairs[1]}: {w.table_level}; {pairs[2]}: {step}"
    else:
        how = " × ".join(pairs)
    return f"{name}: {w.level} — {how} ({basis})"


def _decider(c: Candidate, framework: bool, agency: str) -> str:
    d = c.decider
    if not framework:
        own = _("own decision of {agency}").format(agency=agency)
        if d.decided_by:
            return _("who decides: {who} ({own})").format(who=d.decided_by, own=own)
        return own
    klass = c.measure.instrument
    if d.decided_by_source is None:
        who = _("who decides: not in the sources")
    elif d.decided_by_source == "instrument_class":
        who = _("who decides: {who} (rule of class {klass})").format(who=d.decided_by, klass=klass)
    else:
        who = _("who decides: {who}").format(who=d.decided_by)
    if d.collegebesluit is not None:
        who += " · " + _("collegebesluit: {answer}").format(answer=yes_no(d.collegebesluit))
        if d.collegebesluit_source == "instrument_class":
            who += " " + _("(rule of class {klass})").format(klass=klass)
    elif d.collegebesluit_source == "unknown":
        who += " · " + _("collegebesluit: the text does not say")
    return who


def _candidate_lines(
    page: Page, kb: KnowledgeBase, c: Candidate, framework: bool, indent: int
) -> None:
    m = c.measure
    head = f"{c.position}. " if c.position is not None else ""
    page.text(f"{head}{m.title} ({m.id})", indent=indent)
    names = ", ".join(FINANCIERING_NAMES.get(f, f) for f in m.financiering)
    fin = f" · {names}" if framework and names else ""
    who = _decider(c, framework, kb.agencies_by_id[m.agency].name)
    page.text(f"{m.instrument} · {m.target}{fin} · {who}", indent=indent + 4, style="dim")


def _gap_lines(page: Page, advice: Advice, group: Group) -> None:
    gap = group.gap
    assert gap is not None
    f = advice.factors
    why = ""
    if gap.reason == "out-of-scope":
        why = _("its instruments are for {forms}").format(
            forms=", ".join(FINANCIERING_NAMES.get(x, x) for x in advice.config.financiering)
        )
    text = _(GAP_LABELS[gap.reason]).format(
        range=span(advice.lower, advice.upper),
        document=group.document.title,
        domain=f.domain,
        financiering=f.financiering,
        why=why,
    )
    page.text(text, indent=4)
    for template, rung in (
        (_("nearest lighter: {measure}"), gap.lighter),
        (_("nearest heavier: {measure}"), gap.heavier),
    ):
        if rung is not None:
            m = rung.measure
            page.text(
                template.format(measure=f"{m.title} ({m.id}) [{m.instrument}]"),
                indent=6,
                style="dim",
            )
    if gap.reason == "none-in-range" and gap.heavier is None:
        page.text(
            _("no heavier measure on its own ladder in {domain}").format(domain=f.domain),
            indent=6,
            style="dim",
        )


def _groups_by_document(
    page: Page, kb: KnowledgeBase, advice: Advice, groups: list[Group], gaps: bool
) -> None:
    shown = None
    for group in groups:
        if group.document.id != shown:
            shown = group.document.id
            rules = (
                _("its rules apply: who decides, collegebesluit, ZIN/PGB")
                if group.framework
                else _("each agency decides on its own measures")
            )
            page.text(f"{document_heading(group.document)} — {rules}", style="bold")
        page.text(agency_heading(group.agency), indent=2, style="bold")
        for c in group.candidates:
            _candidate_lines(page, kb, c, group.framework, 4)
        if gaps and group.gap is not None:
            _gap_lines(page, advice, group)


def _stated(advice: Advice) -> str:
    f = advice.factors
    stated = [_("domain {domain}").format(domain=f.domain)]
    stated += [f"{name} {value}" for name, value in f.given()]
    if f.strafbaar_feit:
        stated.append(_("strafbaar feit"))
    if f.agency:
        stated.append(_("agency {agency}").format(agency=f.agency))
    if f.financiering:
        stated.append(f"financiering {f.financiering}")
    return " · ".join(stated)


def print_advice(kb: KnowledgeBase, advice: Advice) -> None:
    """`advise`: the weighing, the range and its rule, sensitivity, aangifte, the
    candidates per document and agency, the taken measures."""
    f = advice.factors
    framework = advice.framework
    page = Page()
    if f.label:
        page.heading(
            _("Advice for {label}: {factors}").format(label=f.label, factors=_stated(advice))
        )
    else:
        page.heading(_("Advice: {factors}").format(factors=_stated(advice)))
    page.text(tr(advice.notice), style="dim")
    page.blank()
    page.heading(_("weighing"))
    for w in (advice.ernst, advice.herhaling):
        page.text(_weighed_line(w), indent=2)
        if w.rule is not None:
            page.text(flat(w.rule.why.text), indent=6)
            if w.factor == "herhaling":
                page.text(flat(w.rule.recidive_why.text), indent=6)
    page.blank()
    r = advice.range
    page.heading(f"{_('range')}: {span(r.lower, r.upper)} ({', '.join(r.classes)})")
    cell = r.cell
    page.text(
        _("rule: matrix cell ernst {ernst} × herhaling {herhaling} · basis: {basis}").format(
            ernst=cell.ernst, herhaling=cell.herhaling, basis=_(BASIS_LABELS[cell.basis])
        ),
        indent=2,
    )
    page.text(flat(cell.why.text), indent=6)
    quote_lines(page, kb, cell.why.quotes, framework.id, 6)
    page.text(
        _(
            "The range is the region's chosen reading of the {framework}, set in "
            "advies.yaml; it is not a rule of the {title} itself."
        ).format(
            framework=f"{framework.title}, {region_name(framework.region, _)}",
            title=framework.title,
        ),
        indent=2,
        style="dim",
    )
    if advice.sensitivity:
        page.blank()
        page.heading(_("sensitivity: one step lighter or heavier"))
        for s in advice.sensitivity:
            after = span(s.lower, s.upper)
            same = "" if s.changed else " " + _("(unchanged)")
            page.text(
                _("if {name} were {value}: {range}").format(
                    name=_factor_name(s.factor), value=s.other, range=after
                )
                + same,
                indent=2,
            )
    if advice.aangifte is not None:
        a = advice.aangifte
        page.blank()
        page.heading(_("strafbaar feit: aangifte, whatever the range"))
        page.text(flat(a.rule.who), indent=2)
        page.text(
            f"[{_(BASIS_LABELS[a.rule.basis])}] {flat(a.rule.why.text)}", indent=2, style="dim"
        )
        quote_lines(page, kb, a.rule.why.quotes, framework.id, 4)
        for c in a.framework:
            _candidate_lines(page, kb, c, True, 2)
        for c in a.own:
            _candidate_lines(page, kb, c, False, 2)
    page.blank()
    page.heading(_("candidates, least intrusive first"))
    _groups_by_document(page, kb, advice, advice.candidates, gaps=True)
    if not advice.candidates and f.agency:
        page.text(
            _("{agency} has no measures in {domain}").format(
                agency=kb.agencies_by_id[f.agency].name, domain=f.domain
            ),
            indent=2,
        )
    if not advice.candidates or any(g.gap is not None for g in advice.candidates):
        able = ", ".join(a.name for a in advice.able)
        line = (
            _("agencies with measures in this range: {agencies}").format(agencies=able)
            if able
            else _("no agency has a measure in this range")
        )
        page.text(line, indent=2)
    if advice.meld_en_deel:
        page.blank()
        page.heading(_("meld en deel (signalering, below the ladder)"))
        _groups_by_document(page, kb, advice, advice.meld_en_deel, gaps=False)
    if advice.taken:
        _taken_lines(page, advice)
    page.show()


def _taken_lines(page: Page, advice: Advice) -> None:
    page.blank()
    page.heading(_("already taken, and what could come next"))
    for t in advice.taken:
        m = t.measure
        outside = (
            ""
            if t.in_domain
            else " " + _("(not in domain {domain})").format(domain=advice.factors.domain)
        )
        page.text(f"{m.title} ({m.id}) [{m.agency} · {m.instrument}]{outside}", indent=2)
        if not t.next:
            page.text(
                _("No arrow of the stromenmodel leads on from here; see the candidates above."),
                indent=6,
                style="dim",
            )
        for n in t.next:
            mark = (
                " · " + _("already taken")
                if n.taken
                else (" · " + _("candidate") if n.candidate else "")
            )
            page.text(f"{kind_name(n.step.kind)} → {step_line(n.step)}{mark}", indent=6)
