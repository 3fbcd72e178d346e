"""The published JSON of `lead show` and `lead import` (built in core/leads/jsonview.py)."""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count
from salescoach.core.kernel.shapes import InteractionRecord, LeadRecord, OpenTaskRecord


class StepCriteriaRecord(TypedDict):
    """A step's exit criteria as last recorded: which were met, which not, and which did not
    apply (a won-deal criterion on a lost deal)."""

    step: str
    met: list[str]
    missed: list[str]
    skipped: bool
    not_applicable: list[str]


class LeadDetailJSON(TypedDict):
    """One lead in full: `lead show --json`. The timeline is oldest first."""

    schema: Literal["lead-detail"]
    version: Literal[1]
    lead: LeadRecord
    criteria: list[StepCriteriaRecord]
    open_tasks: list[OpenTaskRecord]
    timeline: list[InteractionRecord]


class DuplicateRecord(TypedDict):
    line: int
    label: str
    same_as: str  # "lead 12" (already in the store) or "line 4" (earlier in the file)
    why: str  # "e-mail", "name and company", or the CRM's id ("Salesforce Id")


class RowProblemRecord(TypedDict):
    line: int
    message: str


class ImportWarningRecord(TypedDict):
    """A value an import could not use: a temperature no table knew (its rows took the default
    temperature), or an optional cell that did not hold what it should (a phone of `n/a`:
    its rows were imported without it; `column` is then the lead field)."""

    column: str
    value: str
    count: Count
    lines: list[int]  # the first five
    message: str


class LeadImportJSON(TypedDict):
    """What `lead import` did (or would do, with `dry_run`): `lead import --json`. `source`
    says how the columns were read (a vendor preset or `generic`, `vcard` for a .vcf file),
    `encoding` and `delimiter` what the file was read as."""

    schema: Literal["lead-import"]
    version: Literal[1]
    file: str
    dry_run: bool
    source: str  # salesforce, hubspot, pipedrive, generic or vcard
    encoding: str
    delimiter: str  # comma, semicolon, tab, or none (a vCard file)
    added: Count
    updated: Count  # CRM records found again whose contact fields changed
    unchanged: Count  # CRM records found again as they were
    notes: Count  # descriptions kept as the new leads' first notes
    duplicates: list[DuplicateRecord]
    problems: list[RowProblemRecord]
    warnings: list[ImportWarningRecord]
    columns: dict[str, str]  # header -> field
    ignored_columns: list[str]
