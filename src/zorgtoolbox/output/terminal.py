"""What reaches a terminal or a CI log: neutralised text, whole writes, a clean end.

Nothing reaches a terminal or a CI log unneutralised: every string passes `neutralise`
(control, bidirectional and zero-width characters, and bytes of file names that are not
UTF-8, shown as visible escapes such as `\\x1b`; no line that a CI runner reads as a
command), and JSON output escapes what json.dumps leaves raw (see `print_json`).
Messages (`messages.Message`) are worded in the reader's language on the way out.

Every stream is UTF-8 whatever the console's code page (Windows pipes default to
cp1252), and a character the stream still cannot take is written as an escape.
"""

from __future__ import annotations

import io
import os
import re
import sys
from typing import Any

from ..errors import OutputError
from ..i18n import tr
from ..messages import Message

# --- what reaches a terminal or a CI log ----------------------------------------------

#: Shown as escapes: C0 and C1 controls (ESC starts terminal sequences: clearing the
#: screen, writing the clipboard with OSC 52, hidden links with OSC 8), DEL, the line
#: and paragraph separators, noncharacters, bidirectional controls, zero-width characters
#: and lone surrogates (the bytes of a file name that is not UTF-8).
_INVISIBLE = (
    "\x7f-\x9f\u200b-\u200d\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff"
    "\ud800-\udfff\ufffe\uffff"
)
_UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]")
_UNSAFE_IN_JSON = re.compile(f"[{_INVISIBLE}]|##\\[")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def no_command(line: str) -> str:
    """A line a CI runner cannot read as a command: GitHub Actions takes a line that
    starts with `::` (after white space) as a workflow command, and `##[` anywhere in it
    as an old-style one."""
    rest = line.lstrip()
    if rest.startswith("::"):
        line = line[: len(line) - len(rest)] + "\\x3a" + rest[1:]
    return line.replace("##[", "#\\x23[")


def neutralise(text: str, *, multiline: bool = False) -> str:
    """`text` made safe for a terminal or a CI log, with everything still readable.

    Control characters (also newline and tab, unless `multiline`), bidirectional and
    zero-width characters and undecodable bytes become visible escapes (`\\x1b`,
    `\\u202e`, `\\xff`), and no line can start a CI workflow command. With `multiline`
    the text keeps its newlines and tabs and every line is guarded.
    """
    if multiline:
        text = _UNSAFE_IN_TEXT.sub(_visible, text)
        return "\n".join(no_command(line) for line in text.split("\n"))
    return no_command(_UNSAFE_IN_LINE.sub(_visible, text))


def write_raw(text: str) -> None:
    """Write `text` to stdout, all of it.

    Under PYTHONUNBUFFERED (or `python -u`) the text layer of stdout sits directly on the
    file, and when the reader goes away mid-write it keeps the part the system took and
    drops the rest without a word; there the bytes are written in a loop, so a closed pipe
    is always noticed (and the output is never cut short silently).

    A closed pipe raises BrokenPipeError (the command line ends quietly with 141); any
    other failure (a full disk behind stdout) raises OutputError, after which nothing more
    is written to stdout.
    """
    try:
        _write_all(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise OutputError(exc.strerror or type(exc).__name__) from None


def _write_all(text: str) -> None:
    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if not isinstance(raw, io.FileIO):
        stream.write(text)
        return
    stream.flush()
    view = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    while view:
        written = raw.write(view)
        if not written:  # a non-blocking stdout that is full: leave the rest to the stream
            stream.write(bytes(view).decode(stream.encoding or "utf-8", "replace"))
            return
        view = view[written:]


def _err(text: str) -> None:
    """Write to stderr; when even that fails there is no one left to tell."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def echo(text: str = "") -> None:
    """A line of text on stdout, neutralised (one line, whatever `text` holds)."""
    write_raw(neutralise(text) + "\n")


def echo_error(text: str) -> None:
    """A line on stderr (an error, worded already), neutralised."""
    _err(neutralise(text) + "\n")


def print_json(value: Any) -> None:
    """JSON on stdout. Non-ASCII text stays readable (ensure_ascii=False); what json.dumps
    would leave raw besides (C1 controls, bidirectional and zero-width characters, lone
    surrogates) and `##[` are written as JSON escapes: the same value, inert in a log."""
    import json

    text = json.dumps(value, indent=2, ensure_ascii=False, default=_worded)
    write_raw(_UNSAFE_IN_JSON.sub(_json_escape, text) + "\n")


def _worded(value: Any) -> str:
    """A message in a JSON shape, worded in the reader's language."""
    if isinstance(value, Message):
        return tr(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def _json_escape(match: re.Match[str]) -> str:
    found = match.group()
    return "##\\u005b" if found == "##[" else f"\\u{ord(found):04x}"


def write_text(text: str) -> None:
    """Text of several lines (a diagram) on stdout, neutralised line by line."""
    write_raw(neutralise(text, multiline=True))


# --- ending: flushing stdout --------------------------------------------------------


def prepare_streams() -> None:
    """UTF-8 on Windows whatever the console's code page (a pipe there is cp1252, which
    lacks characters of the data), and never fail on a character the output's encoding
    lacks (PYTHONIOENCODING=ascii): write it as a backslash escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if os.name == "nt" and not os.environ.get("PYTHONIOENCODING"):
            reconfigure(encoding="utf-8", errors="backslashreplace")
        else:
            reconfigure(errors="backslashreplace")


def _is_devnull(fd: int) -> bool:
    try:
        here, null = os.fstat(fd), os.stat(os.devnull)
    except (OSError, ValueError):
        return False
    return (here.st_rdev, here.st_ino, here.st_dev) == (null.st_rdev, null.st_ino, null.st_dev)


def stdout_is_devnull() -> bool:
    """Whether stdout is /dev/null, and not because `silence_stdout` made it so (rich
    points it there after a closed pipe)."""
    if _silenced:
        return False
    try:
        return _is_devnull(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


_silenced = False


def silence_stdout() -> None:
    """After the reader of stdout went away: let nothing try to write there again (the
    interpreter's last flush would complain on stderr)."""
    global _silenced
    _silenced = True
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real descriptor (tests)
        pass


def flush_stdout() -> str | None:
    """Flush stdout; None when that worked, else "pipe" for a reader that went away or
    the reason a write failed (a full disk)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return "pipe"
    except OSError as exc:
        silence_stdout()
        return exc.strerror or type(exc).__name__
    return None


def inert(value: Any) -> Any:
    """`value` (a JSON shape) with every string neutralised, newlines kept: what may go
    to a terminal as CSV."""
    if isinstance(value, str):
        return neutralise(value, multiline=True)
    if isinstance(value, dict):
        return {k: inert(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [inert(v) for v in value]
    return value


def write_bytes(data: bytes) -> None:
    """Bytes on stdout as they are (a CSV file with its byte order mark)."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (tests): decode what was encoded
        write_raw(data.decode("utf-8"))
        return
    stream.flush()
    try:
        buffer.write(data)
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise OutputError(exc.strerror or type(exc).__name__) from None
