"""Property-based tests of every escaping function, on generated text.

Each output format has its own rules; for any text at all the escaped form must be inert
in that format (parsed back, it is the same text and nothing else) and show everything.
"""

from __future__ import annotations

import io
import json
import re
import sys
from urllib.parse import urlsplit
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from zorgtoolbox.diagrams import _dot, _mermaid_text, one_line, xml_attr, xml_text
from zorgtoolbox.findings import Finding, Location, Severity
from zorgtoolbox.mdtext import md_escape
from zorgtoolbox.messages import Message
from zorgtoolbox.output import terminal as console
from zorgtoolbox.output.validation import github_line
from zorgtoolbox.urls import SAFE_SCHEMES
from zorgtoolbox.urls import is_safe as is_safe_url

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))

#: Any text, with the characters that matter for each format made likely.
MARKUP = "\\`*_[]<>|#~!&;%\"'(){}=+-.:0123456789 \t\n\r\x1b\x00\x7f\x85\x9b\u2028\u202e\u200b\ufeff"
TEXT = st.text(st.one_of(st.sampled_from(MARKUP), st.characters()), max_size=40)
#: What data can hold after the YAML reader: no controls but tab and newline, no bidi or
#: zero-width characters, no surrogates.
DATA_TEXT = st.text(
    st.one_of(
        st.sampled_from([c for c in MARKUP if c.isprintable() or c in "\t\n"]),
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co")),
    ),
    max_size=40,
)

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _words(text: str) -> str:
    return " ".join(text.split())


def _inline_text(tokens) -> str:
    inline = [t for t in tokens if t.type == "inline"]
    return "".join(c.content for t in inline for c in t.children or [])


def _md_escape_by_its_definition(text: str) -> str:
    """md_escape as its regular expressions define it, one `sub` each (the slow way)."""
    from zorgtoolbox import mdtext

    line = mdtext._MD_SPACE.sub(" ", text).strip()
    line = mdtext._MD_ENTITY.sub(r"\\&", mdtext._MD_SPECIAL.sub(r"\\\1", line))
    return mdtext._MD_BLOCK_START.sub(mdtext._escape_block_start, line)


@SETTINGS
@given(TEXT)
def test_the_fast_markdown_escape_is_its_definition(text: str) -> None:
    """The translate table and the shortcuts skip work, never change the result."""
    assert md_escape(text) == _md_escape_by_its_definition(text)


@SETTINGS
@given(DATA_TEXT)
def test_markdown_one_line_is_one_plain_paragraph(text: str) -> None:
    escaped = md_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    tokens = _MD.parse(escaped)
    if not _words(text):
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {c.type for c in children} <= {"text"}, [c.type for c in children]
    assert _words(_inline_text(tokens)) == _words(text)


@SETTINGS
@given(DATA_TEXT)
def test_markdown_after_a_paragraph_line_stays_in_the_paragraph(text: str) -> None:
    """No setext underline (=== or ---) or list can follow a line of text."""
    tokens = _MD.parse("Tekst\n" + md_escape(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]


@SETTINGS
@given(DATA_TEXT, DATA_TEXT)
def test_markdown_table_cells_stay_cells(first: str, second: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {md_escape(first)} | {md_escape(second)} |\n"
    tokens = _MD.parse(table)
    cells = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "td_open"]
    assert len(cells) == 2
    assert [_words(_inline_text([c])) for c in cells] == [_words(first), _words(second)]
    assert all({c.type for c in cell.children or []} <= {"text"} for cell in cells)


def _mermaid_decode(label: str) -> str:
    named = {"amp": "&", "quot": '"', "lt": "<", "gt": ">"}
    return re.sub(
        r"#(\d+|amp|quot|lt|gt);",
        lambda m: named.get(m.group(1)) or chr(int(m.group(1))),
        label,
    )


@SETTINGS
@given(TEXT)
def test_mermaid_labels_are_inert_and_complete(text: str) -> None:
    label = _mermaid_text(text)
    bare = re.sub(r"#(\d+|amp|quot|lt|gt);", "", label)
    assert not re.search(r"[\"%#&<>`\[\]{}|;\\\n\r]", bare), label
    assert "%%" not in label
    assert _mermaid_decode(label) == one_line(text)


@SETTINGS
@given(TEXT)
def test_dot_strings_are_one_quoted_token(text: str) -> None:
    quoted = _dot(text)
    assert re.fullmatch(r'"(?:[^"\\\x00-\x1f]|\\.)*"', quoted), quoted
    inner = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), quoted[1:-1])
    controls = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
    assert inner == "\n".join(controls.sub(" ", line) for line in text.split("\n"))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@SETTINGS
