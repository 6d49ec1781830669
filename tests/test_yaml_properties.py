"""Property-based tests of the YAML reader (yamlio) against ruamel.yaml's safe loader.

- Documents written by ruamel.yaml's own dumper, with every scalar and collection in a
  style drawn at random (plain, quoted, literal, folded; block or flow), read the same
  by our reader and by ruamel.yaml's safe loader.
- Text with a control, bidirectional or zero-width character is refused, with the code
  for that character, wherever and however it is written.
- Any text at all: our reader returns or raises YamlError, nothing else, and never
  accepts what ruamel.yaml's safe loader refuses as invalid YAML.

Deliberate differences, kept out of the comparison: our reader leaves dates as text
(ruamel.yaml makes dates of them, and raises a bare ValueError for impossible ones), reads
a plain `=` and `<<` as text (YAML 1.2's core schema; ruamel.yaml's resolver still gives
them YAML 1.1's value and merge types, which its safe loader then refuses), and refuses
what the safe loader would read (anchors and aliases, tags, control characters, integers
of more than 100 characters, empty documents).
"""

from __future__ import annotations

import datetime
import io
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from zorgtoolbox.yamlio import YamlError, _CParser, load_text

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))

#: Characters our reader lets through: no controls (other than tab and newline), no
#: bidi or zero-width characters, no surrogates or noncharacters.
_SAFE = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co"),
    exclude_characters="\ufffe\uffff",
)
_TEXT = st.text(
    st.one_of(_SAFE, st.sampled_from([" ", "\n", "\t", ":", "#", "-", "'", '"'])), max_size=20
)
#: Strings that look like other types, to exercise the resolver.
_LOOKALIKES = st.sampled_from(
    [
        "true", "False", "TRUE", "yes", "no", "on", "off", "null", "Null", "~", "",
        "12", "-3", "+7", "007", "0o17", "0x1F", "1_000", "0b101", "1.5", "-.5", "1e5",
        "1.", ".inf", "-.Inf", ".nan", "2026-03-01", "12:30", "- x", "a: b", "# c", "@x",
    ]
)  # fmt: skip
_STYLES = (
    str,
    DoubleQuotedScalarString,
    SingleQuotedScalarString,
    LiteralScalarString,
    FoldedScalarString,
)


def _scalar() -> st.SearchStrategy[Any]:
    text = st.builds(
        lambda style, t: style(t), st.sampled_from(_STYLES), st.one_of(_TEXT, _LOOKALIKES)
    )
    return st.one_of(
        text,
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=False, allow_infinity=True),
        st.booleans(),
        st.none(),
    )


