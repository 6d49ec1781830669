"""What a coordinator on Windows meets: a cp1252 console or pipe, CRLF checkouts, and the
per-user cache folder. These run on any machine: the Windows behaviour is chosen by
`os.name`, which the tests set (for the module under test only) to "nt".
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from zorgtoolbox import cachedir
from zorgtoolbox.output import terminal

TEXT = "Cliënt – “zorgaanbieder” … ≥ 1 €"


class _WindowsOs:
    """The os module as a module sees it on Windows: `name` is "nt", the rest is os."""

    name = "nt"

    def __getattr__(self, attribute: str) -> object:
        return getattr(os, attribute)


def _cp1252_stream() -> tuple[io.BytesIO, io.TextIOWrapper]:
    raw = io.BytesIO()
    return raw, io.TextIOWrapper(raw, encoding="cp1252", errors="strict")


@pytest.mark.parametrize("which", ["stdout", "stderr"])
def test_output_is_utf8_on_windows_whatever_the_code_page(
    monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    raw, stream = _cp1252_stream()
    monkeypatch.setattr(f"sys.{which}", stream)
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    monkeypatch.setattr(terminal, "os", _WindowsOs())
    terminal.prepare_streams()
    stream.write(TEXT)
    stream.flush()
    assert raw.getvalue().decode("utf-8") == TEXT


def test_elsewhere_the_encoding_is_kept_and_nothing_crashes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Linux and macOS the locale's encoding stays; a character it lacks is written as
    an escape, never a UnicodeEncodeError."""
    raw, stream = _cp1252_stream()
    monkeypatch.setattr("sys.stdout", stream)
    terminal.prepare_streams()
    stream.write("≥ 1")
    stream.flush()
    assert raw.getvalue() == b"\\u2265 1"


def test_the_cache_is_in_the_users_local_app_data_on_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(cachedir.CACHE_ENV, raising=False)
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\coordinator\AppData\Local")
    monkeypatch.setattr(cachedir, "os", _WindowsOs())
    folder = cachedir.cache_dir()
    assert folder is not None
    assert str(folder).startswith(r"C:\Users\coordinator\AppData\Local")
    assert folder.parts[-2:] == ("zorgtoolbox", "Cache")


def test_the_cache_elsewhere_follows_xdg_and_ignores_a_relative_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(cachedir.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cachedir.cache_dir() == tmp_path / "zorgtoolbox"
    monkeypatch.setenv("XDG_CACHE_HOME", "relatief")
    assert cachedir.cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "zorgtoolbox"


def test_a_crlf_checkout_of_the_data_is_valid_and_located_alike(kb_dir: Path, invoke) -> None:
    """Git for Windows without .gitattributes (or an editor) writes CRLF: the same data,
    the same findings on the same lines."""
    measure = kb_dir / "measures" / "dji" / "dji-gesprek.yaml"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(text.replace("instrument: ", "instrument: onbekend-", 1), "utf-8")
    lf = invoke("validate", "--data", str(kb_dir))
    for path in kb_dir.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    crlf = invoke("validate", "--data", str(kb_dir))
    assert lf.exit_code == crlf.exit_code == 1
    assert crlf.stdout == lf.stdout


def test_the_readme_shows_the_windows_commands() -> None:
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert ".venv\\Scripts\\zorgtoolbox validate" in readme
    assert ".venv/bin/zorgtoolbox validate" in readme
