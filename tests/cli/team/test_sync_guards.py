"""What `sync` guards: a lead handed to another rep is read-only here; pulled rows that fail
the import's row checks are set aside, reported, and block nothing."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from salescoach.core.sync.changes import RowChange
from salescoach.paths import database_path
from tests.support.cli import run
from tests.support.fake_hub import MANAGER, FakeHub, link_fake_hub
from tests.support.leads import add, use_test_playbooks

STAMP = "2026-03-11T09:00:00+00:00"
_clock = iter(range(10**6))


@pytest.fixture(autouse=True)
def playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _hlc() -> str:
    return f"{900_000_000_000_000_000 + next(_clock):018d}-000000-hub"


def _outbox() -> list[tuple[object, ...]]:
    with sqlite3.connect(database_path()) as conn:
        return conn.execute("SELECT * FROM sync_outbox").fetchall()


def test_a_lead_handed_to_another_rep_is_read_only_after_the_pull_that_saw_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hub = FakeHub()
    link_fake_hub(monkeypatch, hub, "ann")
    add("Ada")
    add("Grace")
    assert run("tasks", "add", "Ada", "Send the pilot numbers", "--due", "tomorrow").exit_code == 0
    assert run("sync").exit_code == 0
    (ada,) = [c for c in hub.feed if c.table == "leads" and c.fields.get("name") == "Ada"]
    hub.session(MANAGER).push(
        [RowChange("leads", ada.gid, ada.gid, "bob", "hub", _hlc(), {"owner": "bob"})]
    )
    assert run("sync").exit_code == 0
    before = _outbox()
    for command in (
        ("log", "Ada", "-c", "call", "-m", "offline call"),
        ("lead", "edit", "Ada", "--phone", "+44 20 7946 0000"),
        ("lead", "stage", "Ada", "presentation"),
        ("tasks", "done", "1"),
        ("walk", "Ada"),
    ):
        refused = run(*command)
        assert refused.exit_code == 2, (command, refused.stdout, refused.stderr)
        assert "now belongs to bob" in refused.stderr and "read-only" in refused.stderr
        assert "Traceback" not in refused.stderr
    assert _outbox() == before  # nothing written
    assert run("history", "Ada").exit_code == 0  # reads still work
    assert run("lead", "show", "Ada").exit_code == 0
    assert run("log", "Grace", "-c", "call", "-m", "still mine").exit_code == 0
    # Handed back: writable again.
    hub.session(MANAGER).push(
        [RowChange("leads", ada.gid, ada.gid, "ann", "hub", _hlc(), {"owner": "ann"})]
    )
    assert run("sync").exit_code == 0
    assert run("log", "Ada", "-c", "call", "-m", "mine again").exit_code == 0


def test_pulled_rows_that_fail_the_row_checks_are_set_aside_and_block_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hub = FakeHub()
    link_fake_hub(monkeypatch, hub, "ann")
    add("Ada")
    assert run("sync").exit_code == 0
    (ada,) = [c for c in hub.feed if c.table == "leads"]

    def note(**fields: object) -> RowChange:
        values = {"at": STAMP, "kind": "note", "text": "called", **fields}
        return RowChange("interactions", str(uuid.uuid4()), ada.gid, "ann", "hub", _hlc(), values)  # type: ignore[arg-type]

    hostile = str(uuid.uuid4())
    bad = [
        RowChange("leads", hostile, hostile, "ann", "hub", _hlc(),
                  {"name": "Evil\x1b]0;owned\x07", "playbook": "b2b-saas",
                   "step_entered_at": STAMP, "created_at": STAMP, "updated_at": STAMP}),
        note(at="yesterday"),  # a bad date
        note(duration_minutes="ten"),  # the wrong type
        note(kind="gossip"),  # not one of the kinds
    ]  # fmt: skip
    missing = RowChange(
        "interactions", str(uuid.uuid4()), str(uuid.uuid4()), "ann", "hub", _hlc(),
        {"at": STAMP, "kind": "note", "text": "on a lead that never came"},
    )  # fmt: skip
    good = note(text="asked for \x1b[31mthe numbers\x1b[0m")
    assert hub.session(MANAGER).push([*bad, missing, good]) == []

    result = run("sync", "--json")
    assert result.exit_code == 0, result.stderr
    counts = json.loads(result.stdout)
    assert (counts["rejected"], counts["parked"]) == (4, 1)
    assert "4 pulled change(s) failed the row checks" in result.stderr
    history = run("history", "Ada").stdout
    assert "the numbers" in history and "\x1b" not in history  # cleaned as an import cleans
    assert run("lead", "show", "Evil").exit_code != 0  # never applied
    status = run("team", "status")
    assert "set aside: 4 pulled change(s)" in status.stdout
    assert "at 'yesterday' is not a date and time" in status.stdout
    assert "waiting: 1 pulled change(s)" in status.stdout
    shown = json.loads(run("team", "status", "--json").stdout)
    assert (shown["rejected"], shown["parked"]) == (4, 1)
    # The cursor moved on: the next sync pulls nothing new and sets nothing more aside.
    again = json.loads(run("sync", "--json").stdout)
    assert (again["pulled"], again["rejected"], again["parked"]) == (0, 4, 1)
