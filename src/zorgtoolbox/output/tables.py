"""Measures as a table for spreadsheets: CSV that Dutch Excel opens, and a real .xlsx.

Both have the columns of `measures --json`: each key of its shape, nested fields as
dotted columns (`contact.contactpersoon`, `domains.fraude.position`), lists joined with
"; ". The CSV is UTF-8 with a byte order mark and `;` between fields (Dutch Excel takes
the comma for the decimal sign and needs the mark to read accents). The workbook is one
sheet with a frozen header row and a filter on every column; openpyxl is imported only
for it.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a
leading apostrophe, so that a spreadsheet never runs data as a formula.
"""

from __future__ import annotations

import csv
import io
from typing import Any

#: What would make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def flatten(shape: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """A JSON shape as one level of dotted keys with text values."""
    out: dict[str, str] = {}
    for key, value in shape.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list | tuple):
            out[name] = "; ".join(_text(v) for v in value)
        else:
            out[name] = _text(value)
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def rows(shapes: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """The columns (in the order they first appear) and one row per shape."""
    flat = [flatten(s) for s in shapes]
    columns: dict[str, None] = {}
    for row in flat:
        columns.update(dict.fromkeys(row))
    names = list(columns)
    return names, [[row.get(c, "") for c in names] for row in flat]


def _cell(text: str) -> str:
    """A cell value no spreadsheet takes for a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(shapes: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte order mark, `;` between fields, CRLF between rows."""
    columns, body = rows(shapes)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([[_cell(c) for c in row] for row in body])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(shapes: list[dict[str, Any]], title: str) -> bytes:
    """A workbook of one sheet: a frozen header row and a filter on every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns, body = rows(shapes)
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append([_cell(_legal(c)) for c in row])
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(columns)))
    sheet.auto_filter.ref = f"A1:{last}{len(body) + 1}"
    for i, name in enumerate(columns, 1):
        widest = max([len(name), *(min(len(r[i - 1]), 60) for r in body)])
        sheet.column_dimensions[get_column_letter(i)].width = max(8, min(widest + 2, 62))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _legal(text: str) -> str:
    """Text without the control characters an .xlsx file cannot hold (validated data has
    none; this keeps a hand-built knowledge base from breaking the file)."""
    return "".join(c for c in text if c in "\t\n" or ord(c) >= 0x20)
