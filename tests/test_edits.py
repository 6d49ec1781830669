"""Renaming a measure: its file and every reference, and nothing else of any file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_KB

from zorgtoolbox.edits import rename_measure
from zorgtoolbox.validation import validate


def _all_text(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*.yaml"))}


def test_a_rename_changes_the_file_and_every_reference_only(kb_dir: Path, invoke) -> None:
    before = _all_text(kb_dir)
    case = kb_dir.parent / "zaak.yaml"
    case.write_text("domain: fraude\nernst: klein\nherhaling: klein\ntaken:\n  - 'dji-gesprek'\n")
    result = invoke(
        "rename", "dji-gesprek", "dji-gesprekken", "--case", str(case), "--data", str(kb_dir)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("data/ is valid")
    after = _all_text(kb_dir)
    assert "measures/dji/dji-gesprek.yaml" not in after
    renamed = after.pop("measures/dji/dji-gesprekken.yaml")
    original = before.pop("measures/dji/dji-gesprek.yaml")
    assert renamed == original.replace("id: dji-gesprek\n", "id: dji-gesprekken\n", 1)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {
        "flows/fraude.yaml",
        "flows/overlast.yaml",
        "casuistiek/fout-uit-onwetendheid.yaml",
    }
    for name in changed:  # exactly the references changed, the rest byte for byte
        assert after[name] == before[name].replace("dji-gesprek\n", "dji-gesprekken\n").replace(
            "dji-gesprek]", "dji-gesprekken]"
        )
    assert case.read_text().endswith("  - 'dji-gesprekken'\n")  # quotes kept
    assert validate(kb_dir).ok


def test_a_related_link_and_a_replacement_are_renamed_too(kb_dir: Path) -> None:
    kader = kb_dir / "measures" / "gemeente" / "kader-schriftelijke-waarschuwing.yaml"
    assert "dji-extra-controle" in kader.read_text()
    edits = {e.path.name: e for e in rename_measure(kb_dir, "dji-extra-controle", "dji-controle")}
    assert edits["kader-schriftelijke-waarschuwing.yaml"].references == 1
    assert "dji-controle" in (edits["kader-schriftelijke-waarschuwing.yaml"].text or "")
    assert edits["dji-extra-controle.yaml"].text is None  # the old file goes


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("dji-gespreck", "x-y", "no measure 'dji-gespreck'; did you mean 'dji-gesprek'?"),
        ("dji-gesprek", "DJI Gesprek", "'DJI Gesprek' is not an id"),
        ("dji-gesprek", "dji-opzeggen", "a measure is already called 'dji-opzeggen'"),
    ],
)
def test_what_cannot_be_renamed_is_said_and_changes_nothing(
    kb_dir: Path, invoke, old: str, new: str, said: str
) -> None:
    before = _all_text(kb_dir)
    result = invoke("rename", old, new, "--data", str(kb_dir))
    assert result.exit_code == 2
    assert said in result.stderr and len(result.stderr.splitlines()) == 1
    assert _all_text(kb_dir) == before


def test_the_fixture_itself_is_never_touched() -> None:
    """rename_measure only computes: nothing is written by the library."""
    before = _all_text(FIXTURE_KB)
    rename_measure(FIXTURE_KB, "dji-gesprek", "dji-anders")
    assert _all_text(FIXTURE_KB) == before
