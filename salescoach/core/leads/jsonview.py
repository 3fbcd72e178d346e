"""`lead show --json` and `lead import --json`: built here, typed in core/leads/shapes.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from salescoach.core.kernel.jsonview import interaction_record, lead_record, open_task_record
from salescoach.core.leads.import_report import dropped_message, miss_message

if TYPE_CHECKING:
    from salescoach.core.kernel.records import Interaction, Lead, OpenTask
    from salescoach.core.leads.duplicates import Duplicate
    from salescoach.core.leads.import_rows import ColumnPlan, RowProblem
    from salescoach.core.leads.shapes import ImportWarningRecord, LeadDetailJSON, LeadImportJSON
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
            {
                "step": c.step,
                "met": list(c.met),
                "missed": list(c.missed),
                "skipped": c.skipped,
                "not_applicable": list(c.not_applicable),
            }
            for c in criteria
        ],
        "open_tasks": [open_task_record(t) for t in open_tasks],
        "timeline": [interaction_record(i) for i in timeline],
    }


class MissCount(Protocol):
    @property
    def count(self) -> int: ...
    @property
    def lines(self) -> list[int]: ...


class ImportOutcome(Protocol):
    """What the store's importer did with a file's rows."""

    @property
    def added(self) -> int: ...
    @property
    def updated(self) -> int: ...
    @property
    def unchanged(self) -> int: ...
    @property
    def notes(self) -> int: ...
    @property
    def duplicates(self) -> Sequence[Duplicate]: ...
    @property
    def problems(self) -> Sequence[RowProblem]: ...
    @property
    def misses(self) -> Mapping[tuple[str, str], MissCount]: ...
    @property
    def dropped(self) -> Mapping[tuple[str, str, str], MissCount]: ...  # field, value, why


def import_report(
    file: str,
    plan: ColumnPlan,
    outcome: ImportOutcome,
    *,
    read_as: tuple[str, str],
    default_temperature: str,
    dry_run: bool,
) -> LeadImportJSON:
    """The report of one import; `read_as` is the (encoding, delimiter) the file was read as."""
    encoding, delimiter = read_as
    return {
        "schema": "lead-import",
        "version": 1,
        "file": file,
        "dry_run": dry_run,
        "source": plan.vendor,
        "encoding": encoding,
        "delimiter": delimiter,
        "added": outcome.added,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "notes": outcome.notes,
        "duplicates": [
            {"line": d.line, "label": d.label, "same_as": d.same_as, "why": d.why}
            for d in outcome.duplicates
        ],
        "problems": [{"line": p.line, "message": p.message} for p in outcome.problems],
        "warnings": _warnings(outcome, default_temperature),
        "columns": plan.columns,
        "ignored_columns": plan.ignored,
    }


def _warnings(outcome: ImportOutcome, default_temperature: str) -> list[ImportWarningRecord]:
    warnings: list[ImportWarningRecord] = [
        {
            "column": column,
            "value": value,
            "count": miss.count,
            "lines": miss.lines,
            "message": miss_message(column, value, miss.count, miss.lines, default_temperature),
        }
        for (column, value), miss in outcome.misses.items()
    ]
    warnings += [
        {
            "column": column,
            "value": value,
            "count": drop.count,
            "lines": drop.lines,
            "message": dropped_message(column, reason, drop.count, drop.lines),
        }
        for (column, value, reason), drop in outcome.dropped.items()
    ]
    return warnings
