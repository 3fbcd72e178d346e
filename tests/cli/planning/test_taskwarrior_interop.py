"""`tasks export --format taskwarrior` fed to a real `task import` (taskwarrior 2.6+)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.support.cli import run
from tests.support.plan import lead, store, task
from tests.support.today import TODAY

TASK = shutil.which("task")
pytestmark = pytest.mark.skipif(
    TASK is None,
    reason="taskwarrior is not installed (apt-get install taskwarrior; .ci/run installs it)",
)


@pytest.fixture
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the export and taskwarrior in the same local time zone."""
    name: str = request.param
    monkeypatch.setenv("TZ", name)
    time.tzset()
    yield name
    monkeypatch.undo()
    time.tzset()


def taskwarrior(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    rc = home / "taskrc"
    rc.touch()
    env = {**os.environ, "TASKDATA": str(home / "data"), "TASKRC": str(rc)}
    return subprocess.run(
        [str(TASK), "rc.confirmation=off", "rc.hooks=off", "rc.verbose=nothing", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )


def imported(home: Path, export: Path) -> list[dict[str, Any]]:
    result = run("tasks", "export", "--format", "taskwarrior", "--status", "all", "-o", str(export))
    assert result.exit_code == 0, result.stderr
    taskwarrior(home, "import", str(export))
    data: list[dict[str, Any]] = json.loads(taskwarrior(home, "export").stdout)
    return sorted(data, key=lambda t: t["description"])


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", "America/Los_Angeles"], indirect=True)
def test_task_import_accepts_the_export_and_reimport_updates(zone: str, tmp_path: Path) -> None:
    conn = store()
    ada = lead(conn, "Ada Lovelace", company="ACME")
    bob = lead(conn, "Bob")
    task(conn, ada, "Send the recap", TODAY, channel="email")
    task(conn, bob, "Check in", TODAY + timedelta(days=3), channel="call", priority="high")
    task(conn, bob, "Old idea", TODAY + timedelta(days=5), channel=None)

    first = imported(tmp_path, tmp_path / "one.json")
    assert [t["description"] for t in first] == [
        "Ada Lovelace (ACME): Send the recap",
        "Bob: Check in",
        "Bob: Old idea",
    ]
    local = ZoneInfo(zone)
    due_days = [
        datetime.strptime(t["due"], "%Y%m%dT%H%M%S%z").astimezone(local).date() for t in first
    ]
    assert due_days == [TODAY, TODAY + timedelta(days=3), TODAY + timedelta(days=5)]
    assert [t["status"] for t in first] == ["pending"] * 3
    assert first[1]["priority"] == "H" and first[1]["tags"] == ["call"]

    assert run("tasks", "done", "1").exit_code == 0
    assert run("tasks", "drop", "3", "--reason", "not worth it").exit_code == 0
    assert run("tasks", "snooze", "2", "--until", "2026-03-20").exit_code == 0
    second = imported(tmp_path, tmp_path / "two.json")
    assert [t["uuid"] for t in second] == [t["uuid"] for t in first]  # updated, not duplicated
    assert [t["status"] for t in second] == ["completed", "pending", "deleted"]
    snoozed = datetime.strptime(second[1]["due"], "%Y%m%dT%H%M%S%z").astimezone(local)
    assert snoozed.date().isoformat() == "2026-03-20"
