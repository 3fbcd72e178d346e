"""`lead show --json` and `lead import --json`: built here, typed in core/leads/shapes.py."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from salescoach.core.kernel.jsonview import interaction_record, lead_record, open_task_record

if TYPE_CHECKING:
    from salescoach.core.kernel.records import Interaction, Lead, OpenTask
    from salescoach.core.leads.import_rows import ParsedFile
    from salescoach.core.leads.shapes import LeadDetailJSON, LeadImportJSON
    from salescoach.core.walk.criteria import StepCriteria


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
