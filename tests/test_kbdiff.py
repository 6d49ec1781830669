"""`zorgtoolbox diff`: what changed in substance between two versions of a knowledge base.

Each test edits a copy of the fixture knowledge base as a coordinator would (one line,
one file) and checks that `diff` names exactly that change, through the library
(`kbdiff.compare`) and the command line (text, Markdown, JSON, a git revision).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE_KB

from zorgtoolbox import kbdiff

DJI = "measures/dji"
CONTROLE = f"{DJI}/dji-extra-controle.yaml"


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def before(kb_dir: Path) -> Path:
    """An untouched copy next to the edited one (`kb_dir`): tmp/voor."""
    target = kb_dir.parent / "voor"
    shutil.copytree(FIXTURE_KB, target)
    return target


def _changes(old: Path, new: Path) -> list[kbdiff.Change]:
    with kbdiff.load_side(str(old), new) as a, kbdiff.load_side(str(new), new) as b:
        return kbdiff.compare(a, b)


def test_the_same_knowledge_base_has_no_changes(kb_dir: Path, before: Path, invoke) -> None:
    assert _changes(before, kb_dir) == []
    result = invoke("diff", str(before), "--data", str(kb_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Changes from voor to data",
        "",
        "No substantive changes.",
    ]


def test_a_moved_measure_is_named_with_its_rungs_and_the_others_not(
    kb_dir: Path, before: Path
) -> None:
    # dji-gesprek is at 1, dji-extra-controle at 2, dji-opzeggen at 3 (fraude):
    # moving dji-opzeggen to 1.5 puts it on rung 2 and pushes the control to rung 3
    _edit(
        kb_dir,
        f"{DJI}/dji-opzeggen.yaml",
        "  fraude:\n    position: 3",
        "  fraude:\n    position: 1.5",
    )
    (change,) = _changes(before, kb_dir)
    assert (change.kind, change.subject, change.domain) == ("moved", "dji-opzeggen", "fraude")
    assert (change.old, change.new) == ("3", "2")


def test_a_changed_text_is_shown_word_by_word(kb_dir: Path, before: Path, invoke) -> None:
    _edit(
        kb_dir, CONTROLE, "DJI controleert dossiers", "DJI controleert steekproefsgewijs dossiers"
    )
    local = "provenance:\n  description:\n    basis: local\n    reason: Zo werkt DJI in de regio.\n"
    _edit(kb_dir, CONTROLE, "provenance:\n", local)
    (change,) = _changes(before, kb_dir)
    assert (change.kind, change.field) == ("text", "description")
    assert change.words == (
        ("=", "DJI controleert"),
        ("+", "steekproefsgewijs"),
        ("=", "dossiers en administratie."),
    )
    text = invoke("diff", str(before), "--data", str(kb_dir)).stdout
    assert (
        "  Extra controle bij zorgaanbieders (dji-extra-controle) — description: DJI "
        "controleert {+steekproefsgewijs+} dossiers en administratie."
    ) in text.splitlines()


def test_a_filled_in_contact_is_named(kb_dir: Path, before: Path, invoke) -> None:
    _edit(kb_dir, CONTROLE, "  contactpersoon: ''", "  contactpersoon: 'Team Toezicht'")
    (change,) = _changes(before, kb_dir)
    assert (change.kind, change.field, change.old, change.new) == (
        "contact", "contactpersoon", "", "Team Toezicht",
    )  # fmt: skip
    lines = invoke("diff", str(before), "--data", str(kb_dir)).stdout.splitlines()
    assert lines[2] == "DJI"
    assert lines[3] == (
        "  contact filled in: Extra controle bij zorgaanbieders (dji-extra-controle), "
        "contactpersoon: Team Toezicht"
    )


def test_a_changed_value_shows_old_and_new(kb_dir: Path, before: Path) -> None:
    _edit(kb_dir, CONTROLE, "target: zorgaanbieder", "target: cliënt")
    source = (
        "  target:\n    basis: source\n    quote: Tenzij anders vermeld, zijn de maatregelen van "
        "toepassing op de zorgaanbieder.\n    section: Inleiding"
    )
    _edit(
        kb_dir, CONTROLE, source, "  target:\n    basis: local\n    reason: Afspraak in de regio."
    )
    changes = [c for c in _changes(before, kb_dir) if c.kind == "value"]
    assert [(c.field, c.old, c.new) for c in changes] == [("target", "zorgaanbieder", "cliënt")]


def test_a_renamed_measure_is_one_change_not_a_removal_and_an_addition(
    kb_dir: Path, before: Path, invoke
) -> None:
    result = invoke("rename", "dji-gesprek", "dji-gesprekken", "--data", str(kb_dir))
    assert result.exit_code == 0, result.output
    changes = _changes(before, kb_dir)
    # its arrows, entry points and the cases that name it moved with it: no change
    assert [(c.kind, c.subject, c.new) for c in changes] == [
        ("renamed", "dji-gesprek", "dji-gesprekken")
    ]


def test_a_retired_measure_names_its_replacement(kb_dir: Path, before: Path, invoke) -> None:
    # retire: a successor with a new id and title; the old file stays, with replaced_by
    assert invoke("rename", "dji-gesprek", "dji-gesprekken", "--data", str(kb_dir)).exit_code == 0
    old_file = kb_dir / f"{DJI}/dji-gesprek.yaml"
    assert not old_file.exists()
    retired = (before / f"{DJI}/dji-gesprek.yaml").read_text(encoding="utf-8")
    successor = f"{DJI}/dji-gesprekken.yaml"
    _edit(kb_dir, successor, "title: ", "title: Nieuw ")
    _edit(
        kb_dir, successor, "provenance:\n", "provenance:\n  title: {basis: local, reason: Nieuw.}\n"
    )
    old_file.write_text(retired + "replaced_by: dji-gesprekken\n", encoding="utf-8")
    kinds = {(c.kind, c.subject, c.new) for c in _changes(before, kb_dir)}
    assert ("retired", "dji-gesprek", "dji-gesprekken") in kinds
    assert any(k == "added" and s == "dji-gesprekken" for k, s, _n in kinds)
    assert not any(k.startswith("arrow") for k, _s, _n in kinds)


def test_an_added_arrow_is_named(kb_dir: Path, before: Path) -> None:
    _edit(
        kb_dir,
        "flows/fraude.yaml",
        "edges:\n",
        "edges:\n  - from: dji-gesprek\n    to: igj-signalen\n    kind: melding\n"
        "    basis: local\n    reason: Afspraak in de regio.\n",
    )
    (change,) = _changes(before, kb_dir)
    assert (change.kind, change.subject, change.old, change.new, change.title) == (
        "arrow-added", "fraude", "dji-gesprek", "igj-signalen", "melding",
    )  # fmt: skip


def test_an_advice_setting_and_the_case_it_changes_are_named(kb_dir: Path, before: Path) -> None:
    text = (kb_dir / "advies.yaml").read_text(encoding="utf-8")
    assert "niet-zo-ernstig: {klein: klein, gemiddeld: klein, groot: gemiddeld}" in text
    _edit(
        kb_dir,
        "advies.yaml",
        "niet-zo-ernstig: {klein: klein, gemiddeld: klein, groot: gemiddeld}",
        "niet-zo-ernstig: {klein: klein, gemiddeld: gemiddeld, groot: gemiddeld}",
    )
    changes = _changes(before, kb_dir)
    advice = [c for c in changes if c.kind == "advice"]
    assert [(c.subject, c.old, c.new) for c in advice] == [
        ("ernst: niet-zo-ernstig × gemiddeld", "klein", "gemiddeld")
    ]


def test_markdown_escapes_what_the_data_says(kb_dir: Path, before: Path, invoke) -> None:
    _edit(kb_dir, CONTROLE, "  contactpersoon: ''", "  contactpersoon: '<b>*Team*</b> [x](y)'")
    result = invoke("diff", str(before), "--format", "markdown", "--data", str(kb_dir))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "## Changes from voor to data"
    assert lines[2] == "### DJI"
    (item,) = [line for line in lines if line.startswith("- ")]
    from markdown_it import MarkdownIt

    html = MarkdownIt().render(item)  # shown as written: no tag, emphasis or link
    assert "&lt;b&gt;*Team*&lt;/b&gt; [x](y)" in html
    assert "<b>" not in html and "<em>" not in html and "<a " not in html


def test_json_lists_every_change(kb_dir: Path, before: Path, invoke) -> None:
    _edit(kb_dir, CONTROLE, "  contactpersoon: ''", "  contactpersoon: 'Team'")
    result = invoke("diff", str(before), "--json", "--data", str(kb_dir))
    assert result.exit_code == 0, result.output
    (change,) = json.loads(result.stdout)
    assert change["kind"] == "contact" and change["new"] == "Team"


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(kb_dir: Path) -> Path:
    """kb_dir's parent as a git repository with the fixture committed and tagged v1."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for these tests")
    root = kb_dir.parent
    _git(root, "init", "-q")
    _git(root, "add", "data")
    _git(root, "commit", "-qm", "v1")
    _git(root, "tag", "v1")
    return root


