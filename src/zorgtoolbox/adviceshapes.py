"""The JSON shape of `advise --json`: the factors, the weighing, the range with its basis
and rule, sensitivity, aangifte and the measures per document and agency.

The README documents this shape, with those of `shapes`; tests pin it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .flowshapes import step
from .kb import KnowledgeBase
from .provenance import located
from .shapes import document_ref, quote

if TYPE_CHECKING:
    from .advice import Advice, Candidate, Decider, Group, Weighed
    from .models import Choice, Reason


def reason(r: Reason, document: str) -> dict[str, Any]:
    """A why: the text, and the quotes that say what it claims."""
    return {
        "text": r.text,
        "quotes": [quote(q) for q in located(r.quotes, document)],
    }


def choice(c: Choice, document: str) -> dict[str, Any]:
    """A statement of advies.yaml: its basis and why."""
    return {"basis": c.basis, "why": reason(c.why, document)}


def weighed(w: Weighed, document: str) -> dict[str, Any]:
    """One weighing factor: its level, given directly or from which aspects, by which rule."""
    return {
        "level": w.level,
        "given": "direct" if w.direct else "aspects",
        "aspects": dict(w.aspects),
        "table_level": w.table_level,
        "recidive_steps": w.shift,
        "rule": None if w.rule is None else choice(w.rule, document),
    }


def decider(d: Decider) -> dict[str, Any]:
    return {
        "decided_by": d.decided_by,
        "decided_by_source": d.decided_by_source,
        "collegebesluit": d.collegebesluit,
        "collegebesluit_source": d.collegebesluit_source,
    }


def candidate(c: Candidate) -> dict[str, Any]:
    """A measure in the advice: what it is, whom it targets and who decides."""
    m = c.measure
    return {
        "id": m.id,
        "title": m.title,
        "document": m.document,
        "agency": m.agency,
        "instrument": m.instrument,
        "position": c.position,
        "target": m.target,
        "financiering": list(m.financiering),
        **decider(c.decider),
    }


def groups(found: list[Group]) -> list[dict[str, Any]]:
    """The candidates per document and agency; `gap` says why a group has none."""
    return [
        {
            "document": document_ref(g.document),
            "agency": g.agency.id,
            "agency_name": g.agency.name,
            "rules": "framework" if g.framework else "agency",
            "measures": [candidate(c) for c in g.candidates],
            "gap": None
            if g.gap is None
            else {
                "reason": g.gap.reason,
                "lighter": None if g.gap.lighter is None else candidate(g.gap.lighter),
                "heavier": None if g.gap.heavier is None else candidate(g.gap.heavier),
            },
        }
        for g in found
    ]


def advice(a: Advice, kb: KnowledgeBase) -> dict[str, Any]:
    """`advise --json`: the factors, the weighing, the range with its basis and rule,
    sensitivity, aangifte, the measures per document and agency."""
    from .advice import FACTOR_FIELDS

    f = a.factors
    framework = a.framework.id
    cell = a.range.cell
    return {
        "label": f.label,
        "factors": {
            "domain": f.domain,
            "org": f.agency,
            **{name: getattr(f, name) for name in FACTOR_FIELDS},
            "strafbaar_feit": f.strafbaar_feit,
            "financiering": f.financiering,
            "taken": list(f.taken),
        },
        "notice": a.notice,
        "framework": document_ref(a.framework),
        "weighing": {w.factor: weighed(w, framework) for w in (a.ernst, a.herhaling)},
        "range": {
            "from": a.lower,
            "to": a.upper,
            "classes": list(a.classes),
            "basis": a.basis,
            "rule": {"ernst": cell.ernst, "herhaling": cell.herhaling},
            "why": reason(cell.why, framework),
            "matrix": choice(a.config.matrix, framework),
        },
        "sensitivity": [
            {
                "factor": s.factor,
                "value": s.value,
                "other": s.other,
                "direction": s.direction,
                "from": s.lower,
                "to": s.upper,
                "changed": s.changed,
            }
            for s in a.sensitivity
        ],
        "strafbaar_feit": None
        if a.aangifte is None
        else {
            **choice(a.aangifte.rule, framework),
            "who": a.aangifte.rule.who,
            "measures": [candidate(c) for c in a.aangifte.framework],
            "own": [candidate(c) for c in a.aangifte.own],
        },
        "candidates": groups(a.candidates),
        "able": [agency.id for agency in a.able],
        "meld_en_deel": groups(a.meld_en_deel),
        "taken": [
            {
                "measure": {
                    "id": t.measure.id,
                    "title": t.measure.title,
                    "agency": t.measure.agency,
                    "instrument": t.measure.instrument,
                },
                "in_domain": t.in_domain,
                "domains": t.domains,
                "next": [
                    {**step(n.step, kb), "candidate": n.candidate, "taken": n.taken} for n in t.next
                ],
            }
            for t in a.taken
        ],
    }
