"""`zorgtoolbox validate`: every bad input gets a located one-line message and exit 1.

Each case below takes the fixture knowledge base (tests/fixtures/kb), breaks one thing
in one file, runs the CLI and checks the exit code, the finding's code, the file and
line in the message, and that no traceback escaped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from zorgtoolbox.validation import validate
from zorgtoolbox.yamlio import MAX_FILE_BYTES

GESPREK = "measures/dji/dji-gesprek.yaml"
FRAUDE = "flows/fraude.yaml"
BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
            f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
            f"*{chr(97 + i)}]"
            for i in range(8)
        ),
    ]
)


@dataclass(frozen=True)
class Case:
    name: str
    path: str  # file (relative to the data folder) that the change writes
    change: Callable[[str], str | bytes] | str | bytes  # new content, or old → new
    code: str
    line: int | None  # expected line in the message, None when the file has no line
    source: str | None = None  # file whose text `change` starts from (default: path)
    at: str | None = None  # file the finding is reported in (default: path)


def sub(old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, f"fixture does not contain {old!r}"
        return text.replace(old, new, 1)

    return apply


# fmt: off
CASES = [
    # --- YAML that cannot be read ---
    Case("syntax-unclosed-list", GESPREK, sub("title: Gesprekken", "title: [Gesprekken"), "yaml-syntax", 3),
    Case("syntax-colon-in-text", GESPREK, sub("title: Gesprekken met", "title: Let op: gesprekken met"), "yaml-syntax", 2),
    Case("syntax-bad-indentation", GESPREK, sub("agency: dji", "  agency: dji"), "yaml-syntax", 5),
    Case("duplicate-key", GESPREK, sub("agency: dji\n", "agency: dji\ntitle: Nog een titel\n"), "duplicate-key", 6),
    Case("tab-indentation", GESPREK, sub("  fraude:", "\tfraude:"), "tab-indent", 7),
    Case("empty-file", GESPREK, "", "empty-file", 1),
    Case("only-comments", GESPREK, "# yaml-language-server: $schema=x.json\n# niets\n", "empty-file", 1),
    Case("null-document", GESPREK, "~\n", "empty-file", 1),
    Case("list-not-mapping", GESPREK, "- id: dji-gesprek\n- title: x\n", "not-a-mapping", 1),
    Case("scalar-not-mapping", GESPREK, "gewoon wat tekst\n", "not-a-mapping", 1),
    Case("not-utf8", GESPREK, lambda t: t.replace("Gesprekken", "Gespr\xe9kken").encode("latin-1"), "not-utf8", 2),
    Case("control-character", GESPREK, sub("Gesprekken", "Gesprek\x07ken"), "control-character", 2),
    Case("python-tag", GESPREK, sub("title: Gesprekken met zorgaanbieders", "title: !!python/object/apply:os.system ['echo pwned']"), "yaml-tag", 2),
    Case("custom-tag", GESPREK, sub("title: Gesprekken", "title: !geheim Gesprekken"), "yaml-tag", 2),
    Case("binary-tag", GESPREK, sub("title: Gesprekken met zorgaanbieders", "title: !!binary R0lGODlh"), "yaml-tag", 2),
    Case("billion-laughs", GESPREK, BILLION_LAUGHS, "yaml-anchor", 1),
    Case("alias", GESPREK, sub("reason: Testindeling.", "reason: *titel"), "yaml-alias", 21),
    Case("deep-nesting", GESPREK, "id: " + "[" * 200_000 + "]" * 200_000 + "\n", "yaml-too-deep", 1),
    Case("two-documents", GESPREK, lambda t: t + "---\nid: nog-een\n", "yaml-multiple-documents", 27),
    Case("too-large", GESPREK, lambda t: t + "notes: " + "x" * MAX_FILE_BYTES + "\n", "file-too-large", None),
    Case("non-text-key", GESPREK, sub("agency: dji", "? [a, b]\n: c\nagency: dji"), "yaml-syntax", 5),
    # --- well-formed YAML that the model refuses ---
    Case("unknown-field", GESPREK, sub("title:", "titel:"), "unknown-field", 2),
    Case("unknown-nested-field", GESPREK, sub("contactpersoon:", "contactpersonen:"), "unknown-field", 16),
    Case("missing-field", GESPREK, sub("instrument: advies\n", ""), "missing-field", 1),
    Case("wrong-type-position", GESPREK, sub("position: 1\n  overlast", "position: een\n  overlast"), "invalid-value", 8),
    Case("zero-position", GESPREK, sub("position: 1\n  overlast", "position: 0\n  overlast"), "invalid-value", 8),
    Case("number-for-text", GESPREK, sub("title: Gesprekken met zorgaanbieders", "title: 2017"), "invalid-value", 2),
    Case("boolean-for-text", GESPREK, sub("title: Gesprekken met zorgaanbieders", "title: true"), "invalid-value", 2),
    Case("unknown-instrument", GESPREK, sub("instrument: advies", "instrument: advise"), "invalid-value", 12),
    Case("unknown-domain", GESPREK, sub("  fraude:", "  fraud:"), "invalid-value", 7),
    Case("no-domains", GESPREK, sub("domains:\n  fraude:\n    position: 1\n  overlast:\n    position: 1\n", "domains: {}\n"), "invalid-value", 6),
    Case("bad-id", GESPREK, sub("id: dji-gesprek", "id: DJI_Gesprek"), "invalid-value", 1),
    Case("empty-title", GESPREK, sub("title: Gesprekken met zorgaanbieders", "title: ''"), "invalid-value", 2),
    Case("contact-not-mapping", GESPREK, sub("contact:\n  verantwoordelijk: ''\n  contactpersoon: ''\n  contactgegevens: ''\n", "contact: geen\n"), "invalid-value", 14),
    # --- records that contradict each other ---
    Case("id-mismatch", "measures/dji/dji-gesprek-kopie.yaml", sub("id: dji-gesprek", "id: dji-gesprek-oud"), "id-mismatch", 1, GESPREK),
    Case("duplicate-id", "measures/dji/dji-gesprek-kopie.yaml", sub("title: Gesprekken", "title: Andere gesprekken"), "duplicate-id", 1, GESPREK, GESPREK),
    Case("folder-mismatch", "measures/igj/dji-gesprek.yaml", lambda t: t, "folder-mismatch", 5, GESPREK),
    Case("unknown-agency", GESPREK, sub("agency: dji", "agency: dij"), "unknown-agency", 5),
    Case("duplicate-title", "measures/dji/dji-opzeggen.yaml", sub("title: Opzeggen van contracten", "title: gesprekken met  Zorgaanbieders"), "duplicate-title", 2),
    Case("position-duplicate", "measures/dji/dji-opzeggen.yaml", sub("position: 3", "position: 2"), "position-duplicate", 8),
    Case("unknown-source", GESPREK, sub("document: testbron", "document: testbronn"), "unknown-source", 3),
    Case("unsafe-link", GESPREK, lambda t: t + "links:\n  - title: Klik\n    url: javascript:alert(1)\n", "unsafe-link", 29),
    Case("link-without-host", GESPREK, lambda t: t + "links:\n  - title: Klik\n    url: 'https:///pad'\n", "unsafe-link", 29),
    Case("edge-unknown-measure", FRAUDE, sub("to: dji-opzeggen", "to: dji-opzegen"), "unknown-measure", 48),
    Case("edge-self-loop", FRAUDE, sub("to: dji-opzeggen", "to: dji-extra-controle"), "self-loop", 47),
    Case("edge-duplicate", FRAUDE, lambda t: t + "  - from: dji-gesprek\n    to: dji-extra-controle\n    kind: vervolg\n    basis: local\n", "duplicate-edge", 68),
    # the first edge (index 0) runs from a later id to an earlier one, so only its own key finds it
    Case("edge-duplicate-of-first-edge", "flows/overlast.yaml", lambda t: t + "  - from: gemeente-gesprek-veroorzaker\n    to: gemeente-gedragsaanwijzing\n    kind: vervolg\n    basis: local\n", "duplicate-edge", 45),
    Case("edge-parallel-duplicate", FRAUDE, lambda t: t + "  - from: igj-aanwijzing\n    to: dji-extra-controle\n    kind: parallel\n    basis: local\n", "duplicate-edge", 68),
    Case("edge-outside-domain", FRAUDE, sub("to: igj-signalen", "to: gemeente-huisverbod"), "edge-outside-domain", 24),
    Case("entry-point-unknown", FRAUDE, sub("  - igj-signalen\nprovenance", "  - igj-signaal\nprovenance"), "unknown-measure", 11),
    Case("stromenmodel-without-domain", FRAUDE, sub("domain: fraude\n", ""), "missing-field", 5),
    Case("step-unknown-agency", FRAUDE, sub("agency: om", "agency: ommm"), "unknown-agency", 18),
    Case("glossary-duplicate", "glossary.yaml", lambda t: t + "  - term: informatie knooppunt zorgfraude\n    definition: Dubbel.\n    basis: local\n", "duplicate-term", 10),
    Case("agency-duplicate", "agencies.yaml", sub("  - id: igj\n", "  - id: dji\n"), "duplicate-id", 22),
    Case("misplaced-measure", "measures/losse-maatregel.yaml", "id: losse-maatregel\n", "misplaced-file", None),
    Case("yml-extension", "measures/dji/dji-nieuw.yml", "id: dji-nieuw\n", "wrong-extension", None),
]
# fmt: on


def _apply(kb_dir: Path, case: Case) -> Path:
    target = kb_dir / case.path
    base = kb_dir / (case.source or case.path)
    original = base.read_text(encoding="utf-8") if base.exists() else ""
    content = case.change(original) if callable(case.change) else case.change
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return target


def test_there_are_at_least_25_distinct_bad_inputs() -> None:
    assert len({c.name for c in CASES}) == len(CASES) >= 25
    assert len({c.code for c in CASES}) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_located_and_fails(case: Case, kb_dir: Path, invoke) -> None:
    _apply(kb_dir, case)
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    where = f"data/{case.at or case.path}:" + (f"{case.line}:" if case.line is not None else "")
    lines = [line for line in result.stdout.splitlines() if f" {case.code} " in line]
    assert lines, f"no {case.code} finding in:\n{result.stdout}"
    assert any(line.startswith(where) for line in lines), f"expected {where} in:\n{result.stdout}"
    assert all(len(line.splitlines()) == 1 for line in lines)
    assert result.stdout.splitlines()[-1].startswith("data/: ")


def test_python_tag_is_never_executed(kb_dir: Path, invoke, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (kb_dir / GESPREK).write_text(
        f"id: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    assert not marker.exists()


def test_hostile_files_are_refused_quickly_in_a_fresh_process(kb_dir: Path) -> None:
    """Billion laughs and deep nesting: refused within a second, not after a hang."""
    (kb_dir / GESPREK).write_text(BILLION_LAUGHS, encoding="utf-8")
    (kb_dir / "measures/dji/dji-opzeggen.yaml").write_text(
        "id: " + "[" * 500_000 + "\n", encoding="utf-8"
    )
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "zorgtoolbox", "validate", "--data", str(kb_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - start
    assert proc.returncode == 1
    assert "yaml-anchor" in proc.stdout and "yaml-too-deep" in proc.stdout
    # generous: process start-up plus loading; a hang would take minutes
    assert elapsed < 10, elapsed


def test_every_problem_is_reported_sorted(kb_dir: Path, invoke) -> None:
    _apply(kb_dir, CASES[[c.name for c in CASES].index("unknown-field")])
    _apply(kb_dir, CASES[[c.name for c in CASES].index("edge-self-loop")])
    _apply(kb_dir, CASES[[c.name for c in CASES].index("glossary-duplicate")])
    result = invoke("validate", "--data", str(kb_dir))
    findings = result.stdout.splitlines()[:-1]
    assert len(findings) >= 3
    keys = []
    for line in findings:
        path, row, col = line.split(":")[:3]
        keys.append((path, int(row), int(col)))
    assert keys == sorted(keys)
    # the self-loop replaced the only arrow to dji-opzeggen, which stays reachable from the
    # rung below it on DJI's ladder: no warning
    assert (
        result.stdout.splitlines()[-1]
        == "data/: 3 errors and 0 warnings in 3 files (22 files read)"
    )


def test_valid_knowledge_base_exits_0_with_summary(kb_dir: Path, invoke) -> None:
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "data/ is valid: 11 measures, 4 agencies, 2 flows (10 edges), 2 glossary terms"
    )


def test_warning_does_not_fail_unless_strict(kb_dir: Path, invoke) -> None:
    (kb_dir / "notities.yaml").write_text("a: 1\n", encoding="utf-8")
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 0
    assert "data/notities.yaml:1:1: unknown-file warning:" in result.stdout
    assert invoke("validate", "--strict", "--data", str(kb_dir)).exit_code == 1


def test_unreachable_measure_is_a_warning(kb_dir: Path, invoke) -> None:
    flow = kb_dir / FRAUDE
    flow.write_text(flow.read_text().replace("  - dji-gesprek\n", ""))
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 0
    assert f"data/{GESPREK}:1:1: unreachable-measure warning:" in result.stdout


def test_missing_required_file(kb_dir: Path, invoke) -> None:
    (kb_dir / "agencies.yaml").unlink()
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    assert (
        "data/agencies.yaml:1:1: missing-file required file agencies.yaml is missing"
        in result.stdout
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("unknown-field", "2:1: unknown-field unknown field 'titel'; did you mean 'title'?"),
        (
            "unknown-instrument",
            "instrument: text 'advise' is not allowed; expected one of: "
            "signalering, advies, correctie, bestuursrecht, civielrecht, strafrecht; did you mean 'advies'?",
        ),
        ("unknown-agency", "unknown agency 'dij'; did you mean "),
        ("number-for-text", 'title: expected text, got the number 2017; put it in quotes: "2017"'),
        (
            "unknown-domain",
            "domains: 'fraud' is not allowed here; expected one of: fraude, overlast; "
            "did you mean 'fraude'?",
        ),
        ("missing-field", "missing required field 'instrument'"),
        ("bad-id", "id: 'DJI_Gesprek' is not a valid id; use lowercase letters"),
        ("zero-position", "domains.fraude.position: must be more than 0, got the number 0"),
    ],
)
def test_messages_say_what_would_be_right(name: str, message: str, kb_dir: Path, invoke) -> None:
    _apply(kb_dir, CASES[[c.name for c in CASES].index(name)])
    out = invoke("validate", "--data", str(kb_dir)).stdout
    assert message in out


def test_misspelt_field_is_one_finding(kb_dir: Path, invoke) -> None:
    _apply(kb_dir, CASES[[c.name for c in CASES].index("unknown-field")])
    out = invoke("validate", "--data", str(kb_dir)).stdout
    assert "missing-field" not in out
    assert out.count("unknown-field") == 1


def test_github_format(kb_dir: Path, invoke) -> None:
    _apply(kb_dir, CASES[[c.name for c in CASES].index("unknown-field")])
    result = invoke("validate", "--format", "github", "--data", str(kb_dir))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        f"::error file=data/{GESPREK},line=2,col=1,title=unknown-field::unknown field 'titel'"
    )


def test_json_format(kb_dir: Path, invoke) -> None:
    _apply(kb_dir, CASES[[c.name for c in CASES].index("unknown-field")])
    result = invoke("validate", "--format", "json", "--data", str(kb_dir))
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings == [
        {
            "path": f"data/{GESPREK}",
            "line": 2,
            "column": 1,
            "code": "unknown-field",
            "severity": "error",
            "message": "unknown field 'titel'; did you mean 'title'?",
        }
    ]


def test_json_format_valid_is_empty_list(kb_dir: Path, invoke) -> None:
    result = invoke("validate", "-f", "json", "--data", str(kb_dir))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--format", "xml"], "unknown format 'xml'; choose from: text, json, github"),
        (
            ["validate", "--data", "/nonexistent/folder"],
            "data folder '/nonexistent/folder' does not exist",
        ),
        (["validate", "--bogus"], "Error: unknown option --bogus"),
        (["valdate"], "Error: unknown command 'valdate'; did you mean 'validate'?"),
    ],
)
def test_wrong_usage_exits_2_with_one_line(args: list[str], message: str, invoke) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_data_option_must_point_at_a_data_folder(tmp_path: Path, invoke) -> None:
    result = invoke("validate", "--data", str(tmp_path))
    assert result.exit_code == 2
    assert "has no toolbox.yaml" in result.stderr


def test_environment_variable_selects_data(kb_dir: Path, invoke) -> None:
    result = invoke("validate", env={"ZORGTOOLBOX_DATA": str(kb_dir)})
    assert result.exit_code == 0
    assert "11 measures" in result.stdout


def test_data_folder_found_upward_from_working_directory(
    kb_dir: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    nested = kb_dir.parent / "werk" / "dieper"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    result = invoke("validate")
    assert result.exit_code == 0
    assert "11 measures" in result.stdout


def test_bundled_data_used_outside_any_data_folder(
    tmp_path: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zorgtoolbox.paths import bundled_data_dir

    monkeypatch.chdir(tmp_path)
    result = invoke("validate", "-f", "json")
    assert result.exit_code in (0, 1)
    for finding in json.loads(result.stdout):
        # outside the working directory, a finding names the file by its full path
        assert finding["path"].startswith(f"{bundled_data_dir().resolve().as_posix()}/")


def test_console_script_exit_codes_and_no_traceback(kb_dir: Path) -> None:
    _apply(kb_dir, CASES[0])
    env = {**os.environ, "ZORGTOOLBOX_DATA": str(kb_dir)}
    bad = subprocess.run(
        [sys.executable, "-m", "zorgtoolbox", "validate"], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "zorgtoolbox", "validate", "-f", "yaml"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


# --- one wrong value, one finding -------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("agency: dji", "agency: djj", "unknown-agency"),  # not also folder-mismatch, gaps
        ("id: dji-gesprek", "id: dji-gesprekk", "id-mismatch"),  # not every reference to it
        ("instrument: advies", "instrument: adviez", "invalid-value"),
        ("position: 1\n  overlast", "position: x\n  overlast", "invalid-value"),
    ],
)
def test_one_wrong_value_gives_one_finding(kb_dir: Path, old: str, new: str, code: str) -> None:
    """No follow-on findings: references to the measure, gaps in its ladder, unreachable
    warnings and changed reference-case outcomes all stay quiet."""
    path = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    result = validate(kb_dir)
    assert [f.code for f in result.findings] == [code], [str(f) for f in result.findings]


def test_put_it_in_quotes_shows_what_was_typed(kb_dir: Path) -> None:
    path = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    path.write_text(path.read_text().replace("contactgegevens: ''", "contactgegevens: 0381234567"))
    (finding,) = validate(kb_dir).findings
    assert str(finding.message).endswith('put it in quotes: "0381234567"')


def test_the_summary_counts_every_file_with_findings(kb_dir: Path, invoke) -> None:
    """Two files with an error and one with only a warning: three files."""
    for name in ("dji-gesprek", "dji-opzeggen"):
        path = kb_dir / "measures" / "dji" / f"{name}.yaml"
        path.write_text(path.read_text().replace("title:", "titel:", 1))
    agencies = kb_dir / "agencies.yaml"
    agencies.write_text(agencies.read_text() + "# not a problem\n")
    (kb_dir / "extra.yaml").write_text("a: 1\n")  # unknown-file: a warning
    result = invoke("validate", "--data", str(kb_dir))
    assert result.stdout.splitlines()[-1] == (
        "data/: 2 errors and 1 warning in 3 files (22 files read)"
    ), result.stdout


# --- positions only order a ladder ---------------------------------------------------------


def test_a_measure_goes_between_two_rungs_with_one_number(kb_dir: Path, invoke) -> None:
    """Gaps and fractions are fine: the rungs are numbered 1, 2, 3 … when shown, so
    putting a measure between two others changes one line of one file."""
    from conftest import load_kb

    path = kb_dir / "measures" / "dji" / "dji-opzeggen.yaml"
    path.write_text(path.read_text().replace("position: 3", "position: 30"))
    new = kb_dir / "measures" / "dji" / "dji-tussen.yaml"
    new.write_text(
        (kb_dir / "measures" / "dji" / "dji-extra-controle.yaml")
        .read_text()
        .replace("id: dji-extra-controle", "id: dji-tussen")
        .replace("title: Extra controle bij zorgaanbieders", "title: Een tussenstap")
        .replace("position: 2\n  overlast:\n    position: 2\n", "position: 2.5\n")
        + "basis: local\n"
    )
    result = validate(kb_dir)
    assert result.ok, [str(f) for f in result.findings]
    kb = load_kb(kb_dir)
    ladder = [(m.id, kb.rung(m, "fraude")) for m in kb.ladder("dji", "fraude")]
    assert ladder == [
        ("dji-gesprek", 1),
        ("dji-extra-controle", 2),
        ("dji-tussen", 3),
        ("dji-opzeggen", 4),
    ]
    shown = invoke("measures", "--org", "dji", "--domain", "fraude", "--data", str(kb_dir))
    rungs = [line.split()[0] for line in shown.stdout.splitlines() if line[:5].strip().isdigit()]
    assert rungs == ["1", "2", "3", "4"]


def test_a_duplicate_position_says_how_to_put_one_between(kb_dir: Path) -> None:
    path = kb_dir / "measures" / "dji" / "dji-opzeggen.yaml"
    path.write_text(path.read_text().replace("position: 3", "position: 2"))
    (finding,) = validate(kb_dir).findings
    assert finding.code == "position-duplicate"
    assert str(finding.message) == (
        "position 2 on the dji/fraude ladder of testbron is also taken by 'dji-extra-controle' "
        "(data/measures/dji/dji-extra-controle.yaml); give this measure a number of its own; "
        "for example 3 to put it last"
    )
    path.write_text(path.read_text().replace("position: 2", "position: 1"))
    (finding,) = validate(kb_dir).findings
    assert str(finding.message).endswith("; for example 1.5 to put it between 1 and 2")


# --- a retired measure keeps its id ------------------------------------------------------


def _retire(kb_dir: Path, old: str, new: str) -> None:
    path = kb_dir / "measures" / "dji" / f"{old}.yaml"
    path.write_text(path.read_text() + f"replaced_by: {new}\n")


def test_a_retired_measure_still_resolves_with_a_warning(kb_dir: Path, invoke) -> None:
    """Old references (arrows, case files, reference cases) keep working; validate warns
    where they are and passes."""
    from conftest import load_kb

    _retire(kb_dir, "dji-gesprek", "dji-extra-controle")
    result = validate(kb_dir)
    assert result.ok, [str(f) for f in result.errors]
    warned = [f for f in result.warnings if f.code == "retired-measure"]
    assert warned and all("'dji-extra-controle' takes its place" in str(f.message) for f in warned)
    assert {f.location.path for f in warned} >= {"data/flows/fraude.yaml"}
    kb = load_kb(kb_dir)
    assert "dji-gesprek" not in kb.measures_by_id  # not on any ladder
    assert [m.id for m in kb.ladder("dji", "fraude")] == ["dji-extra-controle", "dji-opzeggen"]
    assert all(e.from_ != "dji-gesprek" for f in kb.flows for e in f.edges)
    shown = invoke("show", "dji-gesprek", "--data", str(kb_dir))
    assert shown.exit_code == 0 and shown.stdout.startswith("Extra controle bij zorgaanbieders")
    case = kb_dir.parent / "zaak.yaml"
    case.write_text("domain: fraude\nernst: klein\nherhaling: klein\ntaken: [dji-gesprek]\n")
    advice = invoke("advise", "--case", str(case), "--json", "--data", str(kb_dir))
    assert advice.exit_code == 0, advice.output
    assert json.loads(advice.stdout)["factors"]["taken"] == ["dji-extra-controle"]


@pytest.mark.parametrize(
    ("new", "code"),
    [("dji-gesprek", "self-reference"), ("dji-bestaat-niet", "unknown-measure")],
)
def test_a_retired_measure_names_a_measure_that_exists(kb_dir: Path, new: str, code: str) -> None:
    _retire(kb_dir, "dji-gesprek", new)
    assert code in [f.code for f in validate(kb_dir).errors]


def test_replacements_that_run_in_a_circle_are_an_error(kb_dir: Path) -> None:
    _retire(kb_dir, "dji-gesprek", "dji-opzeggen")
    _retire(kb_dir, "dji-opzeggen", "dji-gesprek")
    errors = [f for f in validate(kb_dir).errors if f.code == "invalid-value"]
    assert errors and "runs in a circle" in str(errors[0].message)


def test_a_replacement_in_a_broken_file_is_one_error_not_a_circle(kb_dir: Path) -> None:
    _retire(kb_dir, "dji-gesprek", "dji-opzeggen")
    path = kb_dir / "measures" / "dji" / "dji-opzeggen.yaml"
    path.write_text(path.read_text().replace("title: ", "title: Kapot: ", 1))
    (error,) = validate(kb_dir).errors
    assert (error.code, error.location.path) == (
        "yaml-syntax",
        "data/measures/dji/dji-opzeggen.yaml",
    )


@pytest.mark.parametrize(
    ("old", "new", "english", "dutch"),
    [
        ("to: dji-opzeggen", "to: dji-opzegen", "edge to 'dji-opzegen'", "pijl naar 'dji-opzegen'"),
        ("from: igj-signalen", "from: igj-signaal", "edge from 'igj-signaal'", "pijl vanaf"),
    ],
)
def test_an_arrow_to_or_from_nothing_says_which_end_in_words(
    kb_dir: Path, invoke, old: str, new: str, english: str, dutch: str
) -> None:
    path = kb_dir / FRAUDE
    path.write_text(path.read_text().replace(old, new, 1))
    (line,) = [x for x in invoke("validate").stdout.splitlines() if "unknown-measure" in x]
    assert english in line and "no such measure" in line
    (nl,) = [
        x
        for x in invoke("validate", env={"ZORGTOOLBOX_LANG": "nl"}).stdout.splitlines()
        if "unknown-measure" in x
    ]
    assert dutch in nl
