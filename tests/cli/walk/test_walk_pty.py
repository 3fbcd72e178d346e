"""The walk in a real pseudo-terminal, keys and all: seven steps, one Ctrl-C, a resume."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

from salescoach import clock
from salescoach.actions.leads import add_lead
from salescoach.paths import database_path
from salescoach.store.db import open_store
from tests.support.walk import FIXTURES

pytestmark = pytest.mark.slow
DOWN, ENTER, SPACE, CTRL_C, CTRL_O = "\x1b[B", "\r", " ", "\x03", "\x0f"


def spawn(*args: str, python: tuple[str, ...] = ()) -> pexpect.spawn:
    env = {
        **os.environ,
        "SALESCOACH_PLAYBOOK_PATH": str(FIXTURES / "playbooks"),
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # nobody answers cursor-position queries here
    }
    child = pexpect.spawn(
        sys.executable,
        [*python, "-m", "salescoach", *args],
        env=env,
        encoding="utf-8",
        dimensions=(50, 120),
        timeout=20,
    )
    child.delaybeforesend = None  # the default 50 ms per key adds up
    return child


def answer(child: pexpect.spawn, prompt: str, *keys: str) -> None:
    child.expect_exact(prompt)
    for key in keys:
        child.send(key)


def test_walk_seven_steps_with_the_keyboard_interrupt_once_resume_and_finish(
    tmp_path: Path,
) -> None:
    conn = open_store()
    lead = add_lead(
        conn, {"name": "Ada", "company": "ACME", "playbook": "walkthrough"}, clock.now()
    )
    conn.close()

    child = spawn("walk", "ACME")
    answer(child, "1/7  Prospecting")
    answer(child, "Does the lead fit", "y", "\r")
    answer(child, "How many employees?", "40", ENTER)
    answer(child, "How warm is the lead?", DOWN, ENTER)  # from cold, the lead's own temperature
    answer(child, "Next?", ENTER)
    answer(child, "Who will you speak to?", DOWN, ENTER)
    answer(child, "What do they use now?", SPACE, ENTER)
    answer(child, "Next?", ENTER)
    answer(child, "What hurts most", "Quotes take a w", CTRL_O)  # the buyer interrupts
    answer(child, "What did the buyer say?", "that is too expensive for our budget", ENTER)
    answer(child, "Which objection is it?", ENTER)
    answer(child, "Value does not yet justify the cost.")  # the card is shown
    answer(child, "How did it go?", DOWN, ENTER)
    answer(child, "What hurts most", "eek", ENTER)  # the typed text came back
    answer(child, "which of these are true?", SPACE, ENTER)
    answer(child, "Next?", ENTER)
    answer(child, "4/7  Presentation")
    answer(child, "Next?", ENTER)
    answer(child, "What did the buyer say?", "call me next quarter, we are busy", ENTER)
    answer(child, "Which objection is it?", ENTER)
    answer(child, "How did it go?", ENTER)
    answer(child, "What did the buyer say?", ENTER)
    answer(child, "Next?", ENTER)
    answer(child, "How did the call end?", ENTER)
    answer(child, "When is the agreed next step?", CTRL_C)
    child.expect_exact("Resume with: salescoach walk ACME")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")

    child = spawn("walk", "ACME")
    answer(child, "a walk stopped at 6/7 closing", ENTER)
    answer(child, "How did the call end?")  # shown as already answered, not asked again
    answer(child, "When is the agreed next step?", "next wednesday", ENTER)
    answer(child, "Next?", ENTER)
    answer(child, "Follow-up tasks to schedule")
    # listed by date (recap 03-12, check-in 03-16, next step 03-18): change 2, the check-in
    answer(child, "Save them, or change one?", DOWN, DOWN, ENTER)
    answer(child, "Check in", DOWN, DOWN, ENTER)  # drop it
    answer(child, "Save them, or change one?", ENTER)
    answer(child, "questions now or later?", DOWN, ENTER)
    answer(child, "Did you ask for a referral?", "y", "\r")
    child.expect_exact("7 steps recorded")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    db = sqlite3.connect(database_path())
    answers = db.execute(
        "SELECT step, text FROM interactions WHERE lead_id = ? AND kind = 'answer' ORDER BY id",
        (lead,),
    ).fetchall()
    assert answers == [
        ("prospecting", "Does the lead fit our ideal customer profile? yes"),
        ("prospecting", "How many employees? 40"),
        ("prospecting", "How warm is the lead? warm"),
        ("preparation", "Who will you speak to? ops"),
        ("preparation", "What do they use now? acme crm"),
        ("approach", "What hurts most, in their words? Quotes take a week"),
        ("closing", "How did the call end? next step"),
        ("closing", "When is the agreed next step? 2026-03-18"),
        ("follow_up", "Did you ask for a referral? yes"),
    ]
    objections = db.execute(
        "SELECT step, objection, result, text FROM interactions WHERE kind = 'objection'"
    ).fetchall()
    assert objections == [
        ("approach", "price", "partly", "that is too expensive for our budget"),
        ("objections", "timing", "resolved", "call me next quarter, we are busy"),
    ]
    tasks = db.execute("SELECT title, due, status FROM tasks ORDER BY id").fetchall()
    assert tasks == [
        ("Agreed next step with Ada (ACME)", "2026-03-18", "open"),
        ("Send the recap", "2026-03-12", "open"),
        ("Check in", "2026-03-16", "dropped"),
    ]
    assert db.execute("SELECT count(*) FROM answers").fetchone() == (9,)
    assert db.execute("SELECT status FROM sessions").fetchall() == [("finished",)]
    assert db.execute("SELECT step, status, temperature FROM leads").fetchall() == [
        ("follow_up", "open", "warm")
    ]
    db.close()


def test_a_killed_walk_loses_no_answer_and_a_script_can_finish_it(tmp_path: Path) -> None:
    conn = open_store()
    add_lead(conn, {"name": "Ada", "company": "ACME", "playbook": "walkthrough"}, clock.now())
    conn.close()
    child = spawn("walk", "ACME", "--channel", "meeting")
    answer(child, "Does the lead fit", "y", "\r")
    answer(child, "How many employees?", "40", ENTER)
    answer(child, "How warm is the lead?", ENTER)
    answer(child, "Next?", ENTER)
    answer(child, "Who will you speak to?", ENTER)
    answer(child, "What do they use now?")
    child.kill(9)  # no chance to clean up: only what was already committed survives
    child.close()

    rest = tmp_path / "rest.yaml"
    rest.write_text(
        "approach: {pain: slow quotes, criteria_met: [1]}\n"
        "closing: {outcome: lost, loss_reason: no budget}\n",
        encoding="utf-8",
    )
    done = pexpect.run(
        f"{sys.executable} -m salescoach walk ACME --no-input --answers {rest}",
        env={**os.environ, "SALESCOACH_PLAYBOOK_PATH": str(FIXTURES / "playbooks")},
        withexitstatus=True,
        encoding="utf-8",
        timeout=20,
    )
    assert done[1] == 0, done[0]
    db = sqlite3.connect(database_path())
    fields = db.execute("SELECT field, value_json FROM answers ORDER BY field").fetchall()
    assert fields == [
        ("employees", "40"),
        ("fit", "true"),
        ("loss_reason", '"no budget"'),
        ("outcome", '"lost"'),
        ("pain", '"slow quotes"'),
        ("persona", '"finance"'),  # answered before the kill, recorded after the resume
        ("temperature", '"cold"'),
    ]
    assert db.execute("SELECT count(*) FROM interactions WHERE kind = 'answer'").fetchone() == (7,)
    assert db.execute(
        "SELECT count(*), min(channel) FROM interactions WHERE step = 'approach' "
        "AND kind = 'answer'"
    ).fetchone() == (1, "meeting")
    assert db.execute("SELECT status, status_reason FROM leads").fetchone() == ("lost", "no budget")
    assert db.execute("SELECT status FROM sessions").fetchall() == [("open",)]  # follow-up waits
    db.close()


def test_with_a_terminal_what_the_answers_file_leaves_out_is_asked(tmp_path: Path) -> None:
    conn = open_store()
    add_lead(conn, {"name": "Ada", "company": "ACME", "playbook": "walkthrough"}, clock.now())
    conn.close()
    answers = tmp_path / "answers.yaml"
    answers.write_text("prospecting: {fit: true, warmth: warm}\n", encoding="utf-8")
    child = spawn("walk", "ACME", "--answers", str(answers), "--until", "prospecting")
    answer(child, "Does the lead fit our ideal customer profile?")
    answer(child, "(answers file)")  # shown, not asked
    answer(child, "How many employees?", "12", ENTER)  # not in the file: asked
    answer(child, "How warm is the lead?")
    answer(child, "(answers file)")
    child.expect_exact("The walk is open; go on with: salescoach walk ACME")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    db = sqlite3.connect(database_path())
    assert db.execute("SELECT field, value_json FROM answers ORDER BY field").fetchall() == [
        ("employees", "12"),
        ("fit", "true"),
        ("temperature", '"warm"'),
    ]
    db.close()


def test_the_first_steps_panel_is_drawn_before_questionary_is_imported() -> None:
    conn = open_store()
    add_lead(conn, {"name": "Ada", "company": "ACME", "playbook": "walkthrough"}, clock.now())
    conn.close()
    # -X importtime writes each import to stderr, the same terminal, in the order they happen.
    child = spawn("walk", "ACME", python=("-X", "importtime"))
    child.expect_exact("1/7  Prospecting")
    assert "questionary" not in child.before and "prompt_toolkit" not in child.before
    child.expect_exact("Does the lead fit")
    child.close(force=True)


def test_a_second_walk_reads_its_playbook_from_the_compiled_cache_without_pydantic() -> None:
    conn = open_store()
    add_lead(conn, {"name": "Ada", "company": "ACME", "playbook": "walkthrough"}, clock.now())
    conn.close()
    for first in (True, False):
        child = spawn("walk", "ACME", python=("-X", "importtime"))
        child.expect_exact("Does the lead fit")
        imported = {line.rsplit("|", 1)[-1].strip() for line in child.before.splitlines()}
        child.close(force=True)
        compiling = {"yaml", "salescoach.core.playbook.loader", "pydantic"}
        assert compiling & imported == (compiling if first else set())
        assert not {"typer", "click", "typer._click"} & imported  # the light entry's walk
    assert {"salescoach.core.playbook.compiled", "salescoach.core.playbook.plain"} <= imported
