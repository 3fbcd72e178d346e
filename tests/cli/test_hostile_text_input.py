"""Hostile text at input, one attack each: ESC sequences, C1 controls, bidi overrides and
zero-width characters are refused in every free-text field a rep types, with exit 2 and
nothing written; files name the line; a multi-line note keeps its newlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run
from tests.support.leads import count, rows, use_test_playbooks

CLEAR_SCREEN = "x\x1b[2J"
HYPERLINK = "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07"
C1 = "x\x9b31m"
BIDI = "invoice\u202efdp.exe"
ZERO_WIDTH = "A\u200bda"
ATTACKS = {"clear screen": CLEAR_SCREEN, "hyperlink": HYPERLINK, "C1": C1, "bidi": BIDI}


@pytest.fixture(autouse=True)
def _lead(monkeypatch: pytest.MonkeyPatch) -> None:
    use_test_playbooks(monkeypatch)
    assert run("lead", "add", "Ada", "--playbook", "minimal").exit_code == 0
    assert run("tasks", "add", "Ada", "Call back", "--due", "tomorrow").exit_code == 0


def _refused(args: list[str], home: Path) -> str:
    before = {t: count(home, t) for t in ("interactions", "tasks")}
    tasks = rows(home, "SELECT title, status, reason FROM tasks")
    lead = rows(home, "SELECT * FROM leads")
    result = run(*args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert "invisible control character (U+" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {t: count(home, t) for t in before} == before
    assert rows(home, "SELECT title, status, reason FROM tasks") == tasks
    assert rows(home, "SELECT * FROM leads") == lead
    return result.stderr


@pytest.mark.parametrize("attack", sorted(ATTACKS))
@pytest.mark.parametrize(
    "args",
    [
        ["tasks", "add", "Ada", "{}", "--due", "tomorrow"],
        ["tasks", "add", "Ada", "Call", "--due", "tomorrow", "--note", "{}"],
        ["tasks", "edit", "1", "--title", "{}"],
        ["tasks", "done", "1", "--note", "{}"],
        ["tasks", "drop", "1", "--reason", "{}"],
        ["lead", "stage", "Ada", "closing", "--lost", "{}"],
        ["lead", "archive", "Ada", "--reason", "{}"],
        ["log", "Ada", "-m", "{}"],
        ["log", "Ada", "-c", "call", "-o", "{}"],
        ["lead", "add", "{}"],
        ["lead", "edit", "Ada", "--company", "{}"],
    ],
)
def test_a_typed_free_text_field_refuses_hostile_text(
    args: list[str], attack: str, salescoach_home: Path
) -> None:
    _refused([a.replace("{}", ATTACKS[attack]) for a in args], salescoach_home)


def test_zero_width_characters_are_refused_in_names_and_titles(salescoach_home: Path) -> None:
    assert "(U+200B)" in _refused(["lead", "add", ZERO_WIDTH], salescoach_home)
    _refused(["tasks", "add", "Ada", ZERO_WIDTH, "--due", "tomorrow"], salescoach_home)


def test_a_note_keeps_its_lines_and_windows_line_ends_become_newlines(
    salescoach_home: Path,
) -> None:
    assert run("log", "Ada", "-m", "first\r\nsecond\tthird").exit_code == 0
    [note] = json.loads(run("history", "--json").stdout)
    assert note["text"] == "first\nsecond\tthird"


def test_a_one_line_field_refuses_a_newline(salescoach_home: Path) -> None:
    _refused(["log", "Ada", "-c", "call", "-o", "keen\nforged"], salescoach_home)


def test_joiners_that_emoji_and_scripts_need_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467 Mehr\u200cdad"
    assert run("lead", "add", family, "--playbook", "minimal").exit_code == 0
    names = [lead["name"] for lead in json.loads(run("lead", "list", "--json").stdout)]
    assert family in names


def test_an_answers_file_that_spells_an_escape_is_refused_naming_its_line(
    salescoach_home: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "call.yaml"
    answers.write_text('prospecting: {fit: true}\npreparation:\n  decision_maker: "Ada\\e[2J"\n')
    result = run("walk", "Ada", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2
    assert f"{answers}:3" in result.stderr and "(U+001B)" in result.stderr
    assert count(salescoach_home, "answers") == 0


def test_an_answers_file_with_a_raw_bidi_override_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "call.yaml"
    answers.write_text(f"prospecting: {{fit: true}}\npreparation: {{decision_maker: {BIDI}}}\n")
    result = run("walk", "Ada", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2 and "(U+202E)" in result.stderr


@pytest.mark.parametrize("spelled", ['"Call\\e[2J"', '"Call\\u202e"', '"Call\\x9b"'])
def test_a_playbook_that_spells_a_control_character_fails_validation(
    tmp_path: Path, spelled: str
) -> None:
    source = (Path(__file__).parents[1] / "fixtures" / "playbooks" / "minimal.yaml").read_text()
    playbook = tmp_path / "hostile.yaml"
    playbook.write_text(source.replace("title: Prospecting", f"title: {spelled}", 1))
    result = run("playbook", "validate", str(playbook))
    assert result.exit_code == 1
    assert "invisible control character" in result.stdout + result.stderr


def test_a_csv_row_with_an_escape_is_a_bad_row_and_the_others_import(
    salescoach_home: Path, tmp_path: Path
) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text(f"name,company\nBob,Bobco\n{CLEAR_SCREEN},Evil\nCy,{BIDI}\n")
    result = run("lead", "import", str(leads), "--playbook", "minimal", "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [p["line"] for p in problems] == [3, 4]
    assert all("invisible control character" in p["message"] for p in problems)
    assert count(salescoach_home, "leads") == 2  # Ada, and Bob


def test_a_jsonl_import_cleans_an_old_stores_notes_and_refuses_a_hostile_name(
    salescoach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.leads import execute

    execute(salescoach_home, "UPDATE tasks SET title = ?, note = ?", "Call\x1b[2J back", C1)
    assert run("log", "Ada", "-m", "fine").exit_code == 0
    execute(salescoach_home, "UPDATE interactions SET text = ?", f"a\r\nb{HYPERLINK}{BIDI}")
    dump = tmp_path / "old.jsonl"
    assert run("export", "-o", str(dump)).exit_code == 0
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "restored"))
    restored = run("import", str(dump))
    assert restored.exit_code == 0, restored.stderr
    [task] = json.loads(run("tasks", "--json").stdout)
    assert (task["title"], task["note"]) == ("Call back", "x")
    [note] = json.loads(run("history", "--json").stdout)
    assert note["text"] == "a\nbclickinvoicefdp.exe"
    hostile_name = dump.read_text().replace('"name":"Ada"', '"name":"Ada\\u001b[2J"', 1)
    dump.write_text(hostile_name)
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "again"))
    refused = run("import", str(dump))
    assert refused.exit_code == 2 and "invisible control character" in refused.stderr
