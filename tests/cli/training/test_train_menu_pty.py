"""`salescoach train` on a terminal with nothing due offers the manager's drills first, and
picking one runs that drill and marks it done."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

GOOD = (
    "I understand, that's fair and makes sense. What are you comparing it with? Let me show "
    "you the value and the return on investment, and why it is a priority to start small. "
    "Does that sound fair?"
)


@pytest.mark.slow
def test_the_menu_offers_the_assigned_drill_and_runs_it(tmp_path: Path) -> None:
    env = {**os.environ, "SALESCOACH_HOME": str(tmp_path), "NO_COLOR": "1", "COLUMNS": "100"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # nobody answers cursor-position queries here
    env.pop("SALESCOACH_NO_INPUT", None)
    salescoach = [sys.executable, "-m", "salescoach"]
    assert pexpect.run(" ".join([*salescoach, "plan"]), env=env, timeout=60) is not None
    with sqlite3.connect(tmp_path / "salescoach.db") as conn:  # as a sync would pull it
        conn.execute(
            "INSERT INTO assignments (drill, target, playbook, assigned_at)"
            " VALUES ('objections', 'price', 'b2b-saas', '2026-01-05T09:00:00')"
        )
    child = pexpect.spawn(salescoach[0], [*salescoach[1:], "train", "--seed", "3"], env=env,
                          encoding="utf-8", timeout=30, dimensions=(24, 100))  # fmt: skip
    child.expect("Which drill\\?")
    child.expect("Assigned by your manager: objections drill on price")
    child.send("\r")  # the first choice
    for round_number in range(1, 6):
        child.expect_exact(f"{round_number}/5")
        child.expect("Your response:")
        shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", child.before)
        assert shown.lstrip().startswith("· Price or budget"), shown
        child.sendline(GOOD)
    child.expect("done: objections drill on price \\(assigned by your manager\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with sqlite3.connect(tmp_path / "salescoach.db") as conn:
        assert conn.execute("SELECT status FROM assignments").fetchone() == ("done",)
