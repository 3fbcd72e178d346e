"""`tasks --limit 0` of more tasks than a rich table takes writes them as SQLite sorts them
out, under widths the store measured beforehand, and reads exactly as the plain table drawn
from every task in hand did: the same lines at any width, in any script, with any text."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

import pytest

from salescoach.cli.planning import tasks_cmd
from salescoach.ui.console import Terminal
from salescoach.ui.plain_table import LONG
from salescoach.ui.planning import tasks_view
from tests.support.cli import run
from tests.support.plan import lead, store, task
from tests.support.today import TODAY

NAMES = ("Zoë Ünter", "日本 Corp buyer", "Ada\x1b[2J", "Łukasz Żółć", "Bob", "e\u0301mile")
COMPANIES = (None, "", "ACME", "株式会社テスト", "Tab\tCo")
TITLES = ("Call back", "Send the very long recap of everything said " * 2, "Démo ☕", "x")


@pytest.fixture
def many() -> None:
    conn = store()
    leads = [
        lead(conn, NAMES[n % len(NAMES)] + f" {n}", company=COMPANIES[n % len(COMPANIES)])
        for n in range(40)
    ]
    for n in range(LONG + 30):
        task_id = task(
            conn,
            leads[n % len(leads)],
            TITLES[n % len(TITLES)],
            TODAY + timedelta(days=(n * 7) % 400 - 200),
            channel=(None, "call", "email", "meeting")[n % 4],
            priority=("low", "normal", "high")[n % 3],
        )
        if n % 5 == 0:
            conn.execute("UPDATE tasks SET due_time = '14:30' WHERE id = ?", (task_id,))
    conn.execute("UPDATE tasks SET status = 'done' WHERE id % 17 = 0")
    conn.close()


def _listing(width: int, *args: str, streamed: bool = True) -> str:
    out = io.StringIO()
    terminal = Terminal(stdout=out, width=width, no_color=True, interactive=False)
    if streamed:
        result = run("tasks", "--limit", "0", *args, terminal=terminal)
    else:
        with mock.patch.object(tasks_cmd, "stream_all", return_value=False):
            result = run("tasks", "--limit", "0", *args, terminal=terminal)
    assert result.exit_code == 0, result.stderr
    return out.getvalue()


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_the_streamed_listing_reads_as_the_table_of_every_task(many: None, width: int) -> None:
    with mock.patch.object(
        tasks_view, "stream_open_tasks", wraps=tasks_view.stream_open_tasks
    ) as spy:
        streamed = _listing(width)
    assert spy.call_count == 1
    assert streamed == _listing(width, streamed=False)
    assert streamed.count("\n") > LONG and "\x1b" not in streamed


@pytest.mark.parametrize(
    "args", [["--due", "overdue"], ["--channel", "email"], ["--due", "today"], ["--lead", "Bob 4"]]
)
def test_filters_stream_the_same_tasks(many: None, args: list[str]) -> None:
    assert _listing(120, *args) == _listing(120, *args, streamed=False)
