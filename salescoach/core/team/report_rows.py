"""The team report's tables per rep: the funnel, pipeline value, loss reasons, objections,
drills, playbook adherence and the weakest objection families.

The hub counts rows per owner (salescoach.hub.desk_report_queries); this module adds them up
for the team and turns them into the published shape. Where the local report has the figure,
it is the same function (salescoach.core.reporting.figures), so `report` and `team report`
cannot mean different things by one word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.reporting.figures import (
    funnel_steps,
    objection_row,
    ratio,
    reached_from_furthest,
)

if TYPE_CHECKING:
    from salescoach.core.reporting.shapes import FamilyRow, FunnelStep, ObjectionRow
    from salescoach.core.team.shapes import (
        TeamAdherenceJSON,
        TeamFigureJSON,
        TeamLossJSON,
        TeamStepValueJSON,
        TeamWeakSpotJSON,
    )

WEAKEST = 3  # families shown per rep
NO_REASON = None  # a lost lead whose reason is empty


@dataclass(frozen=True, slots=True)
class RepRows:
    """What the hub counted for one owner, before any share is taken."""

    furthest: Mapping[int, int] = field(default_factory=dict)  # furthest position -> leads
    moved: Mapping[str, tuple[float, int]] = field(default_factory=dict)  # (days, leads)
    outcomes: Mapping[str, int] = field(default_factory=dict)  # last decisive result -> leads
    losses: Mapping[str | None, int] = field(default_factory=dict)  # reason -> lost leads
    pipeline: Mapping[str, tuple[int, int, float]] = field(default_factory=dict)
    # step -> (open leads, of which with a deal value, the sum of those values)
    objections: Mapping[str | None, Mapping[str, int]] = field(default_factory=dict)
    drills: Mapping[str, tuple[int, int, float]] = field(default_factory=dict)
    # family -> (items practised, items with a maximum above 0, the sum of their shares)
    adherence: Mapping[str, tuple[int, int, int]] = field(default_factory=dict)
    # step -> (steps ended, ended by moving on with criteria unmet, criteria left unmet)


TABLES: tuple[tuple[str, str, str], ...] = (
    ("funnel", "funnel by step (leads; conversion as a share; days as a mean)",
     "over the leads owned now that were created in the period or had anything logged in "
     "it: reached = leads that got at least that far by the period's end; conversion = "
     "reached / reached at the previous step; average_days = the mean days from a lead's "
     "first interaction at the step to its first at the next step it reached, over the "
     "moved_on leads"),
    ("pipeline_value", "pipeline value by step (sum of deal values, as recorded)",
     "open leads owned now at each step; value = the sum of their recorded deal_value "
     "answers, valued_leads = how many have one (the others add nothing)"),
    ("loss_reasons", "loss reasons (leads)",
     "leads whose last decisive result logged in the period is lost, by the reason the lead "
     "records (without case; null: none given), for the rep who logged it"),
    ("objections", "objections by family (rows; resolution rate as a share)",
     "objections logged in the period by who logged them; resolution_rate = resolved / "
     "(resolved + partly + not_resolved); unrecorded ones count in neither"),
    ("drills", "drill proficiency by family (items; share of points)",
     "objection-drill items practised in the period; share = the mean of score / max score "
     "(a negative score as 0) over the items with a maximum above 0"),
    ("adherence", "playbook adherence by step (steps ended; exit criteria)",
     "each lead's step as it last ended in the period, for who logged it: ended; skipped = "
     "moved on with exit criteria unmet; criteria_skipped = the criteria that applied and "
     "were not met; adherence = (ended - skipped) / ended"),
    ("weakest", "weakest objection families (live rate next to drill share)",
     f"up to {WEAKEST} families raised live or drilled in the period: the lowest live "
     "resolution rate first (as in objections), then the families with no live rate, each "
     "ordered by the lowest drill share"),
)  # fmt: skip


def table_definitions() -> list[TeamFigureJSON]:
    return [{"key": k, "label": label, "definition": text} for k, label, text in TABLES]


def total_rows(reps: Iterable[RepRows]) -> RepRows:
    """The team's rows: every count added up (shares are taken afterwards)."""
    reps = list(reps)
    return RepRows(**{f.name: _added(getattr(r, f.name) for r in reps) for f in fields(RepRows)})


def _added(mappings: Iterable[Mapping[Any, Any]]) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for mapping in mappings:
        for key, value in mapping.items():
            out[key] = _plus(out[key], value) if key in out else value
    return out


def _plus(a: Any, b: Any) -> Any:
    if isinstance(a, tuple):
        return tuple(x + y for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping):
        return _added((a, b))
    return a + b


def funnel(rows: RepRows) -> list[FunnelStep]:
    days = {step: (total / n, n) for step, (total, n) in rows.moved.items() if n}
    return funnel_steps(reached_from_furthest(rows.furthest), days)


def pipeline_value(rows: RepRows) -> list[TeamStepValueJSON]:
    return [
        {"step": step, "open_leads": n, "valued_leads": valued, "value": round(value, 2)}
        for step, (n, valued, value) in _by_step(rows.pipeline)
    ]


def loss_reasons(rows: RepRows) -> list[TeamLossJSON]:
    ordered = sorted(rows.losses.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))
    return [{"reason": reason, "leads": n} for reason, n in ordered]


def objections(rows: RepRows) -> list[ObjectionRow]:
    out = [objection_row(family, counts) for family, counts in rows.objections.items()]
    return sorted(out, key=lambda r: (-r["raised"], r["family"] is None, r["family"] or ""))


def drills(rows: RepRows) -> list[FamilyRow]:
    out: list[FamilyRow] = [
        {"family": family, "attempts": attempts, "share": ratio(shares, scored)}
        for family, (attempts, scored, shares) in rows.drills.items()
    ]
    return sorted(out, key=lambda r: (r["share"] is None, r["share"] or 0, r["family"]))


def adherence(rows: RepRows) -> list[TeamAdherenceJSON]:
    return [
        {
            "step": step,
            "ended": ended,
            "skipped": skipped,
            "criteria_skipped": unmet,
            "adherence": ratio(ended - skipped, ended),
        }
        for step, (ended, skipped, unmet) in _by_step(rows.adherence)
    ]


def weakest(live: list[ObjectionRow], drilled: list[FamilyRow]) -> list[TeamWeakSpotJSON]:
    """The families to coach first: live resolution rate next to drill proficiency."""
    shares = {r["family"]: r for r in drilled}
    rates = {r["family"]: r for r in live if r["family"] is not None}
    spots: list[TeamWeakSpotJSON] = []
    for family in sorted(set(rates) | set(shares)):
        objection, drill = rates.get(family), shares.get(family)
        spots.append(
            {
                "family": family,
                "raised": objection["raised"] if objection else 0,
                "resolution_rate": objection["resolution_rate"] if objection else None,
                "drill_attempts": drill["attempts"] if drill else 0,
                "drill_share": drill["share"] if drill else None,
            }
        )
    spots.sort(
        key=lambda s: (
            s["resolution_rate"] is None,
            s["resolution_rate"] or 0,
            s["drill_share"] is None,
            s["drill_share"] or 0,
            s["family"],
        )
    )
    return spots[:WEAKEST]


def _by_step(rows: Mapping[str, Any]) -> list[tuple[str, Any]]:
    known = [(s, rows[s]) for s in STEP_IDS if s in rows]
    return known + sorted((s, v) for s, v in rows.items() if s not in STEP_IDS)
