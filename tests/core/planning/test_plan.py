"""The daily plan as data: each section from a hand-built store whose answers are known."""

from __future__ import annotations

import os
import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from salescoach.core.planning.plan import DailyPlan, alerts, build_plan
from salescoach.core.playbook import limits as limits_module
from salescoach.core.playbook.limits import playbook_limits
from salescoach.paths import playbook_dirs
from salescoach.store.db import transaction
from salescoach.store.plan_queries import collect
from tests.support.plan import FIXTURE_PLAYBOOKS, at, lead, store, task, touch
from tests.support.today import TODAY


@pytest.fixture
def playbooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "playbooks"
    folder.mkdir()
    shutil.copy(FIXTURE_PLAYBOOKS / "planning.yaml", folder)
    old = 1_600_000_000  # a playbook changed just now is not cached (it may be mid-edit)
    os.utime(folder / "planning.yaml", (old, old))
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(folder))
    return folder


def make_plan(tmp_path: Path, today: date = TODAY, limit: int | None = 20) -> DailyPlan:
    cache = tmp_path / "cache" / "plan-limits.json"
    found = collect(
        store(),
        today,
        lambda names: playbook_limits(names, playbook_dirs(), cache, clock_ns=time.time_ns),
        limit=limit,
    )
    return build_plan(today, found)


@pytest.fixture
def known(playbooks: Path) -> dict[str, int]:
    conn = store()
    ids = {
        "ada": lead(conn, "Ada", temperature="qualified", sla_due=date(2026, 3, 9)),
        "bob": lead(conn, "Bob", temperature="warm", sla_due=TODAY),
        "eve": lead(conn, "Eve", sla_due=date(2026, 3, 13)),
        "old": lead(conn, "Old", created=date(2026, 3, 2)),  # no sla_due stored: cold, 3 days
        "cal": lead(conn, "Cal", step="presentation", created=date(2026, 2, 1)),
        "dan": lead(conn, "Dan", step="presentation", created=date(2026, 2, 1)),
        "fay": lead(conn, "Fay", created=date(2026, 2, 1)),
        "gus": lead(conn, "Gus", status="won", created=date(2026, 1, 1)),
        "hal": lead(conn, "Hal", playbook="missing", step="closing", created=date(2026, 1, 1)),
    }
    touch(conn, ids["cal"], date(2026, 2, 25))  # 14 idle days, the limit is 10: stale
    touch(conn, ids["dan"], date(2026, 3, 1))  # 10 idle days: not longer than the limit
    touch(conn, ids["fay"], date(2026, 3, 5))  # prospecting limit 5, idle 6: stale
    touch(conn, ids["hal"], date(2026, 2, 20))  # unknown playbook: default 14, idle 19
    touch(conn, ids["bob"], date(2026, 3, 11), channel=None)  # a note is not a first contact
    task(conn, ids["ada"], "Send the recap", date(2026, 3, 9), channel="email")
    task(conn, ids["cal"], "Call about the proposal", TODAY, channel="call")
    task(conn, ids["fay"], "Visit", TODAY, channel="meeting")
    task(conn, ids["dan"], "Send pricing", TODAY + timedelta(days=1), channel="email")
    done = task(conn, ids["cal"], "Old chore", date(2026, 3, 1))
    with transaction(conn):
        conn.execute("UPDATE tasks SET status = 'done' WHERE id = ?", (done,))
    return ids


