"""One definition per report figure, labelled: calls are lead-days and the log's rows are
"interactions logged"; the SLA counts imported leads only, archived ones left out."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from salescoach.store.db import connect
from tests.support.cli import run
from tests.support.store import build_v2


def test_the_sla_counts_imported_leads_that_are_not_archived(tmp_path: Path) -> None:
    file = tmp_path / "leads.csv"
    file.write_text("Name,Company\nAda,ACME\nBob,Bolt\nCy,Cyan\n", encoding="utf-8")
    assert run("lead", "import", str(file), "--sla-days", "1").exit_code == 0
    assert run("lead", "archive", "Cy", "--reason", "test lead").exit_code == 0
    assert run("lead", "add", "Dee", "--company", "Dune", "--sla", "+1d").exit_code == 0

    sla = json.loads(run("report", "--json").stdout)["sla"]

    assert sla["leads"] == 2  # Ada and Bob: not the archived import, not the hand-added lead
    text = run("report").stdout
    assert "imported leads due in the period, archived left out" in text


def test_calls_and_logged_rows_are_labelled_apart() -> None:
    assert run("lead", "add", "Ada", "--company", "ACME").exit_code == 0
    for note in ("hello", "follow-up question"):  # two rows about one lead on one day
        assert run("log", "Ada", "--channel", "call", "--note", note).exit_code == 0
    data = json.loads(run("report", "--json").stdout)
    assert data["metrics"]["calls"] == 1
    assert data["activity"]["interactions"] == 2
    text = run("report").stdout
    assert "calls (lead-days)" in text
    assert "2 interactions logged with 1 lead" in text
    assert "Interactions logged by step and channel" in text
    markdown = run("report", "--markdown").stdout
    assert "| calls (lead-days) | 1 |" in markdown


def test_leads_imported_before_the_origin_was_kept_are_recognised(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    build_v2(path)
    with closing(connect(path)):
        pass  # opening migrates
    with closing(sqlite3.connect(path)) as conn:
        origins = dict(conn.execute("SELECT name, origin FROM leads").fetchall())
    assert origins["Grace Hopper"] == "import"  # a CRM record
    assert origins["Ada Lovelace"] is None  # unknown: counted by its deadline, as before
