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


# --- validate and the JSON Schema accept and refuse the same documents -----------------
#
# Generated documents: a valid measure (or case file) with up to three changes, each a
# field set to a value drawn from valid and hostile ones (strings that are empty, only
# white space, padded, too long, in capitals; "off", "yes", 1 for booleans; unsafe and
# malformed links; wrong types), a field dropped or an unknown one added. Strings hold
# only what the YAML reader lets through to the models (no control, bidirectional or
# zero-width characters). The one difference JSON itself makes is left out: it has one
# kind of number, so 1.0 is an integer to a JSON Schema but not to validate.

import copy  # noqa: E402

import jsonschema  # noqa: E402
from check_jsonschema.regex_variants import RegexImplementation, RegexVariantName  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pydantic import ValidationError  # noqa: E402

from zorgtoolbox.models import FINANCIERINGEN, INSTRUMENTS, TARGETS, Case, Measure  # noqa: E402
from zorgtoolbox.schema import json_schema  # noqa: E402
from zorgtoolbox.urls import is_safe as is_safe_url  # noqa: E402

_SPACES = [" ", "\t", "\n", "\u00a0", "\u3000"]
_chars = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
    st.sampled_from(_SPACES),
)
_text = st.text(_chars, max_size=12)
_not_text = st.one_of(st.integers(-3, 3), st.booleans(), st.none(), st.just([]), st.just({}))
TEXTS = st.one_of(
    _text,
    st.text(st.sampled_from(_SPACES), max_size=4),  # empty or only white space
    st.builds(
        lambda pad, t, end: pad + t + end,
        st.sampled_from(["", " ", "\n "]),
        _text,
        st.sampled_from(["", "\n", "  "]),
    ),
    _not_text,
)
_valid_id = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,4}){0,3}", fullmatch=True)
IDS = st.one_of(
    _valid_id,
    st.builds(
        lambda pad, i, end: pad + i + end,
        st.sampled_from([" ", "\n", "\t "]),
        _valid_id,
        st.sampled_from(["", " ", "\n"]),
    ),
    st.builds(str.upper, _valid_id),
    st.builds(
        lambda n, pad: "a" * n + pad, st.integers(75, 85), st.sampled_from(["", " ", "  \n"])
    ),
    st.sampled_from(["", "a--b", "-a", "a-", "a_b", "a b", "dji\u00e9"]),
    _not_text,
)
URLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "https://example.org/pad?q=1#x",
            "HTTP://EXAMPLE.ORG",
            "mailto:a@b.nl",
            "tel:+31201234567",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "https:///pad",
            "https://",
            "http://a b",
            "mailto:",
            "mailto:?subject=x",
            "mailto://x",
            "tel:",
            "//example.org",
            "example.org",
            "https://[::1]/",
            "https://ex\\ample.org",
            " https://example.org ",
            "https://example.org\n",
            "ftp://example.org",
            "https:example.org",
            "https://?x",
            "https://#x",
        ]
    ),
    st.builds(
        lambda scheme, sep, rest: scheme + sep + rest,
        st.sampled_from(
            ["http", "https", "HTTPS", "mailto", "tel", "javascript", "data", "ftp", ""]
        ),
        st.sampled_from(["://", ":", ":/", ":///", "//"]),
        st.text(st.sampled_from([*"ab.:/?#@[]\\ -"]), max_size=8),
    ),
    _not_text,
)
BOOLS = st.sampled_from(
    [True, False, None, "true", "false", "yes", "no", "off", "on", "True", 1, 0, 1.5, [], "ja"]
)
POSITIONS = st.one_of(
    st.integers(-2, 5), st.sampled_from([True, False, None, "1", 1.5, -0.5, [], {}])
)
DOMAINS = st.one_of(
    st.dictionaries(
        st.sampled_from(["fraude", "overlast", "fraud", " fraude", "", "Fraude"]),
        st.one_of(
            st.fixed_dictionaries({"position": POSITIONS}),
            st.just({}),
            st.fixed_dictionaries({"position": POSITIONS, "extra": st.just(1)}),
            _not_text,
        ),
        max_size=3,
    ),
    _not_text,
)


def _choices(values: tuple[str, ...]) -> st.SearchStrategy:
    return st.one_of(
        st.sampled_from([*values, "", " " + values[0], values[0].upper(), "onbekend"]), _not_text
    )


