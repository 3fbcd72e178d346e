"""Ranges everywhere, from the command line: dates within 1900-2999, integers and playbook
numbers with a bound named in the message, and arguments that are not UTF-8 refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.leads import add, execute, use_test_playbooks
from tests.support.paths import FIXTURES

HUGE = "99999999999999999999999"


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        ["tasks", "add", "Ada", "Call", "--due", "9999-12-31"],
        ["lead", "add", "Bob", "--sla", "9999-12-31"],
        ["plan", "--date", "0001-01-01"],
        ["history", "--since", "1899-12-31"],
        ["log", "Ada", "-c", "call", "--at", "1066-10-14T09:00"],
    ],
)
def test_dates_outside_the_kept_years_are_refused(args: list[str]) -> None:
    add("Ada")
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert "outside the dates salescoach keeps" in result.stderr
    assert "1900-2999" in result.stderr


def test_the_fixed_today_is_held_to_the_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESCOACH_TODAY", "9999-12-31")
    result = run("plan")
    assert result.exit_code == 2 and "SALESCOACH_TODAY 9999-12-31 is outside" in result.stderr


def test_a_far_task_can_no_longer_break_the_calendar_export() -> None:
    add("Ada")
    assert run("tasks", "add", "Ada", "Call", "--due", "2999-12-31").exit_code == 0
    exported = run("tasks", "export", "--format", "ics", "--as-events")
    assert exported.exit_code == 0 and "DTSTART;VALUE=DATE:29991231" in exported.stdout


@pytest.mark.parametrize(
    ("args", "bound"),
    [
        (["tasks", "done", HUGE], "less than or equal to 9223372036854775807"),
        (["tasks", "snooze", HUGE, "--until", "tomorrow"], "less than or equal to"),
        (["lead", "list", "--limit", HUGE], "less than or equal to 1000000"),
        (["history", "--limit", HUGE], "less than or equal to 1000000"),
        (["tasks", "--limit", HUGE], "less than or equal to 1000000"),
        (["plan", "--limit", HUGE], "less than or equal to 1000000"),
        (["objection", "too pricey", "--top", HUGE], "less than or equal to 100"),
        (["lead", "show", HUGE], f"no lead has the id {HUGE}"),
        (["log", HUGE, "-c", "call"], f"no lead has the id {HUGE}"),
        (["lead", "show", "²"], "no lead matches '²'"),
    ],
)
def test_huge_integers_are_refused_with_their_bound(args: list[str], bound: str) -> None:
    add("Ada")
    result = run(*args)
    assert result.exit_code == 2
    assert bound in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("change", "bound"),
    [
        ("stale_after_days: 5", "stale_after_days: 999999999"),
        ("cold: 3", "cold: 999999999"),
    ],
)
def test_playbook_numbers_have_bounds(tmp_path: Path, change: str, bound: str) -> None:
    source = (FIXTURES / "playbooks" / "planning.yaml").read_text()
    assert change in source
    playbook = tmp_path / "big.yaml"
    playbook.write_text(source.replace(change, bound, 1))
    result = run("playbook", "validate", str(playbook))
    assert result.exit_code == 1
    assert "less than or equal to" in result.stdout


def test_lead_import_with_an_unknown_playbook_is_a_bad_option(tmp_path: Path) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text("name\nBob\n")
    result = run("lead", "import", str(leads), "--playbook", "nosuch")
    assert result.exit_code == 2 and "no playbook named 'nosuch'" in result.stderr


@pytest.mark.parametrize("args", [["lead", "add", "A\udcffda"], ["log", "Ada", "-m", "x\udcfe"]])
def test_an_argument_that_is_not_utf8_is_a_clear_error(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "is not valid UTF-8 text" in result.stderr
    assert "\\xff" in result.stderr or "\\xfe" in result.stderr


def test_a_far_task_an_old_store_holds_is_named_not_crashed_on(salescoach_home: Path) -> None:
    add("Ada")
    execute(
        salescoach_home,
        "INSERT INTO tasks (lead_id, title, due, created_at, updated_at) "
        "VALUES (1, 'far', '9999-12-31', '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
    )
    exported = run("tasks", "export", "--format", "ics", "--as-events")
    assert exported.exit_code == 2, exported.stderr
    assert "task 1 is due 9999-12-31, outside the years 1900-2999" in exported.stderr


def test_a_playbook_with_a_huge_sla_cannot_reach_lead_import(tmp_path: Path) -> None:
    source = (FIXTURES / "playbooks" / "planning.yaml").read_text()
    playbook = tmp_path / "big.yaml"
    playbook.write_text(source.replace("cold: 3", "cold: 999999999", 1))
    leads = tmp_path / "leads.csv"
    leads.write_text("name,temperature\nBob,cold\n")
    result = run("lead", "import", str(leads), "--playbook", str(playbook))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["backup", "{}"], ["restore", "{}"], ["export", "-o", "{}"],
        ["tasks", "export", "-o", "{}"], ["lead", "import", "{}"], ["walk", "Ada", "-a", "{}"],
    ],
)  # fmt: skip
def test_an_over_long_path_is_a_clean_error(args: list[str]) -> None:
    add("Ada")
    result = run(*[a.replace("{}", "y" * 5000) for a in args])
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and "salescoach: error:" in result.stderr
