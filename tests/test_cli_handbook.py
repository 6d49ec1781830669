"""`zorgtoolbox build-handbook` through the CLI: outputs, --check, --public, --templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO


def test_builds_next_to_the_data_folder(invoke, kb_dir: Path) -> None:
    result = invoke("build-handbook", "--data", str(kb_dir))
    assert result.exit_code == 0, result.output
    out = kb_dir.parent / "toolbox"
    assert result.stdout.splitlines() == [
        "wrote toolbox/handboek.md",  # from the working directory (tmp)
        "wrote toolbox/handboek.html",
    ]
    assert (out / "handboek.md").read_text().startswith("# Testtoolbox\n")
    assert (out / "handboek.html").read_text().startswith("<!doctype html>")


def test_format_and_out(invoke, kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "elders"
    result = invoke("build-handbook", "--format", "md", "--out", str(out), "--data", str(kb_dir))
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["handboek.md"]


def test_public_edition(invoke, kb_dir: Path, tmp_path: Path) -> None:
    invoke("build-handbook", "--public", "--out", str(tmp_path), "--data", str(kb_dir))
    for name in ("handboek.md", "handboek.html"):
        text = (tmp_path / name).read_text()
        assert "Openbare versie" in text and "Contactpersoon" not in text


def test_check(invoke, kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["--out", str(out), "--data", str(kb_dir)]
    missing = invoke("build-handbook", "--check", *args)
    assert missing.exit_code == 1
    # tmp is the working directory (kb_dir): the files are named from there, and the
    # build to run has the same --out and --data as the check
    assert missing.stderr == (
        "Error: not up to date: out/handboek.md, out/handboek.html; "
        "run 'zorgtoolbox build-handbook --out out --data data' and commit the files\n"
    )
    assert not out.exists()  # --check writes nothing
    invoke("build-handbook", *args)
    fresh = invoke("build-handbook", "--check", *args)
    assert (
        fresh.exit_code == 0 and fresh.stdout == "out/ is up to date (handboek.md, handboek.html)\n"
    )
    measure = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    # a coordinator fills in a contact person: valid, and the handbook is then stale
    measure.write_text(
        measure.read_text().replace("contactpersoon: ''", "contactpersoon: A. Jansen")
    )
    stale = invoke("build-handbook", "--check", *args)
    assert (
        stale.exit_code == 1 and "handboek.md" in stale.stderr and "handboek.html" in stale.stderr
    )


def test_committed_handbook_matches_the_data(invoke) -> None:
    result = invoke(
        "build-handbook", "--check", "--data", str(REPO / "data"), "--out", str(REPO / "toolbox")
    )
    assert result.exit_code == 0, result.stderr


def test_templates_override_and_errors(invoke, kb_dir: Path, tmp_path: Path) -> None:
    templates = tmp_path / "regio"
    templates.mkdir()
    out = tmp_path / "out"
    (templates / "handboek.md.j2").write_text("# {{ toolbox.title | md }} — regio\n")
    ok = invoke(
        "build-handbook", "--templates", str(templates), "--out", str(out), "--data", str(kb_dir)
    )
    assert ok.exit_code == 0
    assert (out / "handboek.md").read_text() == "# Testtoolbox — regio\n"
    before = {p.name: p.read_text() for p in out.iterdir()}
    (templates / "handboek.md.j2").write_text("regel 1\n{{ onbekend }}\n")
    bad = invoke(
        "build-handbook", "--templates", str(templates), "--out", str(out), "--data", str(kb_dir)
    )
    assert bad.exit_code == 1
    assert (
        bad.stderr == f"Error: template {templates / 'handboek.md.j2'}:2: 'onbekend' is undefined\n"
    )
    (templates / "handboek.md.j2").write_text("{% if %}\n")
    syntax = invoke(
        "build-handbook", "--templates", str(templates), "--out", str(out), "--data", str(kb_dir)
    )
    assert syntax.exit_code == 1 and f"{templates / 'handboek.md.j2'}:1:" in syntax.stderr
    assert {p.name: p.read_text() for p in out.iterdir()} == before  # nothing written half


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "unknown format 'pdf'; choose from: md, html, all"),
        (["--templates", "/no/such/folder"], "folder '/no/such/folder' does not exist"),
    ],
)
def test_usage_errors(invoke, kb_dir: Path, args: list[str], message: str) -> None:
    result = invoke("build-handbook", *args, "--data", str(kb_dir))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_out_is_a_file(invoke, kb_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "bestand"
    file.write_text("x")
    result = invoke("build-handbook", "--out", str(file), "--data", str(kb_dir))
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr


def test_a_crlf_checkout_is_up_to_date(invoke, kb_dir: Path, tmp_path: Path) -> None:
    """Git for Windows without .gitattributes checks the handbook out with CRLF."""
    out = tmp_path / "out"
    args = ["--out", str(out), "--data", str(kb_dir)]
    assert invoke("build-handbook", *args).exit_code == 0
    for path in out.iterdir():
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert invoke("build-handbook", "--check", *args).exit_code == 0
    md = out / "handboek.md"
    md.write_bytes(md.read_bytes().replace(b"Testtoolbox", b"Testtoolbax", 1))
    assert invoke("build-handbook", "--check", *args).exit_code == 1  # a real change still is


def test_the_repository_checks_out_lf_everywhere() -> None:
    from conftest import REPO

    rules = (REPO / ".gitattributes").read_text().splitlines()
    assert "* text=auto eol=lf" in rules
