"""The team report as data: every figure defined once, per rep and for the team.

The hub counts (salescoach.hub.desk_queries); this module names each figure, derives the
shares from the counts and adds up the team. A figure's label carries its unit, so the
report's calls are lead-days, never rows, and cannot be read as anything else.

Whose is what: a lead's figures count for the rep who owns it now; activity and outcomes for
the rep who logged them (a call made before a lead was reassigned stays its caller's).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.report import DECISIVE
from salescoach.core.team import report_rows as rows
from salescoach.core.team.report_rows import RepRows
from salescoach.core.team.stale import STALE_DAYS

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamFigureJSON, TeamRepJSON, TeamReportJSON

SCHEMA_VERSION: Literal[1] = 1


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: str
    definition: str
    share_of: tuple[str, tuple[str, ...]] | None = None  # numerator, denominator's parts


FIGURES: tuple[Figure, ...] = (
    Figure("calls", "calls (lead-days)",
           "lead-days in the period with an interaction on the call channel, by who logged it"),
    Figure("meetings", "meetings (lead-days)", "the same on the meeting channel"),
    Figure("emails", "e-mails (lead-days)", "the same on the email channel"),
    Figure("interactions", "interactions (rows)", "every interaction row logged in the period"),
    Figure("contacts", "leads first contacted",
           "leads owned now whose first contact falls in the period"),
    Figure("new_leads", "new leads", "leads owned now that were created in the period"),
    Figure("open_leads", "open leads now", "leads owned now whose status is open"),
    Figure("won", "deals won (leads)",
           "leads whose last decisive result (won, lost, no decision) logged in the period is "
           "won, for the rep who logged it"),
    Figure("lost", "deals lost (leads)", "the same, lost"),
    Figure("no_decision", "no decision (leads)", "the same, no decision"),
    Figure("win_rate", "win rate (share)", "won / (won + lost + no decision)",
           ("won", ("won", "lost", "no_decision"))),
    Figure("sla_met", "SLA met (leads)",
           "leads owned now with an SLA deadline in the period, first contacted by its day"),
    Figure("sla_late", "SLA late (leads)", "the same, first contacted after the deadline's day"),
    Figure("sla_missed", "SLA missed (leads)",
           "the same, never contacted, the deadline's day before today"),
    Figure("sla_compliance", "SLA compliance (share)", "met / (met + late + missed)",
           ("sla_met", ("sla_met", "sla_late", "sla_missed"))),
    Figure("stale", "stale deals (leads)",
           f"open leads owned now with nothing logged for {STALE_DAYS} days before the "
           "report's last day (or today)"),
    Figure("pipeline_value", "pipeline value (sum of deal values)",
           "open leads owned now: the sum of their recorded deal_value answers"),
    Figure("steps_met", "steps ended, exit criteria met (lead-steps)",
           "each lead's step as it last ended in the period, every exit criterion met"),
    Figure("steps_skipped", "steps ended, exit criteria skipped (lead-steps)",
           "the same, moved on with exit criteria unmet"),
    Figure("adherence", "playbook adherence (share)", "met / (met + skipped)",
           ("steps_met", ("steps_met", "steps_skipped"))),
)  # fmt: skip
COUNTED = tuple(f.key for f in FIGURES if f.share_of is None)
TEAM = "team"


@dataclass(frozen=True, slots=True)
class RepCounts:
    """What the hub counted for one owner."""

    rep: str
    current: bool
    counts: Mapping[str, float]
    pipeline: Mapping[str, int]  # step -> open leads now
    rows: RepRows = field(default_factory=RepRows)  # the per-step and per-family tables


def rep_counts(rep: str, current: bool, counts: Mapping[str, float], tables: RepRows) -> RepCounts:
    """An owner's figures: the hub's counts, and those its tables add up to."""
    derived = {
        **{result: tables.outcomes.get(result, 0) for result in DECISIVE},
        "pipeline_value": round(sum(value for _, _, value in tables.pipeline.values()), 2),
        "steps_met": sum(ended - skipped for ended, skipped, _ in tables.adherence.values()),
        "steps_skipped": sum(skipped for _, skipped, _ in tables.adherence.values()),
    }
    pipeline = {step: leads for step, (leads, _, _) in tables.pipeline.items()}
    return RepCounts(rep, current, {**counts, **derived}, pipeline, tables)


def build_team_report(span: Span, today: date, reps: Sequence[RepCounts]) -> TeamReportJSON:
    total = RepCounts(
        TEAM,
        True,
        {key: sum(r.counts.get(key, 0) for r in reps) for key in COUNTED},
        {step: sum(r.pipeline.get(step, 0) for r in reps) for step in _steps(reps)},
        rows.total_rows(r.rows for r in reps),
    )
    return {
        "schema": "team-report",
        "version": SCHEMA_VERSION,
        "period": {
            "label": span.label,
            "start": span.start.isoformat(),
            "end": span.end.isoformat(),
        },
        "today": today.isoformat(),
        "figures": [_figure(f) for f in FIGURES],
        "tables": rows.table_definitions(),
        "reps": [_rep(r) for r in reps],
        "total": _rep(total),
    }


def _steps(reps: Sequence[RepCounts]) -> list[str]:
    seen = {step for r in reps for step in r.pipeline}
    known = [s for s in STEP_IDS if s in seen]
    return known + sorted(seen - set(known))


def _figure(figure: Figure) -> TeamFigureJSON:
    return {"key": figure.key, "label": figure.label, "definition": figure.definition}


def _rep(counts: RepCounts) -> TeamRepJSON:
    figures: dict[str, float | None] = {}
    for figure in FIGURES:
        if figure.share_of is None:
            figures[figure.key] = counts.counts.get(figure.key, 0)
        else:
            part, whole = figure.share_of
            denominator = sum(counts.counts.get(k, 0) for k in whole)
            figures[figure.key] = (
                round(counts.counts.get(part, 0) / denominator, 4) if denominator else None
            )
    live, drilled = rows.objections(counts.rows), rows.drills(counts.rows)
    return {
        "rep": counts.rep,
        "current": counts.current,
        "figures": figures,
        "pipeline": dict(counts.pipeline),
        "funnel": rows.funnel(counts.rows),
        "pipeline_value": rows.pipeline_value(counts.rows),
        "loss_reasons": rows.loss_reasons(counts.rows),
        "objections": live,
        "drills": drilled,
        "adherence": rows.adherence(counts.rows),
        "weakest": rows.weakest(live, drilled),
    }
