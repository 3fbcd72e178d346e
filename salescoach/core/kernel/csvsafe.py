"""CSV that spreadsheets open safely: every field quoted, formulas neutralised.

A cell starting with `=`, `+`, `-`, `@`, tab, carriage return or line feed may be run as a
formula by Excel, LibreOffice or Google Sheets ("CSV injection"). Such text cells get a
leading apostrophe, which spreadsheets show as text; numbers are written as numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
PREFIX = "'"


def neutralise(text: str) -> str:
    """`text`, prefixed with an apostrophe if a spreadsheet could read it as a formula."""
    return PREFIX + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return neutralise(str(value))


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a header and rows with every field quoted; returns the number of rows."""
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    written = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        written += 1
    return written
