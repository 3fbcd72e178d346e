"""Taskwarrior (`task`, Debian's package) holding the same tasks as a benchmark store, for
comparing `salescoach tasks --limit 0` with `task list`. Built once per store, then reused."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from contextlib import closing
from pathlib import Path

TASKWARRIOR = shutil.which("task")
_STATUS = {"open": "pending", "done": "completed", "cancelled": "deleted", "dropped": "deleted"}


def _stamp(iso: str) -> str:
    return (
        iso[:19].replace("-", "").replace(":", "") + "Z"
    )  # 2026-01-30T17:00:00 -> 20260130T170000Z


def _tasks(store: Path) -> list[dict[str, str]]:
    with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT id, title, due, status, created_at, updated_at FROM tasks")
        found = []
        for task_id, title, due, status, created, updated in rows:
            item = {
                "uuid": str(uuid.UUID(int=task_id)),
                "description": title,
                "status": _STATUS[status],
                "entry": _stamp(created),
                "due": due.replace("-", "") + "T000000Z",
            }
            if item["status"] != "pending":
                item["end"] = _stamp(updated)
            found.append(item)
        return found


def task_list_command(store: Path, results: Path) -> tuple[list[str], dict[str, str]]:
    """`task list` (and its environment) over a taskwarrior database holding the store's
    tasks, imported on first use."""
    assert TASKWARRIOR is not None
    home = results / f"taskwarrior-{store.parent.name}"
    rc = home / "taskrc"
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(home / "data")}
    marker = home / "imported"
    if not marker.exists():  # run.py removes it when it rebuilds the store
        shutil.rmtree(home, ignore_errors=True)
        (home / "data").mkdir(parents=True)
        rc.write_text(f"data.location={home / 'data'}\nconfirmation=off\nnews.version=2.6.0\n")
        source = home / "tasks.json"
        source.write_text(json.dumps(_tasks(store)))
        subprocess.run(
            [TASKWARRIOR, "rc.verbose=nothing", "import", str(source)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        marker.touch()
    return [TASKWARRIOR, "list"], env
