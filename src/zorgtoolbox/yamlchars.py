"""The characters no data file may hold, written or escaped, and the findings that name
them: C0 and C1 controls other than tab and newline, lone surrogates, the noncharacters
U+FFFE and U+FFFF, bidirectional controls and zero-width characters; in a key also tab
and line breaks. One policy, used on a file's text and on what its escapes produce.
"""

from __future__ import annotations

import re
import unicodedata

from .findings import Finding, Location, error
from .messages import Message

#: At most this many character findings for one file.
MAX_CHARACTER_FINDINGS = 20

# Characters no data file may hold, written or escaped: C0 and C1 controls other than
# tab and newline (DEL, NEL and the Unicode line and paragraph separators included),
# lone surrogates (text that did not come from UTF-8), the noncharacters U+FFFE and
# U+FFFF, bidirectional controls (they make text display in another order than it is
# stored) and zero-width characters (they make two texts look alike, or an empty one
# look filled).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
FORBIDDEN = re.compile(f"[{_CONTROLS}{_BIDI}{_ZERO_WIDTH}]")
#: In a key nothing but printable text: no tab and no line break either.
FORBIDDEN_IN_KEY = re.compile(f"[\t\n{_CONTROLS}{_BIDI}{_ZERO_WIDTH}]")
_IS_BIDI = re.compile(f"[{_BIDI}]")
_IS_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH}]")
_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF",
    0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC",
}  # fmt: skip


def character_findings(text: str, display_path: str) -> list[Finding]:
    """A located finding for each forbidden character written in `text`."""
    found = []
    for match in FORBIDDEN.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        found.append(character_finding(match.group(), Location(display_path, line, column)))
        if len(found) == MAX_CHARACTER_FINDINGS:
            break
    return found


def character_finding(char: str, where: Location, context: Message | str = "") -> Finding:
    """A forbidden character; `context` says where it was written ("in a key: ")."""
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    shown = f"{code} ({name})" if name else code
    if _IS_BIDI.match(char):
        return error(
            "bidi-control",
            where,
            "{context}bidirectional control {char} is not allowed: it makes text display in "
            "another order than it is stored; remove it",
            context=context,
            char=shown,
        )
    if _IS_ZERO_WIDTH.match(char):
        return error(
            "zero-width-character",
            where,
            "{context}invisible character {char} is not allowed: it makes text look like "
            "other text, or empty text look filled; remove it",
            context=context,
            char=shown,
        )
    return error(
        "control-character",
        where,
        "{context}control character {char} is not allowed in data; remove it",
        context=context,
        char=shown,
    )
