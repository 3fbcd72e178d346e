"""The activity report as data: activity, funnel, SLA, objections, training and goals.

The store computes the aggregates (salescoach.store.report_queries); this module turns them
into the published JSON shape (typed in salescoach.core.reporting.shapes). The definitions,
decided here and documented in the README:

- Activity: interactions logged in the period by step and channel (`none` for notes that
  were not a contact), with how many leads they concern. These are log rows: a guided call
  writes several (answers, criteria, outcome), so they are labelled "interactions logged",
  never "calls". The goal metrics beside them (calls, meetings, e-mails, proposals) count
  lead-days, as goals do (core/reporting/goals.py), and are labelled so.
- Funnel: over the leads *active* in the period (created in it, or with something logged in
  it). A lead has reached a step when the log shows it at that step or a later one by the end
  of the period, or its current step is that far and it moved there before the period ended;
  reaching a later step counts as having passed the earlier ones. Conversion is
  reached(step) / reached(previous step).
- Average days per step: from the first interaction at a step to the first interaction at the
  next step the lead reached, averaged over the leads that moved on.
- Win rate: each lead's last decisive result in the period (won, lost or no_decision); won
  divided by all three ("no decision" counts against, as it does in most sales reviews).
- SLA: imported leads (`lead import`; leads added by hand are left out, even with a deadline,
  and so are archived ones) whose deadline falls in the period: met
  (first contact on or before the deadline day), late, missed (never contacted, deadline
  passed) and pending (not contacted, deadline today or later). Compliance is
  met / (met + late + missed). The median time to first contact is in hours from the lead's
  creation, over the contacted ones.
- Objections: objections logged in the period by family; the resolution rate is
  resolved / (resolved + partly + not_resolved); rows without a result are `unrecorded`.
- Training: drill items practised in the period, average share of points.
- Goals: each goal's progress over its own period containing the report's last day (or
  today, when the report runs on past today).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from salescoach.core.kernel.periods import Span
from salescoach.core.kernel.records import CHANNELS
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.figures import funnel_steps, objection_row
from salescoach.core.reporting.figures import ratio as _ratio
from salescoach.core.reporting.goals import METRICS, GoalProgress

if TYPE_CHECKING:
    from salescoach.core.reporting.shapes import (
        ObjectionRow,
        ReportActivity,
        ReportFunnel,
        ReportJSON,
        ReportSla,
        ReportTraining,
        StepChannelRow,
    )

SCHEMA_VERSION: Literal[1] = 1
DECISIVE = ("won", "lost", "no_decision")


@dataclass(frozen=True)
class RawReport:
    """The aggregates as the store returns them."""

    activity: dict[str, Any]
    metrics: dict[str, float]
    funnel: tuple[dict[str, int], dict[str, tuple[float, int]]]  # reached, days per step
    outcomes: dict[str, int]
    sla: dict[str, Any]
    objections: list[dict[str, Any]]
    training: dict[str, list[dict[str, Any]]]
    goals: list[GoalProgress]


def reference_day(span: Span, today: date) -> date:
    """The day goal progress is measured at: the report's last day, at most today."""
    return min(span.end, today)


def _order(value: str | None, order: tuple[str, ...]) -> tuple[int, str]:
    return (order.index(value), "") if value in order else (len(order), value or "")


def build_report(span: Span, today: date, raw: RawReport) -> ReportJSON:
    period = span.to_dict()
    return {
        "schema": "report",
        "version": SCHEMA_VERSION,
        "schema_version": SCHEMA_VERSION,
        "period": {
            "label": period["label"],
            "start": period["start"],
            "end": period["end"],
            "today": today.isoformat(),
        },
        "activity": _activity(raw),
        "metrics": {m: raw.metrics.get(m, 0.0) for m in METRICS},
        "funnel": _funnel(raw),
        "sla": _sla(raw.sla),
        "objections": _objections(raw.objections),
        "training": _training(raw.training),
        "goals": [g.to_dict() for g in raw.goals],
    }


def _activity(raw: RawReport) -> ReportActivity:
    rows: list[StepChannelRow] = sorted(
        (
            {
                "step": r["step"] or "none",
                "channel": r["channel"] or "none",
                "interactions": r["interactions"],
                "leads": r["leads"],
            }
            for r in raw.activity["rows"]
        ),
        key=lambda r: (_order(r["step"], STEP_IDS), _order(r["channel"], CHANNELS)),
    )
    by_step: dict[str, int] = {}
    by_channel: dict[str, int] = {}
    for row in rows:  # a few dozen grouped rows at most
        by_step[row["step"]] = by_step.get(row["step"], 0) + row["interactions"]
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["interactions"]
    return {
        "interactions": raw.activity["interactions"],
        "leads": raw.activity["leads"],
        "by_step_channel": rows,
        "by_step": [{"step": s, "interactions": n} for s, n in by_step.items()],
        "by_channel": [
            {"channel": c, "interactions": by_channel[c]}
            for c in sorted(by_channel, key=lambda c: _order(c, CHANNELS))
        ],
    }


def _funnel(raw: RawReport) -> ReportFunnel:
    reached_by_step, days_by_step = raw.funnel
    decided = sum(raw.outcomes.get(r, 0) for r in DECISIVE)
    won = raw.outcomes.get("won", 0)
    return {
        "leads": reached_by_step.get(STEP_IDS[0], 0),
        "steps": funnel_steps(reached_by_step, days_by_step),
        "won": won,
        "lost": raw.outcomes.get("lost", 0),
        "no_decision": raw.outcomes.get("no_decision", 0),
        "win_rate": _ratio(won, decided),
    }


def _sla(counts: dict[str, Any]) -> ReportSla:
    decided = counts["met"] + counts["late"] + counts["missed"]
    median = counts["median_hours"]
    return {
        "leads": counts["leads"],
        "met": counts["met"],
        "late": counts["late"],
        "missed": counts["missed"],
        "pending": counts["pending"],
        "compliance": _ratio(counts["met"], decided),
        "median_hours_to_first_contact": None if median is None else round(median, 2),
    }


def _objections(rows: list[dict[str, Any]]) -> list[ObjectionRow]:
    return [objection_row(row["family"], row) for row in rows]


def _training(data: dict[str, list[dict[str, Any]]]) -> ReportTraining:
    def share(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {
        "items": sum(r["items"] for r in data["by_drill"]),
        "by_drill": [
            {
                "drill": r["drill"],
                "runs": r["runs"],
                "items": r["items"],
                "share": share(r["share"]),
            }
            for r in data["by_drill"]
        ],
        "by_family": [
            {"family": r["family"], "attempts": r["attempts"], "share": share(r["share"])}
            for r in data["by_family"]
        ],
    }
