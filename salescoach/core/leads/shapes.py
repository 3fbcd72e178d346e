"""The published JSON of `lead show` and `lead import`, and the functions that build it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count
from salescoach.core.kernel.jsonview import (
    InteractionRecord,
    LeadRecord,
    OpenTaskRecord,
    interaction_record,
    lead_record,
    open_task_record,
)

if TYPE_CHECKING:
    from salescoach.core.kernel.records import Interaction, Lead, OpenTask
    from salescoach.core.leads.import_rows import ParsedFile
    from salescoach.core.walk.criteria import StepCriteria


class StepCriteriaRecord(TypedDict):
    """A step's exit criteria as last recorded: which were met, which not."""

    step: str
    met: list[str]
    missed: list[str]
    skipped: bool


class LeadDetailJSON(TypedDict):
    """One lead in full: `lead show --json`. The timeline is oldest first."""

    schema: Literal["lead-detail"]
    version: Literal[1]
    lead: LeadRecord
    criteria: list[StepCriteriaRecord]
    open_tasks: list[OpenTaskRecord]
    timeline: list[InteractionRecord]


def lead_detail(
    lead: Lead,
    criteria: Iterable[StepCriteria],
    open_tasks: Iterable[OpenTask],
    timeline: Iterable[Interaction],
) -> LeadDetailJSON:
    return {
        "schema": "lead-detail",
        "version": 1,
        "lead": lead_record(lead),
        "criteria": [
            {"step": c.step, "met": list(c.met), "missed": list(c.missed), "skipped": c.skipped}
            for c in criteria
        ],
        "open_tasks": [open_task_record(t) for t in open_tasks],
        "timeline": [interaction_record(i) for i in timeline],
    }


class Duplicate(Protocol):
    """A row that repeats a lead (the store's importer reports these)."""

    @property
    def line(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def same_as(self) -> str: ...
    @property
    def why(self) -> str: ...


class DuplicateRecord(TypedDict):
    line: int
    label: str
    same_as: str  # "lead 12" (already in the store) or "line 4" (earlier in the file)
    why: str  # "e-mail" or "name and company"


class RowProblemRecord(TypedDict):
    line: int
    message: str


class LeadImportJSON(TypedDict):
    """What `lead import` did (or would do, with `dry_run`): `lead import --json`."""

    schema: Literal["lead-import"]
    version: Literal[1]
    file: str
    dry_run: bool
    added: Count
    duplicates: list[DuplicateRecord]
    problems: list[RowProblemRecord]
    columns: dict[str, str]
    ignored_columns: list[str]


def import_report(
    file: str, parsed: ParsedFile, added: int, duplicates: Sequence[Duplicate], *, dry_run: bool
) -> LeadImportJSON:
    return {
        "schema": "lead-import",
        "version": 1,
        "file": file,
        "dry_run": dry_run,
        "added": added,
        "duplicates": [
            {"line": d.line, "label": d.label, "same_as": d.same_as, "why": d.why}
            for d in duplicates
        ],
        "problems": [{"line": p.line, "message": p.message} for p in parsed.problems],
        "columns": parsed.columns,
        "ignored_columns": parsed.ignored,
    }
