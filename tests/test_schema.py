"""`zorgtoolbox schema`: JSON Schemas that editors and check-jsonschema can use."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED_DATA

from zorgtoolbox.schema import SCHEMA_DIR, SCHEMA_MODELS, schema_file_name, schema_texts

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _kind_of(path: Path) -> str:
    rel = path.relative_to(BUNDLED_DATA)
    if rel.parts[0] == "measures":
        return "measure"
    if rel.parts[0] == "flows":
        return "flow"
    if rel.parts[0] == "documents":
        return "document"
    if rel.parts[0] == "casuistiek":
        return "reference-case"
    return rel.stem


def _bundled_files() -> list[Path]:
    return sorted(
        p
        for p in BUNDLED_DATA.rglob("*.yaml")
        if SCHEMA_DIR not in p.relative_to(BUNDLED_DATA).parts
    )


def test_schema_writes_one_file_per_kind(tmp_path: Path, invoke) -> None:
    out = tmp_path / "schemas"
    result = invoke("schema", "--out", str(out))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(schema_file_name(n) for n in SCHEMA_MODELS)
    for name in SCHEMA_MODELS:
        schema = json.loads((out / schema_file_name(name)).read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False


def test_schema_output_is_deterministic(tmp_path: Path, invoke) -> None:
    invoke("schema", "--out", str(tmp_path / "a"))
    invoke("schema", "--out", str(tmp_path / "b"))
    for name in SCHEMA_MODELS:
        file = schema_file_name(name)
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


def test_schema_default_is_the_data_folders_schema_dir(kb_dir: Path, invoke) -> None:
    result = invoke("schema", "--data", str(kb_dir))
    assert result.exit_code == 0
    assert (kb_dir / SCHEMA_DIR / "measure.schema.json").is_file()


def test_schema_out_must_be_a_folder(tmp_path: Path, invoke) -> None:
    file = tmp_path / "file.json"
    file.write_text("{}")
    result = invoke("schema", "--out", str(file))
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr


def test_committed_schemas_match_the_models() -> None:
    """data/schema/ is regenerated with `zorgtoolbox schema` whenever a model changes."""
    for file, text in schema_texts().items():
        committed = BUNDLED_DATA / SCHEMA_DIR / file
        assert committed.read_text(encoding="utf-8") == text, (
            f"{committed} is stale: run `zorgtoolbox schema`"
        )


def test_every_bundled_data_file_names_its_schema() -> None:
    files = _bundled_files()
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = SCHEMA_LINE.match(first)
        assert match, f"{path} does not start with a yaml-language-server $schema line"
        target = (path.parent / match.group(1)).resolve()
        assert target == (BUNDLED_DATA / SCHEMA_DIR / schema_file_name(_kind_of(path))).resolve()
        assert target.is_file()


def _check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
    )


def test_check_jsonschema_accepts_every_bundled_file() -> None:
    by_kind: dict[str, list[Path]] = {}
    for path in _bundled_files():
        by_kind.setdefault(_kind_of(path), []).append(path)
    assert {"toolbox", "agencies", "measure", "flow"} <= set(by_kind)
    for kind, files in by_kind.items():
        proc = _check_jsonschema(BUNDLED_DATA / SCHEMA_DIR / schema_file_name(kind), files)
        assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (("instrument: ", "instrument: advise  # "), "advise"),
        (("title:", "titel:"), "titel"),
    ],
)
def test_check_jsonschema_rejects_a_broken_file(
    tmp_path: Path, change: tuple[str, str], complaint: str
) -> None:
    original = next(p for p in _bundled_files() if _kind_of(p) == "measure")
    broken = tmp_path / original.name
    text = original.read_text(encoding="utf-8")
    assert change[0] in text
    broken.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    proc = _check_jsonschema(BUNDLED_DATA / SCHEMA_DIR / "measure.schema.json", [broken])
    assert proc.returncode == 1
    assert complaint in proc.stdout + proc.stderr
