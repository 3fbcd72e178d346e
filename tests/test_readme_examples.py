"""The README's examples work as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from salescoach import clock
from salescoach.store.db import open_store
from salescoach.store.leads import add_lead
from tests.cli_helpers import run

README = Path(__file__).resolve().parent.parent / "README.md"


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
