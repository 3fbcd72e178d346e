"""`lead list --limit 0` of more leads than a rich table takes writes them as they are read,
under widths the store measured beforehand, and reads exactly as the plain table drawn from
every lead in hand did: the same lines at any width, sort and filter, in any script."""

from __future__ import annotations

import io
from unittest import mock

import pytest

from salescoach.cli.leads import lead_cmd
from salescoach.ui.console import Terminal
from salescoach.ui.leads import lead_view
from salescoach.ui.plain_table import LONG
from tests.support.cli import run
from tests.support.plan import lead, store

NAMES = ("Zoë Ünter", "日本 Corp buyer", "Ada\x1b[2J", "Łukasz Żółć", "Bob", "e\u0301mile")
COMPANIES = (None, "", "ACME", "株式会社テスト", "Tab\tCo", "A company with a long name " * 2)


@pytest.fixture
def many() -> None:
    conn = store()
    for n in range(LONG + 40):
        lead_id = lead(
            conn,
            NAMES[n % len(NAMES)] + f" {n}",
            company=COMPANIES[n % len(COMPANIES)],
            temperature=("cold", "warm", "qualified")[n % 3],
            sla_due=f"2026-03-{n % 28 + 1:02d}" if n % 4 else None,
        )
        if n % 3 == 0:
            conn.execute(
                "UPDATE leads SET last_interaction_at = '2026-03-05T10:00:00+01:00', "
                "first_contact_at = '2026-03-01T10:00:00+01:00' WHERE id = ?",
                (lead_id,),
            )
        if n % 10 == 0:
            conn.execute("UPDATE leads SET status = 'archived' WHERE id = ?", (lead_id,))
    conn.close()


def _listing(width: int, *args: str, streamed: bool = True) -> str:
    out = io.StringIO()
    terminal = Terminal(stdout=out, width=width, no_color=True, interactive=False)
    if streamed:
        result = run("lead", "list", "--limit", "0", *args, terminal=terminal)
    else:
        with mock.patch.object(lead_cmd, "_stream_leads", return_value=0):
            result = run("lead", "list", "--limit", "0", *args, terminal=terminal)
    assert result.exit_code == 0, result.stderr
    return out.getvalue()


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_the_streamed_listing_reads_as_the_table_of_every_lead(many: None, width: int) -> None:
    with mock.patch.object(
        lead_view, "stream_lead_table", wraps=lead_view.stream_lead_table
    ) as spy:
        streamed = _listing(width)
    assert spy.call_count == 1
    assert streamed == _listing(width, streamed=False)
    assert streamed.count("\n") > LONG and "\x1b" not in streamed


@pytest.mark.parametrize(
    "args",
    [
        ["--status", "all", "--sort", "last"],
        ["--sort", "sla"],
        ["--text", "o"],
        ["--sort", "step"],
    ],
)
def test_sorts_and_filters_stream_the_same_leads(many: None, args: list[str]) -> None:
    assert _listing(120, *args) == _listing(120, *args, streamed=False)
