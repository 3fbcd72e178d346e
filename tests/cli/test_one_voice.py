"""Messages in one voice: usage lines name arguments as FILE and ID, click's own parse errors
read `salescoach: error: ...` with exit code 2, and what a lead holds reads as the timeline
says it (yes/no, "in house")."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from salescoach.core.planning.cadence import next_working_day, schedule
from salescoach.core.playbook.model import Cadence, Touch
from salescoach.ui.console import Terminal
from tests.support.cli import run
from tests.support.leads import add, execute, use_test_playbooks


@pytest.fixture(autouse=True)
def _playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (("lead", "import"), "Usage: salescoach lead import [OPTIONS] FILE\n"),
        (("tasks", "done"), "Usage: salescoach tasks done [OPTIONS] ID\n"),
        (("objection",), "Usage: salescoach objection [OPTIONS] [TEXT]...\n"),
    ],
)
def test_usage_lines_write_arguments_in_capitals(args: tuple[str, ...], usage: str) -> None:
    shown = run(*args, "--help").stdout
    assert shown.startswith(usage)
    assert "{" not in shown.splitlines()[0]


def test_a_missing_option_is_a_salescoach_error_with_exit_2() -> None:
    add("Ada")
    result = run("tasks", "drop", "1")
    assert result.exit_code == 2
    assert result.stderr == (
        "salescoach: error: missing option '--reason'\n  hint: see `salescoach tasks drop --help`\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("lead", "show"), "salescoach: error: missing argument 'LEAD'\n"),
        (("tasks", "--bogus"), "salescoach: error: no such option: --bogus\n"),
        (("--bogus",), "salescoach: error: no such option: --bogus\n"),
    ],
)
def test_every_parse_error_speaks_the_same_way(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.startswith(message)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("lead", "add", "Ada", "--email"), "see `salescoach lead add --help`"),
        (("lead", "stage", "Ada", "closing", "--lost"), "see `salescoach lead stage --help`"),
        (("tasks", "--status"), "see `salescoach tasks --help`"),
        (("--bogus",), "see `salescoach --help`"),
    ],
)
def test_a_usage_hint_names_the_help_of_the_command_that_was_typed(
    args: tuple[str, ...], hint: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"  hint: {hint}\n")


def test_lead_add_on_a_terminal_says_the_id_once() -> None:
    out, err = _Tty(), io.StringIO()
    term = Terminal(stdout=out, stderr=err, interactive=False, no_color=True)
    result = run("lead", "add", "Ada", "--playbook", "minimal", terminal=term)
    assert result.exit_code == 0
    assert out.getvalue() == ""
    assert err.getvalue() == "added lead 1: Ada\n"


def test_log_on_a_terminal_says_what_it_logged_once() -> None:
    add("Ada")
    out, err = _Tty(), io.StringIO()
    term = Terminal(stdout=out, stderr=err, interactive=False, no_color=True)
    result = run("log", "Ada", "--channel", "call", "--outcome", "voicemail", terminal=term)
    assert result.exit_code == 0
    assert out.getvalue() == ""  # no bare interaction id above the message
    assert err.getvalue().startswith("logged outcome 'voicemail' (call) for lead 1 Ada at ")


def test_lead_show_reads_answers_as_the_timeline_does(salescoach_home: Path) -> None:
    lead = add("Ada")
    for field, value in (("fit", "true"), ("decision_process", '"in_house"'), ("size", "18000")):
        execute(
            salescoach_home,
            "INSERT INTO answers (lead_id, field, value_json, step, question, updated_at) "
            "VALUES (?, ?, ?, 'prospecting', ?, '2026-03-10T09:00:00+00:00')",
            lead,
            field,
            value,
            field,
        )
    shown = run("lead", "show", str(lead)).stdout
    assert "fit: yes" in shown and "decision process: in house" in shown
    assert "size: 18,000" in shown
    assert "True" not in shown and "in_house" not in shown


def test_lead_list_names_its_column_for_what_it_shows() -> None:
    add("Ada")
    header = run("lead", "list").stdout.splitlines()[0]
    assert "last interaction" in header and "last contact" not in header


def test_a_calendar_day_touch_never_lands_on_a_weekend() -> None:
    lost = Cadence(
        id="lost",
        title="Lost",
        outcome="lost",
        business_days=False,
        touches=[Touch(day=45, channel="social", title="Stay visible")],
    )
    friday = date(2026, 10, 23)  # + 45 days is Sunday 6 December
    [task] = schedule(lost, friday, friday)
    assert task.due == date(2026, 12, 7) and task.due.weekday() == 0
    assert next_working_day(date(2026, 12, 5)) == date(2026, 12, 7)  # a Saturday today too