def _styled(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    def seq(items: list[Any], flow: bool) -> CommentedSeq:
        out = CommentedSeq(items)
        if flow:
            out.fa.set_flow_style()
        return out

    def mapping(items: dict[str, Any], flow: bool) -> CommentedMap:
        out = CommentedMap(items)
        if flow:
            out.fa.set_flow_style()
        return out

    keys = st.one_of(_TEXT, _LOOKALIKES).filter(
        lambda k: k.strip() == k and "\n" not in k and "\t" not in k
    )
    return st.one_of(
        st.builds(seq, st.lists(children, max_size=4), st.booleans()),
        st.builds(mapping, st.dictionaries(keys, children, max_size=4), st.booleans()),
    )


DOCUMENTS = st.builds(
    lambda items: CommentedMap(items),
    st.dictionaries(
        st.text(_SAFE, min_size=1, max_size=10).filter(lambda k: k.strip() == k),
        st.recursive(_scalar(), _styled, max_leaves=12),
        min_size=1,
        max_size=5,
    ),
)


def _dump(data: Any, width: int, indent: int) -> str:
    yaml = YAML(typ="rt")
    yaml.width = width
    yaml.indent(mapping=indent, sequence=indent + 2, offset=indent)
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _safe_load(text: str) -> Any:
    """ruamel.yaml's safe loader, on the parser our reader uses: the C parser of
    ruamel.yaml.clib (YAML 1.1 rules for flow scalars such as `{a:b: c}`), or the
    pure-Python one where the C parser is missing."""
    return YAML(typ="safe", pure=_CParser is None).load(text)


def _has_dates(value: Any) -> bool:
    if isinstance(value, datetime.date):
        return True
    if isinstance(value, dict):
        return any(_has_dates(k) or _has_dates(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_dates(v) for v in value)
    return False


def _same(ours: Any, theirs: Any) -> bool:
    """Equal, with the types (True is not 1) and floats compared as floats."""
    if isinstance(theirs, float) and isinstance(ours, float):
        return ours == theirs or (math.isnan(ours) and math.isnan(theirs))
    if type(ours) is not type(theirs):
        return False
    if isinstance(ours, dict):
        return list(ours) == list(theirs) and all(_same(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list):
        return len(ours) == len(theirs) and all(map(_same, ours, theirs))
    return ours == theirs


@SETTINGS
@given(DOCUMENTS, st.sampled_from([20, 40, 80, 4096]), st.sampled_from([2, 4]))
def test_reads_dumped_documents_as_the_safe_loader_does(data: Any, width: int, indent: int) -> None:
    text = _dump(data, width, indent)
    try:
        theirs = _safe_load(text)
    except YAMLError:  # the round-trip dumper wrote YAML 1.2 the C parser reads as 1.1
        with pytest.raises(YamlError):
            load_text(text, "x.yaml")
        return
    assume(not _has_dates(theirs))
    ours = load_text(text, "x.yaml").data
    assert _same(ours, theirs), text


@SETTINGS
@given(DOCUMENTS, st.sampled_from([20, 80]))
def test_every_value_and_key_has_a_position(data: Any, width: int) -> None:
    text = _dump(data, width, 2)
    try:
        _safe_load(text)
    except YAMLError:
        assume(False)  # see above: YAML 1.2 the C parser does not read
    doc = load_text(text, "x.yaml")
    lines = text.count("\n") + 1

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        line, column = doc.value_marks[path]
        assert 1 <= line <= lines and column >= 1
        if isinstance(value, dict):
            for key, item in value.items():
                assert (*path, key) in doc.key_marks
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(doc.data, ())


_FORBIDDEN = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x1b",
        "\x7f",
        "\x85",
        "\x9b",
        "\u2028",
        "\u2029",
        "\u202e",
        "\u2066",
        "\u200b",
        "\u2060",
        "\ufeff",
    ]
)


@SETTINGS
@given(_TEXT, _FORBIDDEN, _TEXT, st.sampled_from(_STYLES), st.booleans())
def test_a_forbidden_character_is_refused_however_it_is_written(
    before: str, char: str, after: str, style: type, in_key: bool
) -> None:
    text_value = before + char + after
    data = CommentedMap({text_value: 1} if in_key else {"veld": style(text_value)})
    try:
        text = _dump(data, 80, 2)
        theirs = _safe_load(text)
    except (YAMLError, IndexError):
        assume(False)  # ruamel.yaml cannot write (or read back) this one in this style
    # the folded style may drop a control character on writing: then there is none to find
    assume(char in repr(theirs) or char.encode("unicode_escape").decode() in repr(theirs))
    with pytest.raises(YamlError) as exc:
        load_text(text, "x.yaml")
    codes = {f.code for f in exc.value.findings}
    expected = (
        "bidi-control"
        if char in "\u202e\u2066"
        else "zero-width-character"
        if char in "\u200b\u2060\ufeff"
        else "control-character"
    )
    # a key may hold no tab or newline either: the first forbidden character is the one told
    also = {"control-character"} if in_key and set(before) & {"\t", "\n"} else set()
    assert codes & ({expected} | also), (text, codes)


#: Where ruamel.yaml's resolver still follows YAML 1.1 and its safe loader then fails:
#: a plain `=` (the old "value" type) and `<<` (merge keys, which need anchors). In YAML
#: 1.2's core schema, which our reader follows, both are text.
_YAML_1_1_QUIRKS = ("tag:yaml.org,2002:value", "for merging")

_YAMLISH = st.text(
    st.one_of(
        st.sampled_from([*" \n\t:-?[]{},#&*!|>'\"%@`~.0123456789abcxyzTFN"]), st.characters()
    ),
    max_size=60,
)


@SETTINGS
@given(_YAMLISH)
def test_any_text_is_read_or_refused_never_a_crash(text: str) -> None:
    try:
        doc = load_text(text, "x.yaml")
    except YamlError as exc:
        assert all(f.location.line >= 1 for f in exc.findings)
        return
    try:
        theirs = _safe_load(text)
    except YAMLError as exc:
        if any(quirk in str(exc) for quirk in _YAML_1_1_QUIRKS):
            return
        pytest.fail(f"accepted what the safe loader refuses ({exc.__class__.__name__}): {text!r}")
    except ValueError:  # a bare ValueError: ruamel.yaml's impossible date, not a YAML error
        return
    assert doc.data is not None and theirs is not None
