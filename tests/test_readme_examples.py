"""The README's examples work as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from salescoach import clock
from salescoach.actions.leads import add_lead
from salescoach.store.db import open_store
from tests.support.cli import run
from tests.support.paths import README


def test_the_answers_file_example_walks_a_whole_call_on_the_default_playbook(
    tmp_path: Path,
) -> None:
    section = README.read_text().split("### Scripted walks", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, flags=re.S)
    assert example is not None
    answers = tmp_path / "call.yaml"
    answers.write_text(example.group(1))
    conn = open_store()
    add_lead(conn, {"name": "Ada Lovelace", "company": "ACME", "playbook": "b2b-saas"}, clock.now())
    conn.close()
    result = run("walk", "ACME", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["status"] == "finished"
    assert record["outcome"]["outcome"] == "next_step"
    assert any(t["title"] == "Send Ada the pilot plan" for t in record["tasks"])


def test_an_agreed_next_step_cannot_be_in_the_past(tmp_path: Path) -> None:
    section = README.read_text().split("### Scripted walks", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, flags=re.S)
    assert example is not None
    answers = tmp_path / "call.yaml"
    answers.write_text(
        example.group(1).replace("next_step_date: next friday", "next_step_date: yesterday")
    )
    conn = open_store()
    add_lead(conn, {"name": "Ada Lovelace", "company": "ACME", "playbook": "b2b-saas"}, clock.now())
    conn.close()
    result = run("walk", "ACME", "--answers", str(answers), "--json")
    assert result.exit_code == 2
    assert "closing.next_step_date" in result.stderr and "is in the past" in result.stderr
    assert run("lead", "show", "ACME", "--json").exit_code == 0
    assert json.loads(run("lead", "show", "ACME", "--json").stdout)["timeline"] == []
