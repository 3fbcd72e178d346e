"""A JSONL export restored into a fresh data home keeps its sync identity: syncing it with the
same hub adds nothing the hub had, and pushes only what was never pushed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from salescoach.paths import database_path
from tests.support.cli import run
from tests.support.fake_hub import FakeHub, link_fake_hub
from tests.support.leads import add, use_test_playbooks


@pytest.fixture(autouse=True)
def playbooks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)


def _counts() -> tuple[int, int]:
    with sqlite3.connect(database_path()) as conn:
        leads = conn.execute("SELECT count(*) FROM leads").fetchone()[0]
        notes = conn.execute("SELECT count(*) FROM interactions").fetchone()[0]
    return leads, notes


def _restore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    dump = tmp_path / "backup.jsonl"
    dump.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "restored"))
    restored = run("import", "--format", "jsonl", str(dump))
    assert restored.exit_code == 0, restored.stderr


def test_a_restored_store_syncs_without_adding_a_row_to_the_hub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = FakeHub()
    link_fake_hub(monkeypatch, hub, "ann")
    add("Ada")
    assert run("log", "Ada", "-c", "call", "-m", "first call").exit_code == 0
    assert run("sync").exit_code == 0
    assert run("log", "Ada", "-c", "email", "-m", "not pushed yet").exit_code == 0
    feed = list(hub.feed)
    # The note, and the lead when the note moved its last contact (to a later second).
    unpushed = json.loads(run("team", "status", "--json").stdout)["pending"]
    assert unpushed in (1, 2)
    export = run("export", "--format", "jsonl").stdout
    _restore(tmp_path, monkeypatch, export)
    link_fake_hub(monkeypatch, hub, "ann", replica="replica-restored")  # joined again
    result = run("sync", "--json")
    assert result.exit_code == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["pushed"] == unpushed  # only what never reached the hub
    assert hub.feed[: len(feed)] == feed and len(hub.feed) == len(feed) + unpushed
    assert _counts() == (1, 2)  # the pull from the start merged into the same rows
    again = json.loads(run("sync", "--json").stdout)
    assert (again["pushed"], len(hub.feed)) == (0, len(feed) + unpushed)


def test_an_export_without_sync_identity_restores_as_new_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = FakeHub()
    link_fake_hub(monkeypatch, hub, "ann")
    add("Ada")
    assert run("log", "Ada", "-c", "call", "-m", "first call").exit_code == 0
    lines = run("export", "--format", "jsonl").stdout.splitlines(keepends=True)
    older = [line for line in lines if '"table":"sync_' not in line.replace(" ", "")]
    assert len(older) < len(lines)
    _restore(tmp_path, monkeypatch, "".join(older))
    status = json.loads(run("team", "status", "--json").stdout)
    assert status["pending"] == 2  # each row got a gid and waits to be pushed
    assert json.loads(run("sync", "--json").stdout)["pushed"] == 2
