"""A coordinator's session on a fresh copy of the bundled knowledge base.

The copy goes through the edits a regional coordinator makes in a pull request: fill in
a contact, add a measure between two rungs, move one, rename one, retire one, add an
arrow. After each edit the knowledge base is valid; after a rebuild `build-handbook
--check` passes; and `diff` against the untouched copy reports every edit, once.

Nothing here names a measure of the bundled data: each edit picks its measures from
whatever the knowledge base holds, so this test keeps working as the data changes.
"""

from __future__ import annotations

import json
import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import BUNDLED_DATA, load_kb
from ruamel.yaml import YAML

from zorgtoolbox.kb import KnowledgeBase
from zorgtoolbox.models import Measure


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """tmp/voor (the bundled data, untouched) and tmp/data (its copy, to edit); tmp is
    the working directory."""
    before, data = tmp_path / "voor", tmp_path / "data"
    for target in (before, data):
        shutil.copytree(BUNDLED_DATA, target)
    monkeypatch.chdir(tmp_path)
    return before, data


def _file(data: Path, m: Measure) -> Path:
    return data / "measures" / m.agency / f"{m.id}.yaml"


def _replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, new, text, count=1, flags=re.M)
    assert count == 1, (path, pattern)
    path.write_text(changed, encoding="utf-8")


def _valid(invoke, data: Path) -> None:
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0, result.stdout


def _a_ladder(kb: KnowledgeBase, size: int) -> tuple[str, str, list[Measure]]:
    """An agency's ladder in one domain (of one document) with at least `size` rungs."""
    places = sorted({(m.agency, d, m.document) for m in kb.measures for d in m.domains})
    for agency, domain, document in places:
        rungs = list(kb.ladder(agency, domain, document))
        if len(rungs) >= size:
            return agency, domain, rungs
    pytest.fail(f"no ladder of {size} rungs in the bundled knowledge base")


def test_a_coordinators_session_is_valid_rebuilt_and_reported(
    session: tuple[Path, Path], invoke
) -> None:
    before, data = session
    kb = load_kb(data)
    agency, domain, ladder = _a_ladder(kb, 4)
    expected: set[tuple[str, str]] = set()

    # 1. fill in a contact person
    contact = ladder[0]
    _replace(_file(data, contact), r"^  contactpersoon: .*$", "  contactpersoon: 'Team Toezicht'")
    expected.add(("contact", contact.id))
    _valid(invoke, data)

    # 2. add a measure between the first two rungs: one new file, no other file changes
    first, second = (kb.measures_by_id[m.id].domains[domain].position for m in ladder[:2])
    new_id = f"{agency}-regionaal-overleg"
    assert new_id not in kb.measures_by_id
    (data / "measures" / agency / f"{new_id}.yaml").write_text(
        f"id: {new_id}\n"
        "title: Regionaal overleg over de zorgaanbieder\n"
        f"document: {ladder[0].document}\n"
        f"agency: {agency}\n"
        "basis: local\n"
        f"domains:\n  {domain}:\n    position: {(first + second) / 2}\n"
        "description: De partners bespreken samen wat zij weten van de zorgaanbieder.\n"
        f"instrument: {ladder[0].instrument}\n"
        "target: zorgaanbieder\n"
        "provenance:\n"
        "  instrument: {basis: local, reason: Zo werkt de regio.}\n"
        "  target: {basis: local, reason: Zo werkt de regio.}\n",
        encoding="utf-8",
    )
    expected.add(("added", new_id))
    _valid(invoke, data)

    # 3. move the last rung of the ladder to just above the first: one line
    moved = ladder[-1]
    _replace(
        _file(data, moved),
        rf"^(  {domain}:\n    position: )\S+$",
        rf"\g<1>{first / 2}",
    )
    expected.add(("moved", moved.id))
    _valid(invoke, data)

    # 4. rename a measure that an arrow names
    kb = load_kb(data)
    named = {e.from_ for f in kb.flows for e in f.edges} & set(kb.measures_by_id)
    old = sorted(named - {contact.id, moved.id, new_id})[0]
    result = invoke("rename", old, f"{old}-nieuw", "--data", str(data))
    assert result.exit_code == 0, result.output
    expected.add(("renamed", old))

    # 5. retire a measure: its file stays, with the measure that takes its place
    kb = load_kb(data)
    ladder = [m for m in kb.ladder(agency, domain, ladder[0].document)]
    retired, successor = next(
        (a, b)
        for a, b in pairwise(ladder)
        if {a.id, b.id}.isdisjoint({contact.id, moved.id, new_id, f"{old}-nieuw"})
    )
    with _file(data, retired).open("a", encoding="utf-8") as f:
        f.write(f"replaced_by: {successor.id}\n")
    expected.add(("retired", retired.id))
    result = invoke("validate", "--data", str(data))
    assert result.exit_code == 0, result.stdout  # references to it warn, they do not fail

    # 6. add an arrow between two measures of the flow's document no arrow connects yet
    kb = load_kb(data)
    flow = next(f for f in kb.flows if f.domain)
    connected = {(e.from_, e.to) for e in flow.edges}
    current = [
        m.id
        for m in kb.measures
        if m.id not in kb.retired and flow.domain in m.domains and m.document == flow.document
    ]
    source, target = next(
        (a, b) for a in current for b in current if a != b and (a, b) not in connected
    )
    path = data / "flows" / f"{flow.id}.yaml"
    yaml = YAML()
    record = yaml.load(path.read_text(encoding="utf-8"))
    record["edges"].append(
        {"from": source, "to": target, "kind": "vervolg", "basis": "local", "reason": "Afspraak."}
    )
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(record, f)
    expected.add(("arrow-added", flow.id))
    _valid(invoke, data)

    # the handbook: stale until rebuilt, then up to date
    out = ["--data", str(data)]
    assert invoke("build-handbook", "--check", *out).exit_code == 1
    assert invoke("build-handbook", *out).exit_code == 0
    assert invoke("build-handbook", "--check", *out).exit_code == 0

    # the review: every edit, and nothing else that is a measure's or an arrow's
    result = invoke("diff", str(before), "--json", *out)
    assert result.exit_code == 0, result.output
    kinds = {"contact", "added", "moved", "renamed", "retired", "arrow-added", "arrow-removed"}
    reported = {(c["kind"], c["subject"]) for c in json.loads(result.stdout) if c["kind"] in kinds}
    assert reported == expected
    text = invoke("diff", str(before), *out).stdout
    for kind, subject in expected:
        assert subject in text, (kind, subject)
