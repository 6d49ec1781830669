"""Which knowledge base a command reads, and how findings name its files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE_KB


def _repo(tmp_path: Path, folder: str) -> Path:
    """A git work tree with the fixture knowledge base in `folder`."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    shutil.copytree(FIXTURE_KB, root / folder)
    return root


def _validate(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zorgtoolbox", "validate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"ZORGTOOLBOX_LANG": "en", "ZORGTOOLBOX_CACHE_DIR": "", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


def test_a_git_work_tree_without_a_knowledge_base_is_never_checked_against_the_bundled(
    tmp_path: Path,
) -> None:
    """A data repository whose folder is called kennisbank/: validate must not read the
    bundled copy and pass; it exits 2 and says where it looked."""
    root = _repo(tmp_path, "kennisbank")
    (root / "sub").mkdir()
    proc = _validate(root / "sub")
    assert proc.returncode == 2, proc.stdout
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"Error: no knowledge base here: this is the git work tree {root}")
    assert f"{root / 'sub' / 'data' / 'toolbox.yaml'}, {root / 'data' / 'toolbox.yaml'}" in line
    ok = _validate(root, "--data", "kennisbank")
    assert ok.returncode == 0 and ok.stdout.splitlines()[-1].startswith("kennisbank/ is valid")


def test_findings_of_a_nested_folder_are_named_from_here(tmp_path: Path) -> None:
    """--data kb/data in CI: annotations must name kb/data/…, the path in the repository."""
    root = _repo(tmp_path, "kb/data")
    measure = root / "kb" / "data" / "measures" / "dji" / "dji-gesprek.yaml"
    measure.write_text(measure.read_text().replace("title:", "titel:", 1))
    proc = _validate(root, "--data", "kb/data", "--format", "github")
    assert proc.returncode == 1
    assert proc.stdout.startswith(
        "::error file=kb/data/measures/dji/dji-gesprek.yaml,line=2,col=1,title=unknown-field::"
    )
    text = _validate(root, "--data", "kb/data")
    assert text.stdout.splitlines()[-1].startswith("kb/data/: 1 error")


def test_outside_a_work_tree_the_bundled_copy_is_used_and_named(tmp_path: Path) -> None:
    proc = _validate(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(the knowledge base bundled with zorgtoolbox) is valid" in proc.stdout.splitlines()[-1]
