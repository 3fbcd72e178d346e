"""The report `lead import --json` prints: what was read, what was written, what was not.

Scripts may rely on every key; keys are only ever added. `source` says how the columns were
read (a vendor preset or `generic`), `encoding` and `delimiter` what the file was read as.
"""

from __future__ import annotations

from typing import TypedDict

from salescoach.core.leads.value_maps import map_value_hint


class DuplicateReport(TypedDict):
    line: int
    label: str
    same_as: str  # "lead 12" or "line 4"
    why: str  # "e-mail", "name and company", or the CRM's id ("Salesforce Id")


class ProblemReport(TypedDict):
    line: int
    message: str


class WarningReport(TypedDict):
    """A temperature value no table knew: its rows took the default temperature."""

    column: str
    value: str
    count: int
    lines: list[int]  # the first five
    message: str


class ImportReport(TypedDict):
    file: str
    dry_run: bool
    source: str  # salesforce, hubspot, pipedrive or generic
    encoding: str
    delimiter: str  # comma, semicolon or tab
    added: int
    updated: int  # CRM records found again whose contact fields changed
    unchanged: int  # CRM records found again as they were
    notes: int  # descriptions kept as the new leads' first notes
    duplicates: list[DuplicateReport]
    problems: list[ProblemReport]
    warnings: list[WarningReport]
    columns: dict[str, str]  # header -> field
    ignored_columns: list[str]


def miss_message(column: str, value: str, count: int, lines: list[int], default: str) -> str:
    more = f" and {count - len(lines)} more" if count > len(lines) else ""
    rows = "line" if count == 1 else "lines"
    return (
        f"{column} {value!r} ({rows} {', '.join(map(str, lines))}{more}) is no temperature "
        f"salescoach knows: imported as {default}; {map_value_hint(column, value)}"
    )