LINKS = st.one_of(
    st.lists(
        st.one_of(
            st.fixed_dictionaries({"title": TEXTS}, optional={"url": URLS, "extra": _text}),
            st.fixed_dictionaries({"url": URLS}),
            _not_text,
        ),
        max_size=2,
    ),
    _text,
)
MEASURE_FIELDS = {
    "id": IDS,
    "title": TEXTS,
    "agency": IDS,
    "domains": DOMAINS,
    "description": TEXTS,
    "instrument": _choices(INSTRUMENTS),
    "instrument_reason": TEXTS,
    "target": _choices(TARGETS),
    "decided_by": TEXTS,
    "collegebesluit": BOOLS,
    "legal_basis": TEXTS,
    "financiering": st.one_of(st.lists(_choices(FINANCIERINGEN), max_size=3), _text, _not_text),
    "contact": st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                k: TEXTS for k in ("verantwoordelijk", "contactpersoon", "contactgegevens", "naam")
            },
        ),
        _not_text,
    ),
    "links": LINKS,
    "related": st.one_of(st.lists(IDS, max_size=2), _text),
    "notes": TEXTS,
    "source": st.one_of(
        st.fixed_dictionaries({"document": IDS, "section": TEXTS}, optional={"page": _text}),
        st.fixed_dictionaries({"document": IDS}),
        _not_text,
    ),
}
VALID_MEASURE = {
    "id": "dji-gesprek",
    "title": "Gesprekken met zorgaanbieders",
    "agency": "dji",
    "domains": {"fraude": {"position": 1}},
    "description": "DJI voert gesprekken.",
    "instrument": "advies",
    "instrument_reason": "Een gesprek.",
    "target": "zorgaanbieder",
    "collegebesluit": False,
    "links": [{"title": "Site", "url": "https://example.org"}],
    "contact": {"verantwoordelijk": ""},
    "source": {"document": "toolbox-2026", "section": "DJI"},
}
CASE_FIELDS = {
    "label": st.one_of(
        st.from_regex(r"[a-z-]{0,10}[0-9][a-z0-9-]{0,30}", fullmatch=True),
        st.builds(lambda t: " " + t + "\n", st.from_regex(r"zaak-[0-9]{1,40}", fullmatch=True)),
        TEXTS,
    ),
    "domain": _choices(("fraude", "overlast")),
    "org": IDS,
    "ernst": _choices(("klein", "gemiddeld", "groot")),
    "herhaling": _choices(("klein", "gemiddeld", "groot")),
    "houding": _choices(("niet-weten", "niet-kunnen", "niet-willen")),
    "recidive": BOOLS,
    "financiering": _choices(FINANCIERINGEN),
    "taken": st.one_of(st.lists(IDS, max_size=2), _text),
}
VALID_CASE = {"label": "zaak-2026-014", "domain": "fraude", "ernst": "groot", "recidive": True}


@st.composite
def documents(draw, valid: dict, fields: dict) -> dict:
    doc = copy.deepcopy(valid)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["set", "set", "set", "drop", "extra"]))
        key = draw(st.sampled_from(sorted(fields)))
        if action == "set":
            doc[key] = draw(fields[key])
        elif action == "drop":
            doc.pop(key, None)
        else:
            doc[draw(st.sampled_from(["titel", "naam", "bsn", "Id", "id "]))] = draw(_text)
    return doc


def _validate_accepts(model, doc: dict) -> bool:
    """validate's rules for one file: the model, and the link policy for its links."""
    try:
        record = model.model_validate(doc)
    except ValidationError:
        return False
    return all(not link.url or is_safe_url(link.url) for link in getattr(record, "links", ()))


_ECMA = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    {"pattern": RegexImplementation(RegexVariantName.default).pattern_keyword},
)


def _schema_accepts(name: str, doc: dict) -> tuple[bool, bool]:
    """(Python's regular expressions, ECMA-262's as check-jsonschema uses by default)."""
    schema = json_schema(name)
    return (
        jsonschema.Draft202012Validator(schema).is_valid(doc),
        _ECMA(schema).is_valid(doc),
    )


_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(documents(VALID_MEASURE, MEASURE_FIELDS))
def test_validate_and_the_schema_agree_on_measures(doc: dict) -> None:
    expected = _validate_accepts(Measure, doc)
    assert _schema_accepts("measure", doc) == (expected, expected), doc


@_SETTINGS
@given(documents(VALID_CASE, CASE_FIELDS))
def test_validate_and_the_schema_agree_on_case_files(doc: dict) -> None:
    expected = _validate_accepts(Case, doc)
    assert _schema_accepts("case", doc) == (expected, expected), doc


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("collegebesluit", "off"),
        ("collegebesluit", "yes"),
        ("collegebesluit", 1),
        ("title", "   "),
        ("title", "\u00a0\n"),
        ("links", [{"title": "x", "url": "javascript:alert(1)"}]),
    ],
)
def test_the_issues_disagreements_are_refused_by_both(field: str, value: object) -> None:
    doc = {**VALID_MEASURE, field: value}
    assert not _validate_accepts(Measure, doc)
    assert _schema_accepts("measure", doc) == (False, False)
