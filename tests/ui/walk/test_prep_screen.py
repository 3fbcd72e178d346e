"""`salescoach prep` fits one screen: a lead walked through the README's example call on the
default playbook, at 120 columns, stays within 40 lines; `prep --json` keeps everything."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from salescoach import clock
from salescoach.actions.leads import add_lead
from salescoach.store.db import open_store
from salescoach.ui.console import Terminal
from tests.support.cli import run
from tests.support.paths import README

SCREEN_LINES = 40


def _walked_lead(tmp_path: Path) -> None:
    section = README.read_text().split("### Scripted walks", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, flags=re.S)
    assert example is not None
    answers = tmp_path / "call.yaml"
    answers.write_text(example.group(1))
    conn = open_store()
    fields = {
        "name": "Ada Lovelace",
        "company": "ACME",
        "email": "ada@acme.io",
        "phone": "+1 555 0100",
        "temperature": "warm",
        "playbook": "b2b-saas",
    }
    add_lead(conn, fields, clock.now())
    conn.close()
    walk = run("walk", "ACME", "--answers", str(answers), "--until", "presentation")
    assert walk.exit_code == 0, walk.stderr
    assert run("log", "ACME", "--channel", "call", "--note", "Month-end close").exit_code == 0


def test_prep_fits_one_screen_at_120_columns(tmp_path: Path) -> None:
    _walked_lead(tmp_path)
    screen, messages = io.StringIO(), io.StringIO()
    result = run("prep", "ACME", terminal=Terminal(stdout=screen, stderr=messages, width=120))
    assert result.exit_code == 0, messages.getvalue()
    text = screen.getvalue()
    lines = text.splitlines()
    assert len(lines) <= SCREEN_LINES, "\n".join(lines)
    assert max(len(line) for line in lines) <= 120
    assert lines[0].startswith("╭─ Ada Lovelace · ACME")  # who first, then contact and SLA
    assert "ada@acme.io · +1 555 0100" in lines[1] and "SLA" in lines[2]
    assert "warm · 5/7" in lines[4]
    for expected in ("Guidance", "Checklist", "Questions", "Recorded", "Talking pts", "Likely"):
        assert expected in text, expected
    assert "vs Tallybird" in text and "persona: finance" in text
    assert "Month-end close" in text


def test_prep_json_keeps_what_the_screen_leaves_out(tmp_path: Path) -> None:
    _walked_lead(tmp_path)
    brief = json.loads(run("prep", "ACME", "--json").stdout)
    assert len(brief["step"]["guidance"]) > 3
    assert len(brief["answers"]) > 10
    assert len(brief["battlecards"][0]["how_we_win"]) > 2
    assert all(o["ask"] for o in brief["likely_objections"])
