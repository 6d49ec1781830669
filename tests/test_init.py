"""`zorgtoolbox init`: a data repository whose generated checks pass as generated.

The CI file and the pre-commit hooks are read back as YAML and their zorgtoolbox steps
run in the new folder, as the CI machine would run them; the install spec, the one value
from outside, is checked and quoted (a property test over arbitrary text).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_KB
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from zorgtoolbox import __version__, scaffold
from zorgtoolbox.errors import NotAnInstallSpec

SPEC = "zorgtoolbox @ git+https://example.org/zorgtoolbox.git@v0.1.0"
ZORGTOOLBOX = Path(sys.executable).with_name("zorgtoolbox")


def _yaml(path: Path) -> object:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _init(invoke, folder: Path, *args: str) -> None:
    result = invoke("init", str(folder), "--install", SPEC, "--data", str(FIXTURE_KB), *args)
    assert result.exit_code == 0, result.output


def _run(folder: Path, line: str) -> subprocess.CompletedProcess[str]:
    """A CI line, run by a shell in `folder` with this zorgtoolbox first on PATH."""
    env = {"PATH": f"{ZORGTOOLBOX.parent}:/usr/bin:/bin", "ZORGTOOLBOX_LANG": "en"}
    return subprocess.run(
        line, shell=True, cwd=folder, env=env, capture_output=True, text=True, check=False
    )


def test_the_github_workflow_passes_on_the_new_repository(invoke, tmp_path: Path) -> None:
    repo = tmp_path / "kennisbank"
    _init(invoke, repo)
    workflow = _yaml(repo / ".github" / "workflows" / "zorgtoolbox.yml")
    steps = workflow["jobs"]["check"]["steps"]  # type: ignore[index]
    runs = [s["run"] for s in steps if "run" in s]
    assert shlex.split(runs[0]) == ["python", "-m", "pip", "install", SPEC]  # pinned
    checks = [r for r in runs if r.startswith("zorgtoolbox ") and "diff" not in r]
    assert checks == ["zorgtoolbox validate --format github", "zorgtoolbox build-handbook --check"]
    for line in checks:
        proc = _run(repo, line)
        assert proc.returncode == 0, (line, proc.stdout, proc.stderr)
    assert (repo / "data" / "toolbox.yaml").read_bytes() == (
        FIXTURE_KB / "toolbox.yaml"
    ).read_bytes()


def test_the_pull_request_summary_lists_a_change(invoke, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed for this test")
    repo = tmp_path / "kennisbank"
    _init(invoke, repo)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "begin"], check=True)
    subprocess.run([*git, "update-ref", "refs/remotes/origin/main", "HEAD"], check=True)
    measure = repo / "data" / "measures" / "dji" / "dji-gesprek.yaml"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(text.replace("contactpersoon: ''", "contactpersoon: 'Team'"), "utf-8")
    steps = _yaml(repo / ".github" / "workflows" / "zorgtoolbox.yml")["jobs"]["check"]["steps"]  # type: ignore[index]
    (summary,) = [s for s in steps if "diff" in s.get("run", "")]
    assert summary["if"] == "github.event_name == 'pull_request'"
    assert summary["env"] == {"BASE": "${{ github.base_ref }}"}  # not spliced into the shell
    (tmp_path / "summary.md").write_text("")
    line = summary["run"].replace("$GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    proc = _run(repo, f"BASE=main; {line}")
    assert proc.returncode == 0, proc.stderr
    report = (tmp_path / "summary.md").read_text()
    assert report.startswith("## Changes from origin/main to data\n")
    assert "contactpersoon: Team" in report


def test_the_pre_commit_hooks_run_the_same_checks_pinned(invoke, tmp_path: Path) -> None:
    repo = tmp_path / "kennisbank"
    _init(invoke, repo, "--ci", "none")
    assert not (repo / ".github").exists() and not (repo / ".gitlab-ci.yml").exists()
    config = _yaml(repo / ".pre-commit-config.yaml")
    (local,) = config["repos"]  # type: ignore[index]
    assert local["repo"] == "local"
    for hook in local["hooks"]:
        assert hook["additional_dependencies"] == [SPEC] and hook["pass_filenames"] is False
        proc = _run(repo, hook["entry"])
        assert proc.returncode == 0, (hook["entry"], proc.stdout, proc.stderr)


def test_gitlab_ci_runs_the_same_checks(invoke, tmp_path: Path) -> None:
    repo = tmp_path / "kennisbank"
    _init(invoke, repo, "--ci", "gitlab")
    script = _yaml(repo / ".gitlab-ci.yml")["zorgtoolbox"]["script"]  # type: ignore[index]
    assert shlex.split(script[0])[-1] == SPEC
    for line in script[1:]:
        assert _run(repo, line).returncode == 0, line


def test_an_edit_that_breaks_the_data_fails_the_generated_check(invoke, tmp_path: Path) -> None:
    repo = tmp_path / "kennisbank"
    _init(invoke, repo)
    measure = repo / "data" / "measures" / "dji" / "dji-gesprek.yaml"
    measure.write_text(measure.read_text().replace("instrument: ", "instrument: x"), "utf-8")
    proc = _run(repo, "zorgtoolbox validate --format github")
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=data/measures/dji/dji-gesprek.yaml,line=")


def test_line_endings_are_lf_in_every_checkout(invoke, tmp_path: Path) -> None:
    repo = tmp_path / "kennisbank"
    _init(invoke, repo)
    assert "* text=auto eol=lf" in (repo / ".gitattributes").read_text().splitlines()
    assert b"\r\n" not in (repo / "toolbox" / "handboek.md").read_bytes()


@pytest.mark.parametrize("content", ["", "x"])
def test_a_folder_with_files_is_refused_and_left_alone(
    invoke, tmp_path: Path, content: str
) -> None:
    repo = tmp_path / "kennisbank"
    repo.mkdir()
    if content:
        (repo / "notities.txt").write_text(content)
    result = invoke("init", str(repo), "--install", SPEC, "--data", str(FIXTURE_KB))
    if content:
        assert result.exit_code == 2
        assert "is not empty" in result.stderr and len(result.stderr.splitlines()) == 1
        assert [p.name for p in repo.iterdir()] == ["notities.txt"]
    else:  # an empty folder is used
        assert result.exit_code == 0, result.output
        assert (repo / "data" / "toolbox.yaml").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".zorgtoolbox-init-")]


def test_a_source_with_errors_writes_nothing(invoke, kb_dir: Path, tmp_path: Path) -> None:
    (kb_dir / "toolbox.yaml").write_text("title: [\n")
    repo = tmp_path / "kennisbank"
    result = invoke("init", str(repo), "--install", SPEC, "--data", str(kb_dir))
    assert result.exit_code == 1
    assert not repo.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".zorgtoolbox-init-")]


def test_a_link_out_of_the_source_is_not_copied(invoke, kb_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM")
    (kb_dir / "documents" / "extra.txt").symlink_to(secret)
    repo = tmp_path / "kennisbank"
    result = invoke("init", str(repo), "--install", SPEC, "--data", str(kb_dir))
    assert result.exit_code == 0, result.output
    assert not (repo / "data" / "documents" / "extra.txt").exists()
    assert all("GEHEIM" not in p.read_text() for p in repo.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "spec",
    [
        "zorgtoolbox",  # not pinned
        "zorgtoolbox>=0.1",
        "andere-tool==1.0",
        "zorgtoolbox @ git+https://example.org/z.git",  # no revision
        "zorgtoolbox @ git+https://example.org/z.git@v1; rm -rf ~",
        "zorgtoolbox==1.0\nrun: curl evil",
        "zorgtoolbox @ git+https://e.org/z.git@v1 #",
        "zorgtoolbox @ git+file:///home/x/zorgtoolbox@v1",  # not on the CI machine
    ],
)
def test_an_install_spec_that_is_not_pinned_or_not_plain_is_refused(
    invoke, tmp_path: Path, spec: str
) -> None:
    repo = tmp_path / "kennisbank"
    result = invoke("init", str(repo), "--install", spec, "--data", str(FIXTURE_KB))
    assert result.exit_code == 2
    assert "no pinned requirement for zorgtoolbox" in result.stderr
    assert not repo.exists()


#: Specs that are close to valid: a real start, plain URL characters, and now and then
#: one character a shell or YAML would read (a space, a quote, a newline, `$`, `#` …).
_PLAIN = st.text(alphabet="az09.-_/:%+=~", min_size=1, max_size=20)
_ODD = st.sampled_from(["", "", "", " ", "'", '"', "$(x)", "`x`", ";", "\n", " #", "é", "\\"])
SPECS = st.one_of(
    st.builds("zorgtoolbox=={}{}{}".format, st.sampled_from("0123456789"), _ODD, _PLAIN),
    st.builds("zorgtoolbox @ git+https://{}{}{}@{}".format, _PLAIN, _ODD, _PLAIN, _PLAIN),
)


@given(st.one_of(SPECS, st.text(max_size=60)))
def test_any_accepted_spec_reaches_pip_as_one_argument(spec: str) -> None:
    try:
        accepted = scaffold.install_spec(spec)
    except NotAnInstallSpec:
        return
    assert accepted == spec
    yaml = YAML(typ="safe", pure=True)
    for text in (scaffold.github_workflow(accepted), scaffold.gitlab_ci(accepted)):
        loaded = yaml.load(text)
        lines = (
            [s["run"] for s in loaded["jobs"]["check"]["steps"] if "run" in s]
            if "jobs" in loaded
            else loaded["zorgtoolbox"]["script"]
        )
        assert shlex.split(lines[0]) == ["python", "-m", "pip", "install", spec]
    hooks = yaml.load(scaffold.pre_commit_config(accepted))["repos"][0]["hooks"]
    assert all(h["additional_dependencies"] == [spec] for h in hooks)


def test_without_install_a_local_installation_says_what_to_give(invoke, tmp_path: Path) -> None:
    """This test suite runs an editable install from this folder: nothing CI can get."""
    result = invoke("init", str(tmp_path / "kennisbank"), "--data", str(FIXTURE_KB))
    assert result.exit_code == 2
    assert "--install" in result.stderr and len(result.stderr.splitlines()) == 1


class _Installed:
    """What importlib.metadata knows of an installation: its direct_url.json, if any."""

    def __init__(self, direct_url: str | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return self.direct_url if name == "direct_url.json" else None


@pytest.mark.parametrize(
    ("direct_url", "spec"),
    [
        (None, f"zorgtoolbox=={__version__}"),  # from a package index
        (
            '{"url": "https://example.org/zorgtoolbox.git", '
            '"vcs_info": {"vcs": "git", "commit_id": "0123abcd", "requested_revision": "v1"}}',
            "zorgtoolbox @ git+https://example.org/zorgtoolbox.git@0123abcd",  # the commit
        ),
        ('{"url": "file:///home/x/zorgtoolbox", "dir_info": {"editable": true}}', None),
        ('{"url": "file:///tmp/zorgtoolbox-0.1.0-py3-none-any.whl", "archive_info": {}}', None),
        ('{"url": "https://x.org/z.git", "vcs_info": {"vcs": "git", "commit_id": "a b"}}', None),
        ('{"url": "file:///home/x/z", "vcs_info": {"vcs": "git", "commit_id": "abc"}}', None),
        ("not json", None),
    ],
)
def test_without_install_ci_installs_what_this_installation_came_from(
    monkeypatch: pytest.MonkeyPatch, direct_url: str | None, spec: str | None
) -> None:
    from importlib import metadata

    from zorgtoolbox.errors import UnknownInstallSpec

    monkeypatch.setattr(metadata, "distribution", lambda name: _Installed(direct_url))
    if spec is None:
        with pytest.raises(UnknownInstallSpec):
            scaffold.install_spec(None)
    else:
        assert scaffold.install_spec(None) == spec


@pytest.mark.parametrize(
    ("heading", "make"),
    [
        ("**GitHub Actions**", scaffold.github_workflow),
        ("**GitLab CI**", scaffold.gitlab_ci),
        ("**pre-commit.**", scaffold.pre_commit_config),
    ],
)
def test_the_readme_shows_the_files_init_writes(heading: str, make) -> None:
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Controle in de CI van een datarepository", 1)[1]
    shown = section.split(heading, 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    written = make("zorgtoolbox==0.1.0").split("\n", 1)[1]  # without the comment line
    assert shown == written


@pytest.mark.parametrize("source", ["fixture", "bundled"])
def test_an_empty_repository_keeps_the_sources_and_no_measures(
    invoke, tmp_path: Path, source: str
) -> None:
    from conftest import BUNDLED_DATA

    data = FIXTURE_KB if source == "fixture" else BUNDLED_DATA
    repo = tmp_path / "leeg"
    result = invoke("init", str(repo), "--empty", "--install", SPEC, "--data", str(data))
    assert result.exit_code == 0, result.output
    for left_out in ("measures", "flows", "casuistiek", "advies.yaml"):
        assert not (repo / "data" / left_out).exists(), left_out
    kept = sorted(p.name for p in (data / "documents").iterdir())
    assert sorted(p.name for p in (repo / "data" / "documents").iterdir()) == kept
    assert (repo / "data" / "agencies.yaml").read_bytes() == (data / "agencies.yaml").read_bytes()
    for line in ("zorgtoolbox validate --format github", "zorgtoolbox build-handbook --check"):
        proc = _run(repo, line)
        assert proc.returncode == 0, (line, proc.stdout, proc.stderr)
    assert "0 measures" in _run(repo, "zorgtoolbox validate").stdout