def test_a_git_revision_is_compared_with_the_folder_as_it_is_now(
    repository: Path, kb_dir: Path, invoke
) -> None:
    _edit(kb_dir, CONTROLE, "  contactpersoon: ''", "  contactpersoon: 'Team'")
    result = invoke("diff", "v1")  # from the repository's root: data/ is found
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Changes from v1 to data"
    assert "contactpersoon: Team" in result.stdout
    _git(repository, "commit", "-qam", "contact")
    both = invoke("diff", "v1", "HEAD")
    assert both.stdout.splitlines()[0] == "Changes from v1 to HEAD"
    assert "contactpersoon: Team" in both.stdout


@pytest.mark.parametrize("spec", ["geen-tag", "--output=/tmp/x", "-h", "v1:data"])
def test_what_is_no_revision_is_a_usage_error(repository: Path, invoke, spec: str) -> None:
    result = invoke("diff", "--", spec) if spec.startswith("-") else invoke("diff", spec)
    assert result.exit_code == 2
    assert "is neither a data folder nor a git revision" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not Path("/tmp/x").exists() or spec != "--output=/tmp/x"


def test_an_invalid_old_revision_is_named_as_git_names_its_files(
    repository: Path, kb_dir: Path, invoke
) -> None:
    _edit(kb_dir, CONTROLE, "instrument: correctie", "instrument: onbekend")
    _git(repository, "commit", "-qam", "kapot")
    _git(repository, "tag", "kapot")
    _edit(kb_dir, CONTROLE, "instrument: onbekend", "instrument: correctie")
    result = invoke("diff", "kapot")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "the knowledge base at revision 'kapot' has 1 error," in lines[0]
    assert lines[1].lstrip().startswith(f"kapot:data/{CONTROLE}:")


def test_a_link_in_a_revision_is_not_followed(repository: Path, kb_dir: Path, invoke) -> None:
    secret = repository.parent / "geheim.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    glossary = kb_dir / "glossary.yaml"
    glossary.unlink()
    glossary.symlink_to(secret)
    _git(repository, "add", "-A")
    _git(repository, "commit", "-qm", "link")
    result = invoke("diff", "HEAD", "v1")
    # the link is left out of the revision: no glossary (which may be missing), no
    # finding about a link out of the knowledge base, nothing of the secret
    assert result.exit_code == 0, result.output
    assert "GEHEIM" not in result.output