def test_due_follow_ups_in_urgency_order_with_why(known: dict[str, int], tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    assert [t.title for t in plan.tasks.items] == [
        "Send the recap",
        "Call about the proposal",
        "Visit",
    ]
    assert plan.tasks.items[0].why.startswith("2 days overdue · first-contact SLA broken")
    assert [t.urgency for t in plan.tasks.items] == sorted(
        (t.urgency for t in plan.tasks.items), reverse=True
    )
    assert (plan.counts["overdue"], plan.counts["due_today"]) == (1, 2)


def test_sla_broken_first_and_only_leads_with_a_stored_deadline(
    known: dict[str, int], tmp_path: Path
) -> None:
    plan = make_plan(tmp_path)
    assert [(r.lead.name, r.sla_due) for r in plan.sla.items] == [
        ("Ada", date(2026, 3, 9)),
        ("Bob", TODAY),
    ]  # "Old" has no deadline stored, as `lead show` says: it is not an SLA lead
    assert (plan.counts["sla_broken"], plan.counts["sla_due_today"]) == (1, 1)
    assert alerts(plan, ["sla"]) == ["1 broken first-contact SLA"]
    assert alerts(plan, ["overdue", "sla"])[0] == "1 overdue follow-up"
    assert alerts(plan, []) == []


def test_stale_deals_use_each_steps_limit(known: dict[str, int], tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    stale = [
        (r.lead.name, r.step, (TODAY - r.idle_since).days, r.limit_days) for r in plan.stale.items
    ]
    assert stale == [  # furthest past its limit first
        ("Hal", "closing", 19, 14),
        ("Cal", "presentation", 14, 10),
        ("Fay", "prospecting", 6, 5),
    ]
    assert plan.warnings == ("playbook 'missing' not found; using default stale and SLA limits",)


def test_moving_to_a_new_step_restarts_the_stale_clock(
    known: dict[str, int], tmp_path: Path
) -> None:
    with transaction(store()) as conn:
        conn.execute(
            "UPDATE leads SET step_entered_at = ? WHERE id = ?",
            (at(date(2026, 3, 8)).isoformat(), known["cal"]),
        )
    assert "Cal" not in [r.lead.name for r in make_plan(tmp_path).stale.items]


def test_calls_today_point_at_prep(known: dict[str, int], tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    assert [(c.title, c.lead_id) for c in plan.calls.items] == [
        ("Call about the proposal", known["cal"]),
        ("Visit", known["fay"]),
    ]


def test_lists_are_cut_but_totals_stay_true(known: dict[str, int], tmp_path: Path) -> None:
    plan = make_plan(tmp_path, limit=1)
    assert len(plan.tasks.items) == 1 and plan.tasks.more == 2
    assert len(plan.sla.items) == 1 and plan.sla.more == 1
    assert plan.sla.items[0].lead.name == "Ada"
    assert len(plan.stale.items) == 1 and plan.stale.more == 2


def test_another_day(known: dict[str, int], tmp_path: Path) -> None:
    plan = make_plan(tmp_path, today=date(2026, 3, 12))
    assert sorted(t.title for t in plan.tasks.items) == [
        "Call about the proposal",
        "Send pricing",
        "Send the recap",
        "Visit",
    ]
    assert (plan.counts["overdue"], plan.counts["due_today"]) == (3, 1)
    assert plan.calls.items == ()


def test_goal_progress_counts_the_day_and_the_week(known: dict[str, int], tmp_path: Path) -> None:
    conn = store()
    with transaction(conn):
        for metric, target, period in (
            ("calls", 5, "week"),
            ("emails", 2, "day"),
            ("revenue", 9, "month"),
        ):
            conn.execute(
                "INSERT INTO goals (metric, target, period, created_at) VALUES (?, ?, ?, ?)",
                (metric, target, period, at(TODAY).isoformat()),
            )
    touch(conn, known["eve"], date(2026, 3, 9))  # Monday: this week
    touch(conn, known["eve"], date(2026, 3, 9))  # the same lead the same day counts once
    touch(conn, known["gus"], date(2026, 3, 8))  # Sunday: last week
    touch(conn, known["ada"], TODAY, channel="email")
    goals = [(g.metric, g.period, g.target, g.actual, g.percent) for g in make_plan(tmp_path).goals]
    assert goals == [("emails", "day", 2.0, 1.0, 50), ("calls", "week", 5.0, 1.0, 20)]


def test_no_goals_show_nothing(known: dict[str, int], tmp_path: Path) -> None:
    assert make_plan(tmp_path).goals == ()


def test_an_empty_store_gives_an_empty_plan(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    assert plan.is_empty and plan.goals == () and plan.warnings == ()


def test_playbook_limits_are_cached_until_the_file_changes(
    playbooks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "limits.json"
    first = playbook_limits(["planning"], playbook_dirs(), cache, clock_ns=time.time_ns)["planning"]
    assert first.stale_after("presentation") == 10 and first.sla_for("warm") == 1
    assert cache.is_file()

    def no_loading(*args: object) -> None:
        raise AssertionError("the playbook was loaded again although the cache is fresh")

    monkeypatch.setattr("salescoach.core.playbook.loader.load_file", no_loading)
    assert (
        playbook_limits(["planning"], playbook_dirs(), cache, clock_ns=time.time_ns)["planning"]
        == first
    )
    monkeypatch.undo()
    monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(playbooks))

    file = playbooks / "planning.yaml"
    file.write_text(file.read_text().replace("stale_after_days: 10", "stale_after_days: 100"))
    again = playbook_limits(["planning"], playbook_dirs(), cache, clock_ns=time.time_ns)["planning"]
    assert again.stale_after("presentation") == 100


def test_a_broken_playbook_falls_back_to_defaults_with_a_warning(
    playbooks: Path, tmp_path: Path
) -> None:
    (playbooks / "broken.yaml").write_text("title: [unclosed\n")
    found = playbook_limits(
        ["broken"], playbook_dirs(), tmp_path / "c.json", clock_ns=time.time_ns
    )["broken"]
    assert found.stale_after("closing") == limits_module.DEFAULT_STALE_DAYS
    assert found.warning is not None and "playbook 'broken' has problems" in found.warning
