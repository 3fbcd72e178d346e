"""`tasks`, `lead list` and `history` with `--json --limit 0` stream their arrays element by
element: the bytes are those the whole-list encoding wrote (fixtures made by it), whatever
text the rows hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.leads import add, execute, use_test_playbooks
from tests.support.paths import FIXTURES

LISTINGS = {
    "tasks": ("tasks", "--limit", "0", "--json", "--status", "all"),
    "tasks-explain": ("tasks", "--limit", "0", "--json", "--explain"),
    "leads": ("lead", "list", "--limit", "0", "--json", "--status", "all"),
    "history": ("history", "--limit", "0", "--json"),
}
# Text a terminal could act on, line separators, accents, emoji and quotes.
HOSTILE = "Zoë \u2028 “quoted” \\ \x1b[31m red \u0085 \u202e rtl 😀 \t tab"
STAMP = "2026-03-01T09:00:00+00:00"


def fill_store(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Three leads, their interactions and tasks, every stamp fixed."""
    use_test_playbooks(monkeypatch)
    for n, name in enumerate(("Ada Lovelace", "Zoë Ng", "Grace Hopper")):
        lead = add(name, "--company", f"Firm {n}")
        for day in (2, 5):
            at = f"2026-03-0{day} 1{n}:30"
            _ok("log", str(lead), "--channel", "call", "--note", "rang", "--at", at)
        _ok("tasks", "add", str(lead), f"Call {name}", "--due", f"2026-03-1{n + 1}")
    _ok("tasks", "done", "2", "--note", "spoke")
    _ok("lead", "archive", "3", "--reason", "gone")
    # What the commands refuse, as an older tool could have written it.
    execute(home, "UPDATE leads SET name = name || ?, company = ? WHERE id = 2", HOSTILE, HOSTILE)
    execute(home, "UPDATE interactions SET text = ? WHERE id % 2 = 0", HOSTILE)
    execute(home, "UPDATE tasks SET title = ?, note = ? WHERE id = 1", HOSTILE, HOSTILE)
    for table in ("leads", "tasks"):
        execute(home, f"UPDATE {table} SET created_at = ?, updated_at = ?", STAMP, STAMP)
    execute(home, "UPDATE tasks SET closed_at = ? WHERE closed_at IS NOT NULL", STAMP)
    execute(home, "UPDATE leads SET step_entered_at = ?, last_interaction_at = ?", STAMP, STAMP)
    execute(home, "UPDATE leads SET first_contact_at = ? WHERE first_contact_at NOT NULL", STAMP)
    # Whatever the machine's time zone; a day and an hour per interaction, in id order.
    execute(home, "UPDATE interactions SET at = printf('2026-03-%02dT09:00:00+00:00', id)")


def _ok(*args: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_streamed_json_is_the_whole_list_encoding(
    monkeypatch: pytest.MonkeyPatch, salescoach_home: Path, name: str
) -> None:
    fill_store(monkeypatch, salescoach_home)
    result = run(*LISTINGS[name])
    assert result.exit_code == 0, result.stderr
    expected = (FIXTURES / "listings" / f"{name}.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(expected)
    assert result.stdout == expected


@pytest.mark.parametrize(
    ("name", "message"),
    [("tasks", ""), ("leads", "no leads match\n"), ("history", "nothing logged yet\n")],
)
def test_an_empty_streamed_listing_is_an_empty_array(name: str, message: str) -> None:
    result = run(*LISTINGS[name])
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("[]\n", message)
