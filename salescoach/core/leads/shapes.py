"""The published JSON of `lead show` and `lead import` (built in core/leads/jsonview.py)."""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from salescoach.core.kernel.jsonshape import Count
from salescoach.core.kernel.shapes import InteractionRecord, LeadRecord, OpenTaskRecord


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
