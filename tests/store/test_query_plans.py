"""The hot queries seek through their indexes: `EXPLAIN QUERY PLAN` of each statement the
report, the plan, the task list, a lead's reads (its pre-call brief too) and the import's
duplicate checks run, so that a later change cannot silently turn a seek into a scan of
leads, interactions or tasks (at 100,000 leads a scan costs seconds where the seek costs
milliseconds)."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path

import pytest

from salescoach.core.kernel.periods import parse_span
from salescoach.core.playbook.limits import PlaybookLimits
from salescoach.errors import NotFoundError
from salescoach.store import plan_queries, report_queries
from salescoach.store.briefing import brief_inputs
from salescoach.store.db import connect
from salescoach.store.importer import ImportIndex
from salescoach.store.interactions import history
from salescoach.store.leads import find_lead, get_lead
from salescoach.store.stale_deals import stale_rows
from salescoach.store.task_queries import TaskFilter, list_tasks

TODAY = date(2026, 3, 11)
STAMP = "2026-03-01T10:00:00+00:00"
# The big tables, and the names queries give them.
# A virtual table's "SCAN ... VIRTUAL TABLE INDEX" is its own index answering (the trigram
# search's MATCH), not a scan of rows.
BIG = re.compile(
    r"^SCAN (leads|interactions|tasks|task_rank|step_arrivals|interaction_marks|lead_days"
    r"|objection_days|lead_progress|progress_days|l|t|i|m|s|lp)\b(?! VIRTUAL TABLE INDEX)"
)
# Partial indexes that hold only a few rows, where reading all of them is the point.
SMALL_PARTIAL = ("leads_unicode_keys",)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    with closing(connect(tmp_path / "salescoach.db")) as opened:
        opened.execute(
            "INSERT INTO leads (id, name, company, playbook, step_entered_at, created_at, "
            "updated_at) VALUES (1, 'Ada', 'ACME', 'b2b-saas', ?, ?, ?)",
            (STAMP, STAMP, STAMP),
        )
        yield opened


@contextmanager
def _statements(conn: sqlite3.Connection) -> Iterator[list[str]]:
    """Every query and write run on `conn` inside the block, with its parameters filled in."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)
    seen[:] = [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH", "INSERT"))]


def _plans(conn: sqlite3.Connection, run: Callable[[], object]) -> list[tuple[str, list[str]]]:
    with _statements(conn) as seen:
        run()
    assert seen, "nothing was queried"
    return [(sql, [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]) for sql in seen]


def _assert_seeks(conn: sqlite3.Connection, run: Callable[[], object], *indexes: str) -> None:
    plans = _plans(conn, run)
    for sql, steps in plans:
        scans = [s for s in steps if BIG.match(s) and not s.endswith(SMALL_PARTIAL)]
        assert not scans, f"{scans} in the plan of:\n{sql}\n" + "\n".join(steps)
    used = " ".join(step for _sql, steps in plans for step in steps)
    for index in indexes:
        assert f"INDEX {index} " in used, f"{index} is not used:\n{used}"


def test_the_report_reads_the_period_and_the_funnel_from_covering_indexes(
    conn: sqlite3.Connection,
) -> None:
    span = parse_span("quarter", TODAY)
    # The period's figures: ranges of the marks, roll-ups and indexes M010 and M012 added.
    _assert_seeks(
        conn,
        lambda: report_queries.collect(conn, span, TODAY),
        "interaction_marks_pair",
        "interactions_decisive",
        "leads_sla_period",
        "objection_days_period",
        "lead_progress_late",
        "lead_progress_lo",
    )
    plans = _plans(conn, lambda: report_queries.collect(conn, span, TODAY))
    steps = " ".join(step for _sql, plan in plans for step in plan)
    assert steps.count("SEARCH lead_days USING PRIMARY KEY (metric=? AND day>? AND day<?)") == 4
    # Activity by step and channel: each pair's range in turn, no grouping of the period.
    activity = _plans(conn, lambda: report_queries.activity(conn, span))[0][1]
    assert activity[:2] == [
        "SCAN p",
        "SEARCH m USING COVERING INDEX interaction_marks_pair "
        "(step=? AND channel=? AND day>? AND day<?)",
    ], activity
    # The funnel: the period's day sums, and only the leads whose record reaches past its
    # end (the two indexes of lead_progress) one by one; no lead in play read otherwise.
    funnel = _plans(conn, lambda: report_queries.funnel(conn, span))
    steps = [step for _sql, plan in funnel for step in plan]
    assert steps[0] == "SEARCH progress_days USING PRIMARY KEY (day>? AND day<?)", steps
    assert "SEARCH lead_progress USING INDEX lead_progress_late (lo>? AND lo<?)" in steps
    assert "SEARCH lead_progress USING INDEX lead_progress_lo (lo>?)" in steps
    assert not any("interaction_marks" in step or "leads_created" in step for step in steps)


def test_a_past_periods_funnel_finds_its_leads_from_the_marks(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many leads logged since the period ended: its leads come from its marks (one first
    # row each) and the leads created in it, and each one's first arrivals by its key.
    monkeypatch.setattr(report_queries, "_MANY_LATER", 1)
    conn.execute(
        "INSERT INTO interactions (lead_id, at, step, kind) VALUES (1, ?, 'approach', 'note')",
        (STAMP,),
    )
    span = parse_span("2025-10-01..2025-12-31", TODAY)
    funnel = _plans(conn, lambda: report_queries.funnel(conn, span))
    steps = [step for _sql, plan in funnel for step in plan]
    assert not any(BIG.match(step) for step in steps), steps
    used = " ".join(steps)
    assert "INDEX interaction_marks_period " in used and "INDEX leads_created " in used
    assert "SEARCH s USING PRIMARY KEY (lead_id=?)" in steps, steps  # s: step_arrivals
    assert "SEARCH l USING INTEGER PRIMARY KEY (rowid=?)" in steps, steps
    assert not any(step.startswith("SCAN s") or "interactions_lead" in step for step in steps)
    # The leads' rows are read in key order, sorted once (the period's first rows, by lead).
    sorts = [sql for sql, plan in funnel if any("TEMP B-TREE" in step for step in plan)]
    assert [sql.split(" SELECT")[0] for sql in sorts] == ["INSERT INTO temp.period_leads (lead_id)"]


def test_the_plan_seeks_its_tasks_slas_and_playbooks(conn: sqlite3.Connection) -> None:
    limits = {"b2b-saas": PlaybookLimits("b2b-saas")}
    _assert_seeks(
        conn,
        lambda: plan_queries.collect(conn, TODAY, lambda _names: limits, limit=50),
        "leads_status_playbook",
        "tasks_status_due",
        "leads_sla",
        "leads_stale",
    )


def test_the_stale_deals_page_and_count_read_leads_stale_ranges(
    conn: sqlite3.Connection,
) -> None:
    """The threshold's, the count's and the narrowed page's statements (three idle deals,
    a page of two) each seek `leads_stale` by playbook, step and last interaction."""
    idle = "2026-01-05T10:00:00+00:00"
    for n in (2, 3):
        conn.execute(
            "INSERT INTO leads (id, name, playbook, step_entered_at, created_at, updated_at) "
            "VALUES (?, 'Bo', 'b2b-saas', ?, ?, ?)",
            (n, STAMP, STAMP, STAMP),
        )
    conn.execute(
        "UPDATE leads SET first_contact_at = ?1, last_interaction_at = ?1, step_entered_at = ?1",
        (idle,),
    )
    limits = {"b2b-saas": PlaybookLimits("b2b-saas")}
    plans = _plans(conn, lambda: stale_rows(conn, TODAY, limits, 2))
    assert len(plans) > 3, "the page was not read through a threshold"
    for sql, steps in plans:
        assert not [s for s in steps if BIG.match(s)], f"a scan in:\n{sql}\n" + "\n".join(steps)
        assert any("INDEX leads_stale (status=? AND playbook=? AND step=? AND" in s for s in steps)


def test_the_task_list_counts_and_sorts_through_the_status_index(
    conn: sqlite3.Connection,
) -> None:
    _assert_seeks(conn, lambda: list_tasks(conn, TaskFilter(limit=None), TODAY), "tasks_status_due")


def test_a_first_page_of_tasks_seeks_the_ranked_open_tasks(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO tasks (lead_id, title, due, created_at, updated_at) "
        "VALUES (1, 'Call back', '2026-03-10', ?, ?)",
        (STAMP, STAMP),
    )
    for due in (None, "week"):
        page = TaskFilter(due=due, limit=1)
        _assert_seeks(conn, lambda page=page: list_tasks(conn, page, TODAY), "task_rank_weight")
    _assert_seeks(
        conn, lambda: plan_queries.due_tasks(conn, TODAY, 1), "task_rank_weight", "task_rank_sla"
    )


def test_a_leads_reads_seek_by_lead(conn: sqlite3.Connection) -> None:
    _assert_seeks(conn, lambda: get_lead(conn, 1))
    _assert_seeks(conn, lambda: find_lead(conn, "1"))
    _assert_seeks(
        conn,
        lambda: history(conn, lead_id=1, since=None, step=None, limit=None),
        "interactions_lead_at",
    )


def test_the_pre_call_brief_reads_seek_by_lead(conn: sqlite3.Connection) -> None:
    # `prep`: the lead's recent events, objections and notes, its open walk and tasks.
    lead = get_lead(conn, 1)
    _assert_seeks(
        conn,
        lambda: brief_inputs(conn, lead),
        "interactions_lead_at",
        "sessions_lead",
        "tasks_lead",
    )


def test_finding_a_lead_by_part_of_its_name_reads_the_trigram_index(
    conn: sqlite3.Connection,
) -> None:
    for ref in ("acm", "Ada Lovelace", "12345"):
        steps = [s for _sql, plan in _plans(conn, lambda ref=ref: _found(conn, ref)) for s in plan]
        assert any(s.startswith("SCAN s VIRTUAL TABLE INDEX") for s in steps), steps
        assert "SEARCH l USING INTEGER PRIMARY KEY (rowid=?)" in steps, steps
        assert not [s for s in steps if BIG.match(s)], steps


def _found(conn: sqlite3.Connection, ref: str) -> None:
    with contextlib.suppress(NotFoundError):
        find_lead(conn, ref)


def test_the_imports_duplicate_checks_seek_through_the_leads_indexes(
    conn: sqlite3.Connection,
) -> None:
    indexes: list[ImportIndex] = []

    def check_a_row() -> None:
        indexes.append(ImportIndex(conn))
        fields = {"name": "Ada", "company": "ACME", "email": "ada@acme.io"}
        indexes[0].match({**fields, "crm_vendor": "hubspot", "crm_id": "7"})

    _assert_seeks(
        conn, check_a_row, "leads_unicode_keys", "leads_crm", "leads_email", "leads_name_company"
    )
    indexes[0].drop()


def test_where_the_export_is_cut_is_found_by_seeks(conn: sqlite3.Connection) -> None:
    # `halfway` reads each table's first and last rowid before a large export; a scan of
    # the interactions or of sync_ids took 1.6 s of an export at 100,000 leads.
    from salescoach.store.exporter import halfway

    for sql, steps in _plans(conn, lambda: halfway(conn)):
        scans = [s for s in steps if s.startswith("SCAN") and s != "SCAN CONSTANT ROW"]
        assert not scans, f"{scans} in the plan of:\n{sql}\n" + "\n".join(steps)
