"""A second small fixed team for the team report's tables (funnel, pipeline value, loss
reasons, objections, drills, playbook adherence): two reps, dan and erin, and a walk's worth
of rows each, in the period 2026-03-01..2026-03-11 (today is 2026-03-11).

Every figure tests/cli/team/test_team_report_tables.py expects is worked out by hand from
the rows below; the comments give the facts the figures come from.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from salescoach.core.sync.changes import RowChange
from tests.support.desk import join_as, lead_row
from tests.support.hub import MANAGER, Team, hlc, make_team
from tests.support.postgres import HubDatabase

REPS = ("dan", "erin")
PERIOD = "2026-03-01..2026-03-11"


def said(owner: str, lead: RowChange, at: str, step: str, **fields: object) -> RowChange:
    row = {"at": at, "step": step, "kind": "note", **fields}
    return RowChange("interactions", str(uuid.uuid4()), lead.gid, owner, "r1", hlc(), row)  # type: ignore[arg-type]


def criteria(
    owner: str, lead: RowChange, at: str, step: str, met: list[Any], *, skipped: bool
) -> RowChange:
    """A `criteria` row as the walk writes it; `met` lists each criterion's met (True/False)
    or (met, applies)."""
    items = [
        {"text": f"c{i}", "met": m[0], "applies": m[1]} if isinstance(m, tuple)
        else {"text": f"c{i}", "met": m}  # an older row: no `applies`, so it applied
        for i, m in enumerate(met)
    ]  # fmt: skip
    detail = {"criteria": items, "skipped": [c["text"] for c in items if not c["met"]]}
    result = "skipped" if skipped else "met"
    return said(
        owner, lead, at, step, kind="criteria", result=result, detail_json=json.dumps(detail)
    )


def answer(owner: str, lead: RowChange, value_json: str) -> RowChange:
    row = {"field": "deal_value", "value_json": value_json, "step": "closing", "question": "dv"}
    return RowChange("answers", str(uuid.uuid4()), lead.gid, owner, "r1", hlc(), row)  # type: ignore[arg-type]


def drill(owner: str, at: str, item: str, score: float, max_score: float) -> RowChange:
    drill_id = item.split(":")[0]
    row = {"at": at, "drill": drill_id, "item": item, "score": score, "max_score": max_score}
    return RowChange("training", str(uuid.uuid4()), None, owner, "r1", hlc(), row)  # type: ignore[arg-type]


def dan_rows() -> list[RowChange]:
    # D1: created in the period; logged at prospecting 03-01 10:00, approach 03-03 10:00,
    # presentation 03-05 10:00, closing 03-08 10:00 (2, 2 and 3 days); open, worth 50,000.
    d1 = lead_row(
        "dan",
        "D1",
        step="closing",
        created_at="2026-03-01T09:00:00",
        step_entered_at="2026-03-08T10:00:00",
        last_interaction_at="2026-03-08T10:10:00",
    )
    # D2: created before; prospecting 02-20 10:00, approach 03-04 10:00 (12 days); lost for
    # "Price " (the reason compares without case or spaces).
    d2 = lead_row(
        "dan",
        "D2",
        step="approach",
        status="lost",
        status_reason="Price ",
        created_at="2026-02-20T09:00:00",
        step_entered_at="2026-03-04T10:00:00",
    )
    # D3: created in the period, a note with a broken stamp: reached prospecting; worth 1,000.
    d3 = lead_row("dan", "D3", created_at="2026-03-06T09:00:00")
    # D4: nothing in the period (not in the funnel), open at presentation, worth 20,000.
    d4 = lead_row(
        "dan",
        "D4",
        step="presentation",
        created_at="2026-01-10T09:00:00",
        step_entered_at="2026-01-20T09:00:00",
        last_interaction_at="2026-01-20T09:00:00",
    )
    return [
        d1, d2, d3, d4,
        answer("dan", d1, "50000"), answer("dan", d3, "1000"), answer("dan", d4, "20000.0"),
        said("dan", d1, "2026-03-01T10:00:00", "prospecting", channel="call"),
        said("dan", d1, "2026-03-03T10:00:00", "approach", channel="call"),
        said("dan", d1, "2026-03-05T10:00:00", "presentation", channel="meeting"),
        said("dan", d1, "2026-03-08T10:00:00", "closing", channel="call"),
        # Exit criteria: prospecting met; approach skipped, then walked again and met (the
        # last ending counts); presentation skipped with 2 criteria unmet (one not applying).
        criteria("dan", d1, "2026-03-01T10:30:00", "prospecting", [True, True], skipped=False),
        criteria("dan", d1, "2026-03-03T10:30:00", "approach", [True, False], skipped=True),
        criteria("dan", d1, "2026-03-03T11:00:00", "approach", [True, True], skipped=False),
        criteria("dan", d1, "2026-03-05T10:30:00", "presentation",
                 [(True, True), (False, True), False, (False, False)], skipped=True),
        # Objections: price resolved and not resolved, timing partly, one with no family and
        # no result.
        said("dan", d1, "2026-03-05T10:10:00", "presentation", kind="objection",
             objection="price", result="resolved"),
        said("dan", d1, "2026-03-08T10:10:00", "closing", kind="objection",
             objection="price", result="not_resolved"),
        said("dan", d1, "2026-03-05T10:20:00", "presentation", kind="objection",
             objection="timing", result="partly"),
        said("dan", d1, "2026-03-05T10:25:00", "presentation", kind="objection", objection=""),
        # A stamp that is no time of day: D3 was still active, and no days are counted.
        said("dan", d3, "2026-03-07T25:99:00", "prospecting"),
        said("dan", d2, "2026-02-20T10:00:00", "prospecting", channel="call"),
        said("dan", d2, "2026-03-04T10:00:00", "approach", channel="call"),
        # A criteria row whose detail is not JSON: counted as ended and skipped, 0 criteria.
        said("dan", d2, "2026-03-04T10:20:00", "approach", kind="criteria", result="skipped",
             detail_json="{not json"),
        said("dan", d2, "2026-03-04T10:30:00", "approach", kind="outcome", result="lost"),
        # Drills: price 2/4 and 4/4 (mean 0.75); timing -1/4 (as 0) and 1/0 (no maximum: not
        # scored); a steps item (not an objection family).
        drill("dan", "2026-03-02T18:00:00", "objections:price", 2, 4),
        drill("dan", "2026-03-02T18:00:00", "objections:price", 4, 4),
        drill("dan", "2026-03-03T18:00:00", "objections:timing", -1, 4),
        drill("dan", "2026-03-03T18:00:00", "objections:timing", 1, 0),
        drill("dan", "2026-03-03T18:00:00", "steps:closing", 1, 1),
        drill("dan", "2026-02-03T18:00:00", "objections:price", 0, 4),  # before the period
    ]  # fmt: skip


def erin_rows() -> list[RowChange]:
    # E1: prospecting 03-02 09:00, presentation 03-06 09:00 (4 days), closing 03-09 09:00 (3
    # days); no decision on 03-07, then won on 03-09: its last decisive result is won.
    e1 = lead_row(
        "erin",
        "E1",
        step="closing",
        status="won",
        created_at="2026-03-02T09:00:00",
        step_entered_at="2026-03-09T09:00:00",
    )
    # E2: open at approach, logged there only; its deal value is not a number.
    e2 = lead_row(
        "erin",
        "E2",
        step="approach",
        created_at="2026-03-03T09:00:00",
        step_entered_at="2026-03-04T09:00:00",
    )
    e3 = lead_row(
        "erin", "E3", status="lost", status_reason="price", created_at="2026-03-05T09:00:00"
    )
    e4 = lead_row("erin", "E4", status="lost", created_at="2026-03-06T09:00:00")  # no reason
    return [
        e1, e2, e3, e4, answer("erin", e1, "30000"), answer("erin", e2, '"lots"'),
        said("erin", e1, "2026-03-02T09:00:00", "prospecting", channel="call"),
        criteria("erin", e1, "2026-03-02T09:30:00", "prospecting", [True], skipped=False),
        said("erin", e1, "2026-03-06T09:00:00", "presentation", channel="meeting"),
        said("erin", e1, "2026-03-07T09:00:00", "presentation", kind="outcome",
             result="no_decision"),
        said("erin", e1, "2026-03-09T09:00:00", "closing", kind="outcome", result="won"),
        said("erin", e2, "2026-03-04T09:00:00", "approach", channel="call"),
        said("erin", e2, "2026-03-04T09:10:00", "approach", kind="objection",
             objection="price", result="resolved"),
        said("erin", e2, "2026-03-04T09:15:00", "approach", kind="objection",
             objection="budget", result="not_resolved"),
        said("erin", e3, "2026-03-05T10:00:00", "prospecting", kind="outcome", result="lost"),
        said("erin", e4, "2026-03-06T10:00:00", "prospecting", kind="outcome", result="lost"),
        drill("erin", "2026-03-04T18:00:00", "objections:budget", 1, 4),
        drill("erin", "2026-03-04T18:00:00", "objections:price", 3, 4),
    ]  # fmt: skip


def figures_team(db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> Team:
    """The team above, with this data home joined as the manager."""
    team = make_team(db, REPS)
    for rep, rows in (("dan", dan_rows()), ("erin", erin_rows())):
        with team.session(rep) as session:
            assert session.push(rows) == []
    join_as(team, MANAGER, monkeypatch)
    return team