@given(TEXT)
def test_svg_text_is_well_formed_xml(text: str) -> None:
    expected = _NOT_XML.sub("\ufffd", text)
    element = ElementTree.fromstring(f"<t>{xml_text(text)}</t>")
    # XML reads a carriage return as a line feed
    assert (element.text or "") == expected.replace("\r\n", "\n").replace("\r", "\n")
    element = ElementTree.fromstring(f"<t a={xml_attr(text)}/>")
    assert element.get("a") == expected


UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"
)


def _clean_for_ci(line: str) -> bool:
    return not line.lstrip().startswith("::") and "##[" not in line


@SETTINGS
@given(TEXT)
def test_neutralise_shows_everything_and_hides_nothing(text: str) -> None:
    line = console.neutralise(text)
    assert "\n" not in line and "\t" not in line and not UNSAFE.search(line)
    assert _clean_for_ci(line)
    line.encode("utf-8")  # strict: undecodable bytes of file names are escapes now
    harmless = not UNSAFE.search(text) and "\\" not in text and "\n" not in text
    if harmless and "\t" not in text and _clean_for_ci(text):
        assert line == text  # what needs no neutralising is left alone
    several = console.neutralise(text, multiline=True)
    assert len(several.split("\n")) == len(text.split("\n"))
    assert not UNSAFE.search(several) and all(_clean_for_ci(x) for x in several.split("\n"))


@SETTINGS
@given(
    st.recursive(
        st.one_of(TEXT, st.integers(), st.booleans(), st.none()),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(TEXT, c, max_size=3),
        max_leaves=8,
    )
)
def test_json_output_is_the_same_value_and_inert(value) -> None:
    out = io.StringIO()
    real, sys.stdout = sys.stdout, out
    try:
        console.print_json(value)
    finally:
        sys.stdout = real
    text = out.getvalue()
    assert json.loads(text) == value
    assert not re.search(
        "[\x00-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]",
        text.replace("\n", ""),
    )
    assert all(_clean_for_ci(line) for line in text.splitlines())


def _runner_parse(line: str) -> tuple[str, dict[str, str], str]:
    """How the GitHub Actions runner reads a workflow command line (ActionCommand.cs)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2 :]
    name, _, props = info.partition(" ")
    properties = {}
    for pair in props.split(","):
        key, _, value = pair.partition("=")
        for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            value = value.replace(code, char)
        properties[key] = value
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        data = data.replace(code, char)
    return name, properties, data


@SETTINGS
@given(TEXT, TEXT, st.booleans())
def test_github_annotations_are_one_command_each(path: str, message: str, is_error: bool) -> None:
    severity = Severity.ERROR if is_error else Severity.WARNING
    finding = Finding("yaml-syntax", Location(path, 3, 7), Message(message), severity)
    line = github_line(finding)
    assert "\n" not in line and "\r" not in line
    name, properties, data = _runner_parse(line)
    assert name == ("error" if is_error else "warning")
    assert properties == {
        "file": console.neutralise(path),
        "line": "3",
        "col": "7",
        "title": "yaml-syntax",
    }
    assert data == console.neutralise(message)


@SETTINGS
@given(
    st.one_of(
        TEXT,
        st.builds(
            lambda scheme, rest: scheme + rest,
            st.sampled_from(
                ["http://", "https://", "HTTPS://", "mailto:", "tel:", "javascript:", "data:", ""]
            ),
            TEXT,
        ),
    )
)
def test_a_safe_url_is_safe_by_every_other_reading(url: str) -> None:
    if not is_safe_url(url):
        return
    assert not any(c.isspace() or ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in url)
    parts = urlsplit(url)
    assert parts.scheme.lower() in SAFE_SCHEMES
    if parts.scheme.lower() in ("http", "https"):
        assert parts.netloc
    else:
        assert parts.path
