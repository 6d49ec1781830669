"""The package: the wheel carries the data and templates and works outside the repo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("zorgtoolbox-*.whl")
    return built


def test_wheel_carries_data_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in sorted((REPO / "data").rglob("*")):
        if path.is_file():
            rel = path.relative_to(REPO).as_posix()
            assert f"zorgtoolbox/_bundled/{rel}" in names, rel
    assert "zorgtoolbox/_bundled/templates/README.md" in names
    assert "zorgtoolbox/py.typed" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_uses_its_bundled_data_anywhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("ZORGTOOLBOX_DATA", None)
    proc = subprocess.run(
        [sys.executable, "-c", "import zorgtoolbox.paths as p; print(p.bundled_data_dir())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    assert Path(proc.stdout.strip()) == target / "zorgtoolbox" / "_bundled" / "data"
    env["ZORGTOOLBOX_CACHE_DIR"] = ""
    run = subprocess.run(
        [sys.executable, "-m", "zorgtoolbox", "validate"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    measures = len(list((REPO / "data" / "measures").glob("*/*.yaml")))
    assert run.stdout.splitlines()[-1].startswith(
        f"{(target / 'zorgtoolbox' / '_bundled' / 'data').resolve().as_posix()}/ "
        f"(the knowledge base bundled with zorgtoolbox) is valid: {measures} measures"
    )
    query = subprocess.run(
        [
            sys.executable,
            "-m",
            "zorgtoolbox",
            "measures",
            "--org",
            "DJI",
            "--domain",
            "overlast",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert query.returncode == 0, query.stderr
    from zorgtoolbox.yamlio import load_file

    bundled = [
        m
        for m in (REPO / "data" / "measures" / "dji").glob("*.yaml")
        if "overlast" in load_file(m, m.name).data["domains"]
        and not load_file(m, m.name).data.get("replaced_by")  # a retired one is on no ladder
    ]
    assert {m["id"] for m in json.loads(query.stdout)} == {m.stem for m in bundled}
