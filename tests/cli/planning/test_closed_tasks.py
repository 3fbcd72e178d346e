"""`tasks --status all`: closed tasks show when and how they were closed, with no urgency;
open tasks come first, in the order `tasks` gives them, and the listing fits 80 columns."""

from __future__ import annotations

import pytest

from tests.support.cli import run


def _lead(name: str) -> str:
    result = run("lead", "add", name, "--playbook", "b2b-saas")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def _add(lead: str, title: str, due: str, *extra: str) -> str:
    result = run("tasks", "add", lead, title, "--due", due, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def _row(listing: str, task_id: str) -> str:
    return next(line for line in listing.splitlines() if line.split()[:1] == [task_id])


def test_closed_tasks_show_the_day_and_the_way_they_were_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lead = _lead("Ada")
    done = _add(lead, "Send the deck", "2026-03-18")
    dropped = _add(lead, "Call the CFO", "2026-03-20")
    later = _add(lead, "Check in", "2026-03-25")
    monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-13")
    assert run("tasks", "done", done).exit_code == 0
    assert run("tasks", "drop", dropped, "--reason", "no longer there").exit_code == 0

    listing = run("tasks", "--status", "all").stdout

    assert "done 2026-03-13" in _row(listing, done)
    assert "2026-03-18" not in _row(listing, done)  # no due date to take for the close
    assert "dropped 2026-03-13" in _row(listing, dropped)
    assert "Call the CFO (no longer there)" in _row(listing, dropped)
    closed_row = _row(listing, done).split()
    assert not any(cell.replace(".", "").isdigit() and "." in cell for cell in closed_row)
    ids = [line.split()[0] for line in listing.splitlines() if line.split()[:1] not in ([], ["ID"])]
    assert ids.index(later) < ids.index(done)


def test_open_tasks_in_all_follow_the_urgency_order_of_tasks() -> None:
    first, second = _lead("Ada"), _lead("Bob")
    _add(first, "Low and later", "+9d", "--priority", "low")
    _add(second, "Urgent today", "today", "--priority", "high")
    _add(first, "Normal soon", "+2d")
    closed = _add(second, "Old one", "today")
    assert run("tasks", "done", closed).exit_code == 0

    def ids(*args: str) -> list[str]:
        out = run("tasks", *args).stdout.splitlines()
        return [line.split()[0] for line in out if line.split()[:1] not in ([], ["ID"])]

    everything = ids("--status", "all")
    assert everything[:3] == ids()
    assert everything[3] == closed


def test_all_tasks_fit_80_columns_with_only_the_task_text_folding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lead = run("lead", "add", "Grace Hopper", "--company", "Navy").stdout.strip()
    kept = _add(lead, "Send the pricing deck", "+3d")
    gone = _add(lead, "Revisit how the choice is working", "+90d")
    assert run("tasks", "drop", gone, "--reason", "met them at the fair").exit_code == 0

    listing = run("tasks", "--status", "all").stdout

    assert max(len(line) for line in listing.splitlines()) <= 80
    assert "Grace Hopper (Navy)" in _row(listing, kept)  # the lead is never cut in two
    assert "Grace Hopper (Navy)" in _row(listing, gone)
    assert "Urg" not in listing.split("\n\n")[1]  # closed tasks have no urgency column
