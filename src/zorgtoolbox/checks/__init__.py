"""Cross-record checks: what no single file can know about itself.

Each check is a small function `check_…(data) -> Iterable[Finding]` whose docstring says
what it guarantees; `CHECKS` lists them all, so a new check is one function and one line.
Checks only read `LoadedData` (the valid records, their documents and the documents'
texts) and never stop at the first finding. They are grouped by subject:
`sources` (documents, provenance, quotes), `measures` (ids, titles, ladders, related and
retired measures), `records` (agencies, links, glossary, anchors, Handhavingskader,
classification), `flows` and `advice` (advies.yaml and the reference cases).
"""

from __future__ import annotations

from ..findings import Finding
from ..loaded import LoadedData
from ._common import Check
from .advice import (
    check_advice_aangifte_measures,
    check_advice_bases,
    check_advice_matrix_complete,
    check_advice_quotes_cited,
    check_advice_ranges_ordered,
    check_advice_weighing_complete,
    check_reference_cases,
)
from .flows import (
    check_flow_documents,
    check_flow_domains,
    check_flow_edges,
    check_flow_file_names,
    check_flow_reachability,
    check_flow_references,
    check_flow_steps,
)
from .measures import (
    check_ladder_positions,
    check_measure_agencies_exist,
    check_measure_file_names,
    check_measure_ids_unique,
    check_related_measures_exist,
    check_retired_measures,
    check_titles_unique_per_agency,
)
from .records import (
    check_agencies_unique,
    check_anchors_unique,
    check_classification,
    check_glossary_terms_unique,
    check_handhavingskader,
    check_links_safe,
)
from .sources import (
    check_corrections,
    check_document_references,
    check_documents,
    check_quotes,
    check_statement_bases,
)

#: Every cross-record check, in the order they run.
CHECKS: tuple[Check, ...] = (
    check_documents,
    check_document_references,
    check_statement_bases,
    check_corrections,
    check_quotes,
    check_agencies_unique,
    check_links_safe,
    check_measure_ids_unique,
    check_measure_file_names,
    check_measure_agencies_exist,
    check_titles_unique_per_agency,
    check_ladder_positions,
    check_related_measures_exist,
    check_retired_measures,
    check_flow_file_names,
    check_flow_steps,
    check_flow_references,
    check_flow_edges,
    check_flow_documents,
    check_flow_domains,
    check_flow_reachability,
    check_glossary_terms_unique,
    check_anchors_unique,
    check_handhavingskader,
    check_classification,
    check_advice_weighing_complete,
    check_advice_matrix_complete,
    check_advice_ranges_ordered,
    check_advice_bases,
    check_advice_quotes_cited,
    check_advice_aangifte_measures,
)

#: Checks that only mean something on data without errors: a reference case recomputed
#: on broken data would report every error again as a changed outcome.
LAST_CHECKS: tuple[Check, ...] = (check_reference_cases,)


def run_checks(data: LoadedData) -> list[Finding]:
    """All cross-record findings for `data`."""
    findings = [finding for check in CHECKS for finding in check(data)]
    if not any(f.is_error for f in (*data.findings, *findings)):
        findings += [finding for check in LAST_CHECKS for finding in check(data)]
    return findings
