"""Every view escapes the stored text it shows: a store written before hostile text was
refused (seeded here straight through sqlite3, as an old store or a synced row would be) holds
ESC sequences, C1 controls, bidi overrides, zero-width characters and forged lines in every
text column, and no view lets one raw control character reach stdout or stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from salescoach.core.kernel.safe_text import first_unsafe
from tests.support.cli import run
from tests.support.leads import execute, rows
from tests.support.paths import README, TRANSCRIPTS

HOSTILE = (
    "Ada\x1b[2J\x1b]8;;http://evil.example\x07click\x1b]8;;\x07\x9b31m\u202eevil\u2066"
    "\r\n2026-01-01 09:00  forged line\x85\u200b[/bold][link=http://evil.example]x[/link]\x7f"
)
LEAD_COLUMNS = (
    "name", "company", "email", "phone", "source", "owner", "job_title", "crm_id",
    "status_reason",
)  # fmt: skip


@pytest.fixture
def hostile_store(salescoach_home: Path, tmp_path: Path) -> dict[str, str]:
    """A walked lead with tasks, notes and answers, then hostile text in every text column."""
    section = README.read_text().split("### Scripted walks", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, flags=re.S)
    assert example is not None
    answers = tmp_path / "call.yaml"
    answers.write_text(example.group(1))
    assert run("lead", "add", "Ada Lovelace", "--company", "ACME").exit_code == 0
    walked = run("walk", "ACME", "--answers", str(answers), "--until", "presentation")
    assert walked.exit_code == 0, walked.stderr
    assert run("log", "ACME", "-c", "call", "-m", "Month-end close", "-o", "keen").exit_code == 0
    assert run("tasks", "add", "ACME", "Call back", "--due", "today").exit_code == 0
    assert run("tasks", "add", "ACME", "Drop me", "--due", "tomorrow").exit_code == 0
    assert run("tasks", "drop", "2", "--reason", "later").exit_code == 0
    assert run("goal", "set", "calls", "5", "--per", "week").exit_code == 0
    for column in LEAD_COLUMNS:
        execute(salescoach_home, f"UPDATE leads SET {column} = ?", HOSTILE)
    execute(salescoach_home, "UPDATE interactions SET text = ?, result = ?", HOSTILE, HOSTILE)
    execute(salescoach_home, "UPDATE tasks SET title = ?, note = ?", HOSTILE, HOSTILE)
    execute(salescoach_home, "UPDATE tasks SET reason = ? WHERE reason IS NOT NULL", HOSTILE)
    execute(
        salescoach_home,
        "UPDATE answers SET value_json = ?, question = ? WHERE field = 'pain'",
        json.dumps(HOSTILE),
        HOSTILE,
    )
    lead = rows(salescoach_home, "SELECT id FROM leads")[0]["id"]
    return {"lead": str(lead), "answers": str(answers)}


def _views(lead: str, answers: str) -> list[list[str]]:
    transcript = str(TRANSCRIPTS / "demo_zoom.vtt")
    views = [
        ["tasks"], ["tasks", "--status", "all"], ["plan"], ["plan", "-f", "markdown"],
        ["lead", "show", lead], ["lead", "list"], ["lead", "list", "--status", "active"],
        ["prep", lead], ["history"], ["history", lead], ["report"], ["report", "--markdown"],
        ["objection", "too", "expensive", "--lead", lead, "--no-log"], ["objections", "stats"],
        ["review", transcript, "-r", "Priya", "--lead", lead, "--no-log"],
        ["review", transcript, "-r", "Priya", "--lead", lead, "--no-log", "-f", "markdown"],
        ["walk", lead, "--answers", answers, "--until", "objections", "--no-input"],
        ["playbook", "show", "b2b-saas"],
    ]  # fmt: skip
    json_views = [
        v for v in views if v[0] not in ("walk", "plan") and "-f" not in v and "--markdown" not in v
    ]
    return [*views, ["plan", "-f", "json"], *([*view, "--json"] for view in json_views)]


def test_no_view_prints_a_raw_control_character_of_stored_text(
    hostile_store: dict[str, str],
) -> None:
    shown_escaped = 0
    for args in _views(hostile_store["lead"], hostile_store["answers"]):
        result = run(*args)
        for stream, data in (("stdout", result.stdout_bytes), ("stderr", result.stderr_bytes)):
            text = data.decode("utf-8")
            char = first_unsafe(text, multiline=True)
            assert char is None, (args, stream, f"U+{ord(char or ' '):04X}", text[-800:])
            assert "\x1b" not in text and "\r" not in text, (args, stream)
            assert "Traceback" not in text, (args, stream, text[-2000:])
        shown_escaped += "\\x1b[2J" in result.stdout or "\\u001b[2J" in result.stdout
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
    assert shown_escaped >= 18  # the views did show the hostile text, escaped


def test_a_multi_line_note_cannot_forge_a_history_line(hostile_store: dict[str, str]) -> None:
    for args in (["history"], ["history", hostile_store["lead"]]):
        lines = run(*args).stdout.splitlines()
        assert not any(line.startswith("2026-01-01 09:00  forged") for line in lines)
        assert any(line.lstrip().startswith("2026-01-01 09:00  forged") for line in lines)
    timeline = run("lead", "show", hostile_store["lead"]).stdout.split("Timeline", 1)[1]
    forged = [line for line in timeline.splitlines() if "forged line" in line]
    assert forged and all(line.startswith(" " * 20) for line in forged)


def test_json_views_carry_the_stored_text_exactly_as_escapes(
    hostile_store: dict[str, str],
) -> None:
    result = run("lead", "show", hostile_store["lead"], "--json")
    assert "\x9b" not in result.stdout and "\\u009b" in result.stdout
    assert json.loads(result.stdout)["lead"]["name"] == HOSTILE
